// Tidy tables for Power BI, Tableau or a spreadsheet, one observation per row: kpis.csv (every
// stat of every variant and every change, with units and roles), replications.csv (every value
// behind them) and comparisons.csv (every change against the baseline, in the unit the console
// reads it in), written through the one CSV writer (engine/io/cells.ts), so that no name opens
// as a formula.
// Invariant: every number's unit is named in its row, in one set of words (units.ts' unitName, and
// `%` or `pp` for a change): kpis.csv's `unit`, comparisons.csv's `value_unit` and `change_unit`,
// replications.csv's `unit`. Columns are only ever added after the others (docs/results-format.md).
import { csvTable, type Cell } from '../engine/io/cells.js';
import type { Results, Stat } from '../engine/results/types.js';
import { metricKindOf, parseMetricPath, type MetricUnit } from '../engine/model/metric-catalogue.js';
import { changeOf, comparisonText, costsOf, decidingInterval, metricLabel, unitOf } from './format.js';
import { inDisplayUnit, unitName } from './units.js';
import { inReadingOrder } from './gains.js';

export interface KpiRow {
  variant: string;
  /** flow, node, resource, etom or vertical */
  scope: string;
  /** the flow, FLOW.NODE, the team, the eTOM process id or the vertical */
  name: string;
  /** the stat's path inside its block, e.g. cycle_time.p90 */
  metric: string;
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

export interface ReplicationRow {
  variant: string;
  /** 1-based, in the order of results.json */
  replication: number;
  /** dotted path in the variant's block, e.g. flows.order.cycle_time.mean */
  metric: string;
  value: number | null;
  /** the unit of `value`, as kpis.csv names units (a time in hours, as results.json holds it) */
  unit: string;
}

function isStat(x: unknown): x is Stat {
  return typeof x === 'object' && x !== null && 'mean' in x && 'n' in x && 'ci95' in x;
}

/** Every Stat inside a block, with its dotted path; `skip` names keys walked separately. */
function statsIn(block: object, skip: string[] = [], prefix = ''): [string, Stat][] {
  return Object.entries(block).flatMap(([key, value]): [string, Stat][] => {
    if (skip.includes(key) || typeof value !== 'object' || value === null || Array.isArray(value)) return [];
    const path = prefix + key;
    return isStat(value) ? [[path, value]] : statsIn(value, [], `${path}.`);
  });
}

export function kpiRows(results: Results): KpiRow[] {
  return Object.entries(results.variants).flatMap(([variant, v]) => {
    const row =
      (scope: string, name: string) =>
      ([metric, s]: [string, Stat]): KpiRow => ({
        variant,
        scope,
        name,
        metric,
        mean: s.mean,
        ci_low: s.ci95 ? s.ci95[0] : null,
        ci_high: s.ci95 ? s.ci95[1] : null,
        n: s.n,
      });
    const flows = Object.entries(v.flows);
    return [
      ...flows.flatMap(([flow, block]) => statsIn(block, ['nodes']).map(row('flow', flow))),
      ...flows.flatMap(([flow, block]) =>
        Object.entries(block.nodes).flatMap(([node, n]) => statsIn(n).map(row('node', `${flow}.${node}`))),
      ),
      ...Object.entries(v.resources).flatMap(([team, block]) => statsIn(block).map(row('resource', team))),
      ...Object.entries(v.etom ?? {}).flatMap(([id, block]) => statsIn(block).map(row('etom', id))),
      ...Object.entries(v.verticals ?? {}).flatMap(([vertical, block]) => statsIn(block).map(row('vertical', vertical))),
    ];
  });
}

export function replicationRows(results: Results): ReplicationRow[] {
  const currency = results.currency ?? null;
  return Object.entries(results.variants).flatMap(([variant, v]) =>
    Object.entries(v.replications).flatMap(([metric, values]) => {
      const unit = unitName(unitOf(metric), 'hours', currency);
      return values.map((value, i) => ({ variant, replication: i + 1, metric, value, unit }));
    }),
  );
}

export interface ComparisonRow {
  variant: string;
  /** dotted path in the variant's block */
  metric: string;
  label: string;
  /** the metric's unit in the catalogue: hours, share, count, per_day, currency */
  unit: string;
  baseline: number;
  value: number;
  /** the unit of `baseline` and `value` as kpis.csv names units: a time in hours (as results.json holds it), a cost in the currency */
  value_unit: string;
  /** the change as it reads: percentage points for a share, % of the baseline otherwise; empty without a baseline to divide by */
  change: number | null;
  change_unit: 'pp' | '%' | null;
  change_low: number | null;
  change_high: number | null;
  significant: boolean;
  /** Holm's adjustment within the variant's outcome family, as results.json's significant_adjusted; empty for a diagnostic */
  significant_adjusted: boolean | null;
  /** the same text the console, report.html and summary.md print */
  text: string;
  /** where the change's interval tells 0 otherwise than the difference's interval that decides `significant`, that
   *  interval and what it says (format.ts decidingInterval); null where they agree. The workbook's column, not the
   *  CSV's: `text` says it there */
  decided_by: string | null;
}

export function comparisonRows(results: Results): ComparisonRow[] {
  const costs = costsOf(results);
  const currency = results.currency ?? null;
  return inReadingOrder(results.comparisons).map((c) => {
    const change = changeOf(c);
    return {
      variant: c.variant,
      metric: c.metric,
      label: metricLabel(c.metric),
      unit: unitOf(c.metric),
      baseline: c.baseline,
      value: c.value,
      value_unit: unitName(unitOf(c.metric), 'hours', currency),
      change: change?.value ?? null,
      change_unit: change?.unit ?? null,
      change_low: change?.low ?? null,
      change_high: change?.high ?? null,
      significant: c.significant,
      significant_adjusted: c.significant_adjusted ?? null,
      text: comparisonText(c, costs),
      decided_by: decidingInterval(c),
    };
  });
}

/** Columns named explicitly, so that a table without rows still has its header. */
function csv<T extends { [K in keyof T]: Cell }>(rows: T[], columns: (keyof T & string)[]): string {
  return csvTable(
    columns,
    rows.map((r) => columns.map((c) => r[c])),
  );
}

/**
 * Where a stat of the variant block at `path` sits in kpis.csv: the scope, name and metric its stat
 * row has (kpiRows' walk), so that a change row and the stat row of the same metric read alike: a
 * milestone KPI's is `flow`, FLOW, `kpis.K.mean`, a team's served share `node`, FLOW.NODE,
 * `served_by.T.share`, a shift's `resource`, TEAM, `shifts.S.wait`. A path of no block: scope
 * and name empty, the path whole as metric. kpiRowKind, below, makes the path again from a row;
 * the catalogue's splitPath reads the same paths into a metric's kind (its scopes are the
 * catalogue's: kpi, served, shift), not into these columns.
 */
function kpiRowPlace(path: string): { scope: string; name: string; metric: string } {
  const s = path.split('.');
  if (s.length < 3) return { scope: '', name: '', metric: path };
  if (s[0] === 'flows' && s[2] === 'nodes' && s.length >= 5)
    return { scope: 'node', name: `${s[1]}.${s[3]}`, metric: s.slice(4).join('.') };
  const scope =
    s[0] === 'flows' ? 'flow' : s[0] === 'resources' ? 'resource' : s[0] === 'etom' ? 'etom' : s[0] === 'verticals' ? 'vertical' : '';
  return scope === '' ? { scope, name: '', metric: path } : { scope, name: s[1], metric: s.slice(2).join('.') };
}

/** The catalogue's unit and role of a kpis row; eTOM and vertical roll-ups are hours and costs by their names. */
export function kpiRowKind(r: KpiRow): { unit: MetricUnit; role: string } {
  const path =
    r.scope === 'flow'
      ? `flows.${r.name}.${r.metric}`
      : r.scope === 'resource'
        ? `resources.${r.name}.${r.metric}`
        : r.scope === 'node'
          ? `flows.${r.name.replace('.', '.nodes.')}.${r.metric}`
          : '';
  const kind = metricKindOf(path);
  const unit: MetricUnit = kind?.unit ?? (/hours$|^wait$|^service$/.test(r.metric) ? 'hours' : r.metric === 'cost' ? 'currency' : 'count');
  return { unit, role: kind?.role ?? 'diagnostic' };
}

/**
 * kpis.csv: every stat of every variant, then every change against the baseline (`row` says which), each with its unit; times in the scenario's time_unit.
 * `comparisons`: the results' comparisonRows, when the caller has them (comparisons.csv is made of them too).
 */
export function kpisCsv(results: Results, comparisons: ComparisonRow[] = comparisonRows(results)): string {
  const time = results.time_unit ?? 'hours';
  const currency = results.currency ?? null;
  const stats = kpiRows(results).map((r) => {
    const { unit, role } = kpiRowKind(r);
    const v = (x: number | null) => inDisplayUnit(unit, x, time);
    return {
      variant: r.variant,
      scope: r.scope,
      name: r.name,
      metric: r.metric,
      mean: v(r.mean),
      ci_low: v(r.ci_low),
      ci_high: v(r.ci_high),
      n: r.n,
      unit: unitName(unit, time, currency),
      role,
      row: 'stat',
      significant: null as boolean | null,
    };
  });
  const n = results.engine.replications;
  const changes = comparisons.map((c) => {
    const p = parseMetricPath(c.metric);
    return {
      variant: c.variant,
      ...kpiRowPlace(c.metric),
      mean: c.change,
      ci_low: c.change_low,
      ci_high: c.change_high,
      n,
      unit: c.change_unit ?? '',
      role: p?.kind.role ?? '',
      row: 'change',
      significant: c.significant as boolean | null,
    };
  });
  // the first eight columns are those kpis.csv always had; unit, role, row and significant were added after them
  return csv(
    [...stats, ...changes],
    ['variant', 'scope', 'name', 'metric', 'mean', 'ci_low', 'ci_high', 'n', 'unit', 'role', 'row', 'significant'],
  );
}

export function replicationsCsv(results: Results): string {
  return csv(replicationRows(results), ['variant', 'replication', 'metric', 'value', 'unit']); // unit added after value (session 50)
}

/** comparisons.csv; `comparisons` as kpisCsv's. */
export function comparisonsCsv(results: Results, comparisons: ComparisonRow[] = comparisonRows(results)): string {
  return csv(comparisons, [
    'variant',
    'metric',
    'label',
    'unit',
    'baseline',
    'value',
    'change',
    'change_unit',
    'change_low',
    'change_high',
    'significant',
    'text',
    'significant_adjusted', // added after text: the columns before keep their places
    'value_unit', // added last (session 50): baseline's and value's unit in kpis.csv's words, where `unit` is the catalogue's
  ]);
}
