// Percentiles of a replication's per-case values (cycle times, milestone times) without
// sorting them. A type-7 percentile reads only the two order statistics around its position,
// so 101 percentiles need at most 202 of a million values. Non-negative 32-bit floats order
// like their bit patterns read as unsigned integers, so the value at a rank is found a part of
// its pattern at a time, by counting: one pass counts the values per high 16 bits, which tells
// in which of those buckets each wanted rank lies and its rank there; a second counts the
// values of the wanted buckets per third byte, a third those of the wanted (bucket, third
// byte) groups per low byte, which gives each wanted rank's whole pattern. Every value is
// counted in the first pass. A caller that reads the values no more (the replication's summary)
// lets the second and third count only the wanted buckets' values (17% of exponential cycle
// times), moved to the front of the values' own memory between the passes (keepWanted);
// otherwise each counts every value, those of groups not wanted into a group of their own that
// nothing reads, with three lookups where the move takes one (callgrind, `probe.js mm5 600000`
// single-threaded: the two passes 63 M instructions, 13 M and the move 18 M; a copy to a buffer
// of their own instead brought on a full collection at the command line's results, V8 counting
// the buffer's bytes towards its limit; docs/performance-notes.md, session 26). No pass or move
// branches on the values. Nothing is sorted: three passes whatever the values, spread
// (exponential cycle times), concentrated or all equal. What this replaced, the wanted buckets'
// values copied out and sorted, spent its time where callgrind does not look: the copy's fresh
// pages (680 KB for a million cycle times of M/M/5, 170 faults) and the branch it mispredicted
// on every sixth value, the sort's mispredicted comparisons. On those million values a call
// with its code optimised (a thread's later replications) took half the time of the sort's
// (medians of 7 processes on a busy host: 23.4 -> 11.4 ms). A first call runs each pass
// unoptimised until V8 has compiled it, and cost about what the sort did on a busy host (33.3 ->
// 38.1 ms there; the command line's percentile step 22.9 -> 19.8 and 21.2 -> 22.4 ms, and 19.1
// -> 14.8 ms on a calmer minute) and more instructions (callgrind, single-threaded,
// compilations included: 98 M -> 190 M). Session 17 (s17f) in docs/performance-notes.md.
//
// Invariant: the value at each rank is the one a numeric sort would put there, -0 read as 0:
// the percentiles are identical to quantileSorted of the values sorted, with -0 written 0. The
// unsigned order of the bit patterns puts -0 (0x80000000) after every positive value, so a
// sample of 4,096 values or more read a -0 as its largest (a p90 of 0 over cycle times of hours)
// where a smaller one, sorted, read it as its smallest: -0's bucket is counted as 0's
// (orderStatistics32).
// The values are read, never changed, unless the caller lets them be overwritten.
//
// The counts (65,536 for the first pass, 256 per wanted group for the others) are one buffer
// per thread, kept from call to call: a replication takes it for each flow and KPI, and a
// fresh one each time was fresh memory, which costs more in page faults than counting into it
// (hot path: CONTRIBUTING.md, rule 11). The first pass's 65,536 (256 KB) are 0 between calls:
// a call clears them once, after the first walk (the table is the next pass's map of buckets),
// and puts back to 0 the few entries it then writes, so the next call counts into it as is.
//
// It runs once per replication, cold unless the thread has run it on scratch keys first
// (warmUpOrderStatistics, which engine/sim/thread-warm-ups.ts calls before a replication with
// many completions, so that V8 has compiled the passes when the long call comes). The first
// pass and the walks are functions of their own, so that V8 optimises each as it gets hot
// (on-stack replacement) instead of one function whose later loops, not yet run, have no type
// feedback and throw the optimised code away when they start; the second and third passes are
// one function, so that the third runs the code made while the second ran.
import { quantileSorted } from './percentile.js';
import type { WarmUpScale } from './warm-up-scale.js';

/** Below this many values a sorted copy is cheaper (and the order is the built-in sort's, as before). */
const SMALL = 4096;
const BUCKETS = 1 << 16;
/** The high 16 bits of -0's pattern (0x80000000): the only value of that bucket, the values being non-negative. */
const NEGATIVE_ZERO_BUCKET = 0x8000;
/** The counts of one wanted group in the second and third passes: one per byte. */
const BYTES = 256;

/** The values at some ranks of a sample, enough for quantileSorted at the quantiles they were chosen for. */
interface SomeOrderStatistics {
  readonly length: number;
  readonly [rank: number]: number;
}

/**
 * The type-7 quantiles `qs` of non-negative 32-bit floats, each what quantileSorted would give
 * on the values sorted (NaN for none). With `overwrite`, the caller reads the values no more,
 * and their memory is where the wanted buckets' values are moved (see the header).
 */
