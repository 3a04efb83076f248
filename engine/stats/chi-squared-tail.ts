// The chi-square distribution's upper tail, P(X > x) for X chi-square with `df` degrees of
// freedom: the p-value of a statistic that is chi-square under its null hypothesis (discovery's
// test of a drifting mix of leaders, leader-drift.ts). simple-statistics has the distribution's
// quantiles at eleven levels only, no p-value between them.
// Invariant: Q(df / 2, x / 2), the regularized upper incomplete gamma, by its power series below
// a + 1 and Legendre's continued fraction (Lentz's evaluation) from there, each run until a term
// moves the sum by less than 1e-15 of it: exact to some 1e-13 relative error, checked against
// the closed forms at 1 and 2 degrees of freedom and simple-statistics' table
// (test/stats/chi-squared-tail.test.ts).
import { gammaln } from 'simple-statistics';

const EPS = 1e-15;
const MAX_TERMS = 1000;
/** Below it, the continued fraction's denominators are taken as this (Lentz's). */
const TINY = 1e-300;

/** P(X > x) for X chi-square with `df` (> 0) degrees of freedom; 1 for x <= 0. */
export function chiSquaredTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  if (x === Number.POSITIVE_INFINITY) return 0;
  const a = df / 2;
  const z = x / 2;
  const front = Math.exp(-z + a * Math.log(z) - gammaln(a));
  if (z < a + 1) {
    // P(a, z) = e^-z z^a / Gamma(a) * sum_n z^n / (a (a + 1) ... (a + n))
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < MAX_TERMS; n++) {
      term *= z / (a + n);
      sum += term;
      if (term < sum * EPS) break;
    }
    return Math.max(0, 1 - front * sum);
  }
  // Q(a, z) = e^-z z^a / Gamma(a) * 1 / (z + 1 - a - 1 (1 - a) / (z + 3 - a - 2 (2 - a) / (z + 5 - a - ...)))
  let b = z + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let f = d;
  for (let n = 1; n < MAX_TERMS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    f *= step;
    if (Math.abs(step - 1) < EPS) break;
  }
  return front * f;
}
