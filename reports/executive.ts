// The executive page's content, one data function for every output that shows it (HTML,
// Markdown, PowerPoint, Excel): per variant, its outcome KPIs only (the catalogue's outcomes a
// board asks for: mean and p90 cycle time, SLA attainment, throughput, and cost per case of the
// hours worked: what the flow's own work costs, which hours another flow frees on a shared team
// do not move, where the fully loaded cost per case would shift the team's idle hours onto it), each as
// baseline -> variant with the change and its interval in the metric's unit, and the
// cost-versus-benefit line: the weekly cost of the variant's staffing against the baseline's.
// Invariant: only comparisons results.json holds; a share changes in pp, other metrics in %.
// A row that a warning of the variant or of the baseline (the comparison reads both) concerns
// says so in its verdict, so that a figure is never shown plainly where the run doubts it:
// a skewed KPI or a low p95 is its own row; a warning on a flow (censored cases, a warm-up
// transient) every row of that flow; one on a team (unstable, a window too short for its queue)
// every row, as the team may serve every flow; a cost warning the cost rows (an idle team's, the
// fully loaded cost per case only). A warning about the whole run (precision) marks no row.
// Without variants the page is the baseline's own outcomes (baselineSummary).
import { FLOW_METRICS, isShown, metricKindOf, type MetricKind } from '../engine/model/metric-catalogue.js';
import type { Comparison, Results, Stat, Warning } from '../engine/results/types.js';
import { statAt } from '../engine/results/paths.js';
import {
  changeAmount,
  costsOf,
  decidingInterval,
  immaterial,
  keptSignificant,
  metricValues,
  money,
  redefinedFigure,
  windowEndsFigure,
  withInterval,
  words,
} from './format.js';
import { inReadingOrder } from './gains.js';

/** The outcome KPIs of the executive page, in the catalogue's reading order. */
export const EXECUTIVE_KINDS: readonly MetricKind[] = [
  FLOW_METRICS.cycleMean,
  FLOW_METRICS.cycleP90,
  FLOW_METRICS.sla,
  FLOW_METRICS.throughput,
  FLOW_METRICS.usedCostPerCase,
];

export interface OutcomeLine {
  metric: string;
  flow: string;
  /** "mean cycle time" */
  label: string;
  baseline: string;
  value: string;
  /** "-4.5% [-4.6%, -4.4%]", "+2.2 pp [+2.1, +2.3]" */
  change: string;
  /** the comparison's own 95% interval excludes zero */
  significant: boolean;
  /** significant, and Holm's adjustment within the variant's outcome family keeps it so (files without the
   *  adjustment: as `significant`) */
  kept: boolean;
  /** whether the change is for the better (by the catalogue's direction); null when neither, not kept significant or not material */
  better: boolean | null;
  /** the change reaches the catalogue's MATERIAL_CHANGE (0.5% of the baseline, 0.5 pp for a share) */
  material: boolean;
  /** the codes of the warnings that concern this row (see the header), in the order results.json lists them, once each */
  warned: string[];
  comparison: Comparison;
}

export interface StaffingCost {
  /** per week, in the scenario's currency */
  baseline: number;
  variant: number;
  delta: number;
  /** the codes of the warnings that concern every cost figure of the variant or the baseline (`cost`: a team without cost_per_hour), once each */
  warned: string[];
}

export interface VariantSummary {
  variant: string;
  description: string | null;
  outcomes: OutcomeLine[];
  /** null when results.json carries no inputs (written before they were added), or no team has a cost */
  staffing: StaffingCost | null;
  /** the cost-versus-benefit line in words */
  costLine: string;
}

/** The weekly cost of a variant's teams as staffed: cost per hour times staffed unit-hours a week. */
export function weeklyStaffingCost(results: Results, variant: string): number | null {
  const inputs = results.variants[variant]?.inputs;
  if (!inputs) return null;
  return Object.values(inputs.resources).reduce((sum, r) => sum + r.cost_per_hour * r.hours_per_week, 0);
}

/** A flow's outcomes the catalogue puts in the headline, and the cost per case of the hours worked: a metric registered as a headline outcome appears here too. */
function isExecutive(c: Comparison): boolean {
  const kind = metricKindOf(c.metric);
  if (kind === null || kind.role !== 'outcome' || c.metric.includes('.kpis.') || c.metric.includes('.nodes.')) return false;
  return EXECUTIVE_KINDS.includes(kind) || isShown(kind, 'headline');
}

