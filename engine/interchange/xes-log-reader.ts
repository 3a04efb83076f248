// Reads an XES event log (IEEE 1849) as a stream with saxes: no DTD, no entity expansion
// beyond XML's five, nothing fetched. Invariant: memory holds the columnar log and the
// events of one trace (at most limits.held); the case id of a trace may come before or after
// its events.
import { OcelXmlFound } from './ocel-xml.js';
import { SaxesParser } from 'saxes';
import type { ColumnChoice } from './csv-log-reader.js';
import { EventLogBuilder, LogError, timeOrder, type EventLog } from './event-log.js';
import { WHOLE_FILE } from '../io/placed-line.js';
import { DistinctActivities, LOG_LIMITS, type LogLimits, SMALLER_LOG, tooDeep, tooManyActivities } from './log-limits.js';
import { feedXml } from './xml-stream.js';
import type { Instant, TimestampParser } from './timestamps.js';
import { agree, counted } from '../plural.js';

interface PendingEvent {
  /** the event's values of the keys read (eventKeys), by key */
  attrs: Map<string, string>;
  /** where each of the event's timestamps was read (its element's tag), for an error about its value */
  times: Map<string, Place>;
  line: number;
  col: number;
}

/** A line and column as saxes stands once a tag is read (its '>'), as every XML position here. */
interface Place {
  line: number;
  col: number;
}

