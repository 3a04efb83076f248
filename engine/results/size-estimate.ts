// How large results.json can be, bounded before any replication runs: results.json is one
// JSON text (JSON.stringify(results, null, 2)), built as one string, and it keeps every
// replication of every variant (the per-replication values and the charts' series). V8's
// longest string is 2^29 - 24 characters (~512 MiB); past it the run simulated for minutes and
// then failed writing ("Invalid string length"). `etomsim report` and `merge` read at most
// MAX_BYTES.results (256 MiB), so that is the most a run may write: half of V8's limit, a
// margin that also covers a text's UTF-16 length never exceeding its UTF-8 bytes.
//
// Invariant: `bytes` is an upper bound of results.json's UTF-8 length for the models and
// replications given, whatever the simulated values. Every line is counted at its
// indentation, every number at the widest it can print (a double: 25 characters, as in
// -0.0000012345678901234567; a chart value, rounded to 6 decimals: 23; a share of a bin
// rounded so: 8, as in 0.999999); names at their JSON bytes; the warnings' texts at an
// allowance above their longest (test/results/size-estimate.test.ts holds it to runs of the
// bundled scenarios: never below the file, never more than 3 times it per replication).
// resultsSizeBound is a looser bound of this one from counts, which a command asks first: a run
// it puts under the limits needs no estimate (bin/results-size.ts).
//
// results.json's layout is written once, as a table of parts (RUN_PARTS, VARIANT_PARTS): the
// keys each holds and its bytes from a shape, the counts and sizes of what it repeats (names,
// metric paths, flows, teams, bins). The estimate weighs the table on each variant's model, the
// bound on counts no smaller; a field results.json gains is a part's key and term, or
// test/results/size-estimate.test.ts finds a key of a run's file that no part names.
import { compileLayout, seriesBinsOf } from '../model/compile.js';
import { CATALOGUE, metricKindOf, OFF_SHIFT, SERIES_KINDS } from '../model/metric-catalogue.js';
import { metricLayout } from '../model/metrics.js';
import { MAX_BYTES } from '../io/input-file.js';
import type { Scenario, ScenarioSet } from '../scenario/types.js';
import { inputsAgainst } from './inputs.js';
import { largest } from '../lists.js';
import { wholeNumber } from '../number-format.js';
import { counted } from '../plural.js';
import { HOURS_PER_WEEK } from '../week.js';

/** The most results.json may hold: what `etomsim report` and `merge` read (engine/io/read-text.ts). */
export const MAX_RESULTS_BYTES = MAX_BYTES.results;

/** engine/sim's (replication-summary.ts), not imported: `validate` checks the bound and loads no simulation (test/bin/lazy-loading.test.ts); the test of this file holds them equal. */
export const QUANTILE_POINTS = 101;

/** The widest a double prints in JSON (sign, "0.", five zeros, 17 digits). */
const NUMBER = 25;
/** The widest a chart value prints: rounded to 6 decimals (results/build.ts), or in exponent form past 1e21. */
const CHART_NUMBER = 23;
/** A share of a bin rounded to 6 decimals: 0.999999. */
const CHART_SHARE = 8;
/** The longest unit replications.csv names: 'cost units' (reports/units.ts' unitName; a currency is three letters). */
const CSV_UNIT = 10;
/** A count (n of a STAT): a safe integer. */
const COUNT = 16;
/** null */
const NULL = 4;
/** An eTOM process's catalogue name and vertical, at most (engine/etom/catalog.json's longest is far shorter). */
const CATALOGUE_TEXT = 400;
/** A warning's message without the names and paths it quotes (the longest, slow settling, is about 1,000 characters). */
const WARNING_TEXT = 1_600;

export interface SizeEstimate {
  /** upper bound of results.json's bytes */
  bytes: number;
  /** what does not grow with the replications: summaries, comparisons, inputs, warm-up check, warnings */
  fixed: number;
  /** per variant, in run order: the bytes each replication adds (its values and its charts' series) */
  perReplication: number[];
  replications: number;
  variants: number;
  /** upper bound of the report's replications.csv (a line per value of every replication), when the report writes it; else 0 */
  csvBytes: number;
  /** per variant: the bytes each replication adds to replications.csv (0 without it) */
  csvPerReplication: number[];
  /**
   * the values the report's charts draw from the variants' series (reports/report-size.ts'
   * chartValues but the comparisons): `fixed` (the cycle-time percentiles) plus `perReplication`
   * (throughput, queue length, bottleneck share per bin; the queue length per hour of the week of the
   * variants the report's heatmap draws, SERIES_KINDS' drawnVariants a team) a replication
   */
  chartValues: { fixed: number; perReplication: number };
}

export interface SizeInput {
  set: ScenarioSet;
  /** the variants run besides the baseline; null: every one */
  chosen: readonly string[] | null;
  replications: number;
  /** run --sensitivity: a ranking of one more unit per team in results.json */
  sensitivity?: boolean;
  /** the report's CSV tables are written (replications.csv holds a line per value) */
  csv?: boolean;
  /** run --interval johnson: every STAT and comparison also holds Johnson's interval (ci95_johnson, significant_johnson, ...) */
  johnson?: boolean;
}

/**
 * How many times a part of results.json repeats at each size (a name's JSON bytes, a metric
 * path's; a stat's key and its depth): for the estimate, what its model has, an entry per size
 * met; for the bound, one entry at a size no smaller than any of the estimate's, at least as
 * many times as it has in all.
 */
class Sizes {
  count = 0;
  /** the one size and depth met while there is one (the bound's always): no map to make or walk (`validate` weighs the bound alone) */
  private size = 0;
  private depth = 0;
  /** size + depth * 2^32 -> how many, once a second size is met */
  private more: Map<number, number> | null = null;

  static of(count: number, size: number, depth = 0): Sizes {
    return new Sizes().add(size, depth, count);
  }

