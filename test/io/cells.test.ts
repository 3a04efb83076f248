// Spreadsheet cells: text that a spreadsheet would evaluate is neutralised, numbers stay
// numbers, and CSV quoting round-trips (issue 11, defect 6).
import { fromCSV } from 'arquero';
import { describe, expect, test } from 'vitest';
import { csvField, csvTable, sheetText } from '../../engine/io/cells.js';
import { kpisCsv } from '../../reports/csv.js';
import { smallResults } from '../reports/fixture.js';

const ATTACKS = ["=cmd|' /C calc'!A0", '@SUM(1+1)*cmd|/C calc', '+1+cmd|/C calc', '-2+3+cmd|/C calc', '\t=1+1', '\r=1+1'];

describe('spreadsheet cells', () => {
  test('a cell that begins like a formula gets a leading apostrophe; other text is unchanged', () => {
    for (const a of ATTACKS) expect(sheetText(a)).toBe(`'${a}`);
    for (const ok of ['order_desk', '1.1.1.5', 'a=b', 'x-1', "'quoted", '']) expect(sheetText(ok)).toBe(ok);
  });

  test('numbers stay numbers, negative ones included; text is quoted where RFC 4180 needs it', () => {
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField('-1.5')).toBe("'-1.5"); // text that looks like a number is still text
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvField('\r=1+1')).toBe('"\'\r=1+1"');
    const text = csvTable(
      ['name', 'value'],
      ATTACKS.map((a, i) => [a, -i - 0.5]),
    );
    const back = fromCSV(text).objects() as { name: string; value: number }[];
    expect(back.map((r) => r.name)).toEqual(ATTACKS.map((a) => `'${a}`));
    expect(back.map((r) => r.value)).toEqual(ATTACKS.map((_, i) => -i - 0.5));
  });

  test('kpis.csv: an eTOM id written as a formula arrives neutralised, its numbers unchanged', () => {
    const results = smallResults();
    for (const v of Object.values(results.variants)) {
      const block = v.etom!['1.1.1.5'];
      for (const a of ATTACKS) v.etom![a] = block;
    }
    const lines = kpisCsv(results).split('\n');
    for (const a of ATTACKS) {
      const quoted = /[\r,"]/.test(a) ? `"'${a.replace(/"/g, '""')}"` : `'${a}`;
      expect(lines.filter((l) => l.startsWith(`baseline,etom,${quoted},wait_hours,200,`))).toHaveLength(1);
    }
    // no field of any line begins like a formula, apart from numbers
    for (const field of lines.flatMap((l) => l.split(','))) {
      if (/^[=+\-@\t\r]/.test(field)) expect(Number.isFinite(Number(field)), field).toBe(true);
    }
  });
});
