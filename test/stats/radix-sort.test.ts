import { describe, expect, test } from 'vitest';
import seedrandom from 'seedrandom';
import { sortNonNegative } from '../../engine/stats/radix-sort.js';

describe('radix sort of non-negative doubles', () => {
  const rng = seedrandom('radix');
  const cases: [string, () => number][] = [
    ['exponential', () => -Math.log(rng()) * 3],
    ['wide range with zeros and ties', () => (rng() < 0.1 ? 0 : Math.floor(rng() * 50) * 10 ** Math.floor(rng() * 6 - 3))],
    ['one value', () => 2.5],
  ];
  for (const [name, draw] of cases) {
    test(`${name}: the same order as the built-in numeric sort`, () => {
      const values = Float64Array.from({ length: 20_000 }, draw);
      const expected = values.slice().sort();
      expect(Array.from(sortNonNegative(values))).toEqual(Array.from(expected));
    });
  }

  test('small inputs, and a view into a larger buffer, sort too', () => {
    expect(Array.from(sortNonNegative(Float64Array.from([3, 0, 2.5, 1])))).toEqual([0, 1, 2.5, 3]);
    const big = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000);
    const view = big.subarray(1000, 9000);
    const expected = view.slice().sort();
    expect(Array.from(sortNonNegative(view))).toEqual(Array.from(expected));
    expect(Array.from(big.subarray(0, 1000))).toEqual(Array.from({ length: 1000 }, (_, i) => (i * 7919) % 10_000)); // outside the view untouched
  });
});

describe('radix sort of non-negative 32-bit floats', () => {
  test('the same order as the built-in sort, in place, for large and small inputs', async () => {
    const { sortNonNegative32 } = await import('../../engine/stats/radix-sort.js');
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