  add(size: number, depth = 0, times = 1): this {
    if (times === 0) return this;
    if (this.more === null && (this.count === 0 || (size === this.size && depth === this.depth))) {
      this.size = size;
      this.depth = depth;
    } else {
      this.more ??= new Map([[this.size + this.depth * DEPTH, this.count]]);
      const key = size + depth * DEPTH;
      this.more.set(key, (this.more.get(key) ?? 0) + times);
    }
    this.count += times;
    return this;
  }

  /** The bytes of all the repeats, each at `bytes` of its size and depth. */
  sum(bytes: (size: number, depth: number) => number): number {
    if (this.more === null) return this.count === 0 ? 0 : this.count * bytes(this.size, this.depth);
    let total = 0;
    this.more.forEach((times, key) => {
      total += times * bytes(key % DEPTH, Math.floor(key / DEPTH));
    });
    return total;
  }
}

const DEPTH = 2 ** 32;
const NONE = new Sizes();

/** What the parts of results.json outside the variants' blocks weigh by: names' JSON bytes, counts. */
interface RunShape {
  scenario: number;
  description: number;
  /** the baseline's flows' names (slas) */
  flows: Sizes;
  /** the names of the flows whose sla is in working days, and their calendars' */
  workingDaySlas: Sizes;
  slaCalendars: Sizes;
  johnson: boolean;
  /** run --sensitivity: the baseline's flows' and teams' names, the longest flow's; null without it */
  sensitivity: { flows: Sizes; teams: Sizes; longestFlow: number } | null;
}

/** What a variant's parts of results.json (its block, its comparisons, warnings and warm-up series) weigh by. */
interface VariantShape {
  name: number;
  description: number;
  johnson: boolean;
  /** its flows' and teams' names, the longest team's, the longest of both */
  flows: Sizes;
  teams: Sizes;
  /** its milestone KPIs, over all its flows */
  kpis: number;
  longestTeam: number;
  longestSeriesKey: number;
  /** eTOM: processes, the tagged nodes (their flow's and their own name together), 1 when a flow may cancel */
  processes: number;
  tagged: Sizes;
  cancellable: number;
  /** a STAT per metric path (its last key, at its depth), the objects holding them (their key, at their depth) */
  stats: Sizes;
  opened: Sizes;
  /** the metric paths, those compared with the baseline (none for the baseline), the outcomes among them, the longest */
  paths: Sizes;
  compared: Sizes;
  outcomes: number;
  longestPath: number;
  /** the series' bins, the hours of the week the window reaches */
  bins: number;
  hoursReached: number;
  /** its inputs' text at the block's depth */
  inputs: number;
  /** replications.csv: the digits of the replications' count */
  digits: number;
}

/**
 * One part of results.json, or of the report's replications.csv: the keys it holds (dotted;
 * `*` any one key, a name or a metric path; `[]` an array's items; a key's parents are held
 * with it; `**` everything below) and its bytes, from a shape. Every term grows with each size,
 * depth and count of the shape, so the bound's shape, no smaller anywhere than the estimate's,
 * gives no smaller a term (resultsSizeBound's invariant).
 */
interface Part<S> {
  /** a getter where they are made (from the catalogue, a STAT's keys): only the tests read them, not a command */
  readonly keys: readonly string[];
  /** what does not grow with the replications */
  fixed?: (s: S) => number;
  /** what each replication adds */
  perReplication?: (s: S) => number;
  /** what each replication adds to replications.csv (a line per value) */
  csvPerReplication?: (s: S) => number;
}

/** A STAT's keys, as statBytes counts them. */
const STAT_KEYS = ['mean', 'sd', 'n', 'ci95', 'ci95_johnson'];

/** `prefix` and its STAT's keys. */
function statKeys(...prefixes: string[]): string[] {
  return prefixes.flatMap((prefix) => STAT_KEYS.map((key) => `${prefix}.${key}`));
}

/** A comparison's keys (comparisonBytes). */
const COMPARISON_KEYS = [
  'variant',
  'against',
  'metric',
  'baseline',
  'value',
  'delta',
  'delta_pct',
  'ci95',
  'significant',
  'delta_pct_ci95',
  'significant_adjusted',
  'ci95_johnson',
  'significant_johnson',
  'significant_adjusted_johnson',
  'delta_pct_ci95_johnson',
];

/** results.json's parts outside the variants' own, each once. */
const RUN_PARTS: readonly Part<RunShape>[] = [
  {
    // the run's settings and the sections' keys: an allowance (`precision` names a metric path; the warm-up check's
    // flags and a variant's own warm-up are numbers), its texts' names
    keys: [
      'format',
      'scenario',
      'description',
      'engine.name',
      'engine.version',
      'engine.seed',
      'engine.replications',
      'engine.workers',
      'engine.timing.wall_s',
      'engine.timing.events',
      'time_unit',
      'currency',
      'start',
      'horizon',
      'warmup',
      'precision.target',
      'precision.metric',
      'precision.replications_needed',
      'precision.met',
      'precision.on',
      'precision.relative_half_width',
      'precision.interval',
      'interval',
      'warmup_check.warmup',
      'warmup_check.suggested_warmup',
      'warmup_check.sufficient',
      'warmup_check.bin_hours',
      'warmup_check.batch_hours',
      'warmup_check.warmups.*',
      'warmup_check.judged',
      'warnings',
      'variants',
      'comparisons',
    ],
    fixed: (s) => 4_096 + s.scenario + s.description,
  },
  { keys: ['slas.*'], fixed: (s) => s.flows.sum((name) => line(2, name + 2 + NUMBER)) },
  {
    // per such flow its name, working_days and its calendar's name
    keys: ['sla_working_days.*.working_days', 'sla_working_days.*.calendar'],
    fixed: (s) => s.workingDaySlas.sum((name) => 4 * line(3, name + 2 + NUMBER)) + s.slaCalendars.sum((calendar) => calendar),
  },
  {
    // run --sensitivity's ranking: per team, its +1 against the base on each flow's mean and p90 cycle time
    // (the comparison's variant "+1 TEAM", 3 bytes more than the team's name; its path flows.F.cycle_time.mean, 22 more than the flow's)
    get keys() {
      return [
        'sensitivity.[].resource',
        'sensitivity.[].capacity',
        'sensitivity.[].added_cost_per_week',
        'sensitivity.[].cost_given',
        'sensitivity.[].key_flow',
        ...['mean', 'p90'].flatMap((cut) => COMPARISON_KEYS.map((key) => `sensitivity.[].flows.*.${cut}.${key}`)),
      ];
    },
    fixed: ({ sensitivity: s, johnson }) =>
      s === null
        ? 0
        : 2 * line(1, 20) +
          s.teams.sum(
            (team) =>
              2 * line(2, 1) +
              line(3, 12 + team) +
              2 * line(3, 25 + NUMBER) +
              2 * line(3, 12 + s.longestFlow) +
              s.flows.sum((flow) => 2 * line(4, flow + 3) + 2 * (line(5, 8) + comparisonBytes(team + 3, flow + 22, 5, johnson))),
          ),
  },
];

