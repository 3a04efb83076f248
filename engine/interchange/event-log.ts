// An event log as read: one activity instance per entry, columnar, strings dictionary-encoded,
// so a million events take tens of megabytes whatever the file's size. Invariant: every entry
// has a case, an activity and an end instant; a start is NaN when the log has none; entries
// are in the order they were read (the readers never sort, but for a case's lifecycle events out
// of time order, which they give in time order: timeOrder). An entry's pauses (suspend to
// resume, from the lifecycle or etomsim's `suspensions` column) are in time order, disjoint,
// within its start and end, and `suspended` is their sum: so end - start - suspended, the
// time the instance was worked on, is never negative. A log without pauses has none (0).
//
// Lifecycle logs (a row or event per transition) are paired here, per case and activity. An
// open instance's resource is that of its latest start or resume, and each transition takes
// an instance of its own resource when one fits, else any:
// - `start` opens an instance;
// - `suspend` pauses the earliest running instance;
// - `resume` ends the earliest pause (by its suspend's time); with nothing open it opens an
//   instance (its work is known from there), which a later `start` by the same resource
//   leaves out (the resume was a stray, say after the complete) and which a `complete` of
//   another resource takes only when no instance opened by a start is open;
// - `complete` (or no transition) closes the earliest running instance, else the earliest
//   suspended one, else stands alone (an instance without a start);
// - `ate_abort` and `pi_abort` close an instance as `complete` would, left out of the entries
//   (never completed) and kept aside as cut by the abort (EventLog.cutByAbort);
// - a transition that fits no instance is counted in the notes with its row (a stray resume's
//   own row) and handled as the note says (see MALFORMED), never dropped silently and never fatal;
// - other transitions (`schedule`, `assign`...) are counted and ignored, unless the log has none
//   of the above: then its transitions are its own states, not XES's lifecycle (BPIC 2013's
//   'In Progress', 'Awaiting Assignment'), and each such event is a completion, as in a log
//   without transitions. Until the first known transition they are kept as completions, and
//   taken out when one comes (finish), so a log's reading never depends on its order.
import { tooManyEvents } from './log-limits.js';
import { type OpenInstance, OpenInstances } from './open-instances.js';
import type { Instant } from './timestamps.js';
import { placedLine, toldProblems, WHOLE_FILE } from '../io/placed-line.js';

export interface EventLog {
  file: string;
  format: 'csv' | 'xes' | 'ocel';
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
  offset: Int16Array; // minutes east of UTC of the wall clock of the end
  startOffset: Int16Array; // the same of the start (the end's where there is none): a DST change may fall between them
  row: Int32Array; // where the entry was read (CSV row; XES line)
  /** ms the instance was suspended: the sum of its pauses; 0 when it has none */
  suspended: Float64Array;
  /** entry e's pauses are pauseFrom/pauseTo[pauseIndex[e] .. pauseIndex[e + 1]) (epoch ms); size + 1 entries */
  pauseIndex: Int32Array;
  pauseFrom: Float64Array;
  pauseTo: Float64Array;
  /** true when no entry had a start time: the discovery estimates them */
  completionOnly: boolean;
  /**
   * Instances started and never completed, under way when the log ends (at work, or suspended
   * and never resumed), in row order: a lifecycle log's start without a complete, a CSV row with
   * a start and an empty end. No entry of the log, but discovery reads those whose case went no
   * further, or only in parallel branches, as durations at least as long as their age (censored;
   * censored-instances.ts)
   */
  unfinished: UnfinishedInstance[];
  /**
   * The cases with an abort event (`pi_abort`, `ate_abort`), one each, in the order of their
   * first: no entry of the log (an aborted instance is left out), but a case given up is a case
   * that arrived (etomsim's own logs write one `pi_abort` per cancelled case: discover counts
   * the arrivals of those with no entry, fidelity compares the cancellations; etomsim addition)
   */
  aborts: AbortedCase[];
  /**
   * Instances an abort (`ate_abort`, `pi_abort`) closed, in row order: no entry of the log (never
   * completed), but each had lasted that long when the cancellation cut it, which discovery
   * reads as a duration at least as long (censored; etomsim addition, session 36)
   */
  cutByAbort: CutInstance[];
  /**
   * Cases the log shows with no event, by their arrival alone (an XES trace without events that
   * carries an `arrival` date: etomsim's case open at the horizon that never started a task), in
   * the order read: discover counts their arrivals (etomsim addition, session 35)
   */
  waiting: WaitingCase[];
  /**
   * The log dates its cases apart from their events (an XES trace's `arrival`, an OCEL case
   * object's dated attribute, as etomsim writes every case: in OCEL, a log whose events relate
   * their case as "case"; another tool's OCEL only by a case it shows with no event, session 41),
   * so a case that arrived and started
   * no task would show (`waiting`) and one not shown had not arrived. A property of the log's
   * form, not of its cases: etomsim's log with no case waiting at its end has it too (fidelity
   * counts a simulated case shown by its arrival alone as arrived by it; etomsim addition)
   */
  showsArrivals: boolean;
  /** what was seen and how it was handled (counts; never silently dropped) */
  notes: LogNote[];
  columns: Record<string, string>; // role -> the source column or XES key used
}

