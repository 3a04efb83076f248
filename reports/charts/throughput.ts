// Throughput over time: cases completed per day in each bin, per flow.
import type { Results } from '../../engine/results/types.js';
import type { Chart } from '../chart.js';
import { flowNames } from '../names.js';
import { span } from '../format.js';
import { timeSeriesChart } from './time-series.js';

export function throughputChart(results: Results): Chart | null {
  const bin = span(results.variants.baseline.charts.bin_hours);
  return timeSeriesChart(
    results,
    {
      name: 'throughput',
      title: 'Throughput over time',
      subtitle: [`cases completed per day, in bins of ${bin}; line: mean over the replications, band: lowest to highest replication`],
      measure: 'cases completed per day',
      pick: (charts) => charts.throughput_per_day,
    },
    flowNames(results),
  );
}
