// The event calendar: a binary min-heap ordered by (time, sequence number). The sequence
// number makes simultaneous events run in the order they were scheduled, so a replication
// is deterministic. Entries live in parallel typed arrays: pushing and popping allocate
// nothing once the arrays have grown to the peak number of pending events.

export class EventQueue {
  // Small at first, so that growing has run before the loop is optimised (hot path: CONTRIBUTING.md, rule 9).
  private time = new Float64Array(4);
  private seq = new Float64Array(4);
  private kind = new Int32Array(4);
  private subject = new Int32Array(4);
  private size = 0;
  private nextSeq = 0;

  /** Kind and subject of the event that `pop` returned last. */
  poppedKind = 0;
  poppedSubject = 0;

  get length(): number {
    return this.size;
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  push(time: number, kind: number, subject: number): void {
    if (this.size === this.time.length) this.grow();
    const seq = this.nextSeq++;
    let i = this.size++;
    // Sift up in place, not in a helper (hot path: CONTRIBUTING.md, rule 2).
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const tp = this.time[parent];
      if (time > tp || (time === tp && seq > this.seq[parent])) break;
      this.move(parent, i);
      i = parent;
    }
    this.put(i, time, seq, kind, subject);
  }

  /** Remove the earliest event and return its time; its kind and subject are in `popped*`. */
  pop(): number {
    const earliest = this.time[0];
    this.poppedKind = this.kind[0];
    this.poppedSubject = this.subject[0];
    const n = --this.size;
    if (n === 0) return earliest;
    // The last entry fills the hole at the root and sinks to its place.
    const t = this.time[n];
    const s = this.seq[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (
        right < n &&
        (this.time[right] < this.time[child] || (this.time[right] === this.time[child] && this.seq[right] < this.seq[child]))
      ) {
        child = right;
      }
      const tc = this.time[child];
      if (t < tc || (t === tc && s < this.seq[child])) break;
      this.move(child, i);
      i = child;
    }
    this.put(i, t, s, this.kind[n], this.subject[n]);
    return earliest;
  }

  private move(from: number, to: number): void {
    this.time[to] = this.time[from];
    this.seq[to] = this.seq[from];
    this.kind[to] = this.kind[from];
    this.subject[to] = this.subject[from];
  }

  private put(i: number, t: number, s: number, k: number, x: number): void {
    this.time[i] = t;
    this.seq[i] = s;
    this.kind[i] = k;
    this.subject[i] = x;
  }

  private grow(): void {
    const n = this.time.length * 2;
    this.time = resized(this.time, n);
    this.seq = resized(this.seq, n);
    this.kind = resized(this.kind, n);
    this.subject = resized(this.subject, n);
  }
}

function resized<T extends Float64Array | Int32Array>(a: T, n: number): T {
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
}
