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
import { compileLayout, seriesBinsOf } from '../model/compile.js';
import { CATALOGUE, metricKindOf, OFF_SHIFT, SERIES_KINDS } from '../model/metric-catalogue.js';
import { metricLayout } from '../model/metrics.js';
import type { ModelLayout } from '../model/model.js';
import { MAX_BYTES } from '../io/read-text.js';
import type { FlowSpec, Scenario, ScenarioSet } from '../scenario/types.js';
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

/** The bound for a run of `set` (its baseline first, then the chosen variants) with this many replications. */
export function resultsSizeEstimate(input: SizeInput): SizeEstimate {
  try {
    return estimate(input);
  } finally {
    jsonBytes.clear();
  }
}

function estimate(input: SizeInput): SizeEstimate {
  const { set, replications } = input;
  const johnson = input.johnson ?? false;
  const runs: { name: string; description: string | null; scenario: Scenario }[] = [
    { name: 'baseline', description: set.baseline.description, scenario: set.baseline },
    ...set.variants.filter((v) => input.chosen === null || input.chosen.includes(v.name)),
  ];
  // one model at a time, only the baseline's kept: 10,000 nodes x 7 models held at once cost a
  // `validate` more in garbage collection than compiling them
  const baseline = compileLayout(set.baseline);
  let fixed = topLevel(set, baseline);
  const perReplication: number[] = [];
  const csvPerReplication: number[] = [];
  const weighed: PathSums[] = [];
  const chartValues = { fixed: 0, perReplication: 0 };
  const inputsOf = inputsAgainst(set.baseline);
  const heatmapsOf = new Map<string, number>(); // per team, the variants its typical week draws so far
  const { drawnVariants } = SERIES_KINDS.queueLengthByHourOfWeek;
  runs.forEach((run, i) => {
    const model = i === 0 ? baseline : compileLayout(run.scenario);
    const sums = pathSums(
      metricLayout(model).paths.filter((p): p is string => p !== null),
      weighed,
      johnson,
    );
    fixed += variantFixed(run.name, run.description, model, sums, inputsOf(run.scenario), johnson);
    fixed += warmupAndWarnings(run.name, model, sums);
    if (i > 0) fixed += sums.comparisons + sums.compared * (json(run.name) - json(''));
    perReplication.push(replicationBytes(model, sums.paths));
    // replicationBytes' series: a flow's throughput, a team's queue length and bottleneck share per bin, and its hour of the week
    chartValues.fixed += model.flows.length * QUANTILE_POINTS;
    chartValues.perReplication += model.flows.length * model.seriesBins + model.resources.length * 2 * model.seriesBins;
    for (const { name } of model.resources) {
      const drawn = heatmapsOf.get(name) ?? 0;
      if (drawn === drawnVariants) continue;
      heatmapsOf.set(name, drawn + 1);
      chartValues.perReplication += HOURS_PER_WEEK;
    }
    // variant,replication,metric,value: a name quoted and escaped is at most its JSON text and an apostrophe
    const digits = String(replications).length;
    csvPerReplication.push(input.csv ? sums.paths.length * (json(run.name) + 1 + digits + 1 + NUMBER + 4) + sums.pathBytes : 0);
  });
  if (input.sensitivity) fixed += sensitivityBytes(baseline, johnson);
  const bytes = fixed + replications * perReplication.reduce((a, b) => a + b, 0);
  const csvBytes = input.csv ? 64 + replications * csvPerReplication.reduce((a, b) => a + b, 0) : 0;
  return { bytes, fixed, perReplication, replications, variants: runs.length, csvBytes, csvPerReplication, chartValues };
}

