// Percentiles of a replication's per-case values (cycle times, milestone times) without
// sorting all of them. A type-7 percentile reads only the two order statistics around its
// position, so 101 percentiles need at most 202 of a million values. Non-negative 32-bit floats
// order like their bit patterns read as unsigned integers: one pass counts the values per high
// 16 bits of the pattern, which tells in which of those buckets each wanted rank lies; a second
// pass copies out only the values of those buckets, and sorting each such bucket gives the
// ranks exactly. A bucket is 1/128 of an octave, so spread values (exponential cycle times)
// leave each a fraction of a percent of them, sorted by the built-in sort; concentrated ones
// (constant durations with little queueing, all equal) can put nearly all of them in one,
// which is then radix-sorted on its low 16 bits: linear, so the worst case costs about what the
// full radix sort this replaces did. In a fresh process that radix sort took about 330
// instructions per value, the selection about 110 (callgrind, 600,000 exponential values, 104
// quantiles).
//
// Invariant: the value at each rank is the one a full sort would put there, in the same order
// as the radix sort this replaces (the unsigned order of the bit patterns; below SMALL values,
// the built-in sort's): the percentiles are identical to quantileSorted of the sorted values.
// The values are read, never changed.
//
// The table of 65,536 counts per high 16 bits (256 KB) is one per thread, kept from call to
// call: a replication takes it for each flow and KPI, and a fresh one each time was fresh
// memory, which costs more in page faults than counting into it (hot path: CONTRIBUTING.md,
// rule 11). The same table then says where each wanted bucket's values go.
//
// It runs once per replication, cold: each long loop is a function of its own, so that V8
// optimises each as it gets hot (on-stack replacement) instead of one function whose later loops,
// not yet run, have no type feedback and throw the optimised code away when they start.
import { quantileSorted } from './percentile.js';

/** Below this many values a sorted copy is cheaper (and the order is the built-in sort's, as before). */
const SMALL = 4096;
const BUCKETS = 1 << 16;
/**
 * From this many values a wanted bucket is radix-sorted on its low 16 bits (linear: a counting
 * pass and at most two scattering passes over it); below, the built-in sort is as cheap.
 */
const LARGE_BUCKET = 4096;

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

/** The thread's table of BUCKETS counts (see the header), made at its first use. */
let table: ArrayBuffer | null = null;

/** The values at `ranks` (ascending) of the values in the unsigned order of their bit patterns. */
export function orderStatistics32(values: Float32Array, ranks: readonly number[]): SomeOrderStatistics {
  const keys = new Uint32Array(values.buffer, values.byteOffset, values.length);
  table ??= new ArrayBuffer(4 * BUCKETS);
  const fine = new Uint32Array(table).fill(0);
  countHighDigits(keys, fine);
  const wanted = Int32Array.from(ranks);
  const place = new Int32Array(ranks.length);
  const runs = new Int32Array(2 * ranks.length + 2);
  const buckets = new Int32Array(ranks.length);
  const picked = markWanted(fine, wanted, buckets, place, runs);
  // The counts are read: the same table becomes where each wanted bucket's values go, -1 for the others.
  const next = new Int32Array(table).fill(-1);
  for (let i = 0; runs[2 * i + 1] > 0; i++) next[buckets[i]] = runs[2 * i];
  const chosen = new Uint32Array(picked);
  // One bucket holding every value (all equal, or nearly): a plain copy, the order copyWanted gives.
  if (runs[1] === keys.length) chosen.set(keys);
  else copyWanted(keys, next, chosen);
  sortBuckets(chosen, runs, new Uint32Array(table));
  const asFloats = new Float32Array(chosen.buffer);
  const found: { length: number; [rank: number]: number } = { length: values.length };
  for (let i = 0; i < ranks.length; i++) found[ranks[i]] = asFloats[place[i]];
  return found;
}

/**
 * Sorts each wanted bucket of `chosen` (`runs` as markWanted leaves them) in the unsigned order:
 * a small one by the built-in sort, a large one on its low 16 bits (radix, linear), one of
 * 65,536 values or more by counting them (its 65,536 counts cost at most two per value, in
 * `digitCounts`, the thread's table, free again once the values are chosen).
 */
