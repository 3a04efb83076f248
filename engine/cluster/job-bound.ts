// The most a queue job or its result may carry, in one module of its own with no imports, so
// that the command line can state and check `--max-job-mib` without loading the queue's
// modules (test/bin/lazy-loading.test.ts); engine/cluster/job-size.ts applies it.

/**
 * By default and at most: half of Redis' 512 MB strings and of V8's longest, as results.json
 * and a shard file are bounded (256 MiB), since a client holds the model's text and the job's at once.
 */
export const MAX_JOB_MIB = 256;
export const MAX_JOB_BYTES = MAX_JOB_MIB * 2 ** 20;
