import { describe, expect, test } from 'vitest';
import type { Chart } from '../../reports/chart.js';
import { markdownTable, markdownText, renderMarkdown } from '../../reports/markdown.js';
import { kpiTables } from '../../reports/tables.js';
import { smallResults } from './fixture.js';

const chart = (name: string, title: string): Chart => ({ name, title, spec: { data: { values: [] }, mark: 'point' } });

describe('summary.md', () => {
  test('a table with numbers aligned right; a pipe cannot break a cell', () => {
    const text = markdownTable({ title: 't', head: ['name', 'value'], rows: [['a|b', '1']], numeric: [false, true] });
    expect(text).toBe('| name | value |\n| --- | ---: |\n| a\\|b | 1 |');
  });

  test('told like report.html: the executive page first, then the assumptions, the charts, the diagnostics, the KPI tables', () => {
    const results = smallResults();
    const md = renderMarkdown({
      results,
      charts: [chart('kpi-gains', 'KPI gains'), chart('sla', 'SLA'), chart('utilization', 'Utilisation')],
      tables: kpiTables(results),
    });
    expect(md.startsWith('# Order \\<handling\\> \\& co\n\nA small, hand-made results file.\n')).toBe(true);
    const at = (heading: string) => md.indexOf(`\n## ${heading}\n`);
    const order = ['Executive summary', 'Assumptions', 'Outcomes in detail', 'Diagnostics', 'All KPIs'].map(at);
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(md).toContain(
      'Contents: [Executive summary](#executive-summary) · [Assumptions](#assumptions) · [Outcomes in detail](#outcomes-in-detail) · [Diagnostics](#diagnostics) · [All KPIs](#all-kpis)\n',
    );
    // the executive page: baseline -> variant, the change and its interval, significant ones in bold, the others said plainly
    const executive = md.slice(at('Executive summary'), at('Assumptions'));
    expect(executive).toContain(
      '### redesign\n\nAutomated capture\n\n| outcome | baseline | variant | change \\[95% interval\\] | verdict |\n',
    );
    expect(executive).toContain('| order: mean cycle time | 52.1 h | 39.0 h | **-25.1% \\[-26.9%, -23.4%\\]** | **better** |\n');
    expect(executive).toContain('| order: SLA attainment | 80.0% | 90.0% | **+10.0 pp \\[+4.0, +16.0\\]** | **better** |\n');
    expect(executive).toContain('| order: throughput per day | 12.0 | 12.5 | +4.2% \\[-0.8%, +9.2%\\] | no significant change |\n');
    expect(executive).toContain('**Cost versus benefit:** staffing unchanged at EUR 47,680 per week.\n');
    const assumptions = md.slice(at('Assumptions'), at('Outcomes in detail'));
    expect(assumptions).toContain('- desk: 2 units, office calendar (Mon-Fri 08:00-18:00); EUR 40.0 per unit-hour;');
    expect(assumptions).toContain('#### redesign\n\nAutomated capture\n\n- capture: team desk -\\> none (automated)\n');
    // outcome charts before the diagnostics, diagnostic charts inside them
    expect(md.slice(at('Outcomes in detail'), at('Diagnostics'))).toContain('![KPI gains](charts/kpi-gains.svg)');
    const diagnostics = md.slice(at('Diagnostics'), at('All KPIs'));
    expect(diagnostics).toContain('![Utilisation](charts/utilization.svg)');
    expect(diagnostics).toContain('| desk · utilisation | 50.0% | 0.0% | -50.0 pp \\[-52.0, -48.0\\] | yes |\n');
    expect(diagnostics).toContain('*No change (1): techs · wait*\n');
    expect(md.slice(at('All KPIs'))).toContain('### Flows\n\n| flow | variant |');
    expect(md).toContain('### Gains against the baseline');
  });

  test('a team the scenario gives no cost_per_hour: its cost is said unknown in the assumptions, not 0', () => {
    const results = smallResults();
    for (const v of Object.values(results.variants))
      v.inputs!.resources.techs = { ...v.inputs!.resources.techs, cost_per_hour: 0, cost_given: false };
    const md = renderMarkdown({ results, charts: [], tables: [] });
    expect(md).toContain('- techs: 4 units, around the clock; no cost given; 672 staffed unit-hours a week\n');
    expect(md).toContain(
      '- desk: 2 units, office calendar (Mon-Fri 08:00-18:00); EUR 40.0 per unit-hour; 100 staffed unit-hours a week, EUR 4,000 per week\n',
    );
  });

  test('user text is shown literally: no HTML, emphasis, link, list or cell end comes from a name or a description', () => {
    expect(markdownText('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(markdownText('__proto__')).toBe('\\_\\_proto\\_\\_');
    expect(markdownText('[x](javascript:alert(1)) `code` *a* ~b~ &amp; a|b # c')).toBe(
      '\\[x\\](javascript:alert(1)) \\`code\\` \\*a\\* \\~b\\~ \\&amp; a\\|b \\# c',
    );
    expect(markdownText('one\n# two\r\n- three')).toBe('one \\# two - three');
    // controls and bidirectional overrides shown as their escapes, as on the console (s32x F14: a BEL, an ESC and U+202E reached summary.md raw)
    expect(markdownText('a\u0007b\u001b[2Jc\u202egnp.exe\u2028d\re')).toBe('a\\\\u0007b\\\\u001b\\[2Jc\\\\u202egnp.exe d e');
    const results = smallResults();
    results.scenario = '<img src=x onerror=alert(1)>';
    results.description = '- a list?\n\n<script>alert(1)</script>';
    results.variants.redesign.description = '# <img src=x onerror=alert(1)>';
    const md = renderMarkdown({ results, charts: [], tables: kpiTables(results) });
    expect(md).toContain('# \\<img src=x onerror=alert(1)\\>\n\n\\- a list?  \\<script\\>alert(1)\\</script\\>\n');
    expect(md).toContain('### redesign\n\n\\# \\<img src=x onerror=alert(1)\\>\n');
    expect(md).not.toMatch(/(^|[^\\])<(img|script)/);
  });

  test('a description led by spaces or a tab is a paragraph, not a code block or a list', () => {
    const results = smallResults();
    results.description = '\tTab-led';
    results.variants.redesign.description = '\n    four spaces, once a line break';
    const md = renderMarkdown({ results, charts: [], tables: kpiTables(results) });
    expect(md).toContain('\n\nTab-led\n\n');
    expect(md).toContain('### redesign\n\nfour spaces, once a line break\n');
    results.description = '  - a list?';
    expect(renderMarkdown({ results, charts: [], tables: [] })).toContain('\n\n\\- a list?\n\n');
  });

  test('says so when there is no variant', () => {
    const results = smallResults();
    delete results.variants.redesign;
    results.comparisons = [];
    expect(renderMarkdown({ results, charts: [], tables: [] })).toContain('No variant to compare with the baseline: ');
  });
});
