import { pairedRatio, pairedRatioJohnson } from './ratio.js';
import { allFinite, summarize, type IntervalMethod } from './summary.js';
import { dampedJohnsonTwoSidedP, JOHNSON_MIN_VALUES, johnsonTwoSidedP, SKEW_NOISE_ERRORS } from './skewness.js';
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
  /** two-sided p-value of the differences by the paired t test behind ci95;
   *  1 when all are 0, 0 when all are the same non-zero; NaN below 2 pairs */
  p: number;
  /** 100·(ratio - 1) with the ratio's log-scale interval: never below -100%; null where the ratio is not defined */
  delta_pct_ci95: [number, number] | null;
  /** with `interval: 'johnson'` only: Johnson's modified-t interval of the differences, whether it excludes 0, and its p-value */
  johnson?: JohnsonTest;
}

/** Johnson's modified t on the differences (from JOHNSON_MIN_VALUES pairs; with fewer, the paired t). */
export interface JohnsonTest {
  ci95: [number, number] | null;
  /** delta_pct's interval from the ratio's Johnson form (ratio.ts pairedRatioJohnson); null where the ratio is not defined */
  delta_pct_ci95: [number, number] | null;
  significant: boolean;
  /** the interval's own p-value: the smallest level at which it excludes 0 */
  p: number;
  /** the p-value a family's step-down reads (results/build.ts, Holm): the larger of `p` and the p with the skewness
   *  damped by its noise (SKEW_NOISE_ERRORS), so never more liberal than either */
  familyP: number;
}

/** Common random numbers pair replication i of both arrays. Only indexes where both are not NaN are used.
 *  baseline/value: means over those pairs; delta = value - baseline; delta_pct = 100·delta/baseline (null when baseline is 0);
 *  ci95: the paired-t interval of the differences (null when fewer than 2 pairs), whatever `interval` says; significant:
 *  that interval excludes 0 (false when null). With `interval: 'johnson'`, `johnson` holds Johnson's interval beside it
 *  (the paired t's below JOHNSON_MIN_VALUES pairs).
 *  When every difference is exactly 0, delta is exactly 0 and ci95 exactly [0, 0]. Returns null when no pair, or when a
 *  value is infinite. */
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
  // no pair, or an infinite value (summarize gives it no mean): no comparison to make
  if (differences.length === 0 || !allFinite(baselines) || !allFinite(values)) return null;
  // At least one pair, so every mean below exists.
  const baselineMean = summarize(baselines).mean!;
  const valueMean = summarize(values).mean!;
  const delta = valueMean - baselineMean;
  const { mean: meanDifference, sd, n, ci95, ci95_johnson } = summarize(differences, interval);
  const ratio = pairedRatio(baselines, values);
  const comparison: PairedComparison = {
    baseline: baselineMean,
    value: valueMean,
    delta,
    delta_pct: baselineMean === 0 ? null : (100 * delta) / baselineMean,
    ci95,
    significant: excludesZero(ci95),
    n,
    p: pValue(differences, meanDifference!, sd, 't'),
    delta_pct_ci95: ratio === null ? null : [100 * (ratio.ci95[0] - 1), 100 * (ratio.ci95[1] - 1)],
  };
  if (ci95_johnson !== undefined) {
    const ratioJohnson = pairedRatioJohnson(baselines, values);
    // Below JOHNSON_MIN_VALUES pairs ci95_johnson and Johnson's p are the t's (summarize, pValue): the differences
    // cannot show a skew (npm run check:johnson: on normal differences of 3 Johnson's own interval missed 0 in 6.7%
    // against t's 5.1%, and Holm over 5 such comparisons erred in 12.1% of families against t's 5.1%); the damped p,
    // NaN there, is read from that many on.
    const p = pValue(differences, meanDifference!, sd, 'johnson');
    comparison.johnson = {
      ci95: ci95_johnson,
      delta_pct_ci95: ratioJohnson === null ? null : [100 * (ratioJohnson.ci95[0] - 1), 100 * (ratioJohnson.ci95[1] - 1)],
      significant: excludesZero(ci95_johnson),
      p,
      familyP: n >= JOHNSON_MIN_VALUES ? Math.max(p, dampedJohnsonTwoSidedP(differences, SKEW_NOISE_ERRORS)) : p,
    };
  }
  return comparison;
}

function excludesZero(interval: [number, number] | null): boolean {
  return interval !== null && (interval[0] > 0 || interval[1] < 0);
}

/** The two-sided p-value of the test behind an interval: 1 when every difference is 0, 0 when all are the same non-zero. */
function pValue(differences: readonly number[], mean: number, sd: number | null, test: IntervalMethod): number {
  const n = differences.length;
  if (sd === null) return Number.NaN;
  if (sd === 0) return mean === 0 ? 1 : 0;
  if (test === 'johnson' && n >= JOHNSON_MIN_VALUES) return johnsonTwoSidedP(differences);
  return tTwoSidedP(mean / (sd / Math.sqrt(n)), n - 1);
}
