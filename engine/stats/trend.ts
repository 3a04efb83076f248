// Is a level (a queue length) still climbing at the end of the run? The least-squares slope of
// each replication's series over the second half of the measured window, then a one-sided t
// test across replications, which are independent: in an unstable model every replication
// climbs, in a stable one the slopes scatter around 0.
import { mean } from './summary.js';
import { tQuantile } from './t-quantile.js';

/** One-sided level of the test: a stable team is called climbing about once in a thousand runs. */
const SIGNIFICANCE = 0.001;

/** Least-squares slope of y against x (equal lengths, at least 2 distinct x); NaN otherwise. */
export function leastSquaresSlope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return NaN;
  const xbar = mean(x);
  const ybar = mean(y);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - xbar) * (x[i] - xbar);
    sxy += (x[i] - xbar) * (y[i] - ybar);
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

export interface Trend {
  /** mean slope over replications, per hour */
  slope: number;
  /** the mean slope times the span: how much the level rose over the tested span */
  rise: number;
  /** the mean level over the tested span */
  level: number;
  /** the slopes' t statistic (Infinity when every replication rose by the same amount) */
  t: number;
  /** the rise is significant at 0.1% (one-sided) across the replications */
  significant: boolean;
}

/**
 * Per replication, points (time, level) of the tested span; at least 2 replications of at
 * least 2 points each, else null.
 */
export function trendAcrossReplications(times: readonly number[], levels: readonly (readonly number[])[]): Trend | null {
  const n = levels.length;
  if (n < 2 || times.length < 2) return null;
  const slopes = levels.map((y) => leastSquaresSlope(times, y));
  if (slopes.some((s) => Number.isNaN(s))) return null;
  const slope = slopes.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(slopes.reduce((a, s) => a + (s - slope) ** 2, 0) / (n - 1));
  const t = sd > 0 ? slope / (sd / Math.sqrt(n)) : slope > 0 ? Infinity : slope < 0 ? -Infinity : 0;
  let level = 0;
  for (const y of levels) for (const v of y) level += v;
  level /= n * times.length;
  const span = times[times.length - 1] - times[0];
  return { slope, rise: slope * span, level, t, significant: t > tQuantile(1 - SIGNIFICANCE, n - 1) };
}
