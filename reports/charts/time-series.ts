// A quantity over simulated time, one panel per flow or team: per variant, the mean over the
// replications as a line, the baseline's lowest to highest replication as a band, the warm-up
// (discarded from every statistic) shaded. A run of four weeks or more is drawn a point a week:
// 200 daily points of several variants overlap into a tangle, and a week holds a whole cycle
// of shifts and arrival profiles. The baseline's line is drawn wide and beneath the others, so
// that a variant equal to it shows on top of it instead of hiding it.
import type { ChartData, Results } from '../../engine/results/types.js';
import { header, NAME_LEGEND, panelTitle, PANEL_WIDTH, zerosScale, type Chart, type Panel } from '../chart.js';
import { explainedNote, explainedVariants, variantColorEncoding } from '../colors.js';
import { round, span, words } from '../format.js';
import { inUnit, unitFor, type TimeUnit } from '../units.js';
import { largest, smallest } from '../../engine/lists.js';
import { HOURS_PER_WEEK } from '../../engine/week.js';

export interface SeriesPoint {
  variant: string;
  time: number; // middle of the bin, in the chart's unit
  mean: number;
  low: number;
  high: number;
}

/** The width of the bins a chart draws: whole weeks once the run spans four of them, else the results' own bins. */
export function chartBinHours(binHours: number, horizon: number): number {
  return binHours < HOURS_PER_WEEK && horizon >= 4 * HOURS_PER_WEEK ? HOURS_PER_WEEK : binHours;
}

/**
 * One replication's series (a rate or a mean level per bin of `binHours` from time 0) in bins
 * of `width` hours: each the time-weighted mean of the bins it overlaps, as far as the horizon;
 * a missing value (null, NaN) is left out of the weights.
 */
export function rebin(values: (number | null)[], binHours: number, width: number, horizon: number): number[] {
  if (width === binHours) return values.map((v) => (v === null ? Number.NaN : v));
  const out: number[] = [];
  const end = Math.min(horizon, values.length * binHours);
  for (let from = 0; from < end; from += width) {
    const to = Math.min(from + width, end);
    let sum = 0;
    let weight = 0;
    for (let b = Math.floor(from / binHours); b * binHours < to && b < values.length; b++) {
      const v = values[b];
      const overlap = Math.min(to, (b + 1) * binHours, horizon) - Math.max(from, b * binHours);
      if (v === null || !Number.isFinite(v) || !(overlap > 0)) continue;
      sum += v * overlap;
      weight += overlap;
    }
    out.push(weight > 0 ? sum / weight : Number.NaN);
  }
  return out;
}

/** One point per bin, at the middle of its part before the horizon: mean, lowest and highest over the replications that reach that bin. */
export function seriesPoints(
  variant: string,
  perReplication: number[][],
  binHours: number,
  unit: TimeUnit,
  horizon = Number.POSITIVE_INFINITY,
): SeriesPoint[] {
  const bins = largest(
    perReplication.map((r) => r.length),
    0,
  );
  const points: SeriesPoint[] = [];
  for (let bin = 0; bin < bins; bin++) {
    const values = perReplication.map((r) => r[bin]).filter((x) => x !== undefined && x !== null && Number.isFinite(x));
    if (values.length === 0) continue;
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    points.push({
      variant,
      time: round(inUnit((bin * binHours + Math.min((bin + 1) * binHours, horizon)) / 2, unit)),
      mean: round(mean),
      low: round(smallest(values)),
      high: round(largest(values)),
    });
  }
  return points;
}

export interface TimeSeriesOptions {
  name: string;
  title: string;
  /** the subtitle's lines, given the bins drawn in words ("1 week", "1 day") */
  subtitle: (bin: string) => string[];
  /** y-axis title, with its unit */
  measure: string;
  /** the quantity is a share (0 to 1), read in percent as the report's other shares are */
  share?: boolean;
  /** the series of one variant, per flow or team */
  pick: (charts: ChartData) => Record<string, number[][]>;
}

const BASELINE = "datum.variant === 'baseline'";

/** Every point's lowest and highest replication, between which its mean lies. */
function* extremes(points: readonly SeriesPoint[]): Generator<number> {
  for (const p of points) {
    yield p.low;
    yield p.high;
  }
}

