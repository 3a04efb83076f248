// Reads an OCEL log (object-centric), 2.0 as JSON, XML or SQLite and 1.0 as JSON or XML,
// flattened on one object type: each object of that type is a case, and each event related to
// it is an event of that case (an event related to two such objects is in both). Invariant:
// events are given to the builder in time order (an OCEL file need not list them so, and
// lifecycle pairing needs it), each with the place it was read from (a note's "row N": the Nth
// entry of `events` in JSON, its line in XML, its row of table `event` in SQLite; an error's
// line and column in the text, or its table and row). JSON is parsed whole, not streamed:
// memory holds its text and its objects while it is read; XML is streamed (ocel-xml.ts) and
// SQLite read table by table (ocel-sqlite-reader.ts) into the same shape, which `flatten`
// turns into the log; OCEL 1.0 JSON's maps are turned into that shape here (ocel1Source).
//
// What is read from where: the activity is the event's `type` (1.0: `ocel:activity`), the time
// its `time` (1.0: `ocel:timestamp`); its objects its relationships (1.0: `ocel:omap`, without
// qualifiers) and its attributes `attributes` (1.0: `ocel:vmap`); the
// lifecycle its `lifecycle` or `lifecycle:transition` attribute (without one, an event is a
// completion); the resource its `org:resource` or `resource` attribute, else the object it
// relates to as "performed by"; the team its `org:role`, `org:group` or `team` attribute,
// else the object it relates to as "team"; the enabling time its `enabled` attribute.
// An object of the case type no event relates to is a case shown by its arrival alone, dated
// by its attributes' earliest time (2.0's only: 1.0 dates no object). etomsim's own OCEL (its
// case objects related as "case", teams and units with ids "team:NAME" and "unit:NAME") reads
// back as its CSV and XES do.
import type { ColumnChoice } from './csv-log-reader.js';
import { EventLogBuilder, LogError, type EventLog } from './event-log.js';
import { WHOLE_FILE } from '../io/placed-line.js';
import { listedNames } from './listed-names.js';
import { DistinctActivities, LOG_LIMITS, type LogLimits, tooManyActivities, tooManyEvents, tooManyHeld } from './log-limits.js';
import type { Instant, TimestampParser } from './timestamps.js';
import { duplicateKey, duplicateKeyMessage, locateInJson, readJson } from '../io/json-source.js';
import { counted } from '../plural.js';
import { readOcelXml } from './ocel-xml.js';
import { ENABLED, QUALIFIER, TEAM, UNIT } from './ocel-log.js';

export interface OcelRelationship {
  objectId?: unknown;
  qualifier?: unknown;
}
export interface OcelEvent {
  id?: unknown;
  type?: unknown;
  time?: unknown;
  attributes?: { name?: unknown; value?: unknown }[];
  relationships?: OcelRelationship[];
}

const LIFECYCLE = ['lifecycle', 'lifecycle:transition'];
const RESOURCE = ['org:resource', 'resource'];
const ROLE = ['org:role', 'org:group', 'team'];

/**
 * An object as flattening reads it: its id, its type, and its attributes' times (OCEL 2.0 dates
 * each value of an object's attribute), which date an object no event relates to.
 */
export interface OcelObject {
  id?: unknown;
  type?: unknown;
  attributes?: { time?: unknown }[];
}

/** An OCEL 2.0 document as read from JSON, XML or SQLite: what flattening needs, and where each event was read from. */
export interface OcelSource {
  objects: unknown[];
  events: OcelEvent[];
  /** the error of a problem with events[i] (or its key), placed where it was read */
  error(i: number, key: string | undefined, message: string): LogError;
  /** the error of a problem with the time of objects[k]'s attribute j (OCEL 2.0), placed where it was read */
  objectError(k: number, j: number, message: string): LogError;
  /** the row a note gives events[i]: its entry's number in JSON, its line in XML (as XES' notes give theirs), its row of table `event` in SQLite */
  row(i: number): number;
  /** where a note says events[i] is ("row 4", "table event, row 4") */
  where(i: number): string;
  /** what the form calls an event's type and time, for a message: OCEL 2.0's 'type' and 'time', 1.0's 'activity' and 'timestamp' */
  names: { type: string; time: string };
}

