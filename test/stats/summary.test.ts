import { describe, expect, it } from 'vitest';
import { johnsonInterval } from '../../engine/stats/skewness.js';
import { summarize } from '../../engine/stats/summary.js';
import { normalDraws } from './normal-draws.js';

/** t(0.975, 7) and t(0.975, 1) = tan(0.475 pi), from tables / closed form. */
const T_975_DF7 = 2.3646242515927847;
const T_975_DF1 = Math.tan(0.475 * Math.PI);

describe('summarize', () => {
  it('an infinite value (a cost past a double) is a null stat, never sd 0 beside an interval JSON writes as nulls', () => {
    for (const interval of ['t', 'johnson'] as const) {
      for (const values of [
        [Infinity, Infinity],
        [1, Infinity, 3],
        [-Infinity, NaN, 2],
      ]) {
        const stat = summarize(values, interval);
        expect(stat.mean).toBeNull();
        expect(stat.sd).toBeNull();
        expect(stat.ci95).toBeNull();
        expect(stat.n).toBe(values.filter((v) => !Number.isNaN(v)).length);
        if (interval === 'johnson') expect(stat.ci95_johnson).toBeNull();
      }
    }
  });

  it('computes mean, sample sd and the t interval by hand', () => {
    // Deviations from 5: -3,-1,-1,-1,0,0,2,4; squares sum to 32; sd = sqrt(32/7).
    const stat = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    const sd = Math.sqrt(32 / 7);
    const half = (T_975_DF7 * sd) / Math.sqrt(8);
    expect(stat.n).toBe(8);
    expect(stat.mean).toBeCloseTo(5, 14);
    expect(stat.sd).toBeCloseTo(sd, 14);
    expect(stat.ci95![0]).toBeCloseTo(5 - half, 12);
    expect(stat.ci95![1]).toBeCloseTo(5 + half, 12);
  });

  it('uses the t quantile with one degree of freedom for two values', () => {
    // mean 2, sd sqrt(2), half-width t(0.975,1) * sqrt(2) / sqrt(2).
    const stat = summarize(new Float64Array([1, 3]));
    expect(stat.mean).toBe(2);
    expect(stat.sd).toBeCloseTo(Math.SQRT2, 15);
    expect(stat.ci95![0]).toBeCloseTo(2 - T_975_DF1, 11);
    expect(stat.ci95![1]).toBeCloseTo(2 + T_975_DF1, 11);
  });

  it('leaves NaN replications out and counts the rest', () => {
    const withGaps = summarize([NaN, 2, 4, NaN, 4, 4, 5, 5, 7, 9, NaN]);
    expect(withGaps).toEqual(summarize([2, 4, 4, 4, 5, 5, 7, 9]));
    expect(withGaps.n).toBe(8);
  });

  it('reports nothing but n = 0 when there is no observation', () => {
    const empty = { mean: null, sd: null, n: 0, ci95: null };
    expect(summarize([])).toEqual(empty);
    expect(summarize([NaN, NaN])).toEqual(empty);
  });

  it('has a mean but no sd or interval for a single observation', () => {
    expect(summarize([NaN, 3.5])).toEqual({ mean: 3.5, sd: null, n: 1, ci95: null });
  });

  it('reports a constant metric exactly, with a zero-width interval', () => {
    // A plain sum would give (0.1 + 0.1 + 0.1) / 3 = 0.10000000000000002.
    expect(summarize([0.1, 0.1, 0.1])).toEqual({ mean: 0.1, sd: 0, n: 3, ci95: [0.1, 0.1] });
  });

  it('covers the true mean about 95% of the time', () => {
    const draw = normalDraws('etomsim-summary-coverage');
    const trueMean = 3;
    const samples = 2000;
    let covered = 0;
    for (let s = 0; s < samples; s++) {
      const values = Array.from({ length: 10 }, () => trueMean + 2 * draw());
      const [lo, hi] = summarize(values).ci95!;
      if (lo <= trueMean && trueMean <= hi) covered++;
    }
    expect(covered / samples).toBeGreaterThanOrEqual(0.93);
    expect(covered / samples).toBeLessThanOrEqual(0.97);
  });

  it("on normal samples of 3 the stat's ci95_johnson misses the mean as t's does, where Johnson's from 3 missed more", () => {
    const normal = normalDraws('etomsim-johnson-stat-3');
    const samples = 20_000;
    let johnsonMisses = 0;
    let statMisses = 0;
    for (let k = 0; k < samples; k++) {
      const values = [normal(), normal(), normal()];
      const [lo, hi] = johnsonInterval(values)!;
      if (lo > 0 || hi < 0) johnsonMisses++;
      const [slo, shi] = summarize(values, 'johnson').ci95_johnson!;
      if (slo > 0 || shi < 0) statMisses++;
    }
    // nominal 1,000, binomial sd 31; npm run check:johnson measured Johnson's 6.9%, t's 5.0%
    expect(Math.abs(statMisses - 1000)).toBeLessThan(100);
    expect(johnsonMisses).toBeGreaterThan(1200);
  });
});
