// Skewness of a replication sample, and what it does to a Student-t interval. The t
// interval's two tails err in opposite directions at order 1/sqrt(n) (Edgeworth), so a
// right-skewed sample gives an interval that too often lies wholly below the mean even when
// its two-sided coverage looks fine; Johnson's modified t (in Hall's monotone form) moves and stretches the interval
// by the estimated third moment to correct that first-order term.
import { tQuantile, tTwoSidedP } from './t-quantile.js';

/** phi(1.96) * (2 * 1.96^2 + 1) / 6: the Edgeworth coefficient of the one-sided error at the 97.5% point. */
const ONE_SIDED_ERROR_PER_SKEW = 0.08458;

/** A tail may err by this much (one point above its nominal 2.5%) before a sample counts as markedly skewed. */
const TAIL_ERROR_TOLERATED = 0.01;

/** A skewness at least this many standard errors from 0 (under normality) is not noise. */
const SKEW_STANDARD_ERRORS = 3;

/**
 * The fewest values from which a Johnson interval corrects by the sample's skewness (a stat's ci95_johnson, a
 * comparison's, a target's bound under `size --interval johnson`); with fewer, it is the t interval. From 3 values
 * |G1| is at most sqrt(3), under 1.5 of its normal-theory standard errors: the sample cannot show a skew, and the
 * correction is its estimate's noise (npm run check:johnson: a 95% interval of the mean of 3 normal values missed it
 * in 6.9% against t's 5.0%).
 */
export const JOHNSON_MIN_VALUES = 4;

/** The sums of squared and cubed deviations about the mean. */
function centralSums(values: readonly number[]): { mean: number; squares: number; cubes: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  let squares = 0;
  let cubes = 0;
  for (const v of values) {
    const d = v - mean;
    squares += d * d;
    cubes += d * d * d;
  }
  return { mean, squares, cubes };
}

/** Adjusted Fisher-Pearson skewness G1 of the sample (n >= 3; NaN otherwise, or for a constant sample). */
export function sampleSkewness(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return NaN;
  const { squares, cubes } = centralSums(values);
  return skewnessOf(n, squares, cubes);
}

/** G1 from a sample's size and central sums (centralSums); NaN for squares of 0. */
function skewnessOf(n: number, squares: number, cubes: number): number {
  if (squares === 0) return NaN;
  const m2 = squares / n;
  const m3 = cubes / n;
  return ((Math.sqrt(n * (n - 1)) / (n - 2)) * m3) / m2 ** 1.5;
}

/** The standard error of G1 for a normal sample of size n. */
export function skewnessStandardError(n: number): number {
  return Math.sqrt((6 * n * (n - 1)) / ((n - 2) * (n + 1) * (n + 3)));
}

/** How a sample's skewness bears on its t interval. */
export interface SkewAssessment {
  skewness: number;
  /** the estimated excess error of the interval's worse tail (nominal 2.5%) */
  tailError: number;
  /** the skewness is both real (3 standard errors from 0) and large enough for its size to move a tail by a point */
  marked: boolean;
}

/** Assess the replication sample; null when it is too small (n < 3) or constant. */
export function assessSkew(values: readonly number[]): SkewAssessment | null {
  const skewness = sampleSkewness(values);
  if (Number.isNaN(skewness)) return null;
  const n = values.length;
  const tailError = (ONE_SIDED_ERROR_PER_SKEW * Math.abs(skewness)) / Math.sqrt(n);
  const marked = Math.abs(skewness) > SKEW_STANDARD_ERRORS * skewnessStandardError(n) && tailError > TAIL_ERROR_TOLERATED;
  return { skewness, tailError, marked };
}

/**
 * The terms of Hall's g for a sample: its mean, standard error and a = G1 / sqrt(n) (johnsonInterval);
 * null for n < 3. A sample of one value repeated is constant whatever its sum's rounding (summarize's
 * test): its mean that value, se 0, where s2 from deviations about a mean an ulp off would be a
 * noise of 1e-34 giving an interval around the wrong mean.
 */
function hallTerms(values: readonly number[]): { mean: number; se: number; a: number } | null {
  const n = values.length;
  if (n < 3) return null;
  if (values.every((v) => v === values[0])) return { mean: values[0], se: 0, a: 0 };
  const { mean, squares, cubes } = centralSums(values); // once: sampleSkewness would sum them again
  return { mean, se: Math.sqrt(squares / (n - 1) / n), a: skewnessOf(n, squares, cubes) / Math.sqrt(n) };
}

/** Hall's g(T) (johnsonInterval). */
function hallStatistic(t: number, a: number): number {
  return t + a / 6 + (a * t * t) / 3 + (a * a * t * t * t) / 27;
}

/** The T with g(T) = y: 3((1 + a (y - a/6))^(1/3) - 1) / a, through log1p/expm1 where a·(y - a/6) is small (no cancellation); y - a/6 when a is 0. */
function hallInverse(y: number, a: number): number {
  const z = y - a / 6;
  if (a === 0) return z;
  const w = a * z;
  return w > -1 ? (3 * Math.expm1(Math.log1p(w) / 3)) / a : (3 * (Math.cbrt(1 + w) - 1)) / a;
}

