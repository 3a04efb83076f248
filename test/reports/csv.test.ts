import { fromCSV } from 'arquero';
import { describe, expect, test } from 'vitest';
import { kpiRows, kpisCsv, replicationRows, replicationsCsv } from '../../reports/csv.js';
import { smallResults, withoutOptionalSections } from './fixture.js';

describe('kpis.csv', () => {
  test('tidy columns, one stat of one variant per row', () => {
    const text = kpisCsv(smallResults());
    expect(text.split('\n')[0]).toBe('variant,scope,name,metric,mean,ci_low,ci_high,n,unit,role,row,significant');
    expect(text).toContain('\nbaseline,flow,order,cycle_time.mean,52.1,51.1,53.1,3,hours,outcome,stat,\n');
    expect(text).toContain('\nredesign,node,order.install,wait,10,9,11,3,hours,diagnostic,stat,\n');
    expect(text).toContain('\nbaseline,resource,desk,bottleneck.sole,0.3,,,3,share,diagnostic,stat,\n');
    expect(text).toContain('\nbaseline,etom,1.1.1.5,wait_hours,200,,,3,hours,diagnostic,stat,\n');
    expect(text).toContain('\nredesign,vertical,Fulfillment,cost,2000,,,3,EUR,diagnostic,stat,\n');
    // then the changes against the baseline: the mean cycle time fell by 25.1% [-26.9%, -23.4%]
    expect(text).toMatch(/\nredesign,flow,order,cycle_time\.mean,-25\.14\d*,-26\.87\d*,-23\.41\d*,3,%,outcome,change,true\n/);
  });

  test('every stat of the results, and nothing else', () => {
    const rows = kpiRows(smallResults());
    // per variant: the flow's 9 stats (with open_at_horizon and open_age), 4 cycle-time stats and 5 breakdown parts; its nodes' 5 + 1 + 5;
    // 2 teams x 10 (8 stats and 2 bottleneck shares); the eTOM process's 6; the vertical's 4
    const expected = 2 * (9 + 4 + 5 + 11 + 20 + 6 + 4);
    expect(rows).toHaveLength(expected);
    expect(new Set(rows.map((r) => r.scope))).toEqual(new Set(['flow', 'node', 'resource', 'etom', 'vertical']));
    expect(kpiRows(withoutOptionalSections(smallResults()))).toHaveLength(expected - 2 * (5 + 6 + 4));
  });

  test('reads back as the same table', () => {
    const back = fromCSV(kpisCsv(smallResults())).objects();
    expect(back).toHaveLength(kpiRows(smallResults()).length + smallResults().comparisons.length);
    expect(back[0]).toEqual({
      variant: 'baseline',
      scope: 'flow',
      name: 'order',
      metric: 'arrived',
      mean: 100,
      ci_low: null,
      ci_high: null,
      n: 3,
      unit: 'count',
      role: 'diagnostic',
      row: 'stat',
      significant: null,
    });
  });
});

describe('replications.csv', () => {
  test('one row per variant, replication and metric; a missing value is an empty field', () => {
    const text = replicationsCsv(smallResults());
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('variant,replication,metric,value');
    expect(lines).toHaveLength(1 + 2 * 2 * 3);
    expect(lines.slice(1, 4)).toEqual([
      'baseline,1,flows.order.cycle_time.mean,50',
      'baseline,2,flows.order.cycle_time.mean,52',
      'baseline,3,flows.order.cycle_time.mean,',
    ]);
    expect(replicationRows(smallResults())[11]).toEqual({
      variant: 'redesign',
      replication: 3,
      metric: 'resources.desk.utilization',
      value: 0.51,
    });
  });

  test('keeps its header without any row', () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) v.replications = {};
    expect(replicationsCsv(results)).toBe('variant,replication,metric,value\n');
  });
});
