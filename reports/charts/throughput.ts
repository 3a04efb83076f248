// Throughput over time: cases completed per day in each bin (a week, on runs of four weeks or more), per flow.
import type { Results } from '../../engine/results/types.js';
import type { Chart } from '../chart.js';
import { flowNames } from '../names.js';
import { SERIES_NOTE, timeSeriesChart } from './time-series.js';

export function throughputChart(results: Results): Chart | null {
  return timeSeriesChart(
    results,
    {
      name: 'throughput',
      title: 'Throughput over time',
      subtitle: (bin) => [`cases completed per day, in bins of ${bin};`, SERIES_NOTE],
      measure: 'cases completed per day',
      pick: (charts) => charts.throughput_per_day,
    },
    flowNames(results),
  );
}
