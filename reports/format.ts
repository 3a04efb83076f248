// Numbers for people, the one set of formatters of the console and of every report output:
// about three significant digits, times in hours or days, shares in percent, a metric in the
// unit its catalogue entry gives, and a change as the comparison reads: a share in percentage
// points, anything else in percent of the baseline. The console, HTML, Markdown and CSV all
// print a comparison through `comparisonText`, so the same comparison reads the same everywhere.
import { p90Change } from '../engine/analysis/sensitivity.js';
import {
  MATERIAL_CHANGE,
  type MetricKind,
  metricKindOf,
  parseMetricPath,
  type MetricUnit,
  type SeriesKind,
} from '../engine/model/metric-catalogue.js';
import type { Comparison, ResourceSensitivity, Results, Stat } from '../engine/results/types.js';
import {
  amountText,
  decimalNumber,
  fixedDecimals,
  fixedNumber,
  hoursOrDays,
  numDecimals,
  percentText,
  significant,
} from '../engine/number-format.js';
import { largest } from '../engine/lists.js';
import { columnUnit, inUnit, type TimeUnit, unitFor } from './units.js';
import { counted } from '../engine/plural.js';
import { nameLabel } from '../engine/scenario/names.js';

export { groupThousands, wholeNumber } from '../engine/number-format.js';

/** Said in a cell without a value. */
export const MISSING = '–';

function missing(x: number | null | undefined): x is null | undefined {
  return x === null || x === undefined || !Number.isFinite(x);
}

/** 1234.5 -> "1,235", 33.01 -> "33.0", 0.4152 -> "0.42"; never "-0.00" for a value that rounds to zero; "–" without a value (engine/number-format.ts' decimalNumber) */
export function num(x: number | null | undefined): string {
  if (missing(x)) return MISSING;
  return decimalNumber(x);
}

/** 0.953 -> "95.3%", one decimal as a column reads alike; never "-0.0%" (engine/number-format.ts' percentText) */
export function pct(share: number | null | undefined): string {
  if (missing(share)) return MISSING;
  return percentText(share, { decimals: 1 });
}

/** A confidence level as a percentage with the decimals it needs, up to two: 0.95 -> "95%", 0.975 -> "97.5%", 0.9875 -> "98.75%" */
export function level(share: number): string {
  return percentText(share, { maxDecimals: 2 });
}

/** A measure with a fixed number of decimals, as fidelity's distances are read: 0.0412 -> "0.04"; never "-0.00"; "–" without a value */
export function fixed(x: number | null | undefined, digits = 2): string {
  if (missing(x)) return MISSING;
  return fixedNumber(x, digits);
}

/** A mean and its 95% interval with `fixed` decimals, scaled (100 for a share in percent): "2.31 [2.10, 2.52]" */
export function fixedInterval(s: { mean: number | null; ci95: readonly [number, number] | null }, digits = 2, scale = 1): string {
  if (s.mean === null) return MISSING;
  const interval = s.ci95 ? ` [${fixed(s.ci95[0] * scale, digits)}, ${fixed(s.ci95[1] * scale, digits)}]` : '';
  return `${fixed(s.mean * scale, digits)}${interval}`;
}

/**
 * fidelity: the interval one log lies in when the scenario wrote it (Stat.one_log95) and whether
 * the log's figure does, "[2.01, 2.62]: fits" ("outside"), scaled as fixedInterval; '' without one
 * (a file before session 35, or a single replication).
 */
export function oneLogReading(log: number | null, s: { one_log95?: readonly [number, number] | null }, digits = 2, scale = 1): string {
  const one = s.one_log95;
  if (one == null || log === null || Number.isNaN(log)) return '';
  const inside = log >= one[0] && log <= one[1];
  return `[${fixed(one[0] * scale, digits)}, ${fixed(one[1] * scale, digits)}]: ${inside ? 'fits' : 'outside'}`;
}

/** A change in percent, signed unless it rounds to zero: -25.1 -> "-25.1%", 3 -> "+3.0%" */
export function signedPct(percent: number): string {
  return `${signed(percent)}%`;
}

