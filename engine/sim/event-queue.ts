// The event calendar: a binary min-heap ordered by (time, sequence number). The sequence
// number makes simultaneous events run in the order they were scheduled, so a replication
// is deterministic. Entries live in one typed array: pushing and popping allocate nothing once
// it has grown to the peak number of pending events.
//
// Invariant: the entries below the root are in heap order; the root is in order too while `root`
// is ROOT.inOrder. While it is ROOT.stale the root is the event popped last and counts as gone.
// Most events schedule another (the next arrival, the next task of a freed unit), and that push
// takes the stale root's place (ROOT.unsifted), sifted down with one pass, where a removal and an
// insertion took two (callgrind, probe.js wip-small 1000000: 4,542 M -> 3,899 M instructions).
// That sift waits for the next look at the queue (`settle`: the loop's `hasDue`, or a second push),
// so that it is made in one place, the loop's, not in every caller of push. The order of the pops
// is the same: keys are unique, so any heap of the same pending (time, sequence) pairs gives them
// in the same order.

import { TIME_ZERO } from './clock.js';

/** Subjects (token ids, slots, teams, flows, streams) stay below this: an event packs its kind beside its subject in one int32. */
export const MAX_EVENT_SUBJECT = 2 ** 28;
/** Kinds stay below this: the kind has the int32's low 3 bits (`kind + 8 * subject`, `w & 7`). */
export const EVENT_KINDS = 8;

/** A tag is sequence * TAG_SEQ + (kind + 8 * subject): below 2^53, so exact, while the sequence is below 2^22. */
const TAG_SEQ = 2 ** 31; // written out in push

/** What the root's entry is (the entries below it are a heap whatever it is); a const enum, its numbers in the built code. */
// biome-ignore lint/suspicious/noConstEnum: this module's own, never exported
const enum ROOT {
  /** in heap order with the rest */
  inOrder,
  /** the event popped last, gone: the last entry takes its place at the next look */
  stale,
  /** pushed in the stale root's place, not yet sifted down to its own */
  unsifted,
}

