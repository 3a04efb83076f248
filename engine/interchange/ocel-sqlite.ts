// The event log as OCEL 2.0 SQLite: the same objects, events, attributes and relationships as
// the JSON form (ocel-log.ts), in OCEL 2.0's relational layout, which ocel-sqlite-reader.ts
// reads back: `event` and `object` (id and type), `event_map_type` and `object_map_type`
// (each type's table name), one `event_MAP` table per activity (ocel_id, ocel_time and the
// attributes lifecycle, enabled, warmup, etom, cost), one `object_MAP` table per object type
// (ocel_id, ocel_time, ocel_changed_field and, for a case, its replication), `event_object`
// and `object_object`.
//
// Invariant: rows are inserted in the order the JSON form lists them (so an event's rowid in
// `event` is its entry's number there), in one transaction; the database is built in sql.js'
// memory (SQLite's pages in the JavaScript heap, outside V8's) and exported as one file at
// close(); every table name is a quoted identifier made from a type name by `tableNames`,
// unique regardless of letter case and never one of OCEL's own tables. The database is at
// most `maxBytes` (LOG_LIMITS.sqliteBytes, what the reader reads back), measured every
// SIZE_CHECK events as it grows and once more before it is written: sql.js holds it whole (and export() copies it), so a long
// run's log would otherwise fail in WebAssembly's memory; past it, an EventLogTooLarge.
import { writeFileSync } from 'node:fs';
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { isoInstant } from './log-dates.js';
import type { EventLogWriter, LogContext, LogEvent } from './log-events.js';
import { ENABLED, QUALIFIER, TEAM, UNIT } from './ocel-log.js';
import { bytesText, LIMITS_VARIABLE } from './log-limits.js';
import { quoted } from './sqlite.js';

/** A simulated log that would be larger than etomsim writes (and reads back) in its format. */
export class EventLogTooLarge extends Error {}

/** Events between two measures of the database's size: a PRAGMA each, a few pages grown between them. */
const SIZE_CHECK = 1024;

/** The time OCEL 2.0 gives an object attribute's first value when it has no other: the Unix epoch. */
const EPOCH = '1970-01-01T00:00:00.000Z';

/** Event attributes, as columns of each event type's table (the JSON form's eventTypes). */
const EVENT_COLUMNS = [
  ['lifecycle', 'TEXT'],
  [ENABLED, 'TIMESTAMP'],
  ['warmup', 'BOOLEAN'],
  ['etom', 'TEXT'],
  ['cost', 'REAL'],
] as const;

/**
 * For each type name, the MAP of its table `PREFIX_MAP`: the name's letters, digits and
 * underscores (as pm4py strips names), `_2`, `_3`... added when that is empty or taken in any
 * letter case (SQLite matches table names so), or would make one of `reserved`.
 */
export function tableNames(types: readonly string[], prefix: string, reserved: readonly string[]): Map<string, string> {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  const names = new Map<string, string>();
  for (const type of types) {
    if (names.has(type)) continue;
    const base = type.replace(/[^A-Za-z0-9_]/g, '') || 'type';
    let map = base;
    for (let n = 2; taken.has(`${prefix}_${map}`.toLowerCase()); n++) map = `${base}_${n}`;
    taken.add(`${prefix}_${map}`.toLowerCase());
    names.set(type, map);
  }
  return names;
}

export class OcelSqliteLogWriter implements EventLogWriter {
  private readonly db: Database;
  private readonly insertEvent: Statement;
  private readonly insertRelation: Statement;
  private readonly insertObject: Statement;
  private readonly insertAttributes = new Map<string, Statement>(); // activity -> its table's insert
  private readonly insertCase = new Map<string, Statement>(); // flow -> its object table's insert
  private readonly eventMaps: Map<string, string>;
  private readonly objectMaps: Map<string, string>;
  private readonly seenCases = new Set<string>(); // the open cases: a case object is written at its first event
  private readonly units = new Map<string, string>(); // unit -> team, in order of first use
  private readonly teamObjects: string[];
  private eventCount = 0;
  private replication = 0;

