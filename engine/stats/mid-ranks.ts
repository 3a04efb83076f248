// The ranks of a sample among themselves, ties by their mean rank (1-based "mid-ranks"), for a rank test over many
// values (the warm-up check's test of a series: every replication's window bins together, warmup-check.ts).
// Sorted by their bit patterns, not compared: a double's pattern with its sign bit set (a positive number) or with
// every bit flipped (a negative one) orders as an unsigned 64-bit integer as the number does (its two 32-bit words are
// kept as int32s), so a least-significant-digit radix sort (8 bits a pass, stable) orders the values' positions in 8
// passes over them, fewer where every value shares a byte. It replaced (session 44) a native sort of the values and a
// bisection per value for its rank: the same ranks, the warm-up's test of a series in a fifth of the time (`npm run bench:warmup-cost`:
// docs/performance-notes.md).
//
// Invariant: a value's rank is the count of values below it plus (1 + the count equal to it) / 2, "below" and "equal"
// as JavaScript's < and === say (-0 equal to 0: -0 is ranked as 0); NaN is not a sample value (the caller leaves it
// out). Each rank is a multiple of 1/2, so sums of them are exact while they stay below 2^52.

/**
 * What midRanks sorts in, 24 bytes a value (the values' bit patterns, the sort's two orders), grown to the largest sample
 * it is given: one for a caller that ranks many samples in turn (the warm-up check: one an assessment, so that a run's
 * largest window, 1 MB at 200 replications x 200 bins, is not held for the life of the process, session 45).
 */
export class RankScratch {
  patterns = new Float64Array(0);
  words = new Int32Array(0);
  high = new Int32Array(0);
  low = new Int32Array(0);
  order = new Int32Array(0);
  spare = new Int32Array(0);

  /** Room for `n` values. */
  growTo(n: number): void {
    if (this.patterns.length >= n) return;
    const size = Math.max(n, 2 * this.patterns.length);
    this.patterns = new Float64Array(size);
    this.words = new Int32Array(this.patterns.buffer);
    this.high = new Int32Array(size);
    this.low = new Int32Array(size);
    this.order = new Int32Array(size);
    this.spare = new Int32Array(size);
  }
}

/** The sort's digit counts (8 passes of 256), cleared at each call: 8 KB, kept. */
const counts = new Int32Array(8 * 256);
/** Which of a double's two 32-bit words holds its sign and exponent on this machine. */
const HIGH = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? 1 : 0;

/** Into `ranks[i]`, the mid-rank of `values[i]` among `values[0..n)` (none NaN), sorting in `scratch`. */
export function midRanks(values: ArrayLike<number>, n: number, ranks: Float64Array, scratch = new RankScratch()): void {
  scratch.growTo(n);
  const { patterns, words, high, low, order, spare } = scratch;
  counts.fill(0);
  keysOf(values, n, patterns, words, high, low, order);
  let from = order;
  let to = spare;
  for (let pass = 0; pass < 8; pass++) {
    if (!placeDigits(pass * 256, n)) continue;
    orderByDigit(from, to, n, pass < 4 ? low : high, (pass & 3) * 8, pass * 256);
    const done = to;
    to = from;
    from = done;
  }
  rankRuns(from, n, high, low, ranks);
}

// One loop a function, each with its scratch passed in: a function called once a sample with a long loop is first
// compiled on its loop's stack (OSR), and code after the loop that had not yet run deoptimised it again at each of
// the first calls (a sort in one function: 13 deoptimisations in a run's first 255 series, none like this).

/** Each value's sortable pattern into `high` and `low`, its digits counted (`counts`: 8 passes of 256), `order` 0..n-1. */
function keysOf(
  values: ArrayLike<number>,
  n: number,
  patterns: Float64Array,
  words: Int32Array,
  high: Int32Array,
  low: Int32Array,
  order: Int32Array,
): void {
  for (let i = 0; i < n; i++) {
    patterns[i] = values[i] + 0; // -0 + 0 is 0: one pattern for the two zeros
    // a negative number's pattern (sign bit set: a negative int32) with every bit flipped, a positive one's sign bit
    // set; without a branch, which optimised code compiled before the first negative value would deoptimise on
    const negative = words[2 * i + HIGH] >> 31;
    const h = words[2 * i + HIGH] ^ (negative | (1 << 31));
    const l = words[2 * i + 1 - HIGH] ^ negative;
    high[i] = h;
    low[i] = l;
    counts[l & 255]++;
    counts[256 + ((l >>> 8) & 255)]++;
    counts[512 + ((l >>> 16) & 255)]++;
    counts[768 + (l >>> 24)]++;
    counts[1024 + (h & 255)]++;
    counts[1280 + ((h >>> 8) & 255)]++;
    counts[1536 + ((h >>> 16) & 255)]++;
    counts[1792 + (h >>> 24)]++;
    order[i] = i;
  }
}

/** A pass's counts (from `base`) made each digit's first place in the pass's order; false when one digit is every
 *  value's (the pass would leave the order as it is). */
function placeDigits(base: number, n: number): boolean {
  let placed = 0;
  for (let d = base; d < base + 256; d++) {
    const count = counts[d];
    if (count === n) return false;
    counts[d] = placed;
    placed += count;
  }
  return true;
}

/** `from` reordered into `to` by the digit of `word` at `shift`, stably. */
function orderByDigit(from: Int32Array, to: Int32Array, n: number, word: Int32Array, shift: number, base: number): void {
  for (let i = 0; i < n; i++) {
    const at = from[i];
    to[counts[base + ((word[at] >>> shift) & 255)]++] = at;
  }
}

/** Equal values lie together in the sorted `order`, at its places i..j-1: each is ranked (i + 1 + j) / 2. */
function rankRuns(order: Int32Array, n: number, high: Int32Array, low: Int32Array, ranks: Float64Array): void {
  let i = 0;
  for (let j = 1; j <= n; j++) {
    if (j < n && high[order[j]] === high[order[i]] && low[order[j]] === low[order[i]]) continue;
    const rank = (i + j + 1) * 0.5; // a double from the first run: / 2 gave an integer until the first tie
    for (let k = i; k < j; k++) ranks[order[k]] = rank;
    i = j;
  }
}
