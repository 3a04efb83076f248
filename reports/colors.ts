// One colour per variant across every chart: the baseline is always the same neutral grey.
// Up to nine variants each keeps the colour of its place in the results whichever subset a
// chart shows. Beyond nine no palette keeps variants apart (Tableau 10 repeats, and vega lists
// at most 30 legend entries): the nine variants with the best changes of the headline outcome,
// each flow's in turn (highlightedVariants), get the nine colours, in that order, and every
// other variant one light grey without a legend entry; the charts then name every variant on an
// axis or draw only the coloured ones (docs/results-format.md, "charts of many variants"). The
// page's variant cards take the same colours.
// Invariant: the colour of a variant depends on the results only, never on the chart.
import { type MetricKind, metricKindOf } from '../engine/model/metric-catalogue.js';
import type { Results } from '../engine/results/types.js';
import { NAME_LEGEND } from './chart.js';
import { changeOf, metricLabel } from './format.js';
import { isHeadline } from './gains.js';
import { variantNames } from './names.js';

export const BASELINE_COLOR = '#6b7280';

/** A variant beyond the coloured ones: lighter than the baseline's grey, so that neither passes for the other. */
export const OTHER_COLOR = '#cbd5e1';

/** Tableau 10 without its grey, so that no variant can pass for the baseline. */
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f'];

/** More variants (besides the baseline) than colours: the report highlights PALETTE.length of them. */
export function manyVariants(results: Results): boolean {
  return variantNames(results).length - 1 > PALETTE.length;
}

export interface Highlight {
  /** the coloured variants but the baseline, best first (every variant when they are not many) */
  variants: string[];
  /** the metric they were ranked on, in words ("order · mean cycle time"); null when not ranked */
  rankedBy: string | null;
}

/**
 * The variants a report colours. Not many: all, in results order. Many: the PALETTE.length with
 * the best changes of the headline outcome the catalogue ranks first (a mean cycle time), by the
 * point estimate in the catalogue's better direction: with one flow the best nine of it; with
 * several, each flow's best in turn (the first flow's best, the second's, ..., then each one's
 * second best), so that a variant which only helps a later flow keeps a colour too (ranked on
 * the first flow alone, a second flow's best changes were all grey: s62E). A variant without a
 * flow's comparison ranks last there; ties keep the results' order.
 */
export function highlightedVariants(results: Results): Highlight {
  const variants = variantNames(results).filter((v) => v !== 'baseline');
  if (variants.length <= PALETTE.length) return { variants, rankedBy: null };
  // the headline outcome first in the catalogue's reading order (a mean cycle time), and the flows that have it
  // (each metric looked up once: every variant repeats the baseline's metrics)
  let headline: MetricKind | null = null;
  let rank = Number.POSITIVE_INFINITY;
  const seen = new Set<string>();
  for (const c of results.comparisons) {
    if (seen.has(c.metric)) continue;
    seen.add(c.metric);
    const kind = metricKindOf(c.metric);
    if (kind === null || kind.better === 'neither' || !isHeadline(c) || (kind.rank ?? Number.POSITIVE_INFINITY) >= rank) continue;
    headline = kind;
    rank = kind.rank ?? Number.POSITIVE_INFINITY;
  }
  const metrics = [...seen].filter((m) => headline !== null && metricKindOf(m) === headline);
  const sign = headline?.better === 'lower' ? -1 : 1;
  const scores = new Map<string, Map<string, number>>(metrics.map((m) => [m, new Map()]));
  for (const c of results.comparisons) {
    const change = scores.has(c.metric) ? changeOf(c) : null;
    if (change !== null && Number.isFinite(change.value)) scores.get(c.metric)!.set(c.variant, sign * change.value);
  }
  const rankings = metrics.map((m) => {
    const score = scores.get(m)!;
    return variants
      .map((v, place) => ({ v, place, score: score.get(v) ?? Number.NEGATIVE_INFINITY }))
      .sort((a, b) => (b.score === a.score ? a.place - b.place : b.score > a.score ? 1 : -1))
      .map((r) => r.v);
  });
  // each flow's next best in turn, a variant once
  const picked = new Set<string>();
  for (let place = 0; place < variants.length && picked.size < PALETTE.length; place++) {
    for (const ranking of rankings) if (picked.size < PALETTE.length) picked.add(ranking[place]);
  }
  for (const v of variants) if (picked.size < PALETTE.length) picked.add(v); // no headline outcome: the first in results order
  return {
    variants: [...picked],
    rankedBy: headline === null ? null : metrics.length === 1 ? metricLabel(metrics[0]) : `each flow's ${headline.label}, in turn`,
  };
}

