// Gains against the baseline, for people: a paired comparison as a change in percent of the
// baseline with its 95% interval, and the handful of them that open the report.
import type { Comparison, Results } from '../engine/results/types.js';
import { signedPct } from './format.js';
import { metricKind, metricLabel, metricValue } from './metrics.js';

/** The paired 95% interval of the change, in percent of the baseline; null without an interval or a baseline to divide by.
 *  From the ratio of the means on the log scale (`delta_pct_ci95`), which never falls below -100%; results
 *  files written before it had that key get the difference's interval over the baseline. */
export function percentInterval(c: Comparison): [number, number] | null {
  if (c.delta_pct_ci95 !== undefined) return c.delta_pct_ci95;
  if (c.ci95 === null || c.baseline === 0) return null;
  const ends = c.ci95.map((x) => (x / c.baseline) * 100);
  return [Math.min(...ends), Math.max(...ends)];
}

/** How fast, how reliably, how much, at what cost; other stats (a flow's own KPIs) follow in results order. */
const STAT_ORDER = ['cycle_time.mean', 'cycle_time.p50', 'cycle_time.p90', 'cycle_time.p95', 'sla_attainment', 'throughput_per_day', 'wip', 'cost_per_case', 'utilization', 'queue_length', 'wait', 'cost'];

function statRank(metric: string): number {
  const rank = STAT_ORDER.indexOf(metric.split('.').slice(2).join('.'));
  return rank < 0 ? STAT_ORDER.length : rank;
}

/** Comparisons by variant, then flow or team (both as in the results), then STAT_ORDER. */
export function inReadingOrder(comparisons: Comparison[]): Comparison[] {
  const firstSeen = (key: (c: Comparison) => string) => {
    const order = [...new Set(comparisons.map(key))];
    return (c: Comparison) => order.indexOf(key(c));
  };
  const variant = firstSeen((c) => c.variant);
  const owner = firstSeen((c) => c.metric.split('.').slice(0, 2).join('.'));
  return [...comparisons].sort((a, b) => variant(a) - variant(b) || owner(a) - owner(b) || statRank(a.metric) - statRank(b.metric));
}

/** "-31.3%", with its interval when there is one: "-31.3% [-32.8%, -29.7%]" */
export function relativeChange(c: Comparison): string {
  if (c.delta_pct === null) return '–';
  const interval = percentInterval(c);
  return interval ? `${signedPct(c.delta_pct)} [${signedPct(interval[0])}, ${signedPct(interval[1])}]` : signedPct(c.delta_pct);
}

/** "33.0 h → 22.7 h, -31.3% [-32.8%, -29.7%]"; a share changes in points: "80.0% → 90.0%, +10.0 pp [+4.0, +16.0]" */
export function changeText(c: Comparison): string {
  const values = `${metricValue(c.metric, c.baseline)} → ${metricValue(c.metric, c.value)}`;
  if (metricKind(c.metric) === 'share') return `${values}, ${pointChange(c)}`;
  return c.delta_pct === null ? values : `${values}, ${relativeChange(c)}`;
}

/** A change of a share in percentage points: "+10.0 pp [+4.0, +16.0]" (the command line prints it too). */
export function pointChange(c: Comparison): string {
  const points = (x: number) => {
    const p = (x * 100).toFixed(1);
    return Number(p) === 0 ? '0.0' : `${x > 0 ? '+' : ''}${p}`;
  };
  return c.ci95 ? `${points(c.delta)} pp [${points(c.ci95[0])}, ${points(c.ci95[1])}]` : `${points(c.delta)} pp`;
}

export interface Gain {
  metric: string;
  label: string;
  text: string;
  significant: boolean;
  /** significant within the variant's outcome family after Holm's adjustment; null outside the family or in older results */
  significantAdjusted: boolean | null;
}

export interface VariantGains {
  variant: string;
  description: string | null;
  gains: Gain[];
}

/** What a board asks first, for every flow: how much faster, how many more, how many within the SLA. */
const HEADLINE = /^flows\.[^.]+\.(cycle_time\.(mean|p90)|throughput_per_day|sla_attainment)$/;

/** Each variant's headline gains, variants in results order, metrics in reading order. */
export function headlineGains(results: Results): VariantGains[] {
  return Object.entries(results.variants)
    .filter(([name]) => name !== 'baseline')
    .map(([variant, block]) => ({
      variant,
      description: block.description,
      gains: inReadingOrder(results.comparisons)
        .filter((c) => c.variant === variant && HEADLINE.test(c.metric))
        .map((c) => ({ metric: c.metric, label: metricLabel(c.metric), text: changeText(c), significant: c.significant, significantAdjusted: c.significant_adjusted ?? null })),
    }));
}

/** What a reader is told of a gain's significance: nothing when it holds, else why it does not. */
export function significanceNote(g: Pick<Gain, 'significant' | 'significantAdjusted'>): string {
  if (!g.significant) return ' (not significant)';
  return g.significantAdjusted === false ? ' (not significant after Holm)' : '';
}
