// Gains against the baseline, for people: comparisons in reading order, and the handful of
// them that open the report (the catalogue's headline metrics).
import { isShown, metricKindOf } from '../engine/model/metric-catalogue.js';
import type { Comparison, Results } from '../engine/results/types.js';
import { comparisonText, costsOf, metricLabel } from './format.js';

/** A comparison's place among its flow's or team's: the catalogue's rank, unranked metrics after. */
function statRank(metric: string): number {
  return metricKindOf(metric)?.rank ?? Number.MAX_SAFE_INTEGER;
}

/** Comparisons by variant, then flow or team (both as in the results), then the catalogue's rank. */
export function inReadingOrder(comparisons: Comparison[]): Comparison[] {
  // each key worked out once per comparison (s36g F2: an indexOf over the variants inside the sort,
  // and a sort per variant in headlineGains, took most of a report's 48 s at 3,000 variants)
  const firstSeen = (key: (c: Comparison) => string) => {
    const order = new Map<string, number>();
    return comparisons.map((c) => {
      const k = key(c);
      if (!order.has(k)) order.set(k, order.size);
      return order.get(k)!;
    });
  };
  const variant = firstSeen((c) => c.variant);
  const owners = new Map<string, string>();
  const owner = firstSeen((c) => {
    let o = owners.get(c.metric);
    if (o === undefined) owners.set(c.metric, (o = c.metric.split('.').slice(0, 2).join('.')));
    return o;
  });
  const ranks = new Map<string, number>(); // every variant repeats the baseline's metrics
  const rank = comparisons.map((c) => {
    let r = ranks.get(c.metric);
    if (r === undefined) ranks.set(c.metric, (r = statRank(c.metric)));
    return r;
  });
  return comparisons
    .map((_, i) => i)
    .sort((a, b) => variant[a] - variant[b] || owner[a] - owner[b] || rank[a] - rank[b] || a - b)
    .map((i) => comparisons[i]);
}

/** The comparisons a reader sees first, in the console and at the top of the report. */
export function isHeadline(c: Comparison): boolean {
  const kind = metricKindOf(c.metric);
  return kind !== null && isShown(kind, 'headline');
}

export interface Gain {
  metric: string;
  label: string;
  /** the change with its verdict, as the console prints it */
  text: string;
  significant: boolean;
}

export interface VariantGains {
  variant: string;
  description: string | null;
  gains: Gain[];
}

/** Each variant's headline gains, variants in results order, metrics in reading order. */
export function headlineGains(results: Results): VariantGains[] {
  const headlines = new Map<string, Comparison[]>();
  for (const c of inReadingOrder(results.comparisons)) {
    if (!isHeadline(c)) continue;
    const list = headlines.get(c.variant);
    if (list) list.push(c);
    else headlines.set(c.variant, [c]);
  }
  const costs = costsOf(results); // once: it reads every warning
  return Object.entries(results.variants)
    .filter(([name]) => name !== 'baseline')
    .map(([variant, block]) => ({
      variant,
      description: block.description,
      gains: (headlines.get(variant) ?? []).map((c) => ({
        metric: c.metric,
        label: metricLabel(c.metric),
        text: comparisonText(c, costs),
        significant: c.significant,
      })),
    }));
}
