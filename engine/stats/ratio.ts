// The ratio of two paired means, with an interval that respects the bounds of a ratio of
// non-negative quantities: the delta method on the log scale, so the interval is
// R·exp(±t·se) and never reaches 0 or below. A relative change is the ratio minus 1, so its
// interval never falls below -100%, which an interval built as (delta interval) / baseline can.
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
  const n = x.length;
  if (n !== y.length) throw new RangeError(`pairedRatio: ${n} baseline values against ${y.length}`);
  if (n < 2) return null;
  const xbar = mean(x);
  const ybar = mean(y);
  if (!(xbar > 0) || ybar < 0) return null;
  if (y.every((v) => v === 0)) return { ratio: 0, ci95: [0, 0] };
  if (!(ybar > 0)) return null;
  // Var(log R) ~ Var(y/ybar - x/xbar)/n: in relative terms, so that tiny or huge magnitudes neither overflow nor lose digits.
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] / ybar - x[i] / xbar; // mean 0 over i
    squares += e * e;
  }
  const variance = squares / (n - 1) / n;
  const ratio = ybar / xbar;
  const spread = Math.exp(tQuantile(0.975, n - 1) * Math.sqrt(variance));
  if (!Number.isFinite(spread) || !Number.isFinite(ratio)) return null;
  return { ratio, ci95: [ratio / spread, ratio * spread] };
}
