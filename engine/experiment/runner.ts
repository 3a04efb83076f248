// Where replications run: in this thread (`workers: 1`) or on a piscina pool. Either way a
// batch of tasks comes back in task order, so the worker count never changes a number; and a
// batch in which replications fail fails with the first of them in task order (the one a run
// in this thread stops at), so the worker count never changes the message either.
// A runner outlives one experiment: sizing evaluates batch after batch on the same warm pool.
// piscina is required when a pool starts: a run in this thread never loads it (~14 ms).
// A pool starts no more threads than its batch has tasks: `workers` is the most it may have.
// Each thread loads the engine (some MB, a fraction of a second of a core), so `-w 1000` for 4
// replications started 1000 threads (2 min 26 s, 6.4 GB on 2 cores; s32x finding 7). A later
// batch with more tasks (a --precision round, --sensitivity's) gets a larger pool, up to
// `workers`; the count never changes a number, only how many replications run at once.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { assertThreadCodeIntact, threadExecArgv } from '../thread-options.js';
import { metricLayout } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import type { ReplicationStats } from '../sim/replication-summary.js';
import { runReplicationInSlices, type SliceOptions, yieldToEventLoop } from '../sim/replicate.js';
import { emptyShelf } from '../sim/store-shelf.js';
import type { UnderLoweredBudget } from '../sim/thread-warm-ups.js';
import { shapeOf, unpack } from './packing.js';
import { recoverCode, ReplicationFailed } from '../failure.js';
import type { ReplicationTask } from './worker.js';

export interface Runner {
  /** the threads the replications ran on, at most --workers: a pool's, the most it had (1 before any batch, and in this thread) */
  readonly workers: number;
  run(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]>;
  close(): Promise<void>;
}

/**
 * piscina's CommonJS main, required when a pool starts (a run in this thread never loads it). Not
 * import()ed: its package's `import` condition is an ES wrapper of that main, so an import() had
 * Node set up its ES-module loader in this thread and parse the main with cjs-module-lexer to name
 * its exports, modules that nothing else of `run --no-report` loads (session 56: the main thread's
 * modules 127 -> 113, docs/performance-notes.md). In the bundle the script's own require, which gives
 * piscina bundled, from a script of its own with its code cache (bin/load-cli.cjs piscinaScript);
 * dist/'s ES modules, which have none, take node:module's, node_modules' piscina.
 */
function piscinaPackage(): typeof import('piscina') {
  return typeof require === 'function'
    ? require('piscina')
    : process.getBuiltinModule('node:module').createRequire(import.meta.url)('piscina');
}

/**
 * The worker a pool's threads run, a path; tests point a pool at one that fails (a file URL). In
 * the bundle (where import.meta.filename is the CommonJS script's own, dist/cli/*.cjs) the script
 * beside it that pool-entry.cts loads with its code cache (bin/load-cli.cjs WORKER_SCRIPT), in
 * dist/ the ES module. Not told by `typeof require`: vitest gives dist/'s ES modules a require.
 * Paths, not URLs, here and for POOL_ENTRY: this module is evaluated by every run, `-w 1`
 * included, and a `new URL` has V8 compile some 15 functions of Node's URL class
 * (docs/performance-notes.md, session 59).
 */
const WORKER = import.meta.filename.endsWith('.cjs') ? join(import.meta.dirname, 'worker.cjs') : join(import.meta.dirname, 'worker.js');
/** What piscina loads in each thread: it loads the worker (why not hand piscina the worker: pool-entry.cts). */
const POOL_ENTRY = join(import.meta.dirname, 'pool-entry.cjs');

export interface RunnerOptions {
  /** run even a single worker on its own thread, keeping this one free (a queue worker renews its job locks from it) */
  offThread?: boolean;
  /**
   * start all `workers` threads as the pool is made, whatever the batches: a queue worker's, whose
   * batches are one job's task each, run as many at once as it has threads. Otherwise a pool
   * starts as many threads as its batch has tasks, up to `workers`, as its first batch comes
   * (or as the runner is made: firstBatch).
   */
  allThreads?: boolean;
  /**
   * the tasks of the first batch, where the command knows them before it makes the batch (its
   * input read and checked): the pool starts as many threads as that batch will want as it is
   * made, so that they start while the command prepares the batch (bin/runner.ts)
   */
  firstBatch?: number;
  /**
   * in this thread (`workers: 1`), the horizon's warm-up under a lowered V8 interrupt budget: the command line's
   * (engine/sim/thread-warm-ups.ts, UnderLoweredBudget; bin/v8-flags.ts)
   */
  underLoweredBudget?: UnderLoweredBudget;
  /** in this thread, V8's interrupt budget lowered for the first replication's first slice: the command line's (SliceOptions.loopStartLowered) */
  lowerLoopStartBudget?: () => (() => void) | null;
}

