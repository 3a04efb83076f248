// The runner a simulating command uses: the local pool, or with `--queue URL` a fleet of
// `etomsim worker` processes on Redis. The queue's modules (BullMQ, ioredis) load only then.
import { availableParallelism } from 'node:os';
import { createRunner, type Runner } from '../engine/experiment/runner.js';
import { UsageError } from './errors.js';
import { whileStoppable } from './stop-signals.js';
import { lowerLoopStartBudget, prepareV8ForWorkers, restoreV8ForCodeCaches, threadsStarting, underLoweredBudget } from './v8-flags.js';
import { VERSION } from './version.js';
import { counted } from '../engine/plural.js';

/** Where a simulating command's replications run (run, size and bottlenecks take these options alike). */
export interface RunnerChoice {
  /** local worker threads; default: the machine's available parallelism */
  workers?: number;
  /** redis:// or rediss:// URL of the queue that `etomsim worker` processes serve, instead of running here */
  queue?: string;
  /** with queue: the most a job or its result may carry (MiB); default engine/cluster/job-size.ts MAX_JOB_BYTES */
  maxJobMib?: number;
  /** no warning on stderr (--quiet) */
  quiet?: boolean;
}

/**
 * The runner for the command's choice. Simulations in this thread compile under the V8 flags of
 * bin/v8-flags.ts (the inlining limit bin/etomsim.cjs lowered as the process started), which stay
 * set until the runner is closed or the command calls restoreV8ForCodeCaches; with
 * `setsFlagsBack`, until the command calls it (`run`). A pool's threads start with the limit set
 * back (bin/v8-flags.ts threadsStarting). Until it is closed, a stop signal closes it
 * (bin/stop-signals.ts): every simulating command stops its threads alike. Its close settles once
 * the signals are let go, so that a busy stretch after it is stopped at once. With `firstBatch`,
 * the tasks of the command's first batch, a pool starts its threads as the runner is made: only
 * once the command's input is read and checked, so that input refused (exit 2) starts none.
 */
export async function runnerFor(
  choice: RunnerChoice,
  { setsFlagsBack = false, firstBatch }: { setsFlagsBack?: boolean; firstBatch?: number } = {},
): Promise<Runner> {
  const opened = await openRunner(choice, firstBatch);
  const runner = opened.runner;
  const closed = setsFlagsBack ? () => {} : opened.closed;
  let closing: Promise<void> | null = null;
  const close = () => {
    if (closing === null) {
      closed();
      closing = runner.close();
    }
    return closing;
  };
  const stoppable = whileStoppable(close);
  return {
    get workers() {
      return runner.workers; // read through: a pool's threads are known once a batch has run
    },
    run: (tasks, onDone) => runner.run(tasks, onDone),
    close: async () => {
      const released = stoppable();
      await close();
      await released;
    },
  };
}

/**
 * The runner for the choice, and what to undo as it closes, before it closes (a local pool: the V8
 * flags of bin/v8-flags.ts). `firstBatch`: the tasks of the command's first batch, where it knows
 * them (engine/experiment/runner.ts RunnerOptions): a pool then starts its threads at once.
 */
async function openRunner(choice: RunnerChoice, firstBatch: number | undefined): Promise<{ runner: Runner; closed: () => void }> {
  if (choice.queue === undefined) {
    const workers = choice.workers ?? availableParallelism();
    const warning = workersWarning(workers);
    if (warning !== null && !choice.quiet) process.stderr.write(`${warning}\n`);
    prepareV8ForWorkers(workers);
    if (workers > 1) threadsStarting(); // a pool's (createRunner): its threads and piscina take Node's caches of their modules
    return {
      runner: createRunner(workers, undefined, { underLoweredBudget, lowerLoopStartBudget, firstBatch }),
      closed: restoreV8ForCodeCaches,
    };
  }
  // the replications run on the queue's workers, not in this thread: the inlining limit lowered for them as the process
  // started is set back before the queue's script (dist/cli/queue.cjs) and Node's modules it requires take their caches
  threadsStarting();
  const { createQueueRunner } = await import('../engine/cluster/queue.js');
  const queue = choice.queue;
  const maxJobBytes = choice.maxJobMib === undefined ? undefined : choice.maxJobMib * 2 ** 20;
  return { runner: await queueInput(() => createQueueRunner(queue, { version: VERSION, maxJobBytes })), closed: () => {} };
}

/**
 * --workers past the cores the machine offers (os.availableParallelism: a container's share, where
 * Node can tell it): a warning, not a refusal, since the count changes no number. Each thread
 * loads the engine and takes its memory, and more threads than cores run no faster: `-w 1000`
 * for 4 replications on 2 cores took 2 min 26 s and 6.4 GB before a pool started only as many
 * threads as it had replications (engine/experiment/runner.ts), which it still may up to --workers.
 * Not in results.json: its warnings are the results', byte-identical for any --workers.
 */
export function workersWarning(workers: number, cores = availableParallelism()): string | null {
  if (workers <= cores) return null;
  return `warning: --workers ${workers} is more than the ${counted(cores, 'core')} this machine offers: threads past them run no faster, and each takes memory; give --workers ${cores} or fewer`;
}

/** Reaching a queue: an unreachable or refused address is the user's input (exit 2), not a failure of the run. */
export async function queueInput<T>(connect: () => Promise<T>): Promise<T> {
  const { QueueUnreachable } = await import('../engine/cluster/redis.js');
  try {
    return await connect();
  } catch (err) {
    if (err instanceof QueueUnreachable) throw new UsageError(err.message);
    throw err;
  }
}