/** Where each scope's metrics sit in a variant's block. */
const METRIC_KEYS: Record<keyof typeof CATALOGUE, string> = {
  flow: 'variants.*.flows.*',
  kpi: 'variants.*.flows.*.kpis.*',
  node: 'variants.*.flows.*.nodes.*',
  served: 'variants.*.flows.*.nodes.*.served_by.*',
  resource: 'variants.*.resources.*',
  shift: 'variants.*.resources.*.shifts.*',
};

/** An array of `length` values of `width` characters at most, inside a series' object. */
function series(length: number, width: number): number {
  return line(6, 1) + length * line(7, width) + line(6, 1);
}

/** Each variant's parts of results.json and replications.csv, each once. */
const VARIANT_PARTS: readonly Part<VariantShape>[] = [
  {
    // its key in `variants`, its description
    keys: ['variants.*.description'],
    fixed: (v) => 2 * line(2, v.name + 3) + line(3, 15 + v.description),
  },
  {
    // a STAT per metric path, and the objects that hold them (flows.F, flows.F.nodes.N, ...); a flow's nodes and kpis' keys
    get keys() {
      return [
        ...Object.entries(CATALOGUE).flatMap(([scope, kinds]) =>
          Object.values(kinds).flatMap((kind) => statKeys(`${METRIC_KEYS[scope as keyof typeof CATALOGUE]}.${kind.stat}`)),
        ),
        'variants.*.flows.*.nodes',
        'variants.*.flows.*.kpis',
      ];
    },
    fixed: (v) =>
      v.stats.sum((key, depth) => statBytes(depth, key, v.johnson)) +
      v.opened.sum((key, depth) => line(depth, key + 3) + line(depth, 1)) +
      v.flows.sum((flow) => line(4, flow + 3) + line(5, 12)),
  },
  {
    // bottlenecks: primary and a ranking entry per team
    get keys() {
      return [
        'variants.*.bottlenecks.primary',
        'variants.*.bottlenecks.ranking.[].resource',
        ...statKeys(...['sole', 'shifting', 'wait_share', 'utilization'].map((stat) => `variants.*.bottlenecks.ranking.[].${stat}`)),
      ];
    },
    fixed: (v) =>
      4 * line(3, 20) +
      line(4, 11 + v.longestTeam) +
      v.teams.sum((team) => 2 * line(5, 1) + line(6, 12 + team) + 4 * statBytes(6, 14, v.johnson)),
  },
  {
    // etom: at most one process per node, each with six STATs and its nodes; verticals: four STATs each (a process per
    // distinct tag at most: results/etom-rollup.ts groups the tagged nodes by the process their tag names); cut_visits,
    // cut_service_hours, cut_cost on each process and vertical, when a flow may cancel
    get keys() {
      return [
        'variants.*.etom.*.name',
        'variants.*.etom.*.level',
        'variants.*.etom.*.vertical',
        'variants.*.etom.*.nodes',
        ...statKeys(
          ...['visits', 'wait_hours', 'service_hours', 'cost', 'wait', 'service', 'cut_visits', 'cut_service_hours', 'cut_cost'].map(
            (stat) => `variants.*.etom.*.${stat}`,
          ),
        ),
        ...statKeys(
          ...['visits', 'wait_hours', 'service_hours', 'cost', 'cut_visits', 'cut_service_hours', 'cut_cost'].map(
            (stat) => `variants.*.verticals.*.${stat}`,
          ),
        ),
      ];
    },
    fixed: (v) =>
      4 * line(3, 12) +
      v.processes * (2 * line(4, 30) + 3 * line(5, 12 + CATALOGUE_TEXT) + 6 * statBytes(5, 15, v.johnson) + 2 * line(5, 12)) +
      v.tagged.sum((names) => line(6, names)) +
      (v.processes + 1) * (2 * line(4, CATALOGUE_TEXT) + 4 * statBytes(5, 15, v.johnson)) +
      v.cancellable * (2 * v.processes + 1) * 3 * statBytes(5, 17, v.johnson),
  },
  {
    // replications: its brackets, a key and brackets per path; a value per path each replication (a line of replications.csv)
    keys: ['variants.*.replications.*'],
    fixed: (v) => 2 * line(3, 20) + v.paths.sum((path) => line(4, path + 3) + line(4, 1)),
    perReplication: (v) => v.paths.sum(() => line(5, NUMBER)),
    // variant,replication,metric,value,unit: a name quoted and escaped is at most its JSON text and an apostrophe; the unit CSV_UNIT
    csvPerReplication: (v) => v.paths.sum((path) => v.name + 1 + v.digits + 1 + NUMBER + 4 + path + 1 + CSV_UNIT),
  },
  {
    // charts: their keys and brackets, bin_hours, and the percentiles averaged over the replications; each replication a
    // flow's throughput, a team's queue length and bottleneck share per bin, and its hour of the week (null where the
    // window reaches no time)
    keys: [
      'variants.*.charts.bin_hours',
      'variants.*.charts.throughput_per_day.*',
      'variants.*.charts.queue_length.*',
      'variants.*.charts.bottleneck_share.*',
      'variants.*.charts.cycle_time_percentiles.*',
      'variants.*.charts.queue_length_hour_of_week.*',
    ],
    fixed: (v) =>
      12 * line(3, 30) +
      line(4, 12 + NUMBER) +
      (v.flows.count + 3 * v.teams.count) * (line(5, 3 + v.longestSeriesKey) + line(5, 1)) +
      v.flows.sum((flow) => line(5, flow + 3) + QUANTILE_POINTS * line(6, NUMBER) + line(5, 1)),
    perReplication: (v) =>
      v.flows.sum(() => series(v.bins, CHART_NUMBER)) +
      v.teams.sum(
        () =>
          series(v.bins, CHART_NUMBER) +
          series(v.bins, CHART_SHARE) +
          line(6, 1) +
          v.hoursReached * line(7, CHART_NUMBER) +
          (HOURS_PER_WEEK - v.hoursReached) * line(7, NULL) +
          line(6, 1),
      ),
  },
  { keys: ['variants.*.inputs.**'], fixed: (v) => line(3, 10) + v.inputs },
  {
    // warmup_check: its suggestions and Welch series (a flow's cycle time, a team's queue length), under the variant's name
    keys: [
      'warmup_check.suggested.*.*',
      'warmup_check.series.*.*.truncation',
      'warmup_check.series.*.*.transient',
      'warmup_check.series.*.*.averaged',
    ],
    fixed: (v) =>
      (v.flows.count + v.teams.count) *
        (line(3, v.longestPath + 3) + 3 * line(4, 16 + NUMBER) + v.bins * line(5, NUMBER) + 2 * line(3, 1)) +
      2 * line(3, v.name) +
      v.flows.count * line(4, v.longestPath + 2 + NUMBER) +
      2 * line(2, v.name + 3),
  },
  {
    // warnings, each kind at most once per subject: unstable and slow settling per team, Welch per series, MSER,
    // censored and a low p95 per flow, a low p95 per milestone KPI, skewed per outcome metric
    keys: ['warnings.[].code', 'warnings.[].variant', 'warnings.[].subject', 'warnings.[].message'],
    fixed: (v) =>
      (3 * v.teams.count + 4 * v.flows.count + v.kpis + v.outcomes) *
      (2 * line(2, 1) +
        line(3, 12 + 12) +
        line(3, 11 + v.name) +
        line(3, 11 + v.longestPath) +
        line(3, 11 + WARNING_TEXT + 4 * v.longestPath)),
  },
  {
    // comparisons: every compared path of a variant against the baseline's
    get keys() {
      return COMPARISON_KEYS.map((key) => `comparisons.[].${key}`);
    },
    fixed: (v) => v.compared.sum((path) => comparisonBytes(v.name, path, 2, v.johnson)),
  },
];

