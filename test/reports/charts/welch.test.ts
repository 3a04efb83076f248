import { describe, expect, test } from 'vitest';
import { welchChart, welchPoints } from '../../../reports/charts/welch.js';
import { unitFor } from '../../../reports/units.js';
import { smallResults } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('Welch plot', () => {
  test('a point per bin with a value, at the bin middle', () => {
    expect(welchPoints([1, null, 3], 24, unitFor(10))).toEqual([
      { time: 12, value: 1 },
      { time: 60, value: 3 },
    ]);
  });

  test("one panel per baseline series, the warm-up shaded, MSER's point red when confirmed", () => {
    const results = smallResults();
    results.warmup_check.series = {
      baseline: {
        'flows.order.cycle_time': { truncation: 48, transient: true, averaged: [10, 20, 30, 30] },
        'resources.desk.queue_length': { truncation: 0, transient: false, averaged: [1, 2, 2, null] },
      },
    };
    const spec = specJson(welchChart(results));
    expect(spec.vconcat).toHaveLength(2);
    const [shade, line, rule] = spec.vconcat[0].layer;
    expect(shade.data.values).toEqual([{ from: 0, to: 1 }]); // 4 days: in days
    expect(line.data.values).toEqual([
      { time: 0.5, value: 10 },
      { time: 1.5, value: 20 },
      { time: 2.5, value: 30 },
      { time: 3.5, value: 30 },
    ]);
    expect(rule.layer[0].mark.color).toBe('#b91c1c');
    expect(rule.data.values[0].time).toBe(2);
    expect(spec.vconcat[1].layer).toHaveLength(2); // no rule at 0
  });

  test('no chart from results without the series', () => {
    expect(welchChart(smallResults())).toBeNull();
  });
});
