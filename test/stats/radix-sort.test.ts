import { describe, expect, test } from 'vitest';
import seedrandom from 'seedrandom';
import { sortNonNegative32 } from '../../engine/stats/radix-sort.js';

describe('radix sort of non-negative 32-bit floats', () => {
  test('the same order as the built-in sort, in place, for large and small inputs', () => {
    const rng = seedrandom('radix32');
    for (const n of [10, 5000, 50_000]) {
      const values = Float32Array.from({ length: n }, () => (rng() < 0.05 ? 0 : -Math.log(rng()) * 40));
      const expected = values.slice().sort();
      const sorted = sortNonNegative32(values);
      expect(sorted).toBe(values);
      expect(Array.from(sorted)).toEqual(Array.from(expected));
    }
  });
});

describe('radix sort edge cases', () => {
  test('whole numbers, a narrow range and equal values skip passes and still sort; a view is sorted in place', () => {
    const rng = seedrandom('radix-edges');
    const cases = [
      Float32Array.from({ length: 6000 }, () => Math.floor(rng() * 1000)),
      Float32Array.from({ length: 6000 }, () => 1000 + rng()),
      new Float32Array(6000).fill(2.5),
    ];
    for (const values of cases) {
      const expected = values.slice().sort();
      expect(Array.from(sortNonNegative32(values))).toEqual(Array.from(expected));
    }
    const big = Float32Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
    const view = big.subarray(1000, 9000);
    const expected = view.slice().sort();
    expect(Array.from(sortNonNegative32(view))).toEqual(Array.from(expected));
    expect(Array.from(big.subarray(0, 1000))).toEqual(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 10_000));
  });
});