/**
 * Johnson's (1978) modified-t interval of the mean at two-sided `confidence` (95% unless said), in
 * Hall's (1992) monotone form: the mu with g(T) = +-t(1 - (1 - confidence)/2, n-1) for the
 * studentised mean T = (xbar - mu) / (s / sqrt(n)), where g(T) = T + a/6 + a T^2 / 3 + a^2 T^3 / 27
 * and a = G1 / sqrt(n) (G1 = m3 / s^3, m3 the unbiased third central moment: sampleSkewness).
 * Johnson's statistic is the first three terms; its quadratic turns back, so under a strong skew
 * for the size the equation has no root and its interval stopped at the turning point, on the
 * short side of the mean, where a skewed sample needs the most room (one-off seeded simulation,
 * 20,000 samples of 10 lognormal(0, 1) values: the 98.75% interval's upper end below the mean
 * 8.5% of the time against t's 10.0%, Hall's 3.9%). The cubic term makes g increasing
 * (g'(T) = (1 + a T / 3)^2), so each end is one root, in closed form: g(T) = ((1 + a T / 3)^3 - 1) / a + a / 6.
 * Null for n < 3; a constant sample gives [xbar, xbar]; a symmetric one (m3 = 0) the t interval.
 */
export function johnsonInterval(values: readonly number[], confidence = 0.95): [number, number] | null {
  const h = hallTerms(values);
  if (h === null) return null;
  return hallInterval(h, values.length, confidence);
}

/** The interval of Hall's g at `confidence` for a sample's terms (johnsonInterval). */
function hallInterval(h: { mean: number; se: number; a: number }, n: number, confidence: number): [number, number] {
  if (h.se === 0) return [h.mean, h.mean];
  const t = tQuantile(1 - (1 - confidence) / 2, n - 1);
  return [h.mean - hallInverse(t, h.a) * h.se, h.mean - hallInverse(-t, h.a) * h.se];
}

/** G1 moved `standardErrors` of its normal-theory standard error towards 0 (0 when it lies within them). */
function dampedSkewness(skewness: number, standardErrors: number, n: number): number {
  return Math.sign(skewness) * Math.max(0, Math.abs(skewness) - standardErrors * skewnessStandardError(n));
}

/**
 * Johnson's interval (johnsonInterval) with the sample's skewness damped as in dampedJohnsonTwoSidedP: the interval
 * whose ends are that p's roots. Null for n < 3; a constant sample gives [xbar, xbar]; damped by 1.5 or more
 * standard errors, a sample of 3 gives the t interval.
 */
export function dampedJohnsonInterval(values: readonly number[], standardErrors: number, confidence = 0.95): [number, number] | null {
  const h = hallTerms(values);
  if (h === null) return null;
  const n = values.length;
  return hallInterval({ ...h, a: dampedSkewness(h.a * Math.sqrt(n), standardErrors, n) / Math.sqrt(n) }, n, confidence);
}

/**
 * The two-sided p-value of Johnson's modified t (Hall's form) for the mean being `mu0`, the
 * interval's own: the smallest level at which johnsonInterval excludes mu0, the t probability of
 * g((xbar - mu0) / se), g being increasing. NaN for n < 3; a constant sample gives 1 at its value
 * and 0 elsewhere.
 */
export function johnsonTwoSidedP(values: readonly number[], mu0 = 0): number {
  const h = hallTerms(values);
  if (h === null) return Number.NaN;
  if (h.se === 0) return h.mean === mu0 ? 1 : 0;
  return tTwoSidedP(hallStatistic((h.mean - mu0) / h.se, h.a), values.length - 1);
}

/**
 * Standard errors by which a skewness estimate is moved towards 0 wherever a test is read far in its tail, and a target's bound at any level: the warm-up
 * check's series (results/warmup-check.ts), a comparison family's Holm p (paired.ts JohnsonTest.familyP) and a target's
 * bound, at a Bonferroni level or at 95% (analysis/targets.ts). One number for the three: each is the same noise, Hall's g adding
 * the estimate's error at order T^2 where a step-down or a Bonferroni level reads it (npm run check:johnson: Holm over 5
 * comparisons of 5 normal differences erred in 7.8% of families on Johnson's p; damped, as t). Damped alone, the p gives
 * back most of Johnson's correction where the skew is real (exponential differences of 10: 27% of families of 12 in
 * error against Johnson's 14%), so a family reads the larger of the two, never more liberal than either.
 */
export const SKEW_NOISE_ERRORS = 1.5;

/**
 * Johnson's two-sided p (johnsonTwoSidedP) with the sample's skewness moved `standardErrors` of its normal-theory
 * standard error towards 0 (0 when it lies within them): the correction follows a skewness the sample shows
 * clearly, not its estimate's noise. From few values G1 is mostly noise, and Hall's g adds it at order T^2, where
 * a family's step-down reads its tests, so Johnson's p runs liberal on symmetric samples (one-off, session 41,
 * 40,000 normal samples: at p <= 0.0005, 13 times the nominal rate from 3 values, 2.9 from 10, where t holds it).
 * With 3 values |G1| is at most sqrt(3), under 1.5 standard errors (1.22 each): damped by 1.5 or more, the p is Student's
 * t. The price: on samples as skewed as an exponential's, whose skewness Johnson's estimate does catch, the p runs
 * more liberal than Johnson's (less than t's). NaN for n < 3; a constant sample gives 1 at its value and 0 elsewhere.
 */
export function dampedJohnsonTwoSidedP(values: readonly number[], standardErrors: number, mu0 = 0): number {
  const h = hallTerms(values);
  if (h === null) return Number.NaN;
  if (h.se === 0) return h.mean === mu0 ? 1 : 0;
  const n = values.length;
  const damped = dampedSkewness(h.a * Math.sqrt(n), standardErrors, n);
  return tTwoSidedP(hallStatistic((h.mean - mu0) / h.se, damped / Math.sqrt(n)), n - 1);
}
