// From an event log to a scenario: cases and their order, concurrency, the flow of each
// process, teams and their hours, durations fitted in working time, waiting that no busy
// team explains, and arrivals with their weekly profile. Produces a Discovery (plain data with
// the evidence of every figure); scenario-writer.ts turns it into commented YAML.
import { largest, smallest } from '../lists.js';
import { forEachActive, type EventLog, type LogNote, type UnfinishedInstance } from '../interchange/event-log.js';
import { chiSquaredDistributionTable } from 'simple-statistics';
import { WorkCalendar } from '../sim/calendar.js';
import { quantileSorted } from '../stats/percentile.js';
import { type Concurrency, concurrencyOracle } from './concurrency.js';
import { fitDurations } from './censored-fit.js';
import { fitDuration, type FitResult } from './fit.js';
import { activitiesOnLoops, caseAgeReading, type AgeEnd, type CaseAgeReading } from './case-age.js';
import { inWeekClock, weekHours } from './week-clock.js';
import { offsetText } from '../scenario/run-start.js';
import { delayClock, wallSample, type DelayClock, type DelayEnd } from './delay-clock.js';
import { discoverChain, parallelPairs, type Chain } from './flow-structure.js';
import { assignFlows, checkSpans, enablingTimes, estimateStarts, groupCases, orderTies } from './traces.js';
import { steadyArrivals, type SteadyArrivals } from './steady-arrivals.js';
import { discoverTeams, type TeamAssignment } from './teams.js';
import { counted } from '../plural.js';
import { farCases, keptUnfinished } from './far-dates.js';
import { casesUnderWayAtStart } from './log-start.js';
import { firstReplication } from './replications.js';
import { fixedNumber, wholeNumber } from '../number-format.js';
import { type ArrivalBreak, arrivalBreaks, BREAK_MIN_DAYS, openHours } from './arrival-breaks.js';

const HOUR = 3_600_000;
/** An instance's wait counts as a delay (not queueing) above this, in hours. */
const DELAY_FLOOR = 1 / 60;
/**
 * A step gets a delay step when at least --min-share of its instances wait with a free team (the
 * share below which a path is folded as rare: the delay step is a path of the step's decision)
 * and those waits come to at least this many hours per instance. A fixed 20% left out waits as
 * long as any: receipt's 'T06', 18% of its instances waiting 73 h each, 13 h per instance.
 */
export const DELAY_MEAN_FLOOR = 5 / 60;
const DELAY_SAMPLE = 5000;
/**
 * A start never completed is read as cut by the export (censored) only when it started within
 * this many times its flow's 99th-percentile cycle time before the log's end; one older is
 * abandoned (a withdrawn case, a lost complete) and left out. Kept, a 15-minute step whose
 * complete was lost in every fifth case was fitted with a fifth of its mass at 39.5 h (s33x F25).
 * 3, not 1: the cycle times a log completes are biased short (its longest cases are those it
 * cuts), and a step under way near the end may be one of the long ones censoring is there for.
 */
export const ABANDON_CYCLES = 3;

export interface DiscoverOptions {
  minShare: number;
}

export interface ActivityFacts {
  activity: number;
  name: string;
  instances: number;
  team: number; // -1 automated
  /** a skill pool: the teams that each did at least --min-share of its instances, the most first (`team` is the first), with their counts; else null */
  pool: { team: number; instances: number }[] | null;
  duration: FitResult; // processing time, working hours of the team's calendar
  /**
   * `clock`: the clock its time elapses in, for a team with hours (delay-clock.ts); null where the
   * team works at every hour or the step is automated (the clock's hours, no other). `age`: whether
   * its end reads better as the case's age (case-age.ts; null for a step on a loop of its flow, which
   * keeps the delay); when chosen, `fit` is that age's, in the delay's clock from the case's arrival
   * (the step is written with `until: case_age`). `atArrival`: whether a case's first instances
   * are among those measured (the log dates their enabling, as Simod's enabled_time does); false:
   * the case arrives when its first step starts, so no wait before it was ever measured, and the
   * step takes the delay only where the case comes back to it, not at its arrival
   */
  delay: {
    share: number;
    fit: FitResult;
    meanWait: number;
    clock: DelayClock | null;
    age: CaseAgeReading | null;
    atArrival: boolean;
  } | null;
}

export interface FlowDiscovery {
  name: string;
  cases: number;
  chain: Chain;
  arrivals: ArrivalFacts;
  cycleHours: { mean: number; p90: number };
  /**
   * A `cancel_after` the log shows (etomsim addition, session 35): every case of the flow given up
   * (a `pi_abort`) went at one age from its arrival (within PATIENCE_SPREAD), and no case of the
   * flow lasted longer; null when it has none given up, or they went at ages that differ (a
   * patience that varies, which a scenario cannot write: noted).
   */
  patience: { hours: number; cases: number } | null;
}

export interface ArrivalFacts {
  cases: number;
  firstMs: number;
  lastMs: number;
  offset: number; // minutes: the wall clock of the first arrival
  peakRatePerHour: number;
  days: number[]; // 7, max 1
  hours: number[]; // 24, max 1
  meanPerWeek: number;
  /** the log's arrivals, every flow's (a flow's rate is measured over the log's period, not its own cases' span) */
  window: { firstMs: number; lastMs: number };
  /** each factor of the profile against a constant rate: kept when the arrivals reject that at 1% */
  profileTests: { days: FactorTest; hours: FactorTest };
  /** the arrivals as a steady stream in the profile's hours, when they are far more regular than Poisson (steady-arrivals.ts); else null */
  steady: SteadyArrivals | null;
}

/** A likelihood-ratio (G) test of arrival counts against a constant rate over their exposure. */
export interface FactorTest {
  g: number;
  df: number;
  kept: boolean;
}

export interface Discovery {
  log: EventLog;
  notes: LogNote[];
  flows: FlowDiscovery[];
  activities: ActivityFacts[];
  teams: TeamAssignment;
  concurrentPairs: [string, string][];
  startsEstimated: boolean;
  /** instances the log shows suspended (lifecycle suspend/resume, or a suspensions column), their pauses and hours paused */
  suspensions: { instances: number; pauses: number; hours: number };
  firstMs: number;
  lastMs: number;
  offset: number;
  minShare: number;
}

