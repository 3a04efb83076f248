// Which lines of a refusal are problems: each problem is `FILE:LINE:COL: MESSAGE (at WHERE)`, what a
// problem matcher (an editor's, CI's annotations) reads, and a line that sums problems up is
// `etomsim: FILE: ...`, which it does not (engine/io/placed-line.ts' summaryLine; until session 56 a
// database log's "and N more" was placed at `FILE:1:1 (at file)`, counted as one more problem). The
// problems past the first PROBLEMS_TOLD, of any input, are one line placed at the first of them,
// which stands for them (session 61: a database log's were a summary line past its first 20). And an event log's whole content (empty, without events) is refused at
// `1:1 (at file)`, the word of every other whole-file refusal (it said `(at CSV)`, `(at XES)`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import initSqlJs from 'sql.js';
import { expect, test } from 'vitest';
import { LogError, TableLogError } from '../../engine/interchange/event-log.js';
import { PROBLEMS_TOLD, toldProblems, untoldMessage } from '../../engine/io/placed-line.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-problem-lines-')();

/** What a problem matcher takes for a problem: FILE:LINE:COL: at a line's start. */
const PROBLEM = /^.+:\d+:\d+: /;

async function refusal(path: string, options = {}): Promise<LogError> {
  const err = await readEventLog(path, options).catch((e: unknown) => e);
  if (err instanceof LogError) return err;
  throw new Error(`expected a LogError, got ${String(err)}`);
}

test('a database log of 205 problems: the first 200 told, the first of the rest placed and standing for the 5 (the one cap, s61)', async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE event (ocel_id TEXT, ocel_type TEXT); CREATE TABLE event_map_type (ocel_type TEXT, ocel_type_map TEXT);
    CREATE TABLE object (ocel_id TEXT, ocel_type TEXT); CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT);
    CREATE TABLE event_pick (ocel_id TEXT, ocel_time TIMESTAMP);
    INSERT INTO event_map_type VALUES ('pick', 'pick'); INSERT INTO object VALUES ('o1', 'order');`);
  // every event without an id: one problem each
  for (let i = 1; i <= PROBLEMS_TOLD + 5; i++) db.run("INSERT INTO event VALUES (NULL, 'pick')");
  const path = join(dir, 'many.sqlite');
  writeFileSync(path, Buffer.from(db.export()));
  db.close();
  const err = await refusal(path, { columns: { case: 'order' } });
  expect(err).toBeInstanceOf(TableLogError);
  const lines = err.message.split('\n');
  const nullId = "ocel_id is NULL: an id is a non-empty TEXT (or an INTEGER) (at table event, column 'ocel_id')";
  expect(lines).toEqual([
    ...Array.from({ length: PROBLEMS_TOLD }, (_, i) => `${path}:${i + 1}:1: ${nullId}`),
    `${path}:${PROBLEMS_TOLD + 1}:1: 5 more problems, not told one by one (the first ${PROBLEMS_TOLD} are); the first of them: ${nullId}`,
  ]);
  expect(lines.every((line) => PROBLEM.test(line))).toBe(true);
});

test('a rest of one is told as it is: PROBLEMS_TOLD + 1 problems, every one told', () => {
  const problems = Array.from({ length: PROBLEMS_TOLD + 1 }, (_, i) => ({ row: i + 1, message: `bad ${i + 1}` }));
  expect(toldProblems(problems)).toEqual(problems);
  // a reader that counts the rest keeps the first PROBLEMS_TOLD + 1: the last kept stands for them
  expect(toldProblems(problems, 1000).at(-1)).toEqual({ row: PROBLEMS_TOLD + 1, message: untoldMessage(800, `bad ${PROBLEMS_TOLD + 1}`) });
  expect(untoldMessage(800, 'x')).toBe(`800 more problems, not told one by one (the first ${PROBLEMS_TOLD} are); the first of them: x`);
});

test('toldProblems on any count (fast-check, fixed seed): at most PROBLEMS_TOLD + 1 lines, which account for every problem found', () => {
  fc.assert(
    fc.property(fc.nat(PROBLEMS_TOLD * 3), fc.nat(5_000), (kept, more) => {
      const problems = Array.from({ length: kept }, (_, i) => ({ message: `bad ${i}` }));
      const found = kept > PROBLEMS_TOLD ? kept + more : kept; // a reader keeps PROBLEMS_TOLD + 1 and counts the rest
      const told = toldProblems(problems, found);
      expect(told.length).toBeLessThanOrEqual(PROBLEMS_TOLD + 1);
      const rest = /^([\d,]+) more problems, not told one by one/.exec(told.at(-1)?.message ?? '');
      expect(rest === null ? told.length : told.length - 1 + Number(rest[1].replaceAll(',', ''))).toBe(found);
      expect(told.slice(0, PROBLEMS_TOLD)).toEqual(problems.slice(0, Math.min(PROBLEMS_TOLD, told.length)));
    }),
    { seed: 61, numRuns: 300 },
  );
});

test("an event log's whole content refused at 1:1 (at file), as every whole-file refusal: CSV, XES and OCEL JSON", async () => {
  const cases: [string, string, string][] = [
    ['header.csv', 'case,activity,timestamp\n', 'the log has no events'],
    ['empty.xes', '<?xml version="1.0"?>\n<log xes.version="1.0">\n</log>\n', 'the log has no events'],
    [
      'other.json',
      '{ "cases": [] }\n',
      "a JSON log must be OCEL: 2.0's object with the lists 'objects' and 'events', or 1.0's with the maps 'ocel:events' and 'ocel:objects'",
    ],
  ];
  for (const [name, text, message] of cases) {
    const path = join(dir, name);
    writeFileSync(path, text);
    expect((await refusal(path)).message).toBe(`${path}:1:1: ${message} (at file)`);
  }
});