/** Every key results.json may hold, as RUN_PARTS and VARIANT_PARTS name them (test/results/size-estimate.test.ts holds runs' files to them). */
export function resultsKeys(): string[] {
  return [...RUN_PARTS, ...VARIANT_PARTS].flatMap((part) => part.keys);
}

/** The parts' bytes for a run of these shapes: `fixed`, and per variant what a replication adds to results.json and to replications.csv. */
function weigh(run: RunShape, variants: readonly VariantShape[], csv: boolean) {
  let fixed = 0;
  for (const part of RUN_PARTS) fixed += part.fixed?.(run) ?? 0;
  const perReplication: number[] = [];
  const csvPerReplication: number[] = [];
  for (const v of variants) {
    let bytes = 0;
    let csvBytes = 0;
    for (const part of VARIANT_PARTS) {
      fixed += part.fixed?.(v) ?? 0;
      bytes += part.perReplication?.(v) ?? 0;
      if (csv) csvBytes += part.csvPerReplication?.(v) ?? 0;
    }
    perReplication.push(bytes);
    csvPerReplication.push(csvBytes);
  }
  return { fixed, perReplication, csvPerReplication };
}

/** The bound for a run of `set` (its baseline first, then the chosen variants) with this many replications. */
export function resultsSizeEstimate(input: SizeInput): SizeEstimate {
  try {
    return estimate(input);
  } finally {
    jsonBytes.clear();
  }
}

/** The variants a run of `input` runs: the baseline first, then the chosen ones. */
function runsOf(input: SizeInput): { name: string; description: string | null; scenario: Scenario }[] {
  const { set } = input;
  return [
    { name: 'baseline', description: set.baseline.description, scenario: set.baseline },
    ...set.variants.filter((v) => input.chosen === null || input.chosen.includes(v.name)),
  ];
}

