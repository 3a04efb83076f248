import { describe, expect, test } from 'vitest';
import { headlineGains, inReadingOrder } from '../../reports/gains.js';
import { smallResults } from './fixture.js';

describe('gains against the baseline', () => {
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

  test("the headline: per variant, each flow's cycle times, SLA attainment and throughput", () => {
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
    expect(redesign.gains[3].text).toBe('12.0 → 12.5, +4.2% [-0.8%, +9.2%] (not significant)');
  });
});
