import { describe, expect, test } from 'vitest';
import { bottleneckSharesChart, bottleneckTimelineChart } from '../../../reports/charts/bottlenecks.js';
import { renderSvg } from '../../../reports/svg.js';
import { smallResults } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('bottleneck charts', () => {
  test('sole and shifting shares per team and variant, with intervals', () => {
    const spec = specJson(bottleneckSharesChart(smallResults()));
    const rows = spec.layer[0].data.values as { group: string; variant: string; share: number }[];
    expect([...new Set(rows.map((r) => r.group))]).toEqual(['desk (sole)', 'desk (shifting)', 'techs (sole)', 'techs (shifting)']);
    expect(rows.find((r) => r.group === 'techs (shifting)' && r.variant === 'baseline')!.share).toBe(0.1);
  });

  test('the timeline is the mean share per bin over the replications, one panel per team', () => {
    const spec = specJson(bottleneckTimelineChart(smallResults()));
    expect(spec.vconcat).toHaveLength(2);
    const values = JSON.stringify(spec.vconcat[0]);
    expect(values).toContain('"mean":0.8333'); // desk, first bin: (1 + 1 + 0.5) / 3
  });

  test("the timeline's share reads in percent, as the bars' and utilisation's do", async () => {
    const svg = await renderSvg(bottleneckTimelineChart(smallResults())!.spec);
    const axes = [...svg.matchAll(/aria-label="Y-axis titled '([^']*)' for a linear scale with values from ([^"]*)"/g)].map(
      (m) => `${m[1]}: ${m[2]}`,
    );
    expect(axes).toEqual(['share of the bin (%): 0% to 100%', 'share of the bin (%): 0% to 100%']);
  });

  test('no chart when no team was ever a bottleneck', () => {
    const r = smallResults();
    for (const v of Object.values(r.variants))
      for (const t of Object.values(v.resources)) t.bottleneck.sole.mean = t.bottleneck.shifting.mean = 0;
    expect(bottleneckSharesChart(r)).toBeNull();
    expect(bottleneckTimelineChart(r)).toBeNull();
  });
});
