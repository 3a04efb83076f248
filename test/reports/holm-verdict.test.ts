// An outcome whose own interval excludes 0 but whose significance Holm's adjustment within its
// variant's outcome family does not keep is not a gain: every surface that gives a verdict says
// so in the same words as the console, and none prints it as "better" in bold.
import { describe, expect, test } from 'vitest';
import type { Comparison } from '../../engine/results/types.js';
import { summaryText } from '../../bin/run-summary.js';
import { executiveSummary, verdict } from '../../reports/executive.js';
import { buildReport } from '../../reports/index.js';
import { slidePlan } from '../../reports/pptx.js';
import { kpiTables } from '../../reports/tables.js';
import { workbookSheets } from '../../reports/xlsx.js';
import { smallResults } from './fixture.js';

const SLA = 'flows.order.sla_attainment';

function notKeptByHolm() {
  const results = smallResults();
  const c = results.comparisons.find((x) => x.metric === SLA) as Comparison;
  expect(c.significant).toBe(true); // its own interval, +4.0 to +16.0 pp, excludes 0
  c.significant_adjusted = false;
  return results;
}

describe('a change Holm does not keep significant', () => {
  test('the console says "(not significant after Holm)"', () => {
    expect(summaryText(notKeptByHolm())).toContain('80.0% → 90.0%, +10.0 pp [+4.0, +16.0] (not significant after Holm)');
  });

  test('the executive page gives it no verdict of better, in the same words, and the gains table says so', async () => {
    const results = notKeptByHolm();
    const line = executiveSummary(results)[0].outcomes.find((o) => o.metric === SLA)!;
    expect(line.better).toBeNull();
    expect(verdict(line)).toBe('not significant after Holm');
    const files = await buildReport(results);
    const md = files.get('summary.md') as string;
    expect(md).toContain('| order: SLA attainment | 80.0% | 90.0% | +10.0 pp \\[+4.0, +16.0\\] | not significant after Holm |\n');
    const html = files.get('report.html') as string;
    const row = html.split('\n').find((l) => l.includes('order: SLA attainment</th>'))!;
    expect(row).toContain('<tr class="not-significant">');
    expect(row).toContain('<td class="verdict">not significant after Holm</td>');
    // the one kept still reads as a gain
    expect(md).toContain('| order: mean cycle time | 52.1 h | 39.0 h | **-25.1% \\[-26.9%, -23.4%\\]** | **better** |\n');
    const gains = kpiTables(results).find((t) => t.title.startsWith('Gains'))!;
    expect(gains.rows.find((r) => r[1] === 'order · SLA attainment')![5]).toBe('not after Holm');
    expect(gains.rows.find((r) => r[1] === 'order · mean cycle time')![5]).toBe('yes');
  });

  test('the slide and the workbook say the same', () => {
    const results = notKeptByHolm();
    const slide = slidePlan(results, [], new Map(), []).find((s) => s.kind === 'executive')!;
    const row = slide.table!.find((r) => r[0] === 'order: SLA attainment')!;
    expect(row[4]).toBe('not significant after Holm');
    const sheet = workbookSheets(results).find((s) => s.name === 'Executive')!;
    const holm = sheet.columns.findIndex((c) => c.header === 'significant after Holm');
    expect(holm).toBeGreaterThan(0);
    const sla = sheet.rows.find((r) => r[2] === 'SLA attainment')!;
    expect(sla[holm]).toBe(false);
    expect(sheet.rows.find((r) => r[2] === 'mean cycle time')![holm]).toBe(true);
  });
});