function estimate(input: SizeInput): SizeEstimate {
  const { set, replications } = input;
  const johnson = input.johnson ?? false;
  const runs = runsOf(input);
  // one model at a time, only the baseline's kept: 10,000 nodes x 7 models held at once cost a
  // `validate` more in garbage collection than compiling them
  const baseline = compileLayout(set.baseline);
  const names = (list: readonly { name: string }[]) => list.reduce((sizes, { name }) => sizes.add(json(name)), new Sizes());
  const workingDays = set.baseline.flows.filter((f) => f.slaWorkingDays);
  const run: RunShape = {
    scenario: json(set.baseline.name),
    description: json(set.baseline.description),
    flows: names(baseline.flows),
    workingDaySlas: names(workingDays),
    slaCalendars: workingDays.reduce((sizes, f) => sizes.add(json(f.slaWorkingDays!.calendar)), new Sizes()),
    johnson,
    sensitivity: input.sensitivity
      ? {
          flows: names(baseline.flows),
          teams: names(baseline.resources),
          longestFlow: largest(
            baseline.flows.map((f) => json(f.name)),
            0,
          ),
        }
      : null,
  };
  const variants: VariantShape[] = [];
  const weighed: PathSizes[] = [];
  const chartValues = { fixed: 0, perReplication: 0 };
  const inputsOf = inputsAgainst(set.baseline);
  const heatmapsOf = new Map<string, number>(); // per team, the variants its typical week draws so far
  const { drawnVariants } = SERIES_KINDS.queueLengthByHourOfWeek;
  runs.forEach((r, i) => {
    const model = i === 0 ? baseline : compileLayout(r.scenario);
    const sizes = pathSizes(
      metricLayout(model).paths.filter((p): p is string => p !== null),
      weighed,
    );
    const flows = names(model.flows);
    const longestTeam = largest(
      model.resources.map((t) => json(t.name)),
      0,
    );
    // a process per distinct tag at most
    const tagged = model.nodes.filter((node) => (node.etom ?? model.flows[node.flow].etom) !== null);
    const text = JSON.stringify(inputsOf(r.scenario), null, 2);
    variants.push({
      name: json(r.name),
      description: json(r.description),
      johnson,
      flows,
      teams: names(model.resources),
      kpis: model.flows.reduce((sum, f) => sum + f.kpis.length, 0),
      longestTeam,
      longestSeriesKey: largest(
        model.flows.map((f) => json(f.name)),
        longestTeam,
      ),
      processes: new Set(tagged.map((node) => node.etom ?? model.flows[node.flow].etom)).size,
      tagged: tagged.reduce((s, node) => s.add(json(model.flows[node.flow].name) + json(node.name)), new Sizes()),
      cancellable: model.flows.some((f) => f.cancelAfter !== Infinity) ? 1 : 0,
      stats: sizes.stats,
      opened: sizes.opened,
      paths: sizes.paths,
      compared: i === 0 ? NONE : sizes.compared,
      outcomes: sizes.outcomes,
      longestPath: sizes.longest,
      bins: model.seriesBins,
      hoursReached: hoursReached(model.warmup, model.horizon),
      // its own JSON text at the variant block's depth
      inputs: Buffer.byteLength(text) + 6 * newlines(text),
      digits: String(replications).length,
    });
    // the report's charts' values: a flow's throughput, a team's queue length and bottleneck share per bin, and its hour of the week
    chartValues.fixed += model.flows.length * QUANTILE_POINTS;
    chartValues.perReplication += model.flows.length * model.seriesBins + model.resources.length * 2 * model.seriesBins;
    for (const { name } of model.resources) {
      const drawn = heatmapsOf.get(name) ?? 0;
      if (drawn === drawnVariants) continue;
      heatmapsOf.set(name, drawn + 1);
      chartValues.perReplication += HOURS_PER_WEEK;
    }
  });
  const csv = input.csv ?? false;
  const { fixed, perReplication, csvPerReplication } = weigh(run, variants, csv);
  const bytes = fixed + replications * sum(perReplication);
  const csvBytes = csv ? 64 + replications * sum(csvPerReplication) : 0;
  return { bytes, fixed, perReplication, replications, variants: runs.length, csvBytes, csvPerReplication, chartValues };
}

/**
 * An upper bound of resultsSizeEstimate's `bytes` and `csvBytes` from counts alone: the same
 * parts (RUN_PARTS, VARIANT_PARTS) weighed on shapes from each variant's flows, kpis, nodes,
 * skill-pool entries, teams and shifts, its longest names, and a walk of its inputs' parts
 * (inputsBound), without compiling its layout, listing its metric paths or building its inputs.
 * Far under the limits (the bundled scenarios' bounds are a few times their estimates, a few MB
 * against 256 MiB), it says the run fits without the estimate, which cost `validate` some 18 M
 * instructions of its 196 M, most of it code run once (docs/performance-notes.md, session 47);
 * near them, the estimate decides (bin/results-size.ts).
 * Invariant: never below the estimate, part by part, as each part grows with its shape and each
 * of the bound's shapes is no smaller than the estimate's anywhere: every path counted at the
 * most paths the catalogue can give (an unreported slot counted too), each path at the longest
 * its words can make, each name at the most JSON can write for its length (jsonBound), every
 * count the estimate takes of a subset (tagged nodes, their processes, outcome paths) at the
 * whole (test/results/size-bound.test.ts holds it to the estimate on generated scenarios and
 * option sets).
 */
export function resultsSizeBound(input: SizeInput): { bytes: number; csvBytes: number } {
  try {
    return bound(input);
  } finally {
    jsonBytes.clear();
  }
}

