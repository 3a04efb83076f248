// Queue length over time: mean number of cases waiting for each team in each bin (a week, on runs of four weeks or more).
import type { Results } from '../../engine/results/types.js';
import type { Chart } from '../chart.js';
import { resourceNames } from '../names.js';
import { SERIES_NOTE, timeSeriesChart } from './time-series.js';

export function queueLengthChart(results: Results): Chart | null {
  return timeSeriesChart(
    results,
    {
      name: 'queue-length',
      title: 'Queue length over time',
      subtitle: (bin) => [`cases waiting for each team, time-weighted mean over bins of ${bin};`, SERIES_NOTE],
      measure: 'cases waiting',
      pick: (charts) => charts.queue_length,
    },
    resourceNames(results),
  );
}