/** An instance a log started and never completed (a lifecycle start, a CSV row with an empty end). */
export interface UnfinishedInstance {
  caseId: string;
  activity: string;
  resource: string;
  role: string;
  /** its flow column's value ('' without one) */
  flow: string;
  /** epoch ms, and minutes east of UTC of its wall clock */
  start: number;
  offset: number;
  row: number;
  /** its pauses so far, [from, to, ...] epoch ms */
  pauses: readonly number[];
  /**
   * epoch ms of the suspend that paused it last, never resumed: under way at the log's end but
   * not at work since (its work ends there); absent when it was at work at the log's end
   */
  suspendedAt?: number;
}

/** An instance an abort closed (EventLog.cutByAbort): its work ended at `end`, the abort. */
export interface CutInstance extends UnfinishedInstance {
  /** epoch ms of the abort, and minutes east of UTC of its wall clock */
  end: number;
  endOffset: number;
}

/** A case shown by its arrival alone (EventLog.waiting). */
export interface WaitingCase {
  caseId: string;
  /** its flow attribute's value ('' without one) */
  flow: string;
  /** epoch ms of its arrival, and minutes east of UTC of its wall clock */
  ms: number;
  offset: number;
  row: number;
}

/** A case with an abort event (EventLog.aborts). */
export interface AbortedCase {
  caseId: string;
  /** its flow column's value ('' without one) */
  flow: string;
  /** the activity of its first abort event */
  activity: string;
  /** epoch ms of its first `pi_abort` (the case given up); NaN when it has only `ate_abort`s */
  at: number;
  /** epoch ms of the earliest instant its abort events give: an aborted instance's start, an abort's enabled time (etomsim writes the task's), else the abort's own */
  first: number;
  /** minutes east of UTC of the wall clock of that first abort event */
  offset: number;
  row: number;
}

export interface LogNote {
  /** what is counted, for a count other than 1 ("starts never completed"); the note's identity */
  kind: string;
  /** the same for a count of 1 ("start never completed") */
  one: string;
  count: number;
  /** how discover takes them */
  handling: string;
  /** how fidelity takes them, where `handling` speaks for discover alone (discovery's fits, its teams); absent: as `handling` says */
  compared?: string;
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
  /**
   * Renumbers ids[0..n) onto the values they use, in the order of their first use there (-1,
   * none, stays): as a log of those entries alone numbers them, whatever entries were dropped
   * (ids are only given as entries are made, in their order).
   */
  keepUsed(ids: Int32Array, n: number): void {
    const renumber = new Int32Array(this.values.length).fill(-1);
    const used: string[] = [];
    for (let i = 0; i < n; i++) {
      const v = ids[i];
      if (v < 0) continue;
      if (renumber[v] < 0) renumber[v] = used.push(this.values[v]) - 1;
      ids[i] = renumber[v];
    }
    this.index.clear();
    this.values.length = used.length;
    for (let k = 0; k < used.length; k++) {
      this.values[k] = used[k];
      this.index.set(used[k], k);
    }
  }
}

class Column<T extends Int32Array | Float64Array | Int16Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(4096);
  }
  set(i: number, v: number): void {
    if (i >= this.data.length) this.grow(i);
    this.data[i] = v;
  }
  private grow(i: number): void {
    let length = this.data.length * 2;
    while (length <= i) length *= 2; // a column started late (the pauses') may be far behind
    const bigger = this.make(length);
    bigger.set(this.data);
    this.data = bigger;
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
  /** the instance's pauses, [from, to, from, to, ...] in epoch ms: in time order, within start and end */
  pauses?: readonly number[];
}

/**
 * Lifecycle sequences that fit no instance, as the notes count them (kind for a count of
 * several and of one, handling). The
 * handling keeps every instant the log gives and invents none: a pause is known from its
 * suspend to its resume, work from a start or a resume to a suspend or the complete.
 */
