// Event logs in the shapes other tools export (BPI Challenge-like XES from ProM, pm4py's and
// Disco's CSV): each read right, or refused at its row and column, on fixtures small enough to
// check by hand. The rules are docs/reading-event-logs.md's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type EventLog, LogError } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { scratchFolders } from '../support/scratch.js';

const folder = scratchFolders('etomsim-wild-logs-');
function file(name: string, content: string): string {
  const path = join(folder(), name);
  writeFileSync(path, content);
  return path;
}

/** Each entry as `case activity start-end resource/team` (hh:mm:ss.mmm in UTC; `-` for no start). */
const entries = (log: EventLog) =>
  Array.from({ length: log.size }, (_, e) => {
    const at = (ms: number) => (Number.isNaN(ms) ? '-' : new Date(ms).toISOString().slice(11, 23));
    const name = (values: string[], i: number) => (i < 0 ? '' : values[i]);
    return `${log.cases[log.caseOf[e]]} ${log.activities[log.activityOf[e]]} ${at(log.start[e])}-${at(log.end[e])} ${name(log.resources, log.resourceOf[e])}/${name(log.roles, log.roleOf[e])}`;
  });

interface XesEvent {
  activity: string;
  transition?: string;
  at: string;
  /** more of the event's XML, after its keys */
  more?: string;
}

/** An XES log of traces, each [case id, its own XML, its events]. */
function xes(traces: [string, string, XesEvent[]][]): string {
  const event = (e: XesEvent) =>
    `<event><string key="concept:name" value="${e.activity}"/>${e.transition === undefined ? '' : `<string key="lifecycle:transition" value="${e.transition}"/>`}<date key="time:timestamp" value="${e.at}"/>${e.more ?? ''}</event>`;
  const trace = ([id, own, events]: [string, string, XesEvent[]]) =>
    `<trace><string key="concept:name" value="${id}"/>${own}\n${events.map(event).join('\n')}\n</trace>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0" xmlns="http://www.xes-standard.org/">\n<classifier name="Activity" keys="concept:name lifecycle:transition"/>\n${traces.map(trace).join('\n')}\n</log>\n`;
}
const by = (resource: string) => `<string key="org:resource" value="${resource}"/>`;
/** The log of one trace, case c1 (`own`, the trace's own XML), read. */
const oneTrace = (name: string, events: XesEvent[], own = '') => readEventLog(file(name, xes([['c1', own, events]])));

describe('a case whose events are not in time order', () => {
  // Case c1 as it happened: ann works on A 09:00-09:30, bob on B 10:00-10:20.
  const happened: XesEvent[] = [
    { activity: 'A', transition: 'start', at: '2024-01-08T09:00:00+01:00', more: by('ann') },
    { activity: 'A', transition: 'complete', at: '2024-01-08T09:30:00+01:00', more: by('ann') },
    { activity: 'B', transition: 'start', at: '2024-01-08T10:00:00+01:00', more: by('bob') },
    { activity: 'B', transition: 'complete', at: '2024-01-08T10:20:00+01:00', more: by('bob') },
  ];
  const read = ['c1 A 08:00:00.000-08:30:00.000 ann/', 'c1 B 09:00:00.000-09:20:00.000 bob/'];

  test('an XES trace written newest first is read in time order: each start paired with its complete, and noted', async () => {
    // paired in the file's order (session 59), each complete came before its start: an instance
    // without a start (taken as instantaneous) and a start never completed, for every instance
    const log = await oneTrace('newest-first.xes', [...happened].reverse());
    expect(entries(log)).toEqual(read);
    expect(log.unfinished).toEqual([]);
    expect(log.notes.map((n) => [n.kind, n.count, n.example])).toEqual([['traces whose events are not in time order', 1, 'line 4']]);
    const inOrder = await oneTrace('in-order.xes', happened);
    expect(entries(inOrder)).toEqual(read);
    expect(inOrder.notes).toEqual([]);
  });

  test("an XES trace of events with their own start, in the order they started: read in the file's order, nothing noted (no transition to pair)", async () => {
    // A 09:00-10:00 and B, begun beside it, 09:10-09:20: by their ends (time:timestamp) out of order, by their starts not
    const started = (activity: string, from: string, to: string): XesEvent => ({
      activity,
      at: `2024-01-08T${to}:00+01:00`,
      more: `<date key="start_timestamp" value="2024-01-08T${from}:00+01:00"/>`,
    });
    const log = await oneTrace('by-start.xes', [started('A', '09:00', '10:00'), started('B', '09:10', '09:20')]);
    expect(entries(log)).toEqual(['c1 A 08:00:00.000-09:00:00.000 /', 'c1 B 08:10:00.000-08:20:00.000 /']);
    expect(log.notes).toEqual([]);
  });

  test("a CSV's lifecycle rows of a case newest first (pm4py's columns, tab-delimited): read in time order as an XES trace", async () => {
    const header = 'case:concept:name\tconcept:name\ttime:timestamp\tlifecycle:transition\torg:resource';
    const rows = happened.map((e) => ['c1', e.activity, e.at, e.transition, e.more!.includes('ann') ? 'ann' : 'bob'].join('\t'));
    const newestFirst = await readEventLog(file('newest-first.tsv', [header, ...[...rows].reverse(), ''].join('\n')));
    expect(entries(newestFirst)).toEqual(read);
    expect(newestFirst.notes.map((n) => [n.kind, n.count, n.example])).toEqual([
      ['cases whose lifecycle rows are not in time order', 1, 'row 2'],
    ]);
    const inOrder = await readEventLog(file('in-order.tsv', [header, ...rows, ''].join('\n')));
    expect(entries(inOrder)).toEqual(read);
    expect(inOrder.notes).toEqual([]);
  });
});

