// Fitting durations: maximum likelihood recovers known parameters, AIC picks the generating
// family, and a sample no family fits is kept as its quantiles.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { fitDuration, ksPValue, rememberedFits } from '../../engine/discovery/fit.js';
import { lowerRegularizedGamma } from '../../engine/stats/incomplete-gamma.js';

const rng = seedrandom('fit');
const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('fitDuration', () => {
  test('exponential: the MLE of the mean is the sample mean, and AIC prefers the one-parameter family', () => {
    const xs = draw(4000, () => -2 * Math.log(1 - rng()));
    const fit = fitDuration(xs);
    expect(['exponential', 'gamma', 'weibull']).toContain(fit.family);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    if (fit.dist.kind === 'exponential') expect(fit.dist.mean).toBeCloseTo(mean, 10);
    expect(fit.p).toBeGreaterThan(0.01);
  });

  test('lognormal: chosen, with its own mean and sd within sampling error', () => {
    // log-mean 0, log-sd 0.8: mean exp(0.32) = 1.377, sd = mean * sqrt(exp(0.64) - 1) = 1.279
    const fit = fitDuration(draw(5000, () => Math.exp(0.8 * normal())));
    expect(fit.family).toBe('lognormal');
    if (fit.dist.kind !== 'lognormal') throw new Error('not lognormal');
    expect(fit.dist.mean).toBeCloseTo(1.377, 1);
    expect(fit.dist.sd).toBeCloseTo(1.279, 0);
  });

  test('gamma with shape 4 and Weibull with shape 2 are told apart', () => {
    const gamma = fitDuration(draw(5000, () => -Math.log((1 - rng()) * (1 - rng()) * (1 - rng()) * (1 - rng())) * 0.5));
    expect(gamma.family).toBe('gamma');
    if (gamma.dist.kind === 'gamma') expect(gamma.dist.mean / gamma.dist.sd).toBeCloseTo(2, 1); // sqrt(shape)
    const weibull = fitDuration(draw(5000, () => 3 * Math.sqrt(-Math.log(1 - rng()))));
    expect(weibull.family).toBe('weibull');
    if (weibull.dist.kind === 'weibull') {
      expect(weibull.dist.shape).toBeCloseTo(2, 1);
      expect(weibull.dist.scale).toBeCloseTo(3, 1);
    }
  });

  test('two well-separated modes fit no family: empirical quantiles', () => {
    const fit = fitDuration(draw(2000, () => (rng() < 0.5 ? 1 : 10) + 0.1 * rng()));
    expect(fit.family).toBe('empirical');
    if (fit.dist.kind !== 'empirical') throw new Error('not empirical');
    expect(fit.dist.values).toHaveLength(100);
    expect(fit.dist.values.filter((v) => v < 2).length).toBeGreaterThan(40);
  });

  test('a constant sample is a constant', () => {
    expect(fitDuration([0.5, 0.5, 0.5, 0.5]).dist).toEqual({ kind: 'constant', value: 0.5 });
  });
});

test('special functions against known values', () => {
  expect(lowerRegularizedGamma(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12); // exponential CDF
  expect(lowerRegularizedGamma(3, 2.5)).toBeCloseTo(0.456186, 5); // chi-square(6) at 5
  expect(ksPValue(1.36 / Math.sqrt(1000), 1000)).toBeCloseTo(0.05, 1); // the 5% critical value
});

describe('durations to the second (ties)', () => {
  // Weibull, shape 2, scale 0.5 h, each rounded to the second as a log writes it: a third of them ties
  const xs = draw(3000, () => Math.round(1800 * Math.sqrt(-Math.log(1 - rng()))) / 3600);
  const sorted = [...xs].sort((a, b) => a - b);
  const n = sorted.length;

  test("each family's D, read in any order, is sup |F_n - F| over every duration", () => {
    expect(new Set(sorted).size).toBeLessThan(0.8 * n);
    // and twelve, where each value may hold the supremum
    const few = [0.1, 0.1, 0.2, 0.2, 0.2, 0.5, 0.9, 0.9, 1.4, 2, 2, 3.1];
    for (const sample of [sorted, few]) {
      const fit = fitDuration([...sample].reverse());
      expect(fit.tried).toHaveLength(6);
      for (const t of [...fit.tried].reverse()) {
        let d = 0;
        for (let i = 0; i < sample.length; i++) {
          const f = t.cdf(sample[i]);
          d = Math.max(d, (i + 1) / sample.length - f, f - i / sample.length);
        }
        expect(t.ks, t.family).toBe(d);
        expect({ ...t }.ks).toBe(d); // a copy reads the number
      }
      expect(fit.ks).toBe(fit.tried.find((t) => t.family === fit.family)!.ks);
    }
  });

  test('the Weibull is at the root of its profile equation, its scale the mean power', () => {
    const weibull = fitDuration(xs).tried.find((t) => t.family === 'weibull')!.dist;
    if (weibull.kind !== 'weibull') throw new Error('not weibull');
    const { shape: k, scale } = weibull;
    const ys = sorted.map((x) => Math.max(x, 1 / 3600)); // under a second: a second, as fitDuration floors it
    const ps = ys.map((y) => (y / scale) ** k);
    const sumP = ps.reduce((s, p) => s + p, 0);
    const sumPLog = ps.reduce((s, p, i) => s + p * Math.log(ys[i]), 0);
    const meanLog = ys.reduce((s, y) => s + Math.log(y), 0) / n;
    expect(sumPLog / sumP - 1 / k - meanLog).toBeCloseTo(0, 9);
    expect(sumP / n).toBeCloseTo(1, 9);
    expect(k).toBeCloseTo(2, 0);
    expect(scale).toBeCloseTo(0.5, 1);
  });
});

describe('rememberedFits', () => {
  test("a sample of the same values, in any order, gets the first one's fit, which is fitDuration's; another sample its own", () => {
    const fitOf = rememberedFits();
    const xs = draw(300, () => -2 * Math.log(1 - rng()));
    const first = fitOf(xs);
    expect(fitOf([...xs].reverse())).toBe(first);
    const { tried, ...fields } = fitDuration(xs);
    const { tried: firstTried, ...firstFields } = first;
    expect(firstFields).toEqual(fields);
    expect(firstTried.map(({ cdf, ...t }) => t)).toEqual(tried.map(({ cdf, ...t }) => t));
    // one value changed in its last bit: a fit of its own
    const moved = [...xs];
    moved[17] = moved[17] * (1 + Number.EPSILON);
    const other = fitOf(moved);
    expect(other).not.toBe(first);
    expect(other.n).toBe(300);
    expect(fitOf(moved.slice(1))).not.toBe(other);
  });
});
