// The fuzzer of OCEL 2.0 SQLite logs: etomsim's own log of a small scenario, written as `run
// --event-log ocel-sqlite` writes it, read by `etomsim discover` under a time and memory budget,
// in three kinds (budget-run.ts' fuzzFiles). Changed at random (read or refused), through SQLite
// (a cell set to a hostile value, a row dropped or doubled, a table or column renamed or dropped:
// the database stays one, so the reader's checks of OCEL's tables are what is tried) and as bytes
// (bytes overwritten, a run of them zeroed, a page copied over another, the file cut: SQLite's
// own checks of its pages). Changed only in ways OCEL 2.0 allows (a case renamed in every table
// that names it, a table's rows in another order, an attribute column added, the database
// rewritten with another page size), which must be read and give a valid scenario. Broken at one
// event's time, which must be refused at that table's row and column. Whatever the file, the
// command exits 0 with a scenario written or 2 with nothing written, every line that names the
// file is in the error standard's form (a database's: `FILE:ROW:COL: MESSAGE (at table T, column
// 'NAME')`), and no stack trace or WebAssembly abort reaches the user. The seed is fixed;
// ETOMSIM_FUZZ_RUNS sets the number of files (`npm run fuzz` soaks with many more),
// ETOMSIM_FUZZ_SEED picks another seed and ETOMSIM_FUZZ_SHOW=1 prints each exit and error line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import initSqlJs, { type Database } from 'sql.js';
import { beforeAll, describe, test } from 'vitest';
import { ownLogs } from '../support/own-logs.js';
import { scratchFolders } from '../support/scratch.js';
import { fuzzFiles, fuzzTimeout, type Refusal, RUNS, tryScenarioWriter } from './budget-run.js';
import { HOSTILE_VALUES, NOT_TIMESTAMPS } from './file-mutations.js';
import { fuzzScenario } from './fuzz-scenario.js';

const tmp = scratchFolders('etomsim-fuzz-sqlite-');
const SQL = await initSqlJs();

/** The fuzzers' scenario over a day: about 25 cases, a database of some 25 pages. */
const SCENARIO = fuzzScenario('run: { horizon: 1d, replications: 1, start: "2026-01-05T00:00:00Z" }');

/** A cell's new value as SQL: hostile text; numbers at SQLite's and JavaScript's edges (an infinite REAL, the largest INTEGER); NULL; bytes. */
const CELLS = [
  ...HOSTILE_VALUES.map((v) => `'${v.replaceAll("'", "''")}'`),
  'NULL',
  '0',
  '-1',
  '1.5',
  '1e308',
  '1e999',
  '-1e999',
  '9007199254740993',
  '9223372036854775807',
  '-9223372036854775808',
  "X'FFFE0001'",
  "X''",
  'zeroblob(100000)',
  'char(0)',
];
const NAMES = ['__proto__', 'constructor', '', 'x'.repeat(300), 'ocel_id', 'ocel_time', 'ocel_type', 'event', 'object', '"', 'a b'];

/** A place among many (a table, a column, a row, a byte): any of them alike (fast-check's bias would take the first few). */
const index = fc.noBias(fc.nat());

/** Cells, rows, then tables and columns, from the likeliest: a table gone or renamed ends the reading at its first check. */
const rowMutation = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('cell' as const),
      table: index,
      column: index,
      row: index,
      value: fc.constantFrom(...CELLS),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), table: index, row: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('double' as const), table: index, row: index }) },
  fc.record({ kind: fc.constant('drop-table' as const), table: index }),
  fc.record({ kind: fc.constant('rename-table' as const), table: index, name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('rename-column' as const), table: index, column: index, name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('drop-column' as const), table: index, column: index }),
);
type RowMutation = typeof rowMutation extends fc.Arbitrary<infer T> ? T : never;