  constructor(
    SQL: SqlJsStatic,
    private readonly path: string,
    private readonly context: LogContext,
    /** the largest database written, in bytes */
    private readonly maxBytes: number,
    /** the file's name as the user sees it (events/baseline.ocel.sqlite) */
    private readonly name: string,
  ) {
    const { model } = context;
    this.db = new SQL.Database();
    const db = this.db;
    db.run('PRAGMA journal_mode = OFF'); // built once, in memory: nothing to roll back to
    db.run('BEGIN');
    db.run('CREATE TABLE event (ocel_id TEXT, ocel_type TEXT)');
    db.run('CREATE TABLE object (ocel_id TEXT, ocel_type TEXT)');
    db.run('CREATE TABLE event_map_type (ocel_type TEXT, ocel_type_map TEXT)');
    db.run('CREATE TABLE object_map_type (ocel_type TEXT, ocel_type_map TEXT)');
    db.run('CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT)');
    db.run('CREATE TABLE object_object (ocel_source_id TEXT, ocel_target_id TEXT, ocel_qualifier TEXT)');
    const activities = [...new Set(model.nodes.filter((n) => n.duration !== null).map((n) => n.name))];
    this.eventMaps = tableNames(activities, 'event', ['event_map_type', 'event_object']);
    for (const [activity, map] of this.eventMaps) {
      db.run('INSERT INTO event_map_type VALUES (?, ?)', [activity, map]);
      const table = quoted(`event_${map}`);
      db.run(`CREATE TABLE ${table} (ocel_id TEXT, ocel_time TIMESTAMP, ${EVENT_COLUMNS.map(([c, t]) => `${quoted(c)} ${t}`).join(', ')})`);
      this.insertAttributes.set(activity, db.prepare(`INSERT INTO ${table} VALUES (?, ?, ?, ?, ?, ?, ?)`));
    }
    const objectTypes = [...model.flows.map((f) => f.name), TEAM, UNIT];
    this.objectMaps = tableNames(objectTypes, 'object', ['object_map_type', 'object_object']);
    for (const [type, map] of this.objectMaps) {
      db.run('INSERT INTO object_map_type VALUES (?, ?)', [type, map]);
      const flow = type !== TEAM && type !== UNIT;
      const table = quoted(`object_${map}`);
      db.run(`CREATE TABLE ${table} (ocel_id TEXT, ocel_time TIMESTAMP, ocel_changed_field TEXT${flow ? ', replication INTEGER' : ''})`);
      if (flow) this.insertCase.set(type, db.prepare(`INSERT INTO ${table} VALUES (?, ?, NULL, ?)`));
    }
    this.insertEvent = db.prepare('INSERT INTO event VALUES (?, ?)');
    this.insertRelation = db.prepare('INSERT INTO event_object VALUES (?, ?, ?)');
    this.insertObject = db.prepare('INSERT INTO object VALUES (?, ?)');
    this.teamObjects = model.resources.map((r) => `${TEAM}:${r.name}`);
  }

  beginReplication(replication: number): void {
    this.replication = replication;
  }

  event(e: LogEvent): void {
    // the JSON form lists team and unit objects first, then cases: here object rows are
    // written as they come, teams and units at close(); flattening reads types, not order
    if (!this.seenCases.has(e.caseId)) this.writeCase(e.caseId, e.flow, e.time);
    if (this.eventCount % SIZE_CHECK === 0) this.checkSize();
    const id = `e${++this.eventCount}`;
    this.insertEvent.run([id, e.activity]);
    this.insertAttributes.get(e.activity)!.run([id, this.iso(e.time), e.lifecycle, this.iso(e.enabled), e.warmup ? 1 : 0, e.etom, e.cost]);
    this.insertRelation.run([id, e.caseId, QUALIFIER.case]);
    if (e.team !== null) this.insertRelation.run([id, `${TEAM}:${e.team}`, QUALIFIER.team]);
    if (e.unit !== null) {
      this.insertRelation.run([id, `${UNIT}:${e.unit}`, QUALIFIER.unit]);
      if (!this.units.has(e.unit)) this.units.set(e.unit, e.team!);
    }
  }

  caseEnd(caseId: string): void {
    this.seenCases.delete(caseId);
  }

  /** A case open at the horizon that never started a task is an object too, with no event. */
  caseOpen(caseId: string, flow: string, arrival: number): void {
    if (!this.seenCases.has(caseId)) this.writeCase(caseId, flow, arrival);
  }

  private writeCase(caseId: string, flow: string, time: number): void {
    this.seenCases.add(caseId);
    this.insertObject.run([caseId, flow]);
    this.insertCase.get(flow)?.run([caseId, this.iso(time), this.replication + 1]); // none for a flow named like the team or unit type
  }

  endReplication(): void {
    this.seenCases.clear();
  }

  close(): void {
    const db = this.db;
    const teamTable = quoted(`object_${this.objectMaps.get(TEAM)}`);
    const unitTable = quoted(`object_${this.objectMaps.get(UNIT)}`);
    for (const id of this.teamObjects) {
      this.insertObject.run([id, TEAM]);
      db.run(`INSERT INTO ${teamTable} VALUES (?, ?, NULL)`, [id, EPOCH]);
    }
    for (const [unit, team] of this.units) {
      this.insertObject.run([`${UNIT}:${unit}`, UNIT]);
      db.run(`INSERT INTO ${unitTable} VALUES (?, ?, NULL)`, [`${UNIT}:${unit}`, EPOCH]);
      db.run('INSERT INTO object_object VALUES (?, ?, ?)', [`${UNIT}:${unit}`, `${TEAM}:${team}`, QUALIFIER.memberOf]);
    }
    for (const s of [
      this.insertEvent,
      this.insertRelation,
      this.insertObject,
      ...this.insertAttributes.values(),
      ...this.insertCase.values(),
    ])
      s.free();
    this.checkSize(); // the last events, since the last measure
    db.run('COMMIT');
    const bytes = db.export();
    db.close();
    writeFileSync(this.path, bytes);
  }

  /** Refuses a database grown past maxBytes, its memory freed: nothing of it is written. */
  private checkSize(): void {
    const [[pages]] = this.db.exec('PRAGMA page_count')[0].values;
    const [[pageSize]] = this.db.exec('PRAGMA page_size')[0].values;
    if (Number(pages) * Number(pageSize) <= this.maxBytes) return;
    this.db.close(); // its statements with it
    throw new EventLogTooLarge(
      `${this.name}: the simulated log grows past ${bytesText(this.maxBytes)}, the most etomsim writes as OCEL SQLite (it builds the database in memory, and reads back no larger one; ${LIMITS_VARIABLE} lowers the limit); nothing was written. Ask for --event-log ocel (OCEL 2.0 JSON), csv or xes, written as the run is replayed, or for fewer replications' logs (--event-log-replications N)`,
    );
  }

  private iso(instant: number): string {
    return isoInstant(this.context.start, instant);
  }
}
