// Every distribution's sample mean and sd against its parameters, within a few standard errors.
import { describe, expect, test } from 'vitest';
import { compileSampler, distMean, distSupport, distVariance, sample, sampleAt } from '../../engine/random/distributions.js';
import { Draws } from '../../engine/random/stream.js';
import type { DistSpec } from '../../engine/scenario/types.js';

const N = 200_000;

function moments(spec: DistSpec): { mean: number; sd: number; min: number } {
  const s = compileSampler(spec);
  const u = new Draws();
  let sum = 0;
  let sum2 = 0;
  let min = Infinity;
  for (let i = 0; i < N; i++) {
    const x = sample(s, u.at(12345, i, 0));
    sum += x;
    sum2 += x * x;
    if (x < min) min = x;
  }
  const mean = sum / N;
  return { mean, sd: Math.sqrt((sum2 - N * mean * mean) / (N - 1)), min };
}

const cases: [string, DistSpec, number, number][] = [
  // name, spec, expected mean, expected sd (worked out from the parameters, not from the code)
  ['exponential', { kind: 'exponential', mean: 2 }, 2, 2],
  ['uniform', { kind: 'uniform', min: 1, max: 3 }, 2, 2 / Math.sqrt(12)],
  ['triangular', { kind: 'triangular', min: 1, mode: 2, max: 6 }, 3, Math.sqrt((1 + 36 + 4 - 6 - 2 - 12) / 18)],
  ['normal (far from 0)', { kind: 'normal', mean: 10, sd: 2 }, 10, 2],
  ['lognormal by its own mean and sd', { kind: 'lognormal', mean: 2, sd: 1 }, 2, 1],
  ['gamma by mean and sd (shape 4)', { kind: 'gamma', mean: 2, sd: 1 }, 2, 1],
  ['gamma with shape below 1', { kind: 'gamma', mean: 1, sd: 2 }, 1, 2],
  ['erlang-3', { kind: 'erlang', k: 3, mean: 2 }, 2, 2 / Math.sqrt(3)],
  ['weibull shape 1 is exponential', { kind: 'weibull', shape: 1, scale: 2 }, 2, 2],
  ['weibull shape 2 (Rayleigh)', { kind: 'weibull', shape: 2, scale: 1 }, Math.sqrt(Math.PI) / 2, Math.sqrt(1 - Math.PI / 4)],
  ['empirical', { kind: 'empirical', values: [1, 2, 2, 5] }, 2.5, Math.sqrt((2.25 + 0.25 + 0.25 + 6.25) / 4)],
];

// A shift (scenario `{ exponential: { mean: 2h }, shift: 30m }`) moves every draw up by it: the
// draw's mean is shift + the family's mean, its sd the family's, and nothing falls below the shift.
const shiftedCases: [string, DistSpec, number, number][] = [
  ['exponential shifted by 0.5', { kind: 'exponential', mean: 2, shift: 0.5 }, 2.5, 2],
  ['lognormal shifted by 0.25', { kind: 'lognormal', mean: 2, sd: 1, shift: 0.25 }, 2.25, 1],
  ['gamma (shape below 1) shifted by 1', { kind: 'gamma', mean: 1, sd: 2, shift: 1 }, 2, 2],
  ['erlang-3 shifted by 3', { kind: 'erlang', k: 3, mean: 2, shift: 3 }, 5, 2 / Math.sqrt(3)],
  [
    'weibull shape 2 shifted by 0.1',
    { kind: 'weibull', shape: 2, scale: 1, shift: 0.1 },
    0.1 + Math.sqrt(Math.PI) / 2,
    Math.sqrt(1 - Math.PI / 4),
  ],
];

