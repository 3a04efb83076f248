// The runner a simulating command uses: the local pool, or with `--queue URL` a fleet of
// `etomsim worker` processes on Redis. The queue's modules (BullMQ, ioredis) load only then.
import { availableParallelism } from 'node:os';
import { createRunner, type Runner } from '../engine/experiment/runner.js';
import { UsageError } from './errors.js';
import { whileStoppable } from './stop-signals.js';
import { prepareV8ForWorkers, restoreV8ForCodeCaches } from './v8-flags.js';
import { VERSION } from './version.js';

/** Where a simulating command's replications run (run, size and bottlenecks take these options alike). */
export interface RunnerChoice {
  /** local worker threads; default: the machine's available parallelism */
  workers?: number;
  /** redis:// or rediss:// URL of the queue that `etomsim worker` processes serve, instead of running here */
  queue?: string;
  /** with queue: the most a job or its result may carry (MiB); default engine/cluster/job-size.ts MAX_JOB_BYTES */
  maxJobMib?: number;
}

/**
 * The runner for the command's choice. A local pool's simulations compile under the V8 flags
 * of bin/v8-flags.ts (the inlining limit bin/etomsim.js lowered as the process started), which
 * stay set until the runner is closed or the command calls restoreV8ForCodeCaches. Until it is
 * closed, a stop signal closes it (bin/stop-signals.ts): every simulating command stops its
 * threads alike.
 */
export async function runnerFor(choice: RunnerChoice): Promise<Runner> {
  const runner = await openRunner(choice);
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= runner.close();
    return closing;
  };
  const stoppable = whileStoppable(close);
  return {
    workers: runner.workers,
    run: (tasks, onDone) => runner.run(tasks, onDone),
    close: () => {
      stoppable();
      return close();
    },
  };
}

async function openRunner(choice: RunnerChoice): Promise<Runner> {
  if (choice.queue === undefined) {
    const workers = choice.workers ?? availableParallelism();
    prepareV8ForWorkers(workers);
    const runner = createRunner(workers);
    return {
      workers: runner.workers,
      run: (tasks, onDone) => runner.run(tasks, onDone),
      close: () => {
        restoreV8ForCodeCaches();
        return runner.close();
      },
    };
  }
  const { createQueueRunner } = await import('../engine/cluster/queue.js');
  const queue = choice.queue;
  const maxJobBytes = choice.maxJobMib === undefined ? undefined : choice.maxJobMib * 2 ** 20;
  return queueInput(() => createQueueRunner(queue, { version: VERSION, maxJobBytes }));
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
