// What one more unit of each team buys (`run --sensitivity`): the change of each flow's 90th
// percentile cycle time against the baseline, with its 95% paired interval, and what the
// unit costs a week. A faded bar is a change the interval cannot tell from zero.
import type { Results } from '../../engine/results/types.js';
import { header, NAME_LEGEND, PANEL_WIDTH, type Chart } from '../chart.js';
import { money, NO_COST, percentInterval, words } from '../format.js';
import { changeBarsLayers, type ChangeRow } from './change-bars.js';

export interface SensitivityRow extends ChangeRow {
  unit: string; // "+1 field techs (EUR 3,120 per week)", "+1 field techs (no cost given)"
  flow: string;
}

export function sensitivityRows(results: Results): SensitivityRow[] {
  return (results.sensitivity ?? []).flatMap((entry) =>
    Object.entries(entry.flows).flatMap(([flow, { p90 }]) => {
      if (p90 === null || p90.delta_pct === null) return [];
      const interval = percentInterval(p90);
      return [
        {
          unit: `+1 ${words(entry.resource)} (${entry.cost_given === false ? NO_COST : `${money(entry.added_cost_per_week, results.currency ?? null)} per week`})`,
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
  const title = 'One more unit of each team';
  return {
    name: 'sensitivity',
    title,
    spec: {
      ...header(title, ["each team's +1 against the baseline, same random numbers; line: 95% paired interval; faded: not significant"]),
      width: PANEL_WIDTH,
      height: { step: 16, for: 'offset' },
      layer: changeBarsLayers({
        rows,
        group: { field: 'unit', order: units },
        split: { field: 'flow', order: flows },
        color: { field: 'flow', type: 'nominal', sort: flows, legend: { title: 'flow', ...NAME_LEGEND } },
        xTitle: 'change of the 90th percentile cycle time (%)',
        tooltip: [{ field: 'unit', title: 'added' }, { field: 'flow' }],
      }),
    },
  };
}
