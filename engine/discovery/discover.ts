// From an event log to a scenario: cases and their order, concurrency, the flow of each
// process, teams and their hours, durations fitted in working time, waiting that no busy
// team explains, and arrivals with their weekly profile. Produces a Discovery (plain data with
// the evidence of every figure); scenario-writer.ts turns it into commented YAML. discover() is
// the sequence of those readings, each in its own module, in one clock of the week (week-clock.ts);
// its first stage, discoverBlocks (up to the flows' parallel blocks and their passes), is what
// fidelity reads of a discovery, and how it reads the log (its replications, far cases and cases
// under way).
// Invariant: it computes nothing itself but what joins the readings (which cases are whole, each
// flow's cases); whatever a reading leaves out, or reads otherwise than the log says, is a note
// in Discovery.notes, in the order of the readings.
import type { EventLog, LogNote } from '../interchange/event-log.js';
import { WorkCalendar } from '../sim/calendar.js';
import { arrivalFacts, arrivalWindow, logBreaks, noteBursts, type ArrivalFacts } from './arrival-facts.js';
import { flowPlacement } from './case-flow.js';
import { arrivalOf, cycleHours } from './case-times.js';
import { censoredAges } from './censored-instances.js';
import { fitDurations, noteFewCompletions } from './censored-fit.js';
import { concurrencyOracle, concurrentPairsOfFlows } from './concurrency.js';
import { exitsSeen } from './exits-seen.js';
import { type BlockPasses, discoverDelays, type DelayFacts, type Opening, readBlockPasses } from './extraneous-delays.js';
import { farCases, keptUnfinished, withoutFarAborts } from './far-dates.js';
import { numberedByFirstSeen } from './first-seen.js';
import type { FitResult } from './fit.js';
import { type Block, discoverChain, type Chain } from './flow-structure.js';
import { casesUnderWayAtStart, type LogStart } from './log-start.js';
import { noteLeaderDrift } from './leader-drift.js';
import { findPatience } from './patience.js';
import { processingTimes, type Suspensions } from './processing-times.js';
import { firstReplication, type Replications } from './replications.js';
import { discoverTeams, type TeamAssignment } from './teams.js';
import { assignFlows, checkSpans, enablingTimes, estimateStarts, groupCases, orderTies } from './traces.js';
import { unseenArrivals } from './unseen-arrivals.js';
import { inWeekClock, noteFixedClock } from './week-clock.js';
import { append } from '../lists.js';

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
  /** the delay step before it (extraneous-delays.ts), or null */
  delay: DelayFacts | null;
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

export interface Discovery {
  log: EventLog;
  notes: LogNote[];
  flows: FlowDiscovery[];
  activities: ActivityFacts[];
  teams: TeamAssignment;
  concurrentPairs: [string, string][];
  /** the parallel blocks the flows start with, by the branch that opens each case (extraneous-delays.ts) */
  openings: Map<Block, Opening>;
  /** the parallel blocks entered after a step of their flow, by the branch that leads each pass (extraneous-delays.ts' leadingBlocks) */
  leads: Map<Block, Opening>;
  startsEstimated: boolean;
  /** the log's exact duplicate entries (same case, activity, resource, start and end), each kept once: not instances of their own */
  duplicates: number;
  /** instances the log shows suspended (lifecycle suspend/resume, or a suspensions column), their pauses and hours paused */
  suspensions: Suspensions;
  firstMs: number;
  lastMs: number;
  offset: number;
  minShare: number;
}

/**
 * The log read up to its flows' chains and their parallel blocks' passes (extraneous-delays.ts'
 * readBlockPasses): discover's first stage, and all that fidelity reads of a discovery (its
 * warning of a block whose mix of leaders drifts: leader-drift.ts' driftingBlocks reads the blocks'
 * drift and leaders, and the log's activity names), and of the log as discover reads it (the
 * replication kept, the far cases and those under way, which fidelity leaves out as discover does;
 * before session 53 it read them again). No duration, team, arrival or patience is read
 * here: fidelity's whole discover of LoanApp's log was 37-39% of its CPU before session 52.
 */
