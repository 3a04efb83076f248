// Reads a CSV event log as a stream (any delimiter, RFC 4180 quoting, gzip or not) into an
// EventLog. Columns are named by the user or recognised among the names PM4Py, Simod and
// common exports use; etomsim's `suspensions` (pause intervals) only in etomsim's own CSV log
// or when named, since another export may use the name for anything. Invariant: memory holds
// the columnar log and one chunk of text, never the file; the first bad row stops the read
// with its row and column; a row longer than limits.item is refused as it grows (a quote
// never closed makes the rest of the file one field), one of more than limits.columns fields at
// the field past them.
import { CSV_LOG_COLUMNS, LATER_CSV_LOG_COLUMNS } from './csv-log.js';
import { EventLogBuilder, LogError, timeOrder, type EventLog, type RawEvent, type TransitionEvent } from './event-log.js';
import { listedNames } from './listed-names.js';
import { DistinctActivities, LOG_LIMITS, tooManyActivities, tooManyColumns, type LogLimits } from './log-limits.js';
import { wholeNumber } from '../number-format.js';
import { WHOLE_FILE } from '../io/placed-line.js';
import { didYouMean } from '../scenario/suggest.js';
import type { Instant, TimestampParser } from './timestamps.js';

export interface ColumnChoice {
  case?: string;
  activity?: string;
  start?: string;
  end?: string;
  resource?: string;
  role?: string;
  flow?: string;
  lifecycle?: string;
  enabled?: string;
  /**
   * the pauses of each row's instance, as etomsim writes them: ISO 8601 intervals FROM/TO
   * separated by ';'. Recognised by name only in etomsim's own CSV log (see etomsimLayout).
   */
  suspensions?: string;
}

type Role = keyof ColumnChoice;

/** Names recognised without options, compared without case, spaces, '_' or '-'. */
const KNOWN: Record<Role, string[]> = {
  case: ['case:concept:name', 'caseid', 'case', 'caseidentifier', 'ticketid', 'ticket', 'incidentid', 'orderid', 'traceid'],
  activity: ['concept:name', 'activity', 'activityname', 'task', 'taskname', 'event', 'eventname', 'step'],
  start: ['start_timestamp', 'starttime', 'start', 'starttimestamp', 'time:start', 'startdate'],
  end: [
    'time:timestamp',
    'end_timestamp',
    'endtime',
    'end',
    'endtimestamp',
    'completetimestamp',
    'completetime',
    'completiontime',
    'timestamp',
    'time',
    'enddate',
  ],
  resource: ['org:resource', 'resource', 'user', 'agent', 'performer', 'assignee'],
  role: ['org:role', 'role', 'group', 'team', 'org:group', 'assignmentgroup'],
  lifecycle: ['lifecycle:transition', 'lifecycle', 'transition', 'eventtype'],
  enabled: ['enabled_timestamp', 'enabled_time', 'enabledtimestamp', 'time:enabled'],
  suspensions: ['suspensions'],
  flow: [],
};

const normalise = (name: string) =>
  name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

export interface CsvOptions {
  columns: ColumnChoice;
  delimiter?: string;
  timestamps: TimestampParser;
  limits?: LogLimits;
}

/** The delimiter of a header line: the candidate that splits it most, outside quotes. */
export function sniffDelimiter(header: string): string {
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t', '|']) {
    let n = 0;
    let quoted = false;
    for (const ch of header) {
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === d) n++;
    }
    if (n > most) {
      most = n;
      best = d;
    }
  }
  return best;
}

/** Record by record from text chunks; `row` is the line the record starts on. */
class CsvRecords {
  private field = '';
  private record: string[] = [];
  private quoted = false;
  private afterQuote = false;
  private line = 1;
  private recordLine = 1;
  private pendingCR = false;
  /** characters of the record being read in the chunks before this one */
  private carried = 0;
  /** where the record being read starts in this chunk (0: in an earlier one) */
  private recordStart = 0;

  constructor(
    private readonly delimiter: number,
    private readonly file: string,
    private readonly maxRecord: number,
    private readonly maxFields: number,
  ) {}

