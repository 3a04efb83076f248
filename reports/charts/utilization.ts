// Utilisation per team and variant: the share of the team's available time spent working.
import type { Results } from '../../engine/results/types.js';
import type { Chart } from '../chart.js';
import { words } from '../format.js';
import { resourceNames, variantNames } from '../names.js';
import { shareBarsChart, shareRow, type ShareRow } from './share-bars.js';

export function utilizationChart(results: Results): Chart | null {
  const rows = resourceNames(results).flatMap((team) =>
    variantNames(results)
      .map((v) => {
        const block = results.variants[v].resources[team];
        return block ? shareRow(words(team), v, block.utilization) : null;
      })
      .filter((r): r is ShareRow => r !== null),
  );
  return shareBarsChart(results, rows, {
    name: 'utilization',
    title: 'Utilisation per team',
    subtitle: ['share of the available (on-shift) time spent working; line: 95% interval over the replications'],
    measure: 'utilisation (% of available time)',
  });
}
