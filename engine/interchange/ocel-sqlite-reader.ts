// Reads the SQLite form of an OCEL 2.0 log into the shape of its JSON form (the objects' ids
// and types; the events with their type, time, attributes and relationships), so that one
// reader flattens all three (ocel-log-reader.ts).
//
// The form read (OCEL 2.0's relational layout, as pm4py, Celonis and the OCEL standard's
// examples write it): `event(ocel_id, ocel_type)`; `event_map_type(ocel_type, ocel_type_map)`,
// naming each event type's table `event_MAP`, which holds `ocel_id`, `ocel_time` and one
// column per attribute; `object(ocel_id, ocel_type)`; and `event_object(ocel_event_id,
// ocel_object_id, ocel_qualifier)`. Of the objects' attributes, only their times are read:
// `object_map_type(ocel_type, ocel_type_map)` names each object type's table `object_MAP`,
// whose `ocel_time` dates an object no event relates to (ocel-log-reader.ts); these tables are
// optional (a log without them, or with one that cannot be read as data, dates no object), and
// object-to-object relations (`object_object`) are not read: flattening uses neither.
//
// Invariant: the file is data. Only tables that sqlite_master lists as tables are read (a view is a
// query, which may be recursive and never end; a virtual table runs its module's code; a virtual
// generated column computes an expression per row; triggers never fire on SELECT), each named in
// SQL only as a quoted identifier; every row read counts against limits.sqliteRows (log-limits.ts);
// every problem of the rows read is collected (the first PROBLEMS_TOLD told, placed-line.ts) and thrown together as
// a TableLogError placed by table, row and column, before anything is flattened. A row is its place
// in its table, counted from 1 in rowid order (as `SELECT * FROM TABLE ORDER BY rowid` lists the
// rows: the rowid itself where the rowids run from 1 without a gap; a WITHOUT ROWID table's in its
// key's order), so that it is always a line's number in the one form of a placed problem; an
// event's row is its row in `event`.
import type { Database, SqlValue } from 'sql.js';
import type { ColumnChoice } from './csv-log-reader.js';
import { listedNames } from './listed-names.js';
import { LOG_LIMITS, type LogLimits } from './log-limits.js';
import { type EventLog, type TableProblem, TableLogError, tablePlace } from './event-log.js';
import { wholeNumber } from '../number-format.js';
import { PROBLEMS_TOLD } from '../io/placed-line.js';
import { flatten, OCEL2_NAMES, type OcelEvent } from './ocel-log-reader.js';
import { discardSqlite, quoted, sqlite, sqliteFailure, wasmAborted } from './sqlite.js';
import type { TimestampParser } from './timestamps.js';

/** The columns each table read must have (any letter case, as SQLite matches names). */
const REQUIRED = {
  event: ['ocel_id', 'ocel_type'],
  event_map_type: ['ocel_type', 'ocel_type_map'],
  object: ['ocel_id', 'ocel_type'],
  event_object: ['ocel_event_id', 'ocel_object_id', 'ocel_qualifier'],
  eventType: ['ocel_id', 'ocel_time'],
} as const;

/** A table as sqlite_master names it, its columns as pragma_table_xinfo gives them, and how its rows are numbered. */
interface Table {
  name: string;
  columns: string[];
  /** the name that reads its rowid here ('rowid', else '_rowid_' or 'oid' when a column takes the name), which orders its rows; null: a WITHOUT ROWID table, read in its key's order */
  rowid: string | null;
}

/** SQLite folds the letter case of ASCII names only. */
const folded = (name: string) => name.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/** The tables every OCEL 2.0 SQLite log has (folded); and those of pm4py's own layout. */
const CORE_TABLES = ['event', 'event_map_type', 'object', 'event_object'];
const PM4PY_TABLES = ['events', 'objects', 'relations'];

