// The KPI tables of report.html and summary.md: per flow, per team, and every comparison
// with the baseline. The columns are the catalogue's `report` metrics; cells are text already,
// formatted by format.ts; the page and the Markdown only lay them out.
import { type MetricKind, RESOURCE_METRICS, shownIn } from '../engine/model/metric-catalogue.js';
import { statAt } from '../engine/results/paths.js';
import type { Results, ShiftBlock, Stat } from '../engine/results/types.js';
import {
  changeAmount,
  columnTime,
  comparisonLabel,
  costNote,
  costsOf,
  metricValues,
  MISSING,
  NO_COST,
  significance,
  slaText,
  statText,
  wholeNumber,
  words,
} from './format.js';
import { shiftLines, shownShiftStats } from './shift-lines.js';
import { HOURS } from './units.js';
import { inReadingOrder } from './gains.js';
import { flowNames, resourceNames, variantNames } from './names.js';

export interface Table {
  title: string;
  head: string[];
  rows: string[][];
  /** per column: numbers, aligned right */
  numeric: boolean[];
}

/**
 * Each metric's column of stats as text, one row per entry; a time column in one unit, from its
 * largest value (`columnTime`): "40.8 d" above "47.9 h" read as a rise where it is a fall; a
 * total of hours (the catalogue's `total`, "wait hours") in hours whatever its size, as its
 * label says: "120 h" of waiting summed over tasks is no five-day span (s36f F3: "5.00 d" under
 * "wait hours"). `cell` gives a cell's results path and stat, or the cell's own text (a cost not given).
 */
function statColumns<R>(
  entries: readonly R[],
  metrics: readonly MetricKind[],
  cell: (entry: R, k: MetricKind) => { path: string; stat: Stat | null | undefined } | string,
): string[][] {
  const cells = entries.map((e) => metrics.map((k) => cell(e, k)));
  const times = metrics.map((k, j) =>
    k.unit !== 'hours'
      ? undefined
      : k.total === true
        ? HOURS
        : columnTime(cells.map((row) => (typeof row[j] === 'string' ? null : row[j].stat))),
  );
  return cells.map((row) => row.map((c, j) => (typeof c === 'string' ? c : statText(c.path, c.stat, times[j]))));
}

/** A column's head: the catalogue's label, a cost's with what it is in ("cost (GBP, over the 160 d measured window)"). */
function columnHead(k: MetricKind, results: Results): string {
  const note = costNote(k, costsOf(results));
  return note === null ? k.label : `${k.label} (${note})`;
}

/** Whether some entry's block holds the metric: a file written before a metric was added (used_cost_per_case, 2026-12-04) gets no empty column for it. */
function held<R>(entries: readonly R[], k: MetricKind, block: (entry: R) => object): boolean {
  return entries.some((e) => statAt(block(e), k.stat) !== null);
}

function flowTable(results: Results): Table {
  const withSla = flowNames(results).some((f) => slaText(results, f) !== null);
  const entries = flowNames(results).flatMap((flow) =>
    variantNames(results)
      .filter((v) => results.variants[v].flows[flow])
      .map((v) => ({ flow, v })),
  );
  const metrics = shownIn('flow', 'report').filter(
    (k) => (withSla || k.only !== 'with_sla') && held(entries, k, ({ flow, v }) => results.variants[v].flows[flow]),
  );
  const stats = statColumns(entries, metrics, ({ flow, v }, k) => ({
    path: `flows.${flow}.${k.stat}`,
    stat: statAt(results.variants[v].flows[flow], k.stat),
  }));
  const rows = entries.map(({ flow, v }, i) => [words(flow), v, ...stats[i]]);
  const head = ['flow', 'variant', ...metrics.map((k) => columnHead(k, results))];
  return { title: 'Flows', head, rows, numeric: head.map((_, i) => i >= 2) };
}