export class EventQueue {
  /**
   * Entry k at [2k, 2k + 1]: its time, and its tag, sequence * 2^31 + kind + 8 * subject (a kind
   * is below 8, a subject below 2^28): comparing tags compares sequence numbers, which are unique.
   * One array, not parallel ones: optimised code reloads an array's map, length and data pointer
   * after every store into a typed array, so a move of an entry paid that for each array.
   * Small at first, so that growing has run before the loop is optimised (hot path: CONTRIBUTING.md, rule 9).
   */
  private entries = new Float64Array(8);
  private size = 0;
  /** The next push's sequence number times TAG_SEQ: its tag less kind and subject, a double from the start (hot path: CONTRIBUTING.md, rule 1) */
  private seqTag: number = Number.NaN;
  /** What the root's entry is (ROOT: see the header) */
  private root: ROOT = ROOT.inOrder;
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
    this.seqTag = 0;
    this.entries[0] = Number.POSITIVE_INFINITY; // empty
  }

  get length(): number {
    return this.root === ROOT.stale ? this.size - 1 : this.size;
  }

  /** Whether an event is pending at or before the horizon: the loop's test, a boolean across the call, not a time. */
  hasDue(): boolean {
    if (this.root !== ROOT.inOrder) this.settle();
    return this.size > 0 && this.entries[0] <= this.horizon;
  }

  /** Time of the earliest pending event (Infinity when empty: the root's slot holds it then). Not for the loop: see `at`. */
  peekTime(): number {
    if (this.root !== ROOT.inOrder) this.settle();
    return this.entries[0];
  }

  /**
   * The earliest pending event's time after `after` and at most `upTo`; Infinity when none. Not for
   * the loop (its times cross the call, and it walks the heap's top down to `upTo`): for the rare
   * look past the events of one instant, a cancellation's tie within the clock's rounding.
   */
  earliestIn(after: number, upTo: number): number {
    const e = this.entries;
    let earliest = Number.POSITIVE_INFINITY;
    this.findUpTo(upTo, (i) => {
      if (e[i] > after && e[i] < earliest) earliest = e[i];
      return false;
    });
    return earliest;
  }

  /** Whether another event is pending at the instant of the one popped last (a boolean across the call, not a time). */
  dueAtPoppedTime(): boolean {
    const t = this.poppedTime;
    if (this.root === ROOT.unsifted) this.settle();
    if (this.root === ROOT.inOrder) return this.size > 0 && this.entries[0] === t;
    // The stale root stays for the push that usually follows (see the header): the earliest
    // pending event is one of its children, and none is earlier than the one popped.
    return (this.size > 1 && this.entries[2] === t) || (this.size > 2 && this.entries[4] === t);
  }

  /**
   * Whether an event of a kind other than `kind` is pending at the instant of the one popped last (a
   * boolean across the call, not a time). Not for the loop: it walks the heap's entries at that instant,
   * for a cancellation that goes after every other event of its instant, those they bring included.
   */
  dueAtPoppedTimeBut(kind: number): boolean {
    const e = this.entries;
    return this.findUpTo(this.poppedTime, (i) => ((e[i | 1] | 0) & 7) !== kind);
  }

  /**
   * Whether `found` holds for a pending entry (its index, 2k) of a time at most `upTo`, the entries
   * tried from the heap's top down (the stale root left out, its subtrees not): earliestIn's and
   * dueAtPoppedTimeBut's walk, cold (one array a walk).
   */
  private findUpTo(upTo: number, found: (i: number) => boolean): boolean {
    if (this.root === ROOT.unsifted) this.settle(); // the walk stops at an entry later than upTo: none below it is earlier
    const e = this.entries;
    const open = this.size > 0 ? [0] : []; // entry indices whose subtrees may hold such a time
    while (open.length > 0) {
      const i = open.pop()!;
      if (e[i] > upTo) continue; // nor any below it: a child is never earlier than its parent
      if ((i > 0 || this.root !== ROOT.stale) && found(i)) return true; // the stale root is gone
      const first = (i << 1) | 2; // its children: first and first + 2
      if (first < this.size << 1) open.push(first);
      if (first + 2 < this.size << 1) open.push(first + 2);
    }
    return false;
  }

  /**
   * Schedules an event at `at`. Most pushes follow a pop (see the header): that path is here, the popped event's place
   * taken, its sift down left to `settle`, and the others go to `insert`, out of line, so that push is small enough for
   * V8 to inline (under the 230 bytes of bytecode the command line allows) into startTask and arrive, whose task end and
   * next arrival were calls, and the sift weighs on the loop's (advance's) inlining budget, not on theirs: in arrive's it
   * did not fit (mm5 1M: docs/performance-notes.md, sessions 60 and 61; hot path: CONTRIBUTING.md, rule 3).
   */
  push(kind: number, subject: number): void {
    if (this.root !== ROOT.stale) {
      this.insert(kind, subject);
      return;
    }
    // At the sequence 2^22 the pending events are renumbered (see `renumber`). 2^22 * TAG_SEQ and TAG_SEQ written
    // out: a module's constant is, in the bundle, a context load and a check at every push (hot path: CONTRIBUTING.md,
    // rule 3); kind | subject << 3 is kind + 8 * subject (kind below 8, subject below 2^28) without overflow checks.
    if (this.seqTag === 9007199254740992) this.renumber(); // the sequence 2^22
    const tag = this.seqTag + (kind | (subject << 3));
    this.seqTag += 2147483648;
    const e = this.entries;
    e[0] = this.at;
    e[1] = tag;
    this.root = ROOT.unsifted;
  }

  /** push's rest, with no stale root: a new entry at the end, sifted up (its tag as push makes it). */
  private insert(kind: number, subject: number): void {
    if (this.root === ROOT.unsifted) this.settle(); // a second push since the pop: the first one's sift first
    if (this.seqTag === 9007199254740992) this.renumber(); // the sequence 2^22
    const tag = this.seqTag + (kind | (subject << 3));
    this.seqTag += 2147483648;
    const time = this.at;
    // Room is made here only: push's own path takes the stale root's place (hot path: CONTRIBUTING.md, rule 3).
    if (this.size << 1 === this.entries.length) this.grow();
    const e = this.entries;
    // Indices are of an entry's first slot (twice its place in the heap), so even: its second slot is `| 1`, bitwise,
    // where `+` costs an overflow check (hot path: CONTRIBUTING.md, rule 3). Sift up with the moves written out.
    let i = this.size++ << 1;
    while (i > 0) {
      const parent = ((i - 2) >> 2) << 1;
      const tp = e[parent];
      if (time > tp || (time === tp && tag > e[parent | 1])) break;
      e[i] = tp;
      e[i | 1] = e[parent | 1];
      i = parent;
    }
    e[i] = time;
    e[i | 1] = tag;
  }

  /**
   * Remove the earliest event into `poppedTime`, `poppedKind` and `poppedSubject`. It stays at
   * the root, stale, until the next push takes its place or a look at the queue removes it.
   * Only when `length > 0`: on an empty queue it would give the last event again and leave
   * `length` at -1, losing the next push. The caller checks (the loop asks `hasDue` first); no
   * check here, on the hot path.
   */
  pop(): void {
    if (this.root !== ROOT.inOrder) this.settle();
    const low = this.entries[1] | 0; // the tag's low 32 bits: kind + 8 * subject, and the sequence's lowest bit at the top
    this.poppedTime = this.entries[0];
    this.poppedKind = low & 7;
    this.poppedSubject = (low & 0x7fffffff) >> 3;
    this.root = ROOT.stale;
  }

  /** The root back in order: a stale root goes, the last entry taking its place, and the root's entry sinks to its own. */
  private settle(): void {
    let n = this.size << 1; // the entries' end
    if (this.root === ROOT.stale) {
      const e = this.entries;
      n = --this.size << 1;
      e[0] = n > 0 ? e[n] : Number.POSITIVE_INFINITY; // empty: the root's slot holds Infinity
      e[1] = e[n | 1];
    }
    this.root = ROOT.inOrder;
    this.siftRootDown(n);
  }

  /**
   * Sift the root's entry down to its place among the entries below index n (the entry is read here, not passed: a time
   * argument would be boxed). Indices as insert's; a first child's is `(i << 1) | 2`. Its order (time, then tag) is
   * insert's: the pops' order, so determinism, rests on both.
   */
  private siftRootDown(n: number): void {
    const e = this.entries;
    const t = e[0];
    const g = e[1];
    let i = 0;
    for (;;) {
      let child = (i << 1) | 2;
      if (child >= n) break;
      let tc = e[child];
      const right = child + 2;
      if (right < n) {
        const tr = e[right];
        if (tr < tc || (tr === tc && e[right | 1] < e[child | 1])) {
          child = right;
          tc = tr;
        }
      }
      if (t < tc || (t === tc && g < e[child | 1])) break;
      e[i] = tc;
      e[i | 1] = e[child | 1];
      i = child;
    }
    e[i] = t;
    e[i | 1] = g;
  }

  /**
   * The pending entries' sequence numbers (the stale root's too, if any) become their ranks,
   * 0 to size - 1, and the next is size: their order, so the pops', is unchanged, and a heap
   * of them stays a heap. Cold: once every 2^22 pushes.
   */
  private renumber(): void {
    const e = this.entries;
    const n = this.size;
    const seqs = new Float64Array(n);
    for (let k = 0; k < n; k++) seqs[k] = Math.floor(e[2 * k + 1] / TAG_SEQ);
    const sorted = seqs.slice().sort();
    for (let k = 0; k < n; k++) {
      const tag = e[2 * k + 1];
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid] < seqs[k]) lo = mid + 1;
        else hi = mid;
      }
      e[2 * k + 1] = lo * TAG_SEQ + (tag - seqs[k] * TAG_SEQ);
    }
    this.seqTag = n * TAG_SEQ;
  }

  private grow(): void {
    this.entries = resized(this.entries, this.entries.length * 2);
  }
}

function resized(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}
