import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { orderStatistics32, quantilesOf32 } from '../../engine/stats/order-statistics.js';
import { quantileSorted } from '../../engine/stats/percentile.js';

/** The order the percentiles have always been read in: below 4,096 values the built-in sort's, from there the unsigned order of the bit patterns (the radix sort's). */
function sortedAsBefore(values: Float32Array): Float32Array {
  if (values.length < 4096) return values.slice().sort();
  const keys = new Uint32Array(values.slice().buffer).sort();
  return new Float32Array(keys.buffer);
}

const QS = [0.5, 0.9, 0.95, ...Array.from({ length: 101 }, (_, q) => q / 100), 0.123456, 0.999999];

describe('percentiles of 32-bit floats by selection', () => {
  test('exact small cases: type 7 between the order statistics around (n - 1)q', () => {
    expect(Array.from(quantilesOf32(Float32Array.of(4, 1, 3, 2), [0, 0.25, 0.5, 1]))).toEqual([1, 1.75, 2.5, 4]);
    expect(quantilesOf32(Float32Array.of(4, 1, 3, 2), [0.9])[0]).toBeCloseTo(3.7, 14);
    expect(Array.from(quantilesOf32(new Float32Array(0), [0, 0.5, 1]))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(quantilesOf32(Float32Array.of(2.5), [0, 0.5, 1]))).toEqual([2.5, 2.5, 2.5]);
  });

  test('the ranks a selection finds are those of a full sort: 5,000 values in 1..5,000 shuffled', () => {
    const rng = seedrandom('ranks');
    const values = Float32Array.from({ length: 5000 }, (_, i) => i + 1);
    for (let i = values.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [values[i], values[j]] = [values[j], values[i]];
    }
    const found = orderStatistics32(values, [0, 1, 2499, 2500, 4998, 4999]);
    expect([0, 1, 2499, 2500, 4998, 4999].map((r) => found[r])).toEqual([1, 2, 2500, 2501, 4999, 5000]);
    // (n - 1) * 0.5 = 2499.5: halfway between the 2,500th and 2,501st values
    expect(quantilesOf32(values, [0.5])[0]).toBe(2500.5);
  });

  test('every quantile equals quantileSorted of the sorted values, bit for bit, with ties, zeros and -0, and leaves the values as they were', () => {
    const rng = seedrandom('selection');
    const kinds: Record<string, () => number> = {
      exponential: () => -Math.log(1 - rng()) * 3,
      ties: () => Math.floor(rng() * 20) / 4,
      'mostly zero': () => (rng() < 0.7 ? 0 : rng() * 1e-3),
      'negative zero': () => (rng() < 0.1 ? -0 : rng()),
      'one value': () => 2.5,
      'wide range': () => Math.exp(rng() * 40 - 20),
    };
    for (const n of [1, 2, 3, 10, 4095, 4096, 4097, 20_000, 100_003]) {
      for (const [kind, draw] of Object.entries(kinds)) {
        const values = Float32Array.from({ length: n }, draw);
        const before = values.slice();
        const sorted = sortedAsBefore(values);
        const got = quantilesOf32(values, QS);
        const expected = QS.map((q) => quantileSorted(sorted, q));
        expect(Array.from(got), `${kind}, n = ${n}`).toEqual(expected);
        got.forEach((v, i) => expect(Object.is(v, expected[i]), `${kind}, n = ${n}, q = ${QS[i]}: ${v} against ${expected[i]}`).toBe(true));
        expect(values).toEqual(before);
      }
    }
  });

  test('a view into a larger array is read from where it starts', () => {
    const rng = seedrandom('view');
    const all = Float32Array.from({ length: 30_000 }, () => rng() * 10);
    const view = all.subarray(7_000, 27_000);
    expect(Array.from(quantilesOf32(view, QS))).toEqual(QS.map((q) => quantileSorted(sortedAsBefore(view), q)));
  });

  test('a q outside [0, 1] is refused as quantileSorted refuses it', () => {
    expect(() => quantilesOf32(new Float32Array(5000), [1.5])).toThrow(RangeError);
  });
});
