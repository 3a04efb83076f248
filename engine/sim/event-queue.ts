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
    const times = this.time;
    const seqs = this.seq;
    const kinds = this.kind;
    const subjects = this.subject;
    const seq = this.nextSeq++;
    let i = this.size++;
    // Sift up with the moves written out (hot path: CONTRIBUTING.md, rule 3).
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const tp = times[parent];
      if (time > tp || (time === tp && seq > seqs[parent])) break;
      times[i] = tp;
      seqs[i] = seqs[parent];
      kinds[i] = kinds[parent];
      subjects[i] = subjects[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    subjects[i] = subject;
  }

  /** Remove the earliest event and return its time; its kind and subject are in `popped*`. */
  pop(): number {
    const times = this.time;
    const seqs = this.seq;
    const kinds = this.kind;
    const subjects = this.subject;
    const earliest = times[0];
    this.poppedKind = kinds[0];
    this.poppedSubject = subjects[0];
    const n = --this.size;
    if (n === 0) return earliest;
    // The last entry fills the hole at the root and sinks to its place.
    const t = times[n];
    const s = seqs[n];
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
      kinds[i] = kinds[child];
      subjects[i] = subjects[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    kinds[i] = kinds[n];
    subjects[i] = subjects[n];
    return earliest;
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
