// report.xlsx read back as Excel reads it (s34y F17): a cell's stored value shown through its
// number format is the results.json figure, with one rule for a share and a change. A percent
// format (an unquoted %) shows the value x 100 with a % sign, so a share and a relative change
// are stored as fractions (a change of -4.54% is -0.0454, which Excel's own "-5%" compares
// with); a share's change is stored in percentage points under a format saying "pp". Checked on
// the bundled scenario's results, every Executive and Gains row against its comparison.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Comparison, Results } from '../../engine/results/types.js';
import { metricKindOf } from '../../engine/model/metric-catalogue.js';
import { executiveSummary } from '../../reports/executive.js';
import { renderXlsx } from '../../reports/xlsx.js';
import { changeAmount } from '../../reports/format.js';
import { bundledResults } from './bundled-results.js';

type Cell = { value: unknown; numFmt?: string };

/** What Excel shows of a number under a format, as [the figure shown, its unit]: the format's section for its sign, x 100 under an unquoted %. */
function shown(value: number, numFmt: string | undefined): [number, '%' | 'pp' | null] {
  const sections = (numFmt ?? 'General').split(';');
  const section = value < 0 && sections.length > 1 ? sections[1] : sections[0];
  const unquoted = section.replace(/"[^"]*"/g, '');
  const quoted = [...section.matchAll(/"([^"]*)"/g)].map((m) => m[1].trim());
  // a negative section shows its own sign; the figure keeps the value's
  if (unquoted.includes('%')) return [value * 100, '%'];
  return [value, quoted.includes('pp') ? 'pp' : null];
}

/** The change figures results.json gives a comparison, in the unit they read in: a share's in points, any other's in % of the baseline. */
function figures(c: Comparison): { unit: '%' | 'pp'; change: number; low: number | null; high: number | null } {
  if (metricKindOf(c.metric)?.unit === 'share')
    return { unit: 'pp', change: c.delta * 100, low: c.ci95 ? c.ci95[0] * 100 : null, high: c.ci95 ? c.ci95[1] * 100 : null };
  const interval = c.delta_pct_ci95 ?? null;
  return { unit: '%', change: c.delta_pct!, low: interval ? interval[0] : null, high: interval ? interval[1] : null };
}

describe('report.xlsx: a change and a share read back as Excel shows them', () => {
  let results: Results;
  let sheets: Map<string, { header: string[]; rows: Cell[][] }>;
  beforeAll(async () => {
    results = await bundledResults(3);
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await renderXlsx(results)) as unknown as ArrayBuffer);
    sheets = new Map();
    book.eachSheet((ws) => {
      const rows: Cell[][] = [];
      ws.eachRow((row) => {
        const cells: Cell[] = [];
        for (let j = 1; j <= ws.columnCount; j++) {
          const cell = row.getCell(j);
          cells.push({ value: cell.value, numFmt: cell.numFmt });
        }
        rows.push(cells);
      });
      sheets.set(ws.name, { header: rows[0].map((c) => String(c.value)), rows: rows.slice(1) });
    });
  }, 120_000);

  /** A row's change cells against its comparison: each shown figure is results.json's, in the unit the row says. */
  function expectChange(row: Cell[], header: string[], c: Comparison) {
    const at = (name: string) => row[header.indexOf(name)];
    const want = figures(c);
    expect(at('change unit').value, c.metric).toBe(want.unit);
    for (const [column, figure] of [
      ['change', want.change],
      ['change, 95% low', want.low],
      ['change, 95% high', want.high],
    ] as const) {
      const cell = at(column);
      if (figure === null) {
        expect(cell.value, `${c.variant} ${c.metric} ${column}`).toBeNull();
        continue;
      }
      const [number, unit] = shown(cell.value as number, cell.numFmt);
      expect(unit, `${c.variant} ${c.metric} ${column}: ${cell.numFmt}`).toBe(want.unit);
      expect(number, `${c.variant} ${c.metric} ${column}`).toBeCloseTo(figure, 9);
    }
  }

  test('Gains: every comparison, its change in % a fraction under a percent format, a share\'s in points under "pp"', () => {
    const gains = sheets.get('Gains')!;
    const withChange = results.comparisons.filter((c) => c.delta_pct !== null || metricKindOf(c.metric)?.unit === 'share');
    expect(gains.rows).toHaveLength(results.comparisons.length);
    let pp = 0;
    for (const c of withChange) {
      const row = gains.rows.find((r) => r[0].value === c.variant && r[gains.header.indexOf('metric')].value === c.metric)!;
      expectChange(row, gains.header, c);
      if (figures(c).unit === 'pp') pp++;
      // a share's baseline and variant value: fractions under a percent format
      if (metricKindOf(c.metric)?.unit === 'share')
        for (const [column, figure] of [
          ['baseline', c.baseline],
          ['variant value', c.value],
        ] as const) {
          const cell = row[gains.header.indexOf(column)];
          expect(shown(cell.value as number, cell.numFmt), `${c.metric} ${column}`).toEqual([expect.closeTo(figure * 100, 9), '%']);
        }
    }
    expect(pp).toBeGreaterThan(0);
    expect(withChange.length - pp).toBeGreaterThan(0);
  });

  test('Gains: a change and its interval show the decimals report.html shows them with', async () => {
    // one decimal for every row showed +0.112% [+0.086%, +0.138%] (the s36f board deck's more_techs
    // throughput) as "+0.1%" thrice; here the first relative change is given that interval
    const at = results.comparisons.findIndex((c) => metricKindOf(c.metric)?.unit !== 'share' && c.delta_pct !== null);
    const narrow = { ...results.comparisons[at], delta_pct: 0.112, delta_pct_ci95: [0.086, 0.138] as [number, number] };
    const changed = { ...results, comparisons: results.comparisons.map((c, i) => (i === at ? narrow : c)) };
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await renderXlsx(changed)) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('Gains')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    let checked = 0;
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const cell = (name: string) => row.getCell(header.indexOf(name) + 1);
      const c = changed.comparisons.find((x) => x.variant === cell('variant').value && x.metric === cell('metric').value)!;
      const amount = changeAmount(c);
      if (amount === '–') return;
      const numFmt = cell('change').numFmt;
      const decimals = (/0\.(0+)/.exec(numFmt.split(';')[0])?.[1] ?? '').length;
      expect(decimals, `${c.variant} ${c.metric}: ${amount} under ${numFmt}`).toBe(/\.(\d+)/.exec(amount)![1].length);
      checked++;
    });
    expect(checked).toBe(changed.comparisons.filter((c) => changeAmount(c) !== '–').length);
    expect(changeAmount(narrow)).toBe('+0.11% [+0.09%, +0.14%]');
  });

  test('Executive: each outcome row as its comparison; the staffing row a fraction of the baseline staffing', () => {
    const executive = sheets.get('Executive')!;
    const expected = executiveSummary(results).flatMap((v) => [
      ...v.outcomes.map((o) => ({ comparison: o.comparison as Comparison | null, staffing: null })),
      ...(v.staffing ? [{ comparison: null, staffing: v.staffing }] : []),
    ]);
    expect(executive.rows).toHaveLength(expected.length);
    let staffed = 0;
    expected.forEach((e, i) => {
      const row = executive.rows[i];
      if (e.comparison !== null) return expectChange(row, executive.header, e.comparison);
      const cell = row[executive.header.indexOf('change')];
      const { baseline, delta } = e.staffing!;
      expect(shown(cell.value as number, cell.numFmt)).toEqual([expect.closeTo((delta / baseline) * 100, 9), '%']);
      staffed++;
    });
    expect(staffed).toBeGreaterThan(0);
  });
});