/** A number with `digits` decimals (one unless told), signed unless it rounds to zero: "+2.2", "-0.4", "0.0" */
function signed(x: number, digits = 1): string {
  const text = fixedNumber(x, digits);
  return x > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}

/** The most decimals a change is shown with: beyond them an end near zero reads "+<0.001%" (changeAmount). */
const MOST_CHANGE_DECIMALS = 3;

/**
 * The decimals of a change and its interval: the fewest, one to three, at which no end of the
 * interval that is not zero reads as zero and two ends that differ do not read the same. At one
 * decimal a significant +0.021% [+0.002%, +0.040%] read "0.0% [0.0%, 0.0%]", an interval that
 * seemed to touch zero beside the word "significant", and +0.11% [+0.086%, +0.138%] read
 * "+0.1% [+0.1%, +0.1%]", an interval of no width (s36f). Ends closer than three decimals tell
 * apart (an exact cost's interval, up to rounding) take the decimals the first rule gives.
 */
export function changeDecimals(ends: readonly number[]): number {
  // decided on the digits shown (fixedDecimals, as signed writes them), not toFixed's, which differ at halves
  const nonZero = (digits: number) => ends.every((x) => x === 0 || Number(fixedDecimals(x, digits)) !== 0);
  const apart = (digits: number) =>
    ends.length !== 2 ||
    fixedDecimals(ends[0], 3) === fixedDecimals(ends[1], 3) ||
    fixedDecimals(ends[0], digits) !== fixedDecimals(ends[1], digits);
  for (let digits = 1; digits < MOST_CHANGE_DECIMALS; digits++) if (nonZero(digits) && apart(digits)) return digits;
  return MOST_CHANGE_DECIMALS;
}

/** Hours below three days, days from there: "33.0 h", "5.00 d"; "–" without a value (engine/number-format.ts' hoursOrDays) */
export function duration(hours: number | null | undefined): string {
  if (missing(hours)) return MISSING;
  return hoursOrDays(hours);
}

/** A length of time in words for a sentence: 24 -> "1 day", 4 -> "4 hours", 1.5 -> "1.50 h" */
/** An sla in working days, for a label: "2 working days (office)". */
export function workingDaysText(sla: { working_days: number; calendar: string }): string {
  return `${counted(sla.working_days, 'working day')} (${sla.calendar})`;
}

/** A flow's SLA for a label, clock time or working days ("1 day", "2 working days (office)"); null without one. */
export function slaText(results: Pick<Results, 'slas' | 'sla_working_days'>, flow: string): string | null {
  const working = results.sla_working_days?.[flow];
  if (working !== undefined) return workingDaysText(working);
  const hours = results.slas[flow];
  return hours === undefined ? null : span(hours);
}

export function span(hours: number): string {
  const [count, unit] = hours % 24 === 0 ? [hours / 24, 'day'] : [hours, 'hour'];
  if (!Number.isInteger(count)) return duration(hours);
  return counted(count, unit);
}

/** Chart data to four significant digits: finer differences cannot be seen, and files stay small. */
export function round(x: number): number {
  return significant(x, 4);
}

/** order_to_activation -> "order to activation" (engine/scenario/names.ts, where validation reads it too) */
export const words = nameLabel;

/**
 * A chart's label of at most `max` characters: a longer one keeps its start and its end with an
 * ellipsis between ("staffing_option_7_adds_units_to_the_…allation_engineers_team"), as the two ends are what tell
 * names apart (a numbered prefix, a "(sole)" or "· mean cycle time" suffix). The full text stays
 * in the tooltips and the tables. chartLabelExpr is the same rule in vega's expression language,
 * which counts UTF-16 units where this counts characters: the two cut a name alike unless it holds
 * characters beyond U+FFFF (each two units there, and vega's slice may split one).
 */
export function shortLabel(text: string, max = LABEL_CHARS): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  return `${chars.slice(0, head).join('')}\u2026${chars.slice(chars.length - (max - 1 - head)).join('')}`;
}

/** The longest axis or legend label a chart draws, in characters: about 330 px at 11 px (a 560 px plot beside it). */
export const LABEL_CHARS = 60;

