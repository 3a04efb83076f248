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
  const firstSeen = (key: (c: Comparison) => string) => {
    const order = [...new Set(comparisons.map(key))];
    return (c: Comparison) => order.indexOf(key(c));
  };
  const variant = firstSeen((c) => c.variant);
  const owner = firstSeen((c) => c.metric.split('.').slice(0, 2).join('.'));
  return [...comparisons].sort((a, b) => variant(a) - variant(b) || owner(a) - owner(b) || statRank(a.metric) - statRank(b.metric));
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
  return Object.entries(results.variants)
    .filter(([name]) => name !== 'baseline')
    .map(([variant, block]) => ({
      variant,
      description: block.description,
      gains: inReadingOrder(results.comparisons)
        .filter((c) => c.variant === variant && isHeadline(c))
        .map((c) => ({
          metric: c.metric,
          label: metricLabel(c.metric),
          text: comparisonText(c, costsOf(results)),
          significant: c.significant,
        })),
    }));
}