export function quantilesOf32(values: Float32Array, qs: ArrayLike<number>, overwrite = false): Float64Array {
  const out = new Float64Array(qs.length);
  const sorted = values.length < SMALL ? values.slice().sort() : orderStatistics32(values, ranksFor(values.length, qs), overwrite);
  for (let i = 0; i < qs.length; i++) out[i] = quantileSorted(sorted, qs[i]) + 0; // -0 is 0 (the built-in sort keeps it below 0)
  return out;
}

/**
 * warmUpOrderStatistics' scratch sample at each scale of the calls (warm-up-scale.ts): its keys, not a multiple of 4,
 * so that the passes' leftover keys run too, and the lower of the two buckets they lie in, which sets how far the walk
 * over the counts goes; the eighth's each an eighth of the full (rounded, so that the walk is found hot in as many calls).
 */
const SCRATCH: Readonly<Record<WarmUpScale, { keys: number; bucket: number }>> = {
  full: { keys: 1027, bucket: 638 },
  eighth: { keys: 131, bucket: 80 },
};

/**
 * The passes and walks run `calls` times on scratch keys: their type feedback, and enough runs
 * for V8 to find each loop hot and compile it on its own thread (thread-warm-ups.ts says when
 * and why). The keys are the bit patterns of tiny floats in two buckets (high 16 bits 638 and
 * 639), so that the walk over the 65,536 counts stops there instead of running to the buckets of
 * hours, where cycle times lie, yet walks far enough a call for V8 to find it hot with the
 * passes over the keys (`--trace-opt`: walkBuckets marked in the 8th call, countHighDigits, the
 * last, in the 9th; with buckets 254 and 255 the walk in the 18th, and with 1022 and 1023 in the
 * 5th, but then often compiled on-stack as well, its call running on past the mark), and the
 * second and third passes count about as many keys as the first (spread over 256 buckets, the
 * wanted ones held too few for V8 to compile the count before the long call, which then ran some
 * of it unoptimised: callgrind, mm5 600000, 11 M instructions more). The ranks are those of
 * `scratchQs`, a few quantiles (the KPIs' three): few enough that orderStatistics32's own loops
 * over the ranks stay cold (it runs once a call, and V8's compile of it with the passes inlined
 * is the largest of all). The counts buffer is made at the size quantiles `qs` need, as the
 * calls at the horizon would make it. The sample's size and buckets are `scale`'s (SCRATCH: the
 * full's above). The results are dropped.
 */