export interface BlockReading {
  /**
   * the log's replications (replications.ts): the one read, its log in the clock of its instants
   * (`replications.log`, before the week clock's reading: fidelity's), and those left out
   */
  replications: Replications;
  /** the log read (the week clock's, one replication), less the far cases' aborts and arrivals alone */
  log: EventLog;
  /** the notes of the readings so far, in their order */
  notes: LogNote[];
  /** exitsSeen's note: discover says it after the durations' notes, where it always has (a reading's order is its notes') */
  exitNotes: LogNote[];
  /** each case's entries (the log's instance indices) in time order, ties ordered; a far case's emptied */
  events: number[][];
  /** the log's exact duplicate entries, each kept once (traces.ts' groupCases) */
  duplicates: number;
  /** the cases dated far from the rest, left out of everything (far-dates.ts), and their note's words */
  far: ReturnType<typeof farCases>;
  /** the unfinished instances of the cases kept */
  unfinished: ReturnType<typeof keptUnfinished>;
  /** by instance: 1 where its case is kept */
  included: Uint8Array;
  /** by case: the index of its flow in flowNames */
  flowOf: Int32Array;
  /** the flows the log's cases fall into, each a scenario flow */
  flowNames: string[];
  /** each flow's cases (their entries) */
  casesOf: number[][][];
  /** the cases under way when the log opened (log-start.ts), by case (events' index) and counted: fidelity leaves the same out */
  underWay: LogStart;
  /** their entries */
  partial: Set<number[]>;
  /** each flow's concurrency */
  orders: ReturnType<typeof concurrencyOracle>[];
  /** whether activities a and b run in parallel in case c's flow */
  concurrentInCase: (a: number, b: number, c: number) => boolean;
  /** by instance: its start, epoch ms (the log's, or estimated for a log of completions only) */
  start: Float64Array;
  /**
   * by activity, 1 where a log of completions only gives no start to estimate for any of its
   * instances (an activity that only opens cases: traces.ts' estimateStarts): they take no time,
   * which is no measurement (its wait and work are in no step); all 0 for a log with starts
   */
  startsUnknown: Uint8Array;
  /** the cases whose last exit the log's end cut (exits-seen.ts) */
  endCut: Set<number[]>;
  /** by flow: its chain of steps and parallel blocks (flow-structure.ts) */
  chains: Chain[];
  /** the blocks' passes and who led them (extraneous-delays.ts' readBlockPasses) */
  passes: BlockPasses;
}

export function discoverBlocks(read: EventLog, options: DiscoverOptions): BlockReading {
  const readLog = readable(read);
  const { notes, replications } = readLog;
  const { log, events, duplicates, far, unfinished, included } = keptCases(readLog.log, notes);

  // Concurrency first from what the log has; starts estimated after (they need the oracle).
  // Each flow has its own: two steps that overlap in one flow's cases may follow each other in
  // another's, whose chain, enabling times and cut instances must not take them as parallel.
  const { flowOf, flowNames } = assignFlows(log, events, notes);
  const casesOf: number[][][] = flowNames.map(() => []);
  events.forEach((list, c) => {
    if (list.length > 0) casesOf[flowOf[c]].push(list);
  });
  // Cases under way when the log opened: no arrivals, no entries from the start, no order of
  // their steps (log-start.ts); their durations and later paths count.
  const underWay = casesUnderWayAtStart(log, events, flowOf, options.minShare, notes);
  const partial = new Set<number[]>();
  events.forEach((list, c) => {
    if (underWay.underWay[c] === 1) partial.add(list);
  });
  const logStarts = log.completionOnly ? null : startsOrEnds(log);
  const orders = casesOf.map((cases) => concurrencyOracle(log, cases, logStarts, (list) => partial.has(list)));
  const concurrentInCase = (a: number, b: number, c: number) => orders[flowOf[c]].concurrent(a, b);
  const startsUnknown = new Uint8Array(log.activities.length);
  const start = instanceStarts(log, events, included, logStarts, concurrentInCase, notes, startsUnknown);
  const exitNotes: LogNote[] = [];
  const seen = exitsSeen(log, events, options.minShare, exitNotes);
  const chains = flowNames.map((_, f) => {
    const cases = casesOf[f];
    const acts = [...new Set(cases.flatMap((list) => list.map((e) => log.activityOf[e])))].sort((x, y) => x - y);
    return discoverChain(acts, inArrivalOrder(log, cases, start), {
      activityOf: (e) => log.activityOf[e],
      concurrent: orders[f].concurrent,
      partners: orders[f].partners,
      minShare: options.minShare,
      exitSeen: (e) => seen[e] === 1,
      entrySeen: (list) => !partial.has(list as number[]),
    });
  });
  const endCut = new Set(events.filter((list) => list.length > 0 && seen[list[list.length - 1]] === 0));
  const passes = readBlockPasses({ log, events, partial, endCut, flowOf, chains, start });
  return {
    replications,
    log,
    notes,
    exitNotes,
    events,
    duplicates,
    far,
    unfinished,
    included,
    flowOf,
    flowNames,
    casesOf,
    underWay,
    partial,
    orders,
    concurrentInCase,
    start,
    startsUnknown,
    endCut,
    chains,
    passes,
  };
}