/**
 * The longest label in a legend of names, in characters: about 220 px at 11 px. A legend stands
 * beside the plot and its axis labels, and a variant of 60 characters there made a chart some
 * 1,210 px wide, past report.html's column (s62N).
 */
export const LEGEND_CHARS = 40;

/** The longest title of a chart's panel or of a process map, in characters: about a panel's width at 13 px. */
export const TITLE_CHARS = 80;

/** shortLabel(datum.label) as a vega labelExpr, for every axis and legend of a chart. */
export function chartLabelExpr(max = LABEL_CHARS): string {
  const head = Math.ceil((max - 1) * 0.6);
  return `length(datum.label) > ${max} ? slice(datum.label, 0, ${head}) + '\u2026' + slice(datum.label, ${-(max - 1 - head)}) : datum.label`;
}

/** An amount in the scenario's currency: "EUR 136,800", "EUR 40.1"; without one, "136,800 cost units". The caller says the period. */
export function money(x: number | null | undefined, currency: string | null): string {
  if (missing(x)) return MISSING;
  return amountText(x, currency);
}

/** A change of cost, signed unless it is 0: "+EUR 1,235", "-230 cost units" */
export function signedMoney(x: number | null | undefined, currency: string | null): string {
  if (missing(x)) return MISSING;
  return x === 0 ? money(0, currency) : `${x > 0 ? '+' : '-'}${money(Math.abs(x), currency)}`;
}

/** Said instead of a cost the scenario does not give (a team without cost_per_hour): unknown, not 0. */
export const NO_COST = 'no cost given';

/** What one more unit of a team costs a week: "+EUR 520 per week", or NO_COST when the team has no cost_per_hour. */
export function addedCostText(entry: Pick<ResourceSensitivity, 'added_cost_per_week' | 'cost_given'>, currency: string | null): string {
  return entry.cost_given === false ? NO_COST : `${signedMoney(entry.added_cost_per_week, currency)} per week`;
}

/** What costs are counted in, for a table's heading: "EUR", or "cost units" without a currency */
export function costUnit(currency: string | null): string {
  return currency ?? 'cost units';
}

/** A table cell of a change: "+1,235", "-230", "0.00" (no change reads as `num` writes a zero, beside the values it is the difference of) */
export function signedNum(x: number | null | undefined): string {
  if (missing(x)) return MISSING;
  return x === 0 ? num(0) : `${x > 0 ? '+' : '-'}${num(Math.abs(x))}`;
}

/** One value in a unit: "33.0 h", "95.3%", "12.0" */
export function valueIn(unit: MetricUnit, x: number | null | undefined): string {
  return unit === 'hours' ? duration(x) : unit === 'share' ? pct(x) : num(x);
}

/** A chart series' axis or legend title: its label, with its unit where the label does not say it ("cases waiting", "queue length (hours)"). */
export function seriesMeasure(kind: SeriesKind): string {
  return kind.unit === 'hours' ? `${kind.label} (hours)` : kind.unit === 'share' ? `${kind.label} (%)` : kind.label;
}

/** Values of one metric side by side (a baseline and a variant's) in one unit: a time in hours or days by the largest, so
 *  that 80 h -> 70 h reads "3.33 d → 2.92 d", not "3.33 d → 70.0 h"; "–" for a missing value. */
export function metricValues(path: string, xs: readonly (number | null | undefined)[], costs?: Costs): string[] {
  const unit = unitOf(path);
  if (unit === 'currency' && costs !== undefined) return xs.map((x) => money(x, costs.currency));
  return unit === 'hours' ? durations(xs) : xs.map((x) => metricValue(path, x));
}

/** What a results file's costs are in: its currency, and the measured window a window total covers (hours). */
export interface Costs {
  currency: string | null;
  /** the baseline's measured window */
  windowHours: number;
  /** the variants measured over another window (a `window` warning names them): their totals are over that one (absent: none) */
  otherWindow?: readonly string[];
  /** what a `definition` warning names, as [variant, subject]: a variant's SLA or milestone measured against another target or stretch (absent: none) */
  redefined?: readonly (readonly [string, string])[];
  /** what a `window_ends` warning names, as [variant, metric]: a change the cases in progress at the window's ends make, not the variant (absent: none) */
  windowEnds?: readonly (readonly [string, string])[];
}

