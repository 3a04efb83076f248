import { describe, expect, test } from 'vitest';
import { queueLengthChart } from '../../../reports/charts/queue-length.js';
import { throughputChart } from '../../../reports/charts/throughput.js';
import { chartBinHours, rebin, seriesPoints } from '../../../reports/charts/time-series.js';
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

  test('150,000 replications (a results.json a user gives the report): one point per bin, no stack overflow', () => {
    const reps = Array.from({ length: 150_000 }, (_, i) => [i % 1000, 5]);
    expect(seriesPoints('b', reps, 24, DAYS)).toEqual([
      { variant: 'b', time: 0.5, mean: 499.5, low: 0, high: 999 },
      { variant: 'b', time: 1.5, mean: 5, low: 5, high: 5 },
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

  test('runs of four weeks or more are drawn a point a week; shorter ones in their own bins', () => {
    expect(chartBinHours(24, 4 * 168)).toBe(168);
    expect(chartBinHours(24, 4 * 168 - 1)).toBe(24);
    expect(chartBinHours(7 * 24, 200 * 24)).toBe(168);
    expect(chartBinHours(14 * 24, 400 * 24)).toBe(14 * 24);
  });

  test('re-binned by time: a week is the mean of its days, a part week of the days it has, a missing day left out', () => {
    const days = [1, 2, 3, 4, 5, 6, 7, 10, 10, 10];
    expect(rebin(days, 24, 168, 10 * 24)).toEqual([4, 10]);
    // the horizon ends half-way through the tenth day: it weighs half
    expect(rebin([...days.slice(0, 9), 40], 24, 168, 9.5 * 24)).toEqual([4, (10 + 10 + 40 / 2) / 2.5]);
    expect(rebin([1, null, 3, Number.NaN, 5, 6, 7], 24, 168, 7 * 24)).toEqual([(1 + 3 + 5 + 6 + 7) / 5]);
    // two-day bins into weeks: the fourth bin straddles the week's end and counts for a day in each
    expect(rebin([1, 1, 1, 5, 2, 2, 2], 48, 168, 14 * 24)).toEqual([(1 + 1 + 1 + 1 + 1 + 1 + 5) / 7, (5 + 2 * 6) / 7]);
    expect(rebin([1, 2], 24, 24, 48)).toEqual([1, 2]);
  });

  test('a long run: weekly points at the middle of each week (of its part before the horizon)', () => {
    const results = smallResults();
    results.warmup = 0;
    for (const v of Object.values(results.variants)) v.charts.throughput_per_day = { order: [[1, 2, 3, 4, 5, 6, 7, 10, 10, 10]] };
    results.horizon = 28 * 24 + 12; // four weeks and half a day: weekly
    const spec = specJson(throughputChart(results));
    expect(spec.title.subtitle[0]).toContain('bins of 7 days');
    const values = layers(spec.vconcat[0])[0].data.values as Json[];
    expect(values.filter((p) => p.variant === 'baseline')).toEqual([
      { variant: 'baseline', time: 3.5, mean: 4, low: 4, high: 4 },
      { variant: 'baseline', time: 10.5, mean: 10, low: 10, high: 10 },
    ]);
  });

  test('the baseline: its line wide and beneath the variants, its band the only one', () => {
    const series = layers(specJson(queueLengthChart(smallResults())).vconcat[0])[1];
    const [band, baseline, variants] = series.layer as Json[];
    expect(band.mark.type).toBe('area');
    expect(band.transform).toEqual([{ filter: "datum.variant === 'baseline'" }]);
    expect(baseline.transform).toEqual([{ filter: "datum.variant === 'baseline'" }]);
    expect(variants.transform).toEqual([{ filter: "!(datum.variant === 'baseline')" }]);
    expect(baseline.mark.strokeWidth).toBeGreaterThan(variants.mark.strokeWidth);
  });
});
