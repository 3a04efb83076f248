// The report's tables of a rostered team's shifts (report.html's and summary.md's "Teams per
// shift", the workbook's Teams sheet): exact figures on test/sim/shift-kpis.test.ts's desk,
// worked by hand, intervals as the report shows them (reports/shown-intervals.ts), and every
// name and description escaped where it lands.
import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import type { Scenario, ShiftSpec } from '../../engine/scenario/types.js';
import { htmlTable } from '../../reports/html.js';
import { markdownTable } from '../../reports/markdown.js';
import { asShown } from '../../reports/shown-intervals.js';
import { statText } from '../../reports/format.js';
import { kpiTables, shiftTable } from '../../reports/tables.js';
import { offShiftPeriods, shiftLines, shownShiftStats } from '../../reports/shift-lines.js';
import { periodsText } from '../../reports/assumptions.js';
import { CATALOGUE, type MetricKind } from '../../engine/model/metric-catalogue.js';
import type { Stat } from '../../engine/results/types.js';
import { renderXlsx, workbookSheets } from '../../reports/xlsx.js';
import JSZip from 'jszip';
import { constant, every, flow, scenario, task, team } from '../support/build.js';
import { resultsOfSet } from '../support/results.js';
import { smallResults } from './fixture.js';

const days = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
const daily = (from: number, to: number, capacity: number, description?: string): ShiftSpec => ({
  periods: days.map((d) => ({ start: d + from, end: d + to })),
  capacity,
  ...(description === undefined ? {} : { description }),
});

/** One desk, an early shift 06:00-14:00 and a late one 12:00-22:00, nobody from 22:00 to 06:00; a case every 4 h of 1.5 h; a second team without a roster. */
function desk(early: number, late: number): Scenario {
  return scenario({
    run: { horizon: 168, warmup: 24, replications: 3, seed: 1 },
    resources: [
      team('__proto__', 2, { shifts: [daily(6, 14, early, '<b>early</b>'), daily(12, 22, late, '=1+1')] }),
      team('back_office', 1),
    ],
    arrivals: [every('a', 4)],
    flows: [flow('a', [task('work', constant(1.5), '__proto__', 'file'), task('file', constant(0.5), 'back_office')])],
  });
}

function deskResults(): Promise<Results> {
  return resultsOfSet({ file: 'desk', baseline: desk(1, 1), variants: [{ name: 'late_heavy', description: null, scenario: desk(0, 2) }] });
}

