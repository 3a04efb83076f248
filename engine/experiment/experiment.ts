// Variants x replications: compile each variant's model, run every (variant, replication)
// with the same seed (common random numbers), and, when asked for a precision, keep adding
// replications until every flow's mean cycle time is known to within it, by the interval the run
// shows (`--interval`: Student's t, or Johnson's modified t).
import { metricKindOf } from '../model/metric-catalogue.js';
import { metricLayout } from '../model/metrics.js';
import { compileModel } from '../model/compile.js';
import { type LoadWithArrivals, offeredLoadCache, type OfferedLoads } from '../model/offered-load.js';
import type { Model } from '../model/model.js';
import type { ReplicationStats } from '../sim/replication-summary.js';
import type { ScenarioSet } from '../scenario/types.js';
import { pairedComparison } from '../stats/paired.js';
import { type IntervalMethod, summarize } from '../stats/summary.js';
import type { PrecisionOutcome, PrecisionTarget } from '../results/types.js';

export type { PrecisionTarget };
import { createRunner, type Runner } from './runner.js';
import { DEFAULT_MAX_WIP } from '../sim/run-limits.js';

export interface ExperimentOptions {
  replications: number;
  seed: number;
  workers: number;
  /** variant names to run besides the baseline; null: all */
  variants: string[] | null;
  /** the command's OfferedLoads, when its warnings computed the same scenarios' (run's) */
  offeredLoads?: OfferedLoads;
  /** relative precision target, e.g. 0.05 (Law & Kelton: each half-width within 0.05/1.05 of its estimate) */
  precision: number | null;
  /** what the precision targets: the flows' mean cycle times (the default), the variants' differences from the baseline on outcome KPIs, or both */
  precisionOn?: PrecisionTarget;
  /** the interval whose half-widths the precision is measured on: the one the run shows (`--interval`); default 't' */
  interval?: IntervalMethod;
  maxReplications: number;
  onProgress?: (done: number, total: number) => void;
  /** a runner to use (and leave open) instead of one made, and closed, for this experiment */
  runner?: Runner;
  /** cases in progress at once beyond which a replication stops the run (engine/sim/run-limits.ts); default DEFAULT_MAX_WIP */
  maxWip?: number;
}

/** One variant's model and its replications' statistics, in replication order. */
export interface VariantRun {
  name: string; // 'baseline' first
  description: string | null;
  model: Model;
  reps: ReplicationStats[];
  /** the work offered to each team against its capacity, from the scenario (for the instability check) */
  offeredLoad?: LoadWithArrivals[];
}

const PRECISION_METRIC: Record<PrecisionTarget, string> = {
  means: 'flows.*.cycle_time.mean',
  differences: 'comparisons of outcome KPIs',
  both: 'flows.*.cycle_time.mean and comparisons of outcome KPIs',
};

export interface ExperimentOutput {
  runs: VariantRun[];
  workers: number;
  wallSeconds: number;
  precision: PrecisionOutcome | null;
}

export async function runExperiment(set: ScenarioSet, options: ExperimentOptions): Promise<ExperimentOutput> {
  const started = process.hrtime.bigint();
  const variants = experimentVariants(set, options.variants, options.offeredLoads);
  const models = variants.map((v) => v.model);
  const runner = options.runner ?? createRunner(options.workers);
  const reps: ReplicationStats[][] = models.map(() => []);
  let planned = options.replications;
  let done = 0;
  const progress = () => options.onProgress?.(++done, planned * models.length);
  const settings = { seed: options.seed, maxWip: options.maxWip ?? DEFAULT_MAX_WIP };
  const batch = (from: number, to: number) => runBatch(runner, variants, settings, reps, from, to, progress);
  options.onProgress?.(0, planned * models.length); // at once: a long first replication still shows the run has begun
  try {
    await batch(0, planned);
    for (let next = nextRound(models, reps, options); next !== null; next = nextRound(models, reps, options)) {
      await batch(planned, next);
      planned = next;
    }
  } finally {
    if (!options.runner) await runner.close();
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    runs: variants.map((v, i) => ({ name: v.name, description: v.description, model: v.model, reps: reps[i], offeredLoad: v.offeredLoad })),
    workers: runner.workers,
    wallSeconds,
    precision: precisionOutcome(models, reps, options.precision, options.precisionOn, options.interval),
  };
}

