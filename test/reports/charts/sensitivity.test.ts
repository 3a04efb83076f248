import { describe, expect, test } from 'vitest';
import { sensitivityChart, sensitivityRows } from '../../../reports/charts/sensitivity.js';
import { sensitivityLine } from '../../../reports/format.js';
import { smallResults, withoutOptionalSections } from '../fixture.js';

describe('sensitivity chart', () => {
  test('one bar per +1 and flow: the p90 change in % of the baseline, its interval, the cost in the label', () => {
    const rows = sensitivityRows(smallResults());
    expect(rows.map((r) => [r.unit, r.flow, r.difference])).toEqual([
      ['+1 techs (EUR 3,120 per week)', 'order', 'significant'],
      ['+1 desk (EUR 2,000 per week)', 'order', 'not significant'],
    ]);
    // the cost in the results' currency, as every other cost of the reports; without one, "cost units"
    const unlabelled = sensitivityRows({ ...smallResults(), currency: null });
    expect(unlabelled.map((r) => r.unit)).toEqual(['+1 techs (3,120 cost units per week)', '+1 desk (2,000 cost units per week)']);
    // 80 h -> 68 h with [-14, -10] h: -15% [-17.5%, -12.5%]; 80 h -> 79.6 h with [-1.2, +0.4] h: -0.5% [-1.5%, +0.5%]
    const numbers = rows.map((r) => [r.change, r.low!, r.high!]);
    const expected = [
      [-15, -17.5, -12.5],
      [-0.5, -1.5, 0.5],
    ];
    numbers.forEach((row, i) => row.forEach((x, j) => expect(x).toBeCloseTo(expected[i][j], 9)));
  });

  test('a team the scenario gives no cost_per_hour: its unit is "no cost given", in the chart and the console, not a free one', () => {
    const results = smallResults();
    results.sensitivity![0] = { ...results.sensitivity![0], added_cost_per_week: 0, cost_given: false };
    expect(sensitivityRows(results).map((r) => r.unit)).toEqual(['+1 techs (no cost given)', '+1 desk (EUR 2,000 per week)']);
    expect(sensitivityLine(results.sensitivity![0], 'EUR')).toBe('+1 techs: order p90 -15.0% [-17.5%, -12.5%], no cost given');
    expect(sensitivityLine(results.sensitivity![1], 'EUR')).toBe(
      '+1 desk: order p90 -0.5% [-1.5%, +0.5%] (not significant), +EUR 2,000 per week',
    );
    // a cost of 0 given is a known cost: it is shown
    results.sensitivity![0] = { ...results.sensitivity![1], added_cost_per_week: 0 };
    expect(sensitivityRows(results)[0].unit).toBe('+1 desk (EUR 0.00 per week)');
  });

  test('no chart without a sensitivity section', () => {
    expect(sensitivityChart(withoutOptionalSections(smallResults()))).toBeNull();
  });
});
