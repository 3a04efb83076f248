// A pool worker that tells it started: as it loads, it appends its thread id to the file named by
// ETOMSIM_TEST_THREADS (a worker thread's environment is a copy of the process's as it starts),
// then runs replications as the real worker does. The runner's tests count the threads a pool started.
import { appendFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

appendFileSync(process.env.ETOMSIM_TEST_THREADS, `${threadId}\n`);

export { default } from '../../dist/engine/experiment/worker.js';