/** The experiment's variants in result order (the baseline first), each with its compiled model. */
export function experimentVariants(set: ScenarioSet, chosen: string[] | null, loads = offeredLoadCache()): ExperimentVariant[] {
  return experimentEntries(set, chosen).map((e) => {
    const offeredLoad = loads.withArrivals(e.scenario);
    return { name: e.name, description: e.description, model: compileModel(e.scenario, offeredLoad), offeredLoad };
  });
}

/** The scenarios of the experiment's variants in result order: the baseline, then those of `chosen` (all if null). */
function experimentEntries(set: ScenarioSet, chosen: string[] | null) {
  return [
    { name: 'baseline', description: null, scenario: set.baseline },
    ...set.variants.filter((v) => chosen === null || chosen.includes(v.name)),
  ];
}

/**
 * The tasks of runExperiment's first batch: each of its variants' `replications` (the first round
 * of --precision too). A command that knows it before the experiment starts its pool so large at
 * once (bin/runner.ts firstBatch), while it prepares the batch.
 */
export function firstBatchTasks(set: ScenarioSet, chosen: string[] | null, replications: number): number {
  return experimentEntries(set, chosen).length * replications;
}

export interface ExperimentVariant {
  name: string;
  description: string | null;
  model: Model;
  /** the work offered to each team against its capacity (the analytic instability check) */
  offeredLoad: LoadWithArrivals[];
}

/**
 * The replication count the next round of `--precision` runs to, or null when the
 * experiment is complete. A function of the statistics only, never of the worker count or
 * of where the replications ran, so local, sharded and queued runs take the same steps.
 */
export function nextRound(
  models: Model[],
  reps: ReplicationStats[][],
  options: Pick<ExperimentOptions, 'precision' | 'maxReplications' | 'precisionOn' | 'interval'>,
): number | null {
  const planned = reps[0].length;
  if (options.precision === null || planned >= options.maxReplications) return null;
  const needed = replicationsNeeded(models, reps, options.precision, options.precisionOn ?? 'means', options.interval ?? 't');
  if (needed <= planned) return null;
  // at most 4x per step, since few replications overstate the need
  return Math.min(options.maxReplications, 4 * planned, Math.max(needed, planned + 1));
}

export function precisionOutcome(
  models: Model[],
  reps: ReplicationStats[][],
  precision: number | null,
  on: PrecisionTarget = 'means',
  interval: IntervalMethod = 't',
): PrecisionOutcome | null {
  if (precision === null) return null;
  const planned = reps[0].length;
  const outcome: PrecisionOutcome = {
    target: precision,
    metric: PRECISION_METRIC[on],
    replications_needed: planned,
    met: replicationsNeeded(models, reps, precision, on, interval) <= planned,
    on,
    relative_half_width: relativeHalfWidth(precision),
  };
  // said only under johnson, so that a t run's file stays the one it always was
  if (interval === 'johnson') outcome.interval = 'johnson';
  return outcome;
}

/**
 * The (variant, replication) tasks of replications from..to-1, interleaved so that partial
 * progress is balanced. Shards split this list, so its order is part of the shard format.
 */
export function taskOrder(variants: number, from: number, to: number): [variant: number, replication: number][] {
  const order: [number, number][] = [];
  for (let replication = from; replication < to; replication++) {
    for (let variant = 0; variant < variants; variant++) order.push([variant, replication]);
  }
  return order;
}

/** Replications from..to-1 of every variant, interleaved so that partial progress is balanced. */
async function runBatch(
  runner: Runner,
  variants: { name: string; model: Model }[],
  settings: { seed: number; maxWip: number },
  reps: ReplicationStats[][],
  from: number,
  to: number,
  onDone: () => void,
) {
  const order = taskOrder(variants.length, from, to);
  const results = await runner.run(
    order.map(([v, replication]) => ({ model: variants[v].model, variant: variants[v].name, replication, ...settings })),
    onDone,
  );
  order.forEach(([variant, replication], i) => (reps[variant][replication] = results[i]));
}

/**
 * Law & Kelton's correction: an interval whose half-width is within g/(1+g) of its estimate
 * holds the true value within a relative error g (with the interval's confidence), where a
 * half-width of g would only hold it within g/(1-g).
 */