export function discover(read: EventLog, options: DiscoverOptions): Discovery {
  const blocks = discoverBlocks(read, options);
  const { log, notes, events, far, unfinished, included, flowOf, flowNames, casesOf, partial, orders, concurrentInCase, start, passes } =
    blocks;
  const whole = (cases: number[][]) => cases.filter((list) => !partial.has(list));
  // the log's own enabling times, read for their note (instances starting before their
  // predecessor ended); delays measure from their flow's (extraneous-delays.ts)
  enablingTimes(log, events, start, concurrentInCase, notes);
  checkSpans(log, events, start, notes);

  const teams = discoverTeams(log, start, included, options.minShare);
  const calendars = teams.teams.map((t) => (t.periods === null ? WorkCalendar.ALWAYS : new WorkCalendar(t.periods)));
  const { samples, suspensions } = processingTimes(log, start, included, teams, calendars, notes);
  const placement = flowPlacement(log, events, flowOf, flowNames);
  const censored = censoredAges(
    { log, events, unfinished, leftOut: far.ids, casesOf, placement, start, concurrent: concurrentInCase, teams, calendars },
    notes,
  );

  append(notes, blocks.exitNotes);
  const unseen = unseenArrivals(log, events, unfinished, placement, flowNames.length, notes);
  const window = arrivalWindow(log, whole(events), start, unseen);
  // Breaks between periods of the log (no case for days where its pace expects many): left out
  // of the exposure its rates are measured over (arrival-breaks.ts)
  const breaks = logBreaks(log, whole(events), start, unseen, window, notes);
  const patience = findPatience(
    log,
    events,
    casesOf,
    placement,
    start,
    flowNames.map((name) => ({ name })),
    notes,
  );
  const flows: FlowDiscovery[] = flowNames.map((name, f) => {
    const cases = casesOf[f];
    return {
      name,
      cases: cases.length,
      chain: blocks.chains[f],
      arrivals: arrivalFacts(log, whole(cases), start, unseen[f], window, breaks),
      cycleHours: cycleHours(log, whole(cases), start),
      patience: patience[f],
    };
  });
  const delays = discoverDelays(
    {
      log,
      events,
      partial,
      endCut: blocks.endCut,
      flowOf,
      chains: blocks.chains,
      start,
      included,
      teams,
      calendars,
      leftOut: far.ids,
      minShare: options.minShare,
    },
    passes,
  );
  const { openings, leads } = passes;
  noteLeaderDrift([...openings.values(), ...leads.values()], log.activities, notes);
  const activities: ActivityFacts[] = log.activities.map((name, a) => ({
    activity: a,
    name,
    instances: samples[a].length,
    team: teams.teamOf[a],
    pool: teams.poolOf[a],
    duration: noStartToEstimate(fitDurations(samples[a], censored[a]), blocks.startsUnknown[a] === 1),
    delay: delays[a],
  }));
  noteFewCompletions(activities, notes);
  noteBursts(flows, notes);
  return {
    log,
    notes,
    flows,
    activities,
    teams,
    concurrentPairs: concurrentPairsOfFlows(orders, log.activities.length).map(([a, b]) => [log.activities[a], log.activities[b]]),
    openings,
    leads,
    startsEstimated: log.completionOnly,
    duplicates: blocks.duplicates,
    suspensions,
    ...logPeriod(flows),
    minShare: options.minShare,
  };
}

/**
 * The fit of an activity, said as it is where a log of completions only lets none of its starts be
 * estimated (`startsUnknown`): its instances took no time, which is said as such, not as
 * durations measured all alike (session 60: the node read `N observations: every observation is
 * the same`, duration 0).
 */