/** Each variant's colour, the baseline's included. */
export function variantColors(results: Results): Map<string, string> {
  const { variants } = highlightedVariants(results);
  const colors = new Map<string, string>();
  for (const v of variantNames(results)) colors.set(v, v === 'baseline' ? BASELINE_COLOR : OTHER_COLOR);
  variants.forEach((v, i) => colors.set(v, PALETTE[i]));
  return colors;
}

export function variantColor(results: Results, name: string): string {
  const color = variantColors(results).get(name);
  if (color === undefined) throw new Error(`no variant '${name}' in the results`);
  return color;
}

/**
 * The colour channel of a chart whose rows carry a `variant` field. Its legend lists the
 * coloured variants only (the grey ones are said in the subtitle, colourNote), or none at all
 * when the chart names every variant on an axis.
 */
export function variantColorEncoding(results: Results, shown: string[] = variantNames(results), legend = true) {
  const colors = variantColors(results);
  const listed = shown.filter((v) => colors.get(v) !== OTHER_COLOR);
  return {
    field: 'variant',
    type: 'nominal' as const,
    scale: { domain: shown, range: shown.map((name) => colors.get(name) ?? OTHER_COLOR) },
    legend: legend ? { title: 'variant', ...NAME_LEGEND, ...(listed.length < shown.length ? { values: listed } : {}) } : null,
  };
}

/** The subtitle line of a chart naming each variant on an axis where some are grey: how the coloured were picked. */
export function colourNote(results: Results, shown: readonly string[]): string[] {
  const grey = greyVariants(results, shown).length;
  if (grey === 0) return [];
  return [`${pickedNote(results)}; light grey: the other ${grey}`];
}

/** How the coloured variants of a report with many were picked, for subtitles. */
export function pickedNote(results: Results): string {
  const { variants, rankedBy } = highlightedVariants(results);
  return rankedBy === null
    ? `in colour: the baseline and the first ${variants.length} variants`
    : `in colour: the baseline and the ${variants.length} variants with the best change of ${rankedBy}`;
}

/**
 * The variants a chart draws that tells them apart by colour alone (the lines over time and of
 * the cycle-time distribution, the bars of where the time goes and of the bottlenecks): every
 * one, or with many the baseline and the coloured ones, in results order. 50 variants made such
 * a chart 10,000 px tall, or a tangle of lines, and no easier to read than the tables.
 */
export function explainedVariants(results: Results): string[] {
  if (!manyVariants(results)) return variantNames(results);
  const colors = variantColors(results);
  return variantNames(results).filter((v) => colors.get(v) !== OTHER_COLOR);
}

/** The subtitle line of such a chart when it leaves variants out: which it draws, and where the others are. */
export function explainedNote(results: Results): string[] {
  const left = variantNames(results).length - explainedVariants(results).length;
  return left === 0 ? [] : [`${pickedNote(results).replace('in colour: ', 'drawn: ')}; the other ${left} are in the tables`];
}

/** The variants of `shown` drawn light grey (none unless the results hold many). */
export function greyVariants(results: Results, shown: readonly string[]): string[] {
  const colors = variantColors(results);
  return shown.filter((v) => colors.get(v) === OTHER_COLOR);
}
