// Sorting a replication's cycle times is the largest cost of its statistics (one number per
// completed case). Non-negative floats order like their bit patterns read as unsigned
// integers, so an LSD radix sort on 16-bit digits sorts 32-bit floats in two linear passes,
// skipping a pass in which every value has the same digit.

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/** Sorts non-negative, non-NaN 32-bit floats in place, in two passes; returns `values`. */
export function sortNonNegative32(values: Float32Array): Float32Array {
  const n = values.length;
  if (n < 4096) return values.sort();
  const scratch = new Float32Array(n);
  const keys = [new Uint32Array(values.buffer, values.byteOffset, n), new Uint32Array(scratch.buffer, 0, n)];
  const counts = new Uint32Array(BUCKETS);
  let from = 0;
  for (let pass = 0; pass < 2; pass++) {
    const shift = pass * DIGIT_BITS;
    const src = keys[from];
    const dst = keys[1 - from];
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(src[i] >>> shift) & (BUCKETS - 1)]++;
    if (counts[(src[0] >>> shift) & (BUCKETS - 1)] === n) continue;
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) dst[counts[(src[i] >>> shift) & (BUCKETS - 1)]++] = src[i];
    from = 1 - from;
  }
  if (from === 1) values.set(scratch);
  return values;
}
