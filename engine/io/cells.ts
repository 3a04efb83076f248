// Cells of the tables etomsim writes for spreadsheets: CSV files (kpis.csv, replications.csv,
// event logs) and workbooks. Every writer of such a table puts its text through `sheetText`,
// so that no name, id or description a scenario carries becomes a live formula when the file
// is opened in Excel, LibreOffice or Google Sheets (CSV injection).
//
// Invariant: a number stays a number (a negative one is no formula); text that a spreadsheet
// would read as a formula, i.e. that begins with = + - @, a tab or a carriage return, gets a
// leading apostrophe, as OWASP recommends; all other text is written unchanged. A workbook's
// text cell is never evaluated: report.xlsx writes the text as it is and marks such a cell
// Text-formatted instead (reports/xlsx.ts), as the apostrophe would show in it.

/** One cell's value: text, a number, or nothing (an empty cell). */
export type Cell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Whether a spreadsheet would read the text, typed or imported from CSV, as a formula. */
export function formulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** Text as a spreadsheet cell shows it, never evaluated: a formula-like start is neutralised with an apostrophe. */
export function sheetText(text: string): string {
  return formulaLike(text) ? `'${text}` : text;
}

/** A field of RFC 4180 CSV: text neutralised then quoted where it holds a comma, a quote or a line break. */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const text = sheetText(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV table: the header, then one line per row, each ended by a newline. */
export function csvTable(columns: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return lines.join('\n') + '\n';
}
