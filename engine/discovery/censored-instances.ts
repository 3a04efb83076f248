// The instances a log shows without their end, read as censored durations: those still running
// at the log's end (the export cut them) and those a cancellation cut (an ate_abort or pi_abort
// closed them). Each lasted at least its age when cut, in working hours of the team that did it
// (a skill pool's team its role or its resource names: teams.ts' teamOfInstance) with its pauses left out
// (censored-fit.ts fits them beside the completed ones). Invariant: an
// instance is censored only where its case shows nothing after its start but steps concurrent
// with it, and it started within ABANDON_CYCLES times its flow's p99 cycle before the log's end;
// every other kind is left out, and every kind met has its note.
import type { EventLog, LogNote, UnfinishedInstance } from '../interchange/event-log.js';
import type { WorkCalendar } from '../sim/calendar.js';
import { quantileSorted } from '../stats/percentile.js';
import type { FlowPlacement } from './case-flow.js';
import { cycleMs, lastInstant } from './case-times.js';
import { teamOfInstance, type TeamAssignment } from './teams.js';
import { weekHours } from './week-clock.js';
import { significantText } from '../number-format.js';

const HOUR = 3_600_000;
/**
 * A start never completed is read as cut by the export (censored) only when it started within
 * this many times its flow's 99th-percentile cycle time before the log's end; one older is
 * abandoned (a withdrawn case, a lost complete) and left out. Kept, a 15-minute step whose
 * complete was lost in every fifth case was fitted with a fifth of its mass at 39.5 h (s33x F25).
 * 3, not 1: the cycle times a log completes are biased short (its longest cases are those it
 * cuts), and a step under way near the end may be one of the long ones censoring is there for.
 */
export const ABANDON_CYCLES = 3;

/** The working hours of a team (-1: automated, every hour) between two instants (ms), each on its own wall clock (minutes east of UTC). */
type Working = (team: number, fromMs: number, fromOffset: number, toMs: number, toOffset: number) => number;

/** What the log holds of its cases for the censored instances' reading. */
export interface CensoredInput {
  log: EventLog;
  /** each case's entries (traces.ts' groupCases; a case left out has none) */
  events: number[][];
  /** the instances still running at the log's end that are kept (far-dates.ts' keptUnfinished) */
  unfinished: readonly UnfinishedInstance[];
  /** the ids of the cases left out (far-dates.ts) */
  leftOut: ReadonlySet<string>;
  /** each flow's cases (lists of entries) */
  casesOf: number[][][];
  placement: FlowPlacement;
  start: Float64Array;
  /** whether activities a and b are concurrent in case c's flow (the concurrency oracle's relation) */
  concurrent: (a: number, b: number, c: number) => boolean;
  /** the teams (each instance timed in its own team's hours: teams.ts' teamOfInstance) and their calendars */
  teams: TeamAssignment;
  calendars: readonly WorkCalendar[];
}

/**
 * Per activity, the ages (working hours, pauses left out) of its censored instances: those still
 * running at the log's end, then those a cancellation cut; their notes added to `notes`.
 */
export function censoredAges(input: CensoredInput, notes: LogNote[]): number[][] {
  const { calendars } = input;
  // the team that did it works in its own hours; an automated step in every hour of the clock
  const working: Working = (t, startMs, fromOffset, toMs, toOffset) => {
    const from = weekHours(startMs, fromOffset);
    const to = weekHours(toMs, toOffset);
    return t < 0 ? to - from : calendars[t].workingBetween(from, to);
  };
  const running = runningAtLogEnd(input, abandonAfter(input), working, notes);
  cutByAbort(input, working, running, notes);
  return running;
}

/**
 * An instance's age (working hours of `team`) from its start to `untilMs`, its pauses left out:
 * the event-log builder writes them in time order, after its start and before `untilMs`. `until`
 * reads in its own offset `untilOffset`, the rest in the start's (the log dates no pause's: as
 * week-clock.ts' entryHours reads an instant between a start and an end); before session 39 `until`
 * read in the start's too, an hour off across a daylight-saving change.
 */
