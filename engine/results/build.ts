// Per-replication statistics (ordered by variant, then replication) -> results.json.
// Every number is a pure function of the ordered inputs, so the worker count cannot change it.
import { record, recordFrom } from '../records.js';
import { rollupByEtom } from './etom-rollup.js';
import type { VariantRun } from '../experiment/experiment.js';
import { metricKindOf, parseMetricPath } from '../model/metric-catalogue.js';
import type { Model } from '../model/model.js';
import { comparePairedWithP, ReplicationValues } from './per-replication.js';
import { metricLayout } from '../model/metrics.js';
import { QUANTILE_POINTS, type ReplicationStats } from '../sim/replication-summary.js';
import { holmRejects } from '../stats/holm.js';
import { summarize, type IntervalMethod } from '../stats/summary.js';
import { instabilities } from './instability.js';
import { slowSettling } from './relaxation.js';
import { shortPercentileWindows } from './percentile-window.js';
import { isOutcome } from './outcome-family.js';
import type { ScenarioSet } from '../scenario/types.js';
import { inputsAgainst } from './inputs.js';
import { DEFAULT_RUN_START } from '../scenario/run-start.js';
import { HOURS_PER_WEEK } from '../week.js';
import type {
  ChartData,
  Comparison,
  PendingRound,
  PrecisionOutcome,
  Results,
  VariantBlock,
  WarmupCheck,
  Warning,
  WorkingDaysSlaBlock,
} from './types.js';
import { warmupAssessment } from './warmup-check.js';
import { type AssessedBlock, collectWarnings, nameWarnings } from './warnings.js';
import { nameClashes, variantNameClashes } from '../scenario/name-clashes.js';

export interface ResultsInput {
  scenario: string;
  description: string | null;
  version: string;
  seed: number;
  workers: number;
  wallSeconds: number;
  runs: VariantRun[];
  precision: PrecisionOutcome | null;
  /** a merge of shards' round after which the precision needs another (merge's next-round.json): its warning advises it */
  pendingRound?: PendingRound | null;
  /** the scenarios run (baseline and variants by name): their inputs go into results.json for the reports */
  set?: ScenarioSet;
  /** 'johnson': Johnson's modified-t intervals beside the t ones (ci95_johnson); Student's t alone by default */
  interval?: IntervalMethod;
}

export function buildResults(input: ResultsInput): Results {
  const interval = input.interval ?? 't';
  const variants = record<VariantBlock>();
  for (const run of input.runs) variants[run.name] = variantBlock(run, interval);
  const baseline = input.runs[0];
  const set = input.set;
  if (set) {
    const inputsOf = inputsAgainst(set.baseline);
    for (const run of input.runs) {
      const scenario = run.name === 'baseline' ? set.baseline : set.variants.find((v) => v.name === run.name)?.scenario;
      if (scenario) variants[run.name].inputs = inputsOf(scenario);
    }
  }
  // after the inputs: the cost warning reads which teams were given a cost (inputs' cost_given)
  const comparisons = input.runs.slice(1).flatMap((run) => compare(baseline, run, interval));
  const { check, warnings } = assessRuns(
    input.runs,
    variants,
    interval,
    input.precision,
    set?.baseline.currency ?? null,
    comparisons,
    input.pendingRound ?? null,
  );
  // the reports label names (a row "field techs" for field_techs and field-techs): validate's warning, kept with the numbers
  const names = set
    ? [
        ...nameWarnings(
          nameClashes(
            set.baseline,
            set.variants.map((v) => v.name),
          ),
        ),
        ...variantNameClashes(set.baseline, set.variants).map((c) => ({ ...nameWarnings([c])[0], variant: c.variant })),
      ]
    : [];
  return {
    format: 1,
    scenario: input.scenario,
    description: input.description,
    engine: {
      name: 'etomsim',
      version: input.version,
      seed: input.seed,
      replications: baseline.reps.length,
      workers: input.workers,
      timing: { wall_s: round(input.wallSeconds, 3), events: input.runs.reduce((n, r) => n + r.reps.reduce((m, s) => m + s.events, 0), 0) },
    },
    ...(set
      ? {
          time_unit: set.baseline.timeUnit,
          currency: set.baseline.currency ?? null,
          start: (set.baseline.run.start ?? DEFAULT_RUN_START).text,
        }
      : {}),
    horizon: baseline.model.horizon,
    warmup: baseline.model.warmup,
    slas: recordFrom(baseline.model.flows.filter((f) => !Number.isNaN(f.sla)).map((f) => [f.name, f.sla])),
    ...workingDaySlas(baseline.model),
    precision: input.precision,
    interval,
    warmup_check: check,
    warnings: [...warnings, ...names],
    variants,
    comparisons,
  };
}

