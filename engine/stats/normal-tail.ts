// The standard normal's tails, in logs, to near double precision however far out: discovery's
// censored fits need log P(Z > z) for a running instance's survival and for the mass a normal
// truncated at 0 keeps, and both go far into a tail when the optimiser tries a mean well below
// 0 or a long age. simple-statistics' errorFunction is good to about 1e-7 absolute only, so a
// kept mass of 1e-12 came out as rounding noise and the likelihood with it (a censored normal
// of mean -395 h won an exponential sample by AIC; s14m's note).
// Invariant: relative error below 1e-13 on log P(Z > z) for every finite z, checked against
// 50-digit references (test/stats/normal-tail.test.ts); the cdf derived from it keeps that in
// both tails.

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Below it, erf's Taylor series; from it, Laplace's continued fraction. */
const SWITCH = 2;
/** Continued-fraction terms: at z = 2, 80 give a relative error of 2e-14, 60 of 1e-12. */
const TERMS = 100;

/**
 * log P(Z > z) for a standard normal. For z >= 2, Laplace's continued fraction for the Mills
 * ratio P(Z > z)/phi(z) = 1/(z + 1/(z + 2/(z + 3/(z + ...)))), evaluated from its 100th term
 * (no cancellation: every term is positive); below 2, 1 - erf(z/sqrt 2) by erf's Taylor
 * series, whose cancellation costs at most a digit there (1 - erf >= 0.045). For z < 0,
 * log(1 - P(Z > -z)) by log1p, exact to the last bit where the tail is tiny.
 */
export function logNormalTail(z: number): number {
  if (z < 0) return Math.log1p(-Math.exp(logNormalTail(-z)));
  if (z >= SWITCH) {
    let f = z;
    for (let k = TERMS; k >= 1; k--) f = z + k / f;
    return -0.5 * z * z - LOG_SQRT_2PI - Math.log(f);
  }
  const x = z / Math.SQRT2;
  let term = x;
  let sum = x;
  for (let n = 1; n < 100; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return Math.log(0.5 * (1 - (2 / Math.sqrt(Math.PI)) * sum));
}

/** P(Z <= z), from logNormalTail: relative precision in the lower tail, 1 - tail in the upper. */
export function normalCdf(z: number): number {
  return z < 0 ? Math.exp(logNormalTail(-z)) : -Math.expm1(logNormalTail(z));
}

/**
 * The distribution function of a normal of mean m and sd s truncated to [0, inf) (the scenario
 * format's normal, resampled while negative): 1 - P(X > x)/P(X > 0), by the difference of the
 * two tails' logs, so it keeps its precision where the kept mass is small. The kept mass's log
 * is taken once, not at each x (a fit's test reads F at every duration).
 */
export function truncatedNormalCdfOf(m: number, s: number): (x: number) => number {
  const logKept = logNormalTail(-m / s);
  return (x) => (x <= 0 ? 0 : -Math.expm1(logNormalTail((x - m) / s) - logKept));
}

/** truncatedNormalCdfOf(m, s) at one x. */
export function truncatedNormalCdf(x: number, m: number, s: number): number {
  return truncatedNormalCdfOf(m, s)(x);
}
