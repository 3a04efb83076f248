// Whether a log shows a team's hours closed, or only its demand absent. A team's hours are read
// from when it works (team-hours.ts), which is also when its work comes: a team at work round the
// clock behind an office-hours team works in office hours only, but for the evenings its backlog
// runs into (the Monday after a weekend), too few to be hours of the week. Read as a calendar, its
// queue then waited overnight in the simulation where the log's did not (session 61: cycle time
// 37.6 h against the log's 28.5 h). What tells the two apart is a closed hour with work held and
// nobody at it: an instance of the team enabled and not started (or paused), through a whole hour
// outside the calendar, while none of the team's instances runs. Invariant: the calendar is kept
// unless the log shows, for the team, held work (a wait from an enabled time, or a pause), work in
// an hour outside the calendar, and no closed hour of held work without work: a log with neither
// enabled times nor pauses says nothing.
import { forEachActive, type EventLog } from '../interchange/event-log.js';
import { HOURS_PER_WEEK } from '../week.js';
import { entryHours } from './week-clock.js';

/** An active stretch within one day, and shorter than this (hours), is at work in every hour it spans; a longer one in its first and last. */
const SHIFT_HOURS = 12;
const HOUR_MS = 3_600_000;

/**
 * The whole hours (of the week clock, absolute) entry e's active stretch [from, to] is at work in,
 * each passed to `see`, and the part of it that is (ms), to `busy` when given: a stretch within one
 * day and shorter than a shift is at work throughout; a longer one, or one across midnight, in its
 * first and last hours only (a task left open overnight says nothing of the night). One ending on
 * the hour ends in the hour before it: a shift's last task stopped at 16:00 is at work 15:00-16:00.
 */
export function atWorkIn(
  log: EventLog,
  e: number,
  from: number,
  to: number,
  see: (hour: number) => void,
  busy?: (from: number, to: number) => void,
): void {
  const fromHours = entryHours(log, e, from);
  const toHours = entryHours(log, e, to);
  const a = Math.floor(fromHours);
  const b = Math.max(a, Math.ceil(toHours) - 1);
  // The hours between too, for a stretch within one day of at most a shift's length: a team
  // whose jobs run 08:00-16:00 is at work 08:00-17:00 (its hours from starts and ends alone
  // were 08:00-09:00 and 14:00-17:00, and its 7.5-hour jobs 2.5 hours of them: review s36e).
  if (Math.floor(a / 24) === Math.floor(b / 24) && b - a < SHIFT_HOURS) {
    for (let h = a; h <= b; h++) see(h);
    busy?.(from, to);
  } else {
    see(a);
    see(b);
    busy?.(from, Math.min(to, from + (a + 1 - fromHours) * HOUR_MS));
    busy?.(Math.max(from, to - (toHours - b) * HOUR_MS), to);
  }
}

/**
 * Whether the team's instances (`events`, started at `start`) show its calendar of `periods`
 * (hours of the week, Monday 00:00 = 0; an end past 168 wraps) unsupported: at work outside it,
 * and never idle through a closed hour while an instance of it waited or was paused.
 */
export function calendarUnsupported(
  log: EventLog,
  start: Float64Array,
  events: readonly number[],
  periods: readonly { start: number; end: number }[],
): boolean {
  const open = new Uint8Array(HOURS_PER_WEEK);
  for (const p of periods) for (let h = p.start; h < p.end; h++) open[h % HOURS_PER_WEEK] = 1;
  const closed = (h: number) => open[((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK] === 0;
  // the hours the team is at work in, as workingHours reads them: any outside the calendar?, and
  // the union (ms) of its time at work, for the idle test
  const stretches: [number, number][] = [];
  let outside = false;
  const see = (h: number) => {
    outside ||= closed(h);
  };
  const busy = (from: number, to: number) => {
    stretches.push([from, to]);
  };
  for (const e of events) forEachActive(log, e, start[e], (from, to) => atWorkIn(log, e, from, to, see, busy));
  if (!outside) return false;
  const atWork = union(stretches);
  let held = false;
  for (const e of events) {
    const waits: [number, number][] = [];
    if (log.enabled[e] < start[e]) waits.push([log.enabled[e], start[e]]); // NaN: no enabled time, no wait known
    for (let k = log.pauseIndex[e]; k < log.pauseIndex[e + 1]; k++) waits.push([log.pauseFrom[k], log.pauseTo[k]]);
    for (const [from, to] of waits) {
      held = true;
      for (const [a, b] of idleWithin(atWork, from, to)) {
        // a whole hour of the week within the idle stretch, closed
        const last = Math.floor(entryHours(log, e, b)) - 1;
        for (let h = Math.ceil(entryHours(log, e, a)); h <= last; h++) if (closed(h)) return false;
      }
    }
  }
  return held;
}

/** Intervals merged where they overlap or touch, in order. */
function union(intervals: [number, number][]): [number, number][] {
  intervals.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const [a, b] of intervals) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** The parts of [from, to] that no interval of `busy` (merged, in order) covers. */
function idleWithin(busy: readonly [number, number][], from: number, to: number): [number, number][] {
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (busy[mid][1] <= from) lo = mid + 1;
    else hi = mid;
  }
  const idle: [number, number][] = [];
  let at = from;
  for (let k = lo; k < busy.length && busy[k][0] < to; k++) {
    if (busy[k][0] > at) idle.push([at, busy[k][0]]);
    at = Math.max(at, busy[k][1]);
  }
  if (at < to) idle.push([at, to]);
  return idle;
}