  /**
   * Calls `record` with each record the chunk completes and the line it starts on, as it reads
   * it (a callback, not a generator's pair a record: a tenth of a read's time)
   */
  feed(chunk: string, record: (rec: string[], row: number) => void): void {
    const d = this.delimiter;
    let i = 0;
    const n = chunk.length;
    this.recordStart = 0;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.pendingCR) {
        this.pendingCR = false;
        if (c === 10) {
          i++;
          continue;
        }
      }
      if (this.quoted) {
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          this.countLines(chunk, i, n);
          this.carry(n); // before the field grows
          this.field += chunk.slice(i);
          return;
        }
        this.countLines(chunk, i, q);
        this.field += chunk.slice(i, q);
        this.quoted = false;
        this.afterQuote = true;
        i = q + 1;
        continue;
      }
      if (c === 34 /* " */) {
        if (this.afterQuote)
          this.field += '"'; // "" inside quotes
        else if (this.field.length > 0)
          throw new LogError(
            this.file,
            this.line,
            this.record.length + 1,
            'a quote inside an unquoted field; quote the whole field and double the quote',
            'CSV',
          );
        this.quoted = true;
        this.afterQuote = false;
        i++;
        continue;
      }
      if (c === d) {
        // a field more: within item's characters a row could hold 16.8 million empty ones
        if (this.record.length + 1 >= this.maxFields)
          throw new LogError(this.file, this.line, this.maxFields + 1, tooManyColumns(this.maxFields), 'CSV');
        this.record.push(this.field);
        this.field = '';
        this.afterQuote = false;
        i++;
        continue;
      }
      if ((c === 10 || c === 13) && this.record.length === 0 && this.field.length === 0 && !this.afterQuote) {
        i = this.blankLines(chunk, i);
        continue;
      }
      if (c === 10 || c === 13) {
        this.record.push(this.field);
        this.field = '';
        this.afterQuote = false;
        const rec = this.record;
        this.record = [];
        const at = this.recordLine;
        this.checkLength(this.carried + i - this.recordStart);
        this.line++;
        this.recordLine = this.line;
        if (c === 13) this.pendingCR = true;
        i++;
        this.carried = 0;
        this.recordStart = i;
        if (!(rec.length === 1 && rec[0] === '')) record(rec, at);
        continue;
      }
      if (this.afterQuote)
        throw new LogError(this.file, this.line, this.record.length + 1, 'text after a closing quote; quote the whole field', 'CSV');
      // Plain characters up to the next special one, in one slice.
      let j = i + 1;
      while (j < n) {
        const cj = chunk.charCodeAt(j);
        if (cj === d || cj === 10 || cj === 13 || cj === 34) break;
        j++;
      }
      this.field += chunk.slice(i, j);
      i = j;
    }
    this.carry(n);
  }

  /**
   * Skips the line ends from `i` on (blank lines, no record), counting them as the record ends
   * of empty records would be; returns where the next record starts. In one pass: a file of
   * line ends alone (a gzip bomb) took four minutes a GiB one record at a time.
   */
  private blankLines(chunk: string, i: number): number {
    const n = chunk.length;
    let j = i;
    for (; j < n; j++) {
      const c = chunk.charCodeAt(j);
      if (c === 10) this.line++;
      else if (c === 13) {
        this.line++;
        if (j + 1 === n)
          this.pendingCR = true; // its \n, if any, opens the next chunk
        else if (chunk.charCodeAt(j + 1) === 10) j++;
      } else break;
    }
    this.recordLine = this.line;
    this.carried = 0;
    this.recordStart = j;
    return j;
  }

  /** The chunk ends inside a record: its characters so far are carried to the next one. */
  private carry(n: number): void {
    this.carried += n - this.recordStart;
    this.checkLength(this.carried);
  }

  private checkLength(length: number): void {
    if (length > this.maxRecord)
      throw new LogError(
        this.file,
        this.recordLine,
        1,
        `a row longer than ${wholeNumber(this.maxRecord)} characters, the most etomsim reads as one row of a CSV log (a quote never closed makes the rest of the file one field; is the file a CSV log?)`,
        'CSV',
      );
  }

  end(record: (rec: string[], row: number) => void): void {
    if (this.quoted) throw new LogError(this.file, this.recordLine, this.record.length + 1, 'a quoted field is never closed', 'CSV');
    if (this.field.length > 0 || this.record.length > 0) {
      this.record.push(this.field);
      record(this.record, this.recordLine);
    }
  }

  private countLines(chunk: string, from: number, to: number): void {
    for (let k = chunk.indexOf('\n', from); k >= 0 && k < to; k = chunk.indexOf('\n', k + 1)) this.line++;
  }
}

