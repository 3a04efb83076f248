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
    // links within the page (the contents, section anchors) are the only href
    expect(markup(html)).not.toMatch(/\s(src|srcset|action|formaction|poster|data)\s*=/i);
    for (const link of markup(html).match(/\shref\s*=\s*"[^"]*"/gi) ?? []) expect(link).toMatch(/^\shref="#[\w-]+"$/);
    expect(markup(html)).not.toMatch(/url\(|@import|<link|<iframe|<img|<object|<embed/i);
    for (const chart of reportCharts(smallResults())) expect(JSON.stringify(chart.spec)).not.toMatch(/"url"\s*:/);
  });

  test('a Content-Security-Policy forbids any request', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  test("the scenario's name and description, escaped, and one container per chart", () => {
    expect(html).toContain('<h1>Order &lt;handling&gt; &amp; co</h1>');
    expect(html).toContain('<p>A small, hand-made results file.</p>');
    for (const chart of reportCharts(smallResults())) expect(html).toContain(`<div id="chart-${chart.name}" class="chart"`);
    expect(html.match(/<div id="chart-/g)).toHaveLength(reportCharts(smallResults()).length);
  });

  test('the executive page first: each variant in its colour, its outcomes, significant ones emphasised, the others said plainly', () => {
    expect(html.indexOf('<section id="executive">')).toBeLessThan(html.indexOf('<section id="outcomes">'));
    expect(html).toContain('<h3>redesign</h3>\n<p class="description">Automated capture</p>');
    expect(html).toContain(
      '<tr class="significant"><th scope="row">order: mean cycle time</th><td class="number">52.1 h</td><td class="arrow">→</td><td class="number">39.0 h</td><td class="number change">-25.1% [-26.9%, -23.4%]</td><td class="verdict">better</td></tr>',
    );
    expect(html).toContain(
      '<tr class="not-significant"><th scope="row">order: throughput per day</th><td class="number">12.0</td><td class="arrow">→</td><td class="number">12.5</td><td class="number change">+4.2% [-0.8%, +9.2%]</td><td class="verdict">no significant change</td></tr>',
    );
    // staffing in the scenario's currency, per week: desk 100 unit-hours x 40 + techs 672 x 65 = 47,680
    expect(html).toContain('staffing unchanged at EUR 47,680 per week');
  });

  test('contents, linkable sections, diagnostics after outcomes with unchanged rows folded, assumptions, print layout', () => {
    const ids = [...html.matchAll(/<section id="([\w-]+)">/g)].map((m) => m[1]);
    // (the process maps, drawn by buildReport, come after the executive page: test/reports/index.test.ts)
    expect(ids).toEqual(['executive', 'outcomes', 'diagnostics', 'assumptions', 'tables']);
    for (const id of ids) expect(html).toContain(`<li><a href="#${id}">`);
    expect(html).toContain('No change (1): techs · wait');
    expect(html).toContain('capture: team desk -&gt; none (automated)');
    expect(html).toContain('@media print');
    expect(html.indexOf('id="chart-utilization"')).toBeGreaterThan(html.indexOf('<section id="diagnostics">'));
    expect(html.indexOf('id="chart-kpi-gains"')).toBeLessThan(html.indexOf('<section id="diagnostics">'));
  });

  test('text from the scenario cannot inject markup or script', () => {
    const results = smallResults();
    results.description = '</script><script>alert(1)</script>';
    results.variants.redesign.description = '<img src=x onerror=alert(1)>';
    const hostile = page(results);
    expect(hostile.match(/<script>/g)).toHaveLength(4); // three libraries and the embedding code
    expect(hostile).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  test('tables: a header row, numbers aligned right, in a box that scrolls sideways', () => {
    const table = htmlTable({ title: 'T & t', head: ['name', 'n'], rows: [['<a>', '1']], numeric: [false, true] });
    expect(table).toBe(
      '<h3>T &amp; t</h3>\n<div class="table-scroll"><table>\n<thead><tr><th scope="col">name</th><th scope="col">n</th></tr></thead>\n<tbody>\n<tr><td>&lt;a&gt;</td><td class="number">1</td></tr>\n</tbody>\n</table></div>',
    );
  });

  test('escapeHtml covers the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
