// Recognising a worker that ran out of memory, for the command line's failure message. A
// module of its own so that the command line can check it without loading the worker pool.

/** A worker hit its heap limit, somewhere in this error's causes: the model, not etomsim, is usually what to change. */
export function outOfMemory(err: unknown): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') return true;
  }
  return false;
}
