// A chart-drawing thread (svg-thread.ts starts it): loads Node's own modules that the renderer
// needs and says so, loads the renderer once told to (the caller may change V8's flags in
// between: bin/v8-flags.ts) and says so, then takes charts from the shared queue as their specs
// arrive, draws each with renderSvg and posts its SVG at once, until the queue is past the last
// chart. A spec that fails to render rejects the whole drawing (the worker's error reaches the caller).
import { parentPort, workerData } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartMessage, DrawingQueue, DrawnMessage } from './svg-thread.js';

const port = parentPort!;
const queue = new Int32Array((workerData as DrawingQueue).next);
const loaded = new Int32Array((workerData as DrawingQueue).loaded);
const specs: TopLevelSpec[] = [];
let count = -1; // unknown until the caller has handed every chart
let arrived: (() => void) | null = null;
let toldToLoad: () => void = () => {};
const mayLoad = new Promise<void>((resolve) => (toldToLoad = resolve));
port.on('message', (m: ChartMessage) => {
  if ('load' in m) toldToLoad();
  else if ('spec' in m) specs.push(m.spec);
  else count = m.count;
  arrived?.();
});

const post = (m: DrawnMessage) => port.postMessage(m);
loadRenderersNodeModules();
post({ started: true });
await mayLoad;
const { renderSvg } = await import('./svg.js');
Atomics.add(loaded, 0, 1);
post({ loaded: true });
for (;;) {
  const index = Atomics.add(queue, 0, 1);
  // the chart taken is drawn once its spec is here; past the last, the thread is done
  while (index >= specs.length && (count < 0 || index < count)) await new Promise<void>((resolve) => (arrived = resolve));
  if (index >= specs.length) break;
  post({ index, svg: await renderSvg(specs[index]) });
}
post({ done: true });
port.close();

/**
 * The Node modules the renderer loads that this thread's start has not (bin/load-cli.cjs' node:url,
 * node:vm and node:zlib, and perf_hooks behind the `performance` global, which d3-timer reads as
 * the renderer's script is evaluated), loaded before the caller may raise V8's interrupt budget:
 * Node compiles its modules from caches made under its start-up flags, which V8 rejects under any
 * other (about 168 M instructions for a thread's start under the report's budget; session 52).
 * test/bin/v8-flags.test.ts holds that the thread loads none after.
 */
function loadRenderersNodeModules(): void {
  for (const name of ['node:url', 'node:vm', 'node:zlib']) process.getBuiltinModule(name);
  void performance.now();
}
