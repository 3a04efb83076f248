// KPI gains: each variant's change against the baseline in % of the baseline, with its 95%
// paired interval as an error bar; a faded bar is a change the interval cannot tell from zero.
import type { Results } from '../../engine/results/types.js';
import { header, PANEL_WIDTH, type Chart } from '../chart.js';
import { variantColorEncoding } from '../colors.js';
import { inReadingOrder, percentInterval } from '../gains.js';
import { metricLabel } from '../metrics.js';
import { variantNames } from '../names.js';

/** The KPIs a reader compares variants on: per flow, then every team's utilisation. */
const SHOWN = /^(flows\.[^.]+\.(cycle_time\.(mean|p90)|throughput_per_day|sla_attainment|cost_per_case|kpis\.[^.]+\.mean)|resources\.[^.]+\.utilization)$/;

export interface GainRow {
  kpi: string;
  variant: string;
  change: number;
  low: number | null;
  high: number | null;
  difference: 'significant' | 'not significant';
}

export function gainRows(results: Results): GainRow[] {
  return inReadingOrder(results.comparisons)
    .filter((c) => SHOWN.test(c.metric) && c.delta_pct !== null)
    .map((c) => {
      const interval = percentInterval(c);
      return {
        kpi: metricLabel(c.metric),
        variant: c.variant,
        change: c.delta_pct as number,
        low: interval ? interval[0] : null,
        high: interval ? interval[1] : null,
        difference: c.significant ? 'significant' : 'not significant',
      };
    });
}

export function kpiGainsChart(results: Results): Chart | null {
  const rows = gainRows(results);
  if (rows.length === 0) return null;
  const kpis = [...new Set(rows.map((r) => r.kpi))];
  const variants = variantNames(results).filter((v) => rows.some((r) => r.variant === v));
  const y = { field: 'kpi', type: 'nominal' as const, sort: kpis, title: null };
  const yOffset = { field: 'variant', type: 'nominal' as const, sort: variants };
  const title = 'KPI gains against the baseline';
  return {
    name: 'kpi-gains',
    title,
    spec: {
      ...header(title, [
        'change of each KPI in % of the baseline; line: 95% paired interval; faded: not significant',
        'lower is better for cycle times and cost, higher for throughput and SLA attainment',
      ]),
      width: PANEL_WIDTH,
      height: { step: 16, for: 'offset' },
      layer: [
        {
          data: { values: rows },
          mark: { type: 'bar', height: { band: 0.85 } },
          encoding: {
            y,
            yOffset,
            x: { field: 'change', type: 'quantitative', title: 'change against the baseline (%)', axis: { format: '+~f' } },
            color: variantColorEncoding(results, variants),
            opacity: {
              field: 'difference',
              type: 'ordinal',
              scale: { domain: ['significant', 'not significant'], range: [1, 0.35] },
              legend: { title: '95% interval' },
            },
            tooltip: [
              { field: 'variant', type: 'nominal' },
              { field: 'kpi', type: 'nominal', title: 'KPI' },
              { field: 'change', type: 'quantitative', title: 'change (%)', format: '+.1f' },
              { field: 'low', type: 'quantitative', title: 'interval from (%)', format: '+.1f' },
              { field: 'high', type: 'quantitative', title: 'interval to (%)', format: '+.1f' },
            ],
          },
        },
        {
          data: { values: rows.filter((r) => r.low !== null) },
          mark: { type: 'rule', color: '#111827', strokeWidth: 1.5 },
          encoding: { y, yOffset, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' } },
        },
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: '#374151' },
          encoding: { x: { field: 'zero', type: 'quantitative' } },
        },
      ],
    },
  };
}