const byteMutation = fc.oneof(
  fc.record({ kind: fc.constant('bytes' as const), at: index, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('header' as const), at: fc.nat({ max: 99 }), byte: fc.nat({ max: 255 }) }),
  fc.record({ kind: fc.constant('zero' as const), at: index, length: fc.integer({ min: 1, max: 4096 }) }),
  fc.record({ kind: fc.constant('page' as const), from: index, to: index }),
  fc.record({ kind: fc.constant('cut' as const), at: index }),
);
type ByteMutation = typeof byteMutation extends fc.Arbitrary<infer T> ? T : never;

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The database with one change made through SQLite; a change SQLite refuses (a column a view needs, say) leaves it as it was. */
function changeRows(db: Database, m: RowMutation): void {
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]?.values.map((v) => String(v[0])) ?? [];
  if (tables.length === 0) return;
  const table = tables[m.table % tables.length];
  const columns = db.exec(`PRAGMA table_info(${quoted(table)})`)[0]?.values.map((v) => String(v[1])) ?? [];
  const count = Number(db.exec(`SELECT count(*) FROM ${quoted(table)}`)[0].values[0][0]);
  const row = 'row' in m && count > 0 ? m.row % count : 0;
  const rowid = `(SELECT rowid FROM ${quoted(table)} LIMIT 1 OFFSET ${row})`;
  const column = columns[('column' in m ? m.column : 0) % Math.max(columns.length, 1)];
  try {
    switch (m.kind) {
      case 'cell':
        db.run(`UPDATE ${quoted(table)} SET ${quoted(column)} = ${m.value} WHERE rowid = ${rowid}`);
        break;
      case 'delete':
        db.run(`DELETE FROM ${quoted(table)} WHERE rowid = ${rowid}`);
        break;
      case 'double':
        db.run(`INSERT INTO ${quoted(table)} SELECT * FROM ${quoted(table)} WHERE rowid = ${rowid}`);
        break;
      case 'drop-table':
        db.run(`DROP TABLE ${quoted(table)}`);
        break;
      case 'rename-table':
        db.run(`ALTER TABLE ${quoted(table)} RENAME TO ${quoted(m.name)}`);
        break;
      case 'rename-column':
        db.run(`ALTER TABLE ${quoted(table)} RENAME COLUMN ${quoted(column)} TO ${quoted(m.name)}`);
        break;
      case 'drop-column':
        db.run(`ALTER TABLE ${quoted(table)} DROP COLUMN ${quoted(column)}`);
        break;
    }
  } catch {
    // SQLite refused the change (a name taken, the last column): the database is as it was
  }
}

/** The file's bytes with one change; a page is the database's page size (the header's bytes 16-17). */
function changeBytes(bytes: Uint8Array, m: ByteMutation): Uint8Array {
  const out = Uint8Array.from(bytes);
  const at = (n: number) => n % (out.length + 1);
  switch (m.kind) {
    case 'bytes':
      out.set(m.bytes.subarray(0, out.length - at(m.at)), at(m.at));
      return out;
    case 'header':
      if (m.at < out.length) out[m.at] = m.byte;
      return out;
    case 'zero':
      out.fill(0, at(m.at), at(m.at) + m.length);
      return out;
    case 'page': {
      const size = out.length >= 18 ? out[16] * 256 + out[17] || 65536 : 0;
      const pages = size > 0 ? Math.floor(out.length / size) : 0;
      if (pages < 2) return out;
      const from = (m.from % pages) * size;
      out.copyWithin((m.to % pages) * size, from, from + size);
      return out;
    }
    case 'cut':
      return out.subarray(0, at(m.at));
  }
}

let log: Uint8Array;
beforeAll(async () => {
  const { paths } = await ownLogs(SCENARIO, tmp(), ['ocel-sqlite'], 7);
  log = readFileSync(paths[0]);
});

/** What a file is made of: changes through SQLite, then to its bytes, and discover's arguments. */
type Draw = { rows: RowMutation[]; bytes: ByteMutation[]; args: string[]; kept?: KeptChange[] };

const args = fc.constantFrom<string[]>([], ['--case', 'order']);

const input: fc.Arbitrary<Draw> = fc.record({
  rows: fc.array(rowMutation, { maxLength: 3 }),
  bytes: fc.array(byteMutation, { maxLength: 2 }),
  args,
});

/** The changes OCEL 2.0 allows: a case renamed everywhere, a table's rows reversed, an attribute column added, another page size. */
const keptChange = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), at: index, suffix: fc.constantFrom('_r', '-2', '.b', 'é', ' x') }),
  fc.record({ kind: fc.constant('reverse' as const), table: index }),
  fc.record({ kind: fc.constant('column' as const), table: index, value: fc.constantFrom(...CELLS) }),
  fc.record({ kind: fc.constant('pages' as const), size: fc.constantFrom(512, 1024, 8192, 65536) }),
);
type KeptChange = typeof keptChange extends fc.Arbitrary<infer T> ? T : never;

/** The tables whose names match `glob` (SQLite's GLOB: `_` is itself), by name. */
const tableNames = (db: Database, glob: string) =>
  db.exec(`SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB '${glob}' ORDER BY name`)[0].values.map((v) => String(v[0]));