export const MALFORMED = {
  suspendIdle: [
    'suspends without a running instance (no start, or suspended already)',
    'suspend without a running instance (no start, or suspended already)',
    'ignored: there is no work to pause',
  ],
  suspendEarly: [
    'suspends earlier than the start or resume before them',
    'suspend earlier than the start or resume before it',
    'ignored: the instance is taken as at work',
  ],
  resumeRunning: ['resumes of an instance not suspended', 'resume of an instance not suspended', 'ignored: it is at work already'],
  resumeAlone: [
    'resumes without a suspend or a start',
    'resume without a suspend or a start',
    "taken as the instance's start: its work is known from there",
  ],
  resumeRestarted: [
    'resumes without a suspend or a start, followed by a start of the activity by the same resource',
    'resume without a suspend or a start, followed by a start of the activity by the same resource',
    'left out: the start began the activity again (the resume was a stray, after a complete say)',
  ],
  resumeNeverCompleted: [
    'resumes without a suspend or a start, never completed',
    'resume without a suspend or a start, never completed',
    'left out: an activity instance needs its end',
  ],
  resumeEarly: ['resumes earlier than their suspend', 'resume earlier than its suspend', 'the pause is taken as 0'],
  completeSuspended: [
    'completes of a suspended instance (no resume)',
    'complete of a suspended instance (no resume)',
    'the pause is taken to last until the complete',
  ],
  completeEarly: [
    'completes earlier than a suspend or resume of their instance',
    'complete earlier than a suspend or resume of its instance',
    'its pauses are dropped: the instance is taken as at work from start to complete',
  ],
  neverResumed: [
    'instances suspended and never resumed or completed',
    'instance suspended and never resumed or completed',
    "under way at the log's end like a start never completed: no entry of the log; discovery fits one still running at the log's end (its case went no further) as a censored duration, its work before the suspend",
  ],
  aborted: [
    'instances aborted (ate_abort, pi_abort)',
    'instance aborted (ate_abort, pi_abort)',
    'no entry (never completed); discovery fits each as a duration at least as long as it had run (censored)',
  ],
  pausesOutside: [
    'suspensions outside their instance or out of time order',
    'suspension outside its instance or out of time order',
    'dropped: the instance is taken as at work from start to end',
  ],
} as const satisfies Record<string, readonly [string, string, string]>;

/** How fidelity takes an instance under way at the log's end (EventLog.unfinished) (LogNote.compared). */
const UNFINISHED_COMPARED =
  "not an entry of the log (an instance needs its end), so in no step's times; a case shown by them alone counted among the cases arrived, at its first start";

/** Of MALFORMED's handlings that speak for discovery's fits, how fidelity takes the same instances (LogNote.compared). */
const MALFORMED_COMPARED: Partial<Record<keyof typeof MALFORMED, string>> = {
  aborted:
    "no entry (never completed), so in no step's times; their cases counted among the cases arrived (and cancelled, given a pi_abort)",
  neverResumed: UNFINISHED_COMPARED,
};

/** A lifecycle event: a row with one instant and, beside it, its transition. */
export type TransitionEvent = Omit<RawEvent, 'start' | 'end' | 'pauses'> & { at: Instant };

