// Variants x replications: compile each variant's model, run every (variant, replication)
// with the same seed (common random numbers), and, when asked for a precision, keep adding
// replications until every flow's mean cycle time is known to within it.
import { metricLayout } from '../model/metrics.js';
import { compileModel } from '../model/compile.js';
import { offeredLoad, type ResourceLoad } from '../model/offered-load.js';
import type { Model } from '../model/model.js';
import type { ReplicationStats } from '../sim/recorder.js';
import type { ScenarioSet } from '../scenario/types.js';
import { summarize } from '../stats/summary.js';
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
  /** the work offered to each team against its capacity, from the scenario (for the instability check) */
  offeredLoad?: ResourceLoad[];
}

/** How many replications `--precision` needed, and whether they were enough. */
export interface PrecisionOutcome {
  target: number;
  metric: string;
  replications_needed: number;
  met: boolean;
}

export interface ExperimentOutput {
  runs: VariantRun[];
  workers: number;
  wallSeconds: number;
  precision: PrecisionOutcome | null;
}

export async function runExperiment(set: ScenarioSet, options: ExperimentOptions): Promise<ExperimentOutput> {
  const started = process.hrtime.bigint();
  const chosen = set.variants.filter((v) => options.variants === null || options.variants.includes(v.name));
  const entries = [{ name: 'baseline', description: null, scenario: set.baseline }, ...chosen];
  const models = entries.map((e) => compileModel(e.scenario));
  const runner = options.runner ?? createRunner(options.workers);
  const reps: ReplicationStats[][] = models.map(() => []);
  let planned = options.replications;
  let done = 0;
  const progress = () => options.onProgress?.(++done, planned * models.length);
  const variants = entries.map((e, v) => ({ name: e.name, model: models[v] }));
  const batch = (from: number, to: number) => runBatch(runner, variants, options.seed, reps, from, to, progress);
  try {
    await batch(0, planned);
    while (options.precision !== null && planned < options.maxReplications) {
      const needed = replicationsNeeded(models, reps, options.precision);
      if (needed <= planned) break;
      // A function of the statistics only, never of the worker count, so results stay the same
      // whatever the machine; at most 4x per step, since few replications overstate the need.
      const next = Math.min(options.maxReplications, 4 * planned, Math.max(needed, planned + 1));
      await batch(planned, next);
      planned = next;
    }
  } finally {
    if (!options.runner) await runner.close();
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    runs: entries.map((e, v) => ({ name: e.name, description: e.description, model: models[v], reps: reps[v], offeredLoad: offeredLoad(e.scenario) })),
    workers: runner.workers,
    wallSeconds,
    precision:
      options.precision === null
        ? null
        : {
            target: options.precision,
            metric: 'flows.*.cycle_time.mean',
            replications_needed: planned,
            met: replicationsNeeded(models, reps, options.precision) <= planned,
          },
  };
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
  const order: [variant: number, replication: number][] = [];
  for (let replication = from; replication < to; replication++) {
    for (let variant = 0; variant < variants.length; variant++) order.push([variant, replication]);
  }
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