/** Each of the columns that hold an object's id, as [table, column]. */
function objectIdColumns(db: Database): [string, string][] {
  return [
    ['object', 'ocel_id'],
    ['event_object', 'ocel_object_id'],
    ['object_object', 'ocel_source_id'],
    ['object_object', 'ocel_target_id'],
    ...tableNames(db, 'object_*').flatMap((t): [string, string][] =>
      t.endsWith('_type') || t === 'object_object' ? [] : [[t, 'ocel_id']],
    ),
  ];
}

function keepRows(db: Database, m: KeptChange): void {
  switch (m.kind) {
    case 'rename': {
      const cases = db.exec("SELECT ocel_id FROM object WHERE ocel_type = 'order' ORDER BY rowid")[0].values.map((v) => String(v[0]));
      const id = cases[m.at % cases.length];
      for (const [table, column] of objectIdColumns(db))
        db.run(`UPDATE ${quoted(table)} SET ${quoted(column)} = ? WHERE ${quoted(column)} = ?`, [`${id}${m.suffix}`, id]);
      break;
    }
    case 'reverse': {
      const tables = tableNames(db, '*');
      const table = quoted(tables[m.table % tables.length]);
      db.run(`CREATE TEMP TABLE reversed AS SELECT * FROM ${table} ORDER BY rowid DESC`);
      db.run(`DELETE FROM ${table}`);
      db.run(`INSERT INTO ${table} SELECT * FROM reversed`);
      db.run('DROP TABLE reversed');
      break;
    }
    case 'column': {
      // an event type's table: its other columns are the type's attributes
      const tables = tableNames(db, 'event_*').filter((t) => t !== 'event_object' && t !== 'event_map_type');
      const table = quoted(tables[m.table % tables.length]);
      // a name of its own each time: a second change may add one to the same table
      const column = quoted(`fuzz note ${db.exec(`PRAGMA table_info(${table})`)[0].values.length}`);
      db.run(`ALTER TABLE ${table} ADD COLUMN ${column} TEXT`);
      db.run(`UPDATE ${table} SET ${column} = ${m.value}`);
      break;
    }
    case 'pages':
      db.run(`PRAGMA page_size = ${m.size}`);
      db.run('VACUUM');
      break;
  }
}

const kept: fc.Arbitrary<Draw> = fc
  .record({ kept: fc.array(keptChange, { minLength: 1, maxLength: 3 }), args })
  .map((k) => ({ ...k, rows: [], bytes: [] }));

/** Where a broken time goes: the row of an event type's table, and the text put there. */
const broken: fc.Arbitrary<[Draw, Refusal]> = fc
  .record({ table: index, row: index, value: fc.constantFrom(...NOT_TIMESTAMPS), args })
  .map(({ table, row, value, args }) => {
    const db = new SQL.Database(Uint8Array.from(log));
    const tables = tableNames(db, 'event_*').filter((t) => t !== 'event_object' && t !== 'event_map_type');
    const name = tables[table % tables.length];
    const count = Number(db.exec(`SELECT count(*) FROM ${quoted(name)}`)[0].values[0][0]);
    const columns = db.exec(`PRAGMA table_info(${quoted(name)})`)[0].values.map((v) => String(v[1]));
    // changeRows' place of the table: among all of them, by name
    const all = tableNames(db, '*');
    db.close();
    const offset = row % count;
    const column = columns.indexOf('ocel_time');
    const cell = { kind: 'cell' as const, table: all.indexOf(name), column, row: offset, value: `'${value}'` };
    return [
      { rows: [cell], bytes: [], args },
      { line: offset + 1, col: column + 1, at: `table ${name}, column 'ocel_time'` },
    ];
  });

describe('fuzzing OCEL 2.0 SQLite logs', () => {
  test(`${RUNS} random, kept and broken SQLite logs: discover reads the kept, refuses the broken at their row, in budget`, {
    timeout: fuzzTimeout(),
  }, () => {
    fuzzFiles('sqlite', { input, kept, broken }, (m) => {
      let bytes = log;
      if (m.rows.length > 0 || m.kept) {
        // a copy: sql.js keeps the bytes it is given as its file and writes its changes into them
        const db = new SQL.Database(Uint8Array.from(log));
        for (const r of m.rows) changeRows(db, r);
        for (const k of m.kept ?? []) keepRows(db, k);
        bytes = db.export();
        db.close();
      }
      bytes = m.bytes.reduce(changeBytes, bytes);
      return tryScenarioWriter('discover', join(tmp(), 'log.ocel.sqlite'), bytes, m.args);
    });
  });
});
