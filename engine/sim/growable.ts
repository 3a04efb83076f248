// A typed array that grows: one number per observation, no boxing. Cycle times kept for
// percentiles use 32-bit floats (half the memory; see recorder.ts).
//
// It starts small, so that its growth has run before the loop is optimised (hot path:
// CONTRIBUTING.md, rule 9), and its first growth goes straight to `reserve`, the count the
// model expects (recorder.ts, reservation), and only then doubles. Growing by doubling alone
// copied every element about once more and touched each copy's pages afresh, while the
// pages of a reservation never written are never touched: a fresh typed array is zeroed
// memory the system maps on first touch, so the room the run does not use costs address
// space, not memory (for 1M cycle times: about 1,500 fewer page faults, measured in
// docs/performance-notes.md, session 16 (s16m)).

import { float32Store, float64Store, moveOntoShelf, shelve } from './store-shelf.js';

type Storage = Float64Array | Float32Array;

export class GrowableArray<T extends Storage = Float64Array> {
  private data: T;
  length = 0;

  constructor(
    private readonly make: (size: number) => T,
    /** the size of the first growth (at least double the initial size) */
    private readonly reserve = 0,
    initial = FIRST_SIZE, // hot path: CONTRIBUTING.md, rule 9
  ) {
    this.data = make(initial);
  }

  push(x: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = x;
  }

  /** Out of line, as it is rare (hot path: CONTRIBUTING.md, rule 3). */
  private grow(): void {
    const bigger = this.make(grownSize(this.data.length, this.reserve));
    bigger.set(this.data);
    this.data = bigger;
  }

  /** The bytes of its first growth (its reservation): what store-shelf.ts's stockShelf may write ahead for it. */
  get reservedBytes(): number {
    return this.reserve * this.data.BYTES_PER_ELEMENT;
  }

  /** The bytes of its room now. */
  get byteLength(): number {
    return this.data.byteLength;
  }

  /** Onto a shelved buffer of its room, if the shelf holds one (store-shelf.ts, moveOntoShelf). */
  rehome(): void {
    this.data = moveOntoShelf(this.data, this.length, this.make) ?? this.data;
  }

  /** Room for this many without growing (tests). */
  get capacity(): number {
    return this.data.length;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** Its values read for the last time: its memory to the thread's next replication (store-shelf.ts); it is left empty. */
  release(): void {
    shelve(this.data);
    this.data = this.make(0);
    this.length = 0;
  }
}

/** A store's first size, and the least it grows to: one emptied by `release` has room again at its next push. */
const FIRST_SIZE = 16;

/** The next size of a store of `size` elements: `reserve` when it is larger, else double (FIRST_SIZE at least). */
export function grownSize(size: number, reserve: number): number {
  return Math.max(2 * size, reserve, FIRST_SIZE);
}

export const float64 = (size: number) => float64Store(size);
export const float32 = (size: number) => float32Store(size);
