import { describe, expect, test } from 'vitest';
import { queueLengthChart } from '../../../reports/charts/queue-length.js';
import { throughputChart } from '../../../reports/charts/throughput.js';
import { seriesPoints } from '../../../reports/charts/time-series.js';
import { DAYS, HOURS } from '../../../reports/units.js';
import { smallResults } from '../fixture.js';
import { specJson, type Json } from '../spec-json.js';

describe('time series over the replications', () => {
  test('per bin: mean, lowest and highest replication, at the middle of the bin', () => {
    const reps = [
      [10, 12, 8, 11],
      [14, 12, 10, 9],
      [12, 12, 12, 13],
    ];
    expect(seriesPoints('b', reps, 24, DAYS)).toEqual([
      { variant: 'b', time: 0.5, mean: 12, low: 10, high: 14 },
      { variant: 'b', time: 1.5, mean: 12, low: 12, high: 12 },
      { variant: 'b', time: 2.5, mean: 10, low: 8, high: 12 },
      { variant: 'b', time: 3.5, mean: 11, low: 9, high: 13 },
    ]);
  });

  test('a bin only some replications reach is summarised over those', () => {
    expect(seriesPoints('b', [[1, 2], [3]], 6, HOURS)).toEqual([
      { variant: 'b', time: 3, mean: 2, low: 1, high: 3 },
      { variant: 'b', time: 9, mean: 2, low: 2, high: 2 },
    ]);
  });

  const layers = (panel: Json) => panel.layer as Json[];

  test('throughput: a panel per flow over the horizon in days, the warm-up shaded', () => {
    const spec = specJson(throughputChart(smallResults()));
    expect(spec.title.subtitle[0]).toContain('bins of 1 day');
    expect(spec.vconcat).toHaveLength(1);
    const [warmup, series] = layers(spec.vconcat[0]);
    expect(warmup.data.values).toEqual([{ from: 0, to: 1, label: 'warm-up' }]);
    expect(series.data.values).toHaveLength(2 * 4);
    const line = series.layer[1];
    expect(line.encoding.x.scale.domain).toEqual([0, 4]);
    expect(line.encoding.x.title).toBe('simulated time (days)');
    expect(series.layer[0].encoding.y.title).toBe('cases completed per day');
  });

  test('queue length: a panel per team; no warm-up layer without a warm-up', () => {
    const results = smallResults();
    results.warmup = 0;
    const spec = specJson(queueLengthChart(results));
    expect(spec.vconcat.map((p: Json) => p.title.text)).toEqual(['desk', 'techs']);
    expect(layers(spec.vconcat[0])).toHaveLength(1);
    expect(layers(spec.vconcat[0])[0].data.values[0]).toEqual({ variant: 'baseline', time: 0.5, mean: 2, low: 1, high: 3 });
  });
});
