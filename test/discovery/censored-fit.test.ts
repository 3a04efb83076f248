// Durations of which some are cut by the log's export (still running: known only to be at
// least their age): the censored likelihood recovers the generating distribution where the
// completed ones alone fit it short, and without running instances nothing changes.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { censoredUniform, fitCensored, fitDurations, seLogMean } from '../../engine/discovery/censored-fit.js';
import { fitDuration, type FitResult } from '../../engine/discovery/fit.js';
import { distMean } from '../../engine/random/distributions.js';
import { meanOf } from '../support/simulate.js';

const rng = seedrandom('censored');
const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());

/**
 * `n` instances of duration `draw()`, each started at a uniform time in the last `window`
 * hours of the log: one that would end after the export is running, at its age so far.
 */
function exported(n: number, draw: () => number, window: number) {
  const done: number[] = [];
  const running: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = draw();
    const age = window * rng();
    if (x <= age) done.push(x);
    else running.push(age);
  }
  return { done, running };
}

describe('fitCensored', () => {
  test('exponential: the mean is the total time, running ages included, over the completions', () => {
    const done = [1, 2, 3, 4];
    const running = [5, 0.5];
    const fit = fitCensored(done, running);
    const exponential = fit.tried.find((t) => t.family === 'exponential')!;
    // log-likelihood -n log m - total / m at m = total / n = 15.5 / 4
    expect(exponential.aic).toBeCloseTo(2 - 2 * (-4 * Math.log(15.5 / 4) - 4), 10);
    expect(fit.n).toBe(4);
    expect(fit.censored).toBe(2);
  });

  test.each([
    ['lognormal', () => Math.exp(Math.log(8) - 0.18 + 0.6 * normal())],
    ['gamma', () => -4 * Math.log((1 - rng()) * (1 - rng()))],
    ['weibull', () => 9 * Math.sqrt(-Math.log(1 - rng()))],
  ])('%s cut by the export: the censored fit finds the mean, the completed ones alone fit it short', (family, draw) => {
    const truth = meanOf(Array.from({ length: 200_000 }, draw));
    const { done, running } = exported(6000, draw, 24);
    expect(running.length).toBeGreaterThan(1000); // a heavy cut: a third or so
    const censored = fitCensored(done, running);
    const naive = fitDuration(done);
    // within 5% (the standard error of the mean of ~4,000 completions with cv <= 0.7 is ~1%), where
    // the completed ones alone fit it at least 10% short (15-19% here)
    expect(Math.abs(distMean(censored.dist) / truth - 1)).toBeLessThan(0.05);
    expect(distMean(naive.dist) / truth).toBeLessThan(0.9);
    expect(censored.family).toBe(family);
  });

  test('no family fits two modes: the Kaplan-Meier quantiles, the mass past the last completion at the longest time seen', () => {
    const { done, running } = exported(3000, () => (rng() < 0.5 ? 1 : 10) + 0.1 * rng(), 20);
    const fit = fitCensored(done, running);
    expect(fit.family).toBe('empirical');
    if (fit.dist.kind !== 'empirical') throw new Error('not empirical');
    // half the instances take about 10 h: the quantiles put about half their mass there, where the completed ones alone put less
    const long = fit.dist.values.filter((v) => v > 5).length / fit.dist.values.length;
    expect(long).toBeGreaterThan(0.4);
    expect(long).toBeLessThan(0.6);
    const naive = fitDuration(done);
    if (naive.dist.kind !== 'empirical') throw new Error('not empirical');
    expect(naive.dist.values.filter((v) => v > 5).length / naive.dist.values.length).toBeLessThan(long - 0.05);
  });
});