function bound(input: SizeInput): { bytes: number; csvBytes: number } {
  const { set, replications } = input;
  const johnson = input.johnson ?? false;
  const runs = runsOf(input);
  const catalogue = catalogueBound();
  const walks: Walks = new Map();
  const baseInputs = inputsBound(set.baseline, walks);
  const baseCounts = countsOf(set.baseline);
  const flowNames = new Sizes();
  const workingDaySlas = new Sizes();
  const slaCalendars = new Sizes();
  for (const f of set.baseline.flows) {
    flowNames.add(jsonBound(f.name));
    if (f.slaWorkingDays) {
      workingDaySlas.add(jsonBound(f.name));
      slaCalendars.add(jsonBound(f.slaWorkingDays.calendar));
    }
  }
  const run: RunShape = {
    scenario: jsonBound(set.baseline.name),
    description: jsonBound(set.baseline.description),
    flows: flowNames,
    workingDaySlas,
    slaCalendars,
    johnson,
    sensitivity: input.sensitivity
      ? {
          flows: Sizes.of(baseCounts.flows, baseCounts.flowName),
          teams: Sizes.of(baseCounts.teams, baseCounts.teamName),
          longestFlow: baseCounts.flowName,
        }
      : null,
  };
  const variants: VariantShape[] = [];
  let dotted = false;
  runs.forEach((r, i) => {
    const c = i === 0 ? baseCounts : countsOf(r.scenario);
    dotted ||= c.dotted;
    const paths =
      c.flows * catalogue.flow +
      c.kpis * catalogue.kpi +
      c.nodes * catalogue.node +
      c.served * catalogue.served +
      c.teams * catalogue.resource +
      c.shifts * catalogue.shift;
    // the longest path's JSON text: its words' (each name's bound less its quotes) and its dots and fixed words
    // ("flows.F.nodes.N.served_by.T.STAT" the longest form; a sum of every kind of name covers each form)
    const path = 64 + c.flowName + c.kpiName + c.nodeName + c.teamName + c.shiftKey + catalogue.stat;
    const word = Math.max(c.flowName, c.kpiName, c.nodeName, c.teamName, c.shiftKey, json('served_by'), json('resources'));
    let inputs = INPUTS_TOP + baseInputs.bytes;
    if (i > 0) {
      // its own inputs, then its changes: each change's values are disjoint parts of the baseline's inputs and its
      // own (two levels deeper at most, which inputLine allows), each change a brace pair, its path and a null
      const own = inputsBound(r.scenario, walks);
      const changePath = 48 + Math.max(baseCounts.flowName, c.flowName) + Math.max(baseCounts.nodeName, c.nodeName);
      const changeFraming =
        4 * inputLine(3) + changePath + Math.max(baseCounts.teamName, c.teamName) + c.calendarName + baseCounts.calendarName + NULL;
      inputs = INPUTS_TOP + own.bytes + baseInputs.bytes + own.bytes + (baseInputs.values + own.values) * changeFraming;
    }
    variants.push({
      name: jsonBound(r.name),
      description: jsonBound(r.description),
      johnson,
      flows: Sizes.of(c.flows, c.flowName),
      teams: Sizes.of(c.teams, c.teamName),
      kpis: c.kpis,
      longestTeam: c.teamName,
      longestSeriesKey: Math.max(c.flowName, c.teamName),
      // a process per node at most, every node tagged
      processes: c.nodes,
      tagged: Sizes.of(c.nodes, c.flowName + c.nodeName),
      cancellable: 1,
      // a STAT per path at depth 9 at most, with up to six words opened before it
      stats: Sizes.of(paths, catalogue.stat, 9),
      opened: Sizes.of(6 * paths, word, 8),
      paths: Sizes.of(paths, path),
      compared: i === 0 ? NONE : Sizes.of(paths, path),
      outcomes: paths,
      longestPath: path,
      bins: c.bins,
      hoursReached: HOURS_PER_WEEK,
      inputs,
      digits: String(replications).length,
    });
  });
  // a name with a dot splits its paths into more words than the counts allow (names are identifiers: none has)
  if (dotted) return { bytes: Number.POSITIVE_INFINITY, csvBytes: Number.POSITIVE_INFINITY };
  const csv = input.csv ?? false;
  const { fixed, perReplication, csvPerReplication } = weigh(run, variants, csv);
  return { bytes: fixed + replications * sum(perReplication), csvBytes: csv ? 64 + replications * sum(csvPerReplication) : 0 };
}

/** The most JSON bytes of a text of this many UTF-16 units: each unit at most six (\u001f, a lone surrogate), or three in UTF-8, and its quotes; null's 4. */
function jsonBound(text: string | null | undefined): number {
  return text == null ? NULL : 6 * text.length + 2;
}

/** The metric catalogue's kinds per scope, and its longest stat's JSON bytes: read at each bound, as a kind may be registered at run time. */
function catalogueBound(): Record<keyof typeof CATALOGUE, number> & { stat: number } {
  const count = (scope: keyof typeof CATALOGUE) => Object.keys(CATALOGUE[scope]).length;
  let stat = 0;
  for (const kinds of Object.values(CATALOGUE)) for (const kind of Object.values(kinds)) stat = Math.max(stat, json(kind.stat));
  return {
    flow: count('flow'),
    kpi: count('kpi'),
    node: count('node'),
    served: count('served'),
    resource: count('resource'),
    shift: count('shift'),
    stat,
  };
}

/** What metricLayout's paths and the estimate's names are made of, counted on the scenario (compileLayout's model has the same). */
function countsOf(s: Scenario) {
  let kpis = 0;
  let nodes = 0;
  let served = 0;
  let flowName = 0;
  let kpiName = 0;
  let nodeName = 0;
  let dotted = false;
  for (const f of s.flows) {
    flowName = Math.max(flowName, jsonBound(f.name));
    dotted ||= f.name.includes('.');
    kpis += f.kpis.length;
    for (const k of f.kpis) {
      kpiName = Math.max(kpiName, jsonBound(k.name));
      dotted ||= k.name.includes('.');
    }
    nodes += f.nodes.length;
    for (const n of f.nodes) {
      nodeName = Math.max(nodeName, jsonBound(n.name));
      dotted ||= n.name.includes('.');
      if (n.kind === 'task' && n.pool) served += n.pool.length; // a served_by block per team of a pool of two or more
    }
  }
  let teamName = 0;
  let shifts = 0;
  let mostShifts = 0;
  for (const r of s.resources) {
    teamName = Math.max(teamName, jsonBound(r.name));
    dotted ||= r.name.includes('.');
    if (r.shifts) {
      shifts += r.shifts.length + 1; // and its off-shift line
      mostShifts = Math.max(mostShifts, r.shifts.length);
    }
  }
  let calendarName = 0;
  for (const c of s.calendars) calendarName = Math.max(calendarName, jsonBound(c.name));
  return {
    flows: s.flows.length,
    kpis,
    nodes,
    served,
    teams: s.resources.length,
    shifts,
    bins: seriesBinsOf(s.run.horizon).seriesBins,
    flowName,
    kpiName,
    nodeName,
    teamName,
    calendarName,
    // a shift's word in its paths: its index, or OFF_SHIFT
    shiftKey: 6 * Math.max(String(mostShifts).length, OFF_SHIFT.length) + 2,
    dotted,
  };
}

