// `etomsim worker --queue redis://HOST:PORT`: serve the replication queue until stopped.
// Start as many as there are machines; each runs --workers simulation threads. SIGINT or
// SIGTERM finishes the replications under way, then exits 0; a second signal exits at once.
import { availableParallelism } from 'node:os';
import { serveQueue } from '../../engine/cluster/queue.js';
import { EXIT } from '../errors.js';
import { queueInput, workersWarning } from '../runner.js';
import { threadsStarting } from '../v8-flags.js';
import { VERSION } from '../version.js';

export interface WorkerOptions {
  queue: string;
  workers?: number;
  /** seconds a worker may hold a replication without renewing its lock before others take it back */
  lockSeconds: number;
  /** the most a job this worker takes, or a result it sends back, may carry (MiB); default engine/cluster/job-size.ts MAX_JOB_BYTES */
  maxJobMib?: number;
  quiet: boolean;
}

export async function workerCommand(opts: WorkerOptions): Promise<number> {
  const log = (line: string) => {
    if (!opts.quiet) process.stderr.write(`${new Date().toISOString()} ${line}\n`);
  };
  // its threads simulate, this one does not: bin/etomsim.cjs lowers no inlining limit for a worker's command line, and
  // one lowered by another way in is set back before the queue's modules and the threads load, as for a local pool
  // (bin/v8-flags.ts threadsStarting), so that they take Node's caches of its modules and the threads their worker's
  // (sessions 57 and 60, docs/performance-notes.md)
  threadsStarting();
  const threads = opts.workers ?? availableParallelism();
  const warning = workersWarning(threads); // a worker starts them all: it serves a job on each at once
  if (warning !== null) log(warning);
  const worker = await queueInput(() =>
    serveQueue(opts.queue, {
      version: VERSION,
      threads,
      lockMs: opts.lockSeconds * 1000,
      maxJobBytes: opts.maxJobMib === undefined ? undefined : opts.maxJobMib * 2 ** 20,
      onLog: log,
    }),
  );
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) process.exit(EXIT.interrupted); // asked twice: do not wait for the replications under way
      stopping = true;
      log(`${signal}: finishing the replications under way, then stopping (again to stop at once)`);
      void worker.close().finally(resolve);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
  log('stopped');
  return EXIT.ok;
}