export function costsOf(results: Pick<Results, 'currency' | 'horizon' | 'warmup'> & Partial<Pick<Results, 'warnings'>>): Costs {
  const warnings = results.warnings ?? [];
  const otherWindow = warnings.filter((w) => w.code === 'window' && w.variant !== null).map((w) => w.variant!);
  const redefined = warnings
    .filter((w) => w.code === 'definition' && w.variant !== null && w.subject !== null)
    .map((w) => [w.variant!, w.subject!] as const);
  const windowEnds = warnings
    .filter((w) => w.code === 'window_ends' && w.variant !== null && w.subject !== null)
    .map((w) => [w.variant!, w.subject!] as const);
  return { currency: results.currency ?? null, windowHours: results.horizon - results.warmup, otherWindow, redefined, windowEnds };
}

/**
 * A sum over the window (catalogue `total`) of a variant measured over another window than the
 * baseline's: its comparison is no change (s35y F10: a team's cost "+19.4%, significant" over 120 d
 * against 100 d), so the tables say "no comparison" where they would say significant.
 */
export function overAnotherWindow(c: Pick<Comparison, 'variant' | 'metric'>, costs?: Costs): boolean {
  return (costs?.otherWindow?.includes(c.variant) ?? false) && metricKindOf(c.metric)?.total === true;
}

const ANOTHER_WINDOW = 'no comparison: another measured window (see warnings)';

/**
 * A comparison of a figure the variant measures against another target or stretch than the
 * baseline (a `definition` warning's subject: a changed SLA's attainment, a milestone's figures):
 * not a before and after of one figure, so the tables say "no comparison" where they would say
 * significant (s36f: relaxing 2 working days to 3 read "96.6% → 100.0%, +3.4 pp [+2.5, +4.3]" in
 * the console, "better (see warnings)" in bold on the executive page, at identical cycle times).
 */
export function redefinedFigure(c: Pick<Comparison, 'variant' | 'metric'>, costs?: Costs): boolean {
  return (costs?.redefined ?? []).some(
    ([variant, subject]) => variant === c.variant && (c.metric === subject || c.metric.startsWith(`${subject}.`)),
  );
}

export const ANOTHER_TARGET = 'no comparison: another target (see warnings)';

/**
 * A change that a `window_ends` warning explains: both take the same arrivals, neither cancels
 * nor is overloaded, so over a long run both complete what arrives, and the difference is the
 * cases in progress at the window's two ends (s36f F5: such a throughput change read "better (see
 * warnings)" in bold on the executive page).
 */
export function windowEndsFigure(c: Pick<Comparison, 'variant' | 'metric'>, costs?: Costs): boolean {
  return (costs?.windowEnds ?? []).some(([variant, metric]) => variant === c.variant && c.metric === metric);
}

export const WINDOW_ENDS = "no comparison: the cases in progress at the window's ends (see warnings)";

/** Why a comparison is no change, in the tables' words; null when it is one. */
function noComparison(c: Pick<Comparison, 'variant' | 'metric'>, costs?: Costs): string | null {
  if (overAnotherWindow(c, costs)) return ANOTHER_WINDOW;
  if (windowEndsFigure(c, costs)) return WINDOW_ENDS;
  return redefinedFigure(c, costs) ? ANOTHER_TARGET : null;
}

/**
 * What a cost metric is in, for a label: "GBP" for a cost per case, "GBP, over the 160 d measured
 * window" for a sum over the window (a team's cost, catalogue `total`); null for a metric not in
 * money. Beside the executive page's "GBP ... per week", a bare 1,424,800 read as a week's.
 */
export function costNote(kind: MetricKind | undefined, costs: Costs, variant?: string): string | null {
  if (kind?.unit !== 'currency') return null;
  if (!kind.total) return costUnit(costs.currency);
  const window = `over the ${duration(costs.windowHours)} measured window`;
  // a variant with a window of its own: the label names the baseline's as the baseline's
  return variant !== undefined && (costs.otherWindow?.includes(variant) ?? false)
    ? `${costUnit(costs.currency)}, ${window} in the baseline and another in ${variant}`
    : `${costUnit(costs.currency)}, ${window}`;
}

