// Skewness of a replication sample, and what it does to a Student-t interval. The t
// interval's two tails err in opposite directions at order 1/sqrt(n) (Edgeworth), so a
// right-skewed sample gives an interval that too often lies wholly below the mean even when
// its two-sided coverage looks fine; Johnson's modified t moves and stretches the interval
// by the estimated third moment to correct that first-order term.
import { tQuantile, tTwoSidedP } from './t-quantile.js';

/** phi(1.96) * (2 * 1.96^2 + 1) / 6: the Edgeworth coefficient of the one-sided error at the 97.5% point. */
const ONE_SIDED_ERROR_PER_SKEW = 0.08458;

/** A tail may err by this much (one point above its nominal 2.5%) before a sample counts as markedly skewed. */
const TAIL_ERROR_TOLERATED = 0.01;

/** A skewness at least this many standard errors from 0 (under normality) is not noise. */
const SKEW_STANDARD_ERRORS = 3;

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
 * Johnson's (1978) modified-t 95% interval of the mean: the mu solving
 * ((xbar - mu) + m3/(6 s^2 n) + m3 (xbar - mu)^2 / (3 s^4)) / (s / sqrt(n)) = +-t(0.975, n-1),
 * with m3 the unbiased third central moment. Null for n < 3; a constant sample gives [xbar, xbar].
 * Where the quadratic has no root (extreme skew for the size), its turning point is used: the widest it allows.
 */
export function johnsonInterval(values: readonly number[]): [number, number] | null {
  const j = johnsonTerms(values);
  if (j === null) return null;
  if (j.s2 === 0) return [j.mean, j.mean];
  const { mean, a, b } = j;
  const h = tQuantile(0.975, values.length - 1) * j.se;
  // b·d² + d + a = c, for d = xbar - mu, taking the root that tends to c - a as b -> 0.
  const solve = (c: number) => {
    const k = c - a;
    const discriminant = 1 + 4 * b * k;
    return discriminant > 0 ? (2 * k) / (1 + Math.sqrt(discriminant)) : -1 / (2 * b);
  };
  return [mean - solve(h), mean - solve(-h)];
}

/** The terms of Johnson's equation for a sample: its mean, variance s², standard error, a and b; null for n < 3. */
function johnsonTerms(values: readonly number[]): { mean: number; s2: number; se: number; a: number; b: number } | null {
  const n = values.length;
  if (n < 3) return null;
  const { mean, squares: ss, cubes } = centralSums(values);
  const s2 = ss / (n - 1);
  if (s2 === 0) return { mean, s2, se: 0, a: 0, b: 0 };
  const m3 = (n * cubes) / ((n - 1) * (n - 2));
  return { mean, s2, se: Math.sqrt(s2 / n), a: m3 / (6 * s2 * n), b: m3 / (3 * s2 * s2) };
}

/**
 * The two-sided p-value of Johnson's modified t for the mean being `mu0`, defined as the
 * interval's own: the smallest level at which johnsonInterval excludes mu0. Where d = xbar -
 * mu0 lies on the branch the interval is solved on (g(d) = b·d² + d + a increasing, 1 + 2·b·d
 * > 0), that is the t probability of t1 = g(d)/(s/sqrt(n)); beyond the turning point, where
 * the interval stops at its widest, every level excludes mu0 and p is 0. NaN for n < 3; a
 * constant sample gives 1 at its value and 0 elsewhere.
 */
export function johnsonTwoSidedP(values: readonly number[], mu0 = 0): number {
  const j = johnsonTerms(values);
  if (j === null) return Number.NaN;
  if (j.s2 === 0) return j.mean === mu0 ? 1 : 0;
  const { a, b } = j;
  const d = j.mean - mu0;
  if (1 + 2 * b * d <= 0) return 0;
  return tTwoSidedP((b * d * d + d + a) / j.se, values.length - 1);
}
