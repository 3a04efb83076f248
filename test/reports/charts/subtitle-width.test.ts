// A chart's subtitle goes over as many lines as keep it within SUBTITLE_WIDTH: vega draws each
// line as given, and the outcome gains' first line (some 1,540 px) made that chart wider than
// report.html's column, which then cut its legend and subtitle (s62E).
import { describe, expect, test } from 'vitest';
import { header, PAGE_COLUMN, SUBTITLE_WIDTH } from '../../../reports/chart.js';
import { kpiGainsChart } from '../../../reports/charts/kpi-gains.js';
import { renderSvg } from '../../../reports/svg.js';
import { textWidth } from '../../../reports/text-width.js';
import { smallResults } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('subtitles within their width', () => {
  test('a long line goes over several, each within SUBTITLE_WIDTH, its words in order; a short one stays as it is', () => {
    const long = `change of each outcome in % of the baseline; ${'a reason to read it with care, '.repeat(12)}the end`;
    const { subtitle } = header('t', [long, 'short line']).title;
    expect(subtitle.length).toBeGreaterThan(2);
    for (const line of subtitle) expect(textWidth(line, 12, false)).toBeLessThanOrEqual(SUBTITLE_WIDTH);
    expect(subtitle.slice(0, -1).join(' ')).toBe(long.replace(/\s+/g, ' '));
    expect(subtitle.at(-1)).toBe('short line');
  });

  test('the outcome gains chart, drawn, fits the page', async () => {
    const spec = specJson(kpiGainsChart(smallResults()));
    const svg = await renderSvg(spec);
    const width = Number(svg.match(/<svg[^>]* width="([0-9.]+)"/)![1]);
    expect(width).toBeLessThanOrEqual(PAGE_COLUMN);
  });
});
