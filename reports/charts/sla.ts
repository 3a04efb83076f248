// SLA attainment per flow and variant, for the flows that have an SLA.
import type { Results } from '../../engine/results/types.js';
import type { Chart } from '../chart.js';
import { slaText, words } from '../format.js';
import { flowNames, variantNames } from '../names.js';
import { shareBarsChart, shareRow, type ShareRow } from './share-bars.js';

export function slaChart(results: Results): Chart | null {
  const rows = flowNames(results)
    .filter((flow) => slaText(results, flow) !== null)
    .flatMap((flow) =>
      variantNames(results)
        .map((v) => {
          const stat = results.variants[v].flows[flow]?.sla_attainment;
          return stat ? shareRow(`${words(flow)} (SLA ${slaText(results, flow)})`, v, stat) : null;
        })
        .filter((r): r is ShareRow => r !== null),
    );
  return shareBarsChart(results, rows, {
    name: 'sla',
    title: 'SLA attainment',
    subtitle: ["share of the completed cases that met their flow's SLA; line: 95% interval over the replications"],
    measure: 'cases within the SLA (%)',
  });
}