/** Whether warning `w` concerns the row of `metric` (flow `flow`) of `variant` (see the header). */
function concerns(w: Warning, variant: string, metric: string, flow: string): boolean {
  if (w.variant !== variant && w.variant !== 'baseline') return false;
  const subject = w.subject ?? '';
  if (w.code === 'skewed' || w.code === 'percentile' || w.code === 'definition' || w.code === 'window_ends') return subject === metric;
  if (w.code === 'window') {
    // a sum over the window, and throughput: completions over another window's ends and hours of the week (not window_ends, one cause one warning)
    const kind = metricKindOf(metric);
    return kind?.total === true || kind === FLOW_METRICS.throughput;
  }
  // a team without cost_per_hour (no subject) leaves its work out of every cost; an idle team's
  // cost (its subject) is out of the fully loaded cost per case only: the cost per case of the
  // hours worked leaves idle hours out by design, and the staffing cost counts them (s36c F5)
  if (w.code === 'cost')
    return w.subject === null ? metricKindOf(metric)?.unit === 'currency' : metricKindOf(metric) === FLOW_METRICS.costPerCase;
  return subject.startsWith('resources.') || subject === `flows.${flow}` || subject.startsWith(`flows.${flow}.`);
}

/** The codes of the warnings that concern an outcome's row (see the header), once each: the executive page's "(see warnings)", and the gains chart's mark. */
export function warningsOn(results: Results, c: Comparison): string[] {
  return warningsOnMetric(results, c.variant, c.metric);
}

/** The same for a variant's own figure of a flow metric (the SLA chart's bars, the baseline's among them): the rule above, by variant and metric path. */
export function warningsOnMetric(results: Results, variant: string, metric: string): string[] {
  const flow = metric.split('.')[1];
  return [...new Set((results.warnings ?? []).filter((w) => concerns(w, variant, metric, flow)).map((w) => w.code))];
}

function outcomeLine(results: Results, c: Comparison): OutcomeLine {
  const kind = metricKindOf(c.metric)!;
  const currency = results.currency ?? null;
  // The executive page is Holm's family: a change it does not keep is noise there, not a gain.
  // Both sides in one unit of time (metricValues): "3.33 d → 2.92 d", never "3.33 d → 70.0 h".
  const [baseline, value] =
    kind.unit === 'currency' ? [money(c.baseline, currency), money(c.value, currency)] : metricValues(c.metric, [c.baseline, c.value]);
  const flow = c.metric.split('.')[1];
  const warned = warningsOn(results, c);
  // a figure measured against another target than the baseline's (a changed SLA) is no gain however significant
  // nor is a change the window's ends make (a window_ends warning)
  const costs = costsOf(results);
  const kept = keptSignificant(c) && !redefinedFigure(c, costs) && !windowEndsFigure(c, costs);
  // a sure change too small to matter (the catalogue's MATERIAL_CHANGE) is neither better nor worse
  const material = !immaterial(c);
  const better = !kept || !material || kind.better === 'neither' ? null : c.delta < 0 === (kind.better === 'lower');
  return {
    metric: c.metric,
    flow,
    label: kind.label,
    baseline,
    value,
    change: changeAmount(c),
    significant: c.significant,
    kept,
    better,
    material,
    warned,
    comparison: c,
  };
}

function costLine(results: Results, variant: string, staffing: StaffingCost | null, outcomes: OutcomeLine[]): string {
  const currency = results.currency ?? null;
  const parts: string[] = [];
  if (staffing) {
    parts.push(
      staffing.delta === 0
        ? `staffing unchanged at ${money(staffing.variant, currency)} per week`
        : `staffing ${money(staffing.baseline, currency)} -> ${money(staffing.variant, currency)} per week (${staffing.delta > 0 ? '+' : '-'}${money(Math.abs(staffing.delta), currency)})`,
    );
    if (staffing.warned.length > 0) parts[parts.length - 1] += ' (see warnings)';
  }
  for (const o of outcomes.filter((x) => metricKindOf(x.metric) === FLOW_METRICS.usedCostPerCase)) {
    parts.push(`${o.label} (${words(o.flow)}) ${o.baseline} -> ${o.value}, ${o.change}${o.kept ? '' : `, ${verdict(o)}`}`);
  }
  void variant;
  return parts.length === 0 ? 'no cost figures' : parts.join('; ');
}