/** Which column index plays each role; the user's names first, then the known ones. */
export function mapColumns(header: string[], chosen: ColumnChoice, file: string): Partial<Record<Role, number>> {
  const map: Partial<Record<Role, number>> = {};
  const byName = new Map(header.map((h, i) => [h.trim(), i] as const));
  const byNormal = new Map<string, number>();
  header.forEach((h, i) => {
    if (!byNormal.has(normalise(h))) byNormal.set(normalise(h), i);
  });
  for (const role of Object.keys(KNOWN) as Role[]) {
    const named = chosen[role];
    if (named !== undefined) {
      const i = byName.get(named) ?? byNormal.get(normalise(named));
      if (i === undefined)
        throw new LogError(
          file,
          1,
          1,
          `no column '${named}' for --${role}; the columns are ${listedNames(header)}${didYouMean(named, header)}`,
          'header',
        );
      map[role] = i;
    }
  }
  const taken = new Set(Object.values(map));
  for (const role of Object.keys(KNOWN) as Role[]) {
    if (map[role] !== undefined) continue;
    for (const name of KNOWN[role]) {
      const i = byNormal.get(normalise(name));
      if (i !== undefined && !taken.has(i)) {
        map[role] = i;
        taken.add(i);
        break;
      }
    }
  }
  // A column read under a name another column has too (the same name, or the same when compared as
  // KNOWN's are): which one is meant cannot be told (session 59: the first was read, or the last
  // where an option named it exactly, without a word), refused at the second.
  for (const [role, i] of Object.entries(map) as [Role, number][]) {
    const named = chosen[role];
    const exact = named !== undefined && header[i]!.trim() === named;
    const twins = header.flatMap((h, k) => ((exact ? h.trim() === named : normalise(h) === normalise(header[i]!)) ? [k] : []));
    const first = header[twins[0]!]!.trim();
    if (twins.length > 1)
      throw new LogError(
        file,
        1,
        twins[1]! + 1,
        `columns ${twins
          .slice(0, -1)
          .map((k) => k + 1)
          .join(
            ', ',
          )} and ${twins.at(-1)! + 1} are each '${first}'${twins.every((k) => header[k]!.trim() === first) ? '' : ' (compared without case, spaces, _ or -)'}: which is the ${role} cannot be told; rename one`,
        'header',
      );
  }
  for (const role of ['case', 'activity'] as const) {
    if (map[role] === undefined) {
      throw new LogError(file, 1, 1, `no ${role} column: name it with --${role} COLUMN; the columns are ${listedNames(header)}`, 'header');
    }
  }
  if (map.end === undefined && map.start === undefined) {
    throw new LogError(
      file,
      1,
      1,
      `no timestamp column: name it with --end COLUMN (and --start COLUMN if the log has start times); the columns are ${listedNames(header)}`,
      'header',
    );
  }
  return map;
}

export async function readCsvLog(file: string, chunks: AsyncIterable<string>, options: CsvOptions): Promise<EventLog> {
  const limits = options.limits ?? LOG_LIMITS;
  const builder = new EventLogBuilder(file, 'csv', limits.events);
  let records: CsvRecords | null = null;
  let header: string[] | null = null;
  let map: ColumnMap = {};
  let firstChunk = true;
  const run = new CaseRun(builder, RUN_ROWS);
  const activities = new DistinctActivities(limits.activities);
  const consume = (rec: string[], row: number) => {
    if (header === null) {
      header = rec.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h));
      map = mapColumns(header, options.columns, file);
      if (map.suspensions !== undefined && options.columns.suspensions === undefined && !etomsimLayout(header)) {
        builder.note(
          "columns named 'suspensions' in a log etomsim did not write",
          "column named 'suspensions' in a log etomsim did not write",
          "ignored: read as pauses (ISO 8601 intervals FROM/TO) only in etomsim's own CSV log, or when named with --suspensions COLUMN",
          `row 1, column ${map.suspensions + 1}`,
        );
        map = Object.fromEntries(Object.entries(map).filter(([role]) => role !== 'suspensions')); // no delete: map is read per row
      }
      if (map.suspensions !== undefined && etomsimLayout(header)) {
        const units = header.findIndex((h) => h.trim() === 'units');
        if (units >= 0) map = { ...map, units };
      }
      return;
    }
    addRow(builder, run, rec, row, header, map, options.timestamps, file);
    if (!activities.admits(cell(rec, map.activity)))
      throw new LogError(file, row, map.activity! + 1, tooManyActivities(activities.max), `column '${header[map.activity!]}'`);
  };
  for await (let chunk of chunks) {
    if (firstChunk) {
      firstChunk = false;
      chunk = chunk.replace(/^\uFEFF/, '');
      const delimiter = options.delimiter ?? sniffDelimiter(chunk.slice(0, Math.max(0, chunk.indexOf('\n')) || chunk.length));
      records = new CsvRecords(delimiter.charCodeAt(0), file, limits.item, limits.columns);
    }
    records!.feed(chunk, consume);
  }
  if (records === null) throw new LogError(file, 1, 1, 'the file is empty: a log needs a header and at least one event', WHOLE_FILE);
  records.end(consume);
  run.flush();
  if (header === null) throw new LogError(file, 1, 1, 'the file is empty: a log needs a header and at least one event', WHOLE_FILE);
  const columns: Record<string, string> = {};
  for (const [role, i] of Object.entries(map)) columns[role] = (header as string[])[i as number];
  return builder.finish(columns);
}

