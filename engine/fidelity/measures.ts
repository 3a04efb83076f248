// The measures by which a log and a simulation are compared (those Simod reports, after
// Chapela-Campa et al., plus the SLA share telecom users look at), computed the same way from
// either: one EventLog in, plain numbers out. Invariant: a case counts when it arrives (its first
// instance starts) inside the window and outside its breaks; the log's concurrency decides enabling
// (a step every earlier step of whose case runs in parallel with it, and a case's first instance:
// the arrival), so waiting means the same thing on both sides. Cycle times and waits are spans;
// processing is work, an instance's active time (its span less its suspensions), on both sides too.
// Handovers are the changes of team along a case's steps in that same order, where the caller
// gives each instance's team (the log names teams): the cases counted are the same as above.
import { activeMs, type EventLog } from '../interchange/event-log.js';
import { weekHours } from '../discovery/week-clock.js';
import { arrivalOf } from '../discovery/case-times.js';
import { enabledFromArrival, enablingTimes, groupCases, orderTies } from '../discovery/traces.js';
import { HOURS_PER_WEEK } from '../week.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export interface Window {
  fromMs: number;
  toMs: number;
  /** where open cases stop counting (the end of the simulated or logged time) */
  horizonMs: number;
  offset: number; // minutes: the wall clock hours of the week are read in
  /**
   * the log's breaks between its periods (arrival-breaks.ts), from the arrival before each to
   * the one after: no case arriving strictly inside one counts, on either side
   */
  breaks: readonly { fromMs: number; toMs: number }[];
}

/** Whether a case arriving at `ms` is compared: inside the window, outside its breaks. */
export function arrivesInWindow(ms: number, window: Window): boolean {
  if (ms < window.fromMs || ms > window.toMs) return false;
  for (const b of window.breaks) if (ms > b.fromMs && ms < b.toMs) return false;
  return true;
}

/** The window's time outside its breaks, ms. */
export function openMs(window: Window): number {
  let ms = window.toMs - window.fromMs;
  for (const b of window.breaks) ms -= Math.max(0, Math.min(b.toMs, window.toMs) - Math.max(b.fromMs, window.fromMs));
  return Math.max(0, ms);
}

export interface Measures {
  cases: number;
  completed: number;
  /** cycle times (hours) of completed cases, sorted */
  cycles: Float64Array;
  /** per activity name: mean processing (active) and waiting hours, and instances */
  steps: Map<string, { processing: number; waiting: number; n: number }>;
  /** arrivals per hour of the week (168 slots, Monday 00:00 first), per week of the window outside its breaks */
  arrivalsByHour: number[];
  /** completions per week since the window's start (whole weeks only) */
  throughputPerWeek: number[];
  /** share of cases per path (the activities in order of start, joined by ' > ') */
  paths: Map<string, number>;
  /** average number of open cases per day of the window */
  wipPerDay: number[];
  /** share of completed cases within `sla` hours */
  slaAttainment: number;
  /** handovers per case (Handovers), where the log names its teams; null where it does not */
  handovers: Handovers | null;
}

/**
 * The changes of team along the cases' steps (in order of start, as the paths read them; a step
 * no team does, automated, is passed over): per case, over the cases counted, in all and by
 * pair of teams (`from` and `to` joined by HANDOVER_SEP). Parallel steps by two teams interleave
 * by their starts, on both sides alike.
 */
export interface Handovers {
  perCase: number;
  pairs: Map<string, number>;
}

/** Between the two teams of a handover's key in Handovers.pairs: no team name holds it. */
export const HANDOVER_SEP = '\u0000';

/** Each instance's team: an index into `names`, -1 for none (an automated step). */
export interface InstanceTeams {
  of: Int32Array;
  names: readonly string[];
}

