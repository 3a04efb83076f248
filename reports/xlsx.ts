// report.xlsx: the figures for people who work in Excel. Sheets: Executive (outcome KPIs per
// variant), Warnings (why a figure may not mean what it seems to: report.html's cautions), Notes
// (how to read figures that are right, notes.ts readingNotes: only in a run that has any), KPIs
// (every stat), Gains (every comparison), Teams (a rostered team's shifts in rows under it),
// Assumptions, Replications (every per-replication value). Each column says its unit in its header and carries a number format
// (percent for shares, the scenario's currency for costs); times are in the scenario's time_unit.
// One rule for a share and a change (s34y F17): a share and a relative change are stored as
// fractions under a percent format (0.8765 reads "87.6%", -0.0454 "-4.5%": Excel's own meaning
// of a percent, so that baseline x (1 + change) and a filter "< -5%" work); a share's change is
// stored as the difference in percentage points under a format naming them (2.18 reads
// "+2.2 pp"), as no Excel format scales by 100 without a % sign. docs/results-format.md,
// "report.xlsx".
// "significant" is the comparison's own interval; "significant after Holm" its adjustment within
// the variant's outcome family (empty for a diagnostic), as results.json's significant_adjusted.
// Invariant: numbers stay numbers; text is written as it is, as a string cell, which no
// spreadsheet evaluates, so nothing a scenario names becomes a live formula; a text that begins
// like a formula (engine/io/cells.ts' formulaLike) is in the Text format '@' as well, so that
// editing the cell keeps it text. (Until session 60 such text took the CSV files' leading
// apostrophe, which a workbook shows: a description "+2 engineers" read "'+2 engineers".)
import type { Results, ShiftBlock } from '../engine/results/types.js';
import { formulaLike } from '../engine/io/cells.js';
import { xmlCharacters } from '../engine/interchange/xml-text.js';
import { type MetricKind, metricKindOf, type MetricUnit } from '../engine/model/metric-catalogue.js';
import { assumptions } from './assumptions.js';
import { type ShiftLine, shiftLines, shownShiftStats } from './shift-lines.js';
import { groupedWarnings, otherCautions, readingNotes } from './notes.js';
import { comparisonRows, kpiRowKind, kpiRows, replicationRows } from './csv.js';
import { baselineSummary, executiveSummary, weeklyStaffingCost } from './executive.js';
import { type Change, changeDecimals, changeOf, decidingInterval, metricLabel, words } from './format.js';
import { packageDate, stablePackage } from './stable-package.js';
import { currencyDecimals, fixedDecimals } from '../engine/number-format.js';
import { inDisplayUnit, unitName, type TimeUnitName } from './units.js';

export function numberFormat(unit: MetricUnit | null, currency: string | null): string {
  if (unit === 'share') return '0.0%';
  if (unit === 'currency') {
    const decimals = currencyDecimals(currency);
    const digits = decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
    return currency ? `${digits} "${currency}"` : digits;
  }
  if (unit === 'count') return '#,##0.00';
  return '#,##0.000';
}

type Value = string | number | boolean | null;

/**
 * A change's number format by its unit and decimals: a relative change a fraction under a signed
 * percent, a share's the points under "pp"; the decimals report.html shows the row with
 * (format.ts changeDecimals: those that tell the interval's ends apart and from zero, one to
 * three), where one decimal for all showed +0.112% [+0.086%, +0.138%] as "+0.1%" thrice (s36f).
 */
export function changeFormat(unit: Change['unit'], decimals = 1): string {
  const digits = `0.${'0'.repeat(decimals)}`;
  return unit === '%' ? `+${digits}%;-${digits}%;${digits}%` : `+${digits}" pp";-${digits}" pp";${digits}" pp"`;
}

/**
 * A sheet of comparisons (Executive, Gains), one definition of their shared columns: `leading`,
 * then baseline, variant value, the change columns and the two verdicts, then `trailing`, then
 * DECIDED_BY (each row ends with its cell); the two values take the row's number format, the
 * change and its ends the row's change format. Its rows: comparisonCells in the same place.
 */
function comparisonSheet(name: string, leading: SheetColumn[], trailing: SheetColumn[] = []): SheetData {
  const at = leading.length;
  return {
    name,
    columns: [
      ...leading,
      { header: 'baseline', width: 13 },
      { header: 'variant value', width: 14 },
      { header: 'change', width: 10 },
      { header: 'change unit', width: 11 },
      { header: 'change, 95% low', width: 15 },
      { header: 'change, 95% high', width: 16 },
      { header: 'significant', width: 11 },
      { header: 'significant after Holm', width: 20 },
      ...trailing,
      DECIDED_BY, // last: added in session 60, the columns before keep their places
    ],
    rows: [],
    rowFormats: [],
    valueColumns: [at, at + 1],
    changeFormats: [],
    changeColumns: [at + 2, at + 4, at + 5],
  };
}