/**
 * The warm-up check of these runs and every warning of them (results.json's `warmup_check` and
 * `warnings`), from their blocks: what `run` writes, and what `bottlenecks` says of its runs.
 */
export function assessRuns(
  runs: readonly VariantRun[],
  variants: Record<string, AssessedBlock>,
  interval: IntervalMethod,
  precision: PrecisionOutcome | null,
  /** the scenario's currency, which the cost warning names; null without one */
  currency: string | null = null,
  comparisons: readonly Comparison[] = [],
  /** the round a merge of shards still needs for the precision (merge's next-round.json); null: none */
  pendingRound: PendingRound | null = null,
): { check: WarmupCheck; warnings: Warning[] } {
  const unstable = instabilities(runs);
  const { check, confirmedSuggestions, unjudged, settling } = warmupAssessment(runs);
  // Without a steady state there is nothing for a warm-up to reach.
  if (unstable.length > 0) check.sufficient = false;
  const warnings = collectWarnings({
    variants,
    instabilities: unstable,
    warmupCheck: check,
    confirmedSuggestions,
    settling,
    unjudged,
    slow: slowSettling(runs),
    shortPercentiles: shortPercentileWindows(runs),
    precision,
    pendingRound,
    interval,
    replications: runs[0].reps.length,
    models: runs,
    currency,
    comparisons,
  });
  return { check, warnings };
}

/** One variant's block of results.json: every metric summarised, its replications, roll-ups and chart data. */
export function variantBlock(run: VariantRun, interval: IntervalMethod = 't'): VariantBlock {
  const layout = metricLayout(run.model);
  const { etom, verticals } = rollupByEtom(run.model, run.reps, interval);
  const block: VariantBlock = {
    description: run.description,
    flows: record(),
    resources: record(),
    bottlenecks: { primary: null, ranking: [] },
    etom,
    verticals,
    replications: record(),
    charts: chartData(run),
  };
  layout.paths.forEach((path, slot) => {
    if (path === null) return;
    const values = run.reps.map((r) => r.metrics[slot]);
    setPath(block as unknown as Record<string, unknown>, path, summarize(values, interval));
    block.replications[path] = values.map((v) => (Number.isNaN(v) ? null : v));
  });
  for (const f of run.model.flows) block.flows[f.name].nodes ??= record();
  block.bottlenecks = bottleneckRanking(block);
  return block;
}

/** Teams by their share of time as the sole or shifting bottleneck, the largest first. */
function bottleneckRanking(block: VariantBlock): VariantBlock['bottlenecks'] {
  const share = (name: string) => (block.resources[name].bottleneck.sole.mean ?? 0) + (block.resources[name].bottleneck.shifting.mean ?? 0);
  const ranking = Object.keys(block.resources)
    .sort((a, b) => share(b) - share(a)) // stable: ties keep the scenario's order of teams
    .map((resource) => {
      const r = block.resources[resource];
      return { resource, sole: r.bottleneck.sole, shifting: r.bottleneck.shifting, wait_share: r.wait_share, utilization: r.utilization };
    });
  return { primary: ranking.length > 0 && share(ranking[0].resource) > 0 ? ranking[0].resource : null, ranking };
}

