import { describe, expect, test } from 'vitest';
import { CATALOGUE, FLOW, FLOW_METRICS, metricKindOf, parseMetricPath, RESOURCE_METRICS } from '../../engine/model/metric-catalogue.js';
import { BREAKDOWN, BREAKDOWN_PARTS } from '../../engine/sim/entities.js';

describe('the metric catalogue', () => {
  test('a path splits into scope, owner, KPI or node, and kind, whatever the names', () => {
    expect(parseMetricPath('flows.order.cycle_time.p90')).toMatchObject({
      scope: 'flow',
      owner: 'order',
      part: null,
      kind: FLOW_METRICS.cycleP90,
    });
    expect(parseMetricPath('flows.order.kpis.visit.mean')).toMatchObject({ scope: 'kpi', owner: 'order', part: 'visit' });
    expect(parseMetricPath('flows.order.nodes.check.wait_hours')).toMatchObject({ scope: 'node', owner: 'order', part: 'check' });
    expect(parseMetricPath('resources.desk.bottleneck.sole')).toMatchObject({
      scope: 'resource',
      owner: 'desk',
      kind: RESOURCE_METRICS.soleBottleneck,
    });
    // names that spell a block's key are names
    expect(parseMetricPath('flows.kpis.breakdown.wait')).toMatchObject({ scope: 'flow', owner: 'kpis', kind: FLOW_METRICS.breakdownWait });
    expect(parseMetricPath('flows.nodes.nodes.nodes.visits')).toMatchObject({ scope: 'node', owner: 'nodes', part: 'nodes' });
    expect(parseMetricPath('flows.order.nodes.check.cycle_time')).toBeNull();
    expect(parseMetricPath('flows.order.no_such_stat')).toBeNull();
    expect(parseMetricPath('etom.1.2.wait')).toBeNull();
    expect(parseMetricPath('flows.order')).toBeNull();
    // a shift's line, and a target's pattern over every team and shift (what size reads its shift targets with)
    expect(parseMetricPath('resources.desk.shifts.off_shift.wait')).toMatchObject({
      scope: 'shift',
      owner: 'desk',
      part: 'off shift',
      shift: 'off_shift',
    });
    expect(parseMetricPath('resources.*.shifts.*.within_target')).toMatchObject({
      scope: 'shift',
      owner: '*',
      part: 'any shift',
      shift: '*',
    });
    expect(parseMetricPath('resources.desk.shifts.night.wait')).toBeNull();
  });

  test("comparisons cover the contract's minimum and more: cycle times, throughput, WIP, SLA, cost per case; KPIs; teams", () => {
    const compared = (scope: keyof typeof CATALOGUE) =>
      Object.values(CATALOGUE[scope])
        .filter((k) => k.compared)
        .map((k) => k.stat);
    expect(compared('flow')).toEqual([
      'throughput_per_day',
      'wip',
      'cycle_time.mean',
      'cycle_time.p50',
      'cycle_time.p90',
      'cycle_time.p95',
      'sla_attainment',
      'cost_per_case',
      'used_cost_per_case',
    ]);
    expect(compared('kpi')).toEqual(['mean', 'p90', 'sla_attainment']);
    expect(compared('node')).toEqual([]);
    expect(compared('resource')).toEqual(['utilization', 'queue_length', 'wait', 'cost', 'idle_cost']);
  });

  test('the breakdown takes five consecutive slots in BREAKDOWN order (the recorder writes them in a loop)', () => {
    const parts = Object.keys(BREAKDOWN).map((p) => `breakdown.${p.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`);
    expect(parts).toHaveLength(BREAKDOWN_PARTS);
    const stats = Object.values(FLOW_METRICS).map((k) => k.stat);
    expect(stats.slice(FLOW.breakdownService, FLOW.breakdownService + BREAKDOWN_PARTS)).toEqual(parts);
  });

  test('every stat is distinct within its scope, and every share, time and count says which way is better', () => {
    for (const table of Object.values(CATALOGUE)) {
      const stats = Object.values(table).map((k) => k.stat);
      expect(new Set(stats).size).toBe(stats.length);
    }
    expect(metricKindOf('flows.order.sla_attainment')).toMatchObject({ unit: 'share', better: 'higher', role: 'outcome' });
    expect(metricKindOf('resources.desk.utilization')).toMatchObject({ unit: 'share', role: 'diagnostic' });
    expect(metricKindOf('flows.order.cost_per_case')).toMatchObject({ unit: 'currency', better: 'lower', role: 'outcome' });
  });
});