describe('the uniform under censoring', () => {
  const f = (xs: number[]) => Float64Array.from(xs);

  test('its maximum: a the shortest completion, b the root past the oldest age, or the longest completion', () => {
    // one age past the completions: (b - 1)/(b - 4) = 4, b = 5; log L = -4 ln 4 + ln(5 - 4)
    const past = censoredUniform(f([1, 2, 3]), f([4]))!;
    expect(past.min).toBe(1);
    expect(past.max).toBeCloseTo(5, 9);
    expect(past.logLik).toBeCloseTo(-4 * Math.log(4), 9);
    // ages before the longest completion that g does not push past it: b = 3, as uncensored;
    // an age below the shortest completion says nothing (it survives any a above it)
    const inside = censoredUniform(f([1, 2, 3]), f([0.5, 2]))!;
    expect([inside.min, inside.max]).toEqual([1, 3]);
    expect(inside.logLik).toBeCloseTo(-4 * Math.log(2), 12);
    // three ages just below the longest completion push b past it: 3(b - 1)/(b - 2.9) = 6, b = 4.8
    const pushed = censoredUniform(f([1, 2, 3]), f([2.9, 2.9, 2.9]))!;
    expect(pushed.max).toBeCloseTo(4.8, 9);
    expect(pushed.logLik).toBeCloseTo(-6 * Math.log(3.8) + 3 * Math.log(1.9), 9);
    // no interval: every completion the same, no age past it
    expect(censoredUniform(f([2, 2, 2]), f([1]))).toBeNull();
  });

  test('a uniform cut by an export shorter than its longest durations: found, where the completed ones alone fall short of its end', () => {
    const uniformRng = seedrandom('uniform');
    const done: number[] = [];
    const running: number[] = [];
    // durations uniform on [2, 10] h, started uniformly over the log's last 8 h
    for (let i = 0; i < 3000; i++) {
      const x = 2 + 8 * uniformRng();
      const age = 8 * uniformRng();
      if (x <= age) done.push(x);
      else running.push(age);
    }
    const fit = fitCensored(done, running);
    expect(fit.family).toBe('uniform');
    if (fit.dist.kind !== 'uniform') throw new Error('not uniform');
    // over 50 such samples (one-off, the maximum before s14m widened a by (b - a)/(n - 1), about
    // 0.008 here): min 2.003 +- 0.003, max 10.02 +- 0.17
    expect(fit.dist.min).toBeGreaterThan(1.95);
    expect(fit.dist.min).toBeLessThan(2.05);
    expect(Math.abs(fit.dist.max - 10)).toBeLessThan(0.6);
    // ranked at its bounds widened from the maximum's (a on the shortest completion moved out
    // by (b - a)/(n - 1); b, pushed past the completions by the ages, kept), its likelihood there
    const uniform = fit.tried.find((t) => t.family === 'uniform')!;
    const best = censoredUniform(Float64Array.from(done).sort(), Float64Array.from(running).sort())!;
    const { min: a, max: b } = fit.dist;
    expect(a).toBeCloseTo(best.min - (best.max - best.min) / (done.length - 1), 9);
    expect(b).toBe(best.max);
    let logLik = -done.length * Math.log(b - a);
    for (const c of running) if (c > a) logLik += Math.log((b - c) / (b - a));
    expect(uniform.aic).toBeCloseTo(4 - 2 * logLik, 9);
    // the completed ones end by 8 h and weigh the short ones: their own fit's mean is about 4, not 6
    expect(distMean(fitDuration(done).dist)).toBeLessThan(0.8 * 6);
    expect(Math.abs(distMean(fit.dist) / 6 - 1)).toBeLessThan(0.05);
  });
});