function panel(results: Results, key: string, options: TimeSeriesOptions, unit: TimeUnit): Panel | null {
  const variants = explainedVariants(results).filter((v) => (options.pick(results.variants[v].charts)[key]?.length ?? 0) > 0);
  const points = variants.flatMap((v) => {
    const binHours = results.variants[v].charts.bin_hours;
    const width = chartBinHours(binHours, results.horizon);
    const series = options.pick(results.variants[v].charts)[key].map((r) => rebin(r, binHours, width, results.horizon));
    return seriesPoints(v, series, width, unit, results.horizon);
  });
  if (points.length === 0) return null;
  const x = {
    field: 'time',
    type: 'quantitative' as const,
    title: `simulated time (${unit.name})`,
    scale: { domain: [0, inUnit(results.horizon, unit)], nice: false },
  };
  // both layers share the legend: drawn as lines, not as the bands' faint swatches
  const color = {
    ...variantColorEncoding(results, variants),
    legend: { title: 'variant', ...NAME_LEGEND, symbolType: 'stroke', symbolStrokeWidth: 2, symbolOpacity: 1 },
  };
  const yScale = zerosScale(extremes(points));
  // a share's axis in percent, as utilisation's and the bottleneck bars' ('~%': 0.002 reads 0.2%, 0.05 reads 5%)
  const axis = options.share ? { axis: { format: '~%' } } : {};
  const figure = options.share ? '.1%' : '.2f';
  const line = {
    x,
    y: { field: 'mean', type: 'quantitative' as const, title: options.measure, ...yScale, ...axis },
    color,
    tooltip: [
      { field: 'variant', type: 'nominal' as const },
      { field: 'time', type: 'quantitative' as const, title: `time (${unit.name})`, format: '.1f' },
      { field: 'mean', type: 'quantitative' as const, title: 'mean', format: figure },
      { field: 'low', type: 'quantitative' as const, title: 'lowest replication', format: figure },
      { field: 'high', type: 'quantitative' as const, title: 'highest replication', format: figure },
    ],
  };
  return {
    title: panelTitle(words(key)),
    width: PANEL_WIDTH,
    height: 150,
    layer: [
      ...(results.warmup > 0
        ? [
            {
              data: { values: [{ from: 0, to: inUnit(results.warmup, unit), label: 'warm-up' }] },
              layer: [
                { mark: { type: 'rect' as const, color: '#f3f4f6' }, encoding: { x: { ...x, field: 'from' }, x2: { field: 'to' } } },
                {
                  mark: { type: 'text' as const, color: '#6b7280', align: 'left' as const, baseline: 'top' as const, dx: 4, dy: 4 },
                  encoding: { x: { ...x, field: 'from' }, y: { value: 0 }, text: { field: 'label' } },
                },
              ],
            },
          ]
        : []),
      {
        data: { values: points },
        layer: [
          {
            transform: [{ filter: BASELINE }],
            mark: { type: 'area' as const, opacity: 0.18 },
            encoding: {
              x,
              y: { field: 'low', type: 'quantitative' as const, title: options.measure, ...yScale, ...axis },
              y2: { field: 'high' },
              color,
            },
          },
          { transform: [{ filter: BASELINE }], mark: { type: 'line' as const, strokeWidth: 4, opacity: 0.75 }, encoding: line },
          { transform: [{ filter: `!(${BASELINE})` }], mark: { type: 'line' as const, strokeWidth: 1.75 }, encoding: line },
        ],
      },
    ],
  };
}

/** What the lines and the band are, for every time series' subtitle. */
export const SERIES_NOTE =
  "line: mean over the replications, the baseline's wide and beneath (a variant equal to it lies on it); band: the baseline's lowest to highest replication";

export function timeSeriesChart(results: Results, options: TimeSeriesOptions, keys: string[]): Chart | null {
  const unit = unitFor(results.horizon);
  const panels = keys.map((key) => panel(results, key, options, unit)).filter((p): p is Panel => p !== null);
  if (panels.length === 0) return null;
  const bin = span(chartBinHours(results.variants.baseline.charts.bin_hours, results.horizon));
  return {
    name: options.name,
    title: options.title,
    spec: {
      ...header(options.title, [...options.subtitle(bin), ...explainedNote(results)]),
      vconcat: panels,
      resolve: { scale: { color: 'shared' } },
    },
  };
}
