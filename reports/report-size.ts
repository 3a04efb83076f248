// How much a report's charts must draw, weighed before any of it is built: every chart draws
// every variant, so a results.json of thousands of variants (run accepts up to what 256 MiB of
// results holds) asked for gigabytes and minutes (s36g F2: 3,000 variants, 29 MB of results:
// 48 s and 3.0 GB) and then could die out of memory half way. The weight is the chart series'
// values results.json holds (throughput, queue length and bottleneck share per bin and
// replication, cycle-time percentiles, queue length per hour of the week) and the comparisons
// (the gains charts), counted from the file without building anything; the tables (CSV, the
// workbook) hold a line per value and grow as the file does, so they are not bounded here.
//
// Invariant: a report whose formats draw no chart (csv, xlsx) is never refused; one that does is
// refused before anything is built or written when its weight passes MAX_CHART_VALUES.
import type { Results } from '../engine/results/types.js';
import { wholeNumber } from '../engine/number-format.js';
import { counted } from '../engine/plural.js';
import type { ReportFormat } from './formats.js';
import { SERIES_KINDS } from '../engine/model/metric-catalogue.js';
import { heatmapVariants } from './charts/queue-heatmap.js';
import { resourceNames } from './names.js';

/**
 * The most chart values a report draws. Measured one-off (session 37, a shared 2-core host, the
 * default formats, a one-team, one-flow sweep of 491 values a variant): 300 variants (0.15 M
 * values) 0.56 GB at the peak (resident, the chart threads' included), 1,000 variants (0.49 M)
 * 1.32 GB: about 2 KB a value over 0.26 GB; s36g's 3,000 variants needed 3.0 GB. A million values,
 * about 2.3 GB, stays inside V8's default heap (4.3 GB on that host).
 */
export const MAX_CHART_VALUES = 1_000_000;

/** The formats whose files hold the charts (report.html and summary.md show them; svg, png and pptx draw them). */
const CHART_FORMATS: readonly ReportFormat[] = ['html', 'svg', 'png', 'md', 'pptx'];

/** Whether the formats hold any chart: a report of tables alone neither builds nor draws one. */
export function showsCharts(formats: readonly ReportFormat[]): boolean {
  return formats.some((f) => CHART_FORMATS.includes(f));
}

/**
 * The values the report's charts draw: each variant's chart series, and the comparisons; of the
 * queue length by hour of the week, the variants each team's heatmap draws alone (at most
 * HEATMAP_VARIANTS: queue-heatmap.ts' heatmapVariants; before session 41 every variant's hours
 * were weighed, 168 a team and replication past the sixth that no chart draws).
 */
export function chartValues(results: Results): number {
  let values = results.comparisons.length;
  const count = (node: unknown): void => {
    // indexed loops: cold code over every series value (a fresh 50-variant report: 12 -> 9 ms, session 43)
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const x: unknown = node[i];
        if (typeof x === 'number' || x === null) values++;
        else count(x);
      }
    } else if (typeof node === 'object' && node !== null) {
      const keys = Object.keys(node);
      for (let i = 0; i < keys.length; i++) count((node as Record<string, unknown>)[keys[i]]);
    }
  };
  const hourOfWeek = SERIES_KINDS.queueLengthByHourOfWeek.key;
  for (const name of Object.keys(results.variants)) {
    const charts = results.variants[name].charts as unknown as Record<string, unknown>;
    for (const key of Object.keys(charts)) if (key !== hourOfWeek) count(charts[key]);
  }
  for (const team of resourceNames(results))
    for (const name of heatmapVariants(results, team)) count(results.variants[name].charts[hourOfWeek]?.[team]);
  return values;
}

/** Why a report of these formats is not built from `results`, and how to get under the limit; null when it is. */
export function reportTooLarge(results: Results, formats: readonly ReportFormat[]): string | null {
  return chartsTooMany(Object.keys(results.variants).length, chartValues(results), formats, '');
}

/**
 * The same before a run simulates (s37b F2: 3,000 variants simulated, then their report was
 * skipped): weighed from the scenario (engine/results/size-estimate.ts' chartValues), at least
 * that many values, the comparisons not counted, with `replications` the fewest the run ends with.
 */
export function runReportTooLarge(
  variants: number,
  weight: { fixed: number; perReplication: number },
  replications: number,
  formats: readonly ReportFormat[],
): string | null {
  return chartsTooMany(variants, weight.fixed + replications * weight.perReplication, formats, 'at least ');
}

/** The one limit and its message, for a report weighed from its results or before they are simulated. */
function chartsTooMany(variants: number, values: number, formats: readonly ReportFormat[], atLeast: string): string | null {
  if (!showsCharts(formats) || values <= MAX_CHART_VALUES) return null;
  const fit = Math.max(1, Math.floor((variants * MAX_CHART_VALUES) / values));
  return (
    `a report of ${counted(variants, 'variant')} (the baseline included) would draw ${atLeast}${wholeNumber(values)} chart values, ` +
    `more than the ${wholeNumber(MAX_CHART_VALUES)} a report draws (every chart shows every variant: gigabytes of memory and minutes past it); ` +
    `write its tables alone with --formats csv or --formats csv,xlsx, or run at most about ${counted(fit, 'variant')} of this size (etomsim run --variant NAME, repeatable) and report that`
  );
}
