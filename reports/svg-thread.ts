// The report's charts drawn as SVG on threads of their own. Loading the chart renderer (vega and
// vega-lite) and rendering the charts is most of a report's time, and its critical path: on
// worker threads it runs beside what this thread does meanwhile (the process maps, whose elkjs
// is as slow, and the pages). So the threads are started before the charts are known, and load
// the renderer while this thread reads and checks the results; each chart is handed to them as
// soon as its spec is built, and they take the charts from one shared queue, each the next one
// when it is free. With more than two cores up to four threads draw; with one, this thread
// draws them all when its own work is done.
// Invariant: the SVGs are exactly what renderSvg returns in this thread (the same code and
// text widths run there; each chart is drawn from its spec alone, whichever thread draws it and
// whatever it drew before; the specs travel by structured clone, which keeps -0, NaN and own
// `__proto__` keys), in the order the specs were given, whatever the number of threads and
// whichever took which chart.
import { threadExecArgv } from '../engine/thread-options.js';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TopLevelSpec } from 'vega-lite';

const WORKER = join(import.meta.dirname, 'svg-worker.js');

/**
 * What a drawing thread is started with: the shared queue's head, an Int32Array's buffer whose
 * [0] is the next chart to take; and `loaded`, whose [0] counts the threads that have loaded the
 * renderer (read by a thread too busy to take their messages: ChartDrawing.hasLoaded).
 */
export interface DrawingQueue {
  next: SharedArrayBuffer;
  loaded: SharedArrayBuffer;
}

/** What a drawing thread is sent: that it may load the renderer, each chart's spec, in order, then how many there are. */
export type ChartMessage = { load: true } | { spec: TopLevelSpec } | { count: number };

/**
 * What a drawing thread posts: that it has loaded Node's own modules and waits to be told to load
 * the renderer, that it has loaded the renderer, a chart it drew, or that it found the queue at its end.
 */
export type DrawnMessage = { started: true } | { loaded: true } | { index: number; svg: string } | { done: true };

/** The charts' drawing, started before the charts are known. */
export interface ChartDrawing {
  /** Hands the next chart to the threads (its index is the number of charts handed before it). */
  draw(spec: TopLevelSpec): void;
  /** The SVGs, in the order the specs were handed, once every chart is drawn; no chart is handed after. */
  finish(): Promise<string[]>;
  /** Ends the threads, drawn or not (a file that turned out to need no charts, a failure). */
  stop(): void;
  /**
   * Settled once every thread has loaded the renderer (its script, with the script's code
   * cache), before it draws; with no threads, once `finish` has loaded it in this thread. Never
   * settled for a thread that fails first. What is left after it is drawing (the caller may
   * then change V8's flags, which a code cache taken later would have to match: bin/v8-flags.ts).
   */
  loaded(): Promise<void>;
  /** Whether `loaded` has happened, read at once (the threads' messages wait for this thread's next turn of its event loop). */
  hasLoaded(): boolean;
  /**
   * Settled once `beforeRenderer` (startChartDrawing) has been called: when every thread has
   * started and loaded Node's own modules, or has failed (which `finish` then reports); with no
   * threads, or none to call, at once. Never called once the drawing is stopped.
   */
  started(): Promise<void>;
}

/** One thread per core but one (this thread's), at most four. */
export function defaultThreads(): number {
  return Math.min(4, availableParallelism() - 1);
}

/**
 * Starts `threads` drawing threads at once, each loading Node's own modules, then, once all
 * have, the renderer, and then waiting for charts; with none, or where the compiled worker is
 * absent (the TypeScript sources run by the tests), the charts are drawn in this thread, by
 * `finish`. `beforeRenderer` is called between the two (at once with no threads): V8 flags
 * changed there do not reject the code caches Node's modules are compiled from in the threads
 * (bin/v8-flags.ts), and are in force as the renderer loads. A thread waiting for charts that
 * never come does not keep the process alive.
 */