/** The last column of the Executive and Gains sheets: where `change, 95% low`/`high` (the ratio's interval) tell 0
 *  otherwise than the difference's interval that decides `significant`, that interval and what it says, as the page's
 *  verdict gives it; empty where they agree (s60: TRUE beside an interval from -26% to +0.5% read as a contradiction). */
const DECIDED_BY: SheetColumn = { header: 'significance decided by', width: 40 };

/** A comparison sheet's cells from baseline to `significant after Holm`, pushing the row's formats: see comparisonSheet. */
function comparisonCells(
  sheet: SheetData,
  values: { baseline: Value; value: Value; format: string },
  change: Change | null,
  significant: boolean | null,
  adjusted: boolean | null,
): Value[] {
  const cells = changeCells(change);
  sheet.rowFormats!.push(values.format);
  sheet.changeFormats!.push(cells.format);
  return [values.baseline, values.value, ...cells.cells, significant, adjusted];
}

/**
 * A change row's decimals in the workbook: the page's (changeDecimals, on the interval's ends),
 * and past its three as many more, up to six, as keep a figure that is not zero from reading
 * "+0.000%": a number format cannot write the page's "+<0.001%" (s36f F10), so it shows the digits.
 */
export function cellChangeDecimals(figures: readonly number[]): number {
  let decimals = changeDecimals(figures.length === 3 ? figures.slice(1) : []);
  const readsZero = (x: number) => x !== 0 && Number(fixedDecimals(x, decimals)) === 0;
  while (decimals >= 3 && decimals < 6 && figures.some(readsZero)) decimals++;
  return decimals;
}

/** A row's change cells (change, unit, low, high) as stored, and their format: see the header's rule. */
function changeCells(change: Change | null): { cells: Value[]; format: string | null } {
  if (change === null) return { cells: [null, null, null, null], format: null };
  const stored = (x: number | null) => (x === null || change.unit === 'pp' ? x : x / 100);
  const decimals = cellChangeDecimals(
    change.low === null || change.high === null ? [change.value] : [change.value, change.low, change.high],
  );
  return {
    cells: [stored(change.value), change.unit, stored(change.low), stored(change.high)],
    format: changeFormat(change.unit, decimals),
  };
}

interface SheetColumn {
  header: string;
  width: number;
  /** a fixed number format for the column */
  format?: string;
  /** the Teams sheet: the team's stat in the column (results.json `resources.T.STAT`) */
  teamStat?: string;
  /** the Teams sheet: the shift's stat its rows hold in the column (the catalogue's `resources.T.shifts.S.STAT`) */
  shiftStat?: string;
}

/** The workbook's sheets as rows; per-cell formats where a column mixes units. */
export interface SheetData {
  name: string;
  columns: SheetColumn[];
  rows: Value[][];
  /** per row, the number format of its value columns (null: the column's own) */
  rowFormats?: (string | null)[];
  /** which columns take the row's format */
  valueColumns?: number[];
  /** per row, the number format of its change columns (a change in % or in pp, at its decimals: changeFormat) */
  changeFormats?: (string | null)[];
  /** which columns take the row's change format */
  changeColumns?: number[];
}

/** The shift lines of each variant's team, keyed `VARIANT\u0000TEAM`, each in the roster's order. */
function linesByVariantAndTeam(lines: readonly ShiftLine[]): Map<string, ShiftLine[]> {
  const byKey = new Map<string, ShiftLine[]>();
  for (const l of lines) {
    const key = `${l.variant}\u0000${l.team}`;
    const group = byKey.get(key);
    if (group === undefined) byKey.set(key, [l]);
    else group.push(l);
  }
  return byKey;
}