function noStartToEstimate(fit: FitResult, startsUnknown: boolean): FitResult {
  if (!startsUnknown || fit.family !== 'constant') return fit;
  return {
    ...fit,
    reason:
      "no start to estimate (the log has completion times only, and no instance follows an earlier one of its case and, where it has a resource, that resource's previous completion in its working stretch): taken as no time, its wait and work in no step",
  };
}

/**
 * A flow's cases by arrival (the earliest instant of their entries), then name: the order a chain
 * meets its steps in, and so the order the scenario lists them, is the log's dates, not its
 * file's (the same run's XES, written a trace at each case's end, and OCEL, written event by
 * event, listed correct_service in two places before session 40).
 */
function inArrivalOrder(log: EventLog, cases: number[][], start: Float64Array): number[][] {
  const keyed = cases.map((list) => ({ list, at: arrivalOf(log, list, start), name: log.cases[log.caseOf[list[0]]] }));
  keyed.sort((a, b) => a.at - b.at || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return keyed.map((k) => k.list);
}

/**
 * The log discovery reads: its first replication alone where etomsim wrote several (they simulate
 * the same dates: read together, the arrival rate was N times the scenario's; replications.ts),
 * in the clock of the week its timetable keeps (week-clock.ts); and its notes so far.
 */
function readable(read: EventLog): { log: EventLog; notes: LogNote[]; replications: Replications } {
  const replicationNotes: LogNote[] = [];
  const replications = firstReplication(numberedByFirstSeen(read), replicationNotes);
  const input = replications.log;
  const week = inWeekClock(input);
  const notes = [...week.log.notes, ...replicationNotes];
  noteFixedClock(input, week, notes);
  return { log: week.log, notes, replications };
}

/**
 * Each case's entries in order (ties ordered; an exact duplicate kept once, and counted), the
 * cases dated far from the rest left out of everything (emptied: kept, one stretched the period to
 * millennia; far-dates.ts), the unfinished instances of the cases kept, which entries are kept (1),
 * and the log less the far cases' aborts and arrivals alone (its entries as they are).
 */
function keptCases(log: EventLog, notes: LogNote[]) {
  const events = groupCases(log, notes);
  let duplicates = log.size;
  for (const list of events) duplicates -= list.length;
  orderTies(log, events);
  const far = farCases(log, events, notes);
  for (const c of far.cases) events[c] = [];
  const unfinished = keptUnfinished(log, far);
  const included = new Uint8Array(log.size);
  for (const list of events) for (const e of list) included[e] = 1;
  return { log: withoutFarAborts(log, far), events, duplicates, far, unfinished, included };
}

/**
 * Each instance's start: the log's (`logStarts`; an instance without one placed at its end, noted,
 * and left out of its step's durations and waits where others of the step have one:
 * processing-times.ts' lostStarts), or for a log of completions only, estimated from its enabling
 * and its resource's previous end (traces.ts' estimateStarts).
 */
function instanceStarts(
  log: EventLog,
  events: number[][],
  included: Uint8Array,
  logStarts: Float64Array | null,
  concurrentInCase: (a: number, b: number, c: number) => boolean,
  notes: LogNote[],
  /** set where no start could be estimated (estimateStarts) */
  startsUnknown: Uint8Array,
): Float64Array {
  if (logStarts === null) return estimateStarts(log, events, enablingTimes(log, events, null, concurrentInCase, []), startsUnknown);
  let missing = 0;
  for (let e = 0; e < log.size; e++) if (Number.isNaN(log.start[e]) && included[e] === 1) missing++;
  if (missing > 0)
    notes.push({
      kind: 'instances without a start time',
      one: 'instance without a start time',
      count: missing,
      handling:
        "placed at their end (start = end); left out of their step's durations and waits where its other instances have a start (else 0 h)",
      example: '',
    });
  return logStarts;
}

function startsOrEnds(log: EventLog): Float64Array {
  return log.start.map((s, e) => (Number.isNaN(s) ? log.end[e] : s));
}

/** The log's period: its flows' first and last arrival, and the wall clock of the first. */
function logPeriod(flows: readonly { arrivals: ArrivalFacts }[]): { firstMs: number; lastMs: number; offset: number } {
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
  return { firstMs, lastMs, offset };
}
