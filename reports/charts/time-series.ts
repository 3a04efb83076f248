// A quantity over simulated time, one panel per flow or team: per variant, the mean over the
// replications as a line and the lowest to highest replication as a band, with the warm-up
// (discarded from every statistic) shaded.
import type { ChartData, Results } from '../../engine/results/types.js';
import { header, panelTitle, PANEL_WIDTH, type Chart, type Panel } from '../chart.js';
import { variantColorEncoding } from '../colors.js';
import { round, words } from '../format.js';
import { variantNames } from '../names.js';
import { inUnit, unitFor, type TimeUnit } from '../units.js';

export interface SeriesPoint {
  variant: string;
  time: number; // middle of the bin, in the chart's unit
  mean: number;
  low: number;
  high: number;
}

/** One point per bin: mean, lowest and highest over the replications that reach that bin. */
export function seriesPoints(variant: string, perReplication: number[][], binHours: number, unit: TimeUnit): SeriesPoint[] {
  const bins = Math.max(0, ...perReplication.map((r) => r.length));
  const points: SeriesPoint[] = [];
  for (let bin = 0; bin < bins; bin++) {
    const values = perReplication.map((r) => r[bin]).filter((x) => x !== undefined && Number.isFinite(x));
    if (values.length === 0) continue;
    const mean = values.reduce((s, x) => s + x, 0) / values.length;
    points.push({
      variant,
      time: round(inUnit((bin + 0.5) * binHours, unit)),
      mean: round(mean),
      low: round(Math.min(...values)),
      high: round(Math.max(...values)),
    });
  }
  return points;
}

export interface TimeSeriesOptions {
  name: string;
  title: string;
  subtitle: string[];
  /** y-axis title, with its unit */
  measure: string;
  /** the series of one variant, per flow or team */
  pick: (charts: ChartData) => Record<string, number[][]>;
}

function panel(results: Results, key: string, options: TimeSeriesOptions, unit: TimeUnit): Panel | null {
  const variants = variantNames(results).filter((v) => (options.pick(results.variants[v].charts)[key]?.length ?? 0) > 0);
  const points = variants.flatMap((v) =>
    seriesPoints(v, options.pick(results.variants[v].charts)[key], results.variants[v].charts.bin_hours, unit),
  );
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
    legend: { title: 'variant', symbolType: 'stroke', symbolStrokeWidth: 2, symbolOpacity: 1 },
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
            mark: { type: 'area' as const, opacity: 0.18 },
            encoding: { x, y: { field: 'low', type: 'quantitative' as const, title: options.measure }, y2: { field: 'high' }, color },
          },
          {
            mark: { type: 'line' as const, strokeWidth: 1.5 },
            encoding: {
              x,
              y: { field: 'mean', type: 'quantitative' as const },
              color,
              tooltip: [
                { field: 'variant', type: 'nominal' as const },
                { field: 'time', type: 'quantitative' as const, title: `time (${unit.name})`, format: '.1f' },
                { field: 'mean', type: 'quantitative' as const, title: 'mean', format: '.2f' },
                { field: 'low', type: 'quantitative' as const, title: 'lowest replication', format: '.2f' },
                { field: 'high', type: 'quantitative' as const, title: 'highest replication', format: '.2f' },
              ],
            },
          },
        ],
      },
    ],
  };
}

export function timeSeriesChart(results: Results, options: TimeSeriesOptions, keys: string[]): Chart | null {
  const unit = unitFor(results.horizon);
  const panels = keys.map((key) => panel(results, key, options, unit)).filter((p): p is Panel => p !== null);
  if (panels.length === 0) return null;
  return {
    name: options.name,
    title: options.title,
    spec: { ...header(options.title, options.subtitle), vconcat: panels, resolve: { scale: { color: 'shared' } } },
  };
}
