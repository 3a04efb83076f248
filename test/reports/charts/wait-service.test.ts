import { describe, expect, test } from 'vitest';
import { etomPerCase, etomTimeChart } from '../../../reports/charts/etom-time.js';
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

  test('per eTOM process, named from the catalog, time per case of the flows that carry it, in hours', () => {
    const [bars, labels] = specJson(etomTimeChart(smallResults())).vconcat[0].layer;
    expect(bars.encoding.y.sort).toEqual(['1.1.1.5 Order Handling']);
    expect(bars.encoding.x.title).toBe('time per case (hours)');
    // 200 h waiting and 50 h in service at its steps, over the 100 orders that arrived
    expect(bars.data.values).toContainEqual({ group: '1.1.1.5 Order Handling', variant: 'baseline', part: 'wait', time: 2 });
    expect(bars.data.values).toContainEqual({ group: '1.1.1.5 Order Handling', variant: 'baseline', part: 'service', time: 0.5 });
    // each bar says its total, so that a short one still reads
    expect(labels.mark.type).toBe('text');
    expect(labels.data.values).toContainEqual({ group: '1.1.1.5 Order Handling', variant: 'baseline', time: 2.5, label: '2.50 h' });
  });

  test('per eTOM process: no row for a process where no case spends time, nor for one without cases', () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) {
      const handling = v.etom['1.1.1.5'];
      // a decision tagged with its own process: visited, no wait, no service
      v.etom['1.1.1.6'] = { ...handling, name: 'Order Routing', wait_hours: stat(0), service_hours: stat(0), nodes: ['order.route'] };
      // a process whose steps belong to a flow the results do not have
      v.etom['1.1.1.7'] = { ...handling, name: 'Elsewhere', nodes: ['other.step'] };
    }
    expect(etomPerCase(results).map((s) => s.group)).toEqual(['1.1.1.5 Order Handling', '1.1.1.5 Order Handling']);
    // a process where only one variant spends time keeps its row for both
    results.variants.redesign.etom['1.1.1.6'].service_hours = stat(10);
    expect(etomPerCase(results).filter((s) => s.group === '1.1.1.6 Order Routing')).toEqual([
      { group: '1.1.1.6 Order Routing', variant: 'baseline', wait: 0, service: 0 },
      { group: '1.1.1.6 Order Routing', variant: 'redesign', wait: 0, service: 0.1 },
    ]);
  });

  test('no eTOM chart for results without eTOM roll-ups', () => {
    expect(etomTimeChart(withoutOptionalSections(smallResults()))).toBeNull();
  });
});