/** The log in `bytes` (the file's, uncompressed), flattened. */
export async function readOcelSqliteLog(
  file: string,
  bytes: Uint8Array,
  columns: ColumnChoice,
  timestamps: TimestampParser,
  limits: LogLimits = LOG_LIMITS,
): Promise<EventLog> {
  const SQL = await sqlite();
  let db: Database | null = null;
  const reader = new Reader(file, timestamps, limits.sqliteRows);
  try {
    db = new SQL.Database(bytes);
    reader.db = db;
    db.run('PRAGMA trusted_schema = OFF'); // no function with side effects from the schema, defence in depth
    db.run('PRAGMA query_only = ON');
    reader.read();
  } catch (err) {
    const said = sqliteFailure(err);
    if (said === null) throw err;
    if (wasmAborted(err)) discardSqlite();
    throw new TableLogError(file, [
      { table: reader.reading ?? undefined, message: `SQLite cannot read it: ${said} (a truncated or damaged file?)` },
    ]);
  } finally {
    try {
      db?.close();
    } catch {
      // a database SQLite could not read may not close either; its memory goes with the module
    }
  }
  return flatten(
    file,
    {
      objects: reader.objects,
      events: reader.events,
      error: (i, key, message) => new TableLogError(file, [reader.eventProblem(i, key, message)]),
      objectError: (k, j, message) => new TableLogError(file, [reader.objectProblem(k, j, message)]),
      row: (i) => reader.eventRow[i],
      where: (i) => tablePlace({ table: 'event', row: reader.eventRow[i] }).at,
      names: OCEL2_NAMES,
    },
    columns,
    timestamps,
    limits,
  );
}