/**
 * The most rows of one case's run a lifecycle CSV holds to put in time order (CaseRun): a case of
 * more (a machine's log under one id) is ordered in parts of this many. Held whole, a million rows
 * of one case peaked at 890 MB where the columnar log takes 180 MB; in parts of 4,096, 180 MB
 * (session 60's performance notes).
 */
const RUN_ROWS = 4_096;

/**
 * A lifecycle log's rows of one case, a run of consecutive rows (most exports group a case's
 * rows, as pm4py writes them), given to the builder in time order as an XES trace's events are
 * (timeOrder): paired in the file's order, a complete above its start made an instance
 * without a start and a start never completed (session 60). Rows of a case apart in the file
 * are runs apart, each ordered alone. At most `most` rows are held: a longer run is ordered in
 * parts.
 */
class CaseRun {
  private caseId = '';
  /** the rows held and, beside them, their transitions (no object a row: a run in time order, the common case, costs a scan) */
  private readonly events: TransitionEvent[] = [];
  private readonly transitions: string[] = [];

  constructor(
    private readonly builder: EventLogBuilder,
    private readonly most: number,
  ) {}

  add(e: TransitionEvent, transition: string): void {
    if (e.caseId !== this.caseId || this.events.length >= this.most) {
      this.flush();
      this.caseId = e.caseId;
    }
    this.events.push(e);
    this.transitions.push(transition);
  }

  /** Gives the rows held to the builder, in time order. */
  flush(): void {
    const { events, transitions, builder } = this;
    const n = events.length;
    if (n === 0) return;
    const order = timeOrder(n, (i) => events[i]!.at.ms);
    if (order === null) for (let i = 0; i < n; i++) builder.addTransition(events[i]!, transitions[i]!);
    else {
      builder.outOfOrder('case', events[0]!.row);
      for (const i of order) builder.addTransition(events[i]!, transitions[i]!);
    }
    events.length = 0;
    transitions.length = 0;
  }
}

/**
 * The header of etomsim's own CSV log (every column it writes, in any order, others beside):
 * there `suspensions` is its pause intervals. Elsewhere a column of that name may hold
 * anything (a count, say), so it is read only when the user names it.
 */
function etomsimLayout(header: string[]): boolean {
  const names = new Set(header.map((h) => h.trim()));
  return CSV_LOG_COLUMNS.every((c) => names.has(c) || LATER_CSV_LOG_COLUMNS.has(c));
}

/** Where each role's column is; `units` only in etomsim's own CSV log (the unit of each stretch of work, `;`-joined). */
type ColumnMap = Partial<Record<Role | 'units', number>>;

