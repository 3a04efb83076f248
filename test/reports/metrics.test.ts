import { describe, expect, test } from 'vitest';
import { metricKind, metricLabel, metricValue, statLabel, statText, words } from '../../reports/metrics.js';
import { stat } from './fixture.js';

describe('metric names and units', () => {
  test('kinds from the path', () => {
    expect(metricKind('flows.order.cycle_time.p90')).toBe('hours');
    expect(metricKind('flows.order.kpis.visit.mean')).toBe('hours');
    expect(metricKind('flows.order.kpis.visit.sla_attainment')).toBe('share');
    expect(metricKind('resources.desk.wait')).toBe('hours');
    expect(metricKind('resources.desk.wait_share')).toBe('share');
    expect(metricKind('resources.desk.utilization')).toBe('share');
    expect(metricKind('flows.order.throughput_per_day')).toBe('number');
    expect(metricKind('resources.desk.queue_length')).toBe('number');
    expect(metricKind('flows.order.breakdown.off_shift')).toBe('hours');
  });

  test('labels in words', () => {
    expect(words('order_to-activation')).toBe('order to activation');
    expect(statLabel('cycle_time.p90')).toBe('p90 cycle time');
    expect(statLabel('kpis.engineer_visit.sla_attainment')).toBe('engineer visit SLA attainment');
    expect(metricLabel('flows.order_to_activation.cycle_time.mean')).toBe('order to activation · mean cycle time');
    expect(metricLabel('resources.field_techs.utilization')).toBe('field techs · utilisation');
  });

  test('values in their unit', () => {
    expect(metricValue('flows.o.cycle_time.mean', 120)).toBe('5.00 d');
    expect(metricValue('resources.d.utilization', 0.5)).toBe('50.0%');
    expect(metricValue('flows.o.wip', 20)).toBe('20.0');
  });

  test('a stat as mean ± half-width of its interval', () => {
    expect(statText('flows.o.cycle_time.mean', stat(52.1, 1))).toBe('52.1 ± 1.00 h');
    expect(statText('flows.o.cycle_time.mean', stat(240, 12))).toBe('10.0 ± 0.50 d');
    expect(statText('resources.d.utilization', stat(0.5, 0.02))).toBe('50.0 ± 2.0%');
    expect(statText('flows.o.wip', stat(20, 1))).toBe('20.0 ± 1.00');
    expect(statText('flows.o.wip', stat(20))).toBe('20.0');
    expect(statText('flows.o.wip', stat(null))).toBe('–');
    expect(statText('flows.o.wip', undefined)).toBe('–');
  });
});