export function warmUpOrderStatistics(qs: ArrayLike<number>, scratchQs: ArrayLike<number>, calls: number, scale: WarmUpScale): void {
  kept = takeCounts(ranksFor(Number.MAX_SAFE_INTEGER, qs).length); // made at that size, handed back as it is (all 0)
  const { keys: size, bucket } = SCRATCH[scale];
  const keys = new Uint32Array(size);
  for (let i = 0; i < keys.length; i++) keys[i] = (bucket << 16) + (Math.imul(i, 0x9e3779b1) >>> 15); // buckets `bucket` and the next, every third and low byte
  const scratch = new Float32Array(keys.buffer);
  const values = new Float32Array(keys.length);
  const ranks = ranksFor(values.length, scratchQs);
  for (let c = 0; c < calls; c++) {
    values.set(scratch); // the call overwrites them, as the summary's calls do
    orderStatistics32(values, ranks, true);
  }
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

/**
 * The thread's counts (see the header), all 0 between calls: made at its first use, grown when a
 * call needs more, taken by a call and handed back by it once it has cleared what it wrote.
 */
let kept: Uint32Array | null = null;

/**
 * Room for the first pass's counts and the second's and third's for `ranks` wanted ranks (each pass
 * at most one group per rank, and the group not wanted), all 0, taken from `kept`: a call that
 * stops midway (an exception) does not hand it back, and the next call makes a fresh one.
 */
function takeCounts(ranks: number): Uint32Array {
  const size = BUCKETS + 2 * (ranks + 1) * BYTES;
  const counts = kept !== null && kept.length >= size ? kept : new Uint32Array(size); // pages never written cost address space only
  kept = null;
  return counts;
}

/**
 * The values at `ranks` (ascending) of the values in the unsigned order of their bit patterns, -0 as 0 (the header).
 * With `overwrite` the second and third passes count only the wanted buckets' values, moved to
 * the front of `values` first; without, every value, those of buckets not wanted into a group
 * nothing reads.
 */
export function orderStatistics32(values: Float32Array, ranks: readonly number[], overwrite = false): SomeOrderStatistics {
  const keys = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const counts = takeCounts(ranks.length);
  // Per wanted rank: the group it lies in (at first the one of all values), its rank there, its bit pattern so far.
  const group = new Int32Array(ranks.length);
  const within = Float64Array.from(ranks);
  const pattern = new Uint32Array(ranks.length);
  const high = counts.subarray(0, BUCKETS); // all 0: made so, and each call leaves it so (below)
  countHighDigits(keys, high);
  high[0] += high[NEGATIVE_ZERO_BUCKET]; // -0 ranks as 0 (the header): counted with 0's bucket, read as 0 (both bytes below are 0)
  high[NEGATIVE_ZERO_BUCKET] = 0;
  const buckets = walkBuckets(high, within, pattern, group);
  // The counts are read: the same table becomes where each bucket's values are counted next, 0 (the group nothing reads) for those not wanted.
  high.fill(0);
  for (let i = 0; i < ranks.length; i++) high[pattern[i] >>> 16] = group[i] * BYTES;
  high[NEGATIVE_ZERO_BUCKET] = high[0]; // -0's keys counted in 0's group, when it is wanted
  const wanted = overwrite ? keys.subarray(0, keepWanted(keys, high)) : keys;
  // Each (bucket, third byte) to its bucket's counts.
  const size = (buckets + 1) * BYTES;
  const pairs = counts.subarray(BUCKETS, BUCKETS + size);
  for (let at = 0; at < size; at += BYTES) pairs.fill(at, at, at + BYTES); // a built-in fill: no loop of this cold function's own for V8 to compile
  const third = counts.subarray(BUCKETS + size, BUCKETS + 2 * size).fill(0);
  countBytes(wanted, high, pairs, 8, third);
  const wantedPairs = walkBytes(third, group, within, pattern, 8);
  // Each wanted (bucket, third byte) to counts of its own, 0 for the others.
  pairs.fill(0);
  for (let i = 0; i < ranks.length; i++) pairs[high[pattern[i] >>> 16] + ((pattern[i] >>> 8) & 255)] = group[i] * BYTES;
  const low = counts.subarray(BUCKETS + size, BUCKETS + size + (wantedPairs + 1) * BYTES).fill(0);
  countBytes(wanted, high, pairs, 0, low);
  walkBytes(low, group, within, pattern, 0);
  // The table left as the next call needs it, all 0: only the wanted buckets' entries are not (one 256 KB fill a call, not two).
  for (let i = 0; i < ranks.length; i++) high[pattern[i] >>> 16] = 0;
  high[NEGATIVE_ZERO_BUCKET] = 0;
  kept = counts;
  const asFloats = new Float32Array(pattern.buffer);
  const found: { length: number; [rank: number]: number } = { length: values.length };
  for (let i = 0; i < ranks.length; i++) found[ranks[i]] = asFloats[i];
  return found;
}

/**
 * The first pass's walk: each rank's bucket is the one whose count reaches past it (ranks
 * ascending). `within` becomes the rank among the bucket's values, `pattern` the bucket's high
 * 16 bits and `group` the bucket's number (from 1) among those holding a rank. Returns how many
 * there are. A loop of its own, not walkBytes': V8 optimises this one as it runs over up to
 * 65,536 counts, and code made for it, shared with the short walks, was thrown away there.
 */
function walkBuckets(counts: Uint32Array, within: Float64Array, pattern: Uint32Array, group: Int32Array): number {
  let bucket = 0;
  let before = 0; // the values in the buckets below `bucket`
  let wanted = 0;
  let last = -1;
  for (let i = 0; i < within.length; i++) {
    while (within[i] >= before + counts[bucket]) before += counts[bucket++];
    within[i] -= before;
    pattern[i] = bucket << 16;
    if (bucket !== last) {
      wanted++;
      last = bucket;
    }
    group[i] = wanted;
  }
  return wanted;
}

/**
 * The second or third pass's walk over its counts (each wanted group's 256 at group * 256;
 * ranks ascending, groups ascending): each rank's byte is the one whose count reaches past its
 * rank within the group. `within` becomes its rank among the values with that byte, `pattern`
 * gains the byte at `shift`, and `group` the number (from 1) of its (group, byte) among those
 * the ranks lie in: the next pass's group. Returns how many there are.
 */
function walkBytes(counts: Uint32Array, group: Int32Array, within: Float64Array, pattern: Uint32Array, shift: number): number {
  let current = -1;
  let byte = 0;
  let before = 0; // the values of the group's bytes below `byte`
  let wanted = 0;
  let last = -1;
  for (let i = 0; i < group.length; i++) {
    if (group[i] !== current) {
      current = group[i];
      byte = 0;
      before = 0;
      last = -1;
    }
    const base = current * BYTES;
    while (within[i] >= before + counts[base + byte]) before += counts[base + byte++];
    within[i] -= before;
    pattern[i] |= byte << shift;
    if (byte !== last) {
      wanted++;
      last = byte;
    }
    group[i] = wanted;
  }
  return wanted;
}

/**
 * How many keys have each value of the high 16 bits. The keys left over from groups of four
 * come first, so that the loop V8 optimises while it runs (on-stack replacement) is the last:
 * a loop it had not seen run after it would throw the optimised code away. Four keys an
 * iteration: V8 checks each array's map and length and reloads its data pointer at every
 * access in this loop, and the loop's own overhead is shared by four (callgrind, 1M cycle
 * times: the optimised loop 34 M to 24 M instructions).
 */
function countHighDigits(keys: Uint32Array, counts: Uint32Array): void {
  const n = keys.length;
  let i = 0;
  for (; i < n % 4; i++) counts[keys[i] >>> 16]++;
  for (; i < n; i += 4) {
    counts[keys[i] >>> 16]++;
    counts[keys[i + 1] >>> 16]++;
    counts[keys[i + 2] >>> 16]++;
    counts[keys[i + 3] >>> 16]++;
  }
}

/**
 * The keys whose high 16 bits are a wanted bucket's (`buckets` not 0 there) moved to the front
 * of `keys`, in their order: how many there are. Every key is written and the count moves on
 * only for a wanted one, so the loop does not branch on the values: a branch taken for some
 * sixth of exponential cycle times, at random, is mispredicted that often. A key is written at
 * or before its own place, after it is read. Leftover keys first, four an iteration, as in
 * countHighDigits. The caller takes the part of `keys` they fill: nothing follows the loop but the
 * return, since V8 compiles the loop on-stack in a thread's first long call, before anything after
 * it has run to give type feedback, and enters that code again at each later call (one call a
 * replication): `keys.subarray` here deoptimised it at every call (docs/performance-notes.md, session 59).
 */
function keepWanted(keys: Uint32Array, buckets: Uint32Array): number {
  const n = keys.length;
  let kept = 0;
  let i = 0;
  for (; i < n % 4; i++) {
    const a = keys[i];
    keys[kept] = a;
    kept += (0 - buckets[a >>> 16]) >>> 31; // 1 when wanted: the groups' offsets are below 2^31
  }
  for (; i < n; i += 4) {
    const a = keys[i];
    const b = keys[i + 1];
    const c = keys[i + 2];
    const d = keys[i + 3];
    keys[kept] = a;
    kept += (0 - buckets[a >>> 16]) >>> 31;
    keys[kept] = b;
    kept += (0 - buckets[b >>> 16]) >>> 31;
    keys[kept] = c;
    kept += (0 - buckets[c >>> 16]) >>> 31;
    keys[kept] = d;
    kept += (0 - buckets[d >>> 16]) >>> 31;
  }
  return kept;
}

/**
 * The second and third passes: each key counted at `pairs[buckets[high 16 bits] + third byte]
 * + its byte at `shift``. One function, so that the third runs the code V8 optimised while the
 * second ran instead of a loop of its own that runs slowly until V8 has compiled it. The second
 * counts the wanted buckets' third bytes (`pairs` maps each (bucket, third byte) to its
 * bucket's counts), the third the low bytes of the wanted (bucket, third byte) groups (`pairs`
 * maps each to its own counts); `pairs` maps the pairs not wanted to group 0, which nothing
 * reads, and `buckets` the buckets not wanted likewise (keepWanted leaves none). Leftover keys
 * first, four an iteration, as in countHighDigits.
 */
function countBytes(keys: Uint32Array, buckets: Uint32Array, pairs: Uint32Array, shift: number, counts: Uint32Array): void {
  const n = keys.length;
  let i = 0;
  for (; i < n % 4; i++) {
    const a = keys[i];
    counts[pairs[buckets[a >>> 16] + ((a >>> 8) & 255)] + ((a >>> shift) & 255)]++;
  }
  for (; i < n; i += 4) {
    const a = keys[i];
    const b = keys[i + 1];
    const c = keys[i + 2];
    const d = keys[i + 3];
    counts[pairs[buckets[a >>> 16] + ((a >>> 8) & 255)] + ((a >>> shift) & 255)]++;
    counts[pairs[buckets[b >>> 16] + ((b >>> 8) & 255)] + ((b >>> shift) & 255)]++;
    counts[pairs[buckets[c >>> 16] + ((c >>> 8) & 255)] + ((c >>> shift) & 255)]++;
    counts[pairs[buckets[d >>> 16] + ((d >>> 8) & 255)] + ((d >>> shift) & 255)]++;
  }
}