export async function readXesLog(
  file: string,
  chunks: AsyncIterable<string>,
  columns: ColumnChoice,
  timestamps: TimestampParser,
  limits: LogLimits = LOG_LIMITS,
): Promise<EventLog> {
  const builder = new EventLogBuilder(file, 'xes', limits.events);
  const activities = new DistinctActivities(limits.activities);
  const keys = {
    case: columns.case ?? 'concept:name',
    activity: columns.activity ?? 'concept:name',
    end: columns.end ?? 'time:timestamp',
    start: columns.start ?? 'start_timestamp',
    resource: columns.resource ?? 'org:resource',
    // The XES organizational extension has org:role and org:group; etomsim's own XES (like
    // many exports) gives the team as org:group. An event's org:role is read first, then its
    // org:group, as the CSV reader prefers a role column to a group column.
    role: columns.role === undefined ? ['org:role', 'org:group'] : [columns.role],
    lifecycle: columns.lifecycle ?? 'lifecycle:transition',
    enabled: columns.enabled ?? 'enabled_timestamp',
    flow: columns.flow,
  };
  const parser = new SaxesParser({ xmlns: false, position: true });
  let depth = 0; // element depth
  let traceDepth = -1;
  let eventDepth = -1;
  let traceAttrs = new Map<string, string>();
  let traceOpen: Place = { line: 1, col: 1 };
  /** where the trace's `arrival` was read (its element), for an error about its value */
  let arrivalAt: Place = { line: 1, col: 1 };
  let events: PendingEvent[] = [];
  let current: PendingEvent | null = null;
  let traces = 0;
  let sawLog = false;

  /** where the event's value of `key` was read: its element, else (none read) the event's tag */
  const placeOf = (e: PendingEvent, key: string): Place => e.times.get(key) ?? e;
  const time = (text: string | undefined, key: string, e: PendingEvent): Instant | null => {
    if (text === undefined || text === '') return null;
    const t = timestamps.parse(text);
    const at = placeOf(e, key);
    if (t === null)
      throw new LogError(
        file,
        at.line,
        at.col,
        `'${text.slice(0, 40)}' is not a timestamp; expected ISO 8601 (xs:dateTime)`,
        `key '${key}'`,
      );
    if (timestamps.skipped.count > 0 && timestamps.skipped.where === '') timestamps.skipped.where = `line ${at.line}, column ${at.col}`;
    return t;
  };

  // per key of keys.role: how many events took their team from it, and where the first did
  const teamsFrom = keys.role.map(() => ({ events: 0, line: 0 }));
  const roleOf = (e: PendingEvent): string => {
    for (let k = 0; k < keys.role.length; k++) {
      const value = e.attrs.get(keys.role[k]!);
      if (value === undefined || value === '') continue;
      const from = teamsFrom[k]!;
      if (from.events++ === 0) from.line = e.line;
      return value;
    }
    return '';
  };

  /** A trace or an event without the key it needs, at its tag: `need`, what each needs; `option`, the option that names the key. */
  const without = (holder: 'trace' | 'event', at: Place, key: string, need: string, option: string) =>
    new LogError(
      file,
      at.line,
      at.col,
      `${holder === 'trace' ? 'a trace' : 'an event'} without '${key}': every ${holder === 'trace' ? 'case' : 'event'} needs ${need} (name the key with --${option})`,
      holder,
    );

  const closeTrace = (line: number) => {
    traces++;
    const caseId = traceAttrs.get(keys.case);
    // at the trace's own tag, where its id would be written, not at its end (events away)
    if (caseId === undefined || caseId === '') throw without('trace', traceOpen, keys.case, 'an id', 'case');
    // Read first, in the file's order (so the first bad value is the one refused), then taken in
    // time order: pairing a complete before its start in the file with no start (session 60:
    // an instance without a start, its start never completed) invents both.
    const read = events.map((e) => {
      const activity = e.attrs.get(keys.activity);
      if (activity === undefined || activity === '') throw without('event', e, keys.activity, 'an activity', 'activity');
      if (!activities.admits(activity)) throw new LogError(file, e.line, e.col, tooManyActivities(activities.max), 'event');
      const end = time(e.attrs.get(keys.end), keys.end, e);
      if (end === null) throw without('event', e, keys.end, 'a timestamp', 'end');
      const start = time(e.attrs.get(keys.start), keys.start, e);
      const enabled = time(e.attrs.get(keys.enabled), keys.enabled, e);
      if (start !== null && end.ms < start.ms)
        throw new LogError(
          file,
          placeOf(e, keys.end).line,
          placeOf(e, keys.end).col,
          `the end (${e.attrs.get(keys.end)}) precedes the start (${e.attrs.get(keys.start)})`,
          `key '${keys.end}'`,
        );
      return { e, activity, end, start, enabled, role: roleOf(e), transition: e.attrs.get(keys.lifecycle) };
    });
    // Only a trace with lifecycle transitions to pair is put in time order: an event with its own start
    // pairs with none, and events listed by their starts have their ends out of order, which is no fault
    // to note (nor a reason to reorder the entries, which stay in the file's order: event-log.ts' header).
    const pairs = read.some((r) => r.start === null && r.transition !== undefined);
    const order = pairs ? timeOrder(read.length, (i) => read[i]!.end.ms) : null;
    if (order !== null) builder.outOfOrder('trace', traceOpen.line);
    for (const { e, activity, end, start, enabled, role, transition } of order === null ? read : order.map((i) => read[i]!)) {
      const resource = e.attrs.get(keys.resource) ?? '';
      const flow = keys.flow === undefined ? '' : (e.attrs.get(keys.flow) ?? traceAttrs.get(keys.flow) ?? '');
      const row = e.line;
      // one object literal an event, not a spread of a common part (csv-log-reader.ts' addRow)
      if (start === null && transition !== undefined)
        builder.addTransition({ caseId, activity, resource, role, flow, enabled, row, at: end }, transition);
      else builder.add({ caseId, activity, resource, role, flow, enabled, row, start, end });
    }
    // A trace with no event that says when its case arrived (etomsim's: a case open at the end that never
    // started a task): no entry, but a case that arrived, counted as such (EventLog.waiting). A trace
    // with events that says so too tells that the log would show such a case (EventLog.showsArrivals).
    // An `arrival` that is no date is refused at its element (session 59: ignored without a word,
    // which lost the case it dated, or told fidelity the log dates its cases by a value it never read).
    const arrival = traceAttrs.get('arrival');
    if (arrival !== undefined && arrival !== '') {
      // a trace with events only tells that it is dated (its events' own times are counted): peeked
      const at = events.length > 0 ? timestamps.peek(arrival) : timestamps.parse(arrival);
      if (at === null)
        throw new LogError(
          file,
          arrivalAt.line,
          arrivalAt.col,
          `'${arrival.slice(0, 40)}' is not a timestamp; a trace's 'arrival' dates its case (expected ISO 8601, xs:dateTime)`,
          "key 'arrival'",
        );
      if (events.length > 0) builder.markCasesDated();
      else
        builder.addWaiting({
          caseId,
          flow: keys.flow === undefined ? '' : (traceAttrs.get(keys.flow) ?? ''),
          ms: at.ms,
          offset: at.offset,
          row: line,
        });
    }
    events = [];
    traceAttrs = new Map();
  };

  // The keys read of an event and of a trace, the only ones kept: one written twice in one element
  // (XES keeps a key once an element) is refused at the second, where the last was read unsaid (session 59).
  const eventKeys = new Set([keys.activity, keys.end, keys.start, keys.resource, ...keys.role, keys.lifecycle, keys.enabled]);
  const traceKeys = new Set([keys.case, 'arrival']);
  if (keys.flow !== undefined) for (const held of [eventKeys, traceKeys]) held.add(keys.flow);
  const twice = (key: string, holder: string) =>
    new LogError(file, parser.line, parser.column, `'${key}' twice in ${holder}: which value is meant cannot be told`, `key '${key}'`);

  parser.on('opentag', (tag) => {
    if (++depth > limits.depth) throw new LogError(file, parser.line, parser.column, tooDeep(limits.depth), 'XES');
    const name = tag.name;
    if (name === 'log') sawLog = true;
    else if ((name === 'events' || name === 'objects') && depth === 2 && traces === 0 && traceDepth < 0)
      // XES has no such element; OCEL's XML forms have, and 1.0's opens with <global> as XES may.
      throw new OcelXmlFound(file, parser.line, parser.column, name);
    else if (name === 'trace' && traceDepth < 0) {
      traceDepth = depth;
      traceOpen = { line: parser.line, col: parser.column };
    } else if (name === 'event' && traceDepth >= 0 && eventDepth < 0) {
      if (events.length >= limits.held)
        throw new LogError(
          file,
          parser.line,
          parser.column,
          `a trace of more than ${counted(limits.held, 'event')}, the most etomsim holds of one trace (its events are read before its case id is known); ${SMALLER_LOG}`,
          'event',
        );
      eventDepth = depth;
      current = { attrs: new Map(), times: new Map(), line: parser.line, col: parser.column };
    } else if (traceDepth >= 0) {
      const key = tag.attributes.key;
      const value = tag.attributes.value;
      if (typeof key !== 'string' || typeof value !== 'string') return;
      // Only an event's or a trace's own attributes, not nested ones (lists, containers).
      // Of those, only the keys read: an event of a million others held each (3 million in one, 100 MB: 456 MB).
      if (current !== null && depth === eventDepth + 1) {
        if (!eventKeys.has(key)) return;
        if (current.attrs.has(key)) throw twice(key, 'an event');
        current.attrs.set(key, value);
        if (key === keys.end || key === keys.start || key === keys.enabled)
          current.times.set(key, { line: parser.line, col: parser.column });
      } else if (current === null && depth === traceDepth + 1) {
        if (!traceKeys.has(key)) return;
        if (traceAttrs.has(key)) throw twice(key, 'a trace');
        traceAttrs.set(key, value);
        if (key === 'arrival') arrivalAt = { line: parser.line, col: parser.column };
      }
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'event' && depth === eventDepth) {
      events.push(current!);
      current = null;
      eventDepth = -1;
    } else if (tag.name === 'trace' && depth === traceDepth) {
      closeTrace(parser.line);
      traceDepth = -1;
    }
    depth--;
  });
  await feedXml(file, parser, chunks, 'XES', limits.item);
  if (!sawLog)
    throw new LogError(file, 1, 1, traces === 0 && builder ? 'the file is empty or has no <log> element' : 'no <log> element', WHOLE_FILE);
  // Teams from org:role on some events and org:group on others are two namespaces in one
  // discovery (the CSV reader reads one column for the whole file): said with counts, not silently.
  if (teamsFrom.length === 2 && teamsFrom[0]!.events > 0 && teamsFrom[1]!.events > 0) {
    const [first, second] = keys.role as [string, string];
    builder.note(
      `events without '${first}' whose team is their '${second}'`,
      `event without '${first}' whose team is its '${second}'`,
      `teams from two keys mixed in one discovery (${counted(teamsFrom[0]!.events, 'event')} ${agree(teamsFrom[0]!.events, 'gives', 'give')} '${first}'); --role KEY reads one key alone`,
      `line ${teamsFrom[1]!.line}`,
      teamsFrom[1]!.events,
      "not compared: fidelity reads no team from the log (the scenario's teams are its own)",
    );
  }
  const rolesReadFrom = keys.role.filter((_, k) => teamsFrom[k]!.events > 0);
  return builder.finish({
    case: `trace ${keys.case}`,
    activity: keys.activity,
    start: keys.start,
    end: keys.end,
    resource: keys.resource,
    role: rolesReadFrom.length === 0 ? keys.role[0] : rolesReadFrom.join(', else '),
    lifecycle: keys.lifecycle,
  });
}