/** A comparison's KPI as a gains or diagnostics table names it, a cost with what it is in: "field techs · cost (GBP, over the 160 d measured window)"; given the variant, one with a window of its own says so */
export function comparisonLabel(path: string, costs: Costs, variant?: string): string {
  const note = costNote(metricKindOf(path) ?? undefined, costs, variant);
  return note === null ? metricLabel(path) : `${metricLabel(path)} (${note})`;
}

/** Lengths of time read together (a value and its interval, a baseline and a variant) in hours or days by the largest:
 *  "70.0 h [66.0 h, 74.0 h]" read "70.0 h [66.0 h, 3.08 d]" one at a time. "–" for a missing value. */
export function durations(hours: readonly (number | null | undefined)[], time?: TimeUnit): string[] {
  const unit = time ?? unitFor(largestOf(hours));
  return hours.map((x) => (missing(x) ? MISSING : `${num(inUnit(x, unit))} ${unit.short}`));
}

function largestOf(xs: readonly (number | null | undefined)[]): number {
  return largest(
    xs.map((x) => (missing(x) ? 0 : Math.abs(x))),
    0,
  );
}

/**
 * The unit a table column of stats gives its times in (`statText`'s `time`): one for the column,
 * from the largest of its means (engine/number-format.ts' columnUnit: minutes below an hour, days
 * from three days), so that the column reads down in one unit.
 */
export function columnTime(stats: readonly (Pick<Stat, 'mean'> | null | undefined)[]): TimeUnit {
  return columnUnit(largestOf(stats.map((s) => s?.mean)));
}

/** A mean and its 95% interval read together, in one unit (durations: `time`, else by the largest): "2.90 d [2.38 d, 3.43 d]", not "69.7 h [57.0 h, 3.43 d]"; the mean alone without an interval. */
export function withInterval(unit: MetricUnit, stat: Pick<Stat, 'mean' | 'ci95'>, time?: TimeUnit): string {
  const xs = stat.ci95 === null ? [stat.mean] : [stat.mean, stat.ci95[0], stat.ci95[1]];
  const [mean, low, high] = unit === 'hours' ? durations(xs, time) : xs.map((x) => valueIn(unit, x));
  return stat.ci95 === null ? mean : `${mean} [${low}, ${high}]`;
}

/** The unit of the metric at a results path; a count for a path the catalogue does not know. */
export function unitOf(path: string): MetricUnit {
  return metricKindOf(path)?.unit ?? 'count';
}

/** One value of the metric at `path`, in its unit. */
export function metricValue(path: string, x: number | null | undefined): string {
  return valueIn(unitOf(path), x);
}

/** The most decimals valuesApart adds to tell two values apart: 1.62 h and 1.6200004 h read alike beyond it. */
const MORE_DECIMALS = 4;

/**
 * A value beside the one it is checked against, in a sentence ("the end of its interval X against
 * Y"): in one unit (a time in minutes, hours or days by the larger, as a table column: columnUnit),
 * and where the two differ, to as many more decimals as tell them apart, up to MORE_DECIMALS. s35y
 * F6: "1.62 h against 1.62 h", missed; a 1-minute target read "0.02 h against 0.02 h". "–" for a missing value.
 */
export function valuesApart(path: string, a: number | null | undefined, b: number | null | undefined): [string, string] {
  if (missing(a) || missing(b)) return [metricValue(path, a), metricValue(path, b)];
  const unit = unitOf(path);
  const time = unit === 'hours' ? columnUnit(Math.max(Math.abs(a), Math.abs(b))) : null;
  const [x, y] = time !== null ? [inUnit(a, time), inUnit(b, time)] : unit === 'share' ? [a * 100, b * 100] : [a, b];
  const suffix = time !== null ? ` ${time.short}` : unit === 'share' ? '%' : '';
  const base = unit === 'share' ? 1 : numDecimals(Math.max(Math.abs(x), Math.abs(y)));
  let decimals = base;
  while (a !== b && fixedNumber(x, decimals) === fixedNumber(y, decimals) && decimals < base + MORE_DECIMALS) decimals++;
  return [`${fixedNumber(x, decimals)}${suffix}`, `${fixedNumber(y, decimals)}${suffix}`];
}

