// The warm-up check drawn (a Welch plot): for each flow's cycle time and each team's queue
// length in the baseline, the average over the replications bin by bin from time 0, with the
// scenario's warm-up shaded and MSER's truncation point as a rule (red when the replications
// confirm a transient past the warm-up). A curve still rising after the shaded part is what the
// `warmup` warning is about.
import type { Results, WelchSeries } from '../../engine/results/types.js';
import { header, panelTitle, PANEL_WIDTH, zerosScale, type Chart, type Panel } from '../chart.js';
import { round, span, words } from '../format.js';
import { inUnit, unitFor, type TimeUnit } from '../units.js';

export interface WelchPoint {
  time: number; // middle of the bin, in the chart's unit
  value: number;
}

/** One point per bin with a value: its middle, and the average over the replications. */
export function welchPoints(averaged: (number | null)[], binHours: number, unit: TimeUnit): WelchPoint[] {
  const points: WelchPoint[] = [];
  averaged.forEach((value, bin) => {
    if (value !== null) points.push({ time: round(inUnit((bin + 0.5) * binHours, unit)), value: round(value) });
  });
  return points;
}

/** flows.install.cycle_time -> "install · mean cycle time (hours)" */
function seriesTitle(path: string): { title: string; measure: string } {
  const [scope, name] = path.split('.');
  return scope === 'flows'
    ? { title: `${words(name)} · cycle time`, measure: 'mean cycle time (hours)' }
    : { title: `${words(name)} · queue length`, measure: 'cases waiting' };
}

function panel(results: Results, path: string, series: WelchSeries, unit: TimeUnit): Panel | null {
  const points = welchPoints(series.averaged, results.warmup_check.bin_hours, unit);
  if (points.length === 0) return null;
  const { title, measure } = seriesTitle(path);
  const x = {
    field: 'time',
    type: 'quantitative' as const,
    title: `simulated time (${unit.name})`,
    scale: { domain: [0, inUnit(results.horizon, unit)], nice: false },
  };
  const marks: unknown[] = [];
  if (results.warmup > 0) {
    marks.push({
      data: { values: [{ from: 0, to: inUnit(results.warmup, unit) }] },
      mark: { type: 'rect', color: '#f3f4f6' },
      encoding: { x: { ...x, field: 'from' }, x2: { field: 'to' } },
    });
  }
  marks.push({
    data: { values: points },
    mark: { type: 'line', strokeWidth: 1.5, color: '#1f2937' },
    encoding: {
      x,
      y: { field: 'value', type: 'quantitative', title: measure, ...zerosScale(points.map((p) => p.value)) },
      tooltip: [
        { field: 'time', type: 'quantitative', title: `time (${unit.name})`, format: '.1f' },
        { field: 'value', type: 'quantitative', title: 'average over replications', format: '.2f' },
      ],
    },
  });
  if (series.truncation !== null && series.truncation > 0) {
    const color = series.transient ? '#b91c1c' : '#6b7280';
    marks.push({
      data: {
        values: [
          {
            time: inUnit(series.truncation, unit),
            label: `MSER: ${span(series.truncation)}${series.transient ? ', past the warm-up' : ''}`,
          },
        ],
      },
      layer: [
        { mark: { type: 'rule', color, strokeDash: [6, 4], strokeWidth: 1.5 }, encoding: { x } },
        {
          mark: { type: 'text', color, align: 'left', dx: 4, dy: 4, baseline: 'top' },
          encoding: { x, y: { value: 0 }, text: { field: 'label' } },
        },
      ],
    });
  }
  return { title: panelTitle(title), width: PANEL_WIDTH, height: 150, layer: marks } as Panel;
}

export function welchChart(results: Results): Chart | null {
  const series = results.warmup_check.series?.baseline;
  if (!series) return null;
  const unit = unitFor(results.horizon);
  const panels = Object.entries(series)
    .map(([path, s]) => panel(results, path, s, unit))
    .filter((p): p is Panel => p !== null);
  if (panels.length === 0) return null;
  const title = 'Warm-up check (Welch plot)';
  return {
    name: 'warmup',
    title,
    spec: {
      ...header(title, [
        'baseline: each series averaged over the replications bin by bin from time 0; shaded: the warm-up, left out of every statistic;',
        'dashed: where MSER ends the transient of this average (red when the replications confirm it lies past the warm-up)',
      ]),
      vconcat: panels,
    },
  };
}
