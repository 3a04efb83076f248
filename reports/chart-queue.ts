// The report's charts as one queue in shared memory, taken from both ends: the drawing threads
// take the next chart from its front as they become free, and the main thread, once its own
// work is done, takes the last ones from its back (reports/svg-thread.ts), so that the two meet
// wherever the drawing has got to and no chart is drawn twice or left out.
// Invariant: the queue is one Int32 word, the front's index in its low 16 bits and the end's in
// the bits above, changed only by compare-and-exchange of the whole word: a take from either end
// sees the other end as it is at that instant. Until the caller knows how many charts there are,
// the end is UNKNOWN_END, past any chart: the front then runs ahead of the specs handed, and a
// thread waits for the spec of the chart it took.

/** The end while the number of charts is not known: above any chart's index (drawing: at most MAX_CHARTS). */
const UNKNOWN_END = 0x7fff;

/** The most charts one queue holds (the end must stay below UNKNOWN_END). */
export const MAX_CHARTS = UNKNOWN_END - 1;

/** A new queue's shared memory: nothing taken, its end unknown. */
export function newChartQueue(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(4);
  Atomics.store(new Int32Array(buffer), 0, UNKNOWN_END << 16);
  return buffer;
}

/**
 * Takes the chart at the front: its index, or -1 when the front has reached the end (every
 * chart taken). Before the end is known the index may be one whose spec has not come yet.
 */
export function takeFirst(queue: Int32Array): number {
  for (;;) {
    const word = Atomics.load(queue, 0);
    const front = word & 0xffff;
    if (front >= word >>> 16) return -1;
    if (Atomics.compareExchange(queue, 0, word, word + 1) === word) return front;
  }
}

/** Takes the chart at the back, once the end is known (endAt): its index, or -1 when every chart is taken. */
export function takeLast(queue: Int32Array): number {
  for (;;) {
    const word = Atomics.load(queue, 0);
    const front = word & 0xffff;
    const end = word >>> 16;
    if (front >= end) return -1;
    if (Atomics.compareExchange(queue, 0, word, ((end - 1) << 16) | front) === word) return end - 1;
  }
}

/** Sets the end once the number of charts is known, the front as it is; how many charts no one has taken yet. */
export function endAt(queue: Int32Array, count: number): number {
  if (!(count >= 0 && count <= MAX_CHARTS)) throw new RangeError(`a chart queue holds at most ${MAX_CHARTS} charts, not ${count}`);
  for (;;) {
    const word = Atomics.load(queue, 0);
    const front = word & 0xffff;
    if (Atomics.compareExchange(queue, 0, word, (count << 16) | front) === word) return Math.max(0, count - front);
  }
}
