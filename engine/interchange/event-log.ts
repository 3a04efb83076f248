// An event log as read: one activity instance per entry, columnar, strings dictionary-encoded,
// so a million events take tens of megabytes whatever the file's size. Invariant: every entry
// has a case, an activity and an end instant; a start is NaN when the log has none; entries
// are in the order they were read (the readers never sort).
import type { Instant } from './timestamps.js';

export interface EventLog {
  file: string;
  format: 'csv' | 'xes';
  size: number;
  cases: string[];
  activities: string[];
  resources: string[];
  roles: string[];
  flows: string[];
  caseOf: Int32Array;
  activityOf: Int32Array;
  resourceOf: Int32Array; // -1: none
  roleOf: Int32Array; // -1: none
  flowOf: Int32Array; // -1: none (no --flow column)
  start: Float64Array; // epoch ms; NaN when the log has no start for the entry
  enabled: Float64Array; // epoch ms when the log says when the instance was enabled (Simod's enabled_time); else NaN
  end: Float64Array; // epoch ms
  offset: Int16Array; // minutes east of UTC of the wall clock of the end (the start's is the same or within a DST change)
  row: Int32Array; // where the entry was read (CSV row; XES line)
  /** true when no entry had a start time: the discovery estimates them */
  completionOnly: boolean;
  /** what was seen and how it was handled (counts; never silently dropped) */
  notes: LogNote[];
  columns: Record<string, string>; // role -> the source column or XES key used
}

export interface LogNote {
  kind: string;
  count: number;
  handling: string;
  example: string; // where, for the first one
}

class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  id(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

class Column<T extends Int32Array | Float64Array | Int16Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(4096);
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) {
      const bigger = this.make(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[i] = v;
  }
}

/** A row to add: strings as read (empty resource/role/flow: none). */
export interface RawEvent {
  caseId: string;
  activity: string;
  resource: string;
  role: string;
  flow: string;
  start: Instant | null;
  end: Instant;
  enabled?: Instant | null;
  row: number;
}

/** Builds an EventLog from rows, and from start/complete pairs of lifecycle logs. */
export class EventLogBuilder {
  private readonly caseDict = new Dictionary();
  private readonly activityDict = new Dictionary();
  private readonly resourceDict = new Dictionary();
  private readonly roleDict = new Dictionary();
  private readonly flowDict = new Dictionary();
  private readonly caseOf = new Column((n) => new Int32Array(n));
  private readonly activityOf = new Column((n) => new Int32Array(n));
  private readonly resourceOf = new Column((n) => new Int32Array(n));
  private readonly roleOf = new Column((n) => new Int32Array(n));
  private readonly flowOf = new Column((n) => new Int32Array(n));
  private readonly start = new Column((n) => new Float64Array(n));
  private readonly enabled = new Column((n) => new Float64Array(n));
  private readonly end = new Column((n) => new Float64Array(n));
  private readonly offset = new Column((n) => new Int16Array(n));
  private readonly row = new Column((n) => new Int32Array(n));
  private size = 0;
  private withStart = 0;
  private readonly notes = new Map<string, LogNote>();
  /** lifecycle logs: open starts per case and activity, first in first out */
  private readonly open = new Map<string, { at: Instant; row: number }[]>();

  constructor(
    private readonly file: string,
    private readonly format: 'csv' | 'xes',
  ) {}

  note(kind: string, handling: string, example: string): void {
    const n = this.notes.get(kind);
    if (n) n.count++;
    else this.notes.set(kind, { kind, count: 1, handling, example });
  }

  add(e: RawEvent): void {
    const i = this.size++;
    this.caseOf.set(i, this.caseDict.id(e.caseId));
    this.activityOf.set(i, this.activityDict.id(e.activity));
    this.resourceOf.set(i, e.resource === '' ? -1 : this.resourceDict.id(e.resource));
    this.roleOf.set(i, e.role === '' ? -1 : this.roleDict.id(e.role));
    this.flowOf.set(i, e.flow === '' ? -1 : this.flowDict.id(e.flow));
    this.start.set(i, e.start === null ? Number.NaN : e.start.ms);
    this.enabled.set(i, e.enabled ? e.enabled.ms : Number.NaN);
    this.end.set(i, e.end.ms);
    this.offset.set(i, e.end.offset);
    this.row.set(i, e.row);
    if (e.start !== null) this.withStart++;
  }

  /** A lifecycle event: a start waits for the next complete of the same case and activity. */
  addTransition(e: Omit<RawEvent, 'start' | 'end'> & { at: Instant }, transition: string): void {
    const key = `${e.caseId}\u0000${e.activity}`;
    const t = transition.toLowerCase();
    if (t === 'start' || t === 'resume' || t === 'assign') {
      if (t !== 'start') {
        this.note(`lifecycle '${t}' events`, 'ignored: only start and complete pair into an activity instance', `row ${e.row}`);
        return;
      }
      const list = this.open.get(key);
      if (list) list.push({ at: e.at, row: e.row });
      else this.open.set(key, [{ at: e.at, row: e.row }]);
      return;
    }
    if (t !== 'complete' && t !== '') {
      this.note(`lifecycle '${t}' events`, 'ignored: only start and complete pair into an activity instance', `row ${e.row}`);
      return;
    }
    const list = this.open.get(key);
    const opened = list?.shift();
    if (list && list.length === 0) this.open.delete(key);
    if (opened && e.at.ms < opened.at.ms) {
      // as with start and end columns, an end before its start is no duration to fit
      this.note('completes before their start', 'left out with their start: an end before its start is not a duration', `row ${e.row}`);
      return;
    }
    this.add({ ...e, start: opened?.at ?? null, end: e.at });
  }

  finish(columns: Record<string, string>): EventLog {
    for (const list of this.open.values()) {
      for (const o of list) this.note('starts never completed', 'left out: an activity instance needs its end', `row ${o.row}`);
    }
    this.open.clear();
    const n = this.size;
    const cut = <T extends Int32Array | Float64Array | Int16Array>(c: Column<T>) => c.data.slice(0, n) as T;
    return {
      file: this.file,
      format: this.format,
      size: n,
      cases: this.caseDict.values,
      activities: this.activityDict.values,
      resources: this.resourceDict.values,
      roles: this.roleDict.values,
      flows: this.flowDict.values,
      caseOf: cut(this.caseOf),
      activityOf: cut(this.activityOf),
      resourceOf: cut(this.resourceOf),
      roleOf: cut(this.roleOf),
      flowOf: cut(this.flowOf),
      start: cut(this.start),
      enabled: cut(this.enabled),
      end: cut(this.end),
      offset: cut(this.offset),
      row: cut(this.row),
      completionOnly: this.withStart === 0,
      notes: [...this.notes.values()],
      columns,
    };
  }
}

/** Bad input: where (row and column of a CSV, line of an XES file) and what. */
export class LogError extends Error {
  constructor(
    readonly file: string,
    readonly row: number,
    readonly col: number,
    readonly detail: string,
    readonly at: string,
  ) {
    super(`${file}:${row}:${col}: ${detail} (at ${at})`);
  }
}
