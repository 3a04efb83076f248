// The clock discovery reads hours of the week in, for a log whose UTC offsets change (a
// daylight-saving zone's timestamps, with offsets or read with --timezone): each event's own
// wall clock, or one fixed offset, the log's earliest, which the simulation runs in throughout
// (run.start's offset: daylight saving time is not modelled). People on a local timetable work
// the same wall-clock hours on both sides of the change; a system on a fixed clock (or the
// simulator that generated Simod's LoanApp) works the same instants, which the wall clock shows
// an hour apart. Read in the wrong clock, either is the union of its two timetables: teams
// working nine hours for eight, arrivals after their close. The clock in which the log's starts
// and ends are the more concentrated over the 168 hours of the week (the lower entropy of their
// histogram) is the one its timetable keeps, and is taken; its own wall clock on a tie, as
// before. Each instant is read in its own offset (an instance's start and end may be a change
// apart: read in the end's, a start before it was an hour off). Invariant: the log returned
// differs from its input in its offsets alone, and a log of one offset is returned as it is.
// weekHours, entryHours and mondayBefore are that clock's arithmetic, for discovery and fidelity alike.
import type { EventLog, LogNote } from '../interchange/event-log.js';
import { offsetText } from '../scenario/run-start.js';
import { fixedNumber } from '../number-format.js';
import { HOURS_PER_WEEK } from '../week.js';

const MONDAY = Date.UTC(1970, 0, 5); // a Monday, 00:00
const HOUR = 3_600_000;

/** Hours since a Monday 00:00 of the wall clock the instant was written in. */
export function weekHours(ms: number, offsetMinutes: number): number {
  return (ms + offsetMinutes * 60_000 - MONDAY) / HOUR;
}

/**
 * Hours of the week of an instant of entry e: at or after its end in the end's offset, before it
 * (its start, its enabling, its pauses) in the start's. The log dates only the start and the end:
 * an instant between them in an instance across a change is taken on the start's side.
 */
export function entryHours(log: EventLog, e: number, ms: number): number {
  return weekHours(ms, ms < log.end[e] ? log.startOffset[e] : log.offset[e]);
}

/** The instant of the Monday 00:00, on the wall clock of `offsetMinutes`, at or before `ms`. */
export function mondayBefore(ms: number, offsetMinutes: number): number {
  const wall = ms + offsetMinutes * 60_000;
  return wall - ((((wall - MONDAY) % (HOURS_PER_WEEK * HOUR)) + HOURS_PER_WEEK * HOUR) % (HOURS_PER_WEEK * HOUR)) - offsetMinutes * 60_000;
}

export interface WeekClock {
  log: EventLog;
  /** 'fixed': every offset replaced by `offset`, the log's earliest; 'event': each event's own (the input) */
  clock: 'event' | 'fixed';
  offset: number;
  /** the entropy (nats) of the starts' and ends' hours of the week in each clock; equal for a log of one offset */
  entropy: { event: number; fixed: number };
}

export function inWeekClock(log: EventLog): WeekClock {
  let first = Infinity;
  let offset = 0;
  let varies = false;
  for (let e = 0; e < log.size; e++) {
    const early = !Number.isNaN(log.start[e]) && log.start[e] < log.end[e];
    const at = early ? log.start[e] : log.end[e];
    if (at < first) {
      first = at;
      offset = early ? log.startOffset[e] : log.offset[e];
    }
    if (log.offset[e] !== log.offset[0] || log.startOffset[e] !== log.offset[0]) varies = true;
  }
  for (const u of log.unfinished) if (log.size > 0 && u.offset !== log.offset[0]) varies = true;
  if (!varies) {
    const h = entropy(
      log,
      (e) => log.startOffset[e],
      (e) => log.offset[e],
    );
    return { log, clock: 'event', offset, entropy: { event: h, fixed: h } };
  }
  const event = entropy(
    log,
    (e) => log.startOffset[e],
    (e) => log.offset[e],
  );
  const fixed = entropy(
    log,
    () => offset,
    () => offset,
  );
  if (!(fixed < event)) return { log, clock: 'event', offset, entropy: { event, fixed } };
  return {
    log: {
      ...log,
      offset: new Int16Array(log.size).fill(offset),
      startOffset: new Int16Array(log.size).fill(offset),
      unfinished: log.unfinished.map((u) => ({ ...u, offset })),
      aborts: log.aborts.map((a) => ({ ...a, offset })),
      cutByAbort: log.cutByAbort.map((u) => ({ ...u, offset, endOffset: offset })),
      waiting: log.waiting.map((w) => ({ ...w, offset })),
    },
    clock: 'fixed',
    offset,
    entropy: { event, fixed },
  };
}

/** The note of a log read in a fixed clock (`week.clock` 'fixed'): how many of `input`'s events were in another offset. */
export function noteFixedClock(input: EventLog, week: WeekClock, notes: LogNote[]): void {
  if (week.clock !== 'fixed') return;
  let moved = 0;
  let example = '';
  for (let e = 0; e < input.size; e++)
    if (input.offset[e] !== week.offset || input.startOffset[e] !== week.offset) {
      moved++;
      example ||= `row ${input.row[e]}`;
    }
  notes.push({
    kind: `events in another UTC offset than the log's first (${offsetText(week.offset)}: a daylight-saving change)`,
    one: `event in another UTC offset than the log's first (${offsetText(week.offset)}: a daylight-saving change)`,
    count: moved,
    handling: `hours of the week read in ${offsetText(week.offset)} throughout, the clock the simulation runs in, as the log's starts and ends keep its hours (entropy of their hours of the week ${fixedNumber(week.entropy.fixed, 3)} against ${fixedNumber(week.entropy.event, 3)} in each event's own wall clock)`,
    example,
  });
}

/** The entropy of the hour-of-week histogram of every start and end, in the offsets `startOffsetOf` and `endOffsetOf` give each event. */
function entropy(log: EventLog, startOffsetOf: (e: number) => number, endOffsetOf: (e: number) => number): number {
  const counts = new Float64Array(HOURS_PER_WEEK);
  let n = 0;
  const add = (ms: number, offset: number) => {
    const h = Math.floor(weekHours(ms, offset));
    counts[((h % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK]++;
    n++;
  };
  for (let e = 0; e < log.size; e++) {
    if (!Number.isNaN(log.start[e])) add(log.start[e], startOffsetOf(e));
    add(log.end[e], endOffsetOf(e));
  }
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}