/**
 * An upper bound of resultsSizeEstimate's `bytes` and `csvBytes` from counts alone: each
 * variant's flows, kpis, nodes, skill-pool entries, teams and shifts, its longest names, and a
 * walk of its inputs' parts (inputsBound), without compiling its layout, listing its metric
 * paths or building its inputs. Far under the limits (the bundled scenarios' bounds are a few
 * times their estimates, a few MB against 256 MiB), it says the run fits without the estimate,
 * which cost `validate` some 18 M instructions of its 196 M, most of it code run once
 * (docs/performance-notes.md, session 47); near them, the estimate decides (bin/results-size.ts).
 * Invariant: never below the estimate, term by term: every path counted at the most paths the
 * catalogue can give (an unreported slot counted too), each path at the longest its words can
 * make, each name at the most JSON can write for its length (jsonBound), every count the
 * estimate takes of a subset (tagged nodes, their processes, outcome paths) at the whole
 * (test/results/size-bound.test.ts holds it to the estimate on generated scenarios and option sets).
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
  const runs: { name: string; description: string | null; scenario: Scenario }[] = [
    { name: 'baseline', description: set.baseline.description, scenario: set.baseline },
    ...set.variants.filter((v) => input.chosen === null || input.chosen.includes(v.name)),
  ];
  const catalogue = catalogueBound();
  const walked = new Map<FlowSpec, Walked>();
  const baseInputs = inputsBound(set.baseline, walked);
  const baseCounts = countsOf(set.baseline);
  let fixed = topLevelBound(set);
  let perReplication = 0;
  let csvPerReplication = 0;
  const digits = String(replications).length;
  let dotted = false;
  runs.forEach((run, i) => {
    const c = i === 0 ? baseCounts : countsOf(run.scenario);
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
    const name = jsonBound(run.name);
    const description = jsonBound(run.description);
    // pathSums: a STAT per path at depth 9 at most, with up to six words opened before it; its framing; comparisons
    const stats = paths * (statBytes(9, catalogue.stat, johnson) + 6 * (line(8, word + 3) + line(8, 1)));
    const framing = paths * (line(4, path + 3) + line(4, 1));
    const comparisons = paths * comparisonBytesOf(json(''), path, 2, johnson);
    // variantFixed
    fixed += 2 * line(2, name + 3) + line(3, 15 + description) + stats + framing;
    fixed += c.flows * (line(4, c.flowName + 3) + line(5, 12));
    fixed += 4 * line(3, 20) + line(4, 11 + c.teamName);
    fixed += c.teams * (2 * line(5, 1) + line(6, 12 + c.teamName) + 4 * statBytes(6, 14, johnson));
    fixed += 4 * line(3, 12);
    fixed +=
      c.nodes * (2 * line(4, 30) + 3 * line(5, 12 + CATALOGUE_TEXT) + 6 * statBytes(5, 15, johnson) + 2 * line(5, 12)) +
      c.nodes * line(6, c.flowName + c.nodeName);
    fixed += (c.nodes + 1) * (2 * line(4, CATALOGUE_TEXT) + 4 * statBytes(5, 15, johnson));
    fixed += (2 * c.nodes + 1) * 3 * statBytes(5, 17, johnson);
    fixed += 2 * line(3, 20);
    fixed += 12 * line(3, 30) + line(4, 12 + NUMBER);
    fixed += (c.flows + 3 * c.teams) * (line(5, 3 + Math.max(c.flowName, c.teamName)) + line(5, 1));
    fixed += c.flows * (line(5, c.flowName + 3) + QUANTILE_POINTS * line(6, NUMBER) + line(5, 1));
    fixed += line(3, 10) + INPUTS_TOP;
    if (i === 0) fixed += baseInputs.bytes;
    else {
      // its own inputs, then its changes: each change's values are disjoint parts of the baseline's inputs and its
      // own (two levels deeper at most, which inputLine allows), each change a brace pair, its path and a null
      const own = inputsBound(run.scenario, walked);
      const changePath = 48 + Math.max(baseCounts.flowName, c.flowName) + Math.max(baseCounts.nodeName, c.nodeName);
      const changeFraming =
        4 * inputLine(3) + changePath + Math.max(baseCounts.teamName, c.teamName) + c.calendarName + baseCounts.calendarName + NULL;
      fixed += own.bytes + baseInputs.bytes + own.bytes + (baseInputs.values + own.values) * changeFraming;
    }
    // warmupAndWarnings
    const welch = (c.flows + c.teams) * (line(3, path + 3) + 3 * line(4, 16 + NUMBER) + c.bins * line(5, NUMBER) + 2 * line(3, 1));
    const suggested = 2 * line(3, name) + c.flows * line(4, path + 2 + NUMBER);
    const warning = 2 * line(2, 1) + line(3, 12 + 12) + line(3, 11 + name) + line(3, 11 + path) + line(3, 11 + WARNING_TEXT + 4 * path);
    fixed += welch + suggested + 2 * line(2, name + 3) + (3 * c.teams + 3 * c.flows + paths) * warning;
    if (i > 0) fixed += comparisons + paths * (name - json(''));
    // replicationBytes, every hour of the week reached
    const series = (length: number, width: number) => line(6, 1) + length * line(7, width) + line(6, 1);
    const hourOfWeek = series(HOURS_PER_WEEK, CHART_NUMBER);
    perReplication +=
      paths * line(5, NUMBER) +
      c.flows * series(c.bins, CHART_NUMBER) +
      c.teams * (series(c.bins, CHART_NUMBER) + series(c.bins, CHART_SHARE) + hourOfWeek);
    csvPerReplication += paths * (name + 1 + digits + 1 + NUMBER + 4) + paths * path;
  });
  if (input.sensitivity) fixed += sensitivityBytes(compileLayout(set.baseline), johnson);
  // a name with a dot splits its paths into more words than the counts allow (names are identifiers: none has)
  if (dotted) return { bytes: Number.POSITIVE_INFINITY, csvBytes: Number.POSITIVE_INFINITY };
  return { bytes: fixed + replications * perReplication, csvBytes: input.csv ? 64 + replications * csvPerReplication : 0 };
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

/** topLevel's terms, each name at its bound. */
function topLevelBound(set: ScenarioSet): number {
  let bytes = 4_096 + jsonBound(set.baseline.name) + jsonBound(set.baseline.description);
  for (const f of set.baseline.flows) {
    const name = jsonBound(f.name);
    bytes += line(2, name + 2 + NUMBER);
    if (f.slaWorkingDays) bytes += 4 * line(3, name + 2 + NUMBER) + jsonBound(f.slaWorkingDays.calendar);
  }
  return bytes;
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
 * levels of indentation included (variantFixed's 6 a line): its indentation, a fixed key, its
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
 * copy of one of the scenario's, in a part it mirrors, or such a line. A flow is walked once
 * for every scenario that shares it (`walked`: a variant's flows are the baseline's objects
 * where its patch leaves them alone).
 */
function inputsBound(s: Scenario, walked: Map<FlowSpec, Walked>): Walked {
  const into: Walked = { bytes: 0, values: 0 };
  for (const part of [s.calendars, s.resources, s.arrivals]) walkValue(part, 1, into);
  into.values++;
  walkContainer(1, into); // the flows, each walked below
  for (const flow of s.flows) {
    let flowBound = walked.get(flow);
    if (flowBound === undefined) {
      flowBound = { bytes: 0, values: 0 };
      walkValue(flow, 2, flowBound);
      walked.set(flow, flowBound);
    }
    into.bytes += flowBound.bytes;
    into.values += flowBound.values;
  }
  return into;
}

/** An object or array `depth` deep, its items aside: its opening line, its closing line, and INPUT_KEYS lines the inputs may add to it. */
function walkContainer(depth: number, into: Walked): void {
  into.values += INPUT_KEYS;
  into.bytes += 2 * inputLine(depth) + 1 + INPUT_KEYS * (inputLine(depth + 1) + NUMBER);
}

/** The most levels a walk goes down: a scenario's values are some eight deep; deeper is no scenario the reader makes (a bound of Infinity). */
const WALK_DEPTH = 64;

function walkValue(value: unknown, depth: number, into: Walked): void {
  if (depth > WALK_DEPTH) {
    into.bytes = Number.POSITIVE_INFINITY;
    return;
  }
  into.values++;
  if (typeof value === 'string') into.bytes += inputLine(depth) + jsonBound(value);
  else if (typeof value !== 'object' || value === null) into.bytes += inputLine(depth) + NUMBER;
  else {
    walkContainer(depth, into);
    if (Array.isArray(value)) for (const item of value) walkValue(item, depth + 1, into);
    else
      for (const key of Object.keys(value)) {
        into.bytes += jsonBound(key);
        walkValue((value as Record<string, unknown>)[key], depth + 1, into);
      }
  }
}

/** The bytes one replication adds to a variant's block: a line per metric, and an array per series. */
export function replicationBytes(model: ModelLayout, paths: readonly string[]): number {
  const values = paths.length * line(5, NUMBER);
  const series = (length: number, width: number) => line(6, 1) + length * line(7, width) + line(6, 1);
  const f = model.flows.length;
  const r = model.resources.length;
  const bins = model.seriesBins;
  const reached = hoursReached(model.warmup, model.horizon);
  const hourOfWeek = line(6, 1) + reached * line(7, CHART_NUMBER) + (HOURS_PER_WEEK - reached) * line(7, NULL) + line(6, 1);
  return values + f * series(bins, CHART_NUMBER) + r * (series(bins, CHART_NUMBER) + series(bins, CHART_SHARE) + hourOfWeek);
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

/** One entry of `comparisons` (or of a sensitivity ranking) with its brace at `depth`; with `johnson`, its Johnson keys too. */
function comparisonBytes(variant: string, path: string, depth: number, johnson: boolean): number {
  return comparisonBytesOf(json(variant), json(path), depth, johnson);
}

/** comparisonBytes of a variant name and a path of these JSON bytes (or more: it grows with both). */
function comparisonBytesOf(variant: number, path: number, depth: number, johnson: boolean): number {
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

/** A variant's block but its replications' lines and series: summaries, ranking, eTOM roll-ups, the framing of its arrays, its inputs. */
function variantFixed(
  name: string,
  description: string | null,
  model: ModelLayout,
  sums: PathSums,
  inputs: unknown,
  johnson: boolean,
): number {
  let bytes = 2 * line(2, json(name) + 3) + line(3, 15 + json(description)) + sums.stats + sums.framing;
  bytes += model.flows.reduce((n, f) => n + line(4, json(f.name) + 3) + line(5, 12), 0); // flows with no node block yet
  // bottlenecks: primary and a ranking entry per team
  const longestTeam = largest(
    model.resources.map((r) => json(r.name)),
    0,
  );
  bytes += 4 * line(3, 20) + line(4, 11 + longestTeam);
  bytes += model.resources.reduce((n, r) => n + 2 * line(5, 1) + line(6, 12 + json(r.name)) + 4 * statBytes(6, 14, johnson), 0);
  // etom: at most one process per node, each with six STATs and its nodes; verticals: four STATs each
  // (a process per distinct tag at most: results/etom-rollup.ts groups the tagged nodes by the process their tag names)
  const tagged = model.nodes.filter((node) => (node.etom ?? model.flows[node.flow].etom) !== null);
  const processes = new Set(tagged.map((node) => node.etom ?? model.flows[node.flow].etom)).size;
  bytes += 4 * line(3, 12);
  bytes +=
    processes * (2 * line(4, 30) + 3 * line(5, 12 + CATALOGUE_TEXT) + 6 * statBytes(5, 15, johnson) + 2 * line(5, 12)) +
    tagged.reduce((n, node) => n + line(6, json(model.flows[node.flow].name) + json(node.name)), 0);
  bytes += (processes + 1) * (2 * line(4, CATALOGUE_TEXT) + 4 * statBytes(5, 15, johnson));
  // cut_visits, cut_service_hours, cut_cost on each process and vertical, when a flow may cancel
  if (model.flows.some((f) => f.cancelAfter !== Infinity)) bytes += (2 * processes + 1) * 3 * statBytes(5, 17, johnson);
  bytes += 2 * line(3, 20); // replications: its brackets (a key and brackets per path are in sums.framing)
  // charts: their keys and brackets, bin_hours, and the percentiles averaged over the replications
  const seriesKeys = model.flows.length + 3 * model.resources.length;
  bytes += 12 * line(3, 30) + line(4, 12 + NUMBER);
  bytes +=
    seriesKeys *
    (line(
      5,
      3 +
        largest(
          model.flows.map((f) => json(f.name)),
          longestTeam,
        ),
    ) +
      line(5, 1));
  bytes += model.flows.reduce((n, f) => n + line(5, json(f.name) + 3) + QUANTILE_POINTS * line(6, NUMBER) + line(5, 1), 0);
  // inputs: its own JSON text at the variant block's depth
  const text = JSON.stringify(inputs, null, 2);
  bytes += line(3, 10) + Buffer.byteLength(text) + 6 * newlines(text);
  return bytes;
}

/** How many line ends `text` holds, counted in place (split would build a string per line: 100,000 of them for 10,000 nodes). */
function newlines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** What a variant's metric paths weigh in results.json, without its name: once for all the variants with the same paths (most patch numbers, not the structure). */
interface PathSums {
  paths: readonly string[];
  /** a STAT per path, and the objects that hold them (flows.F, flows.F.nodes.N, ...) */
  stats: number;
  /** replications: a key and brackets per path */
  framing: number;
  /** how many paths are compared, and their comparisons with an empty variant name */
  compared: number;
  comparisons: number;
  /** how many are outcomes (a skewed warning each, at most) */
  outcomes: number;
  /** the longest path's JSON bytes, and all of theirs */
  longest: number;
  pathBytes: number;
}

function pathSums(paths: readonly string[], weighed: PathSums[], johnson: boolean): PathSums {
  const same = weighed.find((w) => w.paths.length === paths.length && w.paths.every((p, i) => p === paths[i]));
  if (same) return same;
  const sums: PathSums = { paths, stats: 0, framing: 0, compared: 0, comparisons: 0, outcomes: 0, longest: 0, pathBytes: 0 };
  const opened = new Set<string>();
  for (const path of paths) {
    const keys = path.split('.');
    let prefix = '';
    for (let k = 1; k < keys.length; k++) {
      prefix += `.${keys[k - 1]}`;
      if (opened.has(prefix)) continue;
      opened.add(prefix);
      sums.stats += line(2 + k, json(keys[k - 1]) + 3) + line(2 + k, 1);
    }
    sums.stats += statBytes(2 + keys.length, json(keys[keys.length - 1]), johnson);
    const bytes = json(path);
    sums.framing += line(4, bytes + 3) + line(4, 1);
    sums.pathBytes += bytes;
    sums.longest = Math.max(sums.longest, bytes);
    const kind = metricKindOf(path);
    if (kind?.compared) {
      sums.compared++;
      sums.comparisons += comparisonBytes('', path, 2, johnson);
    }
    if (kind?.role === 'outcome') sums.outcomes++;
  }
  weighed.push(sums);
  return sums;
}

/** The variant's share of warmup_check (suggestions, Welch series) and of warnings (each kind at most once per subject). */
function warmupAndWarnings(name: string, model: ModelLayout, sums: PathSums): number {
  const f = model.flows.length;
  const r = model.resources.length;
  const longestPath = sums.longest;
  const welch = (f + r) * (line(3, longestPath + 3) + 3 * line(4, 16 + NUMBER) + model.seriesBins * line(5, NUMBER) + 2 * line(3, 1));
  const suggested = 2 * line(3, json(name)) + f * line(4, longestPath + 2 + NUMBER);
  // unstable and slow settling per team, Welch per series, MSER and censored per flow, skewed per outcome metric
  const warnings = 2 * r + (f + r) + 2 * f + sums.outcomes;
  const warning =
    2 * line(2, 1) + line(3, 12 + 12) + line(3, 11 + json(name)) + line(3, 11 + longestPath) + line(3, 11 + WARNING_TEXT + 4 * longestPath);
  return welch + suggested + 2 * line(2, json(name) + 3) + warnings * warning;
}

/** Everything outside the variants' blocks that does not depend on them: engine, run settings, slas, precision, the section keys. */
function topLevel(set: ScenarioSet, baseline: ModelLayout): number {
  return (
    4_096 +
    json(set.baseline.name) +
    json(set.baseline.description) +
    baseline.flows.reduce((n, f) => n + line(2, json(f.name) + 2 + NUMBER), 0) +
    // sla_working_days: per such flow its name, working_days and its calendar's name
    set.baseline.flows.reduce(
      (n, f) => n + (f.slaWorkingDays ? 4 * line(3, json(f.name) + 2 + NUMBER) + json(f.slaWorkingDays.calendar) : 0),
      0,
    )
  );
}

/** run --sensitivity's ranking: per team, its +1 against the base on each flow's mean and p90 cycle time. */
function sensitivityBytes(model: ModelLayout, johnson: boolean): number {
  const longestFlow = largest(
    model.flows.map((f) => json(f.name)),
    0,
  );
  return (
    2 * line(1, 20) +
    model.resources.reduce((n, r) => {
      const flows = model.flows.reduce(
        (m, f) =>
          m +
          2 * line(4, json(f.name) + 3) +
          2 * (line(5, 8) + comparisonBytes(`+1 ${r.name}`, `flows.${f.name}.cycle_time.mean`, 5, johnson)),
        0,
      );
      return n + 2 * line(2, 1) + line(3, 12 + json(r.name)) + 2 * line(3, 25 + NUMBER) + 2 * line(3, 12 + longestFlow) + flows;
    }, 0)
  );
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
