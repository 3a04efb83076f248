// The regularized incomplete gamma functions through the chi-square distribution's upper tail,
// Q(df / 2, x / 2), against its closed forms (1 to 4 degrees of freedom:
// the normal's tail, e^-x/2 and their sums, on both sides of the switch from the series to the
// continued fraction at x = df + 2) and simple-statistics' table of its quantiles (two decimals).
import { chiSquaredDistributionTable } from 'simple-statistics';
import { describe, expect, test } from 'vitest';
import { chiSquaredTail, lowerRegularizedGamma, upperRegularizedGamma } from '../../engine/stats/incomplete-gamma.js';
import { logNormalTail } from '../../engine/stats/normal-tail.js';

const XS = [1e-6, 0.01, 0.3, 1, 2.5, 2.999, 3, 3.001, 4, 5.9, 6.1, 10, 25, 60, 150, 400];
/** P(X > x) in closed form: df 1 and 3 from the normal's tail, 2 and 4 from e^-x/2. */
const CLOSED: Record<number, (x: number) => number> = {
  1: (x) => 2 * Math.exp(logNormalTail(Math.sqrt(x))),
  2: (x) => Math.exp(-x / 2),
  3: (x) => 2 * Math.exp(logNormalTail(Math.sqrt(x))) + Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2),
  4: (x) => Math.exp(-x / 2) * (1 + x / 2),
};

describe('upperRegularizedGamma as the chi-square tail', () => {
  for (const df of [1, 2, 3, 4])
    test(`${df} degree(s) of freedom: the closed form to 1e-11 relative`, () => {
      for (const x of XS) {
        const want = CLOSED[df](x);
        expect(Math.abs(chiSquaredTail(x, df) - want), `x ${x}`).toBeLessThanOrEqual(1e-11 * want);
      }
    });

  test("simple-statistics' quantiles (1 to 100 degrees of freedom, two decimals) give back their levels", () => {
    const table = chiSquaredDistributionTable as unknown as Record<string, Record<string, number>>;
    let checked = 0;
    for (const [df, row] of Object.entries(table))
      for (const [level, q] of Object.entries(row)) {
        if (q < 1) continue; // two decimals of a quantile below 1 move its level too far
        // the level moves by at most the density's largest value (below 0.5 from 1 up) times the rounding's 0.005
        expect(Math.abs(chiSquaredTail(q, Number(df)) - Number(level)), `df ${df} level ${level}`).toBeLessThan(0.0025);
        checked++;
      }
    expect(checked).toBeGreaterThan(300);
  });

  test('no statistic: 1; an infinite one: 0; the tail falls as x grows', () => {
    expect(chiSquaredTail(0, 3)).toBe(1);
    expect(chiSquaredTail(-1, 3)).toBe(1);
    expect(chiSquaredTail(Number.POSITIVE_INFINITY, 3)).toBe(0);
    for (const df of [1, 5, 17, 60]) {
      let last = 1;
      for (let x = 0.25; x < 200; x *= 1.5) {
        const p = chiSquaredTail(x, df);
        expect(p).toBeLessThanOrEqual(last);
        expect(p).toBeGreaterThanOrEqual(0);
        last = p;
      }
    }
  });

  test('P and Q sum to 1 on both sides of the switch at x = a + 1', () => {
    for (const a of [0.5, 1, 2.7, 12])
      for (const x of [0.1, a, a + 0.999, a + 1, a + 1.001, 3 * a + 5])
        expect(lowerRegularizedGamma(a, x) + upperRegularizedGamma(a, x), `a ${a} x ${x}`).toBeCloseTo(1, 13);
  });
});
