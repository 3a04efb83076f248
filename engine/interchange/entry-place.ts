// Where a log's entry was read, for a refusal that names it. A log's `row` is a line in CSV,
// XES and OCEL XML, but in OCEL JSON the entry's number in `events` (its notes say "row N"),
// which a refusal must not print where a line belongs, and in OCEL SQLite the row of table
// `event` (which is its line, as the database's own problems place it). The readers of those
// forms say here how to place an entry; the place is looked up
// only when a refusal needs it (OCEL JSON's text is read again then, not held for it).
// Invariant: a log no reader registered is placed at its row as a line, column 1.
import { placedLine } from '../io/placed-line.js';
import type { EventLog } from './event-log.js';

/** An entry's place: a line and column (a table's row, column 1) with what is there (the path of its value, the table's row). */
export type EntryPlace = { line: number; col: number; at: string };

const placers = new WeakMap<EventLog, (row: number) => Promise<EntryPlace>>();

/** How the entries of `log` are placed, by the reader of a form whose rows are not lines. */
export function placeEntriesBy(log: EventLog, place: (row: number) => Promise<EntryPlace>): void {
  placers.set(log, place);
}

/**
 * A refusal of the log that names its entry `row`: 'FILE:LINE:COL: MESSAGE (at WHERE)', WHERE
 * `at` for a log whose rows are lines, the entry's JSON path in OCEL JSON, its table and row in
 * OCEL SQLite ('table event, row N'), as the SQLite reader's own problems say.
 */
export async function entryRefusal(file: string, log: EventLog, row: number, message: string, at: string): Promise<string> {
  const place = placers.get(log);
  const p: EntryPlace = place === undefined ? { line: row, col: 1, at } : await place(row);
  return placedLine(file, p.line, p.col, message, p.at);
}
