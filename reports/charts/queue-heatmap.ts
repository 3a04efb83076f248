// A typical week: per team, the queue length at each hour of the week (Monday 00:00 to Sunday
// 23:00), averaged over the weeks of the measured window and over the replications,
// time-weighted; one small heatmap per variant, side by side (three to a row), on the team's own
// colour scale. Where queues build up during the week shows which shifts are short, which a
// whole-run mean or a daily series cannot.
// Invariant: the numbers are results.json's `charts.queue_length_hour_of_week`, averaged over
// the replications that have a value for the hour; no value, no cell. A team's panel draws at most
// HEATMAP_VARIANTS variants, the first in results.json's order (baseline first) with hours for it,
// and the subtitle says so; HEATMAP_COLUMNS of them to a row.
import type { Results } from '../../engine/results/types.js';
import { SERIES_KINDS } from '../../engine/model/metric-catalogue.js';
import { header, panelTitle, zerosScale, type Chart, type Panel } from '../chart.js';
import { chartLabelExpr, round, seriesMeasure, words } from '../format.js';
import { resourceNames, variantNames } from '../names.js';
import { HOURS_PER_WEEK } from '../../engine/week.js';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

/** Variants drawn side by side, at most (the series kind's `drawnVariants`, which says why; engine/results/size-estimate.ts weighs as many). */
export const HEATMAP_VARIANTS = SERIES_KINDS.queueLengthByHourOfWeek.drawnVariants;

export interface WeekCell {
  variant: string;
  day: string;
  hour: number;
  /** mean over the replications of the time-weighted mean level in that hour of the week */
  mean: number;
}

/** A team's typical week in one variant: a cell per hour of the week some replication has a value for. */
export function typicalWeek(results: Results, variant: string, team: string): WeekCell[] {
  const reps = results.variants[variant]?.charts[SERIES_KINDS.queueLengthByHourOfWeek.key]?.[team];
  if (!reps || reps.length === 0) return [];
  const cells: WeekCell[] = [];
  for (let slot = 0; slot < HOURS_PER_WEEK; slot++) {
    const values = reps.map((r) => r[slot]).filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
    if (values.length === 0) continue;
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    cells.push({ variant, day: WEEKDAYS[Math.floor(slot / 24)], hour: slot % 24, mean: round(mean) });
  }
  return cells;
}

/** The variants a team's panel draws: the first HEATMAP_VARIANTS of results.json's (baseline first) that have hours for it. */
export function heatmapVariants(results: Results, team: string): string[] {
  const shown: string[] = [];
  for (const v of variantNames(results)) {
    if (shown.length === HEATMAP_VARIANTS) break;
    if (typicalWeek(results, v, team).length > 0) shown.push(v);
  }
  return shown;
}

/** A cell's width, px: an hour of the day. */
const HOUR_WIDTH = 9;

/**
 * The variants' heatmaps side by side, at most; more go on further rows. Each is 216 px and the
 * gap 20: three with the days' axis and the colour legend are some 850 px, and the six of a report of
 * many variants in one row were 1,541, past report.html's 1,056-px column (s62N).
 */
export const HEATMAP_COLUMNS = 3;

/** A variant's name over its heatmap, in characters: about the heatmap's 216 px at 12 px (the tooltips name it whole). */
const HEADER_CHARS = 32;

function teamPanel(results: Results, team: string): Panel | null {
  const shown = heatmapVariants(results, team);
  const cells = shown.flatMap((v) => typicalWeek(results, v, team));
  if (cells.length === 0) return null;
  const measure = seriesMeasure(SERIES_KINDS.queueLengthByHourOfWeek);
  return {
    title: panelTitle(words(team)),
    data: { values: cells },
    facet: {
      field: 'variant',
      type: 'nominal',
      sort: shown,
      title: null,
      header: { labelFontSize: 12, labelAnchor: 'start', labelExpr: chartLabelExpr(HEADER_CHARS) },
    },
    columns: HEATMAP_COLUMNS,
    spec: {
      width: 24 * HOUR_WIDTH,
      height: 7 * 13,
      mark: { type: 'rect' },
      encoding: {
        x: {
          field: 'hour',
          type: 'ordinal',
          sort: HOURS,
          scale: { domain: HOURS },
          title: 'hour of the day',
          axis: { values: [0, 6, 12, 18], labelAngle: 0 },
        },
        y: { field: 'day', type: 'ordinal', sort: WEEKDAYS, scale: { domain: WEEKDAYS }, title: null },
        color: {
          field: 'mean',
          type: 'quantitative',
          scale: { scheme: 'oranges', zero: true, ...zerosScale(cells.map((c) => c.mean)).scale },
          title: measure,
        },
        tooltip: [
          { field: 'variant', type: 'nominal' },
          { field: 'day', type: 'ordinal' },
          { field: 'hour', type: 'ordinal', title: 'hour (from)' },
          { field: 'mean', type: 'quantitative', title: measure, format: '.2f' },
        ],
      },
    },
    // an hour axis under each heatmap: in the footer of a column, vega-lite drew one under a row's empty places too
    resolve: { scale: { color: 'shared' }, axis: { x: 'independent' } },
  } as unknown as Panel;
}

export function queueHeatmapChart(results: Results): Chart | null {
  const panels = resourceNames(results)
    .map((team) => teamPanel(results, team))
    .filter((p): p is Panel => p !== null);
  if (panels.length === 0) return null;
  const title = 'A typical week: queue length by hour of the week';
  const all = variantNames(results).length;
  const left =
    all > HEATMAP_VARIANTS
      ? [
          `per team the first ${HEATMAP_VARIANTS} of the ${all} variants with its hours, in the scenario's order; every variant's hours are in results.json (charts.${SERIES_KINDS.queueLengthByHourOfWeek.key})`,
        ]
      : [];
  return {
    name: 'queue-heatmap',
    title,
    spec: {
      ...header(title, [
        `${seriesMeasure(SERIES_KINDS.queueLengthByHourOfWeek)} for each team at each hour of the week (Monday 00:00 to Sunday 23:00), time-weighted,`,
        'averaged over the weeks of the measured period and over the replications; each team on its own colour scale',
        ...left,
      ]),
      vconcat: panels,
      resolve: { scale: { color: 'independent' } },
    },
  };
}
