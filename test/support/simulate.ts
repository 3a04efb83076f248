// Run replications of a typed scenario in this process and read metrics by their dotted path.
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout } from '../../engine/model/metrics.js';
import type { ReplicationStats } from '../../engine/sim/replication-summary.js';
import { runReplication } from '../../engine/sim/replicate.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { summarize } from '../../engine/stats/summary.js';
import { tQuantile } from '../../engine/stats/t-quantile.js';

export interface Replicated {
  reps: ReplicationStats[];
  values(path: string): number[];
  mean(path: string): number;
  /** Half-width of the two-sided interval at `confidence` for the mean over replications. */
  halfWidth(path: string, confidence?: number): number;
}

export function replicate(scenario: Scenario, replications = scenario.run.replications, seed = scenario.run.seed): Replicated {
  const model = compileModel(scenario);
  const layout = metricLayout(model);
  const reps = Array.from({ length: replications }, (_, r) => runReplication(model, r, seed));
  const slot = (path: string) => {
    const i = layout.paths.indexOf(path);
    if (i < 0) throw new Error(`no metric ${path}`);
    return i;
  };
  const values = (path: string) => reps.map((r) => r.metrics[slot(path)]);
  return {
    reps,
    values,
    mean: (path) => summarize(values(path)).mean!,
    halfWidth: (path, confidence = 0.999) => {
      const s = summarize(values(path));
      return (tQuantile(1 - (1 - confidence) / 2, s.n - 1) * s.sd!) / Math.sqrt(s.n);
    },
  };
}

/**
 * One replication of a flow `a` whose cases are worked out by hand: its completed cases, mean
 * cycle time, the automated and off-shift hours of its breakdown, and node `node`'s mean service.
 */
export function caseOutcome(scenario: Scenario, node: string) {
  const r = replicate(scenario, 1);
  const one = (path: string) => r.values(path)[0];
  return {
    completed: one('flows.a.completed'),
    cycle: one('flows.a.cycle_time.mean'),
    automated: one('flows.a.breakdown.automated'),
    offShift: one('flows.a.breakdown.off_shift'),
    service: one(`flows.a.nodes.${node}.service`),
  };
}

/** Per replication, one metric over another (a share of the arrivals, say). */
export function ratioOf(r: Replicated, top: string, bottom: string): number[] {
  const below = r.values(bottom);
  return r.values(top).map((v, i) => v / below[i]);
}

/**
 * The statistical tolerance used throughout: theory must lie within the 99.9% interval of the
 * replications' mean (so a correct engine fails about once in a thousand seeds, and the seeds
 * are fixed), and the interval must be narrow enough for the test to have power.
 */
export function expectWithinInterval(r: Replicated, path: string, theory: number, maxRelativeHalfWidth: number): void {
  expectSampleWithinInterval(path, r.values(path), theory, maxRelativeHalfWidth);
}

/** The same check for a value computed per replication (a ratio of two metrics, a chart's figure). */
export function expectSampleWithinInterval(what: string, values: number[], theory: number, maxRelativeHalfWidth: number): void {
  const s = summarize(values);
  const mean = s.mean!;
  const half = (tQuantile(0.9995, s.n - 1) * s.sd!) / Math.sqrt(s.n);
  if (half > maxRelativeHalfWidth * Math.abs(theory)) {
    throw new Error(
      `${what}: interval half-width ${half} is wider than ${maxRelativeHalfWidth * 100}% of ${theory}: the test has too little power`,
    );
  }
  if (Math.abs(mean - theory) > half) {
    throw new Error(`${what}: mean ${mean} differs from theory ${theory} by more than the 99.9% half-width ${half}`);
  }
}

/** A sample's mean (tests' tolerances: expectSampleWithinInterval for a 99.9% interval, meanOf and standardErrorOf for another width). */
export function meanOf(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** The standard error of a sample's mean (n - 1 in the variance). */
export function standardErrorOf(xs: readonly number[]): number {
  const m = meanOf(xs);
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
}

/**
 * Two independent samples of one quantity (etomsim's replications and another simulator's): the
 * 99.9% Welch interval of the difference of their means must hold 0, and be at most
 * `maxRelativeHalfWidth` of the second sample's mean, so the test has power.
 */
export function expectSamplesAgree(what: string, values: number[], others: number[], maxRelativeHalfWidth: number): void {
  const a = summarize(values);
  const b = summarize(others);
  const va = a.sd! ** 2 / a.n;
  const vb = b.sd! ** 2 / b.n;
  const df = Math.floor((va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1))); // Welch-Satterthwaite, rounded down
  const half = tQuantile(0.9995, df) * Math.sqrt(va + vb);
  const difference = a.mean! - b.mean!;
  if (half > maxRelativeHalfWidth * Math.abs(b.mean!)) {
    throw new Error(
      `${what}: interval half-width ${half} is wider than ${maxRelativeHalfWidth * 100}% of ${b.mean}: the test has too little power`,
    );
  }
  if (Math.abs(difference) > half) {
    throw new Error(`${what}: mean ${a.mean} differs from the other's ${b.mean} by more than the 99.9% half-width ${half}`);
  }
}
