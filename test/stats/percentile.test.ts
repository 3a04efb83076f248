import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../engine/stats/percentile.js';

describe('quantileSorted (type 7)', () => {
  it('matches numpy.quantile on hand-computed cases', () => {
    // position (n-1)q, interpolated between the order statistics around it.
    expect(quantileSorted([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 14);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([10, 20, 40], 0.9)).toBeCloseTo(36, 12); // position 1.8
    expect(quantileSorted([3, 7, 8, 15, 21, 30], 0.95)).toBeCloseTo(27.75, 12); // position 4.75
  });

  it('returns the extremes at q = 0 and q = 1', () => {
    const sorted = new Float64Array([-2, 0.5, 9]);
    expect(quantileSorted(sorted, 0)).toBe(-2);
    expect(quantileSorted(sorted, 1)).toBe(9);
  });

  it('returns the only value of a one-element sample and NaN for an empty one', () => {
    expect(quantileSorted([4.2], 0.9)).toBe(4.2);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });

  it('rejects q outside [0, 1]', () => {
    for (const q of [-0.01, 1.01, NaN]) expect(() => quantileSorted([1, 2], q)).toThrow(RangeError);
  });
});
