// From the simulation's task events to the rows of an event log: names instead of ids, the
// unit that did each task (`team#3`), dates from run.start, the warm-up mark and the cost.
// Formats are written by EventLogWriters (CSV, XES, OCEL), which see every event in time order.
//
// Invariant: memory holds only the work in progress (the units busy and, in the writers that
// group by case, the open cases), never the events already written.
import type { Model } from '../model/model.js';
import type { TaskObserver } from '../sim/task-observer.js';
import type { RunStart } from '../scenario/types.js';
import { instantAt } from './log-dates.js';

/** One task's start or end, as every format needs it. */
export interface LogEvent {
  caseId: string;
  flow: string;
  activity: string;
  etom: string | null;
  team: string | null; // null: an automated step
  unit: string | null; // `team#3`, 1-based
  /**
   * The XES standard lifecycle's transitions: `ate_abort` a task given up in progress (or paused)
   * as its case was cancelled, `pi_abort` the cancellation itself, one per cancelled case, on the
   * task it waited for (etomsim additions of session 35)
   */
  lifecycle: 'start' | 'suspend' | 'resume' | 'complete' | 'ate_abort' | 'pi_abort';
  enabled: number; // instants (ms since 1970, UTC)
  start: number;
  time: number; // this event's instant: the start, or the completion
  warmup: boolean; // the event falls before the end of the warm-up
  cost: number | null; // complete events of a team's task: working hours x cost per hour
}

export interface LogContext {
  model: Model;
  start: RunStart;
  variant: string;
}

export interface EventLogWriter {
  beginReplication(replication: number): void;
  event(e: LogEvent): void;
  /** `arrival`: when the case arrived (instants as LogEvent's). */
  caseEnd(caseId: string, flow: string, time: number, cancelled: boolean, arrival: number): void;
  /** At the horizon, before endReplication, each case still open, in arrival order: those that never started a task too. */
  caseOpen(caseId: string, flow: string, arrival: number): void;
  /** The horizon: cases still open are written as they stand. */
  endReplication(): void;
  close(): void;
}

/** The case's name in a log: replication and arrival number, unique across the log's replications. */
export function caseName(replication: number, serial: number): string {
  return `r${replication + 1}-${serial + 1}`;
}

/** A calendar pause not yet written: a suspend or a resume of a task in progress (EventLogObserver.taskOffShift). */
interface DuePause {
  caseSerial: number;
  node: number;
  team: number;
  enabled: number;
  start: number;
  at: number;
  resume: boolean;
}

export class EventLogObserver implements TaskObserver {
  /**
   * The suspends and resumes of calendar pauses still to come, by instant (ties in the order
   * told): each is written, through taskSuspend and taskResume as a roster's, before the first
   * event at or after its instant, so the writers see every event in time order and the units
   * are freed and taken as a one-shift roster's would be. Empty without calendar teams.
   */
  private readonly due: DuePause[] = [];
  /** per team: which units are busy (index = unit - 1) */
  private readonly busyUnits: Uint8Array[];
  /** (case serial, node) -> unit of the task in progress */
  private readonly unitOf = new Map<number, number>();
  private readonly warmupEnd: number;

  constructor(
    private readonly context: LogContext,
    private readonly replication: number,
    private readonly writers: readonly EventLogWriter[],
  ) {
    this.busyUnits = context.model.resources.map((r) => new Uint8Array(Math.max(1, r.capacity)));
    this.warmupEnd = context.model.warmup;
  }

  taskStart(caseSerial: number, node: number, team: number, enabled: number, start: number): void {
    if (this.due.length > 0) this.writeDue(start);
    const unit = team < 0 ? -1 : this.takeUnit(team);
    if (unit >= 0) this.unitOf.set(this.key(caseSerial, node), unit);
    this.emit(caseSerial, node, team, unit, 'start', enabled, start, start, null);
  }

  taskEnd(caseSerial: number, node: number, team: number, enabled: number, start: number, end: number, work: number): void {
    if (this.due.length > 0) this.writeDue(end);
    const key = this.key(caseSerial, node);
    const unit = this.unitOf.get(key) ?? -1;
    if (unit >= 0) this.releaseUnit(team, unit, key);
    this.emit(
      caseSerial,
      node,
      team,
      unit,
      'complete',
      enabled,
      start,
      end,
      team < 0 ? null : work * this.context.model.resources[team].costPerHour,
    );
  }

  /** A calendar's pauses, written when their instants come (see `due`): the same suspends and resumes as a roster's. */
  taskOffShift(caseSerial: number, node: number, team: number, enabled: number, start: number, closed: readonly number[]): void {
    for (let k = 0; k < closed.length; k++) {
      const pause: DuePause = { caseSerial, node, team, enabled, start, at: closed[k], resume: k % 2 === 1 };
      let i = this.due.length;
      while (i > 0 && this.due[i - 1].at > pause.at) i--;
      this.due.splice(i, 0, pause);
    }
  }