/** OCEL 2.0's names of an event's type and time (JSON, XML and SQLite alike) */
export const OCEL2_NAMES = { type: 'type', time: 'time' };

/** A placed error of a text form: line and column, and the event's path in the JSON document's terms. */
function textError(file: string, place: (i: number, key?: string) => { line: number; col: number }) {
  return (i: number, key: string | undefined, message: string): LogError => {
    const at = place(i, key);
    return new LogError(file, at.line, at.col, message, `events[${i}]${key === undefined ? '' : `.${key}`}`);
  };
}

export function readOcelLog(
  file: string,
  text: string,
  columns: ColumnChoice,
  timestamps: TimestampParser,
  limits: LogLimits = LOG_LIMITS,
): EventLog {
  const read = readJson(text);
  if (read.syntax !== null)
    throw new LogError(file, read.syntax.line, read.syntax.col, `not well-formed JSON: ${read.syntax.message}`, 'OCEL');
  // JSON.parse keeps a key's last value, another reader may its first: an event's second `type`
  // or OCEL 1.0's event id listed twice (one event lost) is refused, as a scenario's key is
  const twice = duplicateKey(text, read.keys);
  if (twice !== null) throw new LogError(file, twice.at.line, twice.at.col, duplicateKeyMessage(twice), jsonPath(twice.path));
  const doc = read.value as Record<string, unknown> | null;
  const eventMap = isMap(doc) ? doc[OCEL1.events] : undefined;
  const objectMap = isMap(doc) ? doc[OCEL1.objects] : undefined;
  if (isMap(eventMap) && isMap(objectMap)) return flatten(file, ocel1Source(file, text, eventMap, objectMap), columns, timestamps, limits);
  if (doc === null || typeof doc !== 'object' || !Array.isArray(doc.objects) || !Array.isArray(doc.events))
    throw new LogError(
      file,
      1,
      1,
      "a JSON log must be OCEL: 2.0's object with the lists 'objects' and 'events', or 1.0's with the maps 'ocel:events' and 'ocel:objects'",
      WHOLE_FILE,
    );
  return flatten(
    file,
    {
      objects: doc.objects,
      events: doc.events as OcelEvent[],
      // scanned only for an error
      error: textError(file, (i, key) => locateInJson(text, [key === undefined ? ['events', i] : ['events', i, key]])[0]),
      objectError: (k, j, message) => {
        const at = locateInJson(text, [['objects', k, 'attributes', j, 'time']])[0];
        return new LogError(file, at.line, at.col, message, `objects[${k}].attributes[${j}].time`);
      },
      row: (i) => i + 1,
      where: (i) => `row ${i + 1}`,
      names: OCEL2_NAMES,
    },
    columns,
    timestamps,
    limits,
  );
}

/**
 * Where entry `row` of an OCEL JSON log (its events' `row`: the event's number in `events`, or
 * in 1.0's `ocel:events` in JSON.parse's order of its keys) is in the text, and its path; for a
 * refusal that names the entry (entry-place.ts), from the text read again.
 */
export function ocelJsonEntryPlace(text: string, row: number): { line: number; col: number; at: string } {
  const read = readJson(text);
  const doc = read.value as Record<string, unknown> | undefined;
  const eventMap = isMap(doc) ? doc[OCEL1.events] : undefined;
  const id = isMap(eventMap) && isMap(doc![OCEL1.objects]) ? Object.keys(eventMap)[row - 1] : undefined;
  const path = id === undefined ? ['events', row - 1] : [OCEL1.events, id];
  const at = locateInJson(text, [path])[0];
  return { line: at.line, col: at.col, at: id === undefined ? `events[${row - 1}]` : `${OCEL1.events}.${id}` };
}

