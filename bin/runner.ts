// The runner a simulating command uses: the local pool, or with `--queue URL` a fleet of
// `etomsim worker` processes on Redis. The queue's modules (BullMQ, ioredis) load only then.
import { availableParallelism } from 'node:os';
import { createRunner, type Runner } from '../engine/experiment/runner.js';
import { UsageError } from './errors.js';
import { VERSION } from './version.js';

export interface RunnerChoice {
  workers?: number;
  /** redis:// or rediss:// URL of the queue that `etomsim worker` processes serve */
  queue?: string;
  /** with queue: the most a job or its result may carry (MiB); default engine/cluster/job-size.ts MAX_JOB_BYTES */
  maxJobMib?: number;
}

export async function runnerFor(choice: RunnerChoice): Promise<Runner> {
  if (choice.queue === undefined) {
    const workers = choice.workers ?? availableParallelism();
    prepareV8ForWorkers(workers);
    return createRunner(workers);
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

/** The Node major whose V8 the flag below was measured with; later ones bring another tier (Maglev). */
const MEASURED_NODE = process.versions.node.split('.')[0] === '20';

/**
 * When the workers take every core, V8's background compiler can only run by taking time
 * from one of them, and meanwhile that worker runs its first replications in slow code.
 * Compiling on each worker's own thread wastes nothing: measured, 2 workers on 2 cores ran
 * 2 variants x 16 replications of M/M/5 in 2.32-2.44 s instead of 2.55-2.78 s. V8 reads the
 * flag when an isolate starts, so it must be set before the workers are; this thread keeps
 * the background compiler it started with. The flag is process-wide and stays set, so the
 * CLI sets it, where the process starts, and not the engine: a library must not change the
 * V8 of the process that uses it. The benchmark calls this too, to time what the CLI runs.
 */
export function prepareV8ForWorkers(workers: number): void {
  // node:v8 is loaded only then: a run in this thread does without it (2-3 ms)
  if (workers >= availableParallelism() && MEASURED_NODE)
    process.getBuiltinModule('node:v8').setFlagsFromString('--no-concurrent-recompilation');
}
