// A quantity that is 0 throughout (a flow none of whose cases completed, a team that never queued)
// drawn: vega gave its scale the domain [0, 0] and labelled the axis's one tick, or the heatmap's
// legend, "0.000000". The charts now draw it from 0 to 1; a quantity with any value above 0 keeps
// its spec as it was (no scale set).
import { describe, expect, test } from 'vitest';
import type { Chart } from '../../../reports/chart.js';
import { queueHeatmapChart } from '../../../reports/charts/queue-heatmap.js';
import { queueLengthChart } from '../../../reports/charts/queue-length.js';
import { throughputChart } from '../../../reports/charts/throughput.js';
import { welchChart } from '../../../reports/charts/welch.js';
import { renderSvg } from '../../../reports/svg.js';
import { smallResults } from '../fixture.js';

/** The value axes' and colour legends' ranges as the SVG's accessible labels give them. */
async function ranges(chart: Chart | null): Promise<string[]> {
  const svg = await renderSvg(chart!.spec);
  expect(svg).not.toMatch(/>0\.0{4,}</);
  return [...svg.matchAll(/aria-label="(?:Y-axis|Gradient legend) titled '[^']*' for [^"]* with values from ([^"]*)"/g)].map((m) => m[1]);
}

describe('a quantity 0 throughout, charted', () => {
  test('throughput and queue length: a panel of zeros reads 0.0 to 1.0, the others as before', async () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) {
      v.charts.throughput_per_day.order = [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ];
      v.charts.queue_length.techs = [[0, 0, 0, 0]];
    }
    expect(await ranges(throughputChart(results))).toEqual(['0.0 to 1.0']);
    // the desk's queue (1 to 4) as before; the techs' zeros
    expect(await ranges(queueLengthChart(results))).toEqual(['0 to 4', '0.0 to 1.0']);
    expect(JSON.stringify(queueLengthChart(smallResults())!.spec)).not.toContain('domainMax');
  });

  test('the warm-up check and the typical week', async () => {
    const results = smallResults();
    results.warmup_check.series = {
      baseline: {
        'resources.desk.queue_length': { truncation: null, transient: false, averaged: [1, 2, 2, 2] },
        'resources.techs.queue_length': { truncation: null, transient: false, averaged: [0, 0, 0, null] },
      },
    };
    expect(await ranges(welchChart(results))).toEqual(['0.0 to 2.0', '0.0 to 1.0']);
    for (const v of Object.values(results.variants))
      v.charts.queue_length_hour_of_week!.techs = [Array.from({ length: 168 }, (_, h) => (h < 24 ? null : 0))];
    const heatmap = await ranges(queueHeatmapChart(results));
    expect(heatmap).toHaveLength(2);
    expect(heatmap[1]).toBe('0.0 to 1.0');
  });
});
