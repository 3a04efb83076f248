// Numbers for people: hours or days, whichever reads better, and intervals in brackets.
import { p90Change } from '../engine/analysis/sensitivity.js';
import type { Comparison, ResourceSensitivity, Stat } from '../engine/results/types.js';

export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return x.toFixed(digits);
}

/** A duration in hours, shown in days from three days up. */
export function duration(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '–';
  return Math.abs(hours) >= 72 ? `${(hours / 24).toFixed(2)} d` : `${hours.toFixed(2)} h`;
}

export function pct(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined || !Number.isFinite(share) ? '–' : `${(share * 100).toFixed(digits)}%`;
}

export function mean(s: Stat | undefined): number | null {
  return s ? s.mean : null;
}

const HOURS_METRIC = /(cycle_time\.|kpis\.[^.]+\.(mean|p\d+)$|\.wait$)/;
const SHARE_METRIC = /(utilization|sla_attainment)$/;

/** One value of a metric, in the unit its name implies. */
export function metricValue(metric: string, x: number): string {
  if (HOURS_METRIC.test(metric)) return duration(x);
  if (SHARE_METRIC.test(metric)) return pct(x);
  return num(x);
}

/** "52.10 h -> 39.00 h, -25.1% [-26.9%, -23.4%]"; shares change in points: "87.7% -> 89.9%, +2.2 pp [+2.1, +2.3]" */
export function change(c: Comparison): string {
  const from = `${metricValue(c.metric, c.baseline)} -> ${metricValue(c.metric, c.value)}`;
  const verdict = c.significant ? '' : ' (not significant)';
  if (SHARE_METRIC.test(c.metric)) {
    const points = (x: number) => {
      const p = (x * 100).toFixed(1);
      return Number(p) === 0 ? '0.0' : `${x > 0 ? '+' : ''}${p}`;
    };
    const interval = c.ci95 ? ` [${points(c.ci95[0])}, ${points(c.ci95[1])}]` : '';
    return `${from}, ${points(c.delta)} pp${interval}${verdict}`;
  }
  const interval = c.ci95 && c.baseline !== 0 ? ` [${signedPct(c.ci95[0] / c.baseline)}, ${signedPct(c.ci95[1] / c.baseline)}]` : '';
  const rel = c.delta_pct === null ? metricValue(c.metric, c.delta) : signedPct(c.delta_pct / 100);
  return `${from}, ${rel}${interval}${verdict}`;
}

export function signedPct(share: number): string {
  const s = (share * 100).toFixed(1);
  if (Number(s) === 0) return '0.0%'; // not "-0.0%" for a tiny decrease
  return share > 0 ? `+${s}%` : `${s}%`;
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
  const interval = c.ci95 && c.baseline !== 0 ? ` [${signedPct(c.ci95[0] / c.baseline)}, ${signedPct(c.ci95[1] / c.baseline)}]` : '';
  return `${signedPct(c.delta_pct / 100)}${interval}${c.significant ? '' : ' (not significant)'}`;
}