/** How `measure` reads a log: the log's own, or a simulated one. */
export interface MeasureOptions {
  /** each case's end, where the log's last instance is not it (a simulated case still open at the window's end) */
  caseEnds?: Float64Array;
  /** cases counted from their first completion, as a log of completions only shows them */
  fromCompletion?: boolean;
  /**
   * A log's instances at one instant in one order for every case, as discovery reads them
   * (traces.ts orderTies): a file lists them in any order, which says nothing. Not for a
   * simulated log, whose order of steps at one instant is its model's.
   */
  tiesOrdered?: boolean;
  /** each instance's team, where the log names teams: its handovers are counted */
  teams?: InstanceTeams | null;
}

export function measure(
  log: EventLog,
  start: Float64Array,
  concurrent: (a: number, b: number) => boolean,
  window: Window,
  slaHours: number,
  { caseEnds, fromCompletion = false, tiesOrdered = false, teams = null }: MeasureOptions = {},
): Measures {
  const events = groupCases(log, []);
  if (tiesOrdered) orderTies(log, events);
  // Waiting by the same rule on both sides (a simulated step's own enabling would leave out the
  // delay steps discovery put before it); the log's enabling times only date the arrivals.
  const enabled = enablingTimes(log, events, start, concurrent, [], false);
  // a step every earlier step of its case runs in parallel with waits from the arrival, as discover measures it
  const arrivals = new Float64Array(log.size);
  for (const list of events) {
    const at = arrivalOf(log, list, start);
    for (const e of list) arrivals[e] = at;
  }
  enabledFromArrival(log, events, start, enabled, arrivals);
  // A case's first instance waits from the arrival, which is its start unless the log dates the
  // case's enabling earlier (Simod's enabled_time, etomsim's own logs): its queue for the first
  // team is in the cycle time, and was read as 0 on both sides before session 62 (LoanApp's
  // first check, 1.46 h a pass in the log, shown as 0 h against 0 h).
  for (const list of events) if (list.length > 0) enabled[list[0]] = arrivals[list[0]];
  const cycles: number[] = [];
  const steps = new Map<string, { processing: number; waiting: number; n: number }>();
  /** per step, the sums over its instances without a start in the log, apart */
  const untimed = new Map<string, { processing: number; waiting: number; n: number }>();
  const slots = new Array<number>(HOURS_PER_WEEK).fill(0);
  const weeks = Math.max(1, Math.floor((window.toMs - window.fromMs) / WEEK));
  const throughput = new Array<number>(weeks).fill(0);
  const paths = new Map<string, number>();
  const days = Math.max(1, Math.ceil((window.toMs - window.fromMs) / DAY));
  const wip = new Array<number>(days).fill(0);
  const handoverPairs = new Map<string, number>();
  let handovers = 0;
  let cases = 0;
  events.forEach((list, c) => {
    if (list.length === 0) return;
    let arrival = Infinity;
    let last = -Infinity;
    for (const e of list) last = Math.max(last, log.end[e]);
    arrival = arrivalOf(log, list, fromCompletion ? log.end : start);
    if (!arrivesInWindow(arrival, window)) return;
    cases++;
    const h = Math.floor(weekHours(arrival, window.offset));
    slots[((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK]++;
    // A simulated case may still be open at the horizon: it has no cycle time.
    const end = caseEnds === undefined ? last : caseEnds[c];
    const done = Number.isFinite(end);
    if (done) {
      const cycle = (end - arrival) / HOUR;
      cycles.push(cycle);
      const week = Math.floor((end - window.fromMs) / WEEK);
      if (week >= 0 && week < weeks) throughput[week]++;
    }
    if (teams !== null) {
      let previous = -1;
      for (const e of list) {
        const team = teams.of[e];
        if (team < 0) continue;
        if (previous >= 0 && team !== previous) {
          const key = `${teams.names[previous]}${HANDOVER_SEP}${teams.names[team]}`;
          handoverPairs.set(key, (handoverPairs.get(key) ?? 0) + 1);
          handovers++;
        }
        previous = team;
      }
    }
    const path = list.map((e) => log.activities[log.activityOf[e]]).join(' > ');
    paths.set(path, (paths.get(path) ?? 0) + 1);
    const open = Math.min(done ? end : window.horizonMs, window.fromMs + days * DAY);
    for (let t = arrival; t < open; ) {
      const d = Math.floor((t - window.fromMs) / DAY);
      const dayEnd = window.fromMs + (d + 1) * DAY;
      const until = Math.min(open, dayEnd);
      if (d >= 0 && d < days) wip[d] += (until - t) / DAY;
      t = until;
    }
    for (const e of list) {
      const name = log.activities[log.activityOf[e]];
      let s = steps.get(name);
      if (!s) steps.set(name, (s = { processing: 0, waiting: 0, n: 0 }));
      s.n++;
      let into = s;
      if (Number.isNaN(log.start[e])) {
        into = untimed.get(name) ?? { processing: 0, waiting: 0, n: 0 };
        untimed.set(name, into);
        into.n++;
      }
      into.processing += activeMs(log, e, start[e]) / HOUR;
      into.waiting += Number.isNaN(enabled[e]) ? 0 : Math.max(0, start[e] - enabled[e]) / HOUR;
    }
  });
  // A step's instances the log gives no start (placed at their end) have no known work or wait:
  // where others of the step have a start, the step's means are theirs, as discover fits its
  // durations (processing-times.ts; session 62: before, each a work of 0 and a wait to its end);
  // a step of none (a milestone, a log of completions only) is measured at their ends.
  for (const [name, s] of steps) {
    const u = untimed.get(name);
    const known = s.n - (u?.n ?? 0);
    const from = known > 0 ? s : u!;
    s.processing = from.processing / (known > 0 ? known : s.n);
    s.waiting = from.waiting / (known > 0 ? known : s.n);
  }
  for (const [p, n] of paths) paths.set(p, n / cases);
  const weeksInWindow = openMs(window) / WEEK;
  const sorted = Float64Array.from(cycles).sort();
  return {
    cases,
    completed: cycles.length,
    cycles: sorted,
    steps,
    arrivalsByHour: slots.map((n) => n / Math.max(weeksInWindow, 1 / HOURS_PER_WEEK)),
    throughputPerWeek: throughput,
    paths,
    wipPerDay: wip,
    slaAttainment: slaShare(sorted, slaHours),
    handovers: teams === null ? null : perCase(handovers, handoverPairs, cases),
  };
}

/** Handovers counted over `cases` cases, per case (NaN of none). */
function perCase(total: number, pairs: Map<string, number>, cases: number): Handovers {
  for (const [k, n] of pairs) pairs.set(k, n / cases);
  return { perCase: cases === 0 ? Number.NaN : total / cases, pairs };
}

/**
 * The share of cycle times (hours, sorted) within `slaHours`; NaN of none. Of a log's measures
 * read once, its SLA known only from them (its p90 cycle time, fidelity.ts), taken again for the SLA.
 */
export function slaShare(cycles: Float64Array, slaHours: number): number {
  if (cycles.length === 0) return Number.NaN;
  let within = 0;
  while (within < cycles.length && cycles[within] <= slaHours) within++;
  return within / cycles.length;
}

/** Earth mover's distance between two sorted samples (1-D Wasserstein: the area between their CDFs). */
export function earthMovers(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0 || b.length === 0) return Number.NaN;
  const points = [...Array.from(a), ...Array.from(b)].sort((x, y) => x - y);
  let i = 0;
  let j = 0;
  let area = 0;
  for (let k = 0; k + 1 < points.length; k++) {
    const x = points[k];
    while (i < a.length && a[i] <= x) i++;
    while (j < b.length && b[j] <= x) j++;
    area += Math.abs(i / a.length - j / b.length) * (points[k + 1] - x);
  }
  return area;
}

/** EMD between two histograms over the same ordered bins, in bins, after normalising each to 1. */
export function histogramEmd(a: number[], b: number[]): number {
  const sa = a.reduce((s, x) => s + x, 0);
  const sb = b.reduce((s, x) => s + x, 0);
  if (sa === 0 || sb === 0) return Number.NaN;
  let carry = 0;
  let total = 0;
  for (let k = 0; k < a.length; k++) {
    carry += a[k] / sa - b[k] / sb;
    total += Math.abs(carry);
  }
  return total;
}
