import { describe, expect, test } from 'vitest';
import { breakdownChart, breakdownRows } from '../../../reports/charts/breakdown.js';
import { smallResults, withoutOptionalSections } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('cycle-time breakdown', () => {
  test("the parts of a completed case's time along its critical path, working parts first; join slack left out", () => {
    const flow = smallResults().variants.baseline.flows.order;
    expect(breakdownRows('baseline', flow)).toEqual([
      { variant: 'baseline', part: 'in service', order: 0, hours: 3.5 },
      { variant: 'baseline', part: 'automated steps', order: 1, hours: 0.5 },
      { variant: 'baseline', part: 'waiting in a queue', order: 2, hours: 16 },
      { variant: 'baseline', part: 'waiting off shift', order: 3, hours: 20 },
    ]);
  });

  test('a stacked bar per variant, in hours when the total is 40 h', () => {
    const panel = specJson(breakdownChart(smallResults())).vconcat[0];
    expect(panel.encoding.y.sort).toEqual(['baseline', 'redesign']);
    expect(panel.encoding.x.title).toBe('time per completed case (hours)');
    expect(panel.data.values).toHaveLength(2 * 4);
    const total = panel.data.values
      .filter((r: { variant: string }) => r.variant === 'redesign')
      .reduce((s: number, r: { time: number }) => s + r.time, 0);
    expect(total).toBe(40);
  });

  test('no chart for results without a breakdown', () => {
    expect(breakdownChart(withoutOptionalSections(smallResults()))).toBeNull();
  });
});
