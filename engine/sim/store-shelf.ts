// The large per-completion stores (recorder.ts: cycle times, MSER-5's batch ends, milestone
// values), handed on from one replication to the next of the same thread. A store's pages are
// fresh memory the first time they are written (hot path: CONTRIBUTING.md, rule 11): a
// replication of 1M M/M/5 customers writes about 5.6 MB of stores, 1,400 page faults
// (docs/performance-notes.md, session 16 (s16m)).
// Shelved once the replication's statistics are summarised, its stores' pages are written
// again by the thread's next replication instead of new ones.
//
// Invariant: a buffer on the shelf is referenced by no store; a store made from it holds the
// values of an earlier replication, which no reader sees (each reads only what it wrote: a
// store's first `count` values).

/** Smaller stores are made afresh: their pages are few. */
const MIN_BYTES = 64 * 1024;
/** The most the shelf keeps, so that a long-lived thread holds no more than this between runs. */
const MAX_BYTES = 64 * 1024 * 1024;

const shelf: ArrayBuffer[] = [];
let shelvedBytes = 0;

/** The smallest shelved buffer of at least `bytes`, taken off the shelf; null for none. */
function take(bytes: number): ArrayBuffer | null {
  let best = -1;
  for (let i = 0; i < shelf.length; i++)
    if (shelf[i].byteLength >= bytes && (best < 0 || shelf[i].byteLength < shelf[best].byteLength)) best = i;
  if (best < 0) return null;
  const [buffer] = shelf.splice(best, 1);
  shelvedBytes -= buffer.byteLength;
  return buffer;
}

/** A store of `size` 32-bit floats: a shelved buffer's (its values stale), or a fresh one. */
export function float32Store(size: number): Float32Array<ArrayBuffer> {
  const buffer = 4 * size < MIN_BYTES ? null : take(4 * size);
  return buffer === null ? new Float32Array(size) : new Float32Array(buffer, 0, size);
}

/** A store of `size` doubles, as float32Store. */
export function float64Store(size: number): Float64Array<ArrayBuffer> {
  const buffer = 8 * size < MIN_BYTES ? null : take(8 * size);
  return buffer === null ? new Float64Array(size) : new Float64Array(buffer, 0, size);
}

/** The store's buffer to the shelf, if it is large enough and the shelf has room: the caller keeps no reference to it. */
export function shelve(store: Float32Array | Float64Array): void {
  const buffer = store.buffer as ArrayBuffer;
  if (buffer.byteLength < MIN_BYTES || shelvedBytes + buffer.byteLength > MAX_BYTES || shelf.includes(buffer)) return;
  shelf.push(buffer);
  shelvedBytes += buffer.byteLength;
}

/** The thread has no replication to run for now (the command line's own thread, before its report): the shelf lets its buffers go. */
export function emptyShelf(): void {
  shelf.length = 0;
  shelvedBytes = 0;
}