/** Builds an EventLog from rows, and from the lifecycle transitions of lifecycle logs. */
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
  private readonly startOffset = new Column((n) => new Int16Array(n));
  private readonly row = new Column((n) => new Int32Array(n));
  private readonly suspended = new Column((n) => new Float64Array(n));
  private readonly pauseIndex = new Column((n) => new Int32Array(n));
  private readonly pauseFrom = new Column((n) => new Float64Array(n));
  private readonly pauseTo = new Column((n) => new Float64Array(n));
  private pauses = 0;
  /** an entry had pauses: the pause columns are kept from then on */
  private paused = false;
  private size = 0;
  /** the events given (entries and transitions), counted against maxEvents */
  private read = 0;
  private withStart = 0;
  private readonly notes = new Map<string, LogNote>();
  /** lifecycle logs: open instances per case and activity */
  private readonly open = new Map<string, OpenInstances>();
  /** what opened each open instance, for the unfinished ones at the end */
  private readonly openedBy = new WeakMap<OpenInstance, TransitionEvent>();
  /** transitions of XES's lifecycle seen (start, complete, suspend, resume, an abort, none) */
  private known = 0;
  /** entries made of other transitions while none was known: dropped at finish if one comes */
  private readonly provisional = new Column((n) => new Int32Array(n));
  private provisionals = 0;
  /** the cases shown by their arrival alone */
  private readonly waiting: WaitingCase[] = [];
  /** EventLog.showsArrivals */
  private datesCases = false;
  /** instances a row gave with a start and no end (addUnfinished) */
  private readonly unfinishedRows: UnfinishedInstance[] = [];
  private readonly cutByAbort: CutInstance[] = [];
  /** the cases with an abort event, by case id, in the order of their first */
  private readonly aborts = new Map<string, AbortedCase>();
  /** the notes of other transitions, by their kind */
  private readonly otherKinds = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly format: 'csv' | 'xes' | 'ocel',
    /** LOG_LIMITS.events for a log read; a replication's own log (fidelity) is bounded by its run instead */
    private readonly maxEvents: number,
  ) {}

  /** Counts an event given, refused past maxEvents: a log's memory grows with each (log-limits.ts). */
  private count(row: number): void {
    if (++this.read > this.maxEvents)
      throw new LogError(this.file, row, 1, tooManyEvents(this.maxEvents), this.format === 'ocel' ? 'OCEL' : this.format.toUpperCase());
  }

  /**
   * Counts `count` (by default one) more of `kind` (`one`: its phrase for a count of 1), with how
   * discover handles it, where the first is, and how fidelity does where that differs (LogNote.compared).
   */
  note(kind: string, one: string, handling: string, example: string, count = 1, compared?: string): void {
    const n = this.notes.get(kind);
    if (n) n.count += count;
    else
      this.notes.set(
        kind,
        compared === undefined ? { kind, one, count, handling, example } : { kind, one, count, handling, compared, example },
      );
  }

  /**
   * Notes a case whose events came out of time order (an XES trace, a CSV case's lifecycle rows),
   * which its reader then gave in time order (timeOrder): `line`, where the case starts.
   */
  outOfOrder(holder: 'trace' | 'case', line: number): void {
    const what =
      holder === 'trace'
        ? ['traces whose events are', 'trace whose events are']
        : ['cases whose lifecycle rows are', 'case whose lifecycle rows are'];
    this.note(
      `${what[0]} not in time order`,
      `${what[1]} not in time order`,
      "read in time order (the file's order among those of one time): a start, suspend, resume and complete are paired as they happened",
      `${holder === 'trace' ? 'line' : 'row'} ${line}`,
    );
  }

  private malformed(which: keyof typeof MALFORMED, row: number): void {
    const [kind, one, handling] = MALFORMED[which];
    this.note(kind, one, handling, `row ${row}`, 1, MALFORMED_COMPARED[which]);
  }

  /** An activity instance (a row with its start, or without one). */
  add(e: RawEvent): void {
    this.count(e.row);
    this.entry(e);
  }

  private entry(e: RawEvent): void {
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
    this.startOffset.set(i, e.start === null ? e.end.offset : e.start.offset);
    this.row.set(i, e.row);
    if (e.start !== null) this.withStart++;
    // Most logs have no pauses: their columns are made at the end, all zeros (a million-row read peaked 30 MB higher otherwise).
    if (e.pauses !== undefined && e.pauses.length > 0) this.addPauses(i, e);
    else if (this.paused) {
      this.suspended.set(i, 0);
      this.pauseIndex.set(i + 1, this.pauses);
    }
  }

  /** Entry i's pauses; from the first one on, every entry sets its suspended and pauseIndex (those before are 0). */
  private addPauses(i: number, e: RawEvent): void {
    const pauses = e.pauses!;
    this.paused = true;
    let suspended = 0;
    if (e.start !== null && pausesFit(e.start.ms, e.end.ms, pauses)) {
      for (let k = 0; k < pauses.length; k += 2) {
        if (pauses[k + 1] === pauses[k]) continue; // suspended and resumed at once: no pause
        this.pauseFrom.set(this.pauses, pauses[k]);
        this.pauseTo.set(this.pauses, pauses[k + 1]);
        this.pauses++;
        suspended += pauses[k + 1] - pauses[k];
      }
    } else this.malformed('pausesOutside', e.row);
    this.suspended.set(i, suspended);
    this.pauseIndex.set(i + 1, this.pauses);
  }

  /** A lifecycle event, paired per case and activity as the module header says. */
  addTransition(e: TransitionEvent, transition: string): void {
    this.count(e.row);
    const key = `${e.caseId}\u0000${e.activity}`;
    const t = transition.toLowerCase();
    const list = this.open.get(key);
    const ms = e.at.ms;
    if (t === 'start') this.begin(key, list, e, false);
    else if (t === 'suspend') {
      const o = list?.toSuspend(e.resource);
      if (o === undefined) this.malformed('suspendIdle', e.row);
      else if (ms < o.last) this.malformed('suspendEarly', e.row);
      else {
        o.suspendedAt = o.last = ms;
        o.suspendRow = e.row;
        list!.changed(o);
      }
    } else if (t === 'resume') {
      const o = list?.toResume(e.resource);
      if (list === undefined) this.begin(key, list, e, true);
      else if (o === undefined) this.malformed('resumeRunning', e.row);
      else {
        if (ms < o.suspendedAt) this.malformed('resumeEarly', e.row);
        else if (ms > o.suspendedAt) o.pauses.push(o.suspendedAt, ms);
        o.last = Math.max(ms, o.suspendedAt);
        o.suspendedAt = Number.NaN;
        o.resource = e.resource;
        list.changed(o);
      }
    } else if (t === 'ate_abort' || t === 'pi_abort') {
      let first = e.enabled ? Math.min(e.enabled.ms, ms) : ms;
      if (list !== undefined) {
        const o = this.close(key, list, list.toClose(e.resource)!);
        if (o.fromResume) this.malformed('resumeAlone', o.row);
        else if (ms >= o.last) {
          const opened = this.openedBy.get(o)!;
          const pauses = [...o.pauses];
          if (!Number.isNaN(o.suspendedAt) && ms > o.suspendedAt) pauses.push(o.suspendedAt, ms);
          this.cutByAbort.push({
            caseId: opened.caseId,
            activity: opened.activity,
            resource: o.resource,
            role: opened.role,
            flow: opened.flow,
            start: o.start.ms,
            offset: o.start.offset,
            row: o.row,
            pauses,
            end: ms,
            endOffset: e.at.offset,
          });
        }
        this.malformed('aborted', e.row);
        first = Math.min(first, o.start.ms);
      } else if (t === 'pi_abort')
        this.note(
          "process instances aborted (lifecycle 'pi_abort') with no instance of the activity open",
          "process instance aborted (lifecycle 'pi_abort') with no instance of the activity open",
          'no instance to close: the case is counted as given up, arrived by then (its enabled time when the event has one, as etomsim writes it)',
          `row ${e.row}`,
        );
      else
        this.note(
          `lifecycle '${t}' events without a start`,
          `lifecycle '${t}' event without a start`,
          'ignored: there is no instance to abort',
          `row ${e.row}`,
        );
      this.abort(e, t === 'pi_abort', first);
    } else if (t === 'complete' || t === '') this.complete(key, list, e);
    else {
      const kind = `lifecycle '${t}' events`;
      this.otherKinds.add(kind);
      this.note(
        kind,
        `lifecycle '${t}' event`,
        'ignored: start, suspend, resume, complete and abort shape an activity instance',
        `row ${e.row}`,
      );
      if (this.known === 0) {
        this.provisional.set(this.provisionals++, this.size);
        this.transitionEntry(e, null);
      }
      return;
    }
    this.known++;
  }

  /**
   * An activity instance a row gives with its start and no end (a CSV's empty end): under way
   * when the log was exported, as a lifecycle log's start never completed (one rule for both).
   */
  addUnfinished(e: Omit<RawEvent, 'start' | 'end'> & { start: Instant }): void {
    this.count(e.row);
    let pauses = e.pauses ?? [];
    if (!pausesFit(e.start.ms, Number.POSITIVE_INFINITY, pauses)) {
      this.malformed('pausesOutside', e.row);
      pauses = [];
    }
    const { caseId, activity, resource, role, flow, row } = e;
    this.unfinishedRows.push({ caseId, activity, resource, role, flow, start: e.start.ms, offset: e.start.offset, row, pauses });
  }

  /** A case shown by its arrival alone (EventLog.waiting); counted against the log's events as one. */
  addWaiting(c: WaitingCase): void {
    this.count(c.row);
    this.waiting.push(c);
    this.datesCases = true;
  }

  /** Notes that the log dates its cases apart from their events (EventLog.showsArrivals). */
  markCasesDated(): void {
    this.datesCases = true;
  }

  /** Notes case e's abort (EventLog.aborts): its first pi_abort, and the earliest instant its aborts give. */
  private abort(e: TransitionEvent, processAbort: boolean, first: number): void {
    const known = this.aborts.get(e.caseId);
    if (known === undefined) {
      this.aborts.set(e.caseId, {
        caseId: e.caseId,
        flow: e.flow,
        activity: e.activity,
        at: processAbort ? e.at.ms : Number.NaN,
        first,
        offset: e.at.offset,
        row: e.row,
      });
      return;
    }
    if (processAbort && Number.isNaN(known.at)) known.at = e.at.ms;
    known.first = Math.min(known.first, first);
  }

  /** Opens an instance at a start, or at a resume with nothing open; a start leaves out its resource's instance opened so. */
  private begin(key: string, list: OpenInstances | undefined, e: TransitionEvent, fromResume: boolean): void {
    const opened: OpenInstance = {
      start: e.at,
      row: e.row,
      resource: e.resource,
      fromResume,
      last: e.at.ms,
      suspendedAt: Number.NaN,
      suspendRow: 0,
      pauses: [],
    };
    this.openedBy.set(opened, e);
    if (list === undefined) this.open.set(key, (list = new OpenInstances()));
    else if (!fromResume) {
      const stray = list.strayResumeOf(e.resource);
      if (stray !== undefined) {
        list.close(stray);
        this.malformed('resumeRestarted', stray.row);
      }
    }
    list.open(opened);
  }

  private complete(key: string, list: OpenInstances | undefined, e: TransitionEvent): void {
    const ms = e.at.ms;
    if (list === undefined) {
      this.transitionEntry(e, null);
      return;
    }
    const o = this.close(key, list, list.toClose(e.resource)!);
    if (o.fromResume) this.malformed('resumeAlone', o.row);
    if (ms < o.start.ms) {
      // as with start and end columns, an end before its start is no duration to fit
      this.note(
        'completes before their start',
        'complete before its start',
        'left out with the start: an end before its start is not a duration',
        `row ${e.row}`,
      );
      return;
    }
    let pauses = o.pauses;
    if (ms < o.last) {
      this.malformed('completeEarly', e.row);
      pauses = [];
    } else if (!Number.isNaN(o.suspendedAt)) {
      this.malformed('completeSuspended', e.row);
      if (ms > o.suspendedAt) pauses.push(o.suspendedAt, ms);
    }
    this.transitionEntry(e, o.start, pauses);
  }

  /**
   * The entry of transition `e` that ends an instance begun at `start`: one object literal, not
   * a spread of `e` (a lifecycle log's read spent about a quarter of its time copying them).
   */
  private transitionEntry(e: TransitionEvent, start: Instant | null, pauses?: number[]): void {
    const { caseId, activity, resource, role, flow, enabled, row, at } = e;
    this.entry({ caseId, activity, resource, role, flow, enabled, row, start, end: at, pauses });
  }

  /** Takes instance o out of its list, and the list out of the open ones once it is empty. */
  private close(key: string, list: OpenInstances, o: OpenInstance): OpenInstance {
    list.close(o);
    if (list.size === 0) this.open.delete(key);
    return o;
  }

  /**
   * The events of transitions other than XES's lifecycle ones: ignored, as noted, when the log
   * has lifecycle ones (their provisional entries taken out); else each is a completion, and
   * their notes become one that says so, with each transition's count.
   */
  private settleOtherTransitions(): void {
    if (this.provisionals === 0) return;
    if (this.known === 0) {
      const others = [...this.otherKinds].map((kind) => this.notes.get(kind)!);
      for (const kind of this.otherKinds) this.notes.delete(kind);
      const total = others.reduce((sum, n) => sum + n.count, 0);
      const listed = others
        .slice(0, 5)
        .map((n) => `${n.kind.slice('lifecycle '.length, -' events'.length)} ${n.count}`)
        .join(', ');
      this.note(
        'events whose lifecycle transition is none of start, complete, suspend, resume or abort',
        'event whose lifecycle transition is none of start, complete, suspend, resume or abort',
        `each taken as a completion, as in a log without transitions: the log's transitions are states of its own, not XES's lifecycle (${listed}${others.length > 5 ? `, and ${others.length - 5} more` : ''})`,
        others[0].example,
        total,
      );
      return;
    }
    // Drop the provisional entries; they have no pauses, so the others' pause indices hold.
    const drop = this.provisional.data;
    let next = 0;
    let kept = 0;
    const columns = Object.values(this.entryColumns());
    for (let i = 0; i < this.size; i++) {
      if (next < this.provisionals && drop[next] === i) {
        next++;
        continue;
      }
      if (kept !== i) {
        for (const c of columns) c.data[kept] = c.data[i];
        if (this.paused) {
          this.suspended.data[kept] = this.suspended.data[i];
          this.pauseIndex.data[kept + 1] = this.pauseIndex.data[i + 1];
        }
      }
      kept++;
    }
    this.size = kept;
    this.provisionals = 0;
    // A case, activity, resource... that only dropped entries had is no longer in the log.
    for (const [dict, column] of [
      [this.caseDict, this.caseOf],
      [this.activityDict, this.activityOf],
      [this.resourceDict, this.resourceOf],
      [this.roleDict, this.roleOf],
      [this.flowDict, this.flowOf],
    ] as const)
      dict.keepUsed(column.data, kept);
  }

  /**
   * The columns of one value per entry, by the EventLog field each becomes: the one list that
   * the drop of provisional entries moves and finish() cuts, so that neither misses a column
   * (entry() sets each; the pause columns, made only once an entry has pauses, are beside it).
   */
  private entryColumns() {
    return {
      caseOf: this.caseOf,
      activityOf: this.activityOf,
      resourceOf: this.resourceOf,
      roleOf: this.roleOf,
      flowOf: this.flowOf,
      start: this.start,
      enabled: this.enabled,
      end: this.end,
      offset: this.offset,
      startOffset: this.startOffset,
      row: this.row,
    };
  }

  finish(columns: Record<string, string>): EventLog {
    // Instances still open, noted at the earliest row of each kind; those a start opened kept
    // aside as under way at the log's end, at work or suspended (since session 39: a suspended
    // one was left out, though under way as much as one at work).
    const left = { running: [] as OpenInstance[], resumed: [] as number[], suspended: [] as OpenInstance[] };
    for (const list of this.open.values()) {
      for (const o of list.instances()) {
        if (o.fromResume) left.resumed.push(o.row);
        else if (!Number.isNaN(o.suspendedAt)) left.suspended.push(o);
        else left.running.push(o);
      }
    }
    const underWay = (o: OpenInstance): UnfinishedInstance => {
      const e = this.openedBy.get(o)!;
      const u: UnfinishedInstance = {
        caseId: e.caseId,
        activity: e.activity,
        resource: o.resource,
        role: e.role,
        flow: e.flow,
        start: o.start.ms,
        offset: o.start.offset,
        row: o.row,
        pauses: o.pauses,
      };
      if (!Number.isNaN(o.suspendedAt)) u.suspendedAt = o.suspendedAt;
      return u;
    };
    const started = [...left.running.map(underWay), ...this.unfinishedRows].sort((a, b) => a.row - b.row);
    for (const u of started)
      this.note(
        'starts never completed',
        'start never completed',
        "not an entry of the log (an instance needs its end); discovery fits those still running at the log's end as censored durations",
        `row ${u.row}`,
        1,
        UNFINISHED_COMPARED,
      );
    for (const row of left.resumed.sort((a, b) => a - b)) this.malformed('resumeNeverCompleted', row);
    left.suspended.sort((a, b) => a.suspendRow - b.suspendRow);
    for (const o of left.suspended) this.malformed('neverResumed', o.suspendRow);
    const unfinished = left.suspended.length === 0 ? started : [...started, ...left.suspended.map(underWay)].sort((a, b) => a.row - b.row);
    this.open.clear();
    this.settleOtherTransitions();
    const n = this.size;
    const cut = <T extends Int32Array | Float64Array | Int16Array>(c: Column<T>, length = n) => c.data.slice(0, length) as T;
    return {
      file: this.file,
      format: this.format,
      size: n,
      cases: this.caseDict.values,
      activities: this.activityDict.values,
      resources: this.resourceDict.values,
      roles: this.roleDict.values,
      flows: this.flowDict.values,
      ...cutColumns(this.entryColumns(), n),
      suspended: this.paused ? cut(this.suspended) : new Float64Array(n),
      pauseIndex: this.paused ? cut(this.pauseIndex, n + 1) : new Int32Array(n + 1),
      pauseFrom: cut(this.pauseFrom, this.pauses),
      pauseTo: cut(this.pauseTo, this.pauses),
      completionOnly: this.withStart === 0,
      unfinished,
      aborts: [...this.aborts.values()],
      cutByAbort: this.cutByAbort.sort((a, b) => a.row - b.row),
      waiting: this.waiting,
      showsArrivals: this.datesCases,
      notes: [...this.notes.values()],
      columns,
    };
  }
}

