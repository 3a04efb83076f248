// OCEL 2.0's SQLite form, read and written: etomsim's own log written as OCEL JSON and as
// OCEL SQLite reads back as the same activity instances and discovers the same scenario; a
// log in pm4py's layout, built here with sql.js (quoted and `__proto__` names, qualifiers,
// object attributes that change, an object type without events), flattens as its JSON form
// does; a file that is not OCEL 2.0 SQLite says every problem with its table and row, refuses
// views (one here never ends), generated columns and virtual tables, and a damaged or too
// large file is refused with a plain message: exit 2, nothing written.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import initSqlJs, { type Database } from 'sql.js';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { type EventLog, LogError, TableLogError } from '../../engine/interchange/event-log.js';
import { LOG_LIMITS } from '../../engine/interchange/log-limits.js';
import { tableNames } from '../../engine/interchange/ocel-sqlite.js';
import { readOcelSqliteLog } from '../../engine/interchange/ocel-sqlite-reader.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { TimestampParser } from '../../engine/interchange/timestamps.js';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { ownLogs } from '../support/own-logs.js';

const dir = scratchFolders('etomsim-ocel-sqlite-')();
const SQL = await initSqlJs();

// A desk that pauses its tasks at 20:00 for an hour (a roster), two steps and a choice.
const SCENARIO = `name: Ocel
run: { horizon: 7d, replications: 1, start: "2026-01-05T00:00:00Z" }
resources:
  desk:
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-20:00", capacity: 2 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "21:00-24:00", capacity: 2 }
arrivals: [ { flow: order, rate: 1/h } ]
flows:
  order:
    start: take
    nodes:
      take: { resource: desk, duration: { exponential: { mean: 1h } }, next: route }
      route: { branch: [ { to: check, p: 0.5 }, { to: done, p: 0.5 } ] }
      check: { resource: desk, duration: { exponential: { mean: 2h } }, next: done }
      done: { duration: 0 }
`;

/** Everything the log holds of each activity instance, in the log's order. */
function entries(log: EventLog): string[] {
  return Array.from({ length: log.size }, (_, e) =>
    [
      log.row[e],
      log.cases[log.caseOf[e]],
      log.activities[log.activityOf[e]],
      log.resources[log.resourceOf[e]] ?? '',
      log.roles[log.roleOf[e]] ?? '',
      log.start[e],
      log.end[e],
      log.enabled[e],
      log.offset[e],
      log.suspended[e],
    ].join(' '),
  );
}

/** The instances, whatever their order and rows. */
const instances = (log: EventLog) =>
  entries(log)
    .map((e) => e.replace(/^\d+ /, ''))
    .sort();

