import { describe, expect, test } from 'vitest';
import { cycleTimeChart, ecdfPoints } from '../../../reports/charts/cycle-time.js';
import { smallResults } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('cycle-time distribution', () => {
  test('percentile p is the time within which p% of the cases complete', () => {
    expect(ecdfPoints('b', [0, 24, null, 48], 24)).toEqual([
      { variant: 'b', time: 0, share: 0 },
      { variant: 'b', time: 1, share: 0.01 },
      { variant: 'b', time: 2, share: 0.03 },
    ]);
  });

  test('one panel per flow, in days when the SLA is 5 days, with the SLA as a rule', () => {
    const spec = specJson(cycleTimeChart(smallResults()));
    expect(spec.vconcat).toHaveLength(1);
    const [lines, sla] = spec.vconcat[0].layer;
    expect(lines.data.values).toHaveLength(2 * 101);
    expect(lines.data.values[48 + 101]).toEqual({ variant: 'redesign', time: 2, share: 0.48 });
    expect(lines.encoding.x.title).toBe('cycle time (days)');
    expect(sla.data.values).toEqual([{ time: 5, label: 'SLA 5 days' }]);
  });

  test('without an SLA no rule; short cycle times in hours', () => {
    const results = smallResults();
    results.slas = {};
    for (const v of Object.values(results.variants)) v.charts.cycle_time_percentiles.order = Array.from({ length: 101 }, (_, p) => p / 2);
    const panel = specJson(cycleTimeChart(results)).vconcat[0];
    expect(panel.layer).toHaveLength(1);
    expect(panel.layer[0].encoding.x.title).toBe('cycle time (hours)');
  });

  test('a flow none of whose cases completed is named as not drawn, under the panels of the others', () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) {
      v.flows.never_done = structuredClone(v.flows.order);
      v.charts.cycle_time_percentiles.never_done = Array(101).fill(null);
    }
    const spec = specJson(cycleTimeChart(results));
    expect(spec.vconcat).toHaveLength(1);
    expect(spec.title.subtitle).toEqual([
      'share of the completed cases that finished within each cycle time (percentiles averaged over the replications)',
      'not drawn: never done (no case completed in the measured window)',
    ]);
    expect(specJson(cycleTimeChart(smallResults())).title.subtitle).toHaveLength(1);
  });

  test('no chart when no case completed', () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) v.charts.cycle_time_percentiles.order = Array(101).fill(null);
    expect(cycleTimeChart(results)).toBeNull();
  });
});