export function createRunner(workers: number, worker: string | URL = WORKER, options: RunnerOptions = {}): Runner {
  return workers <= 1 && !options.offThread
    ? new InProcessRunner({ underLowered: options.underLoweredBudget ?? null, loopStartLowered: options.lowerLoopStartBudget ?? null })
    : new PoolRunner(Math.max(1, workers), worker, options.allThreads === true ? workers : options.firstBatch);
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Replications in this thread, in slices with the event loop let run between them (every
 * 50 ms or so), so that Ctrl-C lands within a second even in a long replication. Once closed,
 * the replication under way stops at its next slice. The store shelf (engine/sim/store-shelf.ts)
 * is kept from one batch to the next, so that a command of many batches (size, bottlenecks,
 * run --precision or --sensitivity) writes its stores' pages once, not once a batch; it is let go
 * when the runner is closed, or by releaseShelf before a report that comes first.
 */
class InProcessRunner implements Runner {
  readonly workers = 1;
  private closed = false;
  constructor(private readonly budgets: Pick<SliceOptions, 'underLowered' | 'loopStartLowered'>) {}
  private readonly pause = async () => {
    await yieldToEventLoop();
    if (this.closed) throw new Error('the run was stopped');
  };

  async run(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    const out: ReplicationStats[] = [];
    for (const t of tasks) {
      try {
        out.push(await runReplicationInSlices(t.model, t.replication, t.seed, t.maxWip, this.pause, this.budgets));
      } catch (err) {
        throw new ReplicationFailed(t, err);
      }
      onDone?.();
      await this.pause(); // lets a progress line draw between short replications too
    }
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    releaseShelf();
  }
}

/** A piscina pool of a fixed number of threads. */
interface Pool {
  readonly threads: number;
  readonly piscina: Promise<Piscina>;
}

/**
 * Replications on worker threads. The pool has a fixed number of threads (minThreads =
 * maxThreads: piscina's own growth depends on timing): as many as the batch has tasks, up to
 * `most`; a later batch with more tasks replaces it with a larger one (the old one ends once its
 * tasks are done), so a command's threads are the most its batches could use, never more. The
 * batches of a fitted pool come one at a time (a command's); a queue worker's runs concurrently,
 * on all its threads from the start (allThreads).
 */
class PoolRunner implements Runner {
  private pool: Pool | null = null;
  /** retired pools closing: waited for by close() */
  private readonly retiring: Promise<unknown>[] = [];
  private readonly shapes = new WeakMap<Model, ReturnType<typeof shapeOf>>();
  /** Set once the pool cannot run anything more; every later run() fails with it. */
  private failure: Error | null = null;
  /** The run() calls under way, told of a failure as it happens. */
  private readonly failureListeners = new Set<(failure: Error) => void>();
  private closing = false;

  /** `firstTasks`: the tasks a pool is started for at once (RunnerOptions allThreads, firstBatch), if any. */
  constructor(
    private readonly most: number,
    private readonly worker: string | URL,
    firstTasks: number | undefined,
  ) {
    // its failure (a damaged install) is the first batch's, which awaits the same promise: not an unhandled rejection
    // meanwhile, which would end the process with a stack trace, nor when a command fails before its batch
    if (firstTasks !== undefined && firstTasks > 0) this.poolFor(firstTasks).catch(() => undefined);
  }

  get workers(): number {
    return this.pool?.threads ?? 1;
  }

  /** The pool for a batch of `tasks`: the one there is, or a larger one when it has more tasks than threads (up to `most`). */
  private poolFor(tasks: number): Promise<Piscina> {
    const wanted = Math.min(this.most, Math.max(1, tasks));
    const old = this.pool;
    if (old !== null && old.threads >= wanted) return old.piscina;
    if (old !== null) {
      // close, not destroy: it ends the threads once the tasks they hold are done
      this.retiring.push(old.piscina.then((p) => p.close()).catch(() => undefined));
    }
    this.pool = this.startPool(wanted);
    return this.pool.piscina;
  }

  private startPool(threads: number): Pool {
    // a pool's failures are the runner's while it is the runner's pool: not as it closes, nor once a larger one replaced it
    const heard = () => !this.closing && this.pool?.piscina === piscina;
    // the bundle's code files checked (assertThreadCodeIntact: a cut-short one told in one line, not by the
    // thread that fails on it) while piscina loads, before any thread starts
    const piscina = assertThreadCodeIntact().then(() => {
      const { Piscina } = piscinaPackage();
      const pool = new Piscina({
        filename: POOL_ENTRY,
        workerData: typeof this.worker === 'string' ? this.worker : fileURLToPath(this.worker), // a path, as pool-entry.cts reads it
        minThreads: threads,
        maxThreads: threads,
        execArgv: threadExecArgv(),
      });
      // piscina rejects a task whose worker throws or dies. It tells of a worker that fails holding
      // no task (while it loads, or as the pool closes) only by an 'error' event, which unheard
      // crashes the process; and once workers die while they start it stops replacing them,
      // and queued tasks would wait for ever.
      pool.on('error', (err: unknown) => {
        if (heard()) this.fail(new Error(`a simulation worker failed: ${messageOf(err)}`, { cause: err }));
      });
      pool.on('workerDestroy', () =>
        // after piscina has removed the worker and started any replacement
        queueMicrotask(() => {
          if (heard() && pool.threads.length === 0) this.fail(new Error('every simulation worker exited while starting'));
        }),
      );
      return pool;
    });
    // A pool that cannot be made fails the first run() that awaits it; until then its rejection
    // is not "unhandled" (which would end the process with a stack trace).
    piscina.catch(() => undefined);
    return { threads, piscina };
  }

  async run(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    if (this.failure) throw this.failure;
    let stop!: (failure: Error) => void;
    const failed = new Promise<never>((_, reject) => (stop = reject));
    this.failureListeners.add(stop);
    try {
      return await Promise.race([failed, this.runAll(tasks, onDone)]);
    } finally {
      this.failureListeners.delete(stop); // a listener kept would keep this batch's results alive
    }
  }

  private fail(failure: Error): void {
    if (this.closing) return;
    this.failure ??= failure;
    for (const stop of this.failureListeners) stop(this.failure);
  }

  private async runAll(tasks: readonly ReplicationTask[], onDone?: () => void): Promise<ReplicationStats[]> {
    if (tasks.length === 0) return []; // no thread started for nothing (a shard of more shards than tasks)
    const pool = await this.poolFor(tasks.length);
    return inTaskOrder(
      tasks.map(async (t) => {
        let buffer: Float64Array;
        try {
          buffer = await pool.run(t);
        } catch (err) {
          throw new ReplicationFailed(t, recoverCode(err)); // piscina rejects when the task throws and when its worker exits
        }
        onDone?.();
        return unpack(buffer, this.shapeOf(t.model));
      }),
    );
  }

  async close(): Promise<void> {
    this.closing = true;
    const pool = await this.pool?.piscina.catch(() => null); // never made: nothing to close
    await pool?.destroy();
    await Promise.all(this.retiring);
  }

  private shapeOf(model: Model) {
    let shape = this.shapes.get(model);
    if (!shape) this.shapes.set(model, (shape = shapeOf(model, metricLayout(model))));
    return shape;
  }
}

/**
 * The results of a batch's tasks, in task order; when some fail, the failure of the first
 * failing task in task order, once every task before it has ended. Not the first failure in
 * time: which replication fails first in time depends on how the tasks were spread over
 * threads or machines (a later replication may overflow sooner), and the message must not.
 * Tasks after it are not waited for. Every rejection is handled at once, so that one that
 * comes before its turn is not reported as unhandled.
 */
export async function inTaskOrder<T>(results: readonly Promise<T>[]): Promise<T[]> {
  for (const r of results) r.catch(() => undefined);
  const out: T[] = [];
  for (const r of results) out.push(await r);
  return out;
}

/**
 * No replication runs in this thread from now on (a command's report comes next, before it closes
 * its runner: `run`): the store shelf, up to 64 MB that a runner in this thread keeps between
 * batches, is let go. Nothing to let go after a pool's batches, which ran on other threads.
 */
export function releaseShelf(): void {
  emptyShelf();
}