/** A path in a JSON document as an OCEL JSON entry's is written: `events[3].time`, `ocel:events.e1`. */
function jsonPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** OCEL 1.0 JSON's names (JSON-OCEL, as the OCEL standard's ocel-support and pm4py write it). */
const OCEL1 = {
  events: 'ocel:events',
  objects: 'ocel:objects',
  activity: 'ocel:activity',
  timestamp: 'ocel:timestamp',
  omap: 'ocel:omap',
  vmap: 'ocel:vmap',
  type: 'ocel:type',
} as const;

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * An OCEL 1.0 JSON document in OCEL 2.0's shape: 'ocel:events' maps an event's id to its
 * 'ocel:activity', 'ocel:timestamp', 'ocel:omap' (the ids of its objects: relationships without
 * a qualifier) and 'ocel:vmap' (its attributes); 'ocel:objects' maps an object's id to its
 * 'ocel:type'. Entries in the order JSON.parse lists a map's keys: the file's, but for ids that
 * are whole numbers, which come first in increasing order (JavaScript's order of an object's
 * keys); this only orders events of equal time.
 */
function ocel1Source(file: string, text: string, eventMap: Record<string, unknown>, objectMap: Record<string, unknown>): OcelSource {
  const ids = Object.keys(eventMap);
  /** OCEL 2.0's key of an event, as OCEL 1.0 names it, for a placed message */
  const keyIn1 = (key: string | undefined) =>
    key === 'type'
      ? OCEL1.activity
      : key === 'time'
        ? OCEL1.timestamp
        : key === 'attributes'
          ? OCEL1.vmap
          : key === 'relationships'
            ? OCEL1.omap
            : key;
  const error = (i: number, key: string | undefined, message: string) => {
    const k = keyIn1(key);
    const at = locateInJson(text, [k === undefined ? [OCEL1.events, ids[i]] : [OCEL1.events, ids[i], k]])[0];
    return new LogError(file, at.line, at.col, message, `${OCEL1.events}.${ids[i]}${k === undefined ? '' : `.${k}`}`);
  };
  const events: OcelEvent[] = ids.map((id, i) => {
    const e = eventMap[id];
    if (!isMap(e)) return e as OcelEvent; // refused by flatten, placed at its entry
    const omap = e[OCEL1.omap];
    const vmap = e[OCEL1.vmap];
    // a malformed map or list is refused, not read as none (its event would be left out unsaid)
    if (vmap !== undefined && !isMap(vmap)) throw error(i, 'attributes', `'${OCEL1.vmap}' must be a map of attribute names to values`);
    if (omap !== undefined && !Array.isArray(omap)) throw error(i, 'relationships', `'${OCEL1.omap}' must be a list of object ids`);
    return {
      id,
      type: e[OCEL1.activity],
      time: e[OCEL1.timestamp],
      attributes: vmap === undefined ? [] : Object.keys(vmap).map((name) => ({ name, value: vmap[name] })),
      relationships: (omap ?? []).map((objectId) => ({ objectId, qualifier: '' })),
    };
  });
  const objects = Object.keys(objectMap).map((id) => {
    const o = objectMap[id];
    return { id, type: isMap(o) ? o[OCEL1.type] : undefined };
  });
  return {
    objects,
    events,
    error,
    // OCEL 1.0 dates no object (its objects are read without attributes)
    objectError: (k, _j, message) => new LogError(file, 1, 1, message, `${OCEL1.objects}.${objects[k]!.id}`),
    row: (i) => i + 1,
    where: (i) => `event '${ids[i]}'`,
    names: { type: OCEL1.activity, time: OCEL1.timestamp },
  };
}

