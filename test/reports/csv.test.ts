import { fromCSV } from 'arquero';
import { describe, expect, test } from 'vitest';
import { comparisonsCsv, kpiRows, kpisCsv, replicationRows, replicationsCsv } from '../../reports/csv.js';
import type { Comparison } from '../../engine/results/types.js';
import { smallResults, stat, withoutOptionalSections } from './fixture.js';

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

  test("a change row names its stat as the stat's own row does, in the page's five scopes (a milestone KPI, a shift, a node)", () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) {
      v.flows.order.kpis = { to_install: { mean: stat(30, 2), p50: stat(28), p90: stat(50), p95: stat(60), count: stat(90) } };
      v.resources.techs.shifts = { '0': { tasks: stat(40), wait: stat(2, 0.5), wait_hours: stat(80) } };
    }
    const compared = (metric: string, baseline: number, value: number): Comparison => ({
      variant: 'redesign',
      against: 'baseline',
      metric,
      baseline,
      value,
      delta: value - baseline,
      delta_pct: ((value - baseline) / baseline) * 100,
      ci95: [-3, -1],
      significant: true,
      delta_pct_ci95: null,
      significant_adjusted: true,
    });
    results.comparisons.push(
      compared('flows.order.kpis.to_install.mean', 30, 28),
      compared('resources.techs.shifts.0.wait', 2, 1),
      compared('flows.order.nodes.install.wait', 10, 9),
    );
    const back = fromCSV(kpisCsv(results)).objects() as Record<string, unknown>[];
    const place = (r: Record<string, unknown>) => `${r.variant} ${r.scope} ${r.name} ${r.metric}`;
    const stats = new Set(back.filter((r) => r.row === 'stat').map(place));
    const changes = back.filter((r) => r.row === 'change');
    expect(changes).toHaveLength(results.comparisons.length);
    for (const r of changes) expect(stats, place(r)).toContain(place(r));
    expect(new Set(back.map((r) => r.scope))).toEqual(new Set(['flow', 'node', 'resource', 'etom', 'vertical']));
    expect(changes.map(place)).toEqual(
      expect.arrayContaining([
        'redesign flow order kpis.to_install.mean',
        'redesign resource techs shifts.0.wait',
        'redesign node order.install wait',
      ]),
    );
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
    expect(lines[0]).toBe('variant,replication,metric,value,unit');
    expect(lines).toHaveLength(1 + 2 * 2 * 3);
    expect(lines.slice(1, 4)).toEqual([
      'baseline,1,flows.order.cycle_time.mean,50,hours',
      'baseline,2,flows.order.cycle_time.mean,52,hours',
      'baseline,3,flows.order.cycle_time.mean,,hours',
    ]);
    expect(replicationRows(smallResults())[11]).toEqual({
      variant: 'redesign',
      replication: 3,
      metric: 'resources.desk.utilization',
      value: 0.51,
      unit: 'share',
    });
  });

  test('keeps its header without any row', () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) v.replications = {};
    expect(replicationsCsv(results)).toBe('variant,replication,metric,value,unit\n');
  });
});

describe("every CSV names each number's unit in its row, in kpis.csv's words", () => {
  /** A scenario counted in days, without a currency: kpis.csv's times in days, results.json's (and so the other tables') in hours. */
  function inDays() {
    const results = smallResults();
    results.time_unit = 'days';
    results.currency = null;
    return results;
  }
  const HOURS_IN: Record<string, number> = { hours: 1, days: 24, minutes: 1 / 60 };

  test("comparisons.csv's value_unit, after its columns: hours for a time whatever the time_unit, a rate per day, a share", () => {
    const back = fromCSV(comparisonsCsv(inDays())).objects() as Record<string, unknown>[];
    expect(Object.keys(back[0]).slice(0, 13)).toEqual(
      'variant,metric,label,unit,baseline,value,change,change_unit,change_low,change_high,significant,text,significant_adjusted'.split(','),
    );
    const unitOf = (metric: string) => back.find((r) => r.metric === metric)!;
    expect(unitOf('flows.order.cycle_time.mean')).toMatchObject({ unit: 'hours', value_unit: 'hours', baseline: 52.1 });
    expect(unitOf('flows.order.throughput_per_day')).toMatchObject({ unit: 'per_day', value_unit: 'per day' });
    expect(unitOf('flows.order.sla_attainment')).toMatchObject({ unit: 'share', value_unit: 'share' });
    expect(unitOf('resources.desk.queue_length')).toMatchObject({ unit: 'count', value_unit: 'count' });
  });

  test("a stat read through each table's unit is the same number: kpis.csv in days, comparisons.csv and replications.csv in hours", () => {
    const results = inDays();
    const kpis = fromCSV(kpisCsv(results)).objects() as Record<string, unknown>[];
    const kpi = kpis.find((r) => r.variant === 'baseline' && r.scope === 'flow' && r.name === 'order' && r.metric === 'cycle_time.mean')!;
    const compared = (fromCSV(comparisonsCsv(results)).objects() as Record<string, unknown>[]).find(
      (r) => r.metric === 'flows.order.cycle_time.mean',
    )!;
    expect(kpi.unit).toBe('days');
    expect(compared.value_unit).toBe('hours');
    expect((kpi.mean as number) * HOURS_IN[kpi.unit as string]).toBeCloseTo(
      (compared.baseline as number) * HOURS_IN[compared.value_unit as string],
      9,
    );
    const replications = fromCSV(replicationsCsv(results)).objects() as Record<string, unknown>[];
    expect(new Set(replications.filter((r) => r.metric === 'flows.order.cycle_time.mean').map((r) => r.unit))).toEqual(new Set(['hours']));
    expect(new Set(replications.filter((r) => r.metric === 'resources.desk.utilization').map((r) => r.unit))).toEqual(new Set(['share']));
  });
});
