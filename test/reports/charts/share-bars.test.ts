import { describe, expect, test } from 'vitest';
import { shareRow } from '../../../reports/charts/share-bars.js';
import { slaChart } from '../../../reports/charts/sla.js';
import { utilizationChart } from '../../../reports/charts/utilization.js';
import { smallResults, stat } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('shares per variant with intervals', () => {
  test('an interval is kept inside 0..100%', () => {
    expect(shareRow('g', 'v', stat(0.98, 0.04))).toEqual({ group: 'g', variant: 'v', share: 0.98, low: 0.94, high: 1 });
    expect(shareRow('g', 'v', stat(0.01, 0.03))).toEqual({ group: 'g', variant: 'v', share: 0.01, low: 0, high: 0.04 });
    expect(shareRow('g', 'v', stat(0.5))).toEqual({ group: 'g', variant: 'v', share: 0.5, low: null, high: null });
    expect(shareRow('g', 'v', stat(null))).toBeNull();
  });

  test('utilisation: a bar per team and variant on a 0..100% axis', () => {
    const spec = specJson(utilizationChart(smallResults()));
    const [bars, errorBars] = spec.layer;
    expect(bars.data.values.map((r: { group: string; variant: string; share: number }) => [r.group, r.variant, r.share])).toEqual([
      ['desk', 'baseline', 0.5],
      ['desk', 'redesign', 0],
      ['techs', 'baseline', 0.98],
      ['techs', 'redesign', 0.98],
    ]);
    expect(bars.encoding.x.scale.domain).toEqual([0, 1]);
    expect(bars.encoding.color.scale.domain).toEqual(['baseline', 'redesign']);
    expect(errorBars.data.values[1]).toMatchObject({ low: 0, high: 0.02 });
  });

  test('SLA attainment: the flows with an SLA, named with it', () => {
    const spec = specJson(slaChart(smallResults()));
    expect(spec.layer[0].data.values).toEqual([
      {
        group: 'order (SLA 5 days)',
        variant: 'baseline',
        share: 0.8,
        low: expect.closeTo(0.75, 12),
        high: expect.closeTo(0.85, 12),
        sla: 120,
        sla_text: '5 days',
        caution: null,
      },
      {
        group: 'order (SLA 5 days)',
        variant: 'redesign',
        share: 0.9,
        low: expect.closeTo(0.85, 12),
        high: expect.closeTo(0.95, 12),
        sla: 120,
        sla_text: '5 days',
        caution: null,
      },
    ]);
  });

  test('no SLA chart when no flow has an SLA', () => {
    const results = smallResults();
    results.slas = {};
    for (const v of Object.values(results.variants)) delete v.flows.order.sla_attainment;
    expect(slaChart(results)).toBeNull();
  });
});
