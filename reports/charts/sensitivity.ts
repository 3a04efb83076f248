// What one more unit of each team buys (`run --sensitivity`): the change of each flow's 90th
// percentile cycle time against the baseline, with its 95% paired interval, and what the
// unit costs a week. A faded bar is a change the interval cannot tell from zero.
import type { Results } from '../../engine/results/types.js';
import { header, PANEL_WIDTH, type Chart } from '../chart.js';
import { percentInterval } from '../gains.js';
import { words } from '../metrics.js';

export interface SensitivityRow {
  unit: string; // "+1 field techs (3120/week)"
  flow: string;
  change: number;
  low: number | null;
  high: number | null;
  difference: 'significant' | 'not significant';
}

export function sensitivityRows(results: Results): SensitivityRow[] {
  return (results.sensitivity ?? []).flatMap((entry) =>
    Object.entries(entry.flows).flatMap(([flow, { p90 }]) => {
      if (p90 === null || p90.delta_pct === null) return [];
      const interval = percentInterval(p90);
      return [
        {
          unit: `+1 ${words(entry.resource)} (${Math.round(entry.added_cost_per_week)}/week)`,
          flow: words(flow),
          change: p90.delta_pct,
          low: interval ? interval[0] : null,
          high: interval ? interval[1] : null,
          difference: p90.significant ? ('significant' as const) : ('not significant' as const),
        },
      ];
    }),
  );
}

export function sensitivityChart(results: Results): Chart | null {
  const rows = sensitivityRows(results);
  if (rows.length === 0) return null;
  const units = [...new Set(rows.map((r) => r.unit))];
  const flows = [...new Set(rows.map((r) => r.flow))];
  const y = { field: 'unit', type: 'nominal' as const, sort: units, title: null };
  const yOffset = { field: 'flow', type: 'nominal' as const, sort: flows };
  const x = { type: 'quantitative' as const, title: 'change of the 90th percentile cycle time (%)' };
  const title = 'One more unit of each team';
  return {
    name: 'sensitivity',
    title,
    spec: {
      ...header(title, ["each team's +1 against the baseline, same random numbers; line: 95% paired interval; faded: not significant"]),
      width: PANEL_WIDTH,
      height: { step: 16, for: 'offset' },
      layer: [
        {
          data: { values: rows },
          mark: { type: 'bar', height: { band: 0.85 } },
          encoding: {
            y,
            yOffset,
            x: { ...x, field: 'change' },
            color: { field: 'flow', type: 'nominal', sort: flows, legend: { title: 'flow' } },
            opacity: { field: 'difference', type: 'ordinal', scale: { domain: ['significant', 'not significant'], range: [1, 0.35] }, legend: { title: '95% interval' } },
            tooltip: [
              { field: 'unit', type: 'nominal', title: 'added' },
              { field: 'flow', type: 'nominal' },
              { field: 'change', type: 'quantitative', title: 'p90 change (%)', format: '+.1f' },
              { field: 'low', type: 'quantitative', title: 'interval from (%)', format: '+.1f' },
              { field: 'high', type: 'quantitative', title: 'interval to (%)', format: '+.1f' },
            ],
          },
        },
        {
          data: { values: rows.filter((r) => r.low !== null) },
          mark: { type: 'rule', color: '#111827', strokeWidth: 1.5 },
          encoding: { y, yOffset, x: { ...x, field: 'low' }, x2: { field: 'high' } },
        },
        { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#6b7280' }, encoding: { x: { field: 'zero', type: 'quantitative' } } },
      ],
    },
  };
}