class Reader {
  db: Database | null = null;
  /** the table being read, for a message when SQLite fails */
  reading: string | null = null;
  readonly events: OcelEvent[] = [];
  readonly eventRow: number[] = [];
  readonly timeTable: string[] = [];
  readonly timeRow: number[] = [];
  /** each table read, by its folded name: where a problem found once it is read (flatten's) puts its column */
  private readonly tablesRead = new Map<string, Table>();
  /** each attribute's time with its table and row, for a problem with it (objectProblem) */
  readonly objects: { id: string; type: string; attributes: { time: string; table: Table; row: number }[] }[] = [];
  private readonly problems: TableProblem[] = [];
  private problemCount = 0;
  private rowsRead = 0;
  /** folded name -> name and SQL of each table sqlite_master lists; and of each view */
  private readonly tables = new Map<string, { name: string; sql: string }>();
  private readonly views = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly timestamps: TimestampParser,
    private readonly maxRows: number,
  ) {}

  /** Reads every table it can (a missing one leaves out only what depends on it), then stops with every problem found. */
  read(): void {
    this.readSchema();
    this.refuseOtherLayout();
    const event = this.table('event', REQUIRED.event);
    const mapType = this.table('event_map_type', REQUIRED.event_map_type);
    const object = this.table('object', REQUIRED.object);
    const eventObject = this.table('event_object', REQUIRED.event_object);
    const maps = mapType === null ? null : this.readMapType(mapType);
    const index = event === null ? null : this.readEvents(event, maps);
    if (index !== null && maps !== null) this.readEventTypes(index, maps);
    if (object !== null) this.readObjects(object);
    if (eventObject !== null && index !== null) this.readRelationships(eventObject, index);
    this.readObjectTimes();
    this.check();
  }

  /**
   * The times of the objects' attributes, from each object type's table (object_map_type names
   * it object_MAP, with ocel_id and ocel_time): optional, so a table missing, not plain (a view,
   * a virtual table, a generated column) or without those columns, and a row whose values are
   * not an object's id and a text, date nothing, and a log read before reads as it did.
   */
  private readObjectTimes(): void {
    const mapType = this.table('object_map_type', REQUIRED.event_map_type, undefined, true);
    if (mapType === null) return;
    const maps = new Set<string>();
    this.eachRow(mapType, [this.named(mapType, 'ocel_type_map')], ([map]) => {
      if (typeof map === 'string' && map !== '') maps.add(folded(`object_${map}`));
    });
    const byId = new Map(this.objects.map((o) => [o.id, o]));
    for (const name of maps) {
      const table = this.table(name, REQUIRED.eventType, undefined, true);
      if (table === null) continue;
      this.eachRow(table, [this.named(table, 'ocel_id'), this.named(table, 'ocel_time')], ([id, at], row) => {
        const o = typeof id === 'string' || typeof id === 'number' ? byId.get(String(id)) : undefined;
        if (o !== undefined && typeof at === 'string') o.attributes.push({ time: at, table, row });
      });
    }
  }

  /** Where the value in `column` (a required column's folded name, or the table's own name of another) of `row` is. */
  private cellPlace(table: Table, row: number, column: string): Omit<TableProblem, 'message'> {
    const name = table.columns.includes(column) ? column : this.named(table, column);
    return { table: table.name, row, column: { name, place: table.columns.indexOf(name) + 1 } };
  }

  /** A problem of the value in `column` of `row` (cellPlace). */
  private cell(table: Table, row: number, column: string, message: string): TableProblem {
    return { ...this.cellPlace(table, row, column), message };
  }

  /**
   * flatten's problem with event `i` (ocel-log-reader.ts), at the value it read: its time at
   * ocel_time in its type's table, its type at ocel_type in `event`, anything else at its row there.
   */
  eventProblem(i: number, key: string | undefined, message: string): TableProblem {
    const times = this.tablesRead.get(folded(this.timeTable[i]));
    if (key === 'time' && times !== undefined) return this.cell(times, this.timeRow[i], 'ocel_time', message);
    const event = this.tablesRead.get('event');
    if (key === 'type' && event !== undefined) return this.cell(event, this.eventRow[i], 'ocel_type', message);
    return { table: 'event', row: this.eventRow[i], message };
  }

  /** flatten's problem with the time of object `k`'s attribute `j`: at its ocel_time. */
  objectProblem(k: number, j: number, message: string): TableProblem {
    const { table, row } = this.objects[k]!.attributes[j]!;
    return this.cell(table, row, 'ocel_time', message);
  }

  private problem(p: TableProblem): void {
    // the first of those not told stands for them (toldProblems): kept with the told
    if (this.problemCount++ <= PROBLEMS_TOLD) this.problems.push(p);
  }

  /** Stops with every problem found so far. */
  private check(): void {
    if (this.problemCount > 0) throw new TableLogError(this.file, this.problems, this.problemCount);
  }

  /**
   * A database with none of OCEL 2.0's four tables is another layout: said once, as what it is
   * (pm4py's write_ocel_sqlite writes EVENTS, OBJECTS and RELATIONS), not as four tables missing.
   */
  private refuseOtherLayout(): void {
    if (CORE_TABLES.some((name) => this.tables.has(name) || this.views.has(name))) return;
    const names = [...this.tables.values()].map((t) => `'${t.name}'`);
    const pm4py = PM4PY_TABLES.every((name) => this.tables.has(name));
    this.problem({
      message: pm4py
        ? "pm4py's own SQLite layout (tables EVENTS, OBJECTS and RELATIONS, as pm4py.write_ocel_sqlite writes them), not OCEL 2.0's: write the log with pm4py.write_ocel2_sqlite (or write_ocel2_json) and read that"
        : `not an OCEL 2.0 SQLite log: none of its tables event, event_map_type, object, event_object (${names.length === 0 ? 'it has no table' : `its tables: ${names.slice(0, 10).join(', ')}${names.length > 10 ? ` and ${names.length - 10} more` : ''}`})`,
    });
    this.check();
  }

  private readSchema(): void {
    this.reading = 'sqlite_master';
    const statement = this.db!.prepare('SELECT type, name, sql FROM sqlite_master');
    try {
      while (statement.step()) {
        const [type, name, sql] = statement.get();
        if (typeof name !== 'string') continue;
        if (type === 'table') this.tables.set(folded(name), { name, sql: typeof sql === 'string' ? sql : '' });
        else if (type === 'view') this.views.set(folded(name), name);
      }
    } finally {
      statement.free();
    }
    this.reading = null;
  }

  /**
   * The table of this name (any letter case) with the columns `required`, or null with the
   * problems said: missing, a view or a virtual table, a required column missing, a generated
   * column. `cause` says why the table is needed, for a table named by another's row;
   * `optional`: null with no problem said, the table not read.
   */
  private table(name: string, required: readonly string[], cause?: Omit<TableProblem, 'message'>, optional = false): Table | null {
    const found = this.tables.get(folded(name));
    const at = cause ?? {};
    // an optional table that cannot be read is no problem of the log: it is not read
    const problem = (p: TableProblem) => {
      if (!optional) this.problem(p);
    };
    if (found === undefined) {
      const view = this.views.get(folded(name));
      problem({
        ...at,
        message:
          view !== undefined
            ? `'${view}' is a view, not a table: etomsim reads tables only (a view is a query, run when it is read)`
            : `no table '${name}': an OCEL 2.0 SQLite log has the tables event, event_map_type, object, event_object and one event_MAP per event type (MAP: its ocel_type_map)`,
      });
      return null;
    }
    if (/^\s*CREATE\s+VIRTUAL\b/i.test(found.sql)) {
      problem({
        table: found.name,
        message: 'a virtual table: etomsim reads plain tables only (a virtual table runs its module to be read)',
      });
      return null;
    }
    this.reading = found.name;
    const columns: string[] = [];
    let generated = false;
    const info = this.db!.prepare('SELECT name, hidden FROM pragma_table_xinfo(?)');
    try {
      info.bind([found.name]);
      while (info.step()) {
        const [column, hidden] = info.get();
        if (typeof column !== 'string') continue;
        if (hidden === 2 || hidden === 3) generated = true;
        columns.push(column);
      }
    } finally {
      info.free();
    }
    if (generated) {
      problem({
        table: found.name,
        message: 'a generated column: etomsim reads stored values only (a generated column computes an expression as it is read)',
      });
      return null;
    }
    const have = new Set(columns.map(folded));
    const missing = required.filter((c) => !have.has(c));
    if (missing.length > 0) {
      problem({
        table: found.name,
        message: `no column ${missing.map((c) => `'${c}'`).join(', ')}: its columns are ${listedNames(columns)}; OCEL 2.0 gives this table ${required.join(', ')}`,
      });
      return null;
    }
    const alias = ['rowid', '_rowid_', 'oid'].find((a) => !have.has(a)) ?? null;
    let rowid: string | null = null;
    if (alias !== null) {
      try {
        this.db!.prepare(`SELECT ${alias} FROM ${quoted(found.name)} LIMIT 0`).free();
        rowid = alias;
      } catch {
        // WITHOUT ROWID: rows are numbered by their position
      }
    }
    this.reading = null;
    const table = { name: found.name, columns, rowid };
    this.tablesRead.set(folded(found.name), table);
    return table;
  }

  /** Calls `each` with the values of `wanted` (names as the table has them) and the row's place, from 1, in rowid order. */
  private eachRow(table: Table, wanted: readonly string[], each: (values: SqlValue[], row: number) => void): void {
    this.reading = table.name;
    const select = wanted.map(quoted).join(', ');
    const statement = this.db!.prepare(
      `SELECT ${select} FROM ${quoted(table.name)}${table.rowid === null ? '' : ` ORDER BY ${table.rowid}`}`,
    );
    try {
      let position = 0;
      while (statement.step()) {
        position++;
        if (++this.rowsRead > this.maxRows)
          throw new TableLogError(this.file, [
            {
              table: table.name,
              row: position,
              message: `more than ${wholeNumber(this.maxRows)} rows in the tables read, the most etomsim reads from an OCEL SQLite log`,
            },
          ]);
        each(statement.get(), position);
      }
    } finally {
      statement.free();
    }
    this.reading = null;
  }

  /** The table's own name of a required column (matched in any letter case). */
  private named(table: Table, column: string): string {
    return table.columns.find((c) => folded(c) === column)!;
  }

  /** An id as text: TEXT, or an INTEGER written as digits; null (with the problem said) otherwise. */
  private id(value: SqlValue, table: Table, row: number, column: string): string | null {
    if (typeof value === 'string' && value !== '') return value;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    this.problem(this.cell(table, row, column, `${column} ${described(value)}: an id is a non-empty TEXT (or an INTEGER)`));
    return null;
  }

  /** A type name: non-empty TEXT; null (with the problem said) otherwise. */
  private text(value: SqlValue, table: Table, row: number, column: string): string | null {
    if (typeof value === 'string' && value !== '') return value;
    this.problem(this.cell(table, row, column, `${column} ${described(value)}: a type is a non-empty TEXT`));
    return null;
  }

  /** event type -> its table's name (event_MAP) and the row of event_map_type that says it */
  private readMapType(table: Table): Map<string, { map: string; row: number }> {
    const maps = new Map<string, { map: string; row: number }>();
    this.eachRow(table, [this.named(table, 'ocel_type'), this.named(table, 'ocel_type_map')], ([typeValue, mapValue], row) => {
      const type = this.text(typeValue, table, row, 'ocel_type');
      const map = this.text(mapValue, table, row, 'ocel_type_map');
      if (type === null || map === null) return;
      const before = maps.get(type);
      if (before !== undefined && before.map !== map)
        this.problem(
          this.cell(
            table,
            row,
            'ocel_type_map',
            `event type '${type}' is mapped twice: to '${before.map}' (row ${before.row}) and to '${map}'`,
          ),
        );
      else if (before === undefined) maps.set(type, { map, row });
    });
    return maps;
  }

  /** The events of table `event`, in its rowid order, and each id's index among them. */
  private readEvents(table: Table, maps: Map<string, { map: string; row: number }> | null): Map<string, number> {
    const index = new Map<string, number>();
    const unmapped = new Map<string, { row: number; count: number }>();
    this.eachRow(table, [this.named(table, 'ocel_id'), this.named(table, 'ocel_type')], ([idValue, typeValue], row) => {
      const id = this.id(idValue, table, row, 'ocel_id');
      const type = this.text(typeValue, table, row, 'ocel_type');
      if (id === null || type === null) return;
      const before = index.get(id);
      if (before !== undefined) {
        this.problem(this.cell(table, row, 'ocel_id', `event '${id}' is listed twice (first at row ${this.eventRow[before]})`));
        return;
      }
      if (maps !== null && !maps.has(type)) {
        const seen = unmapped.get(type);
        if (seen === undefined) unmapped.set(type, { row, count: 1 });
        else seen.count++;
      }
      index.set(id, this.events.length);
      this.events.push({ id, type, time: undefined, attributes: [], relationships: [] });
      this.eventRow.push(row);
      this.timeTable.push('');
      this.timeRow.push(Number.NaN); // none yet
    });
    for (const [type, { row, count }] of unmapped)
      this.problem(
        this.cell(
          table,
          row,
          'ocel_type',
          `event type '${type}' (${count === 1 ? 'this event' : `${wholeNumber(count)} events, the first here`}) has no row in event_map_type, which names the table of its times`,
        ),
      );
    return index;
  }

  /** Each event type's table: its events' times and attributes. Types that share a table (two names mapped alike) read it once. */
  private readEventTypes(index: Map<string, number>, maps: Map<string, { map: string; row: number }>): void {
    const used = new Set(this.events.map((e) => e.type as string));
    /** folded table name -> the types whose events it holds */
    const tableTypes = new Map<string, { name: string; types: Set<string>; cause: Omit<TableProblem, 'message'> }>();
    const mapType = this.tablesRead.get('event_map_type')!; // maps were read from it
    for (const [type, { map, row }] of maps) {
      if (!used.has(type)) continue; // a type without events needs no table
      const name = `event_${map}`;
      const entry = tableTypes.get(folded(name));
      if (entry === undefined)
        tableTypes.set(folded(name), { name, types: new Set([type]), cause: this.cellPlace(mapType, row, 'ocel_type_map') });
      else entry.types.add(type);
    }
    const read = new Set<string>(); // the types whose table was read
    for (const { name, types, cause } of tableTypes.values()) {
      const table = this.table(name, REQUIRED.eventType, cause);
      if (table === null) continue;
      for (const type of types) read.add(type);
      const id = this.named(table, 'ocel_id');
      const time = this.named(table, 'ocel_time');
      const attributes = table.columns.filter((c) => c !== id && c !== time);
      this.eachRow(table, [id, time, ...attributes], (values, row) => {
        const eventId = this.id(values[0], table, row, 'ocel_id');
        if (eventId === null) return;
        const i = index.get(eventId);
        if (i === undefined) {
          this.problem(this.cell(table, row, 'ocel_id', `event '${eventId}' is not in table event`));
          return;
        }
        const event = this.events[i];
        if (!types.has(event.type as string)) {
          this.problem(
            this.cell(
              table,
              row,
              'ocel_id',
              `event '${eventId}' is of type '${event.type}' (table event, row ${this.eventRow[i]}), whose times are not in this table`,
            ),
          );
          return;
        }
        if (!Number.isNaN(this.timeRow[i])) {
          this.problem(this.cell(table, row, 'ocel_id', `event '${eventId}' has two rows here (the first is row ${this.timeRow[i]})`));
          return;
        }
        this.timeTable[i] = table.name;
        this.timeRow[i] = row;
        const at = values[1];
        if (typeof at !== 'string' || this.timestamps.parse(at) === null) {
          this.problem(
            this.cell(
              table,
              row,
              'ocel_time',
              `ocel_time ${typeof at === 'string' ? `'${at.slice(0, 40)}' is not a timestamp` : described(at)}; expected ISO 8601 TEXT`,
            ),
          );
          return;
        }
        event.time = at;
        for (let a = 0; a < attributes.length; a++) {
          const value = values[a + 2];
          if (value === null) continue;
          if (value instanceof Uint8Array) {
            this.problem(
              this.cell(
                table,
                row,
                attributes[a],
                `'${attributes[a]}' holds a BLOB: an OCEL 2.0 attribute is TEXT, a TIMESTAMP, an INTEGER, a REAL or a BOOLEAN`,
              ),
            );
            continue;
          }
          event.attributes!.push({ name: attributes[a], value });
        }
      });
    }
    for (let i = 0; i < this.events.length; i++) {
      const event = this.events[i];
      if (Number.isNaN(this.timeRow[i]) && read.has(event.type as string))
        this.problem({
          table: 'event',
          row: this.eventRow[i],
          message: `event '${event.id}' has no row in table event_${maps.get(event.type as string)!.map}: its time is unknown`,
        });
    }
  }

  private readObjects(table: Table): void {
    const seen = new Map<string, number>();
    this.eachRow(table, [this.named(table, 'ocel_id'), this.named(table, 'ocel_type')], ([idValue, typeValue], row) => {
      const id = this.id(idValue, table, row, 'ocel_id');
      const type = this.text(typeValue, table, row, 'ocel_type');
      if (id === null || type === null) return;
      const before = seen.get(id);
      if (before !== undefined) {
        this.problem(this.cell(table, row, 'ocel_id', `object '${id}' is listed twice (first at row ${before})`));
        return;
      }
      seen.set(id, row);
      this.objects.push({ id, type, attributes: [] });
    });
  }

  /** event_object, in rowid order: each event's relationships in the order they were written. Objects unknown to table object relate the event to no type (as in JSON). */
  private readRelationships(table: Table, index: Map<string, number>): void {
    const columns = ['ocel_event_id', 'ocel_object_id', 'ocel_qualifier'].map((c) => this.named(table, c));
    this.eachRow(table, columns, ([eventValue, objectValue, qualifier], row) => {
      const eventId = this.id(eventValue, table, row, 'ocel_event_id');
      const objectId = this.id(objectValue, table, row, 'ocel_object_id');
      if (eventId === null || objectId === null) return;
      const i = index.get(eventId);
      if (i === undefined) {
        this.problem(this.cell(table, row, 'ocel_event_id', `event '${eventId}' is not in table event`));
        return;
      }
      if (qualifier instanceof Uint8Array) {
        this.problem(this.cell(table, row, 'ocel_qualifier', 'ocel_qualifier holds a BLOB: a qualifier is TEXT'));
        return;
      }
      this.events[i].relationships!.push({ objectId, qualifier: qualifier === null ? '' : String(qualifier) });
    });
  }
}

/** A value said in a message: NULL, a BLOB, a number, or the empty text. */
function described(value: SqlValue): string {
  if (value === null) return 'is NULL';
  if (value instanceof Uint8Array) return 'holds a BLOB';
  if (typeof value === 'number') return `holds the number ${value}`;
  return value === '' ? 'is empty' : `holds '${value.slice(0, 40)}'`;
}
