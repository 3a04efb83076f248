// report.xlsx's columns are as wide as their longest text (64 characters at most), their declared
// widths the least: a variant's name of 60 characters and more in the Executive sheet's column of
// 20 was cut by the flow's cell beside it, so a row did not say which variant it was about (s63E).
import { describe, expect, test } from 'vitest';
import { workbookSheets } from '../../reports/xlsx.js';
import { LONG_FLOW, LONG_TEAM, LONG_VARIANT, longNamesResults } from './long-names.js';

describe("report.xlsx's column widths", () => {
  test('a column of long names takes them (to 64), a column of short ones keeps its own width', async () => {
    const sheets = workbookSheets(await longNamesResults(4));
    const width = (sheet: string, header: string) => sheets.find((s) => s.name === sheet)!.columns.find((c) => c.header === header)!.width;
    expect(LONG_VARIANT.length).toBeGreaterThan(64);
    expect(width('Executive', 'variant')).toBe(64);
    expect(width('Executive', 'flow')).toBe(LONG_FLOW.length + 2); // its words: as many characters
    expect(width('Executive', 'change unit')).toBe(13); // '%' and 'pp' under its header
    expect(width('Executive', 'significant after Holm')).toBe(24); // its header was cut at 20
    expect(width('Teams', 'team')).toBe(Math.min(64, LONG_TEAM.length + 2));
    expect(width('Replications', 'variant')).toBe(64);
    expect(width('Warnings', 'warning')).toBe(140); // wider than any fitting: its own
  });
});
