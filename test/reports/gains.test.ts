import { describe, expect, test } from 'vitest';
import { changeText, headlineGains, inReadingOrder, percentInterval, relativeChange } from '../../reports/gains.js';
import { smallResults } from './fixture.js';

const byMetric = (metric: string) => smallResults().comparisons.find((c) => c.metric === metric)!;

describe('gains against the baseline', () => {
  test('the paired interval in percent of the baseline', () => {
    const [low, high] = percentInterval(byMetric('flows.order.cycle_time.mean'))!;
    expect(low).toBeCloseTo((-14 / 52.1) * 100, 10);
    expect(high).toBeCloseTo((-12.2 / 52.1) * 100, 10);
    expect(percentInterval(byMetric('resources.techs.wait'))).toBeNull();
  });

  test('a change for people', () => {
    // -13.1 / 52.1 = -25.14%, interval -26.87% to -23.42%
    expect(changeText(byMetric('flows.order.cycle_time.mean'))).toBe('52.1 h → 39.0 h, -25.1% [-26.9%, -23.4%]');
    expect(relativeChange(byMetric('flows.order.sla_attainment'))).toBe('+12.5% [+5.0%, +20.0%]');
    // shares, as on the command line, change in percentage points
    expect(changeText(byMetric('flows.order.sla_attainment'))).toBe('80.0% → 90.0%, +10.0 pp [+4.0, +16.0]');
    expect(changeText(byMetric('resources.techs.wait'))).toBe('0.00 h → 0.00 h');
    expect(relativeChange(byMetric('resources.techs.wait'))).toBe('–');
  });

  test('reading order: how fast, how reliably, how much, then the teams', () => {
    expect(inReadingOrder(smallResults().comparisons).map((c) => c.metric)).toEqual([
      'flows.order.cycle_time.mean',
      'flows.order.cycle_time.p90',
      'flows.order.sla_attainment',
      'flows.order.throughput_per_day',
      'resources.desk.utilization',
      'resources.desk.queue_length',
      'resources.techs.wait',
    ]);
  });

  test('the headline: per variant, each flow\'s cycle times, SLA attainment and throughput', () => {
    const [redesign, ...others] = headlineGains(smallResults());
    expect(others).toEqual([]);
    expect(redesign.variant).toBe('redesign');
    expect(redesign.description).toBe('Automated capture');
    expect(redesign.gains.map((g) => [g.label, g.significant])).toEqual([
      ['order · mean cycle time', true],
      ['order · p90 cycle time', true],
      ['order · SLA attainment', true],
      ['order · throughput per day', false],
    ]);
  });
});