/** The verdict column: better or worse by the catalogue's direction, or said plainly that nothing significant changed,
 *  or that Holm's adjustment does not keep the change significant (in the console's words); "(see warnings)" after it
 *  when a warning concerns the row. */
export function verdict(o: OutcomeLine): string {
  const caution = o.warned.length > 0 ? ' (see warnings)' : '';
  return `${plainVerdict(o)}${caution}`;
}

function plainVerdict(o: OutcomeLine): string {
  if (o.warned.includes('definition')) return 'no comparison: another target';
  if (o.warned.includes('window_ends')) return "no comparison: the cases in progress at the window's ends";
  if (o.comparison.ci95 === null) return 'no interval'; // one replication: not "no significant change", which reads as "no effect"
  if (!o.significant) return withDecidingInterval('no significant change', o);
  if (!o.kept) return 'not significant after Holm';
  if (!o.material) return 'no material change';
  return withDecidingInterval(o.better === null ? 'changed' : o.better ? 'better' : 'worse', o);
}

/** A verdict of significance beside a change whose interval shown (the ratio's) tells 0 otherwise: the interval that
 *  decides, in brackets ("better (the difference's paired interval, [-2.2%, -0.001%] of the baseline, excludes 0)"). */
function withDecidingInterval(word: string, o: OutcomeLine): string {
  const decides = decidingInterval(o.comparison);
  return decides === null ? word : `${word} (${decides})`;
}

export const EXECUTIVE_NOTE =
  'Outcomes only: how fast (mean and p90 cycle time), how reliably (SLA attainment), how much (throughput) and at what cost (cost per case of the hours worked: the working hours its cases used at their teams\' cost per hour; a team\'s idle paid hours are in the staffing cost, in no flow\'s). A change is in % of the baseline, a share\'s in percentage points (pp); the interval is the paired 95% confidence interval over the replications. "No significant change" means the interval includes zero: the simulation cannot tell this variant from the baseline on that outcome; "no interval", that fewer than two replications measured it, so that nothing can be told; "not significant after Holm", that its interval excludes zero but not by enough for the number of outcomes compared at once (Holm\'s adjustment, family-wise 5%); "no comparison: another target", that the variant measures that outcome against another target than the baseline (a changed SLA), so that its change is no gain or loss; "no material change", that the change is sure but smaller than 0.5% of the baseline (0.5 pp for a share), closer than a simulation\'s inputs are known; "no comparison: the cases in progress at the window\'s ends", that both complete what arrives over a long run and the change is only the cases under way when the measured window opens and closes; "(see warnings)", that a warning of this run concerns that row: read it before the figure. Staffing cost is cost per unit-hour times the unit-hours a week each team is staffed.';

/** Every variant's executive summary, variants in results order. */
export function executiveSummary(results: Results): VariantSummary[] {
  const base = weeklyStaffingCost(results, 'baseline');
  // no team of any variant has a cost: every cost is 0, a figure nobody gave (s33x F24: "staffing unchanged at 0.00")
  const costless = noCostGiven(results);
  const ordered = inReadingOrder(results.comparisons); // once, not per variant: a sort of every comparison each
  return Object.entries(results.variants)
    .filter(([name]) => name !== 'baseline')
    .map(([variant, block]) => {
      const outcomes = ordered
        .filter((c) => c.variant === variant && isExecutive(c) && !(costless && metricKindOf(c.metric)?.unit === 'currency'))
        .map((c) => outcomeLine(results, c));
      const own = weeklyStaffingCost(results, variant);
      const warned = [
        ...new Set(
          (results.warnings ?? [])
            .filter((w) => w.code === 'cost' && (w.variant === variant || w.variant === 'baseline'))
            .map((w) => w.code),
        ),
      ];
      const staffing = base === null || own === null || costless ? null : { baseline: base, variant: own, delta: own - base, warned };
      const line = costless ? NO_COSTS_GIVEN : costLine(results, variant, staffing, outcomes);
      return { variant, description: block.description, outcomes, staffing, costLine: line };
    });
}