describe('fitDurations', () => {
  test('without running instances, fitDuration itself', () => {
    const xs = Array.from({ length: 500 }, () => -2 * Math.log(1 - rng()));
    // the families' distribution functions are closures, equal in what they give
    const same = (a: FitResult, b: FitResult) => {
      const data = (f: FitResult) => ({ ...f, tried: f.tried.map(({ cdf: _, ...t }) => t) });
      expect(data(a)).toEqual(data(b));
      for (const [i, t] of a.tried.entries()) for (const x of [0.1, 1, 10]) expect(t.cdf(x)).toBe(b.tried[i].cdf(x));
    };
    same(fitDurations(xs, []), fitDuration(xs));
    expect(fitDurations(xs, [1, 2, 3]).censored).toBe(3);
  });

  // Too few to fit a family: a constant, as fitDuration's from fewer than 3, counting the running
  // ones (before session 41 they were left out: [1, 2] beside one running 5 h was 1.5 h, a
  // constant that would have ended it). An age older than the completions' mean is a lower bound.
  test('fewer than 3 completions: their mean, or the oldest running age where longer (a lower bound); none: that age', () => {
    const facts = (f: FitResult) => [f.dist, f.n, f.censored, f.reason];
    expect(facts(fitDurations([1, 2], [0.5, 1.5]))).toEqual([
      { kind: 'constant', value: 1.5 },
      2,
      2,
      'fewer than 3 completions: their mean; no instance still running is older',
    ]);
    expect(facts(fitDurations([1, 2], [5, 0.25]))).toEqual([
      { kind: 'constant', value: 5 },
      2,
      2,
      'fewer than 3 completions, and an instance still running is older than their mean (1.5 h): its age, a lower bound',
    ]);
    expect(facts(fitDurations([4], [3]))[0]).toEqual({ kind: 'constant', value: 4 });
    expect(facts(fitDurations([], [3, 7]))).toEqual([
      { kind: 'constant', value: 7 },
      0,
      2,
      'no completion: the age of the oldest instance still running, a lower bound',
    ]);
    // without a running one, as before: their mean
    expect(fitDurations([1, 2], []).dist).toEqual({ kind: 'constant', value: 1.5 });
  });

  test('completions all of one value, no running instance older: that constant, the running ones counted', () => {
    // before session 40: a normal of mean 2 and sd 5e-324 (the Kaplan-Meier quantiles, all 2 h, elsewhere)
    for (const running of [[1], [0.5, 2]]) {
      const fit = fitDurations([2, 2, 2, 2], running);
      expect([fit.dist, fit.family, fit.n, fit.censored]).toEqual([{ kind: 'constant', value: 2 }, 'constant', 4, running.length]);
      expect(fit.reason).toBe('every completion is the same, and no instance still running is older');
    }
    // one running past it lasted longer than every completion: no constant, a family whose mean is above 2 h
    const longer = fitDurations([2, 2, 2, 2], [3]);
    expect(longer.family).not.toBe('constant');
    expect(distMean(longer.dist)).toBeGreaterThan(2);
  });
});

test('the standard error of a fitted mean, by the delta method on the observed information', () => {
  // a normal sample's log-likelihood in (m, log s): at its maximum the mean m has standard error
  // s/sqrt(n), so log m has s/(m sqrt(n))
  const xs = Array.from({ length: 50 }, () => 10 + 3 * normal());
  const m = meanOf(xs);
  const s = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
  const logLik = ([mu, ls]: number[]) => xs.reduce((a, x) => a - ls - 0.5 * ((x - mu) / Math.exp(ls)) ** 2, 0);
  const se = seLogMean(logLik, [m, Math.log(s)], ([mu]) => Math.log(mu));
  expect(se).toBeCloseTo(s / (m * Math.sqrt(50)), 6);
  // a parameter at the edge of its domain is held there: only the other's information counts
  const edged = ([mu, ls]: number[]) => (mu < m ? Number.NEGATIVE_INFINITY : logLik([mu, ls]));
  expect(seLogMean(edged, [m, Math.log(s)], ([, ls]) => ls)).toBeCloseTo(1 / Math.sqrt(2 * 50), 6);
  // flat along the mean: undetermined
  expect(
    seLogMean(
      ([, ls]) => -ls * ls,
      [m, 0],
      ([mu]) => Math.log(mu),
    ),
  ).toBe(Number.POSITIVE_INFINITY);
});
