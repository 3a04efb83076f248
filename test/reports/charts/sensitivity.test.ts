import { describe, expect, test } from 'vitest';
import { sensitivityChart, sensitivityRows } from '../../../reports/charts/sensitivity.js';
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

  test('no chart without a sensitivity section', () => {
    expect(sensitivityChart(withoutOptionalSections(smallResults()))).toBeNull();
  });
});