export function discover(read: EventLog, options: DiscoverOptions): Discovery {
  // etomsim's log of several replications: they simulate the same dates, so the first is read
  // alone (replications.ts); read together, the arrival rate was N times the scenario's
  const replicationNotes: LogNote[] = [];
  const input = firstReplication(read, replicationNotes).log;
  // hours of the week in one clock where the log's offsets change and its timetable keeps a fixed one (week-clock.ts)
  const week = inWeekClock(input);
  const log = week.log;
  const notes = [...log.notes, ...replicationNotes];
  if (week.clock === 'fixed') {
    let moved = 0;
    let example = '';
    for (let e = 0; e < input.size; e++)
      if (input.offset[e] !== week.offset) {
        moved++;
        example ||= `row ${input.row[e]}`;
      }
    notes.push({
      kind: `events in another UTC offset than the log's first (${offsetText(week.offset)}: a daylight-saving change)`,
      one: `event in another UTC offset than the log's first (${offsetText(week.offset)}: a daylight-saving change)`,
      count: moved,
      handling: `hours of the week read in ${offsetText(week.offset)} throughout, the clock the simulation runs in, as the log's starts and ends keep its hours (entropy of their hours of the week ${week.entropy.fixed.toFixed(3)} against ${week.entropy.event.toFixed(3)} in each event's own wall clock)`,
      example,
    });
  }
  const events = groupCases(log, notes);
  orderTies(log, events);
  // Cases dated far from the rest (a sentinel date, a mistyped year) are left out of everything
  // here: kept, one stretched the period to millennia (far-dates.ts).
  const far = farCases(log, events, notes);
  for (const c of far.cases) events[c] = [];
  const unfinished = keptUnfinished(log, far);
  const nonEmpty = events.filter((e) => e.length > 0).length;
  const included = new Uint8Array(log.size);
  for (const list of events) for (const e of list) included[e] = 1;

  // Concurrency first from what the log has; starts estimated after (they need the oracle).
  // Each flow has its own: two steps that overlap in one flow's cases may follow each other in
  // another's, whose chain, enabling times and cut instances must not take them as parallel.
  const hasStarts = !log.completionOnly;
  const { flowOf, flowNames } = assignFlows(log, events, notes);
  const casesOf: number[][][] = flowNames.map(() => []);
  events.forEach((list, c) => {
    if (list.length > 0) casesOf[flowOf[c]].push(list);
  });
  // Cases under way when the log opened: no arrivals, no entries from the start, no order of
  // their steps (log-start.ts); their durations and later paths count.
  const underWay = casesUnderWayAtStart(log, events, flowOf, options.minShare, notes).underWay;
  const partial = new Set<number[]>();
  events.forEach((list, c) => {
    if (underWay[c] === 1) partial.add(list);
  });
  const whole = (cases: number[][]) => cases.filter((list) => !partial.has(list));
  const logStarts = hasStarts ? startsOrEnds(log) : null;
  const orders = casesOf.map((cases) => concurrencyOracle(log, cases, logStarts, (list) => partial.has(list)));
  const concurrentInCase = (a: number, b: number, c: number) => orders[flowOf[c]].concurrent(a, b);
  let start: Float64Array;
  if (logStarts !== null) {
    start = logStarts;
    let missing = 0;
    for (let e = 0; e < log.size; e++) if (Number.isNaN(log.start[e]) && included[e] === 1) missing++;
    if (missing > 0)
      notes.push({
        kind: 'instances without a start time',
        one: 'instance without a start time',
        count: missing,
        handling: 'taken as instantaneous (start = end)',
        example: '',
      });
  } else {
    const enabledByEnd = enablingTimes(log, events, null, concurrentInCase, []);
    start = estimateStarts(log, events, enabledByEnd);
  }
  const enabled = enablingTimes(log, events, start, concurrentInCase, notes);
  checkSpans(log, events, start, notes);

  const teams = discoverTeams(log, start, included, options.minShare);
  const calendars = teams.teams.map((t) => (t.periods === null ? WorkCalendar.ALWAYS : new WorkCalendar(t.periods)));
  const hoursOf = (e: number, ms: number) => weekHours(ms, log.offset[e]);

  // Processing times: the instance's active time (its span less its suspensions) in the working
  // time of the team that did it (the simulation pauses work off shift): a pool's second team's
  // instances in its own hours, not the first's (review s35x F3: fault-to-repair's correct_service
  // done by service_ops at night, measured in service_desk's hours, gave 68 durations of 0 h).
  // An instance worked wholly outside its team's hours is evidence against them, not work of no
  // length: it counts in hours of the clock, with a note.
  const m = log.activities.length;
  const samples: number[][] = Array.from({ length: m }, () => []);
  const suspensions = { instances: 0, pauses: 0, hours: 0 };
  const offHours = { count: 0, example: '' };
  for (let e = 0; e < log.size; e++) {
    if (included[e] === 0) continue;
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
      const from = hoursOf(e, fromMs);
      const to = hoursOf(e, toMs);
      clock += to - from;
      work += t < 0 ? to - from : calendars[t].workingBetween(from, to);
    });
    if (work === 0 && clock > 0) {
      work = clock;
      if (offHours.count++ === 0) offHours.example = `case ${log.cases[log.caseOf[e]]}, ${log.activities[a]} by ${teams.teams[t].name}`;
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
      example: offHours.example,
    });
  const working = (a: number, startMs: number, toMs: number, offset: number) => {
    const t = teams.teamOf[a];
    const from = weekHours(startMs, offset);
    const to = weekHours(toMs, offset);
    return t < 0 ? to - from : calendars[t].workingBetween(from, to);
  };
  const running = runningAtLogEnd(
    log,
    events,
    unfinished,
    abandonAfter(log, events, unfinished, casesOf, flowOf, flowNames, start),
    concurrentInCase,
    working,
    notes,
  );
  cutByAbort(log, far.ids, working, running, notes);

  const seen = exitsSeen(log, events, options.minShare, notes);
  const unseen = unseenArrivals(log, events, unfinished, flowOf, flowNames, notes);
  const window = arrivalWindow(log, whole(events), start, unseen);
  // Breaks between periods of the log (no case for days where its pace expects many): left out
  // of the exposure its rates are measured over (arrival-breaks.ts)
  const breaks = logBreaks(log, whole(events), start, unseen, window, notes);
  const flows: FlowDiscovery[] = flowNames.map((name, f) => {
    const cases = casesOf[f];
    const acts = [...new Set(cases.flatMap((list) => list.map((e) => log.activityOf[e])))].sort((x, y) => x - y);
    const chain = discoverChain(acts, cases, {
      activityOf: (e) => log.activityOf[e],
      concurrent: orders[f].concurrent,
      minShare: options.minShare,
      exitSeen: (e) => seen[e] === 1,
      entrySeen: (list) => !partial.has(list as number[]),
    });
    return {
      name,
      cases: cases.length,
      chain,
      arrivals: arrivalFacts(log, whole(cases), start, enabled, unseen[f], window, breaks),
      cycleHours: cycleHours(log, whole(cases), start),
      patience: null,
    };
  });
  findPatience(log, events, casesOf, flowOf, flowNames, start, flows, notes);
  // A delay is measured from where the simulation starts it: after the steps its case's flow does
  // not run in parallel with it (parallelPairs), which may be later than the log's enabling says.
  const parallel = flows.map((f) => parallelPairs(f.chain, m));
  const enabledInFlow = enablingTimes(log, events, start, (a, b, c) => parallel[flowOf[c]].has(a * m + b), []);
  // A case under way when the log opened arrived before its first instance here, by an unknown
  // span: its age at a delay's end is unknown (NaN), and its delays say nothing of a timer on the age.
  const arrival = new Float64Array(log.size).fill(Number.NaN);
  /** 1: a case's first instance (enablingTimes' k = 0), enabled when the case arrives */
  const opening = new Uint8Array(log.size);
  for (const list of events) {
    const at = partial.has(list) ? Number.NaN : arrivalOf(log, list, start);
    for (const e of list) arrival[e] = at;
    if (list.length > 0 && !partial.has(list)) opening[list[0]] = 1;
  }
  const looped = new Set<number>();
  for (const f of flows) activitiesOnLoops(f.chain, looped);
  const delays = extraneousDelays(
    log,
    start,
    enabledInFlow,
    arrival,
    opening,
    looped,
    included,
    teams,
    calendars,
    cutStretches(log, far.ids, teams),
    options.minShare,
  );
  const activities: ActivityFacts[] = log.activities.map((name, a) => ({
    activity: a,
    name,
    instances: samples[a].length,
    team: teams.teamOf[a],
    pool: teams.poolOf[a],
    duration: fitDurations(samples[a], running[a]),
    delay: delays[a],
  }));
  let firstMs = Infinity;
  let lastMs = -Infinity;
  let offset = 0;
  for (const f of flows) {
    if (f.arrivals.firstMs < firstMs) {
      firstMs = f.arrivals.firstMs;
      offset = f.arrivals.offset;
    }
    lastMs = Math.max(lastMs, f.arrivals.lastMs);
  }
  const bursts = flows.filter((f) => isBurst(f.arrivals));
  if (bursts.length > 0)
    notes.push({
      kind: 'flows whose case arrivals span less than the hour a rate is measured over',
      one: 'flow whose case arrivals span less than the hour a rate is measured over',
      count: bursts.length,
      handling: `${bursts.map((f) => `'${f.name}' (${counted(f.arrivals.cases, 'case')} ${burstSpan(f.arrivals)})`).join(', ')}: written as a burst, the count of its arrivals in the hour from its first, at that hour of the week; not a rate measured over time (a log of a longer period would say what the rate is)`,
      example: '',
    });
  void nonEmpty;
  return {
    log,
    notes,
    flows,
    activities,
    teams,
    concurrentPairs: concurrentPairsOfFlows(orders, log.activities.length).map(([a, b]) => [log.activities[a], log.activities[b]]),
    startsEstimated: !hasStarts,
    suspensions,
    firstMs,
    lastMs,
    offset,
    minShare: options.minShare,
  };
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
 * Per activity, the ages so far (working hours, pauses left out) of its instances still running
 * at the log's end: the export cut them, so each lasts at least that long (censored-fit.ts).
 * An unfinished instance is one when its case shows nothing after its start, or only events
 * of activities concurrent with it (`concurrent`, the concurrency oracle's relation): a parallel
 * branch went on while it ran, as the case's join waits for it. An event of another activity
 * ending after its start says the case went on without it (bad data, an abort the log does not
 * say): it stays left out. Each kind has its note. An unfinished instance is compared with its
 * case's activities' latest ends, gathered once per case: a case of n instances of d
 * activities costs O(n) once and O(d) per unfinished instance of it.
 * `working(a, fromMs, toMs, offset)`: the working hours of activity a's team between two instants.
 */
function runningAtLogEnd(
  log: EventLog,
  events: number[][],
  unfinished: readonly UnfinishedInstance[],
  abandonAfter: (u: UnfinishedInstance) => number,
  concurrent: (a: number, b: number, c: number) => boolean,
  working: (activity: number, fromMs: number, toMs: number, offset: number) => number,
  notes: LogNote[],
): number[][] {
  const out: number[][] = log.activities.map(() => []);
  if (unfinished.length === 0) return out;
  let logEnd = Number.NEGATIVE_INFINITY;
  for (const list of events) for (const e of list) logEnd = Math.max(logEnd, log.end[e]);
  for (const u of unfinished) {
    logEnd = Math.max(logEnd, u.start);
    for (const ms of u.pauses) logEnd = Math.max(logEnd, ms);
  }
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
      const h = (ms: number) => `${Number((ms / HOUR).toPrecision(3))} h`;
      count('abandoned', `row ${u.row}: started ${h(logEnd - u.start)} before the log's end, its flow's limit ${h(limit)}`);
      continue;
    }
    let age = 0;
    let from = u.start;
    for (let k = 0; k < u.pauses.length; k += 2) {
      if (u.pauses[k] > from) age += working(a, from, u.pauses[k], u.offset);
      from = u.pauses[k + 1];
    }
    if (logEnd > from) age += working(a, from, logEnd, u.offset);
    out[a].push(age);
    count(later ? 'parallel' : 'cut', `row ${u.row}`);
  }
  for (const kind of ['cut', 'parallel', 'abandoned', 'wentOn'] as const)
    if (counts[kind] > 0) notes.push({ ...RUNNING_NOTES[kind], count: counts[kind], example: first[kind] });
  return out;
}

