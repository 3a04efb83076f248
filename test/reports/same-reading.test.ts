// One comparison reads the same wherever it is printed: the console's gains, the report's
// executive page (HTML and Markdown), its gains table, the KPI gains chart and comparisons.csv.
// A share changes in percentage points in every one of them.
import { fromCSV } from 'arquero';
import { beforeAll, describe, expect, test } from 'vitest';
import type { OutputFiles } from '../../engine/io/atomic.js';
import type { Comparison } from '../../engine/results/types.js';
import { summaryText } from '../../bin/run-summary.js';
import { gainRows } from '../../reports/charts/kpi-gains.js';
import { changeAmount, comparisonText, metricValue } from '../../reports/format.js';
import { escapeHtml } from '../../reports/html.js';
import { buildReport } from '../../reports/index.js';
import { markdownText } from '../../reports/markdown.js';
import { kpiTables } from '../../reports/tables.js';
import { smallResults } from './fixture.js';

const results = smallResults();
let files: OutputFiles;
beforeAll(async () => {
  files = await buildReport(results);
});

describe.each(['flows.order.sla_attainment', 'flows.order.cycle_time.mean', 'flows.order.throughput_per_day'])('%s', (metric) => {
  const c = results.comparisons.find((x) => x.metric === metric) as Comparison;
  const text = comparisonText(c);

  test('the console prints exactly the text the report prints', () => {
    const row = summaryText(results)
      .split('\n')
      .find((l) => l.startsWith('redesign') && l.includes(text));
    expect(row).toBeDefined();
    // summary.md's executive page: the same values and the same change, in cells
    const bold = (t: string) => (c.significant ? `**${t}**` : t);
    expect(files.get('summary.md')).toContain(
      `| ${markdownText(metricValue(metric, c.baseline))} | ${markdownText(metricValue(metric, c.value))} | ${bold(markdownText(changeAmount(c)))} |`,
    );
    // the executive page's row: the same values and the same change, in cells
    const html = files.get('report.html') as string;
    expect(html).toContain(`<td class="number change">${escapeHtml(changeAmount(c))}</td>`);
    expect(html).toContain(`<td class="number">${escapeHtml(metricValue(metric, c.baseline))}</td>`);
  });

  test('the gains table, the chart and comparisons.csv give the same change in the same unit', () => {
    const gains = kpiTables(results).find((t) => t.title.startsWith('Gains')) as { rows: string[][] };
    const amount = changeAmount(c);
    expect(text.endsWith(amount) || text.includes(`${amount} (not significant)`)).toBe(true);
    expect(gains.rows.find((r) => r[4] === amount)).toBeDefined();
    const csv = fromCSV(files.get('comparisons.csv') as string).objects() as Record<string, unknown>[];
    const line = csv.find((r) => r.metric === metric) as Record<string, unknown>;
    expect(line.text).toBe(text);
    const chart = gainRows(results).find((r) => r.kpi.startsWith('order · ') && line.label === r.kpi.replace(/ \(pp\)$/, ''));
    expect(chart).toBeDefined();
    expect(line.change_unit).toBe(chart?.unit);
    expect(line.change as number).toBeCloseTo(chart?.change as number, 10);
    if (metric.endsWith('sla_attainment')) {
      // 80% -> 90%: ten points everywhere, never "+12.5%"
      expect(text).toBe('80.0% → 90.0%, +10.0 pp [+4.0, +16.0]');
      expect(chart?.unit).toBe('pp');
      expect(line.change as number).toBeCloseTo(10, 10);
    }
  });
});
