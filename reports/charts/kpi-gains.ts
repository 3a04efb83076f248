// KPI gains: each variant's change against the baseline in % of the baseline, with its 95%
// paired interval as an error bar; a faded bar is a change the interval cannot tell from zero.
import type { Results } from '../../engine/results/types.js';
import { header, PANEL_WIDTH, type Chart } from '../chart.js';
import { variantColorEncoding } from '../colors.js';
import { inReadingOrder, percentInterval } from '../gains.js';
import { metricLabel } from '../metrics.js';
import { variantNames } from '../names.js';
import { changeBarsLayers, type ChangeRow } from './change-bars.js';

/** The KPIs a reader compares variants on: per flow, then every team's utilisation. */
const SHOWN = /^(flows\.[^.]+\.(cycle_time\.(mean|p90)|throughput_per_day|sla_attainment|cost_per_case|kpis\.[^.]+\.mean)|resources\.[^.]+\.utilization)$/;

export interface GainRow extends ChangeRow {
  kpi: string;
  variant: string;
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
      layer: changeBarsLayers({
        rows,
        group: { field: 'kpi', order: kpis },
        split: { field: 'variant', order: variants },
        color: variantColorEncoding(results, variants),
        xTitle: 'change against the baseline (%)',
        tooltip: [{ field: 'variant' }, { field: 'kpi', title: 'KPI' }],
      }),
    },
  };
}