/** Each column's first n values, under the same names. */
function cutColumns<C extends Record<string, Column<Int32Array | Float64Array | Int16Array>>>(
  columns: C,
  n: number,
): { [K in keyof C]: C[K]['data'] } {
  const cut = {} as { [K in keyof C]: C[K]['data'] };
  for (const name in columns) cut[name] = columns[name].data.slice(0, n);
  return cut;
}

/**
 * The order that puts one case's events in time order, keeping the file's among equal instants
 * (a stable sort): null when they are in it already (the common case, which costs one scan and
 * leaves a case's entries in the order read). Lifecycle transitions are paired in the order given
 * (EventLogBuilder.addTransition), so a case's must come in time order.
 */
export function timeOrder(n: number, ms: (i: number) => number): number[] | null {
  for (let i = 1; i < n; i++)
    if (ms(i) < ms(i - 1)) {
      const order = Array.from({ length: n }, (_, k) => k);
      return order.sort((x, y) => ms(x) - ms(y)); // stable since ES2019
    }
  return null;
}

/** Pauses [from, to, ...] in time order, within [start, end]. */
function pausesFit(start: number, end: number, pauses: readonly number[]): boolean {
  let at = start;
  for (let k = 0; k < pauses.length; k += 2) {
    if (!(pauses[k] >= at && pauses[k + 1] >= pauses[k])) return false;
    at = pauses[k + 1];
  }
  return at <= end;
}

