// A chart-drawing thread (svg-thread.ts starts it): loads the renderer at once, before it is
// given any chart, and says so, then takes charts from the shared queue as their specs arrive, draws each
// with renderSvg and posts its SVG at once, until the queue is past the last chart. A spec that
// fails to render rejects the whole drawing (the worker's error reaches the caller).
import { parentPort, workerData } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartMessage, DrawingQueue, DrawnMessage } from './svg-thread.js';
import { renderSvg } from './svg.js';

const port = parentPort!;
const queue = new Int32Array((workerData as DrawingQueue).next);
const loaded = new Int32Array((workerData as DrawingQueue).loaded);
const specs: TopLevelSpec[] = [];
let count = -1; // unknown until the caller has handed every chart
let arrived: (() => void) | null = null;
port.on('message', (m: ChartMessage) => {
  if ('spec' in m) specs.push(m.spec);
  else count = m.count;
  arrived?.();
});

const post = (m: DrawnMessage) => port.postMessage(m);
// the renderer is an import of this module: loaded before this line runs
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
