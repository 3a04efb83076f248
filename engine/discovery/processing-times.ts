// Processing times: each completed instance's active time (its span less its suspensions) in the
// working hours of the team that did it, as the simulation pauses work off shift. Invariant: a
// pool's second team's instances count in its own hours, not the first's (review s35x F3:
// fault-to-repair's correct_service done by service_ops at night, measured in service_desk's
// hours, gave 68 durations of 0 h); an instance worked wholly outside its team's hours is
// evidence against them, not work of no length: it counts in hours of the clock, with a note; an
// instance the log gives no start, where it gives other instances of its step one, has no duration.
import { type EventLog, forEachActive, type LogNote } from '../interchange/event-log.js';
import type { WorkCalendar } from '../sim/calendar.js';
import type { TeamAssignment } from './teams.js';
import { entryHours } from './week-clock.js';

const HOUR = 3_600_000;

/** The instances the log shows suspended (lifecycle suspend/resume, or a suspensions column), their pauses and hours paused. */
export interface Suspensions {
  instances: number;
  pauses: number;
  hours: number;
}

/**
 * 1 for each kept instance without a start in a log that gives other kept instances of its activity
 * one (a lost start row, a complete whose start the export dropped): it took unknown time, not none,
 * and waited an unknown time before it. Such an instance is left out of its step's durations
 * (processingTimes; session 62: before, fitted as 0 h, so 30% of a step's starts missing made its
 * mean 30% short) and of its step's waits (extraneous-delays.ts: before, a wait to its end, its
 * work counted as delay). A step none of whose instances has a start (a milestone), and a log of
 * completions only (its starts estimated: traces.ts), have none.
 */
export function lostStarts(log: EventLog, included: Uint8Array): Uint8Array {
  const lost = new Uint8Array(log.size);
  if (log.completionOnly) return lost;
  const timed = new Uint8Array(log.activities.length);
  for (let e = 0; e < log.size; e++) if (included[e] === 1 && !Number.isNaN(log.start[e])) timed[log.activityOf[e]] = 1;
  for (let e = 0; e < log.size; e++) if (included[e] === 1 && timed[log.activityOf[e]] === 1 && Number.isNaN(log.start[e])) lost[e] = 1;
  return lost;
}

/** Per activity, its kept instances' processing times (hours, in the log's order; none of one whose start is unknown), and the suspensions among them. */
export function processingTimes(
  log: EventLog,
  start: Float64Array,
  included: Uint8Array,
  teams: TeamAssignment,
  calendars: readonly WorkCalendar[],
  notes: LogNote[],
): { samples: number[][]; suspensions: Suspensions } {
  const samples: number[][] = Array.from({ length: log.activities.length }, () => []);
  const suspensions = { instances: 0, pauses: 0, hours: 0 };
  const offHours = { count: 0, first: -1 };
  // the example named is the earliest such instance (then by case and activity, first-seen.ts'
  // numbers), not the file's first: the same log in another row order names the same one
  const earlier = (x: number, y: number) =>
    log.end[x] - log.end[y] || log.caseOf[x] - log.caseOf[y] || log.activityOf[x] - log.activityOf[y] || start[x] - start[y];
  const lost = lostStarts(log, included);
  for (let e = 0; e < log.size; e++) {
    if (included[e] === 0 || lost[e] === 1) continue;
    const pauses = log.pauseIndex[e + 1] - log.pauseIndex[e];
    if (pauses > 0) {
      suspensions.instances++;
      suspensions.pauses += pauses;
      suspensions.hours += log.suspended[e] / HOUR;
    }
    const a = log.activityOf[e];
    const t = teams.teamOfEvent[e];
    let work = 0;
    let clock = 0;
    forEachActive(log, e, start[e], (fromMs, toMs) => {
      const from = entryHours(log, e, fromMs);
      const to = entryHours(log, e, toMs);
      clock += to - from;
      work += t < 0 ? to - from : calendars[t].workingBetween(from, to);
    });
    if (work === 0 && clock > 0) {
      work = clock;
      offHours.count++;
      if (offHours.first < 0 || earlier(e, offHours.first) < 0) offHours.first = e;
    }
    samples[a].push(work);
  }
  if (offHours.count > 0)
    notes.push({
      kind: "instances worked wholly outside their team's discovered hours",
      one: "instance worked wholly outside its team's discovered hours",
      count: offHours.count,
      handling:
        "their durations counted in hours of the clock, not as 0 h in the team's hours (the hours are those in which the team starts or ends work in at least 25% of the weeks: these fell outside)",
      example: `case ${log.cases[log.caseOf[offHours.first]]}, ${log.activities[log.activityOf[offHours.first]]} by ${teams.teams[teams.teamOfEvent[offHours.first]].name}`,
    });
  return { samples, suspensions };
}
