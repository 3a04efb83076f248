// Ratio intervals of paired means on the log scale: inside the feasible range by construction.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { pairedComparison } from '../../engine/stats/paired.js';
import { pairedRatio } from '../../engine/stats/ratio.js';

describe('paired ratio', () => {
  test('the delta method by hand', () => {
    const x = [10, 12, 14];
    const y = [5, 7, 6];
    const r = pairedRatio(x, y)!;
    // xbar 12, ybar 6; s_x^2 = 4, s_y^2 = 1, s_xy = (-2*-1 + 0 + 2*0)/2 = 1
    const se = Math.sqrt((1 / 36 + 4 / 144 - (2 * 1) / 72) / 3);
    expect(r.ratio).toBe(0.5);
    expect(r.ci95[0]).toBeCloseTo(0.5 * Math.exp(-4.302652729749464 * se), 12);
    expect(r.ci95[1]).toBeCloseTo(0.5 * Math.exp(4.302652729749464 * se), 12);
  });

  test('a variant at exactly 0 is -100% with no spread; no baseline to divide by gives nothing', () => {
    expect(pairedRatio([3, 4, 5], [0, 0, 0])).toEqual({ ratio: 0, ci95: [0, 0] });
    expect(pairedRatio([0, 0, 0], [1, 2, 3])).toBeNull();
    expect(pairedRatio([1], [2])).toBeNull();
  });

  test('the audit case: a queue that almost vanishes stays above -100%', () => {
    // queue lengths near 40 against near 0.5, very variable: a difference interval over the
    // baseline mean would reach below -100%
    const base = [40, 10, 70, 5, 90, 30];
    const value = [0.9, 0.01, 2.0, 0.0, 0.3, 0.05];
    const c = pairedComparison(base, value)!;
    const naiveLow = (c.ci95![0] / c.baseline) * 100;
    expect(naiveLow).toBeLessThan(-100);
    expect(c.delta_pct_ci95![0]).toBeGreaterThan(-100);
    expect(c.delta_pct_ci95![0]).toBeLessThan(c.delta_pct!);
  });

  test('property: for non-negative data the relative change interval never leaves [-100%, inf) and holds the point', () => {
    const sample = fc
      .integer({ min: 2, max: 30 })
      .chain((n) =>
        fc.tuple(
          fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }),
          fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: n, maxLength: n }),
        ),
      );
    fc.assert(
      fc.property(sample, ([x, y]) => {
        const c = pairedComparison(x, y);
        if (c === null || c.delta_pct === null || c.delta_pct_ci95 === null) return true;
        const [lo, hi] = c.delta_pct_ci95;
        const point = c.delta_pct;
        const slack = 1e-9 * Math.max(1, Math.abs(point));
        return lo >= -100 && lo <= point + slack && hi >= point - slack && Number.isFinite(lo);
      }),
      { numRuns: 500, seed: 13 },
    );
  });
});
