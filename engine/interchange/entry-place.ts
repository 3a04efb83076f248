// Where a log's entry was read, for a refusal that names it. A log's `row` is a line in CSV,
// XES and OCEL XML, but in OCEL JSON the entry's number in `events` (its notes say "row N"),
// and in OCEL SQLite the row of table `event`: a refusal must not print those where a line
// belongs. The readers of those forms say here how to place an entry; the place is looked up
// only when a refusal needs it (OCEL JSON's text is read again then, not held for it).
// Invariant: a log no reader registered is placed at its row as a line, column 1.
import { placedLine } from '../io/placed-line.js';
import type { EventLog } from './event-log.js';

/** An entry's place: a line and column in the text with the path of its value there, or a table's row. */
export type EntryPlace = { line: number; col: number; at: string } | { table: string; row: number };

const placers = new WeakMap<EventLog, (row: number) => Promise<EntryPlace>>();

/** How the entries of `log` are placed, by the reader of a form whose rows are not lines. */
export function placeEntriesBy(log: EventLog, place: (row: number) => Promise<EntryPlace>): void {
  placers.set(log, place);
}

/**
 * A refusal of the log that names its entry `row`: 'FILE:LINE:COL: MESSAGE (at WHERE)', WHERE
 * `at` for a log whose rows are lines and the entry's JSON path in OCEL JSON; for a table's
 * row, 'FILE: table T, row N: MESSAGE (at WHERE)', as the SQLite reader's own problems say.
 */
export async function entryRefusal(file: string, log: EventLog, row: number, message: string, at: string): Promise<string> {
  const place = placers.get(log);
  const p: EntryPlace = place === undefined ? { line: row, col: 1, at } : await place(row);
  if ('table' in p) return `${file}: table ${p.table}, row ${p.row}: ${message} (at ${at})`;
  return placedLine(file, p.line, p.col, message, p.at);
}