/** The time entry e was at work, in ms: from start to end less its pauses (0 without a start). */
export function activeMs(log: EventLog, e: number, start: number): number {
  return Number.isNaN(start) ? 0 : log.end[e] - start - log.suspended[e];
}

/**
 * Entry e's stretches of work, in order: [start, first pause), ..., [last resume, end]; `start`
 * is the caller's (discovery's estimate where the log has none: such entries have no pauses).
 */
export function forEachActive(log: EventLog, e: number, start: number, each: (from: number, to: number) => void): void {
  const first = log.pauseIndex[e];
  const last = log.pauseIndex[e + 1];
  if (first === last) {
    each(start, log.end[e]); // no pauses: the whole span, even of no length
    return;
  }
  let from = start;
  for (let k = first; k < last; k++) {
    if (log.pauseFrom[k] > from) each(from, log.pauseFrom[k]); // a suspend at the start or a resume leaves no stretch
    from = log.pauseTo[k];
  }
  if (log.end[e] > from) each(from, log.end[e]);
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
    super(placedLine(file, row, col, detail, at));
  }
}

/**
 * A problem of a log that is a database (OCEL's SQLite form), where it is known: a table, a row of
 * it (its place, counted from 1 in rowid order, as `SELECT * FROM TABLE ORDER BY rowid` lists the
 * rows), and the column whose value is at fault, with the column's place among the table's columns
 * (from 1, as `PRAGMA table_info` lists them).
 */