/** The XML form of OCEL 2.0, streamed (ocel-xml.ts), read as the JSON form is. */
export async function readOcelXmlLog(
  file: string,
  chunks: AsyncIterable<string>,
  columns: ColumnChoice,
  timestamps: TimestampParser,
  limits: LogLimits = LOG_LIMITS,
): Promise<EventLog> {
  const doc = await readOcelXml(file, chunks, limits);
  return flatten(
    file,
    {
      objects: doc.objects,
      events: doc.events,
      // at a value's own element where it has one (OCEL 1.0's activity and timestamp), else at the event's
      error: textError(file, (i, key) => (key === 'type' || key === 'time' ? doc.events[i].places[key] : undefined) ?? doc.events[i]),
      objectError: (k, j, message) => {
        const at = doc.objects[k]!.attributes[j]!;
        return new LogError(file, at.line, at.col, message, `object '${doc.objects[k]!.id}'`);
      },
      row: (i) => doc.events[i].line,
      where: (i) => `row ${doc.events[i].line}`,
      names: doc.version === '1.0' ? { type: 'activity', time: 'timestamp' } : OCEL2_NAMES,
    },
    columns,
    timestamps,
    limits,
  );
}

export function flatten(file: string, source: OcelSource, columns: ColumnChoice, timestamps: TimestampParser, limits: LogLimits): EventLog {
  const fail = (i: number, key: string | undefined, message: string): never => {
    throw source.error(i, key, message);
  };
  if (source.events.length > limits.held) fail(limits.held, undefined, tooManyHeld(limits.held));
  const typeOf = new Map<string, string>();
  for (const o of source.objects as OcelObject[]) {
    if (o !== null && typeof o === 'object' && typeof o.id === 'string' && typeof o.type === 'string') typeOf.set(o.id, o.type);
  }
  const events = source.events;
  const caseType = columns.case ?? defaultCaseType(file, events, typeOf);
  if (![...typeOf.values()].includes(caseType))
    throw new LogError(
      file,
      1,
      1,
      `no object type '${caseType}' for --case; the types are ${listedNames([...new Set(typeOf.values())])}`,
      'objects',
    );

  // Events in time order (stable: the file's order among equal times).
  const times: (Instant | null)[] = events.map((e, i) => {
    if (e === null || typeof e !== 'object') return fail(i, undefined, 'an event must be an object');
    if (typeof e.type !== 'string' || e.type === '')
      return fail(
        i,
        'type',
        e.type === undefined || e.type === null || e.type === ''
          ? `an event without '${source.names.type}': every event needs an activity`
          : `'${source.names.type}' is ${typeof e.type === 'object' ? (Array.isArray(e.type) ? 'a list' : 'an object') : `the ${typeof e.type} ${String(e.type)}`}: an activity is a text`,
      );
    // (JSON's alone can be otherwise: XML and SQLite are read into lists)
    if (e.attributes !== undefined && !Array.isArray(e.attributes))
      return fail(i, 'attributes', "'attributes' must be a list of {name, value}");
    if (e.relationships !== undefined && !Array.isArray(e.relationships))
      return fail(i, 'relationships', "'relationships' must be a list of {objectId, qualifier}");
    const t = typeof e.time === 'string' ? timestamps.parse(e.time) : null;
    if (t === null)
      return fail(
        i,
        'time',
        `${typeof e.time === 'string' ? `'${e.time.slice(0, 40)}' is not a timestamp` : `an event without '${source.names.time}'`}; expected ISO 8601`,
      );
    return t;
  });
  const order = events.map((_, i) => i).sort((a, b) => times[a]!.ms - times[b]!.ms || a - b);

  // the events kept are counted here, to be placed as the source places an event
  const builder = new EventLogBuilder(file, 'ocel', Number.POSITIVE_INFINITY);
  const activities = new DistinctActivities(limits.activities);
  let kept = 0;
  const withEvents = new Set<string>();
  let unrelated = 0;
  let firstUnrelated = 0;
  /** an event relates its case object as "case": etomsim's own OCEL, which dates every case object (addUndatedCases) */
  let relatedAsCase = false;
  const resourceNames = columns.resource === undefined ? RESOURCE : [columns.resource];
  const roleNames = columns.role === undefined ? ROLE : [columns.role];
  const cases = new Set<string>(); // an event's case objects, each once, in the order it relates them
  for (const i of order) {
    const e = events[i];
    cases.clear();
    let asCase = false;
    for (const r of e.relationships ?? []) {
      if (r === null || typeof r !== 'object' || typeof r.objectId !== 'string' || typeOf.get(r.objectId) !== caseType) continue;
      cases.add(r.objectId);
      if (r.qualifier === QUALIFIER.case) asCase = true;
    }
    if (cases.size === 0) {
      if (unrelated++ === 0) firstUnrelated = i;
      continue;
    }
    if (asCase) relatedAsCase = true;
    const enabledText = attributeText(e, ENABLED_NAMES, i, fail);
    const enabled = enabledText === '' ? null : timestamps.parse(enabledText);
    // refused as the CSV and XES readers refuse a bad enabled time, not read as none unsaid
    if (enabled === null && enabledText !== '')
      fail(i, 'attributes', `attribute '${ENABLED}': '${enabledText.slice(0, 40)}' is not a timestamp; expected ISO 8601`);
    const activity = e.type as string;
    if (!activities.admits(activity)) fail(i, 'type', tooManyActivities(activities.max));
    const resource = attributeText(e, resourceNames, i, fail) || relatedId(e, QUALIFIER.unit, UNIT_PREFIX);
    const role = attributeText(e, roleNames, i, fail) || relatedId(e, QUALIFIER.team, TEAM_PREFIX);
    const row = source.row(i);
    const transition = attributeText(e, LIFECYCLE, i, fail);
    for (const c of cases) {
      withEvents.add(c);
      if (++kept > limits.events) fail(i, undefined, tooManyEvents(limits.events));
      // one object literal an event, not a spread of a common part (csv-log-reader.ts' addRow)
      if (transition === '') builder.add({ caseId: c, activity, resource, role, flow: '', enabled, row, start: null, end: times[i]! });
      else builder.addTransition({ caseId: c, activity, resource, role, flow: '', enabled, row, at: times[i]! }, transition);
    }
  }
  if (unrelated > 0)
    builder.note(
      `events related to no '${caseType}' object`,
      `event related to no '${caseType}' object`,
      `left out: the log is read as the cases of type '${caseType}' (--case TYPE names another)`,
      source.where(firstUnrelated),
      unrelated,
    );
  addUndatedCases(source, caseType, withEvents, relatedAsCase, timestamps, builder);
  return builder.finish({ case: `object type ${caseType}`, activity: 'event type', end: 'time', lifecycle: LIFECYCLE.join(', else ') });
}