function teamTable(results: Results): Table {
  const entries = resourceNames(results).flatMap((team) =>
    variantNames(results)
      .filter((v) => results.variants[v].resources[team])
      .map((v) => ({ team, v })),
  );
  const metrics = shownIn('resource', 'report').filter((k) => held(entries, k, ({ team, v }) => results.variants[v].resources[team]));
  const stats = statColumns(entries, metrics, ({ team, v }, k) =>
    // a team without cost_per_hour costs 0 in the simulation: unknown, not free
    k.unit === 'currency' && results.variants[v].inputs?.resources[team]?.cost_given === false
      ? NO_COST
      : { path: `resources.${team}.${k.stat}`, stat: statAt(results.variants[v].resources[team], k.stat) },
  );
  const rows = entries.map(({ team, v }, i) => [words(team), v, ...stats[i]]);
  const pooled = pooledTeams(results);
  const head = [
    'team',
    'variant',
    ...metrics.map((k) => (k === RESOURCE_METRICS.queueLength && pooled ? POOLED_QUEUE : columnHead(k, results))),
  ];
  return { title: 'Teams', head, rows, numeric: head.map((_, i) => i >= 2) };
}

/**
 * The queue length's head where a skill pool's task waits: such a case waits in the queue of
 * every team of its pool at once (engine/sim/simulation.ts requestPool) and is counted in each
 * (results.json's `queue_length`, the cases the team could take), so the teams' figures do not
 * add up to the cases waiting (s36f F4). Shown once per team as measured, not split: which team
 * will take a waiting case is not known while it waits; the head says so.
 */
export const POOLED_QUEUE = "queue length (a skill pool's waiting case counts in each of its teams)";

/** Whether some variant has a task served by a skill pool (its inputs; files without inputs: no). */
function pooledTeams(results: Results): boolean {
  return Object.values(results.variants).some((b) =>
    Object.values(b.inputs?.flows ?? {}).some((f) =>
      Object.values(f.nodes).some((n) => 'pool' in n && n.pool !== undefined && n.pool.length > 1),
    ),
  );
}

/**
 * Each rostered team's shifts, per variant: the shift (its index in the roster and its
 * description), its hours and units, then the catalogue's shift stats shown in the report (the
 * tasks that joined while it was on, their mean wait with its interval, the wait's total, the
 * share within a wait target where any line has one), and the off-shift line where the roster
 * leaves hours uncovered. Null when no team has a roster: the teams table is then all there is.
 */
export function shiftTable(results: Results): Table | null {
  const lines = shiftLines(results);
  if (lines.length === 0) return null;
  const metrics = shownShiftStats(lines);
  const stats = statColumns(lines, metrics, (l, k) => ({ path: l.path(k.stat), stat: l.stats[k.stat as keyof ShiftBlock] }));
  const rows = lines.map((l, i) => [
    words(l.team),
    l.variant,
    l.name,
    l.hoursText ?? MISSING,
    l.capacity === null ? MISSING : wholeNumber(l.capacity),
    ...stats[i],
  ]);
  const head = ['team', 'variant', 'shift', 'hours', 'units', ...metrics.map((k) => k.label)];
  return { title: 'Teams per shift', head, rows, numeric: head.map((_, i) => i >= 4) };
}

function gainsTable(results: Results): Table {
  const costs = costsOf(results);
  const rows = inReadingOrder(results.comparisons).map((c) => [
    c.variant,
    comparisonLabel(c.metric, costs, c.variant),
    ...metricValues(c.metric, [c.baseline, c.value], costs),
    changeAmount(c),
    significance(c, costs),
  ]);
  const head = ['variant', 'KPI', 'baseline', "variant's value", 'change [95% interval]', 'significant'];
  return { title: 'Gains against the baseline', head, rows, numeric: [false, false, true, true, true, false] };
}

/** Flows and teams always; the teams' shifts when a team has a roster; the gains when there is a variant to compare. */
export function kpiTables(results: Results): Table[] {
  const tables = [flowTable(results)];
  if (resourceNames(results).length > 0) tables.push(teamTable(results));
  const shifts = shiftTable(results);
  if (shifts !== null) tables.push(shifts);
  if (results.comparisons.length > 0) tables.push(gainsTable(results));
  return tables;
}

export const TABLE_NOTE =
  "Shares change in percentage points (pp), everything else in % of the baseline. ± is the half-width of the 95% confidence interval of the mean over the replications; an interval that is not symmetric about its mean (cut to what its metric can be, as a share to 0-100%, or Johnson's) is given by its ends instead, mean [low, high]; a change's interval is the paired one (common random numbers).";
