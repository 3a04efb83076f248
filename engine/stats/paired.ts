import { summarize } from './summary.js';

/** A variant's metric against the baseline's, over replications paired by common random numbers. */
export interface PairedComparison {
  baseline: number;
  value: number;
  delta: number;
  delta_pct: number | null;
  ci95: [number, number] | null;
  significant: boolean;
  n: number;
}

/** Common random numbers pair replication i of both arrays. Only indexes where both are not NaN are used.
 *  baseline/value: means over those pairs; delta = value - baseline; delta_pct = 100·delta/baseline (null when baseline is 0);
 *  ci95: paired-t interval of the differences (null when fewer than 2 pairs); significant: the interval excludes 0
 *  (false when null). When every difference is exactly 0, delta is exactly 0 and ci95 exactly [0, 0]. Returns null when no pair. */
export function pairedComparison(baseline: ArrayLike<number>, value: ArrayLike<number>): PairedComparison | null {
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
  const { ci95, n } = summarize(differences);
  return {
    baseline: baselineMean,
    value: valueMean,
    delta,
    delta_pct: baselineMean === 0 ? null : (100 * delta) / baselineMean,
    ci95,
    significant: ci95 !== null && (ci95[0] > 0 || ci95[1] < 0),
    n,
  };
}
