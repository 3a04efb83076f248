import { describe, expect, it } from 'vitest';
import { pairedComparison } from '../../engine/stats/paired.js';
import { summarize } from '../../engine/stats/summary.js';
import { normalDraws } from './normal-draws.js';

/** t(0.975, 3), from tables. */
const T_975_DF3 = 3.1824463052837084;

describe('pairedComparison', () => {
  it('computes means, delta and the paired-t interval by hand', () => {
    // Differences 1, 2, 1, 3: mean 1.75, squared deviations sum to 2.75, sd = sqrt(2.75/3).
    const result = pairedComparison([10, 12, 14, 16], [11, 14, 15, 19])!;
    const half = (T_975_DF3 * Math.sqrt(2.75 / 3)) / 2;
    expect(result.n).toBe(4);
    expect(result.baseline).toBe(13);
    expect(result.value).toBe(14.75);
    expect(result.delta).toBe(1.75);
    expect(result.delta_pct).toBeCloseTo((100 * 1.75) / 13, 12);
    expect(result.ci95![0]).toBeCloseTo(1.75 - half, 12);
    expect(result.ci95![1]).toBeCloseTo(1.75 + half, 12);
    expect(result.significant).toBe(true);
  });

  it('is not significant when the interval straddles 0', () => {
    // Differences 1, -1, 2, -2: mean 0.
    const result = pairedComparison([5, 5, 5, 5], [6, 4, 7, 3])!;
    expect(result.delta).toBe(0);
    expect(result.ci95![0]).toBeLessThan(0);
    expect(result.ci95![1]).toBeGreaterThan(0);
    expect(result.significant).toBe(false);
  });

  it('gives exactly zero for identical replications', () => {
    const same = [0.1, 0.7, 0.30000000000000004, 12.5];
    const result = pairedComparison(same, [...same])!;
    expect(result.delta).toBe(0);
    expect(Object.is(result.delta, 0)).toBe(true);
    expect(result.ci95).toEqual([0, 0]);
    expect(result.significant).toBe(false);
    expect(result.delta_pct).toBe(0);
  });

  it('uses only replications where both values exist', () => {
    const withGaps = pairedComparison([NaN, 10, 12, 99, 14, 16], [7, 11, 14, NaN, 15, 19]);
    expect(withGaps).toEqual(pairedComparison([10, 12, 14, 16], [11, 14, 15, 19]));
    expect(withGaps!.n).toBe(4);
  });

  it('returns null without a pair and no interval with one pair', () => {
    expect(pairedComparison([NaN, 1], [2, NaN])).toBeNull();
    expect(pairedComparison([], [])).toBeNull();
    // an infinite value has no mean to compare (its change read "NaN%")
    expect(pairedComparison([Infinity, Infinity], [Infinity, Infinity])).toBeNull();
    expect(pairedComparison([1, 2], [3, Infinity])).toBeNull();
    expect(pairedComparison([NaN, 4], [1, 6])).toEqual({
      baseline: 4,
      value: 6,
      delta: 2,
      delta_pct: 50,
      ci95: null,
      significant: false,
      n: 1,
      p: NaN,
      delta_pct_ci95: null,
    });
  });

  it('has no percentage against a zero baseline', () => {
    expect(pairedComparison([0, 0, 0], [1, 2, 3])!.delta_pct).toBeNull();
  });

  it('rejects arrays of different lengths', () => {
    expect(() => pairedComparison([1, 2], [1, 2, 3])).toThrow(RangeError);
  });

  it('is narrower than the independent interval when replications are correlated', () => {
    // Common random numbers: both variants share each replication's large common term.
    const draw = normalDraws('etomsim-paired-correlation');
    const baseline: number[] = [];
    const value: number[] = [];
    for (let i = 0; i < 20; i++) {
      const common = 50 + 10 * draw();
      baseline.push(common + draw());
      value.push(common - 2 + draw());
    }
    const paired = pairedComparison(baseline, value)!;
    const pairedHalf = (paired.ci95![1] - paired.ci95![0]) / 2;
    const b = summarize(baseline);
    const v = summarize(value);
    const independentHalf = 2.0930240544083 * Math.sqrt((b.sd! ** 2 + v.sd! ** 2) / 20);
    expect(pairedHalf).toBeLessThan(independentHalf / 3);
    expect(paired.significant).toBe(true);
  });
});
