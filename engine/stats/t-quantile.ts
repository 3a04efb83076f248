/**
 * Student's t quantile, by inverting the t distribution function written with the
 * regularized incomplete beta function.
 */
import { gammaln } from 'simple-statistics';

/** Below this argument Stirling's series is not accurate enough: lnBeta takes Γ from gammaln. */
const STIRLING_FROM = 10;

/** Relative precision at which the continued fraction and the root search stop. */
const TOLERANCE = 4 * Number.EPSILON;

/** Bounds the loops; a double's whole range is exhausted long before either is reached. */
const MAX_ITERATIONS = 100_000;

/**
 * ln Γ(x) - Stirling's approximation, for x >= STIRLING_FROM: the Bernoulli series
 * through the x^-15 term (the next term is below 2e-18 at x = 10).
 */
function stirlingCorrection(x: number): number {
  const z = 1 / (x * x);
  const series =
    1 / 12 +
    z * (-1 / 360 + z * (1 / 1260 + z * (-1 / 1680 + z * (1 / 1188 + z * (-691 / 360360 + z * (1 / 156 + z * (-3617 / 122400)))))));
  return series / x;
}

/**
 * ln B(a, b). When the larger argument is big, ln Γ(q) - ln Γ(p + q) is written so
 * that its huge Stirling terms cancel analytically rather than in floating point: for
 * Student's t with df = 1e7 the naive difference of two numbers near 7e7 would be off by 1e-8.
 */
function lnBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q < STIRLING_FROM) return gammaln(p) + gammaln(q) - gammaln(p + q);
  const sum = p + q;
  return gammaln(p) + stirlingCorrection(q) - stirlingCorrection(sum) + p - p * Math.log(sum) + (q - 0.5) * Math.log1p(-p / sum);
}

/**
 * A point of the beta distribution carried as x, 1 - x and both logarithms, each computed
 * directly, so that neither tail is formed by cancellation or lost to underflow.
 */
interface BetaPoint {
  x: number;
  y: number;
  lnX: number;
  lnY: number;
}

/**
 * I_x(a, b) by the continued fraction of DiDonato & Morris (TOMS 708, BFRAC), for
 * lambda = a·y - b·x >= 0. Unlike the textbook fraction, its leading term 1 + lambda is
 * formed from y as well as x, so no digits cancel when x is close to 1: the case of
 * Student's t with many degrees of freedom, where y = 1 - x is of order 1/df.
 */
function betaContinuedFraction(point: BetaPoint, a: number, b: number, lambda: number): number {
  const { x, y } = point;
  const c = 1 + lambda;
  const c0 = b / a;
  const c1 = 1 + 1 / a;
  let p = 1;
  let s = a + 1;
  // Consecutive convergents are numerator / denominator; rescaled each step so they stay finite.
  let numeratorBefore = 0;
  let denominatorBefore = 1;
  let numerator = 1;
  let denominator = c / c1;
  let ratio = c1 / c;
  for (let n = 1; n <= MAX_ITERATIONS; n++) {
    const t = n / a;
    const w = n * (b - n) * x;
    const e = a / s;
    const alpha = p * (p + c0) * e * e * (w * x);
    const beta = n + w / s + ((1 + t) / (c1 + t + t)) * (c + n * (y + 1));
    p = 1 + t;
    s += 2;
    const nextNumerator = alpha * numeratorBefore + beta * numerator;
    const nextDenominator = alpha * denominatorBefore + beta * denominator;
    const previousRatio = ratio;
    ratio = nextNumerator / nextDenominator;
    if (Math.abs(ratio - previousRatio) <= TOLERANCE * ratio) break;
    numeratorBefore = numerator / nextDenominator;
    denominatorBefore = denominator / nextDenominator;
    numerator = ratio;
    denominator = 1;
  }
  return Math.exp(a * point.lnX + b * point.lnY - lnBeta(a, b)) * ratio;
}

/** The regularized incomplete beta function I_x(a, b). */
function regularizedBeta(point: BetaPoint, a: number, b: number): number {
  // The fraction serves only below the mean a/(a+b); above it, I_x(a, b) = 1 - I_{1-x}(b, a).
  const lambda = a * point.y - b * point.x;
  if (lambda >= 0) return betaContinuedFraction(point, a, b, lambda);
  const mirrored: BetaPoint = { x: point.y, y: point.x, lnX: point.lnY, lnY: point.lnX };
  return 1 - betaContinuedFraction(mirrored, b, a, -lambda);
}

