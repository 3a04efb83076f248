import { pairedRatio, pairedRatioJohnson } from './ratio.js';
import { allFinite, summarize, type IntervalMethod } from './summary.js';
import { dampedJohnsonTwoSidedP, johnsonTwoSidedP } from './skewness.js';
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

/** Johnson's modified t on the differences (from JOHNSON_MIN_PAIRS pairs; with fewer, the paired t). */
export interface JohnsonTest {
  ci95: [number, number] | null;
  /** delta_pct's interval from the ratio's Johnson form (ratio.ts pairedRatioJohnson); null where the ratio is not defined */
  delta_pct_ci95: [number, number] | null;
  significant: boolean;
  /** the interval's own p-value: the smallest level at which it excludes 0 */
  p: number;
  /** the p-value a family's step-down reads (results/build.ts, Holm): the larger of `p` and the p with the skewness
   *  damped by its noise (FAMILY_SKEW_NOISE_ERRORS), so never more liberal than either */
  familyP: number;
}

/**
 * The fewest pairs from which a comparison's Johnson figures correct by the differences' skewness; with fewer, they are
 * the paired t's. From 3 differences |G1| is at most sqrt(3), under 1.5 of its normal-theory standard errors: the
 * sample cannot show a skew, and the correction is its estimate's noise (npm run check:johnson: on normal differences
 * of 3 Johnson's interval missed 0 in 6.7% against t's 5.1%, and Holm over 5 such comparisons erred in 12.2% of
 * families against t's 4.8%; on exponential and lognormal ones more often than t too).
 */
export const JOHNSON_MIN_PAIRS = 4;

/**
 * Standard errors by which the skewness is damped in a family's p-value (JohnsonTest.familyP), as in the warm-up check
 * (warmup-check.ts SKEW_NOISE_ERRORS): Holm reads the first of m p-values at 0.05/m, far in the tail, where Hall's g
 * adds the skewness estimate's noise at order T^2 (npm run check:johnson: Holm over 5 comparisons of 5 normal
 * differences erred in 8.1% of families on Johnson's p; damped, as t). The damped p alone gives back most of Johnson's
 * correction where the skew is real (the short side's spurious significance: exponential differences of 10, 24% of
 * families of 12 against Johnson's 13%); the larger of the two is never more liberal than either.
 */
const FAMILY_SKEW_NOISE_ERRORS = 1.5;

/** Common random numbers pair replication i of both arrays. Only indexes where both are not NaN are used.
 *  baseline/value: means over those pairs; delta = value - baseline; delta_pct = 100·delta/baseline (null when baseline is 0);
 *  ci95: the paired-t interval of the differences (null when fewer than 2 pairs), whatever `interval` says; significant:
 *  that interval excludes 0 (false when null). With `interval: 'johnson'`, `johnson` holds Johnson's interval beside it
 *  (the paired t's below JOHNSON_MIN_PAIRS pairs).
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
    const corrected = n >= JOHNSON_MIN_PAIRS;
    const shown: [number, number] | null = corrected || ci95 === null ? ci95_johnson : [ci95[0], ci95[1]];
    const p = corrected ? pValue(differences, meanDifference!, sd, 'johnson') : comparison.p;
    comparison.johnson = {
      ci95: shown,
      delta_pct_ci95: ratioJohnson === null ? null : [100 * (ratioJohnson.ci95[0] - 1), 100 * (ratioJohnson.ci95[1] - 1)],
      significant: excludesZero(shown),
      p,
      familyP: corrected ? Math.max(p, dampedJohnsonTwoSidedP(differences, FAMILY_SKEW_NOISE_ERRORS)) : p,
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
  if (test === 'johnson' && n >= JOHNSON_MIN_PAIRS) return johnsonTwoSidedP(differences);
  return tTwoSidedP(mean / (sd / Math.sqrt(n)), n - 1);
}