function addRow(
  builder: EventLogBuilder,
  run: CaseRun,
  rec: string[],
  row: number,
  header: string[],
  map: ColumnMap,
  timestamps: TimestampParser,
  file: string,
): void {
  if (rec.length !== header.length) {
    builder.note(
      'rows with a different number of fields than the header',
      'row with a different number of fields than the header',
      'read by position; missing fields are empty',
      `row ${row}`,
    );
  }
  const caseId = cell(rec, map.case);
  const activity = cell(rec, map.activity);
  if (caseId === '') throw new LogError(file, row, map.case! + 1, 'empty case: every event needs one', `column '${header[map.case!]}'`);
  if (activity === '')
    throw new LogError(file, row, map.activity! + 1, 'empty activity: every event needs one', `column '${header[map.activity!]}'`);
  const start = time(rec, map.start, timestamps, file, row, header);
  const end = time(rec, map.end, timestamps, file, row, header);
  const enabled = time(rec, map.enabled, timestamps, file, row, header);
  const resource = cell(rec, map.resource);
  const role = cell(rec, map.role);
  const flow = cell(rec, map.flow);
  // Each row's event is one object literal, not a spread of a common part (a second object a row)
  if (map.lifecycle !== undefined && (map.start === undefined || map.end === undefined)) {
    const at = end ?? start;
    const column = (map.end ?? map.start)!;
    if (at === null) throw new LogError(file, row, column + 1, 'empty timestamp: every event needs one', `column '${header[column]}'`);
    run.add({ caseId, activity, resource, role, flow, enabled, row, at }, cell(rec, map.lifecycle));
    return;
  }
  if (end === null) {
    const base = { caseId, activity, resource, role, flow, enabled, row };
    if (start !== null && map.end === undefined) {
      builder.add({ ...base, start: null, end: start }); // the only timestamp column is --start
      return;
    }
    if (start === null) {
      const column = (map.end ?? map.start)!;
      throw new LogError(file, row, column + 1, 'empty timestamp: every event needs one', `column '${header[column]}'`);
    }
    // under way when the log was exported: an XES start never completed, read by the same rule
    if (map.suspensions === undefined) builder.addUnfinished({ ...base, start });
    else {
      const pauses = suspensions(rec, map.suspensions, timestamps, file, row, header);
      builder.addUnfinished({ ...base, start, pauses, resource: lastUnit(rec, map, base.resource) });
    }
    return;
  }
  if (start !== null && end.ms < start.ms) {
    throw new LogError(
      file,
      row,
      map.end! + 1,
      `the end (${cell(rec, map.end)}) precedes the start (${cell(rec, map.start)})`,
      `column '${header[map.end!]}'`,
    );
  }
  // The suspensions column out of line, so this per-row function stays as small as it was: a
  // `pauses: undefined` on every row cost a million-row read about a second of CPU.
  const e = { caseId, activity, resource, role, flow, enabled, row, start, end };
  if (map.suspensions !== undefined) addPaused(builder, e, rec, map, timestamps, file, header);
  else builder.add(e);
}

function addPaused(
  builder: EventLogBuilder,
  e: RawEvent,
  rec: string[],
  map: ColumnMap,
  timestamps: TimestampParser,
  file: string,
  header: string[],
): void {
  e.pauses = suspensions(rec, map.suspensions!, timestamps, file, e.row, header);
  e.resource = lastUnit(rec, map, e.resource);
  builder.add(e);
}

/**
 * A task resumed on another unit: its resource is the unit of its last stretch, as a lifecycle
 * log's instance takes that of its latest resume (event-log.ts), so the CSV reads as the XES.
 */
function lastUnit(rec: string[], map: ColumnMap, resource: string): string {
  const units = cell(rec, map.units);
  return units === '' ? resource : units.slice(units.lastIndexOf(';') + 1);
}

/** A `suspensions` cell: `FROM/TO;FROM/TO` (ISO 8601 intervals), as [from, to, ...] in ms; empty: none. */
function suspensions(rec: string[], i: number, timestamps: TimestampParser, file: string, row: number, header: string[]): number[] {
  const text = cell(rec, i);
  const pauses: number[] = [];
  if (text === '') return pauses;
  for (const interval of text.split(';')) {
    const ends = interval.split('/');
    const from = ends.length === 2 ? timestamps.parse(ends[0].trim()) : null;
    const to = ends.length === 2 ? timestamps.parse(ends[1].trim()) : null;
    if (from === null || to === null)
      throw new LogError(
        file,
        row,
        i + 1,
        `'${interval.trim().slice(0, 60)}' is not a suspension; expected ISO 8601 intervals FROM/TO separated by ';', like 2024-03-31T18:00:00Z/2024-04-01T08:00:00Z`,
        `column '${header[i]}'`,
      );
    if (timestamps.skipped.count > 0 && timestamps.skipped.where === '') timestamps.skipped.where = `row ${row}, column ${i + 1}`;
    pauses.push(from.ms, to.ms);
  }
  return pauses;
}

function cell(rec: string[], i: number | undefined): string {
  if (i === undefined) return '';
  const v = rec[i];
  if (v === undefined) return '';
  // trim only when needed: most cells have no surrounding space
  return v.length > 0 && (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32) ? v.trim() : v;
}

function time(
  rec: string[],
  i: number | undefined,
  timestamps: TimestampParser,
  file: string,
  row: number,
  header: string[],
): Instant | null {
  const text = cell(rec, i);
  if (text === '') return null;
  const t = timestamps.parse(text);
  if (t === null) {
    throw new LogError(
      file,
      row,
      i! + 1,
      `'${text.slice(0, 40)}' is not a timestamp; expected ISO 8601 like 2024-03-31T14:05:00 or 2024-03-31 14:05:00+02:00`,
      `column '${header[i!]}'`,
    );
  }
  if (timestamps.skipped.count > 0 && timestamps.skipped.where === '') timestamps.skipped.where = `row ${row}, column ${i! + 1}`;
  return t;
}