/** The sheets, as data (tested without opening a workbook). */
export function workbookSheets(results: Results): SheetData[] {
  const time: TimeUnitName = results.time_unit ?? 'hours';
  const currency = results.currency ?? null;
  const unitOfPath = (path: string) => metricKindOf(path)?.unit ?? null;

  const executive = comparisonSheet(
    'Executive',
    [
      { header: 'variant', width: 20 },
      { header: 'flow', width: 22 },
      { header: 'KPI', width: 20 },
      { header: 'unit', width: 10 },
    ],
    [{ header: 'warnings', width: 16 }],
  );
  for (const v of executiveSummary(results)) {
    for (const o of v.outcomes) {
      const unit = unitOfPath(o.metric);
      const c = o.comparison;
      const values = {
        baseline: inDisplayUnit(unit, c.baseline, time),
        value: inDisplayUnit(unit, c.value, time),
        format: numberFormat(unit, currency),
      };
      executive.rows.push([
        v.variant,
        words(o.flow),
        o.label,
        unitName(unit, time, currency),
        // the page's and the Gains sheet's change, interval and unit
        ...comparisonCells(executive, values, changeOf(c), c.significant, c.significant_adjusted ?? null),
        o.warned.length > 0 ? o.warned.join(', ') : null, // the codes of the Warnings sheet's rows that concern it
        decidingInterval(c),
      ]);
    }
    if (v.staffing) {
      const { baseline, variant, delta } = v.staffing;
      const change = baseline === 0 ? null : { unit: '%' as const, value: (delta / baseline) * 100, low: null, high: null };
      executive.rows.push([
        v.variant,
        '',
        'staffing cost per week',
        unitName('currency', time, currency),
        ...comparisonCells(executive, { baseline, value: variant, format: numberFormat('currency', currency) }, change, null, null),
        v.staffing.warned.length > 0 ? v.staffing.warned.join(', ') : null,
        null,
      ]);
    }
  }

  // a run without variants: the baseline's own outcomes and staffing cost in the baseline column (s36f F6: an empty sheet)
  const alone = baselineSummary(results);
  for (const o of alone?.outcomes ?? []) {
    const unit = unitOfPath(o.metric);
    const values = { baseline: inDisplayUnit(unit, o.stat.mean, time), value: null, format: numberFormat(unit, currency) };
    executive.rows.push([
      'baseline',
      words(o.flow),
      o.label,
      unitName(unit, time, currency),
      ...comparisonCells(executive, values, null, null, null),
      o.warned.length > 0 ? o.warned.join(', ') : null,
      null,
    ]);
  }
  if (alone?.staffing != null) {
    const values = { baseline: alone.staffing, value: null, format: numberFormat('currency', currency) };
    executive.rows.push([
      'baseline',
      '',
      'staffing cost per week',
      unitName('currency', time, currency),
      ...comparisonCells(executive, values, null, null, null),
      alone.staffingWarned.length > 0 ? alone.staffingWarned.join(', ') : null,
      null,
    ]);
  }

  // The same cautions as report.html's: the warnings, a variant's shared ones said once, and what else it notes (a lone replication).
  const groups = groupedWarnings(results.warnings ?? []);
  const warnings: SheetData = {
    name: 'Warnings',
    columns: [
      { header: 'code', width: 12 },
      { header: 'variants', width: 30 },
      { header: 'subject', width: 48 },
      { header: 'warning', width: 140 },
    ],
    rows: [
      ...groups.map((g): Value[] => [g.code, g.variants.join(', '), g.subject, g.message]),
      ...otherCautions(results).map((text): Value[] => [null, null, null, text]),
    ],
  };
  // the notes apart from the warnings (no figure is wrong), a sheet only where there are any
  const notes = readingNotes(results);
  const notesSheet: SheetData[] =
    notes.length === 0 ? [] : [{ name: 'Notes', columns: [{ header: 'note', width: 140 }], rows: notes.map((n) => [n]) }];

  const kpis: SheetData = {
    name: 'KPIs',
    columns: [
      { header: 'variant', width: 20 },
      { header: 'scope', width: 10 },
      { header: 'name', width: 28 },
      { header: 'metric', width: 26 },
      { header: 'role', width: 11 },
      { header: 'unit', width: 10 },
      { header: 'mean', width: 14 },
      { header: '95% low', width: 14 },
      { header: '95% high', width: 14 },
      { header: 'replications', width: 12, format: '0' },
    ],
    rows: [],
    rowFormats: [],
    valueColumns: [6, 7, 8],
  };
  for (const r of kpiRows(results)) {
    const { unit, role } = kpiRowKind(r);
    kpis.rows.push([
      r.variant,
      r.scope,
      r.name,
      r.metric,
      role,
      unitName(unit, time, currency),
      inDisplayUnit(unit, r.mean, time),
      inDisplayUnit(unit, r.ci_low, time),
      inDisplayUnit(unit, r.ci_high, time),
      r.n,
    ]);
    kpis.rowFormats!.push(numberFormat(unit, currency));
  }

  const gains = comparisonSheet('Gains', [
    { header: 'variant', width: 20 },
    { header: 'metric', width: 44 },
    { header: 'KPI', width: 44 },
    { header: 'role', width: 11 },
    { header: 'unit', width: 10 },
  ]);
  for (const g of comparisonRows(results)) {
    const unit = unitOfPath(g.metric);
    const values = {
      baseline: inDisplayUnit(unit, g.baseline, time),
      value: inDisplayUnit(unit, g.value, time),
      format: numberFormat(unit, currency),
    };
    const change =
      g.change === null || g.change_unit === null ? null : { unit: g.change_unit, value: g.change, low: g.change_low, high: g.change_high };
    gains.rows.push([
      g.variant,
      g.metric,
      g.label,
      metricKindOf(g.metric)?.role ?? '',
      unitName(unit, time, currency),
      ...comparisonCells(gains, values, change, g.significant, g.significant_adjusted),
      g.decided_by,
    ]);
  }

  const money = numberFormat('currency', currency);
  // a rostered team's shifts as rows under its own (reports/shift-lines.ts); their columns only when a team has a roster
  const lines = shiftLines(results);
  const linesOf = linesByVariantAndTeam(lines);
  const shown = shownShiftStats(lines);
  const shiftColumn = (k: MetricKind): SheetColumn => {
    const header = `shift ${k.label} (${unitName(k.unit, time, currency)})`;
    return { header, width: header.length, format: numberFormat(k.unit, currency), shiftStat: k.stat };
  };
  // the team's own figures; a shift stat of the same name (its wait) goes in the team's column, the others in their own
  const teamColumns: SheetColumn[] = [
    { header: 'utilisation (share)', width: 17, format: '0.0%', teamStat: 'utilization' },
    { header: 'queue length (cases)', width: 18, format: '0.00', teamStat: 'queue_length' },
    { header: `wait (${time})`, width: 14, format: '#,##0.000', teamStat: 'wait' },
  ].map((c) => (shown.some((k) => k.stat === c.teamStat) ? { ...c, shiftStat: c.teamStat } : c));
  const shiftColumns = shown.filter((k) => !teamColumns.some((c) => c.teamStat === k.stat)).map(shiftColumn);
  const teams: SheetData = {
    name: 'Teams',
    columns: [
      { header: 'variant', width: 20 },
      { header: 'team', width: 20 },
      ...(lines.length === 0 ? [] : [{ header: 'shift', width: 24 }]),
      { header: 'capacity (units)', width: 15, format: '0' },
      { header: 'calendar', width: 14 },
      { header: `cost per unit-hour (${currency ?? 'cost units'})`, width: 22, format: money },
      { header: 'staffed unit-hours a week', width: 22, format: '#,##0' },
      { header: `staffing cost per week (${currency ?? 'cost units'})`, width: 26, format: money },
      ...teamColumns,
      ...shiftColumns,
    ],
    rows: [],
  };
  const withShift = (shift: Value[]) => (lines.length === 0 ? [] : shift);
  for (const [variant, block] of Object.entries(results.variants)) {
    for (const [team, r] of Object.entries(block.resources)) {
      const input = block.inputs?.resources[team];
      const costed = input && input.cost_given !== false ? input : undefined; // no cost_per_hour: the cells stay empty, not 0
      teams.rows.push([
        variant,
        team,
        ...withShift([null]),
        input?.capacity ?? null,
        input ? (input.shifts ? 'roster' : (input.calendar ?? 'around the clock')) : null,
        costed?.cost_per_hour ?? null,
        input?.hours_per_week ?? null,
        costed ? costed.cost_per_hour * costed.hours_per_week : null,
        r.utilization.mean,
        r.queue_length.mean,
        inDisplayUnit('hours', r.wait.mean, time),
        ...shiftColumns.map(() => null),
      ]);
      for (const l of linesOf.get(`${variant}\u0000${team}`) ?? []) {
        const cell = (stat: string | undefined) => {
          const k = shown.find((x) => x.stat === stat);
          return k === undefined ? null : inDisplayUnit(k.unit, l.stats[k.stat as keyof ShiftBlock]?.mean ?? null, time);
        };
        teams.rows.push([
          variant,
          team,
          l.name,
          l.capacity,
          l.hoursText,
          costed?.cost_per_hour ?? null,
          l.unitHoursPerWeek,
          costed && l.unitHoursPerWeek !== null ? costed.cost_per_hour * l.unitHoursPerWeek : null,
          ...teamColumns.map((c) => cell(c.shiftStat)), // utilisation and queue length are the team's, not a shift's
          ...shiftColumns.map((c) => cell(c.shiftStat)),
        ]);
      }
    }
  }

  const a = assumptions(results);
  const assumptionRows: Value[][] = [
    ['scenario', results.scenario],
    ...(results.description ? [['description', results.description] as Value[]] : []),
    ...a.run.map((t) => ['run', t]),
    ...a.flows.map((t) => ['flow', t]),
    ...a.teams.map((t) => ['team', t]),
    ...a.arrivals.map((t) => ['arrivals', t]),
    ...a.variants.flatMap((v) => [
      [`variant ${v.variant}`, v.description ?? ''],
      ...(v.changes.length === 0
        ? [[`variant ${v.variant}`, 'changes nothing in the inputs']]
        : v.changes.map((c) => [`variant ${v.variant}`, c])),
    ]),
    ['staffing cost per week (baseline)', weeklyStaffingCost(results, 'baseline')],
  ];
  const assumptionsSheet: SheetData = {
    name: 'Assumptions',
    columns: [
      { header: 'about', width: 30 },
      { header: 'assumption', width: 140, format: money },
    ],
    rows: assumptionRows,
  };

  const replications: SheetData = {
    name: 'Replications',
    columns: [
      { header: 'variant', width: 20 },
      { header: 'replication', width: 12, format: '0' },
      { header: 'metric', width: 56 },
      { header: 'label', width: 48 },
      { header: 'unit', width: 10 },
      { header: 'value', width: 16 },
    ],
    rows: [],
    rowFormats: [],
    valueColumns: [5],
  };
  for (const r of replicationRows(results)) {
    const unit = unitOfPath(r.metric);
    replications.rows.push([
      r.variant,
      r.replication,
      r.metric,
      metricLabel(r.metric),
      unitName(unit, time, currency),
      inDisplayUnit(unit, r.value, time),
    ]);
    replications.rowFormats!.push(numberFormat(unit, currency));
  }
  return [executive, warnings, ...notesSheet, kpis, gains, teams, assumptionsSheet, replications].map(fittedColumns);
}

