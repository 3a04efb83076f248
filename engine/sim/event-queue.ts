// The event calendar: a binary min-heap ordered by (time, sequence number). The sequence
// number makes simultaneous events run in the order they were scheduled, so a replication
// is deterministic. Entries live in parallel typed arrays: pushing and popping allocate
// nothing once the arrays have grown to the peak number of pending events.
//
// Invariant: while `stale` is 1 the root is the event popped last and counts as gone. Most
// events schedule another (the next arrival, the next task of a freed unit), and that push
// takes the root's place with one sift down, where a removal and an insertion took two
// passes (callgrind, probe.js wip-small 1000000: 4,542 M -> 3,899 M instructions). The
// order of the pops is the same: keys are unique, so any heap of the same pending
// (time, sequence) pairs gives them in the same order.

import { TIME_ZERO } from './clock.js';

/** Subjects (token ids, slots, teams, flows, streams) stay below this: an event packs its kind beside its subject in one int32. */
export const MAX_EVENT_SUBJECT = 2 ** 28;
/** Kinds stay below this: the kind has the int32's low 3 bits (`kind + 8 * subject`, `w & 7`). */
export const EVENT_KINDS = 8;

export class EventQueue {
  // Small at first, so that growing has run before the loop is optimised (hot path: CONTRIBUTING.md, rule 9).
  private times = new Float64Array(4);
  private seqs = new Float64Array(4);
  /** kind + 8 * subject (a kind is below 8): one move per level of a sift, not two */
  private whats = new Int32Array(4);
  private size = 0;
  private nextSeq = 0;
  /** 1 while the root is the event popped last, not yet removed (see `pop`) */
  private stale = 0;
  /** `hasDue` looks no further: the loop stops at the first event after the horizon */
  private readonly horizon: number = Number.NaN; // a double from the start (hot path: CONTRIBUTING.md, rule 1)

  /**
   * The time of the event that the next `push` schedules, set by the caller just before. No
   * time crosses a call as an argument or a return value: V8 boxes a double that does, whenever
   * it leaves the call out of line, which depends on the whole loop (hot path: CONTRIBUTING.md, rule 2).
   */
  at = TIME_ZERO;
  /** Time, kind and subject of the event that `pop` took last. */
  poppedTime = TIME_ZERO;
  poppedKind = 0;
  poppedSubject = 0;

  constructor(horizon = Number.POSITIVE_INFINITY) {
    this.horizon = horizon;
    this.times[0] = Number.POSITIVE_INFINITY; // empty
  }

  get length(): number {
    return this.size - this.stale;
  }

  /** Whether an event is pending at or before the horizon: the loop's test, a boolean across the call, not a time. */
  hasDue(): boolean {
    if (this.stale === 1) this.removeRoot();
    return this.size > 0 && this.times[0] <= this.horizon;
  }

  /** Time of the earliest pending event (Infinity when empty: the root's slot holds it then). Not for the loop: see `at`. */
  peekTime(): number {
    if (this.stale === 1) this.removeRoot();
    return this.times[0];
  }

  /** Whether another event is pending at the instant of the one popped last (a boolean across the call, not a time). */
  dueAtPoppedTime(): boolean {
    const t = this.poppedTime;
    if (this.stale === 0) return this.size > 0 && this.times[0] === t;
    // The stale root stays for the push that usually follows (see the header): the earliest
    // pending event is one of its children, and none is earlier than the one popped.
    return (this.size > 1 && this.times[1] === t) || (this.size > 2 && this.times[2] === t);
  }

  /** Schedules an event at `at`. */
  push(kind: number, subject: number): void {
    if (this.stale === 0 && this.size === this.times.length) this.grow();
    const seq = this.nextSeq++;
    const w = kind + 8 * subject;
    const times = this.times;
    const seqs = this.seqs;
    const whats = this.whats;
    const time = this.at;
    if (this.stale === 1) {
      // The popped event's place: one sift down instead of a removal and an insertion. siftRootDown's
      // loop with the entry in locals until its place is found, not stored at the root and read back:
      // mm5 1M 41 M instructions fewer; in a function of its own, which V8 then inlined into push's
      // callers and left others out, 41 M more (hot path: CONTRIBUTING.md, rule 3). Keep its order
      // (time, then sequence) in step with siftRootDown's: the pops' order, so determinism, rests on both.
      this.stale = 0;
      const n = this.size;
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= n) break;
        let tc = times[child];
        const right = child + 1;
        if (right < n) {
          const tr = times[right];
          if (tr < tc || (tr === tc && seqs[right] < seqs[child])) {
            child = right;
            tc = tr;
          }
        }
        if (time < tc || (time === tc && seq < seqs[child])) break;
        times[i] = tc;
        seqs[i] = seqs[child];
        whats[i] = whats[child];
        i = child;
      }
      times[i] = time;
      seqs[i] = seq;
      whats[i] = w;
      return;
    }
    let i = this.size++;
    // Sift up with the moves written out (hot path: CONTRIBUTING.md, rule 3).
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const tp = times[parent];
      if (time > tp || (time === tp && seq > seqs[parent])) break;
      times[i] = tp;
      seqs[i] = seqs[parent];
      whats[i] = whats[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    whats[i] = w;
  }

  /**
   * Remove the earliest event into `poppedTime`, `poppedKind` and `poppedSubject`. It stays at
   * the root, stale, until the next push takes its place or a look at the queue removes it.
   * Only when `length > 0`: on an empty queue it would give the last event again and leave
   * `length` at -1, losing the next push. The caller checks (the loop asks `hasDue` first); no
   * check here, on the hot path.
   */
  pop(): void {
    if (this.stale === 1) this.removeRoot();
    const w = this.whats[0];
    this.poppedTime = this.times[0];
    this.poppedKind = w & 7;
    this.poppedSubject = w >> 3;
    this.stale = 1;
  }

  /** The stale root goes: the last entry takes its place and sinks. */
  private removeRoot(): void {
    this.stale = 0;
    const n = --this.size;
    if (n > 0) {
      this.times[0] = this.times[n];
      this.seqs[0] = this.seqs[n];
      this.whats[0] = this.whats[n];
      this.siftRootDown(n);
    } else this.times[0] = Number.POSITIVE_INFINITY;
  }

  /** Sift the root's entry down to its place among the first n (the entry is read here, not passed: a time argument would be boxed). push's stale-root sift repeats this loop: keep the two in step. */
  private siftRootDown(n: number): void {
    const times = this.times;
    const seqs = this.seqs;
    const whats = this.whats;
    const t = times[0];
    const s = seqs[0];
    const w = whats[0];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let tc = times[child];
      const right = child + 1;
      if (right < n) {
        const tr = times[right];
        if (tr < tc || (tr === tc && seqs[right] < seqs[child])) {
          child = right;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && s < seqs[child])) break;
      times[i] = tc;
      seqs[i] = seqs[child];
      whats[i] = whats[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    whats[i] = w;
  }

  private grow(): void {
    const n = this.times.length * 2;
    this.times = resized(this.times, n);
    this.seqs = resized(this.seqs, n);
    this.whats = resized(this.whats, n);
  }
}

function resized<T extends Float64Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
}