test("etomsim's own log as OCEL SQLite reads back as its OCEL JSON: the same entries, notes and discovered scenario", async () => {
  const { names, paths } = await ownLogs(SCENARIO, dir, ['ocel', 'ocel-sqlite'], 3, 2);
  expect(names).toEqual(['events/baseline.ocel.json', 'events/baseline.ocel.sqlite']);
  const [json, sqlite] = await Promise.all(paths.map((f) => readEventLog(f)));
  expect(sqlite.format).toBe('ocel');
  expect(sqlite.size).toBeGreaterThan(200);
  expect(Array.from(sqlite.suspended).some((ms) => ms > 0)).toBe(true);
  // the same entries in the same order, each at the same row (an event's rowid in `event` is its entry's number in JSON)
  expect(entries(sqlite)).toEqual(entries(json));
  expect(sqlite.notes).toEqual(json.notes);
  expect(sqlite.unfinished).toEqual(json.unfinished);
  // etomsim's form (its events relate their case as "case") dates every case object, in either form
  expect([sqlite.showsArrivals, json.showsArrivals]).toEqual([true, true]);
  const yaml = (log: EventLog) => writeScenarioYaml(discover(log, { minShare: 0.05 }), 'events.log');
  expect(yaml(sqlite)).toBe(yaml(json));

  // the layout OCEL 2.0 gives, whole and sound
  const db = new SQL.Database(readFileSync(join(dir, 'baseline.ocel.sqlite')));
  const all = (sql: string) => db.exec(sql)[0]?.values ?? [];
  expect(all('PRAGMA integrity_check')).toEqual([['ok']]);
  expect(all("SELECT name FROM sqlite_master WHERE type <> 'table'")).toEqual([]);
  expect(all("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map(([n]) => n)).toEqual(
    [
      'event',
      'event_check',
      'event_done',
      'event_map_type',
      'event_object',
      'event_take',
      'object',
      'object_map_type',
      'object_object',
      'object_order',
      'object_team',
      'object_unit',
    ].sort(),
  );
  expect(all('SELECT * FROM object_map_type')).toEqual([
    ['order', 'order'],
    ['team', 'team'],
    ['unit', 'unit'],
  ]);
  // each event relates to its case; a team's to its team and unit
  expect(all("SELECT count(*) FROM event_object WHERE ocel_qualifier = 'case'")).toEqual(all('SELECT count(*) FROM event'));
  expect(all("SELECT count(*) FROM event_object WHERE ocel_qualifier = 'performed by'")).toEqual(
    all("SELECT count(*) FROM event_object WHERE ocel_qualifier = 'team'"),
  );
  expect(all('SELECT DISTINCT ocel_qualifier FROM object_object')).toEqual([['member of']]);
  expect(all('SELECT count(*) FROM object_order')).toEqual(all("SELECT count(*) FROM object WHERE ocel_type = 'order'"));
  db.close();
});

test('type names become distinct table names in any letter case, never OCEL 2.0 own tables', () => {
  expect([
    ...tableNames(['check', 'Check', 'map_type', 'object', 'a "b"', '--', '__proto__'], 'event', ['event_map_type', 'event_object']),
  ]).toEqual([
    ['check', 'check'],
    ['Check', 'Check_2'],
    ['map_type', 'map_type_2'],
    ['object', 'object_2'],
    ['a "b"', 'ab'],
    ['--', 'type'],
    ['__proto__', '__proto__'],
  ]);
});

// ---- a log in pm4py's layout ------------------------------------------------------------------

/** An OCEL 2.0 log with several object types, as JSON: the same content as `pm4pyLog` below. */
const JSON_LOG = {
  objectTypes: [],
  eventTypes: [],
  objects: [
    { id: 'o1', type: 'order' },
    { id: '__proto__', type: 'order' },
    { id: 'i1', type: '__proto__' },
    { id: 'bob', type: 'person' },
    { id: 'c1', type: 'customer' },
  ],
  events: [
    {
      id: 'e3',
      type: 'Ship "express"',
      time: '2024-01-08 12:00:00',
      attributes: [{ name: 'org:resource', value: 'ann' }],
      relationships: [
        { objectId: 'o1', qualifier: 'shipped' },
        { objectId: '__proto__', qualifier: 'shipped' },
      ],
    },
    {
      id: 'e1',
      type: 'place order',
      time: '2024-01-08 09:00:00',
      attributes: [],
      relationships: [
        { objectId: 'o1', qualifier: 'order' },
        { objectId: 'i1', qualifier: 'item' },
        { objectId: 'bob', qualifier: 'performed by' },
      ],
    },
    {
      id: 'e2',
      type: 'place order',
      time: '2024-01-08 10:00:00',
      attributes: [],
      relationships: [{ objectId: '__proto__', qualifier: 'order' }],
    },
    { id: 'e4', type: 'pick', time: '2024-01-08 10:30:00', attributes: [], relationships: [{ objectId: 'i1', qualifier: 'item' }] },
    {
      id: '__proto__',
      type: '__proto__',
      time: '2024-01-08T14:00:00+01:00',
      attributes: [
        { name: '__proto__', value: 'x' },
        { name: 'lifecycle', value: 'complete' },
      ],
      relationships: [{ objectId: 'o1', qualifier: 'order' }],
    },
  ],
};

/** The events' types and their tables' MAP, as pm4py's export names them (and one with a quote kept). */
const MAPS: [string, string][] = [
  ['Ship "express"', 'Ship"express'],
  ['place order', 'placeorder'],
  ['pick', 'pick'],
  ['__proto__', '__proto__'],
];

/**
 * JSON_LOG as pm4py's exporter lays it out (its example file's keys and declared types),
 * with object attributes that change over time and a customer type that no event relates
 * to; `edit` runs on the database before it is exported.
 */
function pm4pyLog(edit: (db: Database) => void = () => {}): Buffer {
  const db = new SQL.Database();
  const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
  db.run(`CREATE TABLE "event_map_type" (\`ocel_type\` TEXT, \`ocel_type_map\` TEXT, PRIMARY KEY(\`ocel_type\`));
    CREATE TABLE "object_map_type" (\`ocel_type\` TEXT, \`ocel_type_map\` TEXT, PRIMARY KEY(\`ocel_type\`));
    CREATE TABLE "event" (\`ocel_id\` TEXT, \`ocel_type\` TEXT, PRIMARY KEY(\`ocel_id\`));
    CREATE TABLE "object" (\`ocel_id\` TEXT, \`ocel_type\` TEXT, PRIMARY KEY(\`ocel_id\`));
    CREATE TABLE "event_object" (\`ocel_event_id\` TEXT, \`ocel_object_id\` TEXT, \`ocel_qualifier\` TEXT,
      PRIMARY KEY(\`ocel_event_id\`, \`ocel_object_id\`, \`ocel_qualifier\`));
    CREATE TABLE "object_object" (\`ocel_source_id\` TEXT, \`ocel_target_id\` TEXT, \`ocel_qualifier\` TEXT);`);
  for (const [type, map] of MAPS) {
    db.run('INSERT INTO event_map_type VALUES (?, ?)', [type, map]);
    const extra = type === 'Ship "express"' ? ', "org:resource" TEXT' : type === '__proto__' ? ', "__proto__" TEXT, lifecycle TEXT' : '';
    db.run(`CREATE TABLE ${q(`event_${map}`)} (ocel_id TEXT, ocel_time TIMESTAMP${extra}, PRIMARY KEY(ocel_id))`);
  }
  for (const e of JSON_LOG.events) {
    db.run('INSERT INTO event VALUES (?, ?)', [e.id, e.type]);
    const map = MAPS.find(([t]) => t === e.type)![1];
    const values = [e.id, e.time, ...e.attributes.map((a) => a.value)];
    db.run(`INSERT INTO ${q(`event_${map}`)} VALUES (${values.map(() => '?').join(', ')})`, values);
    for (const r of e.relationships) db.run('INSERT INTO event_object VALUES (?, ?, ?)', [e.id, r.objectId, r.qualifier]);
  }
  for (const type of ['order', '__proto__', 'person', 'customer']) {
    db.run('INSERT INTO object_map_type VALUES (?, ?)', [type, type]);
    db.run(`CREATE TABLE ${q(`object_${type}`)} (ocel_id TEXT, status TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT)`);
  }
  for (const o of JSON_LOG.objects) db.run('INSERT INTO object VALUES (?, ?)', [o.id, o.type]);
  db.run(`INSERT INTO object_order VALUES ('o1', 'new', '1970-01-01 00:00:00', NULL), ('__proto__', 'new', '1970-01-01 00:00:00', NULL),
    ('o1', 'shipped', '2024-01-08 12:00:00', 'status'), ('__proto__', 'shipped', '2024-01-08 12:00:00', 'status');
    INSERT INTO object_customer VALUES ('c1', 'gold', '1970-01-01 00:00:00', NULL), ('c1', 'silver', '2024-06-01 00:00:00', 'status');
    INSERT INTO object_object VALUES ('o1', 'c1', 'placed by'), ('__proto__', 'c1', 'placed by');`);
  edit(db);
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}

let serial = 0;
function file(bytes: Buffer | string, name = `log${serial++}.sqlite`): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function failure(path: string, options = {}): Promise<LogError> {
  const err = await readEventLog(path, options).catch((e: unknown) => e);
  if (err instanceof LogError) return err;
  throw new Error(`expected a LogError, got ${String(err)}`);
}

test("a log in pm4py's layout flattens as its JSON form: qualifiers, quoted and __proto__ names, notes by table and row", async () => {
  const path = file(pm4pyLog(), 'pm4py.sqlite');
  const gz = file(gzipSync(pm4pyLog()), 'pm4py.sqlite.gz');
  const json = file(JSON.stringify(JSON_LOG), 'pm4py.json');
  const log = await readEventLog(path, { columns: { case: 'order' } });
  expect(instances(log)).toEqual(
    [
      `o1 place order bob  NaN ${Date.UTC(2024, 0, 8, 9)} NaN 0 0`,
      `__proto__ place order   NaN ${Date.UTC(2024, 0, 8, 10)} NaN 0 0`,
      `o1 Ship "express" ann  NaN ${Date.UTC(2024, 0, 8, 12)} NaN 0 0`,
      `__proto__ Ship "express" ann  NaN ${Date.UTC(2024, 0, 8, 12)} NaN 0 0`,
      `o1 __proto__   NaN ${Date.UTC(2024, 0, 8, 13)} NaN 60 0`,
    ].sort(),
  );
  expect(instances(log)).toEqual(instances(await readEventLog(json, { columns: { case: 'order' } })));
  expect(instances(await readEventLog(gz, { columns: { case: 'order' } }))).toEqual(instances(log));
  // o1's status changed at 2024-01-08 12:00 (a dated value in pm4py's layout): no arrival, so no form that shows cases by it
  expect(log.showsArrivals).toBe(false);
  // e4 (the pick, the 4th row of table event) relates to no order
  expect(log.notes).toEqual([
    expect.objectContaining({ kind: "events related to no 'order' object", count: 1, example: 'table event, row 4' }),
  ]);
  // the type __proto__ as the cases', and without --case the types are listed as for JSON
  expect(instances(await readEventLog(path, { columns: { case: '__proto__' } }))).toEqual(
    [`i1 place order bob  NaN ${Date.UTC(2024, 0, 8, 9)} NaN 0 0`, `i1 pick   NaN ${Date.UTC(2024, 0, 8, 10, 30)} NaN 0 0`].sort(),
  );
  await expect(readEventLog(path)).rejects.toThrow("the events relate to 'order' (4 events), '__proto__' (2 events), 'person' (1 event)");
});

// pm4py's write_ocel_sqlite (its example_log.sqlite and newocel.sqlite) writes EVENTS, OBJECTS and RELATIONS: four
// "no table" lines told that, the same sentence each time; one sentence now, naming the layout and what to write
test("another layout than OCEL 2.0's (pm4py's own, any database): one sentence, not a line per table missing", async () => {
  const layout = (sql: string) => {
    const db = new SQL.Database();
    db.run(sql);
    const bytes = Buffer.from(db.export());
    db.close();
    return file(bytes);
  };
  const pm4py = layout(`CREATE TABLE EVENTS ("event_id" TEXT, "event_activity" TEXT, "event_timestamp" TIMESTAMP);
    CREATE TABLE OBJECTS ("object_id" TEXT, "object_type" TEXT); CREATE TABLE RELATIONS ("event_id" TEXT, "object_id" TEXT)`);
  expect((await failure(pm4py)).message).toBe(
    `${pm4py}:1:1: pm4py's own SQLite layout (tables EVENTS, OBJECTS and RELATIONS, as pm4py.write_ocel_sqlite writes them), not OCEL 2.0's: write the log with pm4py.write_ocel2_sqlite (or write_ocel2_json) and read that (at file)`,
  );
  const other = layout('CREATE TABLE "Orders" (id INTEGER); CREATE TABLE "Order Details" (id INTEGER)');
  expect((await failure(other)).message).toBe(
    `${other}:1:1: not an OCEL 2.0 SQLite log: none of its tables event, event_map_type, object, event_object (its tables: 'Orders', 'Order Details') (at file)`,
  );
  expect((await failure(layout('CREATE VIEW v AS SELECT 1'))).message).toMatch(/\(it has no table\) \(at file\)$/);
  // one of the four present: each missing one is told, as before
  const one = layout('CREATE TABLE event (ocel_id TEXT, ocel_type TEXT)');
  expect((await failure(one)).message.split('\n').map((line) => /^.*?:1:1: (no table '\w+').* \(at file\)$/.exec(line)?.[1])).toEqual([
    "no table 'event_map_type'",
    "no table 'object'",
    "no table 'event_object'",
  ]);
});

// Each problem in the one form of a placed problem, FILE:ROW:COL: MESSAGE (at WHERE): ROW the row's place in its table (the
// first row of event_object deleted, e98's row is the 8th, its rowid 9), COL the column's among the table's (event___proto__'s
// third). Until session 55 `FILE: table T, row N: MESSAGE`, N the rowid: an old reader fails every line here.
test('a file that is not OCEL 2.0 SQLite: every problem, each with its table, row and column; exit 2 from discover, nothing written', async () => {
  const missing = file(
    pm4pyLog((db) => {
      db.run('DROP TABLE event_object; ALTER TABLE event_pick DROP COLUMN ocel_time; ALTER TABLE object RENAME COLUMN ocel_type TO kind');
    }),
    'missing.sqlite',
  );
  expect((await failure(missing)).message.split('\n')).toEqual([
    `${missing}:1:1: no column 'ocel_type': its columns are 'ocel_id', 'kind'; OCEL 2.0 gives this table ocel_id, ocel_type (at table object)`,
    `${missing}:1:1: no table 'event_object': an OCEL 2.0 SQLite log has the tables event, event_map_type, object, event_object and one event_MAP per event type (MAP: its ocel_type_map) (at file)`,
    `${missing}:1:1: no column 'ocel_time': its columns are 'ocel_id'; OCEL 2.0 gives this table ocel_id, ocel_time (at table event_pick)`,
  ]);

  const rows = file(
    pm4pyLog((db) => {
      db.run(`INSERT INTO event VALUES (NULL, 'pick'), ('e6', 'unknown type'), ('e7', 'pick');
        UPDATE event_placeorder SET ocel_time = 'yesterday' WHERE ocel_id = 'e2';
        UPDATE "event_Ship""express" SET ocel_time = 1704708000 WHERE ocel_id = 'e3';
        UPDATE event___proto__ SET "__proto__" = x'00ff';
        INSERT INTO event_pick VALUES ('e99', '2024-01-08 11:00:00');
        INSERT INTO event_object VALUES ('e98', 'o1', 'order'), ('e1', NULL, 'order');
        DELETE FROM event_object WHERE rowid = 1;`);
    }),
    'rows.sqlite',
  );
  const err = await failure(rows, { columns: { case: 'order' } });
  expect(err).toBeInstanceOf(TableLogError);
  expect(err.message.split('\n')).toEqual([
    `${rows}:6:1: ocel_id is NULL: an id is a non-empty TEXT (or an INTEGER) (at table event, column 'ocel_id')`,
    `${rows}:7:2: event type 'unknown type' (this event) has no row in event_map_type, which names the table of its times (at table event, column 'ocel_type')`,
    `${rows}:1:2: ocel_time holds the number 1704708000; expected ISO 8601 TEXT (at table event_Ship"express, column 'ocel_time')`,
    `${rows}:2:2: ocel_time 'yesterday' is not a timestamp; expected ISO 8601 TEXT (at table event_placeorder, column 'ocel_time')`,
    `${rows}:2:1: event 'e99' is not in table event (at table event_pick, column 'ocel_id')`,
    `${rows}:1:3: '__proto__' holds a BLOB: an OCEL 2.0 attribute is TEXT, a TIMESTAMP, an INTEGER, a REAL or a BOOLEAN (at table event___proto__, column '__proto__')`,
    `${rows}:8:1: event 'e7' has no row in table event_pick: its time is unknown (at table event, row 8)`,
    `${rows}:8:1: event 'e98' is not in table event (at table event_object, column 'ocel_event_id')`,
    `${rows}:9:2: ocel_object_id is NULL: an id is a non-empty TEXT (or an INTEGER) (at table event_object, column 'ocel_object_id')`,
  ]);

  const out = join(dir, 'never.yaml');
  const r = etomsim('discover', rows, '--case', 'order', '--out', out);
  expect(r.status).toBe(2);
  expect(r.stderr).toContain(`${rows}:2:1: event 'e99' is not in table event (at table event_pick, column 'ocel_id')\n`);
  expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  expect(() => readFileSync(out)).toThrow(/ENOENT/);
});

test("a case object's attribute time that is no timestamp is refused at its cell (s59: skipped unsaid, as JSON and XML's)", async () => {
  const path = file(pm4pyLog((db) => db.run("UPDATE object_customer SET ocel_time = 'soon' WHERE status = 'silver'")));
  expect((await failure(path, { columns: { case: 'customer' } })).message).toBe(
    `${path}:2:3: 'soon' is not a timestamp; an object's attribute is dated in ISO 8601 (at table object_customer, column 'ocel_time')`,
  );
  // the cases another type's: its objects' times not read
  expect((await readEventLog(path, { columns: { case: 'order' } })).size).toBe(5);
});

// A refusal of the log that names an entry (discover's single case) places it as the reader's own problems are placed:
// its row of table event as the line. Until session 55 `FILE: table event, row 2: ... (at case)`, out of the form.
test("discover's refusal of a single case: FILE:ROW:1 of the case's first event in table event, as the reader places its rows", () => {
  const db = new SQL.Database();
  db.run(`CREATE TABLE event (ocel_id TEXT, ocel_type TEXT); CREATE TABLE event_map_type (ocel_type TEXT, ocel_type_map TEXT);
    CREATE TABLE event_A (ocel_id TEXT, ocel_time TIMESTAMP); CREATE TABLE object (ocel_id TEXT, ocel_type TEXT);
    CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT);
    INSERT INTO event_map_type VALUES ('A', 'A'); INSERT INTO object VALUES ('c1', 'case');
    INSERT INTO event VALUES ('e0', 'A'), ('e1', 'A'), ('e2', 'A');
    INSERT INTO event_A VALUES ('e0', '2024-01-08 08:00:00'), ('e1', '2024-01-08 09:00:00'), ('e2', '2024-01-08 10:00:00');
    INSERT INTO event_object VALUES ('e1', 'c1', ''), ('e2', 'c1', '');`);
  const single = file(Buffer.from(db.export()), 'single.sqlite');
  db.close();
  const out = join(dir, 'single.yaml');
  const r = etomsim('discover', single, '--case', 'case', '--out', out);
  // e0 relates to no case: the case's first event is e1, the 2nd row of table event
  expect([r.status, r.stderr]).toEqual([
    2,
    `${single}:2:1: the log has a single case ('c1'): arrivals, shares and capacities need many (at table event, row 2)\n`,
  ]);
  expect(() => readFileSync(out)).toThrow(/ENOENT/);
});

test('views, generated columns and virtual tables are refused unread: a view that never ends does not hang the reader', async () => {
  const view = file(
    pm4pyLog((db) => {
      db.run(`DROP TABLE event_pick;
        CREATE VIEW event_pick AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
          SELECT 'e4' AS ocel_id, '2024-01-08 10:30:00' AS ocel_time FROM n;
        ALTER TABLE event_placeorder ADD COLUMN twice AS (ocel_id || ocel_id);
        DROP TABLE object; CREATE VIRTUAL TABLE object USING fts3(ocel_id, ocel_type);`);
    }),
    'view.sqlite',
  );
  expect((await failure(view, { columns: { case: 'order' } })).message.split('\n')).toEqual([
    `${view}:1:1: a virtual table: etomsim reads plain tables only (a virtual table runs its module to be read) (at table object)`,
    `${view}:1:1: a generated column: etomsim reads stored values only (a generated column computes an expression as it is read) (at table event_placeorder)`,
    `${view}:3:2: 'event_pick' is a view, not a table: etomsim reads tables only (a view is a query, run when it is read) (at table event_map_type, column 'ocel_type_map')`,
  ]);
});

test('a damaged or truncated SQLite file, and too many rows, are refused with a plain message', async () => {
  const whole = pm4pyLog();
  for (const bytes of [whole.subarray(0, 4096 * 3), Buffer.concat([whole.subarray(0, 100), Buffer.alloc(whole.length - 100, 0xa5)])]) {
    const path = file(bytes);
    const err = await failure(path, { columns: { case: 'order' } });
    expect(err).toBeInstanceOf(TableLogError);
    expect(err.message).toMatch(
      new RegExp(`^${path}:1:1: SQLite cannot read it: .+ \\(a truncated or damaged file\\?\\) \\(at (table \\S+|file)\\)$`),
    );
    const r = etomsim('discover', path, '--case', 'order', '--out', join(dir, 'damaged.yaml'));
    expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, err.message]);
  }
  const many = file(whole);
  const tooMany = await readOcelSqliteLog(many, whole, { case: 'order' }, new TimestampParser(), { ...LOG_LIMITS, sqliteRows: 5 }).catch(
    (e: unknown) => e,
  );
  expect(tooMany).toBeInstanceOf(TableLogError);
  expect((tooMany as Error).message).toBe(
    `${many}:2:1: more than 5 rows in the tables read, the most etomsim reads from an OCEL SQLite log (at table event, row 2)`,
  );
});

test.runIf(process.platform === 'linux')(
  'a gzip file that inflates beyond 512 MiB is refused by its size, as the other files read whole are',
  () => {
    // gzip members concatenated inflate to their contents concatenated: SQLite's header, then 513 MiB of zeros
    const mib = gzipSync(Buffer.alloc(1 << 20));
    const bomb = Buffer.concat([gzipSync(Buffer.from('SQLite format 3\u0000')), ...Array.from({ length: 513 }, () => mib)]);
    const path = file(bomb, 'bomb.sqlite.gz');
    const r = etomsim('discover', path, '--out', join(dir, 'bomb.yaml'));
    expect(r.status).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `${path}:1:1: cannot read the log: uncompressed, it holds more than 512 MiB, the most etomsim reads as an OCEL SQLite log (at file)`,
    );
  },
);
