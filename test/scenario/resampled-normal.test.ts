// A normal resampled while negative (engine/random/distributions.ts) realises a larger mean than
// written: validate says so, with the realised mean (the truncated normal's, exact) and the
// remedy, when more than 1% of its draws are negative (s34x F10).
import { describe, expect, test } from 'vitest';
import { compileSampler, resampledNormal, sample } from '../../engine/random/distributions.js';
import { Draws } from '../../engine/random/stream.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { yaml } from './diagnose.js';

const N = 100_000;

/** The sampler's own draws: their mean and standard error. */
function drawn(mean: number, sd: number): { mean: number; se: number } {
  const s = compileSampler({ kind: 'normal', mean, sd });
  const u = new Draws();
  let sum = 0;
  let sum2 = 0;
  for (let i = 0; i < N; i++) {
    const x = sample(s, u.at(4242, i, 0));
    sum += x;
    sum2 += x * x;
  }
  const m = sum / N;
  return { mean: m, se: Math.sqrt((sum2 - N * m * m) / (N - 1) / N) };
}

describe('the realised mean of a normal resampled while negative', () => {
  test.each([
    [0.5, 0.5],
    [1, 2],
    [0, 1],
  ])('mean %s sd %s: mean + sd phi(a) / (1 - Phi(a)) against 100,000 draws, within 4 standard errors', (mean, sd) => {
    const { realisedMean, negativeShare } = resampledNormal(mean, sd);
    const a = -mean / sd;
    const phi = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
    // 1 - Phi(a) by the complementary error function's series-free identity for the three cases' a (0, -0.5, -1)
    const tail = { 0: 0.5, '-0.5': 0.6914624612740131, '-1': 0.8413447460685429 }[String(a) as '0' | '-0.5' | '-1'];
    expect(realisedMean).toBeCloseTo(mean + (sd * phi) / tail, 12);
    expect(negativeShare).toBeCloseTo(1 - tail, 12);
    const d = drawn(mean, sd);
    expect(Math.abs(d.mean - realisedMean)).toBeLessThan(4 * d.se);
  });
});

const scenario = (duration: string, interarrival = '{ exponential: { mean: 2h } }') => yaml`
  name: normal
  run: { horizon: 100h }
  resources: { desk: { capacity: 2 } }
  arrivals: [{ flow: f, interarrival: ${interarrival} }]
  flows:
    f: { start: t, nodes: { t: { resource: desk, duration: ${duration} } } }
`;

function warnings(text: string) {
  return scenarioWarnings(loadScenarioText(text, 'n.yaml')).map((d) => `${d.line}:${d.col} ${d.path}: ${d.message}`);
}

describe('validate warns of a normal resampled more than 1% of the time', () => {
  test('mean 30m sd 30m: 15.9% negative, its draws average 38.6 min (+29%); lognormal or gamma advised, at the duration', () => {
    const found = warnings(scenario('{ normal: { mean: 30m, sd: 30m } }'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^6:48 flows\.f\.nodes\.t\.duration: /);
    expect(found[0]).toContain('negative 16% of the time');
    expect(found[0]).toContain('its draws average 38.6 min (29% above the mean written)');
    expect(found[0]).toContain('use lognormal or gamma ({ lognormal: { mean: 30m, sd: 30m } })');
  });

  test('an interarrival time too, at the stream; none below 1% (mean 30m sd 12m: 0.6%)', () => {
    const found = warnings(scenario('{ normal: { mean: 30m, sd: 12m } }', '{ normal: { mean: 2h, sd: 1h } }'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^4:23 arrivals\.0\.interarrival: .*negative 2\.3% of the time.*average 2\.06 h/);
  });
});