describe('Teams per shift', () => {
  // Baseline (shift-kpis.test.ts): the early shift's cases are 08:00's (waits 1 h for 04:00's) and
  // 12:00's (none), the late one's 12:00's, 16:00's and 20:00's (none), off shift 00:00's (6 h) and
  // 04:00's (3.5 h); six days in the window. late_heavy, both on the late shift: 00:00's and
  // 04:00's wait for 12:00 (12 h, 8 h) and end 13:30, when 08:00's (5.5 h) and 12:00's (1.5 h)
  // start; 16:00's and 20:00's start at once. Every replication alike: intervals of width 0.
  // One unit a column (s33x F20: "40.8 ± 2.27 d" above "47.9 ± 2.93 h" read as a rise); the total
  // wait, hours summed over tasks, in hours as its label says (s36f F3: its 120 h read "5.00 d").
  // By hand, a day's total times the window's six days: baseline early 1 h, off shift 6 + 3.5 h;
  // late_heavy early 5.5 + 1.5 h, late 1.5 h, off shift 12 + 8 h.
  test('a row per shift and variant, then the off-shift line: tasks, mean wait, total wait', async () => {
    const table = shiftTable(asShown(await deskResults()))!;
    expect(table.head).toEqual(['team', 'variant', 'shift', 'hours', 'units', 'tasks', 'wait', 'wait hours']);
    expect(table.rows).toEqual([
      ['__proto__', 'baseline', 'shift 0 (<b>early</b>)', 'Mon-Sun 06:00-14:00', '1', '12.0 ± 0.00', '0.50 ± 0.00 h', '6.00 ± 0.00 h'],
      ['__proto__', 'baseline', 'shift 1 (=1+1)', 'Mon-Sun 12:00-22:00', '1', '18.0 ± 0.00', '0.00 ± 0.00 h', '0.00 ± 0.00 h'],
      ['__proto__', 'baseline', 'off shift', 'Mon-Sun 00:00-06:00, 22:00-24:00', '0', '12.0 ± 0.00', '4.75 ± 0.00 h', '57.0 ± 0.00 h'],
      ['__proto__', 'late_heavy', 'shift 0 (<b>early</b>)', 'Mon-Sun 06:00-14:00', '0', '12.0 ± 0.00', '3.50 ± 0.00 h', '42.0 ± 0.00 h'],
      ['__proto__', 'late_heavy', 'shift 1 (=1+1)', 'Mon-Sun 12:00-22:00', '2', '18.0 ± 0.00', '0.50 ± 0.00 h', '9.00 ± 0.00 h'],
      ['__proto__', 'late_heavy', 'off shift', 'Mon-Sun 00:00-06:00, 22:00-24:00', '0', '12.0 ± 0.00', '10.0 ± 0.00 h', '120 ± 0.00 h'],
    ]);
    expect(table.numeric).toEqual([false, false, false, false, true, true, true, true]);
  });

  test('one unit a time column, from its largest mean: minutes for a column under an hour, days from three days', async () => {
    const results = await deskResults();
    const unitsOf = (r: Results, column: number) => shiftTable(asShown(r))!.rows.map((row) => row[column].split(' ').at(-1));
    expect(unitsOf(results, 6)).toEqual(Array(6).fill('h')); // waits from 0 to 10 h
    expect(unitsOf(results, 7)).toEqual(Array(6).fill('h')); // 0 to 120 h, a total of hours
    for (const block of Object.values(results.variants))
      for (const line of Object.values(block.resources.__proto__.shifts!))
        line.wait = { mean: line.wait.mean! / 20, sd: 0, n: 3, ci95: null };
    // 0.5 h / 20 = 1.5 min, ..., the largest 10 h / 20 = 30 min
    expect(shiftTable(asShown(results))!.rows.map((row) => row[6])).toEqual([
      '1.50 min',
      '0.00 min',
      '14.3 min',
      '10.5 min',
      '1.50 min',
      '30.0 min',
    ]);
  });

  test("the off-shift line's hours are the hours no shift covers, cut at midnight (one word for the line: off shift)", () => {
    const weekdays = [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 }));
    // a night shift from Sunday 22:00 over midnight to Monday 06:00 covers Monday's first hours
    const uncovered = offShiftPeriods([{ periods: weekdays }, { periods: [{ start: 166, end: 174 }] }]);
    expect(periodsText(uncovered)).toBe('Mon 06:00-08:00, 18:00-24:00; Tue-Fri 00:00-08:00, 18:00-24:00; Sat 00:00-24:00; Sun 00:00-22:00');
    expect(offShiftPeriods([{ periods: [{ start: 0, end: 168 }] }])).toEqual([]);
  });

  test('it follows the teams table; teams without a roster stay out of it, and without any roster there is none', async () => {
    const results = asShown(await deskResults());
    const titles = kpiTables(results).map((t) => t.title);
    expect(titles.slice(0, 3)).toEqual(['Flows', 'Teams', 'Teams per shift']);
    expect(shiftTable(results)!.rows.some((r) => r[0] === 'back office')).toBe(false);
    expect(shiftTable(smallResults())).toBeNull();
    expect(kpiTables(smallResults()).map((t) => t.title)).not.toContain('Teams per shift');
  });

  test("the wait's interval is the one shown: within its range (a time is never below 0)", async () => {
    const results = await deskResults();
    const wait = { mean: 0.05, sd: 0.032, n: 3, ci95: [-0.03, 0.13] as [number, number] };
    results.variants.baseline.resources.__proto__.shifts!['1'].wait = wait;
    const row = shiftTable(asShown(results))!.rows[1];
    expect(row[6]).toBe(statText('resources.__proto__.shifts.1.wait', { ...wait, ci95: [0, 0.13] }));
    expect(row[6]).not.toBe(statText('resources.__proto__.shifts.1.wait', wait));
  });

  test('a wait target gives the share within it a column', async () => {
    const results = await deskResults();
    for (const v of Object.values(results.variants))
      for (const line of Object.values(v.resources.__proto__.shifts!)) line.within_target = { mean: 0.5, sd: 0, n: 3, ci95: [0.5, 0.5] };
    const table = shiftTable(asShown(results))!;
    expect(table.head.at(-1)).toBe('share started within the wait target');
    expect(table.rows[0].at(-1)).toBe('50.0 ± 0.0%');
  });

  test('names and descriptions are escaped in HTML and Markdown', async () => {
    const table = shiftTable(asShown(await deskResults()))!;
    const html = htmlTable(table);
    expect(html).toContain('<td>shift 0 (&lt;b&gt;early&lt;/b&gt;)</td>');
    expect(html).not.toContain('<b>');
    expect(markdownTable(table)).toContain('| \\_\\_proto\\_\\_ | baseline | shift 0 (\\<b\\>early\\</b\\>) |');
  });

  test("the workbook's Teams sheet: each rostered team's shifts in rows under it, numbers as numbers", async () => {
    const sheet = workbookSheets(asShown(await deskResults())).find((s) => s.name === 'Teams')!;
    const headers = sheet.columns.map((c) => c.header);
    expect(headers).toEqual([
      'variant',
      'team',
      'shift',
      'capacity (units)',
      'calendar',
      'cost per unit-hour (cost units)',
      'staffed unit-hours a week',
      'staffing cost per week (cost units)',
      'utilisation (share)',
      'queue length (cases)',
      'wait (hours)',
      'shift tasks (count)',
      'shift wait hours (hours)',
    ]);
    const baseline = sheet.rows.filter((r) => r[0] === 'baseline');
    const pick = (r: (string | number | boolean | null)[]) => [r[1], r[2], r[3], r[4], r[6], r[10], r[11], r[12]];
    expect(baseline.map(pick)).toEqual([
      ['__proto__', null, 2, 'roster', 56 + 70, (6 + 3.5 + 1) / 6, null, null],
      ['__proto__', 'shift 0 (<b>early</b>)', 1, 'Mon-Sun 06:00-14:00', 56, 0.5, 12, 6],
      ['__proto__', 'shift 1 (=1+1)', 1, 'Mon-Sun 12:00-22:00', 70, 0, 18, 0],
      ['__proto__', 'off shift', 0, 'Mon-Sun 00:00-06:00, 22:00-24:00', 0, 4.75, 12, 57],
      ['back_office', null, 1, 'around the clock', 168, 0, null, null], // its cases never meet
    ]);
  });

  test("the workbook's shift columns are the report table's: a stat the catalogue shows for shifts reaches both", async () => {
    const results = await deskResults();
    const sheetStats = (r: Results) =>
      workbookSheets(asShown(r))
        .find((s) => s.name === 'Teams')!
        .columns.flatMap((c) => (c.shiftStat === undefined ? [] : [c.shiftStat]));
    const tableStats = (r: Results) => shownShiftStats(shiftLines(asShown(r))).map((k) => k.stat);
    expect(sheetStats(results).sort()).toEqual(tableStats(results).sort());
    expect(tableStats(results)).toEqual(['tasks', 'wait', 'wait_hours']);
    // a stat added to the catalogue's shift entries, shown in the report: a column in both, the same figure in both
    const shift = CATALOGUE.shift as Record<string, MetricKind>;
    shift.lateness = {
      stat: 'lateness',
      unit: 'hours',
      better: 'lower',
      compared: false,
      role: 'diagnostic',
      label: 'lateness',
      shown: ['report'],
    };
    try {
      for (const line of Object.values(results.variants.baseline.resources.__proto__.shifts!))
        (line as unknown as Record<string, Stat>).lateness = { mean: 0.25, sd: 0, n: 3, ci95: [0.25, 0.25] };
      const table = shiftTable(asShown(results))!;
      expect(table.head.at(-1)).toBe('lateness');
      expect(table.rows[0].at(-1)).toBe('15.0 ± 0.00 min');
      const sheet = workbookSheets(asShown(results)).find((s) => s.name === 'Teams')!;
      expect(sheetStats(results).sort()).toEqual(tableStats(results).sort());
      const column = sheet.columns.findIndex((c) => c.shiftStat === 'lateness');
      expect(sheet.columns[column]).toMatchObject({ header: 'shift lateness (hours)', format: '#,##0.000' });
      expect(sheet.rows.filter((r) => r[0] === 'baseline' && r[1] === '__proto__').map((r) => r[column])).toEqual([null, 0.25, 0.25, 0.25]);
    } finally {
      delete shift.lateness;
    }
  });

  test('report.xlsx: the descriptions arrive as text, escaped for XML, no formula in the Teams sheet', async () => {
    const zip = await JSZip.loadAsync(await renderXlsx(asShown(await deskResults())));
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('shift 0 (&lt;b&gt;early&lt;/b&gt;)');
    expect(strings).toContain('shift 1 (=1+1)');
    expect(strings).toContain('Mon-Sun 00:00-06:00, 22:00-24:00');
    const teams = await zip.file('xl/worksheets/sheet5.xml')!.async('string');
    expect(teams).not.toContain('<f>');
  });
});
