import { describe, expect, test } from 'vitest';
import { HEATMAP_VARIANTS, queueHeatmapChart, typicalWeek } from '../../../reports/charts/queue-heatmap.js';
import { smallResults, withoutOptionalSections } from '../fixture.js';
import { specJson, type Json } from '../spec-json.js';

describe('a typical week: queue length by hour of the week', () => {
  test('per hour of the week, the mean over the replications; an hour the window never reached has no cell', () => {
    const cells = typicalWeek(smallResults(), 'baseline', 'desk');
    // the window [24 h, 96 h] reaches Tuesday to Thursday: 3 days of 24 hours
    expect(cells).toHaveLength(3 * 24);
    expect(cells[0]).toEqual({ variant: 'baseline', day: 'Tue', hour: 0, mean: 2 }); // (1 + 2 + 3) / 3
    expect(cells.find((c) => c.day === 'Wed' && c.hour === 7)?.mean).toBe(2);
    expect(cells.find((c) => c.day === 'Wed' && c.hour === 8)?.mean).toBe(0);
    expect(cells.some((c) => c.day === 'Mon' || c.day === 'Fri')).toBe(false);
  });

  test('a panel per team, a heatmap per variant side by side, Monday first, labelled from the catalogue', () => {
    const spec = specJson(queueHeatmapChart(smallResults()));
    expect(spec.vconcat.map((p: Json) => p.title.text)).toEqual(['desk', 'techs']);
    const desk = spec.vconcat[0];
    expect(desk.facet.sort).toEqual(['baseline', 'redesign']);
    expect(desk.spec.encoding.y.sort).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(desk.spec.encoding.x.scale.domain).toHaveLength(24);
    expect(desk.spec.encoding.color.title).toBe('cases waiting');
    expect(desk.data.values).toHaveLength(2 * 3 * 24);
    // each team on its own colour scale
    expect(spec.resolve.scale.color).toBe('independent');
  });

  test("past HEATMAP_VARIANTS variants, the first of them in the scenario's order are drawn, and the subtitle says how many of how many", () => {
    const results = smallResults();
    expect(specJson(queueHeatmapChart(results)).title.subtitle).toHaveLength(2);
    const extra = HEATMAP_VARIANTS + 2 - Object.keys(results.variants).length;
    for (let i = 0; i < extra; i++) results.variants[`staffing ${i}`] = structuredClone(results.variants.redesign);
    const spec = specJson(queueHeatmapChart(results));
    const shown = ['baseline', 'redesign', ...Array.from({ length: HEATMAP_VARIANTS - 2 }, (_, i) => `staffing ${i}`)];
    for (const panel of spec.vconcat) {
      expect(panel.facet.sort).toEqual(shown);
      expect(new Set(panel.data.values.map((c: Json) => c.variant))).toEqual(new Set(shown));
    }
    expect(spec.title.subtitle[2]).toBe(
      `per team the first ${HEATMAP_VARIANTS} of the ${HEATMAP_VARIANTS + 2} variants with its hours, in the scenario's order; every variant's hours are in results.json (charts.queue_length_hour_of_week)`,
    );
    // a team with hours in none of the first variants (one a later variant adds) keeps its panel, of the variants that have them
    for (const v of Object.keys(results.variants).slice(0, HEATMAP_VARIANTS))
      delete results.variants[v].charts.queue_length_hour_of_week!.techs;
    const techs = specJson(queueHeatmapChart(results)).vconcat.find((p: Json) => p.title.text === 'techs');
    expect(techs.facet.sort).toEqual(Object.keys(results.variants).slice(HEATMAP_VARIANTS));
  });

  test('results written before the series was recorded: no chart', () => {
    expect(queueHeatmapChart(withoutOptionalSections(smallResults()))).toBeNull();
  });
});
