// Every chart of a report fits report.html's column (PAGE_COLUMN), however long the names it
// draws: a variant of 60 characters and more in a legend beside a team's on the axis made the
// bar charts some 1,210 px wide, and the typical week's heatmaps of six variants side by side
// 1,541 px (s62N). Names are shortened in the middle on an axis and in a legend, whole in the tooltips.
import { describe, expect, test } from 'vitest';
import { axisChars, namesAxis, PAGE_COLUMN, PANEL_WIDTH, plotWidth } from '../../../reports/chart.js';
import { chartLabelExpr, LABEL_CHARS } from '../../../reports/format.js';
import { HEATMAP_COLUMNS, HEATMAP_VARIANTS, queueHeatmapChart } from '../../../reports/charts/queue-heatmap.js';
import { reportCharts } from '../../../reports/index.js';
import { renderSvg } from '../../../reports/svg.js';
import { LONG_FLOW, LONG_TEAM, LONG_VARIANT, longNamesResults } from '../long-names.js';
import { specJson } from '../spec-json.js';

/** Each chart's name and drawn width, px. */
async function drawnWidths(variants: number, capitals = false): Promise<[string, number][]> {
  const results = await longNamesResults(variants, capitals);
  const out: [string, number][] = [];
  for (const chart of reportCharts(results)) {
    const svg = await renderSvg(chart.spec);
    out.push([chart.name, Number(svg.match(/<svg[^>]* width="([0-9.]+)"/)![1])]);
  }
  return out;
}

describe('charts within the page', () => {
  test.each([1, 4, 50])('every chart of %i variants with long names, drawn, fits the column', async (variants) => {
    const widths = await drawnWidths(variants);
    expect(widths.length).toBeGreaterThan(8);
    for (const [name, width] of widths) expect({ name, width: Math.min(width, PAGE_COLUMN) }).toEqual({ name, width });
  });

  // s63E: in capitals, some 40% wider, utilisation was 1,086 px wide at 4 variants, the cycle-time breakdown 1,149
  test.each([4, 50])('every chart of %i variants with long names in capitals, drawn, fits the column', async (variants) => {
    const widths = await drawnWidths(variants, true);
    expect(widths.length).toBeGreaterThan(8);
    for (const [name, width] of widths) expect({ name, width: Math.min(width, PAGE_COLUMN) }).toEqual({ name, width });
  });

  test('an axis of names keeps LABEL_CHARS beside a short legend, fewer beside a wide one, and its spec says so only then', () => {
    const team = `${LONG_TEAM} (shifting)`;
    expect(axisChars([team], ['baseline', 'redesign'])).toBe(LABEL_CHARS);
    expect(namesAxis([team], ['baseline', 'redesign'])).toEqual({});
    const capitals = [team.toUpperCase()];
    const chars = axisChars(capitals, ['baseline', LONG_VARIANT.toUpperCase()]);
    expect(chars).toBeLessThan(LABEL_CHARS);
    expect(chars).toBeGreaterThan(30);
    expect(namesAxis(capitals, ['baseline', LONG_VARIANT.toUpperCase()])).toEqual({ axis: { labelExpr: chartLabelExpr(chars) } });
  });

  test('the plot keeps its full width beside short names, and narrows beside long ones no further than it must', () => {
    expect(plotWidth(['desk', 'techs'], ['baseline', 'redesign'])).toBe(PANEL_WIDTH);
    const narrowed = plotWidth([`${LONG_TEAM} (shifting)`], ['baseline', LONG_VARIANT]);
    expect(narrowed).toBeLessThan(PANEL_WIDTH);
    // a shorter variant gives the plot back what it no longer takes
    expect(plotWidth([`${LONG_TEAM} (shifting)`], ['baseline', LONG_FLOW.slice(0, 30)])).toBeGreaterThan(narrowed);
  });

  test('the typical week draws its heatmaps HEATMAP_COLUMNS to a row, each variant named in full in its tooltip', async () => {
    const results = await longNamesResults(HEATMAP_VARIANTS + 1);
    const spec = specJson(queueHeatmapChart(results));
    for (const panel of spec.vconcat) {
      expect(panel.columns).toBe(HEATMAP_COLUMNS);
      expect(panel.facet.sort).toHaveLength(HEATMAP_VARIANTS);
      expect(panel.facet.sort).toContain(LONG_VARIANT);
      expect(panel.spec.encoding.tooltip[0].field).toBe('variant');
      expect(panel.data.values.some((c: { variant: string }) => c.variant === LONG_VARIANT)).toBe(true);
    }
  });
});
