// A run without variants still gets its executive page in every output (s36f F6: report.pptx and
// report.xlsx had none, report.html and summary.md a sentence), and an amount in a currency
// without minor units reads without decimals (s36f F9: "JPY 4.50"). One desk of two, 1,500 yen an
// hour, M/M/2 at 50%: the staffing cost per week is 2 x 168 h x 1,500 = 504,000 yen exactly, and
// the cost per case of the hours worked is the hour's cost times the mean work, 750 yen.
import JSZip from 'jszip';
import { beforeAll, describe, expect, test } from 'vitest';
import { amountText, currencyDecimals } from '../../engine/number-format.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { Results } from '../../engine/results/types.js';
import { baselineSummary, executiveSummary } from '../../reports/executive.js';
import { numberFormat, renderXlsx } from '../../reports/xlsx.js';
import { renderPptx, slidePlan } from '../../reports/pptx.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { executiveSection } from '../../reports/sections.js';
import { resultsOfSet } from '../support/results.js';

const DESK = `name: Yen desk
currency: JPY
run: { horizon: 2000h, warmup: 100h, replications: 5, seed: 11 }
resources:
  desk: { capacity: 2, cost_per_hour: 1500 }
arrivals:
  - flow: calls
    rate: 2/h
flows:
  calls:
    sla: 2h
    start: answer
    nodes:
      answer: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

describe('an amount has no more decimals than its currency (ISO 4217 minor units)', () => {
  test('JPY none, EUR two, KWD three; without a currency two', () => {
    expect([
      currencyDecimals('JPY'),
      currencyDecimals('KRW'),
      currencyDecimals('EUR'),
      currencyDecimals('KWD'),
      currencyDecimals('CLF'),
    ]).toEqual([0, 0, 2, 3, 4]);
    expect(currencyDecimals(null)).toBe(2);
    expect(amountText(4.5, 'JPY')).toBe('JPY 5');
    expect(amountText(4.4, 'JPY')).toBe('JPY 4');
    expect(amountText(1234.5, 'JPY')).toBe('JPY 1,235');
    expect(amountText(4.567, 'EUR')).toBe('EUR 4.57');
    expect(amountText(40.123, 'EUR')).toBe('EUR 40.1');
    expect(amountText(4.567, 'KWD')).toBe('KWD 4.57'); // three significant digits, within the currency's three decimals
    expect(amountText(4.5, null)).toBe('4.50 cost units');
    expect(amountText(-0.4, 'JPY')).toBe('JPY 0'); // never "-0"
  });

  test("the workbook's money format follows the currency", () => {
    expect(numberFormat('currency', 'JPY')).toBe('#,##0 "JPY"');
    expect(numberFormat('currency', 'EUR')).toBe('#,##0.00 "EUR"');
    expect(numberFormat('currency', 'KWD')).toBe('#,##0.000 "KWD"');
    expect(numberFormat('currency', null)).toBe('#,##0.00');
  });
});

describe('a run without variants: the baseline on the executive page of every output', () => {
  let results: Results;
  beforeAll(async () => {
    const { set } = loadScenarioText(DESK, 'desk.yaml');
    results = await resultsOfSet(set!);
  }, 60_000);

  test('the data function: the outcomes a variant is compared on, and the staffing cost', () => {
    expect(executiveSummary(results)).toEqual([]);
    const alone = baselineSummary(results)!;
    expect(alone.outcomes.map((o) => o.label)).toEqual([
      'mean cycle time',
      'p90 cycle time',
      'SLA attainment',
      'throughput per day',
      'cost per case of the hours worked',
    ]);
    expect(alone.staffing).toBe(504_000);
    expect(alone.costLine).toBe('staffing JPY 504,000 per week');
    const cost = alone.outcomes.find((o) => o.metric === 'flows.calls.used_cost_per_case')!;
    // 1,500 yen x the mean work of 0.5 h, within its interval's reach
    const [low, high] = cost.stat.ci95!;
    expect(low - (high - low)).toBeLessThan(750);
    expect(high + (high - low)).toBeGreaterThan(750);
    expect(cost.value).toMatch(/^JPY \d{3} \[JPY \d{3}, JPY \d{3}\]$/);
    // M/M/2 at 50% (Erlang C 1/3): 30 min of work and 10 of wait, 2/3 h, read with its interval
    const [cycleLow, cycleHigh] = alone.outcomes[0].stat.ci95!;
    expect(cycleLow - (cycleHigh - cycleLow)).toBeLessThan(2 / 3);
    expect(cycleHigh + (cycleHigh - cycleLow)).toBeGreaterThan(2 / 3);
    expect(alone.outcomes[0].value).toMatch(/^\d+(\.\d+)? (min|h) \[.+, .+\]$/);
    // a run with a variant has no such page
    expect(baselineSummary({ ...results, variants: { ...results.variants, other: results.variants.baseline } })).toBeNull();
  });

  test('report.html and summary.md show the table, not only a sentence', () => {
    const html = executiveSection(results);
    expect(html).toContain('<th scope="row">calls: cost per case of the hours worked</th>');
    expect(html).toContain('<strong>Cost:</strong> staffing JPY 504,000 per week.');
    const md = renderMarkdown({ results, charts: [], tables: [] });
    expect(md).toContain('| calls: SLA attainment |');
    expect(md).toContain('**Cost:** staffing JPY 504,000 per week.');
  });

  test('report.xlsx read back: the Executive sheet holds the baseline figures, yen without decimals', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await renderXlsx(results)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Executive')!;
    const rows: { cells: unknown[]; formats: (string | undefined)[] }[] = [];
    sheet.eachRow((row) => {
      const cells: unknown[] = [];
      const formats: (string | undefined)[] = [];
      for (let j = 1; j <= sheet.columnCount; j++) {
        cells.push(row.getCell(j).value);
        formats.push(row.getCell(j).numFmt);
      }
      rows.push({ cells, formats });
    });
    const header = rows[0].cells.map(String);
    const at = (name: string) => header.indexOf(name);
    const body = rows.slice(1);
    expect(body.map((r) => r.cells[at('KPI')])).toEqual([
      'mean cycle time',
      'p90 cycle time',
      'SLA attainment',
      'throughput per day',
      'cost per case of the hours worked',
      'staffing cost per week',
    ]);
    expect(body.every((r) => r.cells[at('variant')] === 'baseline' && r.cells[at('variant value')] === null)).toBe(true);
    const staffing = body[5];
    expect(staffing.cells[at('baseline')]).toBe(504_000);
    expect(staffing.formats[at('baseline')]).toBe('#,##0 "JPY"');
    const cost = body[4];
    expect(cost.cells[at('baseline')]).toBe(results.variants.baseline.flows.calls.used_cost_per_case!.mean);
    expect(cost.formats[at('baseline')]).toBe('#,##0 "JPY"');
    expect(body[2].cells[at('baseline')]).toBe(results.variants.baseline.flows.calls.sla_attainment!.mean);
  });

  test('report.pptx read back: a slide of the baseline outcomes, yen without decimals', async () => {
    const slides = slidePlan(results, [], new Map(), []);
    const page = slides.find((s) => s.kind === 'executive')!;
    expect(page.title).toBe('baseline: its outcomes');
    expect(page.table![0]).toEqual(['outcome', 'baseline [95% interval]', 'note']);
    expect(page.footer).toBe('Cost: staffing JPY 504,000 per week');
    const zip = await JSZip.loadAsync(await renderPptx(results, slides));
    const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    const texts = await Promise.all(names.map((n) => zip.file(n)!.async('string')));
    const deck = texts.join('\n');
    expect(deck).toContain('baseline: its outcomes');
    expect(deck).toContain('calls: cost per case of the hours worked');
    expect(deck).toContain('Cost: staffing JPY 504,000 per week');
    expect(deck).not.toMatch(/JPY [\d,]+\.\d/);
  });
});
