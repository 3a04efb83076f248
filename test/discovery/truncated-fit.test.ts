// Durations each seen only at most a bound of its own (a leader's own wait on a log its end cut:
// truncated-fit.ts), fitted by each family's density over its distribution function at the bound:
// the likelihood and the test's distance worked by hand, and the fit against a generator's truth.
import { expect, test } from 'vitest';
import { fitDuration } from '../../engine/discovery/fit.js';
import { EXPONENTIAL, fitTruncated, truncatedKs, truncatedLogLik } from '../../engine/discovery/truncated-fit.js';
import { distMean } from '../../engine/random/distributions.js';
import { seededDraws } from '../support/seeded-draws.js';

test('an exponential of mean 1 h at waits of 1 h and 2 h, seen below 2 h and 4 h: -(1 + 2) - ln(1 - e^-2) - ln(1 - e^-4)', () => {
  // ln(0.8646647) = -0.1454135, ln(0.9816844) = -0.0184856
  expect(truncatedLogLik(EXPONENTIAL, [0], [1, 2], [2, 4])).toBeCloseTo(-3 + 0.1454135 + 0.0184856, 6);
  // the same at mean 2 h: 2 (-ln 2) - 3/2 - ln(1 - e^-1) - ln(1 - e^-2) = -1.386294 - 1.5 + 0.458675 + 0.145413
  expect(truncatedLogLik(EXPONENTIAL, [Math.log(2)], [1, 2], [2, 4])).toBeCloseTo(-1.386294 - 1.5 + 0.458675 + 0.145413, 5);
});

test("the test's distance: a sample seen below its bounds against G(x), the mean of F(min(x, b)) / F(b)", () => {
  const F = (x: number) => -Math.expm1(-x);
  // at 1 h both bounds are above: G = (F(1)/F(2) + F(1)/F(4)) / 2 = 0.687487, the largest gap (against 0 just below it)
  expect(truncatedKs([1, 2], [2, 4], F)).toBeCloseTo((F(1) / F(2) + F(1) / F(4)) / 2, 6);
  // bounds below a duration count whole: at 3 h, the 2-h bound's observation is in for 1, the 6-h one's for F(3)/F(6)
  const g3 = (1 + F(3) / F(6)) / 2;
  expect(truncatedKs([1, 3], [2, 6], F)).toBeCloseTo(Math.max((F(1) / F(2) + F(1) / F(6)) / 2, 1 - g3, g3 - 1 / 2), 6);
});

/** Waits of an exponential of mean `mean` h, each of a pass entered uniformly over the `span` h before the export and shown where it and its leader's 10 min ended by then. */
function shownWaits(seed: number, passes: number, mean: number, span: number) {
  const { random, exponential } = seededDraws(seed);
  const waits: number[] = [];
  const bounds: number[] = [];
  for (let i = 0; i < passes; i++) {
    const left = span * random(); // the pass's entry to the export
    const w = exponential(mean);
    if (w + 1 / 6 <= left) {
      waits.push(w);
      bounds.push(left - 1 / 6);
    }
  }
  return { waits, bounds };
}

test("waits of 7 h on average seen in a 12-h span: the truncated fit's mean is the generator's, the untruncated far short", () => {
  // over 20 seeds (some 250 waits shown of 800 each), within 3.29 standard errors of the seeds' own spread
  const means: number[] = [];
  const plain: number[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const { waits, bounds } = shownWaits(seed, 800, 7, 12);
    const fit = fitTruncated(waits, bounds);
    expect(fit, `seed ${seed}`).not.toBeNull();
    means.push(distMean(fit!.dist));
    plain.push(distMean(fitDuration(waits).dist));
  }
  const average = means.reduce((s, x) => s + x, 0) / means.length;
  const sd = Math.sqrt(means.reduce((s, x) => s + (x - average) ** 2, 0) / (means.length - 1));
  expect(Math.abs(average - 7), `${average} h, sd ${sd}`).toBeLessThan((3.29 * sd) / Math.sqrt(means.length));
  expect(plain.reduce((s, x) => s + x, 0) / plain.length).toBeLessThan(4.5); // the waits as shown: about 3.7 h
});

test('waits of 15 min or 4 h (no family): no fit, the caller keeps its reading', () => {
  const { random } = seededDraws(5);
  const waits: number[] = [];
  const bounds: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const left = 12 * random();
    const w = random() < 0.474 ? 4 : 0.25;
    if (w + 1 / 6 <= left) {
      waits.push(w);
      bounds.push(left - 1 / 6);
    }
  }
  expect(fitTruncated(waits, bounds)).toBeNull();
});

test("the exponential's likelihood, summed in its own loop, is the same double as its density's and survival's terms summed", () => {
  const draw = seededDraws(5);
  // durations and bounds with some under the one-second floor and some bounds at their duration
  const xs = Array.from({ length: 500 }, (_, i) => (i % 50 === 0 ? 0 : -Math.log(1 - draw.random()) * 3));
  const bs = xs.map((x, i) => (i % 7 === 0 ? x : x + 20 * draw.random()));
  for (const lm of [-9, -1, 0, 0.7, 3, 9]) {
    const { logPdf, logSf } = EXPONENTIAL.at([lm]);
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += logPdf(xs[i], 0) - Math.log(-Math.expm1(logSf(bs[i], 0)));
    expect(truncatedLogLik(EXPONENTIAL, [lm], xs, bs)).toBe(sum);
  }
});
