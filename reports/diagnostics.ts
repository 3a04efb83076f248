// The diagnostics section's content, one data function for every output that shows it (HTML,
// Markdown): which charts diagnose rather than state an outcome, and per variant the diagnostic
// comparisons that moved, with those that did not folded into one line.
// Invariant: text only, never escaped here; outcomes (bar milestone KPIs) never appear.
import { metricKindOf } from '../engine/model/metric-catalogue.js';
import type { Comparison, Results } from '../engine/results/types.js';
import { changeOf, metricLabel } from './format.js';
import { inReadingOrder } from './gains.js';

/** Charts that explain outcomes come right after them; those that diagnose teams and queues follow in their own section. */
const DIAGNOSTIC_CHARTS = new Set([
  'diagnostic-changes',
  'utilization',
  'bottlenecks',
  'bottleneck-timeline',
  'sensitivity',
  'queue-length',
  'queue-heatmap',
  'etom-time',
  'time-split',
]);

export function isDiagnosticChart(name: string): boolean {
  return DIAGNOSTIC_CHARTS.has(name);
}

export const DIAGNOSTICS_NOTE =
  'Why the outcomes move: utilisation, queues and waits. These are not goals in themselves (an idle team is not a gain), so they are kept apart from the outcomes.';

/** A change too small to show at the table's precision and not significant: folded into one line. */
export function isNoChange(c: Comparison): boolean {
  if (c.significant) return false;
  const change = changeOf(c);
  return change === null
    ? c.delta === 0
    : Math.abs(change.value) < 0.05 &&
        (change.low === null || Math.abs(change.low) < 0.05) &&
        (change.high === null || Math.abs(change.high) < 0.05);
}

export interface VariantDiagnostics {
  variant: string;
  /** in reading order */
  moved: Comparison[];
  /** no change at the table's precision, not significant */
  still: Comparison[];
}

/** Diagnostic comparisons (teams' utilisation, queues, waits, costs; milestone KPIs after the outcomes), per variant in results order. */
export function diagnosticChanges(results: Results): VariantDiagnostics[] {
  const diagnostics = inReadingOrder(results.comparisons).filter(
    (c) => metricKindOf(c.metric)?.role !== 'outcome' || c.metric.includes('.kpis.'),
  );
  // grouped in one pass (a filter of every diagnostic per variant grew with their product), variants as first seen
  const byVariant = new Map<string, Comparison[]>();
  for (const c of diagnostics) {
    const own = byVariant.get(c.variant);
    if (own === undefined) byVariant.set(c.variant, [c]);
    else own.push(c);
  }
  return [...byVariant].map(([variant, own]) => ({ variant, moved: own.filter((c) => !isNoChange(c)), still: own.filter(isNoChange) }));
}

/** "No change (3): desk utilisation; ..." */
export function foldedText(still: Comparison[]): string {
  return `No change (${still.length}): ${still.map((c) => metricLabel(c.metric)).join('; ')}`;
}