describe('XES as ProM and the BPI Challenge logs write it', () => {
  test('instances of one activity open at once: each complete closes its own resource’s earliest start', async () => {
    const log = await oneTrace('open-at-once.xes', [
      { activity: 'A', transition: 'start', at: '2024-01-08T09:00:00Z', more: by('ann') },
      { activity: 'A', transition: 'start', at: '2024-01-08T09:05:00Z', more: by('bob') },
      { activity: 'A', transition: 'start', at: '2024-01-08T09:10:00Z', more: by('ann') },
      { activity: 'A', transition: 'complete', at: '2024-01-08T09:20:00Z', more: by('bob') },
      { activity: 'A', transition: 'complete', at: '2024-01-08T09:30:00Z', more: by('ann') },
      { activity: 'A', transition: 'complete', at: '2024-01-08T09:40:00Z', more: by('ann') },
    ]);
    expect(entries(log)).toEqual([
      'c1 A 09:05:00.000-09:20:00.000 bob/',
      'c1 A 09:00:00.000-09:30:00.000 ann/',
      'c1 A 09:10:00.000-09:40:00.000 ann/',
    ]);
    expect(log.notes).toEqual([]);
  });

  test('schedule, assign and withdraw counted and ignored beside start and complete; suspend and resume a pause; ate_abort no entry', async () => {
    const log = await oneTrace('transitions.xes', [
      { activity: 'A', transition: 'schedule', at: '2024-01-08T09:00:00Z' },
      { activity: 'A', transition: 'assign', at: '2024-01-08T09:05:00Z', more: by('ann') },
      { activity: 'A', transition: 'start', at: '2024-01-08T09:10:00Z', more: by('ann') },
      { activity: 'A', transition: 'suspend', at: '2024-01-08T09:20:00Z', more: by('ann') },
      { activity: 'A', transition: 'resume', at: '2024-01-08T09:40:00Z', more: by('ann') },
      { activity: 'A', transition: 'complete', at: '2024-01-08T09:50:00Z', more: by('ann') },
      { activity: 'B', transition: 'schedule', at: '2024-01-08T09:50:00Z' },
      { activity: 'B', transition: 'withdraw', at: '2024-01-08T09:55:00Z' },
      { activity: 'C', transition: 'start', at: '2024-01-08T10:00:00Z', more: by('bob') },
      { activity: 'C', transition: 'ate_abort', at: '2024-01-08T10:10:00Z', more: by('bob') },
    ]);
    expect(entries(log)).toEqual(['c1 A 09:10:00.000-09:50:00.000 ann/']);
    expect(log.suspended[0]! / 60_000).toBe(20);
    expect(log.notes.map((n) => [n.kind, n.count])).toEqual([
      ["lifecycle 'schedule' events", 2],
      ["lifecycle 'assign' events", 1],
      ["lifecycle 'withdraw' events", 1],
      ['instances aborted (ate_abort, pi_abort)', 1],
    ]);
    expect(log.cutByAbort.map((c) => [c.activity, c.resource, (c.end - c.start) / 60_000])).toEqual([['C', 'bob', 10]]);
  });

  test("no org:resource, or org:group alone; a trace's attributes and nested ones are not an event's", async () => {
    const log = await oneTrace(
      'resources.xes',
      [
        {
          activity: 'A',
          at: '2024-01-08T09:00:00Z',
          more: `<string key="org:group" value="desk"/><list key="items"><values>${by('listed')}<date key="time:timestamp" value="1999-01-01T00:00:00Z"/></values></list><container key="c">${by('contained')}</container><string key="note" value="n">${by('nested')}</string>`,
        },
        { activity: 'B', at: '2024-01-08T10:00:00Z' },
      ],
      by('a trace attribute') + '<string key="org:group" value="a trace attribute"/>',
    );
    expect(entries(log)).toEqual(['c1 A --09:00:00.000 /desk', 'c1 B --10:00:00.000 /']);
    expect(log.completionOnly).toBe(true);
    expect(log.columns.role).toBe('org:group');
  });

  test('timestamps: fractions finer than a millisecond, offsets Z, +01:00, -05:00, -0500 and +01, a span across a daylight-saving change', async () => {
    const log = await oneTrace('times.xes', [
      // Paris' spring change: 01:59:59 (+01:00) to 03:00:00.5 (+02:00) is 1.5 s of work, not an hour and 1.5 s
      { activity: 'A', transition: 'start', at: '2024-03-31T01:59:59.123456+01:00' },
      { activity: 'A', transition: 'complete', at: '2024-03-31T03:00:00.5+02:00' },
      { activity: 'B', transition: 'start', at: '2024-03-31T01:10:00Z' },
      { activity: 'B', transition: 'complete', at: '2024-03-30T20:20:00-05:00' },
      { activity: 'C', transition: 'start', at: '2024-03-30T20:30:00-0500' },
      { activity: 'C', transition: 'complete', at: '2024-03-31T02:45:00.000+01' },
    ]);
    expect(entries(log)).toEqual([
      'c1 A 00:59:59.123-01:00:00.500 /',
      'c1 B 01:10:00.000-01:20:00.000 /',
      'c1 C 01:30:00.000-01:45:00.000 /',
    ]);
    // the microseconds kept as far as a double holds them near 2024 (a quarter of a microsecond)
    expect(log.end[0]! - log.start[0]!).toBeCloseTo(1376.544, 3);
    // each instant's wall clock as written (hours of the week read in it)
    expect([...log.startOffset]).toEqual([60, 0, -300]);
    expect([...log.offset]).toEqual([120, -300, 60]);
  });
});

