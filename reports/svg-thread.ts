// The report's charts drawn as SVG on threads of their own. Loading vega and vega-lite and
// rendering the charts is most of a report's time; on worker threads it runs beside what this
// thread draws meanwhile (the process maps, whose elkjs is as slow to load, and the pages),
// and this thread never loads vega at all. With more than two cores the charts are shared
// among up to four threads, each of which loads vega once.
// Invariant: the SVGs are exactly what renderSvg returns in this thread (the same code and
// text widths run there; the specs travel by structured clone, which keeps -0, NaN and own
// `__proto__` keys), in the specs' order, whatever the number of threads.
import { threadExecArgv } from '../engine/thread-options.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';

const WORKER = new URL('./svg-worker.js', import.meta.url);

/** A chart's rendering costs about a fixed part plus a part growing with its inline data. */
const FIXED_COST_CHARS = 20_000;

/**
 * Starts drawing at once; the promise holds the SVGs. `threads` defaults to one per core but
 * one (this thread's), at most four; with none, or where the compiled worker is absent (the
 * TypeScript sources run by the tests), they are drawn in this thread.
 */
export function drawCharts(specs: readonly TopLevelSpec[], threads = Math.min(4, availableParallelism() - 1)): Promise<string[]> {
  const n = Math.min(threads, specs.length);
  if (n < 1 || !existsSync(fileURLToPath(WORKER))) return drawHere(specs);
  const shares = shareOut(specs, n);
  return Promise.all(shares.map((share) => drawOnThread(share.map((i) => specs[i])))).then((drawn) => {
    const svgs: string[] = new Array(specs.length);
    shares.forEach((share, t) => share.forEach((i, k) => (svgs[i] = drawn[t][k])));
    return svgs;
  });
}

/** The specs' indexes dealt to n threads, longest first, each to the least loaded (in order within a thread). */
function shareOut(specs: readonly TopLevelSpec[], n: number): number[][] {
  const cost = specs.map((s) => FIXED_COST_CHARS + JSON.stringify(s).length);
  const shares: number[][] = Array.from({ length: n }, () => []);
  const load = new Array<number>(n).fill(0);
  for (const i of specs.map((_, i) => i).sort((a, b) => cost[b] - cost[a] || a - b)) {
    const t = load.indexOf(Math.min(...load));
    shares[t].push(i);
    load[t] += cost[i];
  }
  return shares.map((share) => share.sort((a, b) => a - b));
}

function drawOnThread(specs: TopLevelSpec[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: specs, execArgv: threadExecArgv() });
    worker.once('message', resolve);
    worker.once('error', reject);
    // after the message this rejects a settled promise, which does nothing
    worker.once('exit', (code) => reject(new Error(`a chart-drawing thread stopped (exit code ${code}) before it drew its charts`)));
  });
}

async function drawHere(specs: readonly TopLevelSpec[]): Promise<string[]> {
  const { renderSvg } = await import('./svg.js');
  const svgs: string[] = [];
  for (const spec of specs) svgs.push(await renderSvg(spec));
  return svgs;
}