/** A bound of a scenario's inputs' text (engine/results/inputs.ts), and of how many values (lines) it holds. */
interface Walked {
  bytes: number;
  values: number;
}

/** The most keys an inputs object has (a task's: kind, etom, resource, duration, next, pool, calendar, until, description), and more. */
const INPUT_KEYS = 10;
/** The longest fixed key of the inputs with its quotes and ': ' ("sla_working_days": ). */
const INPUT_KEY = 20;
/** The inputs object's own lines: its braces and its five keys' lines and their closing lines. */
const INPUTS_TOP = 12 * inputLine(1);

/**
 * The most a line of the inputs' text takes for a value `depth` deep in the scenario's parts
 * (the inputs mirror them: calendars, resources, arrivals and flows, each value no deeper in the
 * inputs than in the scenario, two deeper at most inside a change), the variant block's three
 * levels of indentation included (the inputs part's 6 a line): its indentation, a fixed key, its
 * comma and line end. A name the inputs key by is a value of the scenario, counted there.
 */
function inputLine(depth: number): number {
  return 2 * (depth + 2 + 3) + INPUT_KEY + 3;
}

/**
 * A bound of the text JSON.stringify(inputsOf(s), null, 2) writes, and of its values, from a
 * walk of the scenario's calendars, resources, arrivals and flows: each of their values a line
 * (a string at jsonBound, anything else at a number's NUMBER), each object or array a closing
 * line and INPUT_KEYS lines more (what the inputs compute or write as null: hours_per_week,
 * rate_per_hour, an absent calendar...), each key at jsonBound. Every value of the inputs is a
 * copy of one of the scenario's, in a part it mirrors, or such a line. An object is walked once
 * for every scenario that shares it (`walks`).
 */
function inputsBound(s: Scenario, walks: Walks): Walked {
  const into: Walked = { bytes: 0, values: 0 };
  for (const part of [s.calendars, s.resources, s.arrivals]) walkValue(part, 1, into, walks);
  into.values++;
  walkContainer(1, into); // the flows, each walked below
  for (const flow of s.flows) walkValue(flow, 2, into, walks);
  return into;
}

/**
 * The walks of one bound, by the object walked and its depth: a variant's parts, flows, nodes and
 * distributions are the baseline's own objects where its patch leaves them alone (read-once.ts),
 * and a walk depends on nothing else, so each is walked once (the fiber scenario's three variants
 * walked again cost `validate` some 3 M instructions, docs/performance-notes.md, session 56). A
 * walk's figures are whole numbers, so their sums do not depend on the order they are added in.
 */
type Walks = Map<object, { depth: number; walked: Walked }>;

/** An object or array `depth` deep, its items aside: its opening line, its closing line, and INPUT_KEYS lines the inputs may add to it. */
function walkContainer(depth: number, into: Walked): void {
  into.values += INPUT_KEYS;
  into.bytes += 2 * inputLine(depth) + 1 + INPUT_KEYS * (inputLine(depth + 1) + NUMBER);
}

/** The most levels a walk goes down: a scenario's values are some eight deep; deeper is no scenario the reader makes (a bound of Infinity). */
const WALK_DEPTH = 64;

function walkValue(value: unknown, depth: number, into: Walked, walks: Walks): void {
  if (depth > WALK_DEPTH) {
    into.bytes = Number.POSITIVE_INFINITY;
    return;
  }
  if (typeof value !== 'object' || value === null) {
    into.values++;
    into.bytes += inputLine(depth) + (typeof value === 'string' ? jsonBound(value) : NUMBER);
    return;
  }
  let known = walks.get(value);
  if (known === undefined || known.depth !== depth) walks.set(value, (known = { depth, walked: walkObject(value, depth, walks) }));
  into.bytes += known.walked.bytes;
  into.values += known.walked.values;
}

/** An object or array `depth` deep, and everything in it. */
function walkObject(value: object, depth: number, walks: Walks): Walked {
  const own: Walked = { bytes: 0, values: 1 };
  walkContainer(depth, own);
  if (Array.isArray(value)) for (const item of value) walkValue(item, depth + 1, own, walks);
  else
    for (const key of Object.keys(value)) {
      own.bytes += jsonBound(key);
      walkValue((value as Record<string, unknown>)[key], depth + 1, own, walks);
    }
  return own;
}

/** Hours of the week the measured window [warmup, horizon] reaches (time 0 is a Monday 00:00); the others are null in every replication. */
function hoursReached(warmup: number, horizon: number): number {
  if (horizon - warmup >= HOURS_PER_WEEK) return HOURS_PER_WEEK;
  const slots = new Set<number>();
  for (let h = Math.floor(warmup); h < Math.ceil(horizon); h++) slots.add(h % HOURS_PER_WEEK);
  return slots.size;
}

/** A line at this depth (two spaces each) holding `content` characters, with its comma and newline. */
function line(depth: number, content: number): number {
  return 2 * depth + content + 2;
}

/** Names and paths recur in every variant: their JSON bytes are counted once per estimate. */
const jsonBytes = new Map<string, number>();

/** A name's bytes as JSON writes it: quoted, escaped, UTF-8. */
function json(text: string | null): number {
  if (text === null) return NULL;
  let bytes = jsonBytes.get(text);
  if (bytes === undefined) jsonBytes.set(text, (bytes = Buffer.byteLength(JSON.stringify(text))));
  return bytes;
}

/** `"key": { mean, sd, n, ci95: [low, high] }` with its key line at `depth`; with `johnson`, its ci95_johnson too. */
function statBytes(depth: number, key: number, johnson: boolean): number {
  return (
    (johnson ? line(depth + 1, 17) + 2 * line(depth + 2, NUMBER) + line(depth + 1, 1) : 0) +
    line(depth, key + 3) +
    line(depth + 1, 8 + NUMBER) +
    line(depth + 1, 6 + NUMBER) +
    line(depth + 1, 5 + COUNT) +
    line(depth + 1, 9) +
    2 * line(depth + 2, NUMBER) +
    2 * line(depth + 1, 1) +
    line(depth, 1)
  );
}