function chartData(run: VariantRun): ChartData {
  const { model, reps } = run;
  const bins = model.seriesBins;
  const seriesOf = (i: number) => reps.map((r) => Array.from(r.series.subarray(i * bins, (i + 1) * bins), (v) => round(v, 6)));
  const nf = model.flows.length;
  return {
    bin_hours: model.seriesBinHours,
    throughput_per_day: recordFrom(model.flows.map((f, i) => [f.name, seriesOf(i)])),
    queue_length: recordFrom(model.resources.map((r, i) => [r.name, seriesOf(nf + i)])),
    bottleneck_share: recordFrom(model.resources.map((r, i) => [r.name, seriesOf(nf + model.resources.length + i)])),
    cycle_time_percentiles: recordFrom(model.flows.map((f, i) => [f.name, averagePercentiles(reps, i)])),
    queue_length_hour_of_week: recordFrom(
      model.resources.map((r, i) => [
        r.name,
        reps.map((rep) =>
          Array.from(rep.queueByHourOfWeek.subarray(i * HOURS_PER_WEEK, (i + 1) * HOURS_PER_WEEK), (v) =>
            Number.isNaN(v) ? null : round(v, 6),
          ),
        ),
      ]),
    ),
  };
}

/** Percentile by percentile, the mean over replications that completed cases (Vincentisation). */
function averagePercentiles(reps: ReplicationStats[], flow: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let q = 0; q < QUANTILE_POINTS; q++) {
    out.push(summarize(reps.map((r) => r.quantiles[flow * QUANTILE_POINTS + q])).mean);
  }
  return out;
}

/**
 * The run against the baseline on every compared metric both report, in the run's slot order;
 * significant_adjusted by Holm within the run's outcome family on the paired-t p-values (the test
 * behind ci95), and under Johnson's intervals significant_adjusted_johnson on Johnson's family p-values (the test behind
 * ci95_johnson, never more liberal than it with the skewness damped: paired.ts JohnsonTest.familyP), true only where
 * ci95_johnson excludes 0: an adjusted significance rests on the test of the interval beside it.
 */
function compare(baseline: VariantRun, run: VariantRun, interval: IntervalMethod): Comparison[] {
  const base = new ReplicationValues(baseline);
  const values = new ReplicationValues(run);
  const paired = pairedLines(baseline.model, run.model);
  const tested = values.paths.flatMap((path) => {
    const c = metricKindOf(path)?.compared && paired(path) ? comparePairedWithP(base, values, path, interval) : null;
    return c === null ? [] : [c];
  });
  const family = tested.filter((t) => isOutcome(t.comparison.metric));
  holmRejects(family.map((t) => t.p)).forEach(
    (rejected, i) => (family[i].comparison.significant_adjusted = rejected && family[i].comparison.significant),
  );
  if (interval === 'johnson')
    holmRejects(family.map((t) => t.pJohnson!)).forEach(
      (rejected, i) => (family[i].comparison.significant_adjusted_johnson = rejected && family[i].comparison.significant_johnson!),
    );
  return tested.map((t) => t.comparison);
}

/**
 * Whether a metric of both runs is paired. A shift's line (`resources.T.shifts.S.STAT`) is named
 * by the shift's index in the roster, so it means the same shift in both runs only when the
 * team's shifts keep their hours (their capacities may differ: staff moved between shifts). A
 * variant that redraws the shifts has lines of other hours under the same keys: not paired.
 * Every other metric: true. The teams that keep their hours are found once per pair of runs.
 */
function pairedLines(a: Model, b: Model): (path: string) => boolean {
  const hours = (m: Model, team: string) => JSON.stringify(m.resources.find((r) => r.name === team)?.shifts ?? null);
  const kept = new Set(b.resources.filter((r) => r.shifts !== null && hours(a, r.name) === hours(b, r.name)).map((r) => r.name));
  return (path) => {
    const p = parseMetricPath(path);
    return p?.scope !== 'shift' || kept.has(p.owner);
  };
}

/** Objects along the path are made as needed, without a prototype: its parts are user names. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= record();
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** etomsim addition: the flows whose sla is in working days of a calendar (`sla_working_days`), none: no key (files as before). */
function workingDaySlas(model: Model): { sla_working_days?: Record<string, WorkingDaysSlaBlock> } {
  const flows = model.flows.filter((f) => f.slaDays > 0);
  if (flows.length === 0) return {};
  return {
    sla_working_days: recordFrom(flows.map((f) => [f.name, { working_days: f.slaDays, calendar: model.calendarNames[f.slaCalendar] }])),
  };
}