/** flows.order_to_activation.cycle_time.mean -> "order to activation · mean cycle time"; a KPI or node stat is prefixed with its name. */
export function metricLabel(path: string): string {
  const p = parseMetricPath(path);
  if (!p) return words(path).replace(/\./g, ' ');
  const stat = p.part === null ? p.kind.label : `${words(p.part)} ${p.kind.label}`;
  return `${words(p.owner)} · ${stat}`;
}

/** A stat's mean in its unit, for a table of means: "52.1 h"; "–" without one. */
export function meanText(path: string, stat: Stat | null | undefined): string {
  return metricValue(path, stat?.mean);
}

/**
 * A stat for a table cell: the mean and the half-width of its 95% interval, "52.1 ± 1.00 h", when
 * the interval is symmetric about the mean as shown; otherwise the mean and the interval's ends,
 * "0.0% [0.0%, 2.0%]" (withInterval). An interval cut to its metric's range
 * (reports/shown-intervals.ts) is not, nor is Johnson's, which skewness moves and stretches:
 * "0.0 ± 2.0%" of a utilisation whose interval is [0%, 2%] said it reached -2%. Symmetric as
 * shown: the interval's midpoint lies within half a unit of the half-width's last shown digit from
 * the mean, so that mean - half-width and mean + half-width are its ends to the precision shown (a
 * t interval always is: its midpoint is the mean up to rounding error). "–" without a mean; the
 * mean alone without an interval. A time is in `time`, a table column's (`columnTime`), else in
 * hours or days by the mean.
 */
export function statText(path: string, stat: Stat | null | undefined, time?: TimeUnit): string {
  if (!stat || stat.mean === null) return MISSING;
  const unit = unitOf(path);
  if (stat.ci95 === null) return unit === 'hours' ? durations([stat.mean], time)[0] : valueIn(unit, stat.mean);
  const [low, high] = stat.ci95;
  const shownTime = time ?? unitFor(stat.mean);
  // the half-width and the midpoint's offset from the mean in the unit shown: percent, minutes, hours or days, or as they are
  const shown = (x: number) => (unit === 'share' ? x * 100 : unit === 'hours' ? inUnit(x, shownTime) : x);
  const half = shown((high - low) / 2);
  const offset = Math.abs(shown((low + high) / 2 - stat.mean));
  const decimals = unit === 'share' ? 1 : numDecimals(half);
  if (!(offset < 0.5 * 10 ** -decimals)) return withInterval(unit, stat, time);
  if (unit === 'share') return `${fixedDecimals(stat.mean * 100, 1)} ± ${fixedDecimals(half, 1)}%`;
  if (unit !== 'hours') return `${num(stat.mean)} ± ${num(half)}`;
  return `${num(inUnit(stat.mean, shownTime))} ± ${num(half)} ${shownTime.short}`;
}

/** A comparison's change as it reads: a share in percentage points, anything else in % of the baseline. */
export interface Change {
  unit: 'pp' | '%';
  value: number;
  /** the paired 95% interval in the same unit; null without one */
  low: number | null;
  high: number | null;
}

/** null when the change has no relative reading (a baseline of zero). */
export function changeOf(c: Comparison): Change | null {
  if (unitOf(c.metric) === 'share') {
    return { unit: 'pp', value: c.delta * 100, low: c.ci95 ? c.ci95[0] * 100 : null, high: c.ci95 ? c.ci95[1] * 100 : null };
  }
  if (c.delta_pct === null) return null;
  const interval = percentInterval(c);
  return { unit: '%', value: c.delta_pct, low: interval ? interval[0] : null, high: interval ? interval[1] : null };
}

/** A change smaller than the catalogue's MATERIAL_CHANGE (0.5% of the baseline, 0.5 pp for a share): significant or not, no gain or loss to report. */
export function immaterial(c: Comparison): boolean {
  const change = changeOf(c);
  if (change === null) return false;
  return Math.abs(change.value) < (change.unit === 'pp' ? MATERIAL_CHANGE.points : MATERIAL_CHANGE.percent);
}

