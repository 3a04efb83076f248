// A typed array that grows: one number per observation, no boxing. Cycle times kept for
// percentiles use 32-bit floats (half the memory; see recorder.ts).
//
// It starts small, so that its growth has run before the loop is optimised (hot path:
// CONTRIBUTING.md, rule 9), and its first growth goes straight to `reserve` (a quarter of it
// while the reservation is written ahead on another thread: awaitedGrowth), the count the
// model expects (recorder.ts, reservation), and only then doubles. Growing by doubling alone
// copied every element about once more and touched each copy's pages afresh, while the
// pages of a reservation never written are never touched: a fresh typed array is zeroed
// memory the system maps on first touch, so the room the run does not use costs address
// space, not memory (for 1M cycle times: about 1,500 fewer page faults, measured in
// docs/performance-notes.md, session 16 (s16m)).

import { WORKER_OUT_OF_MEMORY } from '../failure.js';
import { wholeNumber } from '../number-format.js';
import { float32Store, float64Store, moveOntoShelf, shelve } from './store-shelf.js';

type Storage = Float64Array | Float32Array;

export class GrowableArray<T extends Storage = Float64Array> {
  private data: T;
  length = 0;
  /** what it grows to while smaller: `reserve`, or a part of it while its reservation awaits it on the shelf (awaitReservation) */
  private firstGrowth: number;

  constructor(
    private readonly make: (size: number) => T,
    /** the size of the first growth (at least double the initial size) */
    private readonly reserve = 0,
    initial = FIRST_SIZE, // hot path: CONTRIBUTING.md, rule 9
  ) {
    this.data = make(initial);
    this.firstGrowth = reserve;
  }

  push(x: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = x;
  }

  /** Out of line, as it is rare (hot path: CONTRIBUTING.md, rule 3). */
  private grow(): void {
    this.data = grownCopy(this.data, nextSize(this.data.length, this.firstGrowth, this.reserve), this.make);
  }

  /** Whether its reservation is being written ahead for it (store-shelf.ts, stockShelf): if so, until `rehome` moves it there, it grows to a part of it (awaitedGrowth); if not (any more), to the whole. */
  awaitReservation(stocked = true): void {
    this.firstGrowth = stocked ? awaitedGrowth(this.reserve) : this.reserve;
  }

  /** The bytes of its first growth (its reservation): what store-shelf.ts's stockShelf may write ahead for it. */
  get reservedBytes(): number {
    return this.reserve * this.data.BYTES_PER_ELEMENT;
  }

  /** Onto a shelved buffer of its reservation (or of its room, if larger), if the shelf holds one (store-shelf.ts, moveOntoShelf). */
  rehome(): void {
    this.data = moveOntoShelf(this.data, this.length, this.homeSize, this.make) ?? this.data;
  }

  /** The size `rehome` moves it to, in values: its reservation, or its room if it has outgrown it. */
  get homeSize(): number {
    return Math.max(this.reserve, this.data.length);
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

/**
 * `data` copied into a new store of `size` values: a store that cannot grow (the system has no
 * more memory, or `size` is past the longest typed array, 2^32 values) is the run's memory
 * exhausted by its length, told as a worker out of memory is (engine/failure.ts) and not as
 * a bug, with what to change.
 */
export function grownCopy<T extends Storage>(data: T, size: number, make: (size: number) => T): T {
  let bigger: T;
  try {
    bigger = make(size);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new StoreOutgrown(data.length, size * data.BYTES_PER_ELEMENT, { cause: err });
  }
  bigger.set(data);
  return bigger;
}

/** A store of a value per completed case that could not grow: the run's length, not etomsim, is what to change. */
export class StoreOutgrown extends Error {
  readonly code = WORKER_OUT_OF_MEMORY;

  constructor(values: number, bytes: number, options: ErrorOptions) {
    super(
      `a replication keeps a value per completed case (the exact percentiles and MSER-5's warm-up read them), and its store of ` +
        `${wholeNumber(values)} could not grow to ${wholeNumber(bytes)} bytes: out of memory; ` +
        'a shorter run.horizon, or fewer arrivals per replication (more replications instead), keeps it smaller',
      options,
    );
  }
}

/** A store's first size, and the least it grows to: one emptied by `release` has room again at its next push. */
const FIRST_SIZE = 16;

/** The next size of a store of `size` elements: `reserve` when it is larger, else double (FIRST_SIZE at least). */
export function grownSize(size: number, reserve: number): number {
  return Math.max(2 * size, reserve, FIRST_SIZE);
}

/** The next size of a store of `size` values that grows first to `firstGrowth` (its reservation, or awaitedGrowth of it), then to `reserve`, then by doubling. */
export function nextSize(size: number, firstGrowth: number, reserve: number): number {
  return grownSize(size, size < firstGrowth ? firstGrowth : reserve);
}

/**
 * A store's first growth while its reservation is written ahead on another thread: a quarter of
 * it. Were it the whole reservation, the thread would hold it twice until the move, and V8
 * counts ArrayBuffers' memory towards the size at which it collects the whole heap: the
 * benchmark's M/M/5 run (5.6 MB reserved) then had a full collection of 5-13 ms as it built its
 * results (docs/performance-notes.md, session 24). A store that fills its quarter before the
 * move (now and then at 200,000-400,000 customers: see there) grows to its reservation as
 * before, at the cost of copying the quarter.
 */
export function awaitedGrowth(reserve: number): number {
  return Math.min(reserve, Math.max(FIRST_SIZE, Math.ceil(reserve / 4)));
}

export const float64 = (size: number) => float64Store(size);
export const float32 = (size: number) => float32Store(size);
