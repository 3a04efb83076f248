// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x): the gamma
// distribution's CDF and survival (discovery's fits, fit.ts and censored-fit.ts) and the
// chi-square distribution's tail (Q(df / 2, x / 2)).
// Invariant: P by its power series below a + 1 and Q by Legendre's continued fraction (Lentz's
// evaluation) from there, each run until a term moves the sum by less than 1e-14 of it; the other
// as 1 minus it, except Q where P is near 1 (a censored fit's survival far in the tail), computed
// as itself. Checked against the chi-square's closed forms at 1 to 4 degrees of freedom and
// simple-statistics' table of its quantiles (test/stats/incomplete-gamma.test.ts).
import { gammaln } from 'simple-statistics';

/**
 * P(a, x), the regularized lower incomplete gamma function (series, or continued fraction).
 * `logGammaA`: ln Gamma(a), which a caller evaluating many x at one a computes once (a fit's
 * distribution function over its sample); the same number either way.
 */
export function lowerRegularizedGamma(a: number, x: number, logGammaA = gammaln(a)): number {
  if (x <= 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  if (x < a + 1) return lowerBySeries(a, x, logGammaA);
  return Math.max(0, 1 - upperByContinuedFraction(a, x, logGammaA));
}

/** The chi-square distribution's upper tail P(X > x) on `df` degrees of freedom: Q(df / 2, x / 2). */
export function chiSquaredTail(x: number, df: number): number {
  return upperRegularizedGamma(df / 2, x / 2);
}

/**
 * Q(a, x) = 1 - P(a, x), computed as itself where P is near 1 (a censored fit's survival far in
 * the tail); `logGammaA` as for lowerRegularizedGamma.
 */
export function upperRegularizedGamma(a: number, x: number, logGammaA = gammaln(a)): number {
  if (x <= 0) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  if (x < a + 1) return Math.max(0, 1 - lowerBySeries(a, x, logGammaA));
  return upperByContinuedFraction(a, x, logGammaA);
}

function lowerBySeries(a: number, x: number, logGammaA: number): number {
  const lead = a * Math.log(x) - x - logGammaA;
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < 500; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * 1e-14) break;
  }
  return Math.min(1, sum * Math.exp(lead));
}

/** Lentz's continued fraction for Q(a, x), for x >= a + 1. */
function upperByContinuedFraction(a: number, x: number, logGammaA: number): number {
  const lead = a * Math.log(x) - x - logGammaA;
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return Math.min(1, Math.exp(lead) * h);
}