/** The paired 95% interval of the change, in percent of the baseline; null without an interval or a baseline to divide by.
 *  From the ratio of the means on the log scale (`delta_pct_ci95`), which never falls below -100%; results
 *  files written before that key get the difference's interval over the baseline. */
export function percentInterval(c: Comparison): [number, number] | null {
  if (c.delta_pct_ci95 !== undefined) return c.delta_pct_ci95;
  return differenceInPercent(c);
}

/** The difference's paired interval (`ci95`, the one significance is judged on) in percent of the baseline: a scaling,
 *  so it tells 0 as `ci95` does; null without an interval or a baseline to divide by. */
function differenceInPercent(c: Comparison): [number, number] | null {
  if (c.ci95 === null || c.baseline === 0) return null;
  const ends = c.ci95.map((x) => (x / c.baseline) * 100);
  return [Math.min(...ends), Math.max(...ends)];
}

/** "-31.3% [-32.8%, -29.7%]"; a share: "+10.0 pp [+4.0, +16.0]"; a small change with the decimals its interval needs,
 *  "+0.021% [+0.002%, +0.040%]", and an end too near zero for three decimals as a bound on its size, "+0.010%
 *  [+<0.001%, +0.020%]" (its "0.000%" read as an interval touching zero beside "significant", s36f); "–" without a
 *  relative change. */
export function changeAmount(c: Comparison): string {
  const change = changeOf(c);
  if (change === null) return MISSING;
  const interval = change.low === null || change.high === null ? null : [change.low, change.high];
  const digits = changeDecimals(interval ?? []);
  const [unit, endUnit] = change.unit === 'pp' ? [' pp', ''] : ['%', '%'];
  const ends = interval ? ` ${intervalEnds(interval, digits, endUnit)}` : '';
  // the change itself reads 0 only when its interval spans 0 ("0.0% [-0.2%, +0.1%]") or at the most decimals there are
  return `${digits === MOST_CHANGE_DECIMALS ? signedOrBound(change.value, digits) : signed(change.value, digits)}${unit}${ends}`;
}

/** "[-2.1%, +<0.001%]": an interval's ends at `digits` decimals, never a zero that is not one. */
function intervalEnds([low, high]: readonly number[], digits: number, endUnit: string): string {
  return `[${signedOrBound(low, digits)}${endUnit}, ${signedOrBound(high, digits)}${endUnit}]`;
}

/** `signed`, but a number other than zero that would read zero is "+<0.001" ("-<0.001"): never a zero that is not one. */
function signedOrBound(x: number, digits: number): string {
  const text = signed(x, digits);
  if (x === 0 || /[1-9]/.test(text)) return text;
  return `${x > 0 ? '+' : '-'}<${fixedNumber(10 ** -digits, digits)}`;
}

/** "33.0 h → 22.7 h, -31.3% [-32.8%, -29.7%]"; a share: "80.0% → 90.0%, +10.0 pp [+4.0, +16.0]" */
export function changeText(c: Comparison, costs?: Costs): string {
  const [baseline, value] = metricValues(c.metric, [c.baseline, c.value], costs);
  const values = `${baseline} → ${value}`;
  return changeOf(c) === null ? values : `${values}, ${changeAmount(c)}`;
}

/** The change and, when its interval includes zero, " (not significant)", or when an outcome KPI's significance
 *  does not survive Holm's adjustment within its variant's outcome family, " (not significant after Holm)", or
 *  when it is sure but under the catalogue's MATERIAL_CHANGE, " (no material change)": what the console, HTML and
 *  Markdown print. */
export function comparisonText(c: Comparison, costs?: Costs): string {
  const none = noComparison(c, costs);
  return `${changeText(c, costs)}${none !== null ? ` (${none})` : verdict(c)}`;
}

/** Significant, and kept so by Holm's adjustment within its variant's outcome family (a file without the adjustment: significant). */
export function keptSignificant(c: Comparison): boolean {
  return c.significant && c.significant_adjusted !== false;
}