export function startChartDrawing(threads = defaultThreads(), beforeRenderer?: () => void): ChartDrawing {
  const queue: DrawingQueue = { next: new SharedArrayBuffer(4), loaded: new SharedArrayBuffer(4) };
  const drawing = threads >= 1 && existsSync(WORKER) ? Array.from({ length: threads }, () => startThread(queue)) : [];
  let stopped = false;
  const specs: TopLevelSpec[] = [];
  let finished = false;
  // with nothing to call, each thread is told at once: it loads the renderer as soon as it has started, however busy this thread is then
  if (beforeRenderer === undefined || drawing.length === 0) {
    beforeRenderer?.();
    for (const thread of drawing) thread.send({ load: true });
  } else for (const { worker } of drawing) worker.ref();
  const started =
    beforeRenderer === undefined || drawing.length === 0
      ? Promise.resolve()
      : Promise.all(drawing.map((t) => t.started)).then(() => {
          // held until now: the caller may be awaiting this alone
          if (!finished) for (const { worker } of drawing) worker.unref();
          if (stopped) return; // the caller is done with the drawing: its flags are its own again
          beforeRenderer();
          for (const thread of drawing) thread.send({ load: true });
        });
  // with no threads, drawHere loads the renderer in this thread and calls loadedHere
  let hereLoaded = false;
  let loadedHere = () => {};
  const loaded =
    drawing.length > 0
      ? Promise.all(drawing.map((t) => t.loaded)).then(() => {})
      : new Promise<void>((resolve) => {
          loadedHere = () => {
            hereLoaded = true;
            resolve();
          };
        });
  const loadedCount = new Int32Array(queue.loaded);
  const stop = () => {
    stopped = true;
    for (const { worker } of drawing) void worker.terminate();
  };
  return {
    draw(spec) {
      if (finished) throw new Error('ChartDrawing.draw: a chart handed after finish');
      specs.push(spec);
      for (const thread of drawing) thread.send({ spec });
    },
    async finish() {
      if (finished) throw new Error('ChartDrawing.finish: called twice');
      finished = true;
      if (drawing.length === 0) return drawHere(specs, loadedHere);
      try {
        const svgs: string[] = new Array(specs.length);
        for (const drawn of await Promise.all(drawing.map((thread) => thread.end(specs.length))))
          for (const [i, svg] of drawn) svgs[i] = svg;
        return svgs;
      } catch (err) {
        stop(); // the drawing has failed: the other threads' charts are not wanted
        throw err;
      }
    },
    stop,
    loaded: () => loaded,
    hasLoaded: () => (drawing.length > 0 ? Atomics.load(loadedCount, 0) >= drawing.length : hereLoaded),
    started: () => started,
  };
}

/** The SVGs of the specs, drawn by `threads` threads (the tests' way in). */
export function drawCharts(specs: readonly TopLevelSpec[], threads = defaultThreads()): Promise<string[]> {
  const drawing = startChartDrawing(threads);
  for (const spec of specs) drawing.draw(spec);
  return drawing.finish();
}

/** A drawing thread: its charts are sent as they come; `end` says how many there are and gives what it drew, by index. */
interface Thread {
  worker: Worker;
  /** settled when the thread has loaded Node's modules and waits to load the renderer, or has failed (and will not load it) */
  started: Promise<void>;
  /** settled when the thread has loaded the renderer */
  loaded: Promise<void>;
  send(message: ChartMessage): void;
  end(count: number): Promise<Map<number, string>>;
}

function startThread(queue: DrawingQueue): Thread {
  const worker = new Worker(WORKER, { workerData: queue, execArgv: threadExecArgv() });
  const drawn = new Map<number, string>();
  let startedNow: () => void = () => {};
  const started = new Promise<void>((r) => (startedNow = r));
  let loadedNow: () => void = () => {};
  const loaded = new Promise<void>((r) => (loadedNow = r));
  // settled when the thread has drawn its last chart, or has failed (also before it was given any:
  // the renderer failed to load); awaited only by `end`, so a thread that fails unasked
  // is not an unhandled rejection
  const ended = new Promise<Map<number, string>>((resolve, reject) => {
    worker.on('message', (m: DrawnMessage) => {
      if ('started' in m) startedNow();
      else if ('loaded' in m) loadedNow();
      else if ('done' in m) resolve(drawn);
      else drawn.set(m.index, m.svg);
    });
    worker.once('error', reject);
    // after 'done' this rejects a settled promise, which does nothing
    worker.once('exit', (code) => reject(new Error(`a chart-drawing thread stopped (exit code ${code}) before it drew its charts`)));
  });
  ended.catch(() => {});
  ended.then(startedNow, startedNow); // a thread that failed first will not start: the others are not kept waiting for it
  worker.unref(); // until it is told how many charts to draw: a command that fails first still ends
  return {
    worker,
    started,
    loaded,
    send: (message) => worker.postMessage(message),
    end(count) {
      worker.ref();
      worker.postMessage({ count } satisfies ChartMessage);
      return ended;
    },
  };
}

async function drawHere(specs: readonly TopLevelSpec[], loaded: () => void): Promise<string[]> {
  const { renderSvg } = await import('./svg.js');
  loaded();
  const svgs: string[] = [];
  // each from a copy, as a thread draws its structured clone: vega marks the data rows it reads (their ids)
  for (const spec of specs) svgs.push(await renderSvg(structuredClone(spec)));
  return svgs;
}
