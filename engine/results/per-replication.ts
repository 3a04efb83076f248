// A variant's per-replication numbers by metric path: what results.json summarises, for the
// analyses (sizing, sensitivity) and for results.json itself. Analyses read the numbers here
// and never build results.json to read it back by path.
import type { VariantRun } from '../experiment/experiment.js';
import { metricLayout } from '../model/metrics.js';
import { pairedComparison } from '../stats/paired.js';
import { observed, summarize, type IntervalMethod, type Stat } from '../stats/summary.js';
import type { Comparison } from './types.js';

export class ReplicationValues {
  /** every metric the model reports, in slot order */
  readonly paths: string[];
  private readonly slots = new Map<string, number>();

  constructor(readonly run: VariantRun) {
    metricLayout(run.model).paths.forEach((path, slot) => {
      if (path !== null) this.slots.set(path, slot);
    });
    this.paths = [...this.slots.keys()];
  }

  has(path: string): boolean {
    return this.slots.has(path);
  }

  /** One number per replication, in replication order (NaN: no observation); null when the model does not report the path. */
  values(path: string): number[] | null {
    const slot = this.slots.get(path);
    return slot === undefined ? null : this.run.reps.map((r) => r.metrics[slot]);
  }

  /** The replications' observations (their values less the NaNs of those that gave none); null when the model does not report the path. */
  observations(path: string): number[] | null {
    const values = this.values(path);
    return values === null ? null : observed(values);
  }

  /** The mean over replications and its 95% interval (and Johnson's under 'johnson'); null when the model does not report the path. */
  stat(path: string, interval: IntervalMethod = 't'): Stat | null {
    const values = this.values(path);
    return values === null ? null : summarize(values, interval);
  }
}

/** `variant` against `base` on one metric, paired over replications (common random numbers); null when either lacks it or no pair has both values. */
export function comparePaired(
  base: ReplicationValues,
  variant: ReplicationValues,
  path: string,
  interval: IntervalMethod = 't',
): Comparison | null {
  return comparePairedWithP(base, variant, path, interval)?.comparison ?? null;
}

/** The comparison and the two-sided p-values Holm's adjustment reads: the paired t's (the test behind ci95), and with
 *  `interval: 'johnson'` Johnson's family p (pJohnson, paired.ts JohnsonTest.familyP; the comparison then has
 *  ci95_johnson and significant_johnson). */
export function comparePairedWithP(
  base: ReplicationValues,
  variant: ReplicationValues,
  path: string,
  interval: IntervalMethod,
): { comparison: Comparison; p: number; pJohnson?: number } | null {
  const before = base.values(path);
  const after = variant.values(path);
  if (before === null || after === null) return null;
  const c = pairedComparison(before, after, interval);
  if (c === null) return null;
  const comparison: Comparison = {
    variant: variant.run.name,
    against: base.run.name,
    metric: path,
    baseline: c.baseline,
    value: c.value,
    delta: c.delta,
    delta_pct: c.delta_pct,
    ci95: c.ci95,
    significant: c.significant,
    delta_pct_ci95: c.delta_pct === null ? null : c.delta_pct_ci95,
    significant_adjusted: null, // set by results/build.ts within the variant's outcome family
  };
  if (c.johnson === undefined) return { comparison, p: c.p };
  comparison.ci95_johnson = c.johnson.ci95;
  comparison.significant_johnson = c.johnson.significant;
  comparison.significant_adjusted_johnson = null; // as significant_adjusted
  comparison.delta_pct_ci95_johnson = c.delta_pct === null ? null : c.johnson.delta_pct_ci95;
  return { comparison, p: c.p, pJohnson: c.johnson.familyP };
}
