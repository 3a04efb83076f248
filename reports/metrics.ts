// What a metric path of results.json means for a reader: its name in words and its unit.
// Paths are those of `comparisons` and `replications`: flows.FLOW.STAT, resources.TEAM.STAT.
import type { Stat } from '../engine/results/types.js';
import { num, pct } from './format.js';
import { duration, inUnit, unitFor } from './units.js';

export type MetricKind = 'hours' | 'share' | 'number';

const HOURS = /(^|\.)(cycle_time\.\w+|kpis\.[^.]+\.(mean|p\d+)|wait|service|breakdown\.\w+|\w+_hours)$/;
const SHARE = /(^|\.)(utilization|sla_attainment|wait_share|bottleneck\.\w+)$/;

export function metricKind(path: string): MetricKind {
  if (SHARE.test(path)) return 'share';
  return HOURS.test(path) ? 'hours' : 'number';
}

/** order_to_activation -> "order to activation" */
export function words(name: string): string {
  return name.replace(/[_-]+/g, ' ');
}

const STAT_NAMES: Record<string, string> = {
  'cycle_time.mean': 'mean cycle time',
  'cycle_time.p50': 'median cycle time',
  'cycle_time.p90': 'p90 cycle time',
  'cycle_time.p95': 'p95 cycle time',
  throughput_per_day: 'throughput per day',
  sla_attainment: 'SLA attainment',
  wip: 'work in progress',
  cost_per_case: 'cost per case',
  utilization: 'utilisation',
  queue_length: 'queue length',
  wait: 'wait',
  cost: 'cost',
};

/** A stat's path inside its flow or team block, in words: cycle_time.p90 -> "p90 cycle time", kpis.visit.mean -> "visit mean" */
export function statLabel(stat: string): string {
  const kpi = /^kpis\.([^.]+)\.(.+)$/.exec(stat);
  if (kpi) return `${words(kpi[1])} ${kpi[2] === 'sla_attainment' ? 'SLA attainment' : words(kpi[2])}`;
  return STAT_NAMES[stat] ?? words(stat).replace(/\./g, ' ');
}

/** flows.order_to_activation.cycle_time.mean -> "order to activation · mean cycle time" */
export function metricLabel(path: string): string {
  const match = /^(?:flows|resources)\.([^.]+)\.(.+)$/.exec(path);
  return match ? `${words(match[1])} · ${statLabel(match[2])}` : words(path).replace(/\./g, ' ');
}

/** One value of the metric in its unit: "33.0 h", "95.3%", "12.0" */
export function metricValue(path: string, x: number): string {
  const kind = metricKind(path);
  return kind === 'hours' ? duration(x) : kind === 'share' ? pct(x) : num(x);
}

/** A stat for a table cell: the mean and the half-width of its 95% interval, "52.1 ± 1.00 h"; "–" without a mean. */
export function statText(path: string, stat: Stat | undefined): string {
  if (!stat || stat.mean === null) return '–';
  const half = stat.ci95 ? (stat.ci95[1] - stat.ci95[0]) / 2 : null;
  const kind = metricKind(path);
  if (kind === 'share') return half === null ? pct(stat.mean) : `${(stat.mean * 100).toFixed(1)} ± ${(half * 100).toFixed(1)}%`;
  if (kind === 'number') return half === null ? num(stat.mean) : `${num(stat.mean)} ± ${num(half)}`;
  const unit = unitFor(stat.mean);
  return half === null ? duration(stat.mean) : `${num(inUnit(stat.mean, unit))} ± ${num(inUnit(half, unit))} ${unit.short}`;
}