/** One outcome of the baseline alone: its mean with the 95% interval, in the metric's unit. */
export interface BaselineOutcome {
  metric: string;
  flow: string;
  label: string;
  /** "52.1 h [50.3 h, 53.9 h]"; the mean alone without an interval */
  value: string;
  /** the codes of the warnings that concern this row (the rule of the variants' rows), once each */
  warned: string[];
  stat: Stat;
}

/** The executive page of a run with no variant: the baseline's own outcomes, so that the page a board opens is never empty. */
export interface BaselineSummary {
  outcomes: BaselineOutcome[];
  /** per week, in the scenario's currency; null without inputs or without any cost given */
  staffing: number | null;
  /** the codes of the warnings that concern the staffing cost (`cost`: a team without cost_per_hour), once each */
  staffingWarned: string[];
  /** the staffing cost in words, as a variant's cost line begins */
  costLine: string;
}

/** The first line of a run's executive page without a variant. */
export const BASELINE_ONLY =
  'No variant to compare with the baseline: its outcomes, each with its 95% confidence interval over the replications.';

/**
 * The baseline's outcomes when results.json holds no variant (null when it holds one): the
 * KPIs a variant's page compares (EXECUTIVE_KINDS and the catalogue's headline outcomes), per
 * flow in results order, read off the baseline's block; cost per case only where a team has a
 * cost. HTML, Markdown, the deck and the workbook all show these rows (s36f F6: the deck and the
 * workbook had no KPI page at all).
 */
export function baselineSummary(results: Results): BaselineSummary | null {
  if (Object.keys(results.variants).some((name) => name !== 'baseline')) return null;
  const block = results.variants.baseline;
  if (block === undefined) return null;
  const costless = noCostGiven(results);
  const kinds = (Object.values(FLOW_METRICS) as MetricKind[])
    .filter((k) => EXECUTIVE_KINDS.includes(k) || (k.role === 'outcome' && isShown(k, 'headline')))
    .filter((k) => !(costless && k.unit === 'currency'))
    .sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  const outcomes: BaselineOutcome[] = [];
  for (const flow of Object.keys(block.flows)) {
    for (const kind of kinds) {
      const metric = `flows.${flow}.${kind.stat}`;
      const stat = statAt(block, metric);
      if (stat === null || stat.mean === null) continue;
      const value = kind.unit === 'currency' ? moneyWithInterval(stat, results.currency ?? null) : withInterval(kind.unit, stat);
      outcomes.push({ metric, flow, label: kind.label, value, warned: warningsOnMetric(results, 'baseline', metric), stat });
    }
  }
  const weekly = costless ? null : weeklyStaffingCost(results, 'baseline');
  const costLine = costless
    ? NO_COSTS_GIVEN
    : weekly === null
      ? 'no cost figures'
      : `staffing ${money(weekly, results.currency ?? null)} per week`;
  const staffingWarned = [
    ...new Set((results.warnings ?? []).filter((w) => w.code === 'cost' && w.variant === 'baseline').map((w) => w.code)),
  ];
  const warnedLine = staffingWarned.length > 0 && weekly !== null ? `${costLine} (see warnings)` : costLine;
  return { outcomes, staffing: weekly, staffingWarned, costLine: warnedLine };
}

/** An amount and its interval in the scenario's currency: "EUR 41.2 [EUR 40.1, EUR 42.3]". */
function moneyWithInterval(stat: Stat, currency: string | null): string {
  const mean = money(stat.mean, currency);
  return stat.ci95 === null ? mean : `${mean} [${money(stat.ci95[0], currency)}, ${money(stat.ci95[1], currency)}]`;
}

/** The cost-versus-benefit line of a run in which no team has a cost_per_hour. */
export const NO_COSTS_GIVEN = 'no costs given (no team has a cost_per_hour)';

/** Whether no team of any variant was given a cost (files with inputs only: an older file says nothing of it). */
function noCostGiven(results: Results): boolean {
  const blocks = Object.values(results.variants);
  return blocks.every((b) => b.inputs !== undefined && Object.values(b.inputs.resources).every((r) => r.cost_given === false));
}
