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
}

export async function runnerFor(choice: RunnerChoice): Promise<Runner> {
  if (choice.queue === undefined) return createRunner(choice.workers ?? availableParallelism());
  const { createQueueRunner } = await import('../engine/cluster/queue.js');
  const { QueueUnreachable } = await import('../engine/cluster/redis.js');
  try {
    return await createQueueRunner(choice.queue, { version: VERSION });
  } catch (err) {
    if (err instanceof QueueUnreachable) throw new UsageError(err.message); // the address is the user's input: exit 2
    throw err;
  }
}
