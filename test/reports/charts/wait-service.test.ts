import { describe, expect, test } from 'vitest';
import { etomTimeChart } from '../../../reports/charts/etom-time.js';
import { timeSplitChart } from '../../../reports/charts/time-split.js';
import { splitUnit, timeParts, timeSplit } from '../../../reports/charts/wait-service.js';
import { DAYS, HOURS } from '../../../reports/units.js';
import { smallResults, stat, withoutOptionalSections } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('where the time goes', () => {
  test('a split needs both a wait and a service', () => {
    expect(timeSplit('g', 'v', stat(2), stat(0.5))).toEqual({ group: 'g', variant: 'v', wait: 2, service: 0.5 });
    expect(timeSplit('g', 'v', undefined, stat(0.5))).toBeNull();
    expect(timeSplit('g', 'v', stat(null), stat(0.5))).toBeNull();
  });

  test('the unit fits the longest bar; parts in that unit', () => {
    const splits = [{ group: 'g', variant: 'v', wait: 60, service: 12 }];
    expect(splitUnit(splits)).toBe(DAYS);
    expect(splitUnit([{ ...splits[0], wait: 59 }])).toBe(HOURS);
    expect(timeParts(splits, DAYS)).toEqual([
      { group: 'g', variant: 'v', part: 'service', time: 0.5 },
      { group: 'g', variant: 'v', part: 'wait', time: 2.5 },
    ]);
  });

  test('per step of each flow: the steps with a queue, per variant, in hours', () => {
    const panel = specJson(timeSplitChart(smallResults())).vconcat[0];
    expect(panel.title.text).toBe('order');
    expect(panel.encoding.x.title).toBe('mean time per visit (hours)');
    expect(panel.encoding.y.sort).toEqual(['capture', 'install']);
    expect(panel.data.values).toContainEqual({ group: 'install', variant: 'redesign', part: 'wait', time: 10 });
    expect(panel.data.values).toHaveLength(2 * 2 * 2);
  });

  test('per eTOM process, named from the catalog, totals in days', () => {
    const panel = specJson(etomTimeChart(smallResults())).vconcat[0];
    expect(panel.encoding.y.sort).toEqual(['1.1.1.5 Order Handling']);
    expect(panel.encoding.x.title).toBe('time summed over all cases (days)');
    expect(panel.data.values).toContainEqual({ group: '1.1.1.5 Order Handling', variant: 'baseline', part: 'wait', time: 200 / 24 });
  });

  test('no eTOM chart for results without eTOM roll-ups', () => {
    expect(etomTimeChart(withoutOptionalSections(smallResults()))).toBeNull();
  });
});
