// The executive page's verdicts as every output shows them (HTML, Markdown, PowerPoint, Excel):
// a change whose own interval excludes zero but which does not survive Holm's adjustment within
// its variant's outcome family is not called better or worse anywhere (nor bold, nor a full bar),
// as the console and the gains table already say "(not significant after Holm)" of it.
import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import { summaryText } from '../../bin/run-summary.js';
import { gainRows } from '../../reports/charts/kpi-gains.js';
import { buildReport } from '../../reports/index.js';
import { executiveSection } from '../../reports/sections.js';
import { executiveSummary, verdict } from '../../reports/executive.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { slidePlan } from '../../reports/pptx.js';
import { kpiTables } from '../../reports/tables.js';
import { workbookSheets } from '../../reports/xlsx.js';
import { smallResults } from './fixture.js';

/** The fixture with the mean cycle time's gain significant on its own but not after Holm. */
function notAfterHolm(): Results {
  const results = smallResults();
  const c = results.comparisons.find((x) => x.metric === 'flows.order.cycle_time.mean')!;
  expect(c.significant).toBe(true);
  c.significant_adjusted = false;
  return results;
}

const MEAN = 'flows.order.cycle_time.mean';

describe('an outcome significant alone but not after Holm', () => {
  const results = notAfterHolm();
  const line = executiveSummary(results)[0].outcomes.find((o) => o.metric === MEAN)!;

  test('is neither better nor worse, and its verdict says why', () => {
    expect(line.significant).toBe(true);
    expect(line.kept).toBe(false);
    expect(line.better).toBeNull();
    expect(verdict(line)).toBe('not significant after Holm');
    // the others keep theirs: the p90's fall holds and is for the better
    const p90 = executiveSummary(results)[0].outcomes.find((o) => o.metric === 'flows.order.cycle_time.p90')!;
    expect([p90.kept, p90.better, verdict(p90)]).toEqual([true, true, 'better']);
  });

  test('report.html shows it as the page shows any change it cannot vouch for', () => {
    const row = executiveSection(results)
      .split('<tr')
      .find((r) => r.includes('mean cycle time'))!;
    expect(row).toContain('class="not-significant"');
    expect(row).toContain('<td class="verdict">not significant after Holm</td>');
  });

  test('summary.md neither bolds nor calls it better', () => {
    const row = renderMarkdown({ results, charts: [], tables: [] })
      .split('\n')
      .find((l) => l.startsWith('| order: mean cycle time'))!;
    expect(row).not.toContain('**');
    expect(row.endsWith('| not significant after Holm |')).toBe(true);
  });

  test("the deck's executive slide says the same", () => {
    const table = slidePlan(results, [], new Map(), []).find((s) => s.kind === 'executive')!.table!;
    const row = table.find((r) => r[0] === 'order: mean cycle time')!;
    expect(row[4]).toBe('not significant after Holm');
  });

  test('the outcome gains chart fades its bar', () => {
    const rows = gainRows(results);
    expect(rows.find((r) => r.kpi === 'order · mean cycle time')!.difference).toBe('not significant');
    expect(rows.find((r) => r.kpi === 'order · p90 cycle time')!.difference).toBe('significant');
  });

  test("the workbook's Executive and Gains sheets carry the adjusted verdict in a column of its own", () => {
    const sheets = workbookSheets(results);
    for (const name of ['Executive', 'Gains']) {
      const sheet = sheets.find((s) => s.name === name)!;
      const column = sheet.columns.findIndex((c) => c.header === 'significant after Holm');
      expect(column, name).toBeGreaterThan(0);
      const significant = sheet.columns.findIndex((c) => c.header === 'significant');
      const adjusted = sheet.rows.filter((r) => r[significant] === true && r[column] === false);
      expect(adjusted, name).toHaveLength(1);
    }
  });
});