  /** Writes the calendar pauses due by `until` (inclusive), in time order. */
  private writeDue(until: number): void {
    let n = 0;
    while (n < this.due.length && this.due[n].at <= until) n++;
    if (n === 0) return;
    for (const p of this.due.splice(0, n)) {
      if (p.resume) this.taskResume(p.caseSerial, p.node, p.team, p.enabled, p.start, p.at);
      else this.taskSuspend(p.caseSerial, p.node, p.team, p.enabled, p.start, p.at);
    }
  }

  /** At the horizon: the calendar pauses due by then are written; later ones never came. */
  endAt(horizon: number): void {
    this.writeDue(horizon);
    this.due.length = 0;
  }

  /** The unit is free while the task is paused: it may resume on another. */
  taskSuspend(caseSerial: number, node: number, team: number, enabled: number, start: number, at: number): void {
    if (this.due.length > 0) this.writeDue(at);
    const key = this.key(caseSerial, node);
    const unit = this.unitOf.get(key) ?? -1;
    this.emit(caseSerial, node, team, unit, 'suspend', enabled, start, at, null);
    if (unit >= 0) this.releaseUnit(team, unit, key);
  }

  taskResume(caseSerial: number, node: number, team: number, enabled: number, start: number, at: number): void {
    if (this.due.length > 0) this.writeDue(at);
    const unit = team < 0 ? -1 : this.takeUnit(team); // an automated task on a calendar has no unit
    if (unit >= 0) this.unitOf.set(this.key(caseSerial, node), unit);
    this.emit(caseSerial, node, team, unit, 'resume', enabled, start, at, null);
  }

  /** An `ate_abort` on the unit it held (a paused task holds none). */
  taskAbandoned(caseSerial: number, node: number, team: number, at: number, enabled: number, start: number): void {
    if (this.due.length > 0) {
      this.writeDue(at);
      // the task's pauses to come never will: it is given up
      for (let i = this.due.length - 1; i >= 0; i--)
        if (this.due[i].caseSerial === caseSerial && this.due[i].node === node) this.due.splice(i, 1);
    }
    const key = this.key(caseSerial, node);
    const unit = this.unitOf.get(key);
    this.emit(caseSerial, node, team, unit ?? -1, 'ate_abort', enabled, start, at, null);
    if (unit !== undefined) this.releaseUnit(team, unit, key);
  }

  /** A `pi_abort`, with no unit: the case's cancellation, on the task it waited for. */
  caseAborted(caseSerial: number, node: number, team: number, enabled: number, at: number): void {
    if (this.due.length > 0) this.writeDue(at);
    this.emit(caseSerial, node, team, -1, 'pi_abort', enabled, enabled, at, null);
  }

  caseEnd(caseSerial: number, flow: number, at: number, cancelled: boolean, arrival: number): void {
    if (this.due.length > 0) this.writeDue(at);
    const name = caseName(this.replication, caseSerial);
    const { start } = this.context;
    for (const w of this.writers)
      w.caseEnd(name, this.context.model.flows[flow].name, instantAt(start, at), cancelled, instantAt(start, arrival));
  }

  caseOpen(caseSerial: number, flow: number, arrival: number): void {
    const name = caseName(this.replication, caseSerial);
    for (const w of this.writers) w.caseOpen(name, this.context.model.flows[flow].name, instantAt(this.context.start, arrival));
  }

  private emit(
    caseSerial: number,
    node: number,
    r: number,
    unit: number,
    lifecycle: LogEvent['lifecycle'],
    enabled: number,
    start: number,
    time: number,
    cost: number | null,
  ): void {
    const { model, start: origin } = this.context;
    const n = model.nodes[node];
    const team = r < 0 ? null : model.resources[r].name;
    const e: LogEvent = {
      caseId: caseName(this.replication, caseSerial),
      flow: model.flows[n.flow].name,
      activity: n.name,
      etom: n.etom,
      team,
      unit: team === null || unit < 0 ? null : `${team}#${unit + 1}`,
      lifecycle,
      enabled: instantAt(origin, enabled),
      start: instantAt(origin, start),
      time: instantAt(origin, time),
      warmup: time < this.warmupEnd,
      cost,
    };
    for (const w of this.writers) w.event(e);
  }

  private key(caseSerial: number, node: number): number {
    return caseSerial * this.context.model.nodes.length + node;
  }

  /** The lowest free unit: a team's units are numbered from 1, and a freed one is reused first. */
  private takeUnit(r: number): number {
    let units = this.busyUnits[r];
    let u = units.indexOf(0);
    if (u < 0) {
      // more units than the team's capacity (a capacity that varies in time): widen
      u = units.length;
      const wider = new Uint8Array(units.length * 2);
      wider.set(units);
      this.busyUnits[r] = units = wider;
    }
    units[u] = 1;
    return u;
  }

  private releaseUnit(r: number, unit: number, key: number): void {
    this.busyUnits[r][unit] = 0;
    this.unitOf.delete(key);
  }
}
