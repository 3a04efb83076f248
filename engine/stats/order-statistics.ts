// Percentiles of a replication's per-case values (cycle times, milestone times) without
// sorting them. A type-7 percentile reads only the two order statistics around its position, so
// 101 percentiles need at most 202 of a million values. Non-negative 32-bit floats order like
// their bit patterns read as unsigned integers: one pass counts the values per high 16 bits of
// the pattern, which tells in which of those buckets each wanted rank lies; a second pass
// copies out only the values of those buckets, and sorting each such bucket (a fraction of a
// percent of the values) gives the ranks exactly. In a fresh process the full radix sort this
// replaces took about 330 instructions per value, the selection about 110 (callgrind, 600,000
// exponential values, 104 quantiles).
//
// Invariant: the value at each rank is the one a full sort would put there, in the same order
// as the radix sort this replaces (the unsigned order of the bit patterns; below SMALL values,
// the built-in sort's): the percentiles are identical to quantileSorted of the sorted values.
// The values are read, never changed.
//
// It runs once per replication, cold: each long loop is a function of its own, so that V8
// optimises each as it gets hot (on-stack replacement) instead of one function whose later loops,
// not yet run, have no type feedback and throw the optimised code away when they start.
import { quantileSorted } from './percentile.js';

/** Below this many values a sorted copy is cheaper (and the order is the built-in sort's, as before). */
const SMALL = 4096;
const BUCKETS = 1 << 16;

/** The values at some ranks of a sample, enough for quantileSorted at the quantiles they were chosen for. */
interface SomeOrderStatistics {
  readonly length: number;
  readonly [rank: number]: number;
}

/**
 * The type-7 quantiles `qs` of non-negative 32-bit floats, each what quantileSorted would give
 * on the values sorted (NaN for none).
 */
export function quantilesOf32(values: Float32Array, qs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(qs.length);
  const sorted = values.length < SMALL ? values.slice().sort() : orderStatistics32(values, ranksFor(values.length, qs));
  for (let i = 0; i < qs.length; i++) out[i] = quantileSorted(sorted, qs[i]);
  return out;
}

/** The ranks quantileSorted reads for each q on n values: the order statistics either side of (n - 1)q, ascending, once each. */
function ranksFor(n: number, qs: ArrayLike<number>): number[] {
  const ranks = new Set<number>();
  for (let i = 0; i < qs.length; i++) {
    const below = Math.floor((n - 1) * qs[i]);
    if (below >= n - 1) ranks.add(n - 1);
    else if (below >= 0) ranks.add(below).add(below + 1);
  }
  return [...ranks].sort((a, b) => a - b);
}

/** The values at `ranks` (ascending) of the values in the unsigned order of their bit patterns. */
export function orderStatistics32(values: Float32Array, ranks: readonly number[]): SomeOrderStatistics {
  const keys = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const fine = new Uint32Array(BUCKETS);
  countHighDigits(keys, fine);
  const wanted = Int32Array.from(ranks);
  const next = new Int32Array(BUCKETS).fill(-1);
  const place = new Int32Array(ranks.length);
  const runs = new Int32Array(2 * ranks.length + 2);
  const picked = markWanted(fine, wanted, next, place, runs);
  const chosen = new Uint32Array(picked);
  copyWanted(keys, next, chosen);
  for (let i = 0; runs[i + 1] > 0; i += 2) chosen.subarray(runs[i], runs[i] + runs[i + 1]).sort();
  const asFloats = new Float32Array(chosen.buffer);
  const found: { length: number; [rank: number]: number } = { length: values.length };
  for (let i = 0; i < ranks.length; i++) found[ranks[i]] = asFloats[place[i]];
  return found;
}

/** How many keys have each value of the high 16 bits. */
function countHighDigits(keys: Uint32Array, counts: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) counts[keys[i] >>> 16]++;
}

/**
 * The buckets holding a wanted rank, found from their counts (the coarse ones skip the empty
 * stretches of the 65,536 fine ones: walked one by one, that loop alone cost more than the
 * copying pass): next[b] becomes where bucket b's values go among the chosen ones, place[i]
 * where rank i will be once each bucket's values are sorted, runs the (start, size) of each
 * wanted bucket there, ending with a size of 0. Returns how many values they hold.
 */
function markWanted(fine: Uint32Array, ranks: Int32Array, next: Int32Array, place: Int32Array, runs: Int32Array): number {
  let b = 0; // the next bucket to look at, and the rank of its first value
  let bFirst = 0;
  let wantedFirst = 0; // the last wanted bucket: its first rank, where it ends, where its values go
  let wantedEnd = 0;
  let at = 0;
  let picked = 0;
  let run = 0;
  for (let i = 0; i < ranks.length; i++) {
    const rank = ranks[i];
    if (rank >= wantedEnd) {
      while (rank >= bFirst + fine[b]) bFirst += fine[b++];
      wantedFirst = bFirst;
      wantedEnd = bFirst + fine[b];
      at = picked;
      next[b] = at;
      runs[run++] = at;
      runs[run++] = fine[b];
      picked += fine[b];
      bFirst = wantedEnd;
      b++;
    }
    place[i] = at + rank - wantedFirst;
  }
  return picked;
}

/** Each key of a wanted bucket to the next place of that bucket in `chosen`. */
function copyWanted(keys: Uint32Array, next: Int32Array, chosen: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const at = next[key >>> 16];
    if (at >= 0) {
      chosen[at] = key;
      next[key >>> 16] = at + 1;
    }
  }
}