// A share's change, through the whole report as `etomsim run` writes it, and the console.
describe('an SLA change significant alone but not after Holm, in every file of the report and the console', () => {
  const SLA = 'flows.order.sla_attainment';
  function slaNotKept(): Results {
    const results = smallResults();
    const c = results.comparisons.find((x) => x.metric === SLA)!;
    expect(c.significant).toBe(true); // its own interval, +4.0 to +16.0 pp, excludes 0
    c.significant_adjusted = false;
    return results;
  }

  test('the console says "(not significant after Holm)"', () => {
    expect(summaryText(slaNotKept())).toContain('80.0% → 90.0%, +10.0 pp [+4.0, +16.0] (not significant after Holm)');
  });

  test('summary.md gives it no verdict of better while the kept one keeps its bold; the gains table says which held', async () => {
    const results = slaNotKept();
    const md = (await buildReport(results)).get('summary.md') as string;
    expect(md).toContain('| order: SLA attainment | 80.0% | 90.0% | +10.0 pp \\[+4.0, +16.0\\] | not significant after Holm |\n');
    expect(md).toContain('| order: mean cycle time | 52.1 h | 39.0 h | **-25.1% \\[-26.9%, -23.4%\\]** | **better** |\n');
    const gains = kpiTables(results).find((t) => t.title.startsWith('Gains'))!;
    expect(gains.rows.find((r) => r[1] === 'order · SLA attainment')![5]).toBe('not after Holm');
    expect(gains.rows.find((r) => r[1] === 'order · mean cycle time')![5]).toBe('yes');
  });

  test("the workbook's Executive sheet marks it, and only it, not significant after Holm", () => {
    const sheet = workbookSheets(slaNotKept()).find((s) => s.name === 'Executive')!;
    const holm = sheet.columns.findIndex((c) => c.header === 'significant after Holm');
    expect(sheet.rows.find((r) => r[2] === 'SLA attainment')![holm]).toBe(false);
    expect(sheet.rows.find((r) => r[2] === 'mean cycle time')![holm]).toBe(true);
  });
});

test("a line's baseline and variant read in one unit of time: 80 h -> 70 h is 3.33 d -> 2.92 d, not 3.33 d -> 70.0 h", () => {
  const p90 = executiveSummary(smallResults())[0].outcomes.find((o) => o.metric === 'flows.order.cycle_time.p90')!;
  expect([p90.baseline, p90.value]).toEqual(['3.33 d', '2.92 d']);
});

describe("a sure change too small to matter (the catalogue's MATERIAL_CHANGE: 0.5%, 0.5 pp)", () => {
  /** The fixture with the p90's change made `pct` % of the baseline, its interval excluding zero, kept after Holm. */
  function withChange(pct: number): Results {
    const results = smallResults();
    const c = results.comparisons.find((x) => x.metric === 'flows.order.cycle_time.p90')!;
    c.value = c.baseline * (1 + pct / 100);
    c.delta = c.value - c.baseline;
    c.delta_pct = pct;
    c.delta_pct_ci95 = [pct * 1.2, pct * 0.8];
    c.ci95 = [c.delta * 1.2, c.delta * 0.8];
    c.significant = true;
    c.significant_adjusted = true;
    return results;
  }
  const p90 = (results: Results) => executiveSummary(results)[0].outcomes.find((o) => o.metric === 'flows.order.cycle_time.p90')!;

  test('-0.04% (s36c F3: a staffed cost read "better") is no material change, neither better nor bold', () => {
    const results = withChange(-0.04);
    const line = p90(results);
    expect([line.kept, line.material, line.better, verdict(line)]).toEqual([true, false, null, 'no material change']);
    const row = executiveSection(results)
      .split('<tr')
      .find((r) => r.includes('p90 cycle time'))!;
    expect(row).toContain('class="not-significant"');
    const md = renderMarkdown({ results, charts: [], tables: [] })
      .split('\n')
      .find((l) => l.startsWith('| order: p90 cycle time'))!;
    expect(md).not.toContain('**');
    // the outcome gains chart fades it as the page greys it
    expect(gainRows(results).find((g) => g.kpi === 'order · p90 cycle time')?.difference).toBe('not significant');
    expect(gainRows(withChange(-0.5)).find((g) => g.kpi === 'order · p90 cycle time')?.difference).toBe('significant');
  });

  test('at the threshold and beyond, better or worse by the direction', () => {
    expect(verdict(p90(withChange(-0.49)))).toBe('no material change');
    expect(verdict(p90(withChange(-0.5)))).toBe('better');
    expect(verdict(p90(withChange(0.6)))).toBe('worse');
  });

  test('a share by its points: +0.4 pp is no material change, +0.5 pp better', () => {
    const sla = (points: number) => {
      const results = smallResults();
      const c = results.comparisons.find((x) => x.metric === 'flows.order.sla_attainment')!;
      c.value = c.baseline + points / 100;
      c.delta = points / 100;
      c.delta_pct = (c.delta / c.baseline) * 100; // 0.5% of a share of 0.8: the points decide, not this
      c.ci95 = [c.delta * 0.8, c.delta * 1.2];
      c.significant = true;
      c.significant_adjusted = true;
      return verdict(executiveSummary(results)[0].outcomes.find((o) => o.metric === c.metric)!);
    };
    expect(sla(0.4)).toBe('no material change');
    expect(sla(0.5)).toBe('better');
  });
});

