// Skewness of a replication sample, the rule that calls it marked, and Johnson's modified t.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { assessSkew, johnsonInterval, johnsonTwoSidedP, sampleSkewness, skewnessStandardError } from '../../engine/stats/skewness.js';
import { tTwoSidedP } from '../../engine/stats/t-quantile.js';
import { summarize } from '../../engine/stats/summary.js';
import { normalDraws } from './normal-draws.js';

describe('sample skewness', () => {
  test('matches the hand-computed adjusted G1', () => {
    // 1, 2, 3, 10: mean 4, deviations -3 -2 -1 6; m2 = 50/4, m3 = (-27 - 8 - 1 + 216)/4 = 45
    const g1 = 45 / (50 / 4) ** 1.5;
    expect(sampleSkewness([1, 2, 3, 10])).toBeCloseTo((Math.sqrt(12) / 2) * g1, 12);
    expect(sampleSkewness([3, 2, 1])).toBeCloseTo(0, 12);
    expect(sampleSkewness([5, 5, 5])).toBeNaN();
    expect(sampleSkewness([1, 2])).toBeNaN();
  });

  test('the standard error of G1 under normality: sqrt(6n(n-1)/((n-2)(n+1)(n+3)))', () => {
    expect(skewnessStandardError(20)).toBeCloseTo(Math.sqrt((6 * 20 * 19) / (18 * 21 * 23)), 12);
  });

  test('normal samples of 20 are rarely marked; exponential-cubed ones of 20 mostly are', () => {
    const normal = normalDraws('etomsim-skew-normal');
    const uniform = seedrandom('etomsim-skew-heavy');
    let normalMarked = 0;
    let heavyMarked = 0;
    for (let k = 0; k < 500; k++) {
      if (assessSkew(Array.from({ length: 20 }, () => normal()))?.marked) normalMarked++;
      if (assessSkew(Array.from({ length: 20 }, () => (-Math.log(1 - uniform())) ** 3))?.marked) heavyMarked++;
    }
    expect(normalMarked).toBeLessThanOrEqual(10); // 2% at most; measured 3 of 500
    expect(heavyMarked).toBeGreaterThanOrEqual(300); // measured 484 of 500
  });
});

describe("Johnson's modified t", () => {
  test('a symmetric sample gives the t interval', () => {
    const values = [1, 2, 3, 4, 5, 6, 7];
    const j = johnsonInterval(values)!;
    const t = summarize(values).ci95!;
    expect(j[0]).toBeCloseTo(t[0], 12);
    expect(j[1]).toBeCloseTo(t[1], 12);
    expect(johnsonInterval([4, 4, 4])).toEqual([4, 4]);
    expect(johnsonInterval([1, 2])).toBeNull();
  });

  test('on right-skewed samples its upper tail misses less often than the t interval does', () => {
    // means of 20 lognormal(0, 1) draws: true mean e^0.5
    const normal = normalDraws('etomsim-johnson-coverage');
    const truth = Math.exp(0.5);
    let tMissBelow = 0;
    let johnsonMissBelow = 0;
    const experiments = 2000;
    for (let k = 0; k < experiments; k++) {
      const sample = Array.from({ length: 20 }, () => Math.exp(normal()));
      if (summarize(sample).ci95![1] < truth) tMissBelow++;
      if (johnsonInterval(sample)![1] < truth) johnsonMissBelow++;
    }
    // measured: the t interval lies wholly below the mean 12.0% of the time, Johnson's 6.8% (nominal 2.5%)
    expect(tMissBelow / experiments).toBeGreaterThan(0.06);
    expect(johnsonMissBelow).toBeLessThan(tMissBelow * 0.85);
    expect(summarize([1, 2, 3, 20], 'johnson').ci95_johnson).toEqual(johnsonInterval([1, 2, 3, 20]));
    expect(summarize([1, 2, 3, 20], 'johnson').ci95).toEqual(summarize([1, 2, 3, 20]).ci95); // beside the t interval, not instead
  });

  test("its p-value is the interval's own: below 5% exactly when the 95% interval excludes the value tested", () => {
    // differences of lognormal draws around a shifted centre: skewed, some intervals across 0 and some not
    const normal = normalDraws('etomsim-johnson-p');
    let excluded = 0;
    for (let k = 0; k < 500; k++) {
      const shift = -0.2 + 0.0015 * k;
      const sample = Array.from({ length: 12 }, () => Math.exp(0.6 * normal()) - Math.exp(0.18) + shift);
      const [lo, hi] = johnsonInterval(sample)!;
      const p = johnsonTwoSidedP(sample);
      expect(p < 0.05, `sample ${k}: interval [${lo}, ${hi}], p ${p}`).toBe(lo > 0 || hi < 0);
      if (lo > 0 || hi < 0) excluded++;
    }
    expect(excluded).toBeGreaterThan(50); // both outcomes occur
    expect(excluded).toBeLessThan(450);
    // a symmetric sample centred on the value tested: the t statistic is 0
    expect(johnsonTwoSidedP([-1, 1, 2, 3, 5].map((v) => v - 2))).toBeCloseTo(tTwoSidedP(0, 4), 12);
    expect(johnsonTwoSidedP([4, 4, 4], 4)).toBe(1);
    expect(johnsonTwoSidedP([4, 4, 4])).toBe(0);
    expect(johnsonTwoSidedP([1, 2])).toBeNaN();
  });
});
