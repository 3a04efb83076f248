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

/** Subjects (token ids, slots, teams, flows, streams) stay below this: an event packs its kind beside its subject in one int32. */
export const MAX_EVENT_SUBJECT = 2 ** 28;

export class EventQueue {
  // Small at first, so that growing has run before the loop is optimised (hot path: CONTRIBUTING.md, rule 9).
  private time = new Float64Array(4);
  private seq = new Float64Array(4);
  /** kind + 8 * subject (a kind is below 8): one move per level of a sift, not two */
  private what = new Int32Array(4);
  private size = 0;
  private nextSeq = 0;
  /** 1 while the root is the event popped last, not yet removed (see `pop`) */
  private stale = 0;

  constructor() {
    this.time[0] = Number.POSITIVE_INFINITY; // empty
  }

  /** Kind and subject of the event that `pop` returned last. */
  poppedKind = 0;
  poppedSubject = 0;

  get length(): number {
    return this.size - this.stale;
  }

  /**
   * Time of the earliest pending event (Infinity when empty: the root's slot holds it then).
   * No branch on the size here: a branch that returned the constant made V8 box every time
   * returned, 16 bytes an event (hot path: CONTRIBUTING.md, rule 2).
   */
  peekTime(): number {
    if (this.stale === 1) this.removeRoot();
    return this.time[0];
  }

  push(time: number, kind: number, subject: number): void {
    const seq = this.nextSeq++;
    if (this.stale === 1) {
      // The popped event's place: one sift down instead of a removal and an insertion.
      this.stale = 0;
      this.sink(time, seq, kind + 8 * subject, this.size);
      return;
    }
    if (this.size === this.time.length) this.grow();
    const times = this.time;
    const seqs = this.seq;
    const whats = this.what;
    const w = kind + 8 * subject;
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
   * Remove the earliest event and return its time; its kind and subject are in `popped*`.
   * It stays at the root, stale, until the next push takes its place or a look at the queue
   * removes it.
   */
  pop(): number {
    if (this.stale === 1) this.removeRoot();
    const w = this.what[0];
    this.poppedKind = w & 7;
    this.poppedSubject = w >> 3;
    this.stale = 1;
    return this.time[0];
  }

  /** The stale root goes: the last entry fills its place. */
  private removeRoot(): void {
    this.stale = 0;
    const n = --this.size;
    if (n > 0) this.sink(this.time[n], this.seq[n], this.what[n], n);
    else this.time[0] = Number.POSITIVE_INFINITY;
  }

  /** Put an entry at the root of the first n and sift it down to its place. */
  private sink(t: number, s: number, w: number, n: number): void {
    const times = this.time;
    const seqs = this.seq;
    const whats = this.what;
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
    const n = this.time.length * 2;
    this.time = resized(this.time, n);
    this.seq = resized(this.seq, n);
    this.what = resized(this.what, n);
  }
}

function resized<T extends Float64Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
}