/** The beta point x = df / (df + t²) of t >= 0, formed from s = t/√df or from 1/s, whichever is at most 1. */
function betaPointOfT(t: number, df: number): BetaPoint {
  const s = t / Math.sqrt(df);
  if (s <= 1) {
    const s2 = s * s;
    const lnX = -Math.log1p(s2);
    return { x: 1 / (1 + s2), y: s2 / (1 + s2), lnX, lnY: 2 * Math.log(s) + lnX };
  }
  const r2 = 1 / (s * s);
  const lnY = -Math.log1p(r2);
  return { x: r2 / (1 + r2), y: 1 / (1 + r2), lnX: lnY - 2 * Math.log(s), lnY };
}

/** P(T > t) for t >= 0. */
function upperTail(point: BetaPoint, df: number): number {
  return 0.5 * regularizedBeta(point, df / 2, 0.5);
}

/** Density of t, written with the same beta point: (1 + t²/df)^(-(df+1)/2) = x^((df+1)/2). */
function density(point: BetaPoint, df: number): number {
  return Math.exp(((df + 1) / 2) * point.lnX - 0.5 * Math.log(df) - lnBeta(df / 2, 0.5));
}

/** The t >= 0 with P(T > t) = alpha, 0 < alpha <= 1/2: Newton steps kept inside a shrinking bracket. */
function upperTailQuantile(alpha: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (upperTail(betaPointOfT(hi, df), df) > alpha) {
    lo = hi;
    hi *= 2;
  }
  let t = lo + (hi - lo) / 2;
  let previousStep = hi - lo;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const point = betaPointOfT(t, df);
    const excess = upperTail(point, df) - alpha;
    if (excess === 0) return t;
    if (excess > 0) lo = t;
    else hi = t;
    const newton = t + excess / density(point, df);
    // Newton is trusted only while it stays in the bracket and at least halves its step.
    const useNewton = newton > lo && newton < hi && Math.abs(newton - t) < previousStep / 2;
    const next = useNewton ? newton : lo + (hi - lo) / 2;
    previousStep = Math.abs(next - t);
    if (previousStep <= TOLERANCE * next) return next;
    t = next;
  }
  return t;
}

/**
 * upperTailQuantile's answers, by tail then degrees of freedom. A results.json of n replications
 * asks t(0.975, n - 1) for every metric it summarises and again in the warnings' tests (M/M/5 at
 * -r 2: 124 calls; the bundled fiber scenario's four variants at -r 3: 1,548), each a root search
 * over the incomplete beta function, run cold, where two searches answer them all: the fiber
 * run's results took 62-82 ms of CPU before, 36-54 ms after (docs/performance-notes.md, session
 * 42). The answer is a pure function of the two numbers, so the one remembered is the same
 * double. Emptied at KNOWN_MOST entries: a process that lives on (a worker) may be asked for
 * many real df.
 */
const known = new Map<number, Map<number, number>>();
let knownCount = 0;
const KNOWN_MOST = 1024;

/** upperTailQuantile(alpha, df), remembered (see `known`). */
function rememberedUpperTailQuantile(alpha: number, df: number): number {
  let byDf = known.get(alpha);
  const found = byDf?.get(df);
  if (found !== undefined) return found;
  if (knownCount >= KNOWN_MOST) {
    known.clear();
    knownCount = 0;
    byDf = undefined;
  }
  const t = upperTailQuantile(alpha, df);
  if (byDf === undefined) known.set(alpha, (byDf = new Map()));
  byDf.set(df, t);
  knownCount++;
  return t;
}

/** Quantile of Student's t with df degrees of freedom (df >= 1, real), 0 < p < 1. Accurate to 1e-9. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile: p must be in (0, 1), got ${p}`);
  if (!(df >= 1 && Number.isFinite(df))) throw new RangeError(`tQuantile: df must be a finite number >= 1, got ${df}`);
  if (p === 0.5) return 0;
  // 1 - p is exact for p >= 1/2, so both halves solve for the same tail and t(p) = -t(1-p) to the bit.
  return p < 0.5 ? -rememberedUpperTailQuantile(p, df) : rememberedUpperTailQuantile(1 - p, df);
}

/** Two-sided p-value of Student's t statistic with df degrees of freedom (df >= 1): P(|T| >= |t|). */
export function tTwoSidedP(t: number, df: number): number {
  if (!(df >= 1 && Number.isFinite(df))) throw new RangeError(`tTwoSidedP: df must be a finite number >= 1, got ${df}`);
  if (Number.isNaN(t)) return NaN;
  const a = Math.abs(t);
  if (a === 0) return 1;
  if (a === Infinity) return 0;
  return Math.min(1, 2 * upperTail(betaPointOfT(a, df), df));
}