const ENABLED_NAMES = [ENABLED];
const UNIT_PREFIX = `${UNIT}:`;
const TEAM_PREFIX = `${TEAM}:`;

/**
 * The value of event `e`'s first attribute (of those named `names`, in their order) that it has and gives a value, as
 * text; '' where none does. One whose value is a list or an object is refused (`fail`, at event `i`). Functions of
 * their own, these two, not closures made per event (session 61).
 */
function attributeText(
  e: OcelEvent,
  names: readonly string[],
  i: number,
  fail: (i: number, key: string, message: string) => never,
): string {
  for (const name of names) {
    let a: { name?: unknown; value?: unknown } | undefined;
    for (const x of e.attributes ?? [])
      if (x !== null && typeof x === 'object' && x.name === name) {
        a = x;
        break;
      }
    if (a === undefined || a.value === null || a.value === undefined || a.value === '') continue;
    if (typeof a.value === 'object')
      fail(
        i,
        'attributes',
        `attribute '${name}' is ${Array.isArray(a.value) ? 'a list' : 'an object'}; etomsim reads it as one value (a text or a number)`,
      );
    return String(a.value);
  }
  return '';
}

/** The id of the first object event `e` relates with `qualifier`, less `prefix` where it starts with it; '' where none. */
function relatedId(e: OcelEvent, qualifier: string, prefix: string): string {
  for (const r of e.relationships ?? [])
    if (r !== null && typeof r === 'object' && r.qualifier === qualifier) {
      const id = typeof r.objectId === 'string' ? r.objectId : '';
      return id.startsWith(prefix) ? id.slice(prefix.length) : id;
    }
  return '';
}

/**
 * OCEL 2.0 dates an object's initial values at 1970-01-01T00:00:00, which dates no arrival: read
 * in any time zone (--timezone, or an offset written with it), it is within a day of the epoch.
 */
