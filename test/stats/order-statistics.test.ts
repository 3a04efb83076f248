import seedrandom from 'seedrandom';
import { describe, expect, test, vi } from 'vitest';
import { orderStatistics32, quantilesOf32 } from '../../engine/stats/order-statistics.js';
import { quantileSorted } from '../../engine/stats/percentile.js';

/** The values in numeric order, -0 written 0: the order the percentiles are read in, at every size. */
function sortedAsRead(values: Float32Array): Float32Array {
  return values.map((v) => v + 0).sort();
}

/** The bytes of a typed array's elements (of a view: its own, not the whole buffer's). */
function bytesOf(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

const QS = [0.5, 0.9, 0.95, ...Array.from({ length: 101 }, (_, q) => q / 100), 0.123456, 0.999999];

describe('percentiles of 32-bit floats by selection', () => {
  test('exact small cases: type 7 between the order statistics around (n - 1)q', () => {
    expect(Array.from(quantilesOf32(Float32Array.of(4, 1, 3, 2), [0, 0.25, 0.5, 1]))).toEqual([1, 1.75, 2.5, 4]);
    expect(quantilesOf32(Float32Array.of(4, 1, 3, 2), [0.9])[0]).toBeCloseTo(3.7, 14);
    expect(Array.from(quantilesOf32(new Float32Array(0), [0, 0.5, 1]))).toEqual([NaN, NaN, NaN]);
    expect(Array.from(quantilesOf32(Float32Array.of(2.5), [0, 0.5, 1]))).toEqual([2.5, 2.5, 2.5]);
  });

  test('-0 ranks and reads as 0 at every size (the bit patterns, unsigned, put it after every positive value)', () => {
    // half -0, half 5: the 25th percentile is 0 (not -0) and the 75th 5, for 10 values as for 10,000 (read before as 5 and -0 from 4,096)
    for (const n of [10, 4096, 10_000]) {
      const values = Float32Array.from({ length: n }, (_, i) => (i % 2 ? 5 : -0));
      const [p25, p75, min, max] = quantilesOf32(values, [0.25, 0.75, 0, 1]);
      expect([p25, p75, min, max], `n = ${n}`).toEqual([0, 5, 0, 5]);
      expect(Object.is(p25, 0) && Object.is(min, 0), `n = ${n}: -0 read`).toBe(true);
    }
    // and a selection of -0 and 0 alone reads 0, with the counts left clear for the next call
    expect(
      Array.from(
        quantilesOf32(
          Float32Array.from({ length: 5000 }, (_, i) => (i % 2 ? -0 : 0)),
          [0, 1],
        ),
      ).every((v) => Object.is(v, 0)),
    ).toBe(true);
    expect(
      Array.from(
        quantilesOf32(
          Float32Array.from({ length: 5000 }, (_, i) => i + 1),
          [0, 1],
        ),
      ),
    ).toEqual([1, 5000]);
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

  test('every quantile equals quantileSorted of the sorted values, bit for bit, with ties, zeros and -0, spread or concentrated in a few buckets, and leaves the values as they were', () => {
    const rng = seedrandom('selection');
    const kinds: Record<string, () => number> = {
      exponential: () => -Math.log(1 - rng()) * 3,
      ties: () => Math.floor(rng() * 20) / 4,
      'mostly zero': () => (rng() < 0.7 ? 0 : rng() * 1e-3),
      'negative zero': () => (rng() < 0.1 ? -0 : rng()),
      'one value': () => 2.5,
      'wide range': () => Math.exp(rng() * 40 - 20),
      // within one 1/128-octave bucket: from 4,096 values it is radix-sorted on its low 16 bits, from 65,536 counted
      concentrated: () => 2 + rng() * 0.01,
      'concentrated ties': () => 2 + Math.floor(rng() * 50) / 8192,
      // two large buckets, the first -0's (0x8000 in the high bits) and 0's
      'zeros and -0': () => (rng() < 0.5 ? -0 : 0),
      'mostly -0': () => (rng() < 0.8 ? -0 : 2 + rng() * 1e-3),
      'two clusters and -0': () => (rng() < 0.2 ? -0 : rng() < 0.5 ? 2 + rng() * 1e-3 : 5 + rng() * 1e-3),
    };
    for (const n of [1, 2, 3, 10, 4095, 4096, 4097, 20_000, 100_003]) {
      for (const [kind, draw] of Object.entries(kinds)) {
        const values = Float32Array.from({ length: n }, draw);
        const before = values.slice();
        const sorted = sortedAsRead(values);
        const got = quantilesOf32(values, QS);
        const expected = QS.map((q) => quantileSorted(sorted, q));
        expect(Array.from(got), `${kind}, n = ${n}`).toEqual(expected);
        got.forEach((v, i) => expect(Object.is(v, expected[i]), `${kind}, n = ${n}, q = ${QS[i]}: ${v} against ${expected[i]}`).toBe(true));
        // bit for bit (-0 and NaN payloads too), and at once: toEqual walks a typed array value by
        // value, a second for 100,003 of them, most of this file's time
        expect(bytesOf(values).equals(bytesOf(before)), `${kind}, n = ${n}: the values changed`).toBe(true);
        // allowed to overwrite them (the second and third passes count the wanted buckets' values moved to the front): the same bits
        const overwritten = quantilesOf32(values, QS, true);
        overwritten.forEach((v, i) =>
          expect(Object.is(v, expected[i]), `${kind}, n = ${n}, q = ${QS[i]}, overwriting: ${v} against ${expected[i]}`).toBe(true),
        );
      }
    }
  });

  test('concentrated values are not left to the comparison sort: no call sorts 4,096 values or more', () => {
    const rng = seedrandom('concentrated');
    const samples = [() => 2 + rng() * 0.01, () => 2.5].map((draw) => Float32Array.from({ length: 50_000 }, draw));
    const expected = samples.map((values) => {
      const sorted = sortedAsRead(values);
      return QS.map((q) => quantileSorted(sorted, q));
    });
    // Uint32Array's sort is %TypedArray%.prototype.sort, shared by every typed array
    const typedArraySort = Object.getPrototypeOf(Uint32Array.prototype) as { sort: (this: Uint32Array) => Uint32Array };
    const sort = vi.spyOn(typedArraySort, 'sort');
    try {
      const got = samples.map((values) => Array.from(quantilesOf32(values, QS)));
      expect(got).toEqual(expected);
      expect(sort.mock.contexts.map((array) => (array as Uint32Array).length).filter((n) => n >= 4096)).toEqual([]);
    } finally {
      sort.mockRestore();
    }
  });

  test('a view into a larger array is read from where it starts, and overwritten only there', () => {
    const rng = seedrandom('view');
    const all = Float32Array.from({ length: 30_000 }, () => rng() * 10);
    const view = all.subarray(7_000, 27_000);
    const sorted = sortedAsRead(view);
    expect(Array.from(quantilesOf32(view, QS))).toEqual(QS.map((q) => quantileSorted(sorted, q)));
    const before = all.slice();
    expect(Array.from(quantilesOf32(view, QS, true))).toEqual(QS.map((q) => quantileSorted(sorted, q)));
    expect(bytesOf(all.subarray(0, 7_000)).equals(bytesOf(before.subarray(0, 7_000)))).toBe(true);
    expect(bytesOf(all.subarray(27_000)).equals(bytesOf(before.subarray(27_000)))).toBe(true);
    expect(bytesOf(view).equals(bytesOf(before.subarray(7_000, 27_000)))).toBe(false); // the wanted values moved to its front
  });

  test('the counts are kept from call to call, and the values are never copied: a call after the first makes no array of more than a few entries per quantile', () => {
    const rng = seedrandom('table');
    const values = Float32Array.from({ length: 200_000 }, () => -Math.log(1 - rng()) * 3);
    const sorted = sortedAsRead(values); // once, not once per quantile (106 sorts of 200,000 values)
    const expected = QS.map((q) => quantileSorted(sorted, q));
    quantilesOf32(values, QS); // the first call makes the thread's counts
    // Every typed array or buffer made with a length (not a view of a buffer) during the next call.
    const sizes: number[] = [];
    const recording = (Type: new (...args: never[]) => object) =>
      new Proxy(Type as unknown as new (...args: unknown[]) => object, {
        construct(target, args) {
          if (typeof args[0] === 'number') sizes.push(args[0]);
          return new target(...args);
        },
      });
    for (const name of ['ArrayBuffer', 'Uint32Array', 'Int32Array', 'Float32Array', 'Float64Array'] as const)
      vi.stubGlobal(name, recording(globalThis[name]));
    try {
      expect(Array.from(quantilesOf32(values, QS))).toEqual(expected);
    } finally {
      vi.unstubAllGlobals();
    }
    // the quantiles and per-rank lists: no table of 65,536 counts, no copy of the values (17% of exponential ones were copied out)
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.filter((n) => n > 4 * QS.length)).toEqual([]);
  });

  test('many ranks in one bucket of the high 16 bits, spread over many third bytes, and more ranks than any call before', () => {
    const rng = seedrandom('one bucket');
    // 2 + [0, 1/64): one bucket (2's exponent and high mantissa bits), every third and low byte
    const values = Float32Array.from({ length: 300_000 }, () => 2 + rng() / 64);
    const many = Array.from({ length: 2001 }, (_, i) => i / 2000);
    const sorted = sortedAsRead(values);
    expect(Array.from(quantilesOf32(values, many))).toEqual(many.map((q) => quantileSorted(sorted, q)));
    // and a few ranks again after many, from the same (grown) counts
    expect(Array.from(quantilesOf32(values, [0.5]))).toEqual([quantileSorted(sorted, 0.5)]);
  });

  test('ranks at both ends and ties across bucket edges: the minimum, the maximum, -0 as 0', () => {
    const values = new Float32Array(10_000).fill(1);
    values[3] = 0;
    values[7] = -0;
    values[9_999] = 1 + 2 ** -23; // the next float above 1: same bucket and third byte, another low byte
    values[5_000] = 1 - 2 ** -24; // the float below 1: another bucket
    const keys = [0, 1, 2, 5000, 9997, 9998, 9999];
    const found = orderStatistics32(values, keys);
    const sorted = sortedAsRead(values);
    for (const r of keys) expect(Object.is(found[r], sorted[r]), `rank ${r}`).toBe(true);
    expect([found[0], found[1], found[2], found[9999]].map((v) => Object.is(v, 0))).toEqual([true, true, false, false]);
    expect(found[9999]).toBe(1 + 2 ** -23);
  });

  test('a q outside [0, 1] is refused as quantileSorted refuses it', () => {
    expect(() => quantilesOf32(new Float32Array(5000), [1.5])).toThrow(RangeError);
  });
});
