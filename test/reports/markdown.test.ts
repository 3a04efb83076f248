import { describe, expect, test } from 'vitest';
import type { Chart } from '../../reports/chart.js';
import { headlineGains } from '../../reports/gains.js';
import { markdownTable, markdownText, renderMarkdown } from '../../reports/markdown.js';
import { kpiTables } from '../../reports/tables.js';
import { smallResults } from './fixture.js';

const chart = (name: string, title: string): Chart => ({ name, title, spec: { data: { values: [] }, mark: 'point' } });

describe('summary.md', () => {
  test('a table with numbers aligned right; a pipe cannot break a cell', () => {
    const text = markdownTable({ title: 't', head: ['name', 'value'], rows: [['a|b', '1']], numeric: [false, true] });
    expect(text).toBe('| name | value |\n| --- | ---: |\n| a\\|b | 1 |');
  });

  test('title, headline gains, the charts as linked SVGs, and the KPI tables', () => {
    const results = smallResults();
    const md = renderMarkdown({
      results,
      gains: headlineGains(results),
      charts: [chart('kpi-gains', 'KPI gains'), chart('sla', 'SLA')],
      tables: kpiTables(results),
    });
    expect(md.startsWith('# Order \\<handling\\> \\& co\n\nA small, hand-made results file.\n')).toBe(true);
    expect(md).toContain('**redesign** (Automated capture)');
    expect(md).toContain('- order · mean cycle time: 52.1 h → 39.0 h, -25.1% [-26.9%, -23.4%]\n');
    expect(md).toContain('- order · throughput per day: 12.0 → 12.5, +4.2% [-0.8%, +9.2%] (not significant)\n');
    expect(md).toContain('![KPI gains](charts/kpi-gains.svg)');
    expect(md).toContain('![SLA](charts/sla.svg)');
    expect(md).toContain('### Flows\n\n| flow | variant |');
    expect(md).toContain('### Gains against the baseline');
  });

  test('user text is shown literally: no HTML, emphasis, link, list or cell end comes from a name or a description', () => {
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(markdownText('__proto__')).toBe('\\_\\_proto\\_\\_');
    expect(markdownText('[x](javascript:alert(1)) `code` *a* ~b~ &amp; a|b # c')).toBe(
      '\\[x\\](javascript:alert(1)) \\`code\\` \\*a\\* \\~b\\~ \\&amp; a\\|b \\# c',
    );
    expect(markdownText('one\n# two\r\n- three')).toBe('one \\# two - three');
    const results = smallResults();
    results.scenario = '<img src=x onerror=alert(1)>';
    results.description = '- a list?\n\n<script>alert(1)</script>';
    results.variants.redesign.description = '# <img src=x onerror=alert(1)>';
    const md = renderMarkdown({ results, gains: headlineGains(results), charts: [], tables: kpiTables(results) });
    expect(md).toContain('# \\<img src=x onerror=alert(1)\\>\n\n\\- a list?  \\<script\\>alert(1)\\</script\\>\n');
    expect(md).toContain('**redesign** (\\# \\<img src=x onerror=alert(1)\\>)');
    expect(md).not.toMatch(/(^|[^\\])<(img|script)/);
  });

  test('says so when there is no variant', () => {
    const results = smallResults();
    expect(renderMarkdown({ results, gains: [], charts: [], tables: [] })).toContain('No variant to compare with the baseline.');
  });
});
