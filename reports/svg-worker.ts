// A chart-drawing thread (svg-thread.ts starts it): loads the renderer at once, before it is
// given any chart, and says so; until the first spec arrives it draws the rehearsal's charts
// (reports/rehearsal.ts) and throws them away, then takes charts from the shared queue as their specs
// arrive, draws each with renderSvg and posts its SVG at once, until the queue is past the last
// chart. A spec that fails to render rejects the whole drawing (the worker's error reaches the caller).
// Invariant: a spec that arrives during the rehearsal waits for one rehearsal chart at most.
import { parentPort, workerData } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartMessage, DrawingQueue, DrawnMessage } from './svg-thread.js';
import { rehearsalSpecs } from './rehearsal.js';
import { renderSvg } from './svg.js';

const port = parentPort!;
const queue = new Int32Array((workerData as DrawingQueue).next);
const loaded = new Int32Array((workerData as DrawingQueue).loaded);
const rehearsed = new Int32Array((workerData as DrawingQueue).rehearsed);
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
await rehearse();
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
 * Draws the rehearsal's charts while no chart has arrived, nor the word that none will: between
 * two, a turn of the event loop lets a message that came meanwhile in (a drawing runs in one turn).
 * A rehearsal that fails ends there, unsaid: it is no chart of the report's (the tests draw it).
 */
async function rehearse(): Promise<void> {
  try {
    for (const spec of rehearsalSpecs()) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (specs.length > 0 || count >= 0) return;
      await renderSvg(spec);
      Atomics.add(rehearsed, 0, 1);
    }
  } catch {
    // the report's own charts are drawn as if the thread had not rehearsed
  }
}
