// Sorting a replication's cycle times is the largest cost of its statistics (one number per
// completed case). Non-negative doubles order like their bit patterns read as unsigned
// integers, so an LSD radix sort on 16-bit digits sorts them in four linear passes, skipping
// the passes in which every value has the same digit (the high digits, mostly).

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Sorts non-negative, non-NaN values, reusing their buffer: the result is `values` itself or,
 * after an odd number of passes, a scratch array of the same length (the caller's values are
 * then left in an unspecified order).
 */
export function sortNonNegative(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < 4096) return values.sort(); // the built-in sort wins on small inputs
  let src: Float64Array = values;
  let dst: Float64Array = new Float64Array(n);
  const counts = new Uint32Array(BUCKETS);
  for (let pass = 0; pass < 4; pass++) {
    const word = pass >> 1; // 0: low 32 bits, 1: high 32 bits (little-endian)
    const shift = (pass & 1) * DIGIT_BITS;
    const srcWords = new Uint32Array(src.buffer, src.byteOffset, 2 * n);
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(srcWords[2 * i + word] >>> shift) & (BUCKETS - 1)]++;
    if (counts[(srcWords[word] >>> shift) & (BUCKETS - 1)] === n) continue; // one digit for all: nothing to move
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) dst[counts[(srcWords[2 * i + word] >>> shift) & (BUCKETS - 1)]++] = src[i];
    [src, dst] = [dst, src];
  }
  return src;
}

/** The same for 32-bit floats: two passes, in place (the result is `values` itself). */
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
