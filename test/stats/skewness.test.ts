// Skewness of a replication sample, the rule that calls it marked, and Johnson's modified t.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import {
  assessSkew,
  dampedJohnsonInterval,
  dampedJohnsonTwoSidedP,
  johnsonInterval,
  johnsonTwoSidedP,
  sampleSkewness,
  skewnessStandardError,
} from '../../engine/stats/skewness.js';
import { tQuantile, tTwoSidedP } from '../../engine/stats/t-quantile.js';
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

  test('below 7 values no sample is marked, however skewed: G1 cannot reach 3 standard errors', () => {
    // The most skewed sample of n values is n - 1 equal values and one apart: G1 = (n - 2)/sqrt(n - 1) times
    // sqrt(n(n - 1))/(n - 2) = sqrt(n), against 3 standard errors of 3.04 at 4 values, 2.54 at 6, 2.38 at 7 (s61F)
    for (let n = 3; n <= 10; n++) {
      const extreme = [...Array(n - 1).fill(0), 1];
      expect(sampleSkewness(extreme)).toBeCloseTo(Math.sqrt(n), 12);
      expect(assessSkew(extreme)!.marked, `${n} values`).toBe(n >= 7);
    }
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
    // measured: the t interval lies wholly below the mean 12.0% of the time, Johnson's 5.5% in Hall's form (nominal 2.5%;
    // Johnson's quadratic 6.8%)
    expect(tMissBelow / experiments).toBeGreaterThan(0.06);
    expect(johnsonMissBelow).toBeLessThan(tMissBelow * 0.5); // Johnson's quadratic: 0.57
    expect(summarize([1, 2, 3, 20], 'johnson').ci95_johnson).toEqual(johnsonInterval([1, 2, 3, 20]));
    expect(summarize([1, 2, 3, 20], 'johnson').ci95).toEqual(summarize([1, 2, 3, 20]).ci95); // beside the t interval, not instead
  });

  test("its ends solve Hall's monotone form of Johnson's equation at the level's t quantile, a root at any skew", () => {
    // g(T) = T + a/6 + a T^2/3 + a^2 T^3/27 for T = (xbar - mu)/(s/sqrt(n)), a = (m3/s^3)/sqrt(n): at an end of the
    // interval at confidence c, g(T) = -+t(1 - (1 - c)/2, n - 1) (the lower end takes +t: xbar - lower > 0)
    const skewed = [0.4, 0.7, 0.9, 1.1, 1.3, 1.8, 2.6, 4.9, 9.5];
    for (const values of [skewed, skewed.map((v) => -v), [1, 2, 3, 4, 5, 6, 40]]) {
      const n = values.length;
      const xbar = values.reduce((x, y) => x + y) / n;
      const s2 = values.reduce((x, v) => x + (v - xbar) ** 2, 0) / (n - 1);
      const m3 = (n * values.reduce((x, v) => x + (v - xbar) ** 3, 0)) / ((n - 1) * (n - 2));
      const a = m3 / s2 ** 1.5 / Math.sqrt(n);
      const se = Math.sqrt(s2 / n);
      const g = (mu: number) => {
        const t = (xbar - mu) / se;
        return t + a / 6 + (a * t * t) / 3 + (a * a * t ** 3) / 27;
      };
      for (const confidence of [0.95, 0.975, 0.9875, 0.99]) {
        const [lo, hi] = johnsonInterval(values, confidence)!;
        const t = tQuantile(1 - (1 - confidence) / 2, n - 1);
        expect(g(lo)).toBeCloseTo(t, 9);
        expect(g(hi)).toBeCloseTo(-t, 9);
      }
      expect(johnsonInterval(values, 0.95)).toEqual(johnsonInterval(values)); // 95% unless said
      // a higher confidence widens it on both sides
      const [lo95, hi95] = johnsonInterval(values, 0.95)!;
      const [lo99, hi99] = johnsonInterval(values, 0.99)!;
      expect(lo99).toBeLessThan(lo95);
      expect(hi99).toBeGreaterThan(hi95);
    }
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

describe("Johnson's p with the skewness damped by its noise", () => {
  const tP = (values: number[]) => {
    const { mean, sd } = summarize(values);
    return tTwoSidedP(mean! / (sd! / Math.sqrt(values.length)), values.length - 1);
  };

  test("with 3 values it is Student's t: |G1| is at most sqrt(3), within 1.5 standard errors", () => {
    expect(1.5 * skewnessStandardError(3)).toBeGreaterThan(Math.sqrt(3));
    const normal = normalDraws('etomsim-damped-three');
    for (let k = 0; k < 200; k++) {
      const sample = Array.from({ length: 3 }, () => Math.exp(normal()) - 1.2);
      expect(Math.abs(sampleSkewness(sample))).toBeLessThanOrEqual(Math.sqrt(3) + 1e-12);
      expect(dampedJohnsonTwoSidedP(sample, 1.5)).toBeCloseTo(tP(sample), 12);
    }
  });

  test("undamped it is Johnson's p; damped, Hall's g at the skewness less 1.5 standard errors", () => {
    const sample = [-1, -1, -0.8, -0.9, -1.1, -0.7, -1, -0.9, -1, 9.5];
    expect(dampedJohnsonTwoSidedP(sample, 0)).toBeCloseTo(johnsonTwoSidedP(sample), 12);
    const n = sample.length;
    const g1 = sampleSkewness(sample) - 1.5 * skewnessStandardError(n);
    expect(g1).toBeGreaterThan(0); // a skewness clear of its noise keeps part of its correction
    const { mean, sd } = summarize(sample);
    const t = mean! / (sd! / Math.sqrt(n));
    const a = g1 / Math.sqrt(n);
    const g = t + a / 6 + (a * t * t) / 3 + (a * a * t * t * t) / 27;
    expect(dampedJohnsonTwoSidedP(sample, 1.5)).toBeCloseTo(tTwoSidedP(g, n - 1), 12);
    expect(dampedJohnsonTwoSidedP([4, 4, 4], 1.5, 4)).toBe(1);
    expect(dampedJohnsonTwoSidedP([4, 4, 4], 1.5)).toBe(0);
    expect(dampedJohnsonTwoSidedP([1, 2], 1.5)).toBeNaN();
  });

  test("the damped interval's ends are the damped p's roots; undamped, Johnson's interval; from 3 values, the t's", () => {
    const sample = [-1, -1, -0.8, -0.9, -1.1, -0.7, -1, -0.9, -1, 9.5];
    for (const confidence of [0.95, 0.9875, 0.99583]) {
      expect(dampedJohnsonInterval(sample, 0, confidence)).toEqual(johnsonInterval(sample, confidence));
      const [lo, hi] = dampedJohnsonInterval(sample, 1.5, confidence)!;
      expect(dampedJohnsonTwoSidedP(sample, 1.5, lo)).toBeCloseTo(1 - confidence, 10);
      expect(dampedJohnsonTwoSidedP(sample, 1.5, hi)).toBeCloseTo(1 - confidence, 10);
      // a skewness kept smaller, another interval (Hall's ends are not monotone in the skewness: which lies farther
      // depends on the sample, hence checkTarget's farther of the two)
      expect(Math.abs(hi - johnsonInterval(sample, confidence)![1])).toBeGreaterThan(0.1);
    }
    const three = [1, 2, 10];
    const { mean, sd } = summarize(three);
    const half = (tQuantile(0.99375, 2) * sd!) / Math.sqrt(3);
    const [lo, hi] = dampedJohnsonInterval(three, 1.5, 0.9875)!;
    expect(lo).toBeCloseTo(mean! - half, 10);
    expect(hi).toBeCloseTo(mean! + half, 10);
    expect(dampedJohnsonInterval([4, 4, 4], 1.5)).toEqual([4, 4]);
    expect(dampedJohnsonInterval([1, 2], 1.5)).toBeNull();
  });

  test("on normal samples of 10 it holds the 0.5% level, where Johnson's p, adding its estimate's noise, does not", () => {
    const normal = normalDraws('etomsim-damped-level');
    const samples = 40_000;
    let damped = 0;
    let johnson = 0;
    for (let k = 0; k < samples; k++) {
      const sample = Array.from({ length: 10 }, () => normal());
      if (dampedJohnsonTwoSidedP(sample, 1.5) <= 0.005) damped++;
      if (johnsonTwoSidedP(sample) <= 0.005) johnson++;
    }
    // nominal 200, binomial sd 14; measured: damped 193, Johnson's 304
    expect(damped).toBeLessThan(240);
    expect(johnson).toBeGreaterThan(damped + 40);
  });
});