describe('CSV as pm4py, Disco and Celonis export it', () => {
  test("Disco's columns (Case ID, Activity, Start Timestamp, Complete Timestamp, Resource), ';', yyyy/MM/dd, a BOM and a quoted newline", async () => {
    const log = await readEventLog(
      file(
        'disco.csv',
        '\uFEFFCase ID;Activity;Start Timestamp;Complete Timestamp;Resource\n' +
          '"c1";"A";2024/01/08 09:00:00.000;2024/01/08 09:30:00.000;"Ann"\n' +
          '"c1";"B ""two""\nlines";2024/01/08 10:00:00.000;2024/01/08 10:30:00.000;Bob\n' +
          'c2;A;2024/01/08 09:10:00.000;;Ann\n',
      ),
    );
    expect(log.columns).toEqual({
      case: 'Case ID',
      activity: 'Activity',
      start: 'Start Timestamp',
      end: 'Complete Timestamp',
      resource: 'Resource',
    });
    expect(entries(log)).toEqual(['c1 A 09:00:00.000-09:30:00.000 Ann/', 'c1 B "two"\nlines 10:00:00.000-10:30:00.000 Bob/']);
    // a row is placed at the line its record starts on: c2's is on line 5, the quoted newline before it
    expect(log.unfinished.map((u) => [u.caseId, u.row])).toEqual([['c2', 5]]);
  });

  test("a day-first date (Excel's 08/01/2024) is refused at its row and column: ISO 8601 only, as the docs say", async () => {
    const path = file('day-first.csv', 'Case ID,Activity,Complete Timestamp\nc1,A,2024-01-08 09:00\n"c1","B\nx",08/01/2024 10:00\n');
    const refusal = await readEventLog(path).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refusal).toBeInstanceOf(LogError);
    expect((refusal as LogError).message).toBe(
      `${path}:3:3: '08/01/2024 10:00' is not a timestamp; expected ISO 8601 like 2024-03-31T14:05:00 or 2024-03-31 14:05:00+02:00 (at column 'Complete Timestamp')`,
    );
  });
});
