import { pairedRatio } from './ratio.js';
import { summarize, type IntervalMethod } from './summary.js';
import { johnsonTwoSidedP } from './skewness.js';
import { tTwoSidedP } from './t-quantile.js';

/** A variant's metric against the baseline's, over replications paired by common random numbers. */
export interface PairedComparison {
  baseline: number;
  value: number;
  delta: number;
  delta_pct: number | null;
  ci95: [number, number] | null;
  significant: boolean;
  n: number;
  /** two-sided p-value of the differences by the test behind ci95 (paired t, or Johnson's modified t from 3 pairs);
   *  1 when all are 0, 0 when all are the same non-zero; NaN below 2 pairs */
  p: number;
  /** 100·(ratio - 1) with the ratio's log-scale interval: never below -100%; null where the ratio is not defined */
  delta_pct_ci95: [number, number] | null;
}

/** Common random numbers pair replication i of both arrays. Only indexes where both are not NaN are used.
 *  baseline/value: means over those pairs; delta = value - baseline; delta_pct = 100·delta/baseline (null when baseline is 0);
 *  ci95: the interval of the differences by `interval` (paired t, or Johnson's modified t from 3 pairs; null when fewer
 *  than 2 pairs); significant: the interval excludes 0
 *  (false when null). When every difference is exactly 0, delta is exactly 0 and ci95 exactly [0, 0]. Returns null when no pair. */
export function pairedComparison(
  baseline: ArrayLike<number>,
  value: ArrayLike<number>,
  interval: IntervalMethod = 't',
): PairedComparison | null {
  if (baseline.length !== value.length) {
    throw new RangeError(`pairedComparison: ${baseline.length} baseline replications against ${value.length}`);
  }
  const baselines: number[] = [];
  const values: number[] = [];
  const differences: number[] = [];
  for (let i = 0; i < baseline.length; i++) {
    if (Number.isNaN(baseline[i]) || Number.isNaN(value[i])) continue;
    baselines.push(baseline[i]);
    values.push(value[i]);
    differences.push(value[i] - baseline[i]);
  }
  if (differences.length === 0) return null;
  // At least one pair, so every mean below exists.
  const baselineMean = summarize(baselines).mean!;
  const valueMean = summarize(values).mean!;
  const delta = valueMean - baselineMean;
  const { ci95, n } = summarize(differences, interval);
  const { mean: meanDifference, sd } = summarize(differences);
  const ratio = pairedRatio(baselines, values);
  return {
    baseline: baselineMean,
    value: valueMean,
    delta,
    delta_pct: baselineMean === 0 ? null : (100 * delta) / baselineMean,
    ci95,
    significant: ci95 !== null && (ci95[0] > 0 || ci95[1] < 0),
    n,
    p: pValue(differences, meanDifference!, sd, interval),
    delta_pct_ci95: ratio === null ? null : [100 * (ratio.ci95[0] - 1), 100 * (ratio.ci95[1] - 1)],
  };
}

/** The two-sided p-value of the test behind the interval: 1 when every difference is 0, 0 when all are the same non-zero. */
function pValue(differences: readonly number[], mean: number, sd: number | null, interval: IntervalMethod): number {
  const n = differences.length;
  if (sd === null) return Number.NaN;
  if (sd === 0) return mean === 0 ? 1 : 0;
  if (interval === 'johnson' && n >= 3) return johnsonTwoSidedP(differences);
  return tTwoSidedP(mean / (sd / Math.sqrt(n)), n - 1);
}
