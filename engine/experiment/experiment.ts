// Variants x replications: compile each variant's model, run every (variant, replication)
// with the same seed (common random numbers), and, when asked for a precision, keep adding
// replications until every flow's mean cycle time is known to within it.
import { metricLayout } from '../model/metrics.js';
import { compileModel } from '../model/compile.js';
import type { Model } from '../model/model.js';
import type { ReplicationStats } from '../sim/recorder.js';
import type { ScenarioSet } from '../scenario/types.js';
import { summarize } from '../stats/summary.js';
import type { PrecisionOutcome } from '../results/types.js';
import { createRunner, type Runner } from './runner.js';

export interface ExperimentOptions {
  replications: number;
  seed: number;
  workers: number;
  /** variant names to run besides the baseline; null: all */
  variants: string[] | null;
  /** relative half-width target for every flow's mean cycle time, e.g. 0.05 */
  precision: number | null;
  maxReplications: number;
  onProgress?: (done: number, total: number) => void;
  /** a runner to use (and leave open) instead of one made, and closed, for this experiment */
  runner?: Runner;
}

/** One variant's model and its replications' statistics, in replication order. */
export interface VariantRun {
  name: string; // 'baseline' first
  description: string | null;
  model: Model;
  reps: ReplicationStats[];
}

export interface ExperimentOutput {
  runs: VariantRun[];
  workers: number;
  wallSeconds: number;
  precision: PrecisionOutcome | null;
}

export async function runExperiment(set: ScenarioSet, options: ExperimentOptions): Promise<ExperimentOutput> {
  const started = process.hrtime.bigint();
  const variants = experimentVariants(set, options.variants);
  const models = variants.map((v) => v.model);
  const runner = options.runner ?? createRunner(options.workers);
  const reps: ReplicationStats[][] = models.map(() => []);
  let planned = options.replications;
  let done = 0;
  const progress = () => options.onProgress?.(++done, planned * models.length);
  const batch = (from: number, to: number) => runBatch(runner, variants, options.seed, reps, from, to, progress);
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
    runs: variants.map((v, i) => ({ name: v.name, description: v.description, model: v.model, reps: reps[i] })),
    workers: runner.workers,
    wallSeconds,
    precision: precisionOutcome(models, reps, options.precision),
  };
}

/** The experiment's variants in result order (the baseline first), each with its compiled model. */
export function experimentVariants(set: ScenarioSet, chosen: string[] | null): ExperimentVariant[] {
  const entries = [
    { name: 'baseline', description: null, scenario: set.baseline },
    ...set.variants.filter((v) => chosen === null || chosen.includes(v.name)),
  ];
  return entries.map((e) => ({ name: e.name, description: e.description, model: compileModel(e.scenario) }));
}

export interface ExperimentVariant {
  name: string;
  description: string | null;
  model: Model;
}

/**
 * The replication count the next round of `--precision` runs to, or null when the
 * experiment is complete. A function of the statistics only, never of the worker count or
 * of where the replications ran, so local, sharded and queued runs take the same steps.
 */
export function nextRound(models: Model[], reps: ReplicationStats[][], options: Pick<ExperimentOptions, 'precision' | 'maxReplications'>): number | null {
  const planned = reps[0].length;
  if (options.precision === null || planned >= options.maxReplications) return null;
  const needed = replicationsNeeded(models, reps, options.precision);
  if (needed <= planned) return null;
  // at most 4x per step, since few replications overstate the need
  return Math.min(options.maxReplications, 4 * planned, Math.max(needed, planned + 1));
}

export function precisionOutcome(models: Model[], reps: ReplicationStats[][], precision: number | null): PrecisionOutcome | null {
  if (precision === null) return null;
  const planned = reps[0].length;
  return { target: precision, metric: 'flows.*.cycle_time.mean', replications_needed: planned, met: replicationsNeeded(models, reps, precision) <= planned };
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
  seed: number,
  reps: ReplicationStats[][],
  from: number,
  to: number,
  onDone: () => void,
) {
  const order = taskOrder(variants.length, from, to);
  const results = await runner.run(
    order.map(([v, replication]) => ({ model: variants[v].model, variant: variants[v].name, replication, seed })),
    onDone,
  );
  order.forEach(([variant, replication], i) => (reps[variant][replication] = results[i]));
}

/**
 * The replications that every flow's mean cycle time needs for a relative half-width of
 * `precision`, from the usual n·(h/target)² estimate; the current count when already met.
 */
function replicationsNeeded(models: Model[], reps: ReplicationStats[][], precision: number): number {
  let needed = reps[0].length;
  models.forEach((model, v) => {
    const layout = metricLayout(model);
    const n = reps[v].length;
    for (const f of model.flows) {
      const slot = layout.paths.indexOf(`flows.${f.name}.cycle_time.mean`);
      const s = summarize(reps[v].map((r) => r.metrics[slot]));
      if (s.mean === null || s.ci95 === null) {
        needed = Math.max(needed, n < 2 ? 2 : n); // too few completions to tell: keep what there is
        continue;
      }
      const half = (s.ci95[1] - s.ci95[0]) / 2;
      const target = precision * Math.abs(s.mean);
      if (half > target) needed = Math.max(needed, Math.ceil(n * (half / target) ** 2), n + 1);
    }
  });
  return needed;
}
