// The ratio of two paired means, with an interval that respects the bounds of a ratio of
// non-negative quantities: the delta method on the log scale, so the interval is
// R·exp(±t·se) and never reaches 0 or below. A relative change is the ratio minus 1, so its
// interval never falls below -100%, which an interval built as (delta interval) / baseline can.
// Its Johnson form (`run --interval johnson`) is the same linearisation with Johnson's modified t
// in place of Student's: the log ratio's error is, to first order, the mean of the relative
// residuals y/ybar - x/xbar, and Johnson's interval of that mean corrects for their skew. Only
// from JOHNSON_RATIO_MIN_PAIRS pairs: with fewer, the third moment of so few residuals is too
// noisy, and the log and the ratio's own second-order terms (of the same order as the
// correction, and left out) weigh as much, so the form missed the true ratio more often than t.
import { johnsonInterval } from './skewness.js';
import { mean } from './summary.js';
import { tQuantile } from './t-quantile.js';

/**
 * Paired replications x_i (baseline) and y_i (variant), both without NaN and of equal length.
 * Returns R = mean(y)/mean(x) and its 95% interval, or null when the ratio of means is not
 * defined on the log scale (n < 2, a baseline mean <= 0, a negative variant mean). A variant
 * whose every value is 0 has ratio 0 exactly, interval [0, 0].
 * se^2 of log R = (s_y^2/ybar^2 + s_x^2/xbar^2 - 2 s_xy/(xbar ybar)) / n, computed as the variance of y/ybar - x/xbar over n.
 */
export function pairedRatio(x: readonly number[], y: readonly number[]): { ratio: number; ci95: [number, number] } | null {
  const r = residuals(x, y);
  if (r === null) return null;
  if (r === 'zero') return { ratio: 0, ci95: [0, 0] };
  const { ratio, e } = r;
  const n = e.length;
  // Var(log R) ~ Var(y/ybar - x/xbar)/n: in relative terms, so that tiny or huge magnitudes neither overflow nor lose digits.
  let squares = 0;
  for (const v of e) squares += v * v; // e has mean 0
  const variance = squares / (n - 1) / n;
  const spread = Math.exp(tQuantile(0.975, n - 1) * Math.sqrt(variance));
  if (!Number.isFinite(spread) || !Number.isFinite(ratio)) return null;
  return { ratio, ci95: [ratio / spread, ratio * spread] };
}

/**
 * The fewest pairs for which the ratio's Johnson form is used; below, pairedRatio's (t) interval.
 * Set when Johnson's own quadratic missed the true ratio more often than t at 5 pairs in all five
 * setups of a seeded coverage simulation. In Hall's monotone form (skewness.ts; one-off, 20,000
 * trials each, % of intervals wholly below / above it, t -> Johnson;
 * test/stats/ratio-coverage.test.ts checks the 10): at 5 pairs it misses less where the
 * residuals are skewed (y lognormal against x normal 10.2/0.6 -> 6.7/2.4, y = x^1.3 12.2/0.8 ->
 * 6.8/3.1) and a little more on symmetric normal pairs (4.9 -> 5.6%); at 10, 11.4 -> 9.2%,
 * 13.2 -> 8.7%, 4.9 -> 5.2%. Not everywhere: with y = 0.4x + 0.4z, x and z lognormal(0, 1),
 * it misses more at every size (5 pairs 12.8 -> 15.2%, 10 pairs 10.8 -> 14.2%, 20 pairs 9.0 ->
 * 12.0%), the skew there coming from the ratio and the log rather than the residuals. Kept at
 * 10: below it the form buys a better short side on skewed residuals with more misses on
 * symmetric pairs (5.6% at 5, against t's 4.9%) and on the ratio's own skew, from a third moment
 * of fewer than ten residuals; at 10 symmetric pairs are at their nominal rate. Adding the log
 * ratio's bias term (s_y²/ȳ² - s_x²/x̄²)/(2n) to the centre made Johnson's quadratic worse in
 * every setup at 10 pairs (10.2 -> 11.6%).
 */
export const JOHNSON_RATIO_MIN_PAIRS = 10;

/**
 * The ratio's interval by Johnson's modified t: R·exp(lo), R·exp(hi) with [lo, hi] Johnson's
 * interval of the mean of the relative residuals e_i = y_i/ybar - x_i/xbar (whose mean is 0),
 * in place of ±t·se. Null where pairedRatio is; below JOHNSON_RATIO_MIN_PAIRS pairs,
 * pairedRatio's interval. Never below 0.
 */
export function pairedRatioJohnson(x: readonly number[], y: readonly number[]): { ratio: number; ci95: [number, number] } | null {
  const t = pairedRatio(x, y);
  const r = residuals(x, y);
  if (t === null || r === null || r === 'zero' || r.e.length < JOHNSON_RATIO_MIN_PAIRS) return t;
  const [lo, hi] = johnsonInterval(r.e)!;
  const low = t.ratio * Math.exp(lo);
  const high = t.ratio * Math.exp(hi);
  if (!Number.isFinite(low) || !Number.isFinite(high)) return null;
  return { ratio: t.ratio, ci95: [low, high] };
}

/** The ratio and the relative residuals it is judged by; 'zero' when every y is 0; null where the log-scale ratio is undefined. */
function residuals(x: readonly number[], y: readonly number[]): { ratio: number; e: number[] } | 'zero' | null {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pairedRatio: ${n} baseline values against ${y.length}`);
  if (n < 2) return null;
  const xbar = mean(x);
  const ybar = mean(y);
  if (!(xbar > 0) || ybar < 0) return null;
  if (y.every((v) => v === 0)) return 'zero';
  if (!(ybar > 0)) return null;
  const e = new Array<number>(n);
  for (let i = 0; i < n; i++) e[i] = y[i] / ybar - x[i] / xbar;
  return { ratio: ybar / xbar, e };
}
