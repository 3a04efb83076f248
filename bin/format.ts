// Numbers for people: hours or days, whichever reads better, and intervals in brackets.
import { p90Change } from '../engine/analysis/sensitivity.js';
import type { Comparison, ResourceSensitivity } from '../engine/results/types.js';
import { pointChange, relativeChange } from '../reports/gains.js';
import { metricKind } from '../reports/metrics.js';

export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return fixed(x, digits);
}

/** A duration in hours, shown in days from three days up. */
export function duration(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '–';
  return Math.abs(hours) >= 72 ? `${fixed(hours / 24, 2)} d` : `${fixed(hours, 2)} h`;
}

export function pct(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '–' : `${fixed(share * 100, digits)}%`;
}

/** toFixed, without the sign of a value that rounds to zero ("-0.00" reads as a change). */
function fixed(x: number, digits: number): string {
  const text = x.toFixed(digits);
  return Number(text) === 0 ? text.replace(/^-/, '') : text;
}

/** One value of a metric, in the unit its name implies (the report's classification, the CLI's precision). */
export function metricValue(metric: string, x: number): string {
  const kind = metricKind(metric);
  return kind === 'hours' ? duration(x) : kind === 'share' ? pct(x) : num(x);
}

/** "52.10 h -> 39.00 h, -25.1% [-26.9%, -23.4%]"; shares change in points: "87.7% -> 89.9%, +2.2 pp [+2.1, +2.3]" */
export function change(c: Comparison): string {
  const from = `${metricValue(c.metric, c.baseline)} -> ${metricValue(c.metric, c.value)}`;
  const by = metricKind(c.metric) === 'share' ? pointChange(c) : c.delta_pct === null ? metricValue(c.metric, c.delta) : relativeChange(c);
  return `${from}, ${by}${verdict(c)}`;
}

/** A metric path for people: flows.order.cycle_time.p90 -> "order cycle time p90". */
export function metricLabel(path: string): string {
  return path
    .replace(/^(flows|resources)\./, '')
    .replace(/\.kpis\./, ' ')
    .replace(/_/g, ' ')
    .replace(/\./g, ' ');
}

/** "+1 field_techs: order_to_activation p90 -18.2% [-20.1%, -16.4%], +520/week" */
export function sensitivityLine(entry: ResourceSensitivity): string {
  const cost = `+${Math.round(entry.added_cost_per_week)}/week`;
  if (entry.key_flow === null || !Number.isFinite(p90Change(entry))) return `+1 ${entry.resource}: no flow completed cases to compare, ${cost}`;
  return `+1 ${entry.resource}: ${entry.key_flow} p90 ${relative(entry.flows[entry.key_flow].p90)}, ${cost}`;
}

/** A paired change in percent of the base, with its interval: "-18.2% [-20.1%, -16.4%]". */
export function relative(c: Comparison | null): string {
  if (c === null || c.delta_pct === null) return '–';
  return `${relativeChange(c)}${verdict(c)}`;
}

/** Significance at 95% on its own, and (outcome KPIs) after Holm's adjustment within the variant's outcome family. */
function verdict(c: Comparison): string {
  if (!c.significant) return ' (not significant)';
  return c.significant_adjusted === false ? ' (not significant after Holm)' : '';
}