function workedAge(u: UnfinishedInstance, team: number, untilMs: number, untilOffset: number, working: Working): number {
  // suspended and never resumed: at work until the suspend only (the open pause is no work)
  const paused = u.suspendedAt !== undefined && u.suspendedAt < untilMs;
  const toMs = paused ? u.suspendedAt! : untilMs;
  const toOffset = paused ? u.offset : untilOffset;
  let age = 0;
  let from = u.start;
  for (let k = 0; k < u.pauses.length; k += 2) {
    if (u.pauses[k] > from) age += working(team, from, u.offset, u.pauses[k], u.offset);
    from = Math.max(from, u.pauses[k + 1]);
  }
  if (toMs > from) age += working(team, from, u.offset, toMs, toOffset);
  return age;
}

/** What runningAtLogEnd says of each kind of unfinished instance, in the order its notes are listed. */
const RUNNING_NOTES = {
  cut: {
    kind: "instances still running at the log's end",
    one: "instance still running at the log's end",
    handling: "each fitted into its step's durations as lasting at least its age so far (censored; left out, the longest would be missed)",
  },
  parallel: {
    kind: "instances still running at the log's end while a parallel branch went on",
    one: "instance still running at the log's end while a parallel branch went on",
    handling:
      'fitted as censored too: every event of its case after its start is of a step concurrent with it (a parallel branch), and the case waits for it at the join',
  },
  abandoned: {
    kind: "starts never completed long before the log's end",
    one: "start never completed long before the log's end",
    handling: `left out: each started more than ${ABANDON_CYCLES} times its flow's 99th-percentile cycle time before the log's end, so the export did not cut it (abandoned: a withdrawn case, a lost complete) and its age says nothing of its step's durations`,
  },
  wentOn: {
    kind: 'starts never completed whose case went on',
    one: 'start never completed whose case went on',
    handling:
      "left out: its case has an event after its start of a step not concurrent with it (the case went on without completing it: an abort the log does not say, or bad data), so the log's end is not what cut it",
  },
} as const;

/**
 * Per activity, the ages so far of its instances still running at the log's end: the export cut
 * them, so each lasts at least that long. An unfinished instance is one when its case shows
 * nothing after its start, or only events of activities concurrent with it: a parallel branch went
 * on while it ran, as the case's join waits for it. An event of another activity ending after its
 * start says the case went on without it (bad data, an abort the log does not say): it stays left
 * out. Each kind has its note. An unfinished instance is compared with its case's activities'
 * latest ends, gathered once per case: a case of n instances of d activities costs O(n) once and
 * O(d) per unfinished instance of it.
 */