/**
 * The "significant" column of a gains table: yes, no, "not after Holm" where the console says
 * "(not significant after Holm)", or "no material change" where it says so (a sure change under
 * the catalogue's MATERIAL_CHANGE: "yes" there contradicted the verdict); where the row's interval (the ratio's) and the difference's
 * interval that decides disagree about 0, it says which decides and shows it, as the console's verdict does
 * ("yes" beside "-99.8% [-100.0%, +1446.5%]" read as a contradiction; a bare "the difference's interval excludes 0"
 * still left the reader with no interval that did, s60).
 */
export function significance(c: Comparison, costs?: Costs): string {
  const none = noComparison(c, costs);
  if (none !== null) return none;
  if (c.ci95 === null) return 'no interval';
  const decides = decidingInterval(c);
  if (!c.significant) return decides === null ? 'no' : `no: ${decides}`;
  if (c.significant_adjusted === false) return 'not after Holm';
  if (immaterial(c)) return 'no material change'; // the verdict's word (comparisonText): sure, but under MATERIAL_CHANGE
  return decides === null ? 'yes' : `yes: ${decides}`;
}

/**
 * Where the relative interval shown (the ratio's, `delta_pct_ci95`) tells 0 otherwise than the
 * difference's paired interval (`ci95`) on which significance is judged: the latter, in percent of
 * the baseline with the change column's decimals, and what it says of 0: "the difference's paired
 * interval, [-2.173%, +0.002%] of the baseline, includes 0". Beside a verdict that a reader would
 * otherwise check against the row's interval and find wrong. null where the two agree, or where the
 * change shown is in points (a share's interval is `ci95` itself).
 */
export function decidingInterval(c: Comparison): string | null {
  const shown = changeOf(c)?.unit === '%' ? percentInterval(c) : null;
  const decides = differenceInPercent(c);
  if (shown === null || decides === null) return null;
  const shownExcludesZero = shown[0] > 0 || shown[1] < 0;
  if (shownExcludesZero === c.significant) return null;
  return `the difference's paired interval, ${intervalEnds(decides, changeDecimals(decides), '%')} of the baseline, ${c.significant ? 'excludes' : 'includes'} 0`;
}

/**
 * The verdict after a change. Significance is judged on the paired interval of the difference
 * (`ci95`), while a relative change shows the ratio's interval (`delta_pct_ci95`, the delta method
 * on the log scale): near zero the two can disagree, and the verdict then says which decides and
 * shows it (decidingInterval), so that an interval of negatives is not called "not significant" without a word.
 */
function verdict(c: Comparison): string {
  if (c.ci95 === null) return ' (no interval)'; // fewer than two replications measured it; "not significant" would read as "no effect"
  const decides = decidingInterval(c);
  if (!c.significant) return decides === null ? ' (not significant)' : ` (not significant: ${decides})`;
  if (c.significant_adjusted === false) return ' (not significant after Holm)';
  if (immaterial(c)) return ' (no material change)'; // the executive page's word for it (s37e): sure, but under MATERIAL_CHANGE
  return decides === null ? '' : ` (significant: ${decides})`;
}

/** A change of a sensitivity entry: "-18.2% [-20.1%, -16.4%]", "–" without one, with the verdict (no Holm's adjustment: a ranking, not a decision family). */
export function relative(c: Comparison | null): string {
  if (c === null || changeOf(c) === null) return MISSING;
  return `${changeAmount(c)}${verdict({ ...c, significant_adjusted: null })}`;
}

/** "+1 field_techs: order_to_activation p90 -18.2% [-20.1%, -16.4%], +EUR 520 per week" ("..., no cost given" without cost_per_hour) */
export function sensitivityLine(entry: ResourceSensitivity, currency: string | null): string {
  const cost = addedCostText(entry, currency);
  if (entry.key_flow === null || !Number.isFinite(p90Change(entry)))
    return `+1 ${entry.resource}: no flow completed cases to compare, ${cost}`;
  return `+1 ${entry.resource}: ${entry.key_flow} p90 ${relative(entry.flows[entry.key_flow].p90)}, ${cost}`;
}
