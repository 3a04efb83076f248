// Queue length over time: mean number of cases waiting for each team in each bin.
import type { Results } from '../../engine/results/types.js';
import type { Chart } from '../chart.js';
import { resourceNames } from '../names.js';
import { span } from '../format.js';
import { timeSeriesChart } from './time-series.js';

export function queueLengthChart(results: Results): Chart | null {
  const bin = span(results.variants.baseline.charts.bin_hours);
  return timeSeriesChart(
    results,
    {
      name: 'queue-length',
      title: 'Queue length over time',
      subtitle: [
        `cases waiting for each team, mean over bins of ${bin}; line: mean over the replications, band: lowest to highest replication`,
      ],
      measure: 'cases waiting',
      pick: (charts) => charts.queue_length,
    },
    resourceNames(results),
  );
}
