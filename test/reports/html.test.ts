import { describe, expect, test } from 'vitest';
import { browserLibraries, scriptSafe } from '../../reports/browser-libs.js';
import { escapeHtml, htmlTable, renderHtml } from '../../reports/html.js';
import { headlineGains } from '../../reports/gains.js';
import { reportCharts } from '../../reports/index.js';
import { kpiTables } from '../../reports/tables.js';
import type { Results } from '../../engine/results/types.js';
import { smallResults } from './fixture.js';

function page(results: Results): string {
  return renderHtml({ results, gains: headlineGains(results), charts: reportCharts(results), tables: kpiTables(results) });
}

/** The markup without the inlined code, which mentions URLs in strings that never load. */
function markup(html: string): string {
  return html.replace(/<script>[\s\S]*?<\/script>/g, '<script></script>');
}

describe('code inlined in <script>', () => {
  test('cannot close the element or open a comment, and means the same', () => {
    const code = '"a</script>b</SCRIPT >c<!--d"';
    const safe = scriptSafe(code);
    expect(safe).not.toMatch(/<\/script|<!--/i);
    expect(eval(safe)).toBe(eval(code));
  });

  test('the three vega builds are read and made safe', () => {
    const libs = browserLibraries();
    expect(libs).toHaveLength(3);
    expect(libs[0]).toContain('vega');
    expect(libs[1]).toContain('vegaLite');
    expect(libs[2]).toContain('vegaEmbed');
    for (const code of libs) expect(code).not.toMatch(/<\/script|<!--/i);
  });
});

describe('report.html', () => {
  const html = page(smallResults());

  test('references no external URL: no src, href or CSS url, data inlined in every spec', () => {
    expect(markup(html)).not.toMatch(/\s(src|href|srcset|action|formaction|poster|data)\s*=/i);
    expect(markup(html)).not.toMatch(/url\(|@import|<link|<iframe|<img|<object|<embed/i);
    for (const chart of reportCharts(smallResults())) expect(JSON.stringify(chart.spec)).not.toMatch(/"url"\s*:/);
  });

  test('a Content-Security-Policy forbids any request', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  test('the scenario\'s name and description, escaped, and one container per chart', () => {
    expect(html).toContain('<h1>Order &lt;handling&gt; &amp; co</h1>');
    expect(html).toContain('<p>A small, hand-made results file.</p>');
    for (const chart of reportCharts(smallResults())) expect(html).toContain(`<div id="chart-${chart.name}" class="chart"`);
    expect(html.match(/<div id="chart-/g)).toHaveLength(reportCharts(smallResults()).length);
  });

  test('the headline panel: each variant in its colour, its gains, the unclear ones marked', () => {
    expect(html).toContain('<h3>redesign</h3><p>Automated capture</p>');
    expect(html).toContain('<li>order · mean cycle time: 52.1 h → 39.0 h, -25.1% [-26.9%, -23.4%]</li>');
    expect(html).toContain('<li class="not-significant">order · throughput per day: 12.0 → 12.5, +4.2% [-0.8%, +9.2%] (not significant)</li>');
  });

  test('text from the scenario cannot inject markup or script', () => {
    const results = smallResults();
    results.description = '</script><script>alert(1)</script>';
    results.variants.redesign.description = '<img src=x onerror=alert(1)>';
    const hostile = page(results);
    expect(hostile.match(/<script>/g)).toHaveLength(4); // three libraries and the embedding code
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('tables: a header row, numbers aligned right', () => {
    const table = htmlTable({ title: 'T & t', head: ['name', 'n'], rows: [['<a>', '1']], numeric: [false, true] });
    expect(table).toBe('<h3>T &amp; t</h3>\n<table>\n<thead><tr><th scope="col">name</th><th scope="col">n</th></tr></thead>\n<tbody>\n<tr><td>&lt;a&gt;</td><td class="number">1</td></tr>\n</tbody>\n</table>');
  });

  test('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