export interface TableProblem {
  table?: string;
  row?: number;
  column?: { name: string; place: number };
  message: string;
}

/**
 * Where a database's problem is, in the one form of every placed problem (placed-line.ts): a
 * value at `ROW:COL (at table TABLE, column 'NAME')`, a row as a whole at
 * `ROW:1 (at table TABLE, row ROW)`, a table at `1:1 (at table TABLE)`, the database at
 * `1:1 (at file)`. A database has no lines: its rows and columns are where its problems are, as
 * a CSV log's are (session 55; before, `FILE: table T, row N: MESSAGE`, the one refusal out of
 * the form). One place for it: the reader's problems, the error's own fields and an entry's
 * refusal (read-log.ts' placer) all place a row so.
 */
export function tablePlace(p: Omit<TableProblem, 'message'>): { line: number; col: number; at: string } {
  if (p.table === undefined) return { line: 1, col: 1, at: WHOLE_FILE };
  if (p.row === undefined) return { line: 1, col: 1, at: `table ${p.table}` };
  if (p.column === undefined) return { line: p.row, col: 1, at: `table ${p.table}, row ${p.row}` };
  return { line: p.row, col: p.column.place, at: `table ${p.table}, column '${p.column.name}'` };
}

/**
 * The problems found in a database log, one line each (placed by tablePlace), in the order found,
 * of `total` in all: past the first PROBLEMS_TOLD, the first of the rest stands for them
 * (placed-line.ts' toldProblems; until session 61 the first 20 and `etomsim: FILE: and N more
 * problems of the same kinds, not told one by one`). A LogError (its place the first's).
 */
export class TableLogError extends LogError {
  constructor(
    file: string,
    readonly problems: readonly TableProblem[],
    total = problems.length,
  ) {
    const first = tablePlace(problems[0]);
    super(file, first.line, first.col, problems[0].message, first.at);
    const lines = toldProblems(problems, total).map((p) => {
      const place = tablePlace(p);
      return placedLine(file, place.line, place.col, p.message, place.at);
    });
    this.message = lines.join('\n');
  }
}