function sortBuckets(chosen: Uint32Array, runs: Int32Array, digitCounts: Uint32Array): void {
  let largest = 0;
  for (let i = 0; runs[i + 1] > 0; i += 2) if (runs[i + 1] > largest) largest = runs[i + 1];
  const scratch = largest < LARGE_BUCKET ? null : new Uint32Array(Math.min(largest, BUCKETS));
  const byteCounts = new Uint32Array(512);
  for (let i = 0; runs[i + 1] > 0; i += 2) {
    const bucket = chosen.subarray(runs[i], runs[i] + runs[i + 1]);
    if (bucket.length < LARGE_BUCKET) bucket.sort();
    else if (bucket.length < BUCKETS) sortByLowBytes(bucket, scratch!, byteCounts);
    else sortByLowDigits(bucket, digitCounts);
  }
}

/**
 * How many keys have each value of the high 16 bits. Four keys an iteration: V8 checks each
 * array's map and length and reloads its data pointer at every access in this (on-stack
 * replaced) loop, and the loop's own overhead is shared by four (callgrind, 1M cycle times:
 * the optimised loop 34 M to 24 M instructions).
 */
function countHighDigits(keys: Uint32Array, counts: Uint32Array): void {
  const n = keys.length;
  const unrolled = n - (n % 4);
  let i = 0;
  for (; i < unrolled; i += 4) {
    counts[keys[i] >>> 16]++;
    counts[keys[i + 1] >>> 16]++;
    counts[keys[i + 2] >>> 16]++;
    counts[keys[i + 3] >>> 16]++;
  }
  for (; i < n; i++) counts[keys[i] >>> 16]++;
}

/**
 * The buckets holding a wanted rank, found from their counts (walked in order, skipping whole
 * buckets below each rank): buckets[j] becomes the j-th of them, place[i] where rank i will be
 * among the chosen values once each bucket's values are sorted, runs the (start, size) of each
 * wanted bucket there, ending with a size of 0. Returns how many values they hold.
 */
function markWanted(fine: Uint32Array, ranks: Int32Array, buckets: Int32Array, place: Int32Array, runs: Int32Array): number {
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
      buckets[run >> 1] = b;
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
  const n = keys.length;
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    const bucket = key >>> 16;
    const at = next[bucket];
    if (at >= 0) {
      chosen[at] = key;
      next[bucket] = at + 1;
    }
  }
}

/**
 * Sorts the keys of one bucket (all with the same high 16 bits) in unsigned order: an LSD radix
 * sort on the two bytes of their low 16 bits, skipping a byte every key shares, as the full
 * radix sort skipped a digit. `scratch` holds at least as many keys; `counts` 512 entries.
 */
function sortByLowBytes(bucket: Uint32Array, scratch: Uint32Array, counts: Uint32Array): void {
  counts.fill(0);
  countLowBytes(bucket, counts);
  let from = bucket;
  let to = scratch.subarray(0, bucket.length);
  for (let shift = 0; shift < 16; shift += 8) {
    const offsets = counts.subarray(shift << 5, (shift << 5) + 256); // byte 0 at 0, byte 1 at 256
    if (offsets[(from[0] >>> shift) & 255] === from.length) continue;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = offsets[d];
      offsets[d] = sum;
      sum += c;
    }
    scatterByByte(from, to, shift, offsets);
    [from, to] = [to, from];
  }
  if (from !== bucket) bucket.set(from);
}

/** counts[byte 0] and counts[256 + byte 1] of each key. */
function countLowBytes(keys: Uint32Array, counts: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    counts[key & 255]++;
    counts[256 + ((key >>> 8) & 255)]++;
  }
}

/** Each key to the next place of its byte at `shift`, in order (stable). */
function scatterByByte(from: Uint32Array, to: Uint32Array, shift: number, offsets: Uint32Array): void {
  for (let i = 0; i < from.length; i++) {
    const key = from[i];
    to[offsets[(key >>> shift) & 255]++] = key;
  }
}

/**
 * Sorts the keys of one bucket (all with the same high 16 bits) in unsigned order by counting
 * their low 16 bits: a key is its bucket's high bits and its low digit, so the counts say the
 * whole sorted run. `counts` has BUCKETS entries.
 */
function sortByLowDigits(bucket: Uint32Array, counts: Uint32Array): void {
  counts.fill(0);
  countLowDigits(bucket, counts);
  // As an int32 the high bits of -0's bucket (0x8000) are negative; fill stores them as uint32 again.
  const high = bucket[0] & 0xffff0000;
  let at = 0;
  for (let low = 0; low < BUCKETS; low++) {
    const end = at + counts[low];
    if (end > at) bucket.fill(high | low, at, end);
    at = end;
  }
}

function countLowDigits(keys: Uint32Array, counts: Uint32Array): void {
  for (let i = 0; i < keys.length; i++) counts[keys[i] & 0xffff]++;
}