/** The widest a column grows to show its longest text, in Excel's character widths: a name of 60 characters and a little room (the header's filter button). */
const FITTED_WIDTH = 64;

/**
 * The sheet with each column as wide as its longest text, its header's too (FITTED_WIDTH at most),
 * its own width the least: a variant's, flow's or team's name of 60 characters in a column of 20 was cut by the
 * cell beside it, on the Executive sheet the name of the variant a row is about (s63E).
 */
function fittedColumns(sheet: SheetData): SheetData {
  const columns = sheet.columns.map((c, j) => {
    let longest = c.header.length;
    for (const row of sheet.rows) {
      const value = row[j];
      if (typeof value === 'string') longest = Math.max(longest, [...value].length);
    }
    return { ...c, width: Math.max(c.width, Math.min(FITTED_WIDTH, longest + 2)) };
  });
  return { ...sheet, columns };
}

/** Excel's Text format: a cell in it keeps what is typed in it as text, a leading '=' too. */
const TEXT_FORMAT = '@';

/** The workbook as the bytes of an .xlsx file. */
export async function renderXlsx(results: Results): Promise<Uint8Array> {
  // imported here: exceljs is large, and only this format needs it
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = xmlCharacters(`${results.engine.name} ${results.engine.version}`);
  // the results' date, not the clock's: the same results give the same workbook
  const date = packageDate(results);
  book.created = date;
  book.modified = date;
  for (const sheet of workbookSheets(results)) {
    const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({ header: xmlCharacters(c.header), width: c.width }));
    ws.getRow(1).font = { bold: true };
    sheet.rows.forEach((row, i) => {
      const added = ws.addRow(row.map((v) => (typeof v === 'string' ? xmlCharacters(v) : v)));
      sheet.columns.forEach((c, j) => {
        const value = row[j];
        if (typeof value === 'string') {
          if (formulaLike(value)) added.getCell(j + 1).numFmt = TEXT_FORMAT;
          return;
        }
        const rowFormat = sheet.valueColumns?.includes(j)
          ? sheet.rowFormats?.[i]
          : sheet.changeColumns?.includes(j)
            ? sheet.changeFormats?.[i]
            : null;
        const format = rowFormat ?? c.format;
        if (format && typeof value === 'number') added.getCell(j + 1).numFmt = format;
      });
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  }
  // stored, not deflated: stablePackage writes the package anew and deflates each part then (as the deck, reports/pptx.ts)
  return stablePackage(new Uint8Array(await book.xlsx.writeBuffer({ zip: { compression: 'STORE' } })), date);
}