describe('a shift moves every draw up by it', () => {
  for (const [name, spec, mean, sd] of shiftedCases) {
    test(`${name}: sample mean within 5 SE of shift + mean, sd the family's, no draw below the shift`, () => {
      const m = moments(spec);
      const shift = (spec as { shift: number }).shift;
      // fails when the sampler drops the shift (mean off by the shift, hundreds of SE) or adds it twice
      expect(Math.abs(m.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(N));
      expect(Math.abs(m.sd / sd - 1)).toBeLessThan(0.02);
      expect(m.min).toBeGreaterThanOrEqual(shift);
      expect(distMean(spec)).toBeCloseTo(mean, 10);
      expect(Math.sqrt(distVariance(spec))).toBeCloseTo(sd, 10);
    });
  }

  test('draw for draw, a shifted distribution is its unshifted one plus the shift (the same uniforms: common random numbers)', () => {
    const u = new Draws();
    for (const [, spec] of shiftedCases) {
      const { shift, ...family } = spec as DistSpec & { shift: number };
      const [shifted, plain] = [compileSampler(spec), compileSampler(family as DistSpec)];
      for (let i = 0; i < 2000; i++) {
        u.value = Number.NaN;
        sampleAt(plain, u, 77, i, i % 3);
        const x = u.value;
        sampleAt(shifted, u, 77, i, i % 3);
        expect(u.value).toBe(x + shift);
      }
    }
  });

  test('a shift of 0 compiles to the unshifted sampler (a scenario writing shift: 0 draws as one without)', () => {
    expect(compileSampler({ kind: 'exponential', mean: 2, shift: 0 })).toEqual(compileSampler({ kind: 'exponential', mean: 2 }));
  });
});

describe('sample moments match the parameters', () => {
  for (const [name, spec, mean, sd] of cases) {
    test(name, () => {
      const m = moments(spec);
      // standard error of the mean is sd/sqrt(N); 5 of them is a generous but powerful bound
      expect(Math.abs(m.mean - mean)).toBeLessThan((5 * sd) / Math.sqrt(N));
      expect(Math.abs(m.sd / sd - 1)).toBeLessThan(0.02);
      expect(m.min).toBeGreaterThanOrEqual(0);
      // 5 digits: the normal's resampling shifts its mean by 3e-6 even ten sd away from 0
      expect(distMean(spec)).toBeCloseTo(mean, 5);
      expect(Math.sqrt(distVariance(spec))).toBeCloseTo(sd, 4);
    });
  }

  test('normal resampled while negative has the truncated mean', () => {
    const spec: DistSpec = { kind: 'normal', mean: 1, sd: 1 };
    const m = moments(spec);
    // E[X | X > 0] = mu + sigma phi(1) / Phi(1) = 1 + 0.2419707 / 0.8413447
    const truncated = 1 + 0.24197072451914337 / 0.8413447460685429;
    expect(m.min).toBeGreaterThanOrEqual(0);
    expect(Math.abs(m.mean - truncated)).toBeLessThan(0.01);
    expect(distMean(spec)).toBeCloseTo(truncated, 6);
  });

  test('the normal truncated at 0 has its mean and variance exact to double precision (the half-normal: sd sqrt(2/pi), sd^2 (1 - 2/pi))', () => {
    // mean 0: the normal truncated at 0 is the half-normal, whose moments are closed forms; its
    // kept mass 1/2 went through an erfc good to 1.2e-7, which the offered load then carried
    for (const sd of [1, 0.25, 7]) {
      const spec: DistSpec = { kind: 'normal', mean: 0, sd };
      expect(Math.abs(distMean(spec) / (sd * Math.sqrt(2 / Math.PI)) - 1)).toBeLessThan(1e-14);
      expect(Math.abs(distVariance(spec) / (sd * sd * (1 - 2 / Math.PI)) - 1)).toBeLessThan(1e-13);
    }
    // mean 1, sd 1: 1 + phi(1)/Phi(1), with Phi(1) = 0.841344746068542948585... (50 digits: mpmath)
    expect(Math.abs(distMean({ kind: 'normal', mean: 1, sd: 1 }) / (1 + 0.24197072451914337 / 0.8413447460685429) - 1)).toBeLessThan(1e-14);
  });

  test('a constant draws nothing and returns itself', () => {
    expect(moments({ kind: 'constant', value: 0.25 })).toEqual({ mean: 0.25, sd: 0, min: 0.25 });
  });

  test('sampleAt gives exactly the value of sample at the same key, for every kind (the simulation draws with it)', () => {
    const u = new Draws();
    const v = new Draws();
    for (const [, spec] of [...cases, ...shiftedCases, ['constant', { kind: 'constant', value: 0.25 }] as const]) {
      const s = compileSampler(spec);
      for (let i = 0; i < 2000; i++) {
        const [stream, caseKey, visit] = [(i * 2654435761) | 0, i - 1000, i % 4];
        u.value = Number.NaN;
        sampleAt(s, u, stream, caseKey, visit);
        expect(u.value).toBe(sample(s, v.at(stream, caseKey, visit)));
      }
    }
  });
});

describe('distSupport: the least and the most a distribution draws', () => {
  test('its ends, worked out from the parameters', () => {
    const ends = (spec: DistSpec) => Object.values(distSupport(spec));
    expect(ends({ kind: 'constant', value: 0.5 })).toEqual([0.5, 0.5]);
    expect(ends({ kind: 'uniform', min: 1, max: 3 })).toEqual([1, 3]);
    expect(ends({ kind: 'triangular', min: 1, mode: 2, max: 6 })).toEqual([1, 6]);
    expect(ends({ kind: 'empirical', values: [2, 1, 5, 2] })).toEqual([1, 5]);
    expect(ends({ kind: 'normal', mean: 10, sd: 2 })).toEqual([0, Infinity]); // resampled below 0
    expect(ends({ kind: 'exponential', mean: 2 })).toEqual([0, Infinity]);
    expect(ends({ kind: 'gamma', mean: 1, sd: 2, shift: 1 })).toEqual([1, Infinity]);
  });

  test.each([...cases, ...shiftedCases])('%s: every draw lies within them', (_, spec) => {
    const s = compileSampler(spec);
    const u = new Draws();
    const { least, most } = distSupport(spec);
    let [low, high] = [Infinity, -Infinity];
    for (let i = 0; i < 20_000; i++) {
      const x = sample(s, u.at(777, i, 0));
      [low, high] = [Math.min(low, x), Math.max(high, x)];
    }
    expect(low).toBeGreaterThanOrEqual(least);
    expect(high).toBeLessThanOrEqual(most);
  });
});
