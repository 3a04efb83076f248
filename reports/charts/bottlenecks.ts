// Where the bottleneck is: each team's share of the measured time as the sole and as the
// shifting bottleneck (Roser's method over saturated periods), and when, over the run.
import type { Results } from '../../engine/results/types.js';
import type { Chart } from '../chart.js';
import { words } from '../format.js';
import { explainedNote, explainedVariants } from '../colors.js';
import { resourceNames } from '../names.js';
import { shareBarsChart, shareRow, type ShareRow } from './share-bars.js';
import { SERIES_NOTE, timeSeriesChart } from './time-series.js';

export function bottleneckSharesChart(results: Results): Chart | null {
  const rows: ShareRow[] = [];
  for (const team of resourceNames(results)) {
    for (const kind of ['sole', 'shifting'] as const) {
      for (const v of explainedVariants(results)) {
        const stat = results.variants[v].resources[team]?.bottleneck?.[kind];
        const row = stat ? shareRow(`${words(team)} (${kind})`, v, stat) : null;
        if (row) rows.push(row);
      }
    }
  }
  if (!rows.some((r) => r.share > 0)) return null;
  return shareBarsChart(results, rows, {
    name: 'bottlenecks',
    title: 'Bottlenecks',
    subtitle: [
      'share of the measured time each team was the bottleneck: sole, or shifting (overlapping with the previous or next one);',
      'a team is active while saturated (all units busy or cases waiting); the bottleneck is the one with the longest active period',
      ...explainedNote(results),
    ],
    measure: 'share of the measured time',
  });
}

export function bottleneckTimelineChart(results: Results): Chart | null {
  const teams = resourceNames(results).filter((r) => results.variants.baseline.resources[r]?.bottleneck?.sole.mean);
  if (teams.length === 0) return null;
  return timeSeriesChart(
    results,
    {
      name: 'bottleneck-timeline',
      title: 'Bottleneck over time',
      subtitle: (bin) => [`share of each bin of ${bin} in which the team was the (sole or shifting) bottleneck;`, SERIES_NOTE],
      measure: 'share of the bin (%)',
      share: true,
      pick: (charts) => charts.bottleneck_share ?? {},
    },
    teams,
  );
}