export function relativeHalfWidth(precision: number): number {
  return precision / (1 + precision);
}

/**
 * The half-width an interval gives its estimate: the larger distance from the estimate to an
 * end. For t's symmetric interval that is (high - low)/2; Johnson's is shifted and stretched to
 * the skew side, and only its far end bounds the error, so a target met on it holds of the
 * interval shown (the true value within the relative error g wherever the interval holds it).
 */
function halfWidthAbout(ci: [number, number], estimate: number, interval: IntervalMethod): number {
  // t's as it always was computed, so that a t run's rounds stay the same to the last bit
  return interval === 't' ? (ci[1] - ci[0]) / 2 : Math.max(estimate - ci[0], ci[1] - estimate);
}

/**
 * The replications that the precision target needs, from the usual n·(h/target)² estimate;
 * the current count when already met. h is the half-width about the estimate (halfWidthAbout)
 * of the interval the run shows: Student's t (ci95), or under `interval` 'johnson' Johnson's
 * (ci95_johnson), so that the target holds of the intervals the reports print (Johnson's is
 * not symmetric about the mean: its far end from the estimate is what the target bounds). Means: every flow's mean cycle time, each variant.
 * Differences: every variant's paired difference from the baseline on each outcome KPI it is
 * compared on, known within the relative precision of itself, or, for a change too small for
 * that, shown to be smaller than the relative precision of the baseline's value (its whole
 * interval inside ±g·baseline), so that a redesign that changes nothing does not run to the cap.
 */
function replicationsNeeded(
  models: Model[],
  reps: ReplicationStats[][],
  precision: number,
  on: PrecisionTarget,
  interval: IntervalMethod,
): number {
  const g = relativeHalfWidth(precision);
  let needed = reps[0].length;
  const n = reps[0].length;
  const need = (count: number) => (needed = Math.max(needed, count));
  if (on !== 'differences') {
    models.forEach((model, v) => {
      const layout = metricLayout(model);
      for (const f of model.flows) {
        const slot = layout.paths.indexOf(`flows.${f.name}.cycle_time.mean`);
        const s = summarize(
          reps[v].map((r) => r.metrics[slot]),
          interval,
        );
        const ci = interval === 'johnson' ? s.ci95_johnson! : s.ci95;
        if (s.mean === null || ci === null) {
          need(n < 2 ? 2 : n); // too few completions to tell: keep what there is
          continue;
        }
        const half = halfWidthAbout(ci, s.mean, interval);
        const target = g * Math.abs(s.mean);
        if (half > target) need(Math.max(Math.ceil(n * (half / target) ** 2), n + 1));
      }
    });
  }
  if (on !== 'means') {
    const basePaths = new Map(metricLayout(models[0]).paths.map((p, i) => [p, i]));
    models.slice(1).forEach((model, i) => {
      metricLayout(model).paths.forEach((path, slot) => {
        const kind = path === null ? null : metricKindOf(path);
        const baseSlot = path === null ? undefined : basePaths.get(path);
        if (kind === null || !kind.compared || kind.role !== 'outcome' || baseSlot === undefined) return;
        const c = pairedComparison(
          reps[0].map((r) => r.metrics[baseSlot]),
          reps[i + 1].map((r) => r.metrics[slot]),
          interval,
        );
        const ci = c === null ? null : interval === 'johnson' ? c.johnson!.ci95 : c.ci95;
        if (c === null || ci === null) return;
        const half = halfWidthAbout(ci, c.delta, interval);
        const relative = g * Math.abs(c.delta);
        // how far the interval reaches out beyond |delta|: its far end from 0, less |delta|
        // (half itself for t's symmetric interval; Johnson's reaches further on its skew side)
        const reach = interval === 't' ? half : Math.max(Math.abs(ci[0]), Math.abs(ci[1])) - Math.abs(c.delta);
        const band = g * Math.abs(c.baseline) - Math.abs(c.delta);
        if (half <= relative || reach <= band) return;
        const counts = [relative > 0 ? n * (half / relative) ** 2 : Infinity, band > 0 ? n * (reach / band) ** 2 : Infinity];
        need(Math.max(Math.ceil(Math.min(...counts, 1e9)), n + 1));
      });
    });
  }
  return needed;
}