/**
 * The instances a cancellation cut (an `ate_abort` or `pi_abort` closed them): each had worked
 * its age (working hours from its start to the abort, pauses left out) when cut, so its step
 * lasts at least that long, added to `running` as censored as one the log's end cut. Left out,
 * as before session 36, the steps a deadline cuts were fitted short: the longer an instance
 * runs, the likelier the deadline falls in it. `leftOut`: the ids of the cases left out.
 */
function cutByAbort(
  log: EventLog,
  leftOut: ReadonlySet<string>,
  working: (activity: number, fromMs: number, toMs: number, offset: number) => number,
  running: number[][],
  notes: LogNote[],
): void {
  if (log.cutByAbort.length === 0) return;
  const activityIndex = new Map(log.activities.map((name, a) => [name, a]));
  let count = 0;
  let example = '';
  for (const u of log.cutByAbort) {
    const a = activityIndex.get(u.activity);
    if (a === undefined || leftOut.has(u.caseId)) continue; // no completed instance: the step is not discovered
    let age = 0;
    let from = u.start;
    for (let k = 0; k < u.pauses.length; k += 2) {
      if (u.pauses[k] > from) age += working(a, from, u.pauses[k], u.offset);
      from = Math.max(from, u.pauses[k + 1]);
    }
    if (u.end > from) age += working(a, from, u.end, u.offset);
    running[a].push(age);
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
 * case with a cycle longer than 0. Its flow is its case's, or for a case with no entry its flow
 * column's, or else its activity's (as unseenArrivals places it).
 */
function abandonAfter(
  log: EventLog,
  events: number[][],
  unfinished: readonly UnfinishedInstance[],
  casesOf: number[][][],
  flowOf: Int32Array,
  flowNames: string[],
  start: Float64Array,
): (u: UnfinishedInstance) => number {
  if (unfinished.length === 0) return () => Infinity;
  const limit = casesOf.map((cases) => {
    const cycles = cases.map((list) => {
      let last = -Infinity;
      for (const e of list) last = Math.max(last, log.end[e]);
      return last - arrivalOf(log, list, start);
    });
    cycles.sort((a, b) => a - b);
    const p99 = quantileSorted(cycles, 0.99);
    return p99 > 0 ? ABANDON_CYCLES * p99 : Infinity;
  });
  const caseIndex = new Map(log.cases.map((c, i) => [c, i]));
  const activityFlow = new Map<string, number>();
  events.forEach((list, c) => {
    for (const e of list) activityFlow.set(log.activities[log.activityOf[e]], flowOf[c]);
  });
  return (u) => {
    const c = caseIndex.get(u.caseId);
    const f =
      c !== undefined && events[c].length > 0
        ? flowOf[c]
        : log.flows.length > 0
          ? flowNames.indexOf(u.flow === '' ? '(none)' : u.flow)
          : (activityFlow.get(u.activity) ?? -1);
    return f < 0 ? Infinity : limit[f];
  };
}

interface Arrival {
  ms: number;
  /** minutes east of UTC of its wall clock */
  offset: number;
}

/**
 * Per flow, the arrivals of the cases the log shows only as instances still running at its end:
 * no event of theirs completed, so no entry holds them, yet each arrived when its first step
 * started. Left out, the arrivals of a log's last days (as long as a first step lasts) went
 * missing: a rate too low and a weekly profile falling towards the log's end. A case's flow is
 * its flow column's, or else the flow of its step's activity.
 */
function unseenArrivals(
  log: EventLog,
  events: number[][],
  unfinished: readonly UnfinishedInstance[],
  flowOf: Int32Array,
  flowNames: string[],
  notes: LogNote[],
): Arrival[][] {
  const out: Arrival[][] = flowNames.map(() => []);
  if (unfinished.length === 0 && log.aborts.length === 0 && log.waiting.length === 0) return out;
  const seen = new Set(log.cases.filter((_, c) => events[c].length > 0));
  const activityFlow = new Map<string, number>();
  events.forEach((list, c) => {
    for (const e of list) activityFlow.set(log.activities[log.activityOf[e]], flowOf[c]);
  });
  const first = new Map<string, Arrival & { flow: number }>();
  let unplaced = 0;
  // A case given up (an abort event: etomsim writes one per cancelled case) arrived by the
  // earliest instant its aborts give (the enabled time of the task it waited for: its arrival,
  // when that was its first); with steps still running, by the earliest of both.
  const seenAs = [
    ...unfinished.map((u) => ({ caseId: u.caseId, flow: u.flow, activity: u.activity, ms: u.start, offset: u.offset, aborted: false })),
    ...log.aborts.map((a) => ({ caseId: a.caseId, flow: a.flow, activity: a.activity, ms: a.first, offset: a.offset, aborted: true })),
  ];
  const aborted = new Set<string>();
  for (const u of seenAs) {
    if (seen.has(u.caseId)) continue;
    const f = log.flows.length > 0 ? flowNames.indexOf(u.flow === '' ? '(none)' : u.flow) : (activityFlow.get(u.activity) ?? -1);
    if (f < 0) {
      unplaced++;
      continue;
    }
    if (u.aborted) aborted.add(u.caseId);
    const known = first.get(u.caseId);
    if (known === undefined || u.ms < known.ms) first.set(u.caseId, { ms: u.ms, offset: u.offset, flow: f });
  }
  for (const a of first.values()) out[a.flow].push({ ms: a.ms, offset: a.offset });
  // a case shown by its arrival alone (no event: it never started a step), in a flow only where it names one or there is one
  let waiting = 0;
  let waitingUnplaced = 0;
  for (const w of log.waiting) {
    if (seen.has(w.caseId) || first.has(w.caseId)) continue;
    const f = log.flows.length > 0 ? flowNames.indexOf(w.flow === '' ? '(none)' : w.flow) : flowNames.length === 1 ? 0 : -1;
    if (f < 0) waitingUnplaced++;
    else {
      out[f].push({ ms: w.ms, offset: w.offset });
      waiting++;
    }
  }
  if (waiting + waitingUnplaced > 0)
    notes.push({
      kind: 'cases shown by their arrival alone (no event: open, no step started)',
      one: 'case shown by its arrival alone (no event: open, no step started)',
      count: waiting + waitingUnplaced,
      handling:
        waitingUnplaced === 0
          ? "their arrivals counted (the trace's `arrival`, as etomsim writes it)"
          : `${waiting} arrivals counted (the trace's \`arrival\`, as etomsim writes it); ${waitingUnplaced} left out: with several flows and no --flow, nothing places such a case in one`,
      example: '',
    });
  const running = [...first.keys()].filter((c) => !aborted.has(c));
  if (running.length > 0)
    notes.push({
      kind: "cases seen only as steps still running at the log's end",
      one: "case seen only as a step still running at the log's end",
      count: running.length,
      handling: 'their arrivals counted (a case arrives when its first step starts); no entry holds them',
      example: `case ${running[0]}`,
    });
  if (aborted.size > 0)
    notes.push({
      kind: 'cases seen only as given up (an abort event, no step completed)',
      one: 'case seen only as given up (an abort event, no step completed)',
      count: aborted.size,
      handling:
        "their arrivals counted (at the abort's enabled time, when the log gives one, as etomsim's own logs do; whether their abandonment is modelled, a cancel_after, the flow's note of cases given up says)",
      example: `case ${[...aborted][0]}`,
    });
  if (unplaced > 0)
    notes.push({
      kind: "steps still running at the log's end of cases of no known flow",
      one: "step still running at the log's end of a case of no known flow",
      count: unplaced,
      handling: 'left out: no completed instance of that activity places it in a flow',
      example: '',
    });
  return out;
}

/** Ages at which a flow's cases were given up that differ by at most this (hours: a minute) are one patience, a cancel_after. */
const PATIENCE_SPREAD = 1 / 60;

/**
 * Each flow's FlowDiscovery.patience, and a note either way: the ages from arrival (the case's
 * earliest instant, its abort's included) at which its cases were given up (`pi_abort`, at its
 * first), taken as a `cancel_after` when they are one age and no case of the flow, given up or
 * not, lasted longer (so nothing outlived that deadline).
 */
function findPatience(
  log: EventLog,
  events: number[][],
  casesOf: number[][][],
  flowOf: Int32Array,
  flowNames: string[],
  start: Float64Array,
  flows: FlowDiscovery[],
  notes: LogNote[],
): void {
  if (!log.aborts.some((a) => !Number.isNaN(a.at))) return;
  const index = new Map(log.cases.map((name, c) => [name, c]));
  const activityFlow = new Map<string, number>();
  events.forEach((list, c) => {
    for (const e of list) activityFlow.set(log.activities[log.activityOf[e]], flowOf[c]);
  });
  const ages: number[][] = flowNames.map(() => []);
  for (const a of log.aborts) {
    if (Number.isNaN(a.at)) continue;
    const c = index.get(a.caseId);
    let arrival = a.first;
    let f: number;
    if (c !== undefined && events[c].length > 0) {
      arrival = Math.min(arrival, arrivalOf(log, events[c], start));
      f = flowOf[c];
    } else f = log.flows.length > 0 ? flowNames.indexOf(a.flow === '' ? '(none)' : a.flow) : (activityFlow.get(a.activity) ?? -1);
    if (f >= 0) ages[f].push((a.at - arrival) / HOUR);
  }
  flows.forEach((flow, f) => {
    const given = ages[f];
    if (given.length === 0) return;
    const low = smallest(given);
    const high = largest(given);
    let longest = 0;
    for (const list of casesOf[f]) {
      let last = -Infinity;
      for (const e of list) last = Math.max(last, log.end[e]);
      longest = Math.max(longest, (last - arrivalOf(log, list, start)) / HOUR);
    }
    const one = high - low <= PATIENCE_SPREAD && longest <= high + PATIENCE_SPREAD;
    if (one) flow.patience = { hours: high, cases: given.length };
    notes.push({
      kind: `cases of flow '${flow.name}' given up (pi_abort)`,
      one: `case of flow '${flow.name}' given up (pi_abort)`,
      count: given.length,
      handling: one
        ? `each at ${high.toPrecision(6)} h from its arrival, and no case lasted longer: written as the flow's cancel_after`
        : `at ages from ${low.toPrecision(4)} to ${high.toPrecision(4)} h from their arrival${longest > high + PATIENCE_SPREAD ? `, and a case lasted ${longest.toPrecision(4)} h` : ''}: no one cancel_after gives that, so abandonment is not modelled (the scenario's cases all run to their end)`,
      example: '',
    });
  });
}

/** The share of the times the log shows a next instance after a step that the window below covers. */
const FOLLOW_QUANTILE = 0.99;

/**
 * Which instances' exits the log shows (1), and which not (0): the last instance of a case that
 * may have been open when the log was exported. Such a log shows each open case up to its last
 * completed instance; read as it stands, that step leads to the end, so a step that never ends
 * a case gets an exit to the end (a 48-hour wait in a 4-week log: 9% of the cases leaving after
 * their first step, which none does). A case may be open when its last instance (of step a)
 * ended less than the 99th percentile of the time the log takes to show a next instance after
 * a (from a's end to the next instance's end, where one follows) before the log's last end. Its
 * exit is not counted when a ends fewer than `minShare` of the cases whose whole follow-up the
 * log shows (its instances that ended earlier): below that share an exit to the end would be
 * folded as rare anyway, so only what the export cut is left out. A step that ends more cases
 * keeps every exit (the few cut in the window bias its share little), and so does a step never
 * followed in the log, or followed up in fewer of its instances than the window holds.
 */
export function exitsSeen(log: EventLog, events: number[][], minShare: number, notes: LogNote[]): Uint8Array {
  let logEnd = -Infinity;
  for (const list of events) for (const e of list) if (log.end[e] > logEnd) logEnd = log.end[e];
  const m = log.activities.length;
  const gaps: number[][] = Array.from({ length: m }, () => []);
  for (const list of events)
    for (let k = 0; k + 1 < list.length; k++) gaps[log.activityOf[list[k]]].push(log.end[list[k + 1]] - log.end[list[k]]);
  const window = gaps.map((g) => {
    if (g.length === 0) return Number.NEGATIVE_INFINITY;
    g.sort((x, y) => x - y);
    return quantileSorted(g, FOLLOW_QUANTILE);
  });
  const cut = (e: number) => log.end[e] + window[log.activityOf[e]] > logEnd;
  // per step, among its instances the log follows up: how many, and how many end their case;
  // and how many the window cuts
  const followed = new Float64Array(m);
  const ending = new Float64Array(m);
  const cutCount = new Float64Array(m);
  for (const list of events) {
    list.forEach((e, k) => {
      if (cut(e)) {
        cutCount[log.activityOf[e]]++;
        return;
      }
      followed[log.activityOf[e]]++;
      if (k === list.length - 1) ending[log.activityOf[e]]++;
    });
  }
  // A step the log follows up less often than it cuts is one whose instances mostly fall in
  // the window: what the followed few do says little of the rest (a log of the cases closed
  // in its last months, the few closures followed up from before), so its exits are kept.
  const judged = (a: number) => followed[a] > 0 && followed[a] >= cutCount[a] && ending[a] / followed[a] < minShare;
  const seen = new Uint8Array(log.size).fill(1);
  let open = 0;
  let example = '';
  for (const list of events) {
    if (list.length === 0) continue;
    const last = list[list.length - 1];
    const a = log.activityOf[last];
    if (cut(last) && judged(a)) {
      seen[last] = 0;
      open++;
      example ||= `row ${log.row[last]}`;
    }
  }
  if (open > 0)
    notes.push({
      kind: "cases cut by the log's end (their last step ended too near it to show what followed, and rarely ends a case)",
      one: "case cut by the log's end (its last step ended too near it to show what followed, and rarely ends a case)",
      count: open,
      handling: 'taken as open when the log was exported: their exit to the end is not counted in the shares',
      example,
    });
  return seen;
}

function startsOrEnds(log: EventLog): Float64Array {
  return log.start.map((s, e) => (Number.isNaN(s) ? log.end[e] : s));
}

/** Arrivals of a log spanning less than an hour: arrivalFacts measures a rate over an hour at least, so their rate is the count of a burst. */
export function isBurst(a: ArrivalFacts): boolean {
  return a.window.lastMs - a.window.firstMs < HOUR;
}

/** How close together a burst's arrivals came (isBurst). */
export function burstSpan(a: ArrivalFacts): string {
  const ms = a.window.lastMs - a.window.firstMs;
  if (ms === 0) return 'all at one instant';
  return ms < 60_000 ? `within ${Number((ms / 1000).toPrecision(3))} s` : `within ${Number((ms / 60_000).toPrecision(3))} min`;
}

/** A case arrives when its first instance is enabled (when the log says so) or else starts. */
export function arrivalOf(log: EventLog, list: number[], start: Float64Array): number {
  let first = Infinity;
  for (const e of list) first = Math.min(first, Number.isNaN(log.enabled[e]) ? start[e] : Math.min(log.enabled[e], start[e]));
  return first;
}

/** The first and the last arrival of the log's cases, every flow's, those seen only running at its end included. */
function arrivalWindow(
  log: EventLog,
  events: number[][],
  start: Float64Array,
  unseen: readonly Arrival[][],
): { first: Arrival; last: Arrival } {
  let first: Arrival = { ms: Infinity, offset: 0 };
  let last: Arrival = { ms: -Infinity, offset: 0 };
  const take = (a: Arrival) => {
    if (a.ms < first.ms) first = a;
    if (a.ms > last.ms) last = a;
  };
  for (const list of events) if (list.length > 0) take({ ms: arrivalOf(log, list, start), offset: log.offset[list[0]] });
  for (const flow of unseen) for (const a of flow) take(a);
  return { first, last };
}

/** The breaks among every flow's arrivals (arrival-breaks.ts), and a note when there are any. */
function logBreaks(
  log: EventLog,
  cases: number[][],
  start: Float64Array,
  unseen: readonly (readonly Arrival[])[],
  window: { first: Arrival; last: Arrival },
  notes: LogNote[],
): ArrivalBreak[] {
  const clock: number[] = [];
  for (const list of cases) if (list.length > 0) clock.push(weekHours(arrivalOf(log, list, start), log.offset[list[0]]));
  for (const flow of unseen) for (const a of flow) clock.push(weekHours(a.ms, a.offset));
  clock.sort((a, b) => a - b);
  const breaks = arrivalBreaks(clock, weekHours(window.first.ms, window.first.offset), weekHours(window.last.ms, window.last.offset));
  if (breaks.length > 0) {
    const b = breaks[0];
    notes.push({
      kind: `breaks in the log's case arrivals (no case for ${BREAK_MIN_DAYS} days or more where the log's weekly pace expects many: periods of the log apart)`,
      one: `break in the log's case arrivals (no case for ${BREAK_MIN_DAYS} days or more where the log's weekly pace expects many: periods of the log apart)`,
      count: breaks.length,
      handling:
        "left out of the time each flow's arrival rate and profile are measured over; the scenario's run still spans them, its cases arriving at those rates",
      example: `${fixedNumber((b.toH - b.fromH) / 24, 1)} days with no arrival, ${wholeNumber(Math.round(b.expected))} expected`,
    });
  }
  return breaks;
}

/**
 * `unseen`: the arrivals of the flow's cases that the log shows only as instances still running
 * at its end (unseenArrivals), which no entry holds. Its rate and profile are measured over the
 * log's `window`, every flow's arrivals: a flow whose cases the log holds in its first week
 * only, measured over its own span, would arrive every week of the run (in a log of one flow,
 * the window is its own).
 */
function arrivalFacts(
  log: EventLog,
  cases: number[][],
  start: Float64Array,
  _enabled: Float64Array,
  unseen: readonly Arrival[],
  window: { first: Arrival; last: Arrival },
  breaks: readonly ArrivalBreak[],
): ArrivalFacts {
  const times = [...cases.map((list) => ({ ms: arrivalOf(log, list, start), offset: log.offset[list[0]] })), ...unseen].sort(
    (a, b) => a.ms - b.ms,
  );
  const first = times[0];
  const last = times[times.length - 1];
  const byDay = new Float64Array(7);
  const byHour = new Float64Array(24);
  for (const t of times) {
    const h = Math.floor(weekHours(t.ms, t.offset));
    const slot = ((h % 168) + 168) % 168;
    byDay[Math.floor(slot / 24)]++;
    byHour[slot % 24]++;
  }
  // Exposure: how many of each weekday and hour of the day the observed period holds, an hour at
  // least: arrivals closer together are a burst, counted in the hour from the first (noted).
  const fromH = weekHours(window.first.ms, window.first.offset);
  const toH = Math.max(fromH + 1, weekHours(window.last.ms, window.last.offset));
  const dayExposure = new Float64Array(7);
  const hourExposure = new Float64Array(24);
  for (let h = Math.floor(fromH); h < toH; h++) {
    const w = openHours(Math.max(h, fromH), Math.min(h + 1, toH), breaks);
    const slot = ((h % 168) + 168) % 168;
    dayExposure[Math.floor(slot / 24)] += w;
    hourExposure[slot % 24] += w;
  }
  // The rank-one (days x hours) model's maximum-likelihood factors are the margins per exposure,
  // each kept only where the log's arrivals reject a constant rate: otherwise the profile would
  // be the sample's noise (a constant 2 an hour over 4 weeks came back with hours from 0.59 to
  // 1 and a peak rate of 2.64/h) and the simulation would repeat it.
  const profileTests = { days: constantRateTest(byDay, dayExposure), hours: constantRateTest(byHour, hourExposure) };
  const dayRate = Array.from(byDay, (c, d) => (dayExposure[d] > 0 ? (profileTests.days.kept ? c / dayExposure[d] : 1) : 0));
  const hourRate = Array.from(byHour, (c, h) => (hourExposure[h] > 0 ? (profileTests.hours.kept ? c / hourExposure[h] : 1) : 0));
  const dMax = Math.max(...dayRate);
  const hMax = Math.max(...hourRate);
  const days = dayRate.map((r) => (dMax > 0 ? r / dMax : 1));
  const hours = hourRate.map((r) => (hMax > 0 ? r / hMax : 1));
  let exposure = 0;
  for (let h = Math.floor(fromH); h < toH; h++) {
    const w = openHours(Math.max(h, fromH), Math.min(h + 1, toH), breaks);
    const slot = ((h % 168) + 168) % 168;
    exposure += w * days[Math.floor(slot / 24)] * hours[slot % 24];
  }
  const peak = exposure > 0 ? times.length / exposure : 0;
  const facts: ArrivalFacts = {
    cases: times.length,
    firstMs: first.ms,
    lastMs: last.ms,
    offset: first.offset,
    peakRatePerHour: peak,
    days,
    hours,
    meanPerWeek: (times.length / openHours(fromH, toH, breaks)) * 168,
    window: { firstMs: window.first.ms, lastMs: window.last.ms },
    profileTests,
    steady: null,
  };
  if (!isBurst(facts)) {
    const clock = times.map((t) => weekHours(t.ms, t.offset)).sort((a, b) => a - b);
    facts.steady = steadyArrivals(clock, fromH, toH, days, hours, breaks);
  }
  return facts;
}

/** Significance of the profile's factors: a constant rate is rejected at this level. */
const PROFILE_LEVEL = 0.01;

/**
 * G = 2 sum(count ln(count / expected)), the expected counts in proportion to each slot's
 * exposure; chi-square with (slots observed - 1) degrees of freedom under a constant rate.
 */
export function constantRateTest(counts: ArrayLike<number>, exposure: ArrayLike<number>): FactorTest {
  let n = 0;
  let total = 0;
  let slots = 0;
  for (let k = 0; k < counts.length; k++) {
    if (exposure[k] <= 0) continue;
    n += counts[k];
    total += exposure[k];
    slots++;
  }
  let g = 0;
  for (let k = 0; k < counts.length; k++) {
    if (exposure[k] <= 0 || counts[k] === 0) continue;
    g += 2 * counts[k] * Math.log(counts[k] / ((n * exposure[k]) / total));
  }
  const df = slots - 1;
  return { g, df, kept: df > 0 && g > chiSquaredDistributionTable[df as 1][PROFILE_LEVEL] };
}

function cycleHours(log: EventLog, cases: number[][], start: Float64Array): { mean: number; p90: number } {
  const cycles = cases.map((list) => {
    let last = -Infinity;
    for (const e of list) last = Math.max(last, log.end[e]);
    return (last - arrivalOf(log, list, start)) / HOUR;
  });
  cycles.sort((a, b) => a - b);
  const mean = cycles.reduce((s, x) => s + x, 0) / cycles.length;
  return { mean, p90: cycles[Math.min(cycles.length - 1, Math.floor(0.9 * (cycles.length - 1)))] };
}

/**
 * Waiting that a busy team does not explain (Chapela-Campa and Dumas's extraneous delays):
 * the part of the wait between enabling (`enabled`: where the flow starts the step) and start
 * during which the team was on shift with a free unit, or all of it for an automated step. A
 * step gets a delay step before it where at least `minShare` of its instances (--min-share) wait
 * so, more than DELAY_FLOOR each, and their waits come to DELAY_MEAN_FLOOR hours per instance or
 * more; the delay runs in the clock its ends say (delay-clock.ts) and is fitted in that clock.
 */
function extraneousDelays(
  log: EventLog,
  start: Float64Array,
  enabled: Float64Array,
  arrival: Float64Array,
  opening: Uint8Array,
  looped: ReadonlySet<number>,
  included: Uint8Array,
  teams: TeamAssignment,
  calendars: WorkCalendar[],
  cut: readonly HeldStretch[],
  minShare: number,
): ActivityFacts['delay'][] {
  const m = log.activities.length;
  // Busy units over time, per team: change points in hours of the week clock. A suspended
  // instance holds no unit; one a cancellation cut held its unit until the abort (`cut`).
  const changes: { t: number; d: number }[][] = teams.teams.map(() => []);
  for (const { team, from, to } of cut) {
    changes[team].push({ t: from, d: 1 });
    changes[team].push({ t: to, d: -1 });
  }
  const byActivity: number[][] = Array.from({ length: m }, () => []);
  for (let e = 0; e < log.size; e++) {
    if (included[e] === 0) continue;
    const a = log.activityOf[e];
    const t = teams.teamOfEvent[e]; // the unit it held is its own team's (a pool's second team's, where it did it)
    if (t >= 0) {
      forEachActive(log, e, start[e], (from, to) => {
        changes[t].push({ t: weekHours(from, log.offset[e]), d: 1 });
        changes[t].push({ t: weekHours(to, log.offset[e]), d: -1 });
      });
    }
    if (!Number.isNaN(enabled[e])) byActivity[a].push(e);
  }
  const steps = changes.map((list) => {
    list.sort((x, y) => x.t - y.t || x.d - y.d);
    const times = new Float64Array(list.length);
    const busy = new Int32Array(list.length);
    let open = 0;
    list.forEach((c, i) => {
      open += c.d;
      times[i] = c.t;
      busy[i] = open;
    });
    return { times, busy };
  });
  const pools = teams.poolOf.map((pool) => pool?.map((p) => p.team) ?? null);
  // A rostered team's units in each hour of the week: a wait is "with a unit free" against the
  // units on shift then, not the team's most (review s35x F2: a night of one read as two free).
  const unitsAt = teams.teams.map((team) => {
    if (team.roster === null) return null;
    const units = new Int32Array(168);
    for (const r of team.roster) for (const d of r.days) for (let h = r.from; h < r.to; h++) units[(d * 24 + h) % 168] += r.capacity;
    return units;
  });
  const loads: TeamLoad[] = teams.teams.map((team, k) => ({
    ...steps[k],
    capacity: team.capacity,
    units: unitsAt[k],
    calendar: calendars[k],
  }));
  return byActivity.map((list, a) => {
    if (list.length === 0) return null;
    const t = teams.teamOf[a];
    const calendar = t < 0 ? WorkCalendar.ALWAYS : calendars[t];
    const stride = Math.max(1, Math.floor(list.length / DELAY_SAMPLE));
    const waits: number[] = [];
    const ends: DelayEnd[] = [];
    const aged: AgeEnd[] = []; // every delay, in any clock, with its case's age at its end
    let totalWait = 0;
    for (let k = 0; k < list.length; k += stride) {
      const e = list[k];
      const from = weekHours(enabled[e], log.offset[e]);
      const to = weekHours(start[e], log.offset[e]);
      totalWait += Math.max(0, to - from);
      if (to - from <= DELAY_FLOOR) {
        waits.push(0);
        continue;
      }
      if (t < 0) {
        waits.push(to - from);
        if (!Number.isNaN(arrival[e]))
          aged.push(ageEnd(delayEnd(calendar, from, to, to - from, { from, to, wall: 0 }), calendar, arrival[e], log.offset[e]));
        continue;
      }
      const { free, last } = freeOpenHours(
        (pools[a] ?? [t]).map((k) => loads[k]),
        from,
        to,
      );
      if (free <= DELAY_FLOOR) {
        waits.push(0);
        continue;
      }
      waits.push(free);
      const end = delayEnd(calendar, from, to, free, last);
      if (!calendar.alwaysOn) ends.push(end);
      if (!Number.isNaN(arrival[e])) aged.push(ageEnd(end, calendar, arrival[e], log.offset[e])); // a case under way: its age unknown
    }
    const positive = waits.filter((w) => w > 0);
    const share = positive.length / waits.length;
    const mean = positive.reduce((s, x) => s + x, 0) / Math.max(1, positive.length);
    if (share < minShare || mean * share < DELAY_MEAN_FLOOR) return null;
    const meanWait = totalWait / waits.length;
    const clock = ends.length === 0 ? null : delayClock(ends);
    const age = looped.has(a) ? null : caseAgeReading(aged, clock?.clock ?? 'wall');
    // Only instances with an enabling time were measured: a case's first has one only where the log dates it.
    const atArrival = list.some((e) => opening[e] === 1);
    if (age?.chosen) return { share, fit: fitDuration(aged.map((d) => d[clock?.clock ?? 'wall'])), meanWait, clock, age, atArrival };
    if (clock === null) return { share, fit: fitDuration(positive), meanWait, clock, age, atArrival };
    const fit = fitDuration(clock.clock === 'team' ? ends.map((d) => d.team) : wallSample(ends));
    return { share, fit, meanWait, clock, age, atArrival };
  });
}

/** A stretch of work a team's unit held (hours of the week clock), outside the log's entries. */
interface HeldStretch {
  team: number;
  from: number;
  to: number;
}

/**
 * The active stretches of the instances a cancellation cut (EventLog.cutByAbort), each with the
 * team whose unit it held: its activity's, or, for a skill pool's activity, the pool's team its
 * role names. Left out of the busy units, a unit working on a task the deadline then cut read as
 * free, and the cases queued behind it as waiting for something else (review s36e: a two-person
 * desk under cancel_after 8h came back with a delay step for 23% of its cases). `leftOut`: the
 * ids of the cases left out (far-dates.ts).
 */
function cutStretches(log: EventLog, leftOut: ReadonlySet<string>, teams: TeamAssignment): HeldStretch[] {
  if (log.cutByAbort.length === 0) return [];
  const activityIndex = new Map(log.activities.map((name, a) => [name, a]));
  const out: HeldStretch[] = [];
  for (const u of log.cutByAbort) {
    const a = activityIndex.get(u.activity);
    if (a === undefined || leftOut.has(u.caseId) || teams.teamOf[a] < 0) continue;
    const team = teams.poolOf[a]?.find((p) => teams.teams[p.team].name === u.role)?.team ?? teams.teamOf[a];
    const hold = (fromMs: number, toMs: number) => {
      if (toMs > fromMs) out.push({ team, from: weekHours(fromMs, u.offset), to: weekHours(toMs, u.offset) });
    };
    let from = u.start;
    for (let k = 0; k < u.pauses.length; k += 2) {
      hold(from, u.pauses[k]);
      from = Math.max(from, u.pauses[k + 1]);
    }
    hold(from, u.end);
  }
  return out;
}

/** A team's units busy over time (at each change point, in hours of the week clock) and its units: its capacity, or its roster's by hour of the week. */
interface TeamLoad {
  times: Float64Array;
  busy: Int32Array;
  capacity: number;
  units: Int32Array | null;
  calendar: WorkCalendar;
}

/**
 * The open hours from `from` to `to` in which a step's team (`teams`: its team, or a pool's teams)
 * was open with a unit free, and the last stretch in which it was (its start, its end, and the
 * hours of the clock to its start less the busy open ones): the delay ended by that stretch's last
 * open instant (delayEnd). A pool's step could start when any of its teams was open with a unit
 * free; the hours open are the most open team's (exact where one team's hours hold the others', as
 * a 24/7 team's do). A roster's units change on the hour, so its stretches are cut there.
 */
function freeOpenHours(
  teams: readonly TeamLoad[],
  from: number,
  to: number,
): { free: number; last: { from: number; to: number; wall: number } } {
  const at = teams.map((k) => upperBound(k.times, from) - 1); // each team's last change at or before the cursor
  const hourly = teams.some((k) => k.units !== null);
  let cursor = from;
  let free = 0;
  let wall = 0;
  let last = { from: Number.NaN, to: Number.NaN, wall: 0 };
  while (cursor < to) {
    let next = hourly ? Math.min(to, Math.floor(cursor) + 1) : to;
    for (let j = 0; j < teams.length; j++) if (at[j] + 1 < teams[j].times.length) next = Math.min(next, teams[j].times[at[j] + 1]);
    let open = 0;
    let freeOpen = 0;
    let anyFree = false;
    for (let j = 0; j < teams.length; j++) {
      const k = teams[j];
      const hours = k.calendar.workingBetween(cursor, next);
      open = Math.max(open, hours);
      const units = k.units === null ? k.capacity : k.units[((Math.floor(cursor) % 168) + 168) % 168];
      if ((at[j] >= 0 ? k.busy[at[j]] : 0) < units) {
        anyFree = true;
        freeOpen = Math.max(freeOpen, hours);
      }
    }
    if (anyFree) {
      free += freeOpen;
      if (freeOpen > 0) last = { from: cursor, to: next, wall };
      wall += next - cursor;
    } else wall += next - cursor - open;
    cursor = next;
    for (let j = 0; j < teams.length; j++) while (at[j] + 1 < teams[j].times.length && teams[j].times[at[j] + 1] <= next) at[j]++;
  }
  return { free, last };
}

/**
 * A delay end with its case's age there, in hours of the clock and in the calendar's open hours
 * since the case's arrival (`arrival`, ms; in hours of the week clock as the end's own times).
 */
function ageEnd(end: DelayEnd, calendar: WorkCalendar, arrival: number, offset: number): AgeEnd {
  const from = weekHours(arrival, offset);
  const open = (t: number) => calendar.workingBetween(from, t);
  return {
    end,
    wall: end.at - from,
    wallCell: [end.cell[0] - from, end.cell[1] - from],
    team: open(end.at),
    teamCell: [open(end.cell[0]), open(end.cell[1])],
  };
}

/**
 * A delay in both clocks (delay-clock.ts), from its start `from` to its step's start `to`, given
 * its free open hours and the last stretch in which the team was open with a unit free. The delay
 * ended by that stretch's last open instant X: after it the step waited for a unit or an opening.
 * In the team's hours it ended there; in hours of the clock it may have ended in the closed hours
 * that follow X (before `to`), which leave the step's start as it is (delay-clock.ts' wallSample
 * says where).
 */
function delayEnd(
  calendar: WorkCalendar,
  from: number,
  to: number,
  team: number,
  last: { from: number; to: number; wall: number },
): DelayEnd {
  // X: the least instant of the stretch after which it has no open hour (bisection: closed from hi on)
  let lo = last.from;
  let hi = last.to;
  if (calendar.workingBetween(hi - 1e-9, hi) === 0)
    for (let k = 0; k < 60 && hi - lo > 1e-9; k++) {
      const mid = (lo + hi) / 2;
      if (calendar.workingBetween(mid, last.to) > 0) lo = mid;
      else hi = mid;
    }
  const x = hi;
  const wallAtX = last.wall + (x - last.from);
  const closedAfter = calendar.isWorking(x) ? 0 : Math.max(0, Math.min(to, calendar.nextPeriodStart(x)) - x);
  // the cell: the hour of the clock that ends at or after X, and the closed hours after it
  const hourEnd = Math.ceil(x - 1e-9);
  const cellEnd = calendar.isWorking(hourEnd) ? hourEnd : calendar.nextPeriodStart(hourEnd);
  const cellStart = Math.max(from, hourEnd - 1);
  return {
    wall: wallAtX + closedAfter / 2,
    wallClosed: closedAfter > 0 ? [wallAtX, wallAtX + closedAfter] : null,
    team,
    wallCell: [Math.max(0, wallAtX - (x - cellStart)), wallAtX + (cellEnd - x)],
    teamCell: [Math.max(0, team - calendar.workingBetween(cellStart, x)), team + calendar.workingBetween(x, cellEnd)],
    cell: [cellStart, cellEnd],
    at: x + closedAfter / 2,
  };
}

function upperBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The activity pairs concurrent in some flow, each once, in the order the flows and their
 * oracles list them; of `m` activities, a pair's key is a * m + b, as the oracles' are.
 */
function concurrentPairsOfFlows(orders: readonly Concurrency[], m: number): [number, number][] {
  const seen = new Set<number>();
  const out: [number, number][] = [];
  for (const o of orders)
    for (const [a, b] of o.pairs) {
      const key = a * m + b;
      if (!seen.has(key)) {
        seen.add(key);
        out.push([a, b]);
      }
    }
  return out;
}
