// The large per-completion stores (recorder.ts: cycle times, MSER-5's batch ends, milestone
// values), handed on from one replication to the next of the same thread. A store's pages are
// fresh memory the first time they are written (hot path: CONTRIBUTING.md, rule 11): a
// replication of 1M M/M/5 customers writes about 5.6 MB of stores, 1,400 page faults
// (docs/performance-notes.md, session 16 (s16m)).
// Shelved once the replication's statistics are summarised, its stores' pages are written
// again by the thread's next replication instead of new ones.
//
// A thread whose event loop runs while it simulates (the command line's own thread:
// runReplicationInSlices) has its first large replication's stores written ahead instead: fresh
// buffers whose pages a thread of libuv's pool touches, by reading /dev/zero into them, while
// this one simulates, each shelved once written (stockShelf), and the replication's stores move
// onto them at its next pause (Recorder.rehomeStores). The faults are the same; they are taken on
// the other core (hot path: CONTRIBUTING.md, rule 11).
// The stock's buffers are SharedArrayBuffers, though no other thread sees them: V8 counts an
// ArrayBuffer's bytes, not a SharedArrayBuffer's, towards the old generation's limit until its
// next full collection, and the stock (5.6 MB for 1M M/M/5 customers) is memory no collection
// frees (shelved, then the stores'). Counted, it brought that limit close, and a full collection
// of the whole heap as the results were built: now and then in the benchmark's run, in every
// run of 4.5M customers, a pause of 43-100 ms at load 25 (docs/performance-notes.md, session 47).
// The stores' own first buffers, dropped at the move, are ArrayBuffers still: garbage a
// collection should be asked for.
//
// Invariant: a buffer on the shelf is referenced by no store; a store made from it holds the
// values of an earlier replication, or zeros, which no reader sees (each reads only what it
// wrote: a store's first `count` values). A buffer being stocked is referenced by nothing but
// its read until the read is done, and is shelved on this thread only then.
import { accessSync, close, constants, openSync, readv } from 'node:fs';

/** Smaller stores are made afresh: their pages are few. */
const MIN_BYTES = 64 * 1024;
/** The most the shelf keeps, so that a long-lived thread holds no more than this between runs. */
const MAX_BYTES = 64 * 1024 * 1024;

const shelf: ArrayBufferLike[] = [];
let shelvedBytes = 0;
/** Counts the shelf's emptyings: a stocked buffer written after one is dropped, not shelved (the thread has no replication to run). */
let generation = 0;
/** Stocks whose pages are still being written. */
let stocking = 0;

/** The smallest shelved buffer of at least `bytes`, taken off the shelf; null for none. */
function take(bytes: number): ArrayBufferLike | null {
  let best = -1;
  for (let i = 0; i < shelf.length; i++)
    if (shelf[i].byteLength >= bytes && (best < 0 || shelf[i].byteLength < shelf[best].byteLength)) best = i;
  if (best < 0) return null;
  const [buffer] = shelf.splice(best, 1);
  shelvedBytes -= buffer.byteLength;
  return buffer;
}

/** A store of `size` 32-bit floats: a shelved buffer's (its values stale), or a fresh one. */
export function float32Store(size: number): Float32Array {
  const buffer = 4 * size < MIN_BYTES ? null : take(4 * size);
  return buffer === null ? new Float32Array(size) : new Float32Array(buffer, 0, size);
}

/** A store of `size` doubles, as float32Store. */
export function float64Store(size: number): Float64Array {
  const buffer = 8 * size < MIN_BYTES ? null : take(8 * size);
  return buffer === null ? new Float64Array(size) : new Float64Array(buffer, 0, size);
}

/** True when the shelf holds a buffer of at least `bytes` (never for fewer than MIN_BYTES: such stores are made afresh). */
export function shelfHolds(bytes: number): boolean {
  return bytes >= MIN_BYTES && shelf.some((buffer) => buffer.byteLength >= bytes);
}