function runningAtLogEnd(
  { log, events, unfinished, leftOut, concurrent, teams }: CensoredInput,
  abandonAfter: (u: UnfinishedInstance) => number,
  working: Working,
  notes: LogNote[],
): number[][] {
  const out: number[][] = log.activities.map(() => []);
  if (unfinished.length === 0) return out;
  // the log's end, and the offset of the instant that gives it, of the cases not left out
  const { ms: logEnd, offset: endOffset } = lastInstant(log, (id) => !leftOut.has(id));
  const caseIndex = new Map(log.cases.map((c, i) => [c, i]));
  const activityIndex = new Map(log.activities.map((name, a) => [name, a]));
  // per case with an unfinished instance: each of its activities' latest end (pairs [activity, ms])
  const latestEnds = new Map<number, number[]>();
  const latestOf = (c: number): number[] => {
    let pairs = latestEnds.get(c);
    if (pairs !== undefined) return pairs;
    const at = new Map<number, number>();
    for (const e of events[c]) {
      const a = log.activityOf[e];
      if (log.end[e] > (at.get(a) ?? Number.NEGATIVE_INFINITY)) at.set(a, log.end[e]);
    }
    pairs = [...at].flat();
    latestEnds.set(c, pairs);
    return pairs;
  };
  const counts = { cut: 0, parallel: 0, abandoned: 0, wentOn: 0 };
  const first = { cut: '', parallel: '', abandoned: '', wentOn: '' };
  const count = (kind: keyof typeof counts, example: string) => {
    if (counts[kind]++ === 0) first[kind] = example;
  };
  for (const u of unfinished) {
    const a = activityIndex.get(u.activity);
    const c = caseIndex.get(u.caseId);
    if (a === undefined) continue; // no completed instance to fit: the step is not discovered either
    let later = false;
    let wentOn = false;
    if (c !== undefined) {
      const pairs = latestOf(c);
      for (let k = 0; k < pairs.length && !wentOn; k += 2) {
        if (!(pairs[k + 1] > u.start)) continue;
        later = true;
        wentOn = !concurrent(a, pairs[k], c);
      }
    }
    if (wentOn) {
      count('wentOn', `row ${u.row}`);
      continue;
    }
    const limit = abandonAfter(u);
    if (logEnd - u.start > limit) {
      const h = (ms: number) => `${significantText(ms / HOUR, 3)} h`;
      count('abandoned', `row ${u.row}: started ${h(logEnd - u.start)} before the log's end, its flow's limit ${h(limit)}`);
      continue;
    }
    out[a].push(workedAge(u, teamOfInstance(log, teams, a, u), logEnd, endOffset, working));
    count(later ? 'parallel' : 'cut', `row ${u.row}`);
  }
  for (const kind of ['cut', 'parallel', 'abandoned', 'wentOn'] as const)
    if (counts[kind] > 0) notes.push({ ...RUNNING_NOTES[kind], count: counts[kind], example: first[kind] });
  return out;
}

/**
 * The instances a cancellation cut (an `ate_abort` or `pi_abort` closed them): each had worked
 * its age (from its start to the abort) when cut, so its step lasts at least that long, added to
 * `running` as censored as one the log's end cut. Left out, as before session 36, the steps a
 * deadline cuts were fitted short: the longer an instance runs, the likelier the deadline falls
 * in it.
 */
function cutByAbort({ log, leftOut, teams }: CensoredInput, working: Working, running: number[][], notes: LogNote[]): void {
  if (log.cutByAbort.length === 0) return;
  const activityIndex = new Map(log.activities.map((name, a) => [name, a]));
  let count = 0;
  let example = '';
  for (const u of log.cutByAbort) {
    const a = activityIndex.get(u.activity);
    if (a === undefined || leftOut.has(u.caseId)) continue; // no completed instance: the step is not discovered
    running[a].push(workedAge(u, teamOfInstance(log, teams, a, u), u.end, u.endOffset, working));
    if (count++ === 0) example = `row ${u.row}`;
  }
  if (count > 0)
    notes.push({
      kind: 'instances cut by a cancellation (ate_abort, pi_abort)',
      one: 'instance cut by a cancellation (ate_abort, pi_abort)',
      count,
      handling:
        "each fitted into its step's durations as lasting at least its time at work until the abort (censored; left out, the steps a deadline cuts were fitted short)",
      example,
    });
}

/**
 * Per unfinished instance, how long before the log's end (ms) it may have started and still be
 * running: ABANDON_CYCLES times the 99th percentile of its flow's cycle times (from arrival to
 * last end, over the flow's cases in the log); Infinity (never abandoned) where the flow has no
 * case with a cycle longer than 0 or nothing places the instance in a flow (case-flow.ts).
 */
function abandonAfter({ log, unfinished, casesOf, placement, start }: CensoredInput): (u: UnfinishedInstance) => number {
  if (unfinished.length === 0) return () => Infinity;
  const limit = casesOf.map((cases) => {
    const cycles = cases.map((list) => cycleMs(log, list, start));
    cycles.sort((a, b) => a - b);
    const p99 = quantileSorted(cycles, 0.99);
    return p99 > 0 ? ABANDON_CYCLES * p99 : Infinity;
  });
  return (u) => {
    const f = placement.ofCase(u);
    return f < 0 ? Infinity : limit[f];
  };
}
