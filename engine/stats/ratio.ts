// The ratio of two paired means, with an interval that respects the bounds of a ratio of
// non-negative quantities: the delta method on the log scale, so the interval is
// R·exp(±t·se) and never reaches 0 or below. A relative change is the ratio minus 1, so its
// interval never falls below -100%, which an interval built as (delta interval) / baseline can.
// Its Johnson form (`run --interval johnson`) is the same linearisation with Johnson's modified t
// in place of Student's: the log ratio's error is, to first order, the mean of the relative
// residuals y/ybar - x/xbar, and Johnson's interval of that mean corrects for their skew.
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
 * The ratio's interval by Johnson's modified t: R·exp(lo), R·exp(hi) with [lo, hi] Johnson's
 * interval of the mean of the relative residuals e_i = y_i/ybar - x_i/xbar (whose mean is 0),
 * in place of ±t·se. Null where pairedRatio is; with 2 pairs, pairedRatio's interval (no third
 * moment to correct by, as summarize's ci95_johnson). Never below 0.
 */
export function pairedRatioJohnson(x: readonly number[], y: readonly number[]): { ratio: number; ci95: [number, number] } | null {
  const t = pairedRatio(x, y);
  const r = residuals(x, y);
  if (t === null || r === null || r === 'zero' || r.e.length < 3) return t;
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