/**
 * The store's first `count` values copied onto a shelved buffer of `size` values (at least the
 * store's room; a store awaiting its stock holds a part of its reservation: growable.ts,
 * awaitedGrowth), made by `make` (float32Store or float64Store), when the shelf holds one
 * (stocked: stockShelf); null when it does not. The store it leaves is dropped, not shelved:
 * only its first pages were written, and a thread's next replication would take it (the first
 * of its size) and write the rest on the loop's thread (s20x: that replication's faults 288 ->
 * 1,601).
 */
export function moveOntoShelf<T extends Float32Array | Float64Array>(
  store: T,
  count: number,
  size: number,
  make: (size: number) => T,
): T | null {
  if (!shelfHolds(size * store.BYTES_PER_ELEMENT)) return null;
  const home = make(size);
  home.set(store.subarray(0, count));
  return home;
}

/** True when the shelf holds nothing (the thread's first replication, or its first since emptyShelf). */
export function shelfIsEmpty(): boolean {
  return shelf.length === 0;
}

/**
 * New buffers of these sizes (bytes), their pages written on a thread of libuv's pool, and
 * shelved here once written; sizes under MIN_BYTES, and those past the shelf's room, are left
 * out. True if any is under way: then stockPending() says when they are on the shelf. Nothing
 * is stocked where /dev/zero cannot be opened (a system without it).
 */
export function stockShelf(sizes: readonly number[]): boolean {
  const stocked = stockedSizes(sizes);
  const buffers = sizes.filter((_, i) => stocked[i]).map((bytes) => new SharedArrayBuffer(bytes)); // uncounted by V8: see the header
  if (buffers.length === 0) return false;
  let fd: number;
  try {
    fd = openSync('/dev/zero', 'r');
  } catch {
    return false;
  }
  const at = generation;
  stocking++;
  // One read into them all: one thread of the pool writes them, one after the other, leaving the
  // other core's time to the loop's compiles rather than taking it with several threads at once.
  // A short or failed read leaves pages untouched, not wrong: the buffers are shelved all the same.
  readv(
    fd,
    buffers.map((buffer) => new Uint8Array(buffer)),
    () => {
      stocking--;
      close(fd, () => {});
      if (at === generation) for (const buffer of buffers) shelveBuffer(buffer);
    },
  );
  return true;
}

/**
 * Which of these sizes (bytes) stockShelf would stock now, in order: MIN_BYTES or more, within the
 * shelf's room left by those before (where /dev/zero opens: stockShelf's result says). Only those
 * stores await their stock with a part of their reservation (growable.ts, awaitedGrowth).
 */
export function stockedSizes(sizes: readonly number[]): boolean[] {
  if (!zerosReadable()) return sizes.map(() => false);
  let room = MAX_BYTES - shelvedBytes;
  return sizes.map((bytes) => {
    const stocked = bytes >= MIN_BYTES && bytes <= room;
    if (stocked) room -= bytes;
    return stocked;
  });
}

/** Whether this thread can read /dev/zero: asked once, before its first stock (a system without it stocks nothing). */
let zeros: boolean | null = null;
function zerosReadable(): boolean {
  if (zeros === null)
    try {
      accessSync('/dev/zero', constants.R_OK);
      zeros = true;
    } catch {
      zeros = false;
    }
  return zeros;
}

/** True while buffers stocked by stockShelf are still being written. */
export function stockPending(): boolean {
  return stocking > 0;
}

/** The store's buffer to the shelf, if it is large enough and the shelf has room: the caller keeps no reference to it. */
export function shelve(store: Float32Array | Float64Array): void {
  shelveBuffer(store.buffer);
}

function shelveBuffer(buffer: ArrayBufferLike): void {
  if (buffer.byteLength < MIN_BYTES || shelvedBytes + buffer.byteLength > MAX_BYTES || shelf.includes(buffer)) return;
  shelf.push(buffer);
  shelvedBytes += buffer.byteLength;
}

/** The thread has no replication to run for now (the command line's own thread, before its report): the shelf lets its buffers go. */
export function emptyShelf(): void {
  shelf.length = 0;
  shelvedBytes = 0;
  generation++;
}