const INITIAL_VALUES_WITHIN_MS = 86_400_000;

/**
 * The objects of the case type that no event relates to, each dated by the earliest of its
 * attributes' times: cases the log shows by their arrival alone (EventLog.waiting), as XES'
 * traces with no event but an `arrival` are. etomsim writes a case open at its end that never
 * started a task so (its object's attribute dated at its arrival). An object whose attributes
 * are all OCEL's initial values (dated 1970-01-01T00:00:00, in any zone), or undated, says no arrival and is
 * left out, as before. Its row: its place among the objects (1 the first).
 * Whether the log would show such a case had it one (EventLog.showsArrivals) is its form's:
 * etomsim's own OCEL (`ownForm`: its events relate their case as "case") dates every case
 * object, so a dated one with events says so (its dates are peeked, not counted among the log's
 * timestamps, which those of its events are already). Another tool's dated attribute is a
 * value that changed (pm4py's example dates an invoice's `is_blocked` when a block is set), no
 * arrival: only a case it shows by its arrival alone tells (session 41; session 40 read any
 * dated attribute so).
 */
function addUndatedCases(
  source: OcelSource,
  caseType: string,
  withEvents: ReadonlySet<string>,
  ownForm: boolean,
  timestamps: TimestampParser,
  builder: EventLogBuilder,
): void {
  let dated = false;
  (source.objects as OcelObject[]).forEach((o, k) => {
    if (o === null || typeof o !== 'object' || typeof o.id !== 'string' || o.type !== caseType) return;
    const shown = withEvents.has(o.id);
    if (shown && (dated || !ownForm)) return;
    let first: Instant | null = null;
    for (const [j, a] of (Array.isArray(o.attributes) ? o.attributes : []).entries()) {
      if (a === null || typeof a !== 'object' || typeof a.time !== 'string') continue;
      const t = shown ? timestamps.peek(a.time) : timestamps.parse(a.time);
      // refused as an event's time is (session 59: skipped unsaid, which could lose the case it dated)
      if (t === null)
        throw source.objectError(k, j, `'${a.time.slice(0, 40)}' is not a timestamp; an object's attribute is dated in ISO 8601`);
      if (t !== null && Math.abs(t.ms) >= INITIAL_VALUES_WITHIN_MS && (first === null || t.ms < first.ms)) first = t;
    }
    if (first === null) return;
    dated = true;
    if (shown) builder.markCasesDated();
    else builder.addWaiting({ caseId: o.id, flow: '', ms: first.ms, offset: first.offset, row: k + 1 });
  });
}

/**
 * The object type whose objects are the cases, when not named: those etomsim relates as "case",
 * else the only type any event relates to; otherwise the user names one.
 */
function defaultCaseType(file: string, events: OcelEvent[], typeOf: Map<string, string>): string {
  const perType = new Map<string, number>();
  let ownCase: string | null = null;
  for (const e of events) {
    const seen = new Set<string>();
    for (const r of Array.isArray(e?.relationships) ? e.relationships : []) {
      const type = typeof r?.objectId === 'string' ? typeOf.get(r.objectId) : undefined;
      if (type === undefined) continue;
      if (r.qualifier === QUALIFIER.case) ownCase ??= type;
      seen.add(type);
    }
    for (const t of seen) perType.set(t, (perType.get(t) ?? 0) + 1);
  }
  if (ownCase !== null) return ownCase;
  if (perType.size === 1) return [...perType.keys()][0];
  if (perType.size === 0)
    throw new LogError(
      file,
      1,
      1,
      events.length === 0 ? 'the log has no events' : "no event relates to any of the log's objects: there are no cases to read",
      WHOLE_FILE,
    );
  const types = [...perType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  throw new LogError(
    file,
    1,
    1,
    `an object-centric log: name the object type whose objects are the cases with --case TYPE; the events relate to ${types
      .map(([t, n]) => `'${t}' (${counted(n, 'event')})`)
      .join(', ')}`,
    WHOLE_FILE,
  );
}