/** One entry of `comparisons` (or of a sensitivity ranking) with its brace at `depth`, of a variant name and a path of these JSON bytes; with `johnson`, its Johnson keys too. */
function comparisonBytes(variant: number, path: number, depth: number, johnson: boolean): number {
  const d = depth + 1;
  return (
    // ci95_johnson, significant_johnson, significant_adjusted_johnson, delta_pct_ci95_johnson
    (johnson ? 2 * (line(d, 26) + 2 * line(d + 1, NUMBER) + line(d, 1)) + 2 * line(d, 37) : 0) +
    2 * line(depth, 1) +
    line(d, 11 + variant) +
    line(d, 11 + json('baseline')) +
    line(d, 10 + path) +
    5 * line(d, 14 + NUMBER) + // baseline, value, delta, delta_pct, and a spare
    2 * (line(d, 18) + 2 * line(d + 1, NUMBER) + line(d, 1)) + // ci95, delta_pct_ci95
    2 * line(d, 24 + 5) // significant, significant_adjusted
  );
}

/** How many line ends `text` holds, counted in place (split would build a string per line: 100,000 of them for 10,000 nodes). */
function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** A variant's metric paths' sizes, without its name: once for all the variants with the same paths (most patch numbers, not the structure). */
interface PathSizes {
  list: readonly string[];
  /** a STAT per path (its last key at its depth), and the objects that hold them (flows.F, flows.F.nodes.N, ...) */
  stats: Sizes;
  opened: Sizes;
  /** the paths' JSON bytes, those compared's */
  paths: Sizes;
  compared: Sizes;
  /** how many are outcomes (a skewed warning each, at most) */
  outcomes: number;
  /** the longest path's JSON bytes */
  longest: number;
}

function pathSizes(list: readonly string[], weighed: PathSizes[]): PathSizes {
  const same = weighed.find((w) => w.list.length === list.length && w.list.every((p, i) => p === list[i]));
  if (same) return same;
  const sizes: PathSizes = {
    list,
    stats: new Sizes(),
    opened: new Sizes(),
    paths: new Sizes(),
    compared: new Sizes(),
    outcomes: 0,
    longest: 0,
  };
  const opened = new Set<string>();
  for (const path of list) {
    const keys = path.split('.');
    let prefix = '';
    for (let k = 1; k < keys.length; k++) {
      prefix += `.${keys[k - 1]}`;
      if (opened.has(prefix)) continue;
      opened.add(prefix);
      sizes.opened.add(json(keys[k - 1]), 2 + k);
    }
    sizes.stats.add(json(keys[keys.length - 1]), 2 + keys.length);
    const bytes = json(path);
    sizes.paths.add(bytes);
    sizes.longest = Math.max(sizes.longest, bytes);
    const kind = metricKindOf(path);
    if (kind?.compared) sizes.compared.add(bytes);
    if (kind?.role === 'outcome') sizes.outcomes++;
  }
  weighed.push(sizes);
  return sizes;
}

const MiB = 2 ** 20;

function mebibytes(bytes: number): string {
  return `${wholeNumber(Math.ceil(bytes / MiB))} MiB`;
}

/**
 * Why a run of this estimate cannot write its results.json, for a message that goes on with
 * where the number came from; null when it fits. Says the estimate, the limit, and how many
 * replications fit.
 */
export function resultsTooLarge(estimate: SizeEstimate): string | null {
  const file = estimate.bytes > MAX_RESULTS_BYTES ? 'results.json' : estimate.csvBytes > MAX_RESULTS_BYTES ? 'replications.csv' : null;
  if (file === null) return null;
  const most = replicationsThatFit(estimate);
  const [bytes, perReplication] =
    file === 'results.json' ? [estimate.bytes, sum(estimate.perReplication)] : [estimate.csvBytes, sum(estimate.csvPerReplication)];
  const why =
    file === 'results.json'
      ? "'etomsim report' and 'merge' read at most that; V8 builds the file as one string of at most 512 MiB"
      : 'V8 builds the table as one string of at most 512 MiB';
  const what =
    `${file === 'results.json' ? 'results.json' : "the report's replications.csv"} of ${counted(estimate.variants, 'variant')} (the baseline included) x ${wholeNumber(estimate.replications)} replications ` +
    `would take up to ${mebibytes(bytes)} (it keeps every replication of every variant, up to ${wholeNumber(Math.ceil(perReplication / 1024))} KiB a replication for them all), ` +
    `more than the ${mebibytes(MAX_RESULTS_BYTES)} one output file may hold (${why})`;
  const fewer = 'or run fewer variants (-v NAME runs only the variants named)';
  const remedy =
    most >= 1 ? `give at most ${wholeNumber(most)} replications, ${fewer}` : `even one replication is too much: ${fewer.slice(3)}`;
  const csv = file === 'replications.csv' ? ", or leave csv out of the report's --formats (or --no-report)" : '';
  return `${what}: ${remedy}${csv}; shards do not help, as 'merge' writes the same files`;
}

/**
 * The most replications whose results.json (and replications.csv, when counted) fit, for the
 * models of this estimate. A replication's bytes in replications.csv grow with the digits of
 * the replication count the estimate was made for: made for a count at least as large, this
 * never says more fit than do.
 */
export function replicationsThatFit(estimate: SizeEstimate): number {
  return Math.min(
    Math.floor((MAX_RESULTS_BYTES - estimate.fixed) / sum(estimate.perReplication)),
    estimate.csvBytes > 0 ? Math.floor((MAX_RESULTS_BYTES - 64) / sum(estimate.csvPerReplication)) : Number.POSITIVE_INFINITY,
  );
}

function sum(list: number[]): number {
  return list.reduce((a, b) => a + b, 0);
}