describe("an outcome whose interval shown tells 0 otherwise than the difference's interval that decides", () => {
  // the mean cycle time's change with the ratio's interval reaching past 0 while the difference's excludes it (the
  // fixture's baseline 52.1 h: [-14, -0.01] h is [-26.87%, -0.02%] of it), then the other way round
  function disagreeing(significant: boolean): Results {
    const results = smallResults();
    const c = results.comparisons.find((x) => x.metric === MEAN)!;
    c.delta_pct_ci95 = significant ? [-26, 0.5] : [-26, -0.5];
    c.ci95 = significant ? [-14, -0.01] : [-14, 0.01];
    c.significant = significant;
    c.significant_adjusted = significant;
    return results;
  }
  const excludes = "better (the difference's paired interval, [-26.87%, -0.02%] of the baseline, excludes 0)";
  const includes = "no significant change (the difference's paired interval, [-26.87%, +0.02%] of the baseline, includes 0)";

  test('the verdict shows the interval that decides, on the page, in summary.md and on the slide', () => {
    for (const [results, expected] of [
      [disagreeing(true), excludes],
      [disagreeing(false), includes],
    ] as const) {
      expect(verdict(executiveSummary(results)[0].outcomes.find((o) => o.metric === MEAN)!)).toBe(expected);
      const row = executiveSection(results)
        .split('<tr')
        .find((r) => r.includes('mean cycle time'))!;
      expect(row).toContain(`<td class="verdict">${expected.replaceAll("'", '&#39;')}</td>`);
      const md = renderMarkdown({ results, charts: [], tables: [] })
        .split('\n')
        .find((l) => l.startsWith('| order: mean cycle time'))!;
      expect(md).toContain(expected.replaceAll('[', '\\[').replaceAll(']', '\\]')); // Markdown's escapes
      const table = slidePlan(results, [], new Map(), []).find((s) => s.kind === 'executive')!.table!;
      expect(table.find((r) => r[0] === 'order: mean cycle time')![4]).toBe(expected);
    }
  });

  test("the workbook's Executive and Gains sheets give it in a column of their own, beside TRUE or FALSE", () => {
    for (const [results, expected] of [
      [disagreeing(true), excludes],
      [disagreeing(false), includes],
    ] as const) {
      const interval = expected.slice(expected.indexOf('(') + 1, -1);
      for (const sheet of workbookSheets(results).filter((s) => s.name === 'Executive' || s.name === 'Gains')) {
        const column = (header: string) => sheet.columns.findIndex((c) => c.header === header);
        const decided = column('significance decided by');
        expect(decided, sheet.name).toBe(sheet.columns.length - 1); // added last: the columns before keep their places
        const rows = sheet.rows.filter((r) => r[decided] !== null);
        expect(rows, sheet.name).toHaveLength(1);
        expect(rows[0][decided]).toBe(interval);
        expect(rows[0][column('significant')]).toBe(interval.endsWith('excludes 0'));
        expect([rows[0][column('change, 95% low')], rows[0][column('change, 95% high')]]).toEqual([
          -0.26,
          interval.endsWith('excludes 0') ? 0.005 : -0.005,
        ]);
      }
    }
    // where the intervals agree, the column is empty
    for (const sheet of workbookSheets(smallResults()).filter((s) => s.name === 'Executive' || s.name === 'Gains')) {
      const decided = sheet.columns.findIndex((c) => c.header === 'significance decided by');
      expect(sheet.rows.every((r) => r[decided] === null)).toBe(true);
    }
  });

  test('where the two agree, the verdict is a word', () => {
    expect(verdict(executiveSummary(smallResults())[0].outcomes.find((o) => o.metric === MEAN)!)).toBe('better');
  });
});
