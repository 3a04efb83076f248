// How faithful a scenario is to a log: simulate it over the log's period (from the Monday
// before the log's first case, so the hours of the week line up, to the log's last end, with
// no case arriving after the log's last one) and compare the measures of
// each replication with the log's, each with its 95% interval over the replications.
// The log is read as discover reads it, by discover's first stage (discover.ts' discoverBlocks):
// its cases under way when it opens (log-start.ts) are left out, as the simulation, which starts
// empty, has none; a break between its periods (arrival-breaks.ts) is simulated through, as the
// process ran on, but no case arriving in it is compared on either side, as the log has none. A
// parallel block whose mix of leaders drifts over the log, as discover notes it (leader-drift.ts,
// by discover's own reading), is warned of: a discovered scenario holds one mix, the whole log's,
// where the log's changed.
// Invariant: log and simulation pass through the same `measure`, and the simulated
// activities are matched to the log's by the task's `activity` where it gives one (discover
// writes it), else by name (the node name, or the one discovery would give it: activityMatch).
import { concurrencyOracle } from '../discovery/concurrency.js';
import { type FarCases, withoutCases } from '../discovery/far-dates.js';
import type { Replications } from '../discovery/replications.js';
import { orderTies } from '../discovery/traces.js';
import { arrivalOf, arrivalOffset, arrivalsWithoutEntries, lastInstant } from '../discovery/case-times.js';
import { DEFAULT_MIN_SHARE } from '../discovery/min-share.js';
import { type BlockReading, discoverBlocks } from '../discovery/discover.js';
import { DRIFT_TEST_WORDS, type DriftingBlock, driftingBlocks, driftText } from '../discovery/leader-drift.js';
import { arrivalBreaks, BREAK_MIN_DAYS } from '../discovery/arrival-breaks.js';
import { mondayBefore, weekHours } from '../discovery/week-clock.js';
import { slug, teamNames } from '../discovery/scenario-writer.js';
import { discoverTeams } from '../discovery/teams.js';
import { EventLogBuilder, type EventLog } from '../interchange/event-log.js';
import { arrivalsUntil, compileModel } from '../model/compile.js';
import { NODE_KIND } from '../model/model.js';
import { counted } from '../plural.js';
import { type DistSpec, LEFT_OUT_REASONS, type LeftOutReason, type Scenario } from '../scenario/types.js';
import { DEFAULT_MAX_WIP, ReplicationFailed } from '../failure.js';
import { runReplicationInSlices, yieldToEventLoop } from '../sim/replicate.js';
import type { TaskObserver } from '../sim/task-observer.js';
import { summarize, type Stat } from '../stats/summary.js';
import { tQuantile } from '../stats/t-quantile.js';
import { quantileSorted as quantile } from '../stats/percentile.js';
import {
  arrivesInWindow,
  earthMovers,
  HANDOVER_SEP,
  histogramEmd,
  type InstanceTeams,
  measure,
  type Measures,
  slaShare,
  type Window,
} from './measures.js';
import { ksTwoSample } from '../discovery/fit.js';
import { HOURS_PER_WEEK } from '../week.js';
import { append } from '../lists.js';

const HOUR = 3_600_000;
const TOP_PATHS = 12;

export interface FidelityOptions {
  replications: number;
  seed: number;
  /** the SLA to measure attainment against, hours; null: the scenario's (first flow), else the log's p90 */
  slaHours: number | null;
  /** cases in progress at once beyond which a replication stops (engine/sim/run-limits.ts); default DEFAULT_MAX_WIP */
  maxWip?: number;
  /** the share by which a step "rarely opens a case" (log-start.ts): discover's --min-share, whose default it takes (min-share.ts) */
  minShare?: number;
  /** activityMatch(scenario, log), where the caller has it already (the command checks it before simulating); else computed here */
  match?: ActivityMatch;
  /**
   * told as fidelity starts (0 done), before it reads the log; again (0 done) as its first replication
   * begins, where the progress line measures their pace from (bin/progress.ts); and after each
   * replication: the command line's progress line
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * awaited between slices of each replication's simulation (engine/sim/replicate.ts,
   * runReplicationInSlices): the thread's event loop runs there, so a stop signal is answered
   * mid-replication (bin/stop-signals.ts); default yieldToEventLoop
   */
  pause?: () => Promise<void>;
}

export interface Fidelity {
  log: {
    file: string;
    cases: number;
    instances: number;
    from: string;
    to: string;
    activities_matched: number;
    activities_unmatched: string[];
    /** the scenario's tasks that no activity of the log matches (etomsim addition, 2026-12-03) */
    tasks_unmatched: string[];
    /** the cases left out as dated far from the rest (far-dates.ts, as discover leaves them out; etomsim addition, 2026-12-03) */
    cases_left_out: string[];
    /** the replications of etomsim's own log left out, beside the one compared (replications.ts; etomsim addition, session 36) */
    replications_left_out: number[];
    /** the cases under way when the log opens (or a period of it after a break, session 38), left out as discover takes them for no arrivals (log-start.ts; etomsim addition, session 37) */
    cases_under_way_at_start: string[];
    /** the breaks between the log's periods (arrival-breaks.ts), ISO 8601 UTC: no case arriving in one is compared (etomsim addition, session 37) */
    breaks: { from: string; to: string }[];
    /**
     * the parallel blocks whose mix of leaders (the step that starts first in a pass) changes over
     * the log, as discover notes them (leader-drift.ts): the scenario holds one mix, the log's
     * changed (etomsim addition, session 51)
     */
    leader_drift: DriftingBlock[];
  };
  /** where the comparison cannot say what it seems to (etomsim addition, 2026-12-03): what the console prints too */
  warnings: FidelityWarning[];
  scenario: string;
  replications: number;
  seed: number;
  /**
   * Cases arriving in the log's window (its first arrival to its last, outside its breaks): the log's and the
   * simulation's. The scenario's arrival rate and profile should bring as many; an hourly
   * profile spreads a burst shorter than an hour over its hour, and the window then sees fewer.
   */
  cases: { log: number; simulation: Stat };
  /**
   * Cases arriving in the window that the log shows by any event, whatever became of them: those
   * above, and those seen only as given up (an abort event) or as a step still running at the
   * log's end (etomsim addition, session 35: etomsim's own logs write every cancelled case, a
   * `pi_abort`, so its abandonment is compared too).
   */
  cases_arrived: { log: number; simulation: Stat };
  /** Of cases_arrived, those cancelled (a `pi_abort`; in the simulation, `cancel_after`) by the log's end (etomsim addition, session 35). */
  cases_cancelled: { log: number; simulation: Stat };
  cycle_time: {
    log: { mean: number; p50: number; p90: number };
    simulation: { mean: Stat; p50: Stat; p90: Stat };
    emd_hours: Stat;
    ks: Stat;
    /** percentiles 0..100, the simulation's averaged over replications */
    percentiles: { log: number[]; simulation: number[] };
  };
  steps: {
    activity: string;
    log: { processing: number; waiting: number; n: number };
    simulation: { processing: Stat; waiting: Stat; n: Stat };
  }[];
  arrivals_by_hour_of_week: { emd_hours: Stat; log: number[]; simulation: number[] };
  throughput_per_week: { log: number[]; simulation: number[]; mean_absolute_relative_error: Stat };
  paths: { total_variation: Stat; top: { path: string; log: number; simulation: Stat }[] };
  wip: { log_mean: number; simulation_mean: Stat; log_per_day: number[]; simulation_per_day: number[] };
  sla: { hours: number; source: string; log: number; simulation: Stat };
  /**
   * Changes of team along a case's steps (measures.ts' Handovers), per case counted: in all and
   * by pair of teams, the log's teams read and named as discover reads and names them (teams.ts,
   * scenario-writer.ts' teamNames), the simulation's the scenario's; `per_case` null where the log
   * names no team (`basis` none: no resource or role column), not 0 (etomsim addition, session 63).
   */
  handovers: {
    basis: 'role' | 'resource profile' | 'none';
    per_case: { log: number; simulation: Stat } | null;
    pairs: { from: string; to: string; log: number; simulation: Stat }[];
  };
}

/** Why a log has no handovers to compare: the console and fidelity.html say it so. */
export const HANDOVERS_UNAVAILABLE = 'the log has no resource or role column, so no team to hand over between';

/** The most pairs of teams fidelity.json lists under handovers: the commonest, on either side. */
const TOP_PAIRS = 12;

/**
 * Each instance's team as discover reads the log's teams (teams.ts: a role is a team, else
 * resources of one activity profile are; an automated step's instances none), named as discover
 * names the scenario's teams; none where the log has no resource or role column.
 */
function logTeams(
  log: EventLog,
  start: Float64Array,
  minShare: number,
): { basis: Fidelity['handovers']['basis']; teams: InstanceTeams | null } {
  if (log.resources.length === 0 && log.roles.length === 0) return { basis: 'none', teams: null };
  const found = discoverTeams(log, start, new Uint8Array(log.size).fill(1), minShare, { staffing: false });
  if (found.basis === 'none') return { basis: 'none', teams: null };
  return { basis: found.basis, teams: { of: found.teamOfEvent, names: teamNames(found.teams) } };
}

/**
 * A part of the comparison that cannot say what it seems to. `activities_unmatched`: activities
 * of the log that are no task of the scenario (the simulated log has none of them, so paths and
 * steps cannot match the log's); `tasks_unmatched`: tasks of the scenario that are no activity
 * of the log (the log cannot speak for them: a hand-written step the log does not record, or a
 * name that differs), but for an automated step that leads straight to a step the log has, whose
 * time the log shows as that step's wait.
 */
export interface FidelityWarning {
  code:
    | 'activities_unmatched'
    | 'tasks_unmatched'
    | 'cases_left_out'
    | 'replications_left_out'
    | 'cases_under_way_at_start'
    | 'breaks'
    | 'leader_drift';
  /** what it concerns: the path in fidelity.json of the names it warns of, `log.<code>` */
  subject: `log.${FidelityWarning['code']}`;
  message: string;
}

/** A second in hours: the default SLA of a log whose p90 cycle time is 0. */
const SECOND_HOURS = 1 / 3600;

/** Each instance's start, its end where the log has none (a log of completions). */
const startsOf = (log: EventLog) => log.start.map((s, e) => (Number.isNaN(s) ? log.end[e] : s));

/** A case the log shows arrived: its arrival (epoch ms) and that instant's UTC offset (minutes). */
interface CaseArrival {
  caseId: string;
  ms: number;
  offset: number;
}

/**
 * Every case the log shows arrived, discover's rule: its cases with entries (arrivalOf) and
 * those it shows without one (given up, a step still running at its end, or by their arrival
 * alone: case-times.ts' arrivalsWithoutEntries). Gathered once a comparison, for its window,
 * breaks and count of arrivals (before session 40 each gathered its own).
 */
function caseArrivals(log: EventLog, events: readonly number[][], start: Float64Array): CaseArrival[] {
  const out: CaseArrival[] = [];
  const withEntries = new Set<string>();
  events.forEach((list, c) => {
    if (list.length === 0) return;
    withEntries.add(log.cases[c]);
    out.push({ caseId: log.cases[c], ms: arrivalOf(log, list, start), offset: arrivalOffset(log, list, start) });
  });
  return append(
    out,
    arrivalsWithoutEntries(log, (id) => withEntries.has(id)),
  );
}

/**
 * The log's first and last case arrivals (ms) and the first case's offset: the window the
 * simulation's arrivals run over, of every case the log shows arrived (caseArrivals), as
 * discover's window (arrival-facts.ts) and the `after` it writes take them; before session 39
 * those with entries only, so a log whose last arrival was a case shown by its arrival alone
 * stopped the simulation's arrivals before discover's scenario's. A log whose cases all arrive
 * at one instant (one case among them) has a window of no length, which nothing can be
 * compared over.
 */
export function arrivalWindow(
  log: EventLog,
  start: Float64Array = startsOf(log),
  arrivals: readonly CaseArrival[] = caseArrivals(log, groupedForOracle(log), start),
): { first: number; last: number; firstOffset: number } {
  let first = Infinity;
  let last = -Infinity;
  let firstOffset = 0;
  for (const a of arrivals) {
    if (a.ms < first) {
      first = a.ms;
      firstOffset = a.offset;
    }
    last = Math.max(last, a.ms);
  }
  return { first, last, firstOffset };
}

export async function fidelity(scenario: Scenario, scenarioName: string, read: EventLog, options: FidelityOptions): Promise<Fidelity> {
  // the progress line at once: the log's measures and its discovered blocks come before the first
  // replication, and until session 52 the line came after them (LoanApp's log: 1.0-1.1 CPU s with nothing shown)
  options.onProgress?.(0, options.replications);
  // The log as discover's first stage reads it, up to its blocks' passes (no fit of a duration or
  // an arrival; the whole discover was 37-39% of fidelity's CPU on LoanApp's log: docs/performance-notes.md,
  // session 52), and fidelity's reading taken from it (session 53: before, fidelity read the
  // replications, the far cases and the cases under way again, as the stage reads them):
  // etomsim's log of several replications, the first alone (replications.ts), its names numbered as
  // discover numbers them (first-seen.ts): the report's steps, and its sums over cases to the last
  // bit, in one order whatever order the file lists its rows in; the cases discover leaves out as
  // dated far from the rest (kept, one of 1970 in a log of 2024 made the window 54 years long, and
  // the simulation 302,040 cases against the log's 60); and those under way as the log opens.
  const found = discoverBlocks(read, { minShare: options.minShare ?? DEFAULT_MIN_SHARE });
  const replications = found.replications;
  const one = replications.log;
  const far = found.far;
  const dated = withoutCases(one, far);
  const underWay = casesUnderWay(found);
  const log = withoutCases(dated, underWay);
  const start = startsOf(log);
  const events = groupedForOracle(log);
  const oracle = concurrencyOracle(log, events, log.completionOnly ? null : start);
  const arrivals = caseArrivals(log, events, start);
  const { first, last, firstOffset } = arrivalWindow(log, start, arrivals);
  // the log's last instant: nothing later is observed, so the simulation's cases count to it
  const logEnd = lastInstant(log).ms;
  const window: Window = { fromMs: first, toMs: last, horizonMs: logEnd, offset: firstOffset, breaks: [] };
  window.breaks = breaksOf(arrivals);
  // the log's measures, read once: its SLA may be its p90 cycle time, their share within it taken after (slaShare)
  const handoverTeams = logTeams(log, start, options.minShare ?? DEFAULT_MIN_SHARE);
  const logRead = measure(log, start, oracle.concurrent, window, Infinity, { tiesOrdered: true, teams: handoverTeams.teams });
  const p90Log = quantile(logRead.cycles, 0.9);
  // a log whose p90 cycle time is 0 (cases of one instant each) is held to a second, the finest
  // most logs record: an SLA is longer than 0 (fidelity.schema.json); before session 40, 0 h
  const p90Sla = p90Log > 0 ? p90Log : SECOND_HOURS;
  const flowSla = scenario.flows[0]?.sla ?? null;
  const slaHours = options.slaHours ?? flowSla ?? p90Sla;
  // the log's cases are compared with every flow's together: one flow's SLA is said as such
  const firstOf = scenario.flows.length > 1 ? `, the first of its ${scenario.flows.length} flows; give --sla for another` : '';
  const slaSource =
    options.slaHours !== null
      ? '--sla'
      : flowSla !== null
        ? `the scenario's flow ${scenario.flows[0].name}${firstOf}`
        : `the log's p90 cycle time${p90Log > 0 ? '' : ' of 0 taken as a second, the shortest SLA etomsim writes'} (no SLA given${scenario.flows.length > 1 ? ` to the scenario's first flow, ${scenario.flows[0].name}` : ''})`;
  const logMeasures: Measures = { ...logRead, slaAttainment: slaShare(logRead.cycles, slaHours) };
  const logCounts = arrivedAndCancelled(log, arrivals, window);
  // the blocks whose mix of leaders drifts, from discover's own reading of the log (its tests'
  // numbers, not its note's words): a discovered scenario holds the whole log's mix, which neither
  // the log's early nor its late part ran, and its fit is read in that light
  const drift = driftingBlocks([...found.passes.openings.values(), ...found.passes.leads.values()], found.log.activities);

  // The simulation starts on the Monday 00:00 (in the first case's offset) before the first
  // case, so the hours of the week line up, and stops at the log's last end: nothing later is
  // observed. Its cases stop arriving at the log's last arrival, as the log's did, so its teams
  // meet no later case (arrivals went on up to the log's last end plus its longest cycle time:
  // PM4Py's renting log, 10,000 cases within 10 minutes and cycle times of weeks, was simulated
  // with 17 times its cases, 122 s).
  const originMs = mondayBefore(first, firstOffset);
  const horizon = (Math.max(logEnd, last) - originMs) / HOUR;
  const simScenario: Scenario = { ...scenario, run: { ...scenario.run, horizon, warmup: 0 } };
  const model = arrivalsUntil(compileModel(simScenario), (last - originMs) / HOUR);

  const match = options.match ?? activityMatch(scenario, log);
  const nodeActivity = model.nodes.map((n) =>
    n.kind === NODE_KIND.task ? (match.byTask.get(taskKey(model.flows[n.flow].name, n.name)) ?? null) : null,
  );

  const simWindow: Window = { ...window, horizonMs: originMs + horizon * HOUR };
  // none done yet, told again as the replications begin: the progress line's time left is at their pace, not the log's reading's
  options.onProgress?.(0, options.replications);
  const runs: Measures[] = [];
  const simCounts: CaseCounts[] = [];
  for (let r = 0; r < options.replications; r++) {
    const {
      log: simLog,
      caseEnds,
      counts,
    } = await simulatedLog(
      model,
      r,
      options.seed,
      nodeActivity,
      originMs,
      firstOffset,
      log.enabled.some((x) => !Number.isNaN(x)),
      log.pauseFrom.length > 0,
      options.maxWip ?? DEFAULT_MAX_WIP,
      logEnd,
      options.pause ?? yieldToEventLoop,
      window,
      log.showsArrivals,
      handoverTeams.teams !== null,
    );
    simCounts.push(counts);
    const simStart = simLog.start;
    // the simulated log's activities as the log's (-1: none), looked up once, not at every comparison
    const inLog = simLog.activities.map((name) => log.activities.indexOf(name));
    runs.push(
      measure(simLog, simStart, (a, b) => oracle.concurrent(inLog[a], inLog[b]), simWindow, slaHours, {
        caseEnds,
        // like with like: a log of completions only dates a case from its first completion (its
        // first step's time is not in its cycle time), so the simulated cases are dated so too
        fromCompletion: log.completionOnly,
        teams: handoverTeams.teams === null ? null : { of: simLog.roleOf, names: simLog.roles },
      }),
    );
    options.onProgress?.(r + 1, options.replications);
  }
  return compare(log, logMeasures, runs, {
    counts: { log: logCounts, simulation: simCounts },
    scenarioName,
    options,
    window,
    slaHours,
    slaSource,
    match,
    leftOut: leftOutActivities(scenario),
    far,
    replications,
    underWay,
    drift,
    handoverBasis: handoverTeams.basis,
  });
}

/**
 * The cases under way when the log opens, as discover's first stage found them (log-start.ts, over
 * the flows discover assigns, the far cases' entries emptied first, so that none of those is under way):
 * by case, whose numbers the log less its far cases keeps (far-dates.ts' withoutCases drops entries,
 * not cases). A case the
 * window opened on in mid-flow has its later steps only, which the simulation, starting empty, has
 * no match for (fiber's 70-day window of a running process: its cases under way at the start read
 * as arrivals with short cycle times).
 */
function casesUnderWay(found: BlockReading): FarCases {
  const { log, events } = found;
  const { underWay, count, afterBreaks } = found.underWay;
  const out: FarCases = { cases: new Set(), ids: new Set(), said: '', named: '' };
  if (count === 0) return out;
  const named: string[] = [];
  events.forEach((list, c) => {
    if (underWay[c] === 0) return;
    out.cases.add(c);
    out.ids.add(log.cases[c]);
    if (named.length < 4)
      named.push(`case ${log.cases[c]} (row ${log.row[list[0]]}, opens with ${log.activities[log.activityOf[list[0]]]})`);
  });
  const [opens, start] =
    afterBreaks === 0 ? ['the log opens', "the log's start"] : ['the log, or a period of it after a break, opens', 'its start'];
  out.said = `${counted(count, `case under way when ${opens}`, `cases under way when ${opens}`)} (their first step rarely opens a case, and ended too near ${start} to show what came before)`;
  out.named = `${named.join(', ')}${count > named.length ? ` and ${counted(count - named.length, 'more case')}` : ''}`;
  return out;
}

/**
 * The breaks between the log's periods (arrival-breaks.ts, over every case the log shows arrived,
 * as discover finds them: those shown only as given up, as a step still running at its end or
 * by their arrival alone too, s37c F3), in ms: from the arrival before each to the one after.
 */
function breaksOf(caseArrivals: readonly CaseArrival[]): Window['breaks'] {
  if (caseArrivals.length === 0) return [];
  const arrivals = caseArrivals.map(({ ms, offset }) => ({ ms, h: weekHours(ms, offset) }));
  arrivals.sort((a, b) => a.h - b.h);
  const clock = arrivals.map((a) => a.h);
  // the window's ends in their own arrivals' clocks, as discover reads them
  const breaks = arrivalBreaks(clock, clock[0], clock[clock.length - 1]);
  return breaks.map((b) => ({ fromMs: arrivals[clock.indexOf(b.fromH)].ms, toMs: arrivals[clock.lastIndexOf(b.toH)].ms }));
}

/**
 * The warnings of a match, in both directions: the log's activities no task matches, and the
 * scenario's tasks no activity matches, each list named (a few, the rest counted). Decided here
 * once: fidelity.json holds them, the console and fidelity.html print them as they are.
 */
export function matchWarnings(
  match: ActivityMatch,
  activities: number,
  leftOut: ReadonlyMap<string, LeftOutReason> = new Map(),
): FidelityWarning[] {
  const warnings: FidelityWarning[] = [];
  const one = (list: readonly string[], single: string, several: string) => (list.length === 1 ? single : several);
  // of a scenario discover wrote, the activities its flows' `discovery: left_out` lists: its fold, not a mismatch
  const left = match.unmatched.filter((a) => leftOut.has(a));
  const them = one(left, 'it', 'them');
  const why = LEFT_OUT_REASONS.filter((r) => left.some((a) => leftOut.get(a) === r)).map((r) => LEFT_OUT_WORDS[r](them));
  const byDiscover =
    left.length === 0
      ? ''
      : `: discover left ${left.length === match.unmatched.length ? them : `${left.length} of them`} out, as ${why.join(', or ')} (the scenario's flows list ${them} under discovery: left_out)`;
  if (match.unmatched.length > 0)
    warnings.push({
      code: 'activities_unmatched',
      subject: 'log.activities_unmatched',
      message: `${match.unmatched.length} of the log's ${counted(activities, 'activity', 'activities')} ${one(match.unmatched, 'is', 'are')} no task of the scenario${byDiscover}, so the simulated log has none of ${one(match.unmatched, 'it', 'them')} and its paths and steps cannot match the log's: ${quoted(match.unmatched)}`,
    });
  if (match.tasksUnmatched.length > 0)
    warnings.push({
      code: 'tasks_unmatched',
      subject: 'log.tasks_unmatched',
      message: `${match.tasksUnmatched.length} of the scenario's ${counted(match.tasks.length, 'task')} ${one(match.tasksUnmatched, 'is', 'are')} no activity of the log, so the log cannot speak for ${one(match.tasksUnmatched, 'it', 'them')}: the simulated log leaves ${one(match.tasksUnmatched, 'it', 'them')} out, as the log has none of ${one(match.tasksUnmatched, 'it', 'them')}, and no step of the comparison is ${one(match.tasksUnmatched, 'its', 'theirs')} (a step the log does not record, or a name that differs from the log's): ${quoted(match.tasksUnmatched)}${ambiguity(match.tasksAmbiguous)}`,
    });
  return warnings;
}

/** Of the tasks no activity matches, those named as several activities would be by discover's rule (slug): none is chosen for them. */
function ambiguity(tasks: readonly string[]): string {
  if (tasks.length === 0) return '';
  const [is, it] = tasks.length === 1 ? ['is', 'it'] : ['are', 'each'];
  return `; of them, ${quoted(tasks)} ${is} the node name discover gives several of the log's activities (their names differ only in case or punctuation), so none is taken for ${tasks.length === 1 ? 'it' : 'them'}: give ${it} the log's activity with the task's activity key, as discover writes it`;
}

/** What each reason of a flow's `discovery: left_out` (scenario types' LEFT_OUT_REASONS) says of the activities. */
const LEFT_OUT_WORDS: Record<LeftOutReason, (them: string) => string> = {
  rare_paths: (them) => `only paths rarer than its --min-share led to ${them}`,
};

/** The log's activities the scenario's flows list under `discovery: left_out`, each with why (the first flow's that lists it). */
export function leftOutActivities(scenario: Scenario): Map<string, LeftOutReason> {
  const leftOut = new Map<string, LeftOutReason>();
  for (const f of scenario.flows) for (const x of f.leftOut ?? []) if (!leftOut.has(x.activity)) leftOut.set(x.activity, x.why);
  return leftOut;
}

/** A few names quoted, the rest counted: a message names enough to recognise a list, not all of it. */
export function quoted(names: readonly string[], shown = 4): string {
  const listed = names
    .slice(0, shown)
    .map((n) => `'${n}'`)
    .join(', ');
  return names.length > shown ? `${listed} and ${names.length - shown} more` : listed;
}

/**
 * The log's activity a task's name stands for: an activity of that very name, else the one
 * activity whose slug (the node name discover gives it) it is; a slug several activities share
 * (`a.b` and `a-b`, `Check` and `check`) stands for none of them: `ambiguous` lists it.
 */
function activityByName(log: EventLog): { byName: Map<string, string>; ambiguous: Set<string> } {
  const bySlug = new Map<string, string[]>();
  for (const a of log.activities) {
    const list = bySlug.get(slug(a));
    if (list) list.push(a);
    else bySlug.set(slug(a), [a]);
  }
  const byName = new Map(log.activities.map((a) => [a, a]));
  const ambiguous = new Set<string>();
  for (const [name, list] of bySlug) {
    if (byName.has(name)) continue; // an activity's own name first
    if (list.length === 1) byName.set(name, list[0]);
    else ambiguous.add(name);
  }
  return { byName, ambiguous };
}

export interface ActivityMatch {
  matched: string[];
  unmatched: string[];
  tasks: string[];
  tasksUnmatched: string[];
  /** tasks left unmatched because their name is the slug of several activities and they say no `activity` */
  tasksAmbiguous: string[];
  /** per task (taskKey(flow, name)), the log's activity it stands for, or null */
  byTask: Map<string, string | null>;
}

/** A task's key in ActivityMatch.byTask: its flow's name and its own (node names repeat across flows). */
export const taskKey = (flow: string, task: string) => `${flow}\u0000${task}`;

/**
 * How the log's activities meet the scenario's tasks, by the rule the simulated log is written
 * by: a task's `activity` exactly where it gives one (discover writes it: the names of a log's
 * activities may slug alike, `a.b` and `a_b`, and discover then tells its tasks apart by
 * suffixes), else by its name (activityByName). `matched` and `unmatched` the log's activities,
 * `tasks` the scenario's task names (each once, in document order), `tasksUnmatched` those the
 * log cannot speak for. Read before simulating: a log none of whose activities is a task
 * compares nothing with nothing, and its figures would be made up.
 */
export function activityMatch(scenario: Scenario, log: EventLog): ActivityMatch {
  const { byName, ambiguous } = activityByName(log);
  const inLog = new Set(log.activities);
  const byTask = new Map<string, string | null>();
  const ambiguousTasks = new Set<string>();
  for (const f of scenario.flows)
    for (const n of f.nodes) {
      if (n.kind !== 'task') continue;
      const activity = n.activity !== undefined ? (inLog.has(n.activity) ? n.activity : null) : (byName.get(n.name) ?? null);
      if (n.activity === undefined && ambiguous.has(n.name)) ambiguousTasks.add(n.name);
      byTask.set(taskKey(f.name, n.name), activity);
    }
  const tasks = [...new Set(scenario.flows.flatMap((f) => f.nodes.filter((n) => n.kind === 'task').map((n) => n.name)))];
  const found = new Set([...byTask.values()].filter((a): a is string => a !== null));
  const matchedTasks = new Set(
    scenario.flows.flatMap((f) =>
      f.nodes.filter((n) => n.kind === 'task' && byTask.get(taskKey(f.name, n.name)) !== null).map((n) => n.name),
    ),
  );
  // An automated step that leads straight to a step the log has is spoken for: its time is the
  // log's wait before that step (discover's delay steps, `wait_before_X`, are such steps), as is
  // one leading to a fork one of whose branches starts at such a step, or at a fork so led, at any
  // depth (discover's delay of the branch that starts a block first, session 43, whose step may
  // head a block nested at the head of its branch). So is one of no work (automated, of duration
  // 0, no `until`: discover's `end_of_case`): no log has anything of it, and no figure of the
  // comparison moves with it.
  const spokenFor = new Set(
    scenario.flows.flatMap((f) => {
      const inLogStep = (name: string) => (byTask.get(taskKey(f.name, name)) ?? null) !== null;
      const forks = new Map(f.nodes.flatMap((n) => (n.kind === 'fork' ? [[n.name, n.parallel] as const] : [])));
      const leadsToLogStep = (next: string, seen = new Set<string>()): boolean => {
        if (inLogStep(next)) return true;
        const branches = forks.get(next);
        if (branches === undefined || seen.has(next)) return false;
        seen.add(next);
        return branches.some((b) => leadsToLogStep(b, seen));
      };
      return f.nodes.flatMap((n) =>
        n.kind === 'task' && n.resource === null && ((n.next !== null && leadsToLogStep(n.next)) || noWork(n.duration, n.until))
          ? [n.name]
          : [],
      );
    }),
  );
  return {
    matched: log.activities.filter((a) => found.has(a)),
    unmatched: log.activities.filter((a) => !found.has(a)),
    tasks,
    tasksUnmatched: tasks.filter((t) => !matchedTasks.has(t) && !spokenFor.has(t)),
    tasksAmbiguous: tasks.filter((t) => ambiguousTasks.has(t) && !matchedTasks.has(t)),
    byTask,
  };
}

/** An automated task's duration that takes no time: a constant 0, its end not a case's age. */
function noWork(duration: DistSpec, until: 'case_age' | null | undefined): boolean {
  return duration.kind === 'constant' && duration.value === 0 && (until ?? null) === null;
}

/** Cases arriving in the window that a log shows, and those of them cancelled (Fidelity.cases_arrived, cases_cancelled). */
interface CaseCounts {
  arrived: number;
  cancelled: number;
}

/**
 * The log's CaseCounts: the cases it shows arrived (caseArrivals, discover's rule; before
 * session 39 those without an entry were left out) that arrive in the window; cancelled, those
 * of them with a `pi_abort`.
 */
function arrivedAndCancelled(log: EventLog, arrivals: readonly CaseArrival[], window: Window): CaseCounts {
  const arrival = new Map<string, number>();
  for (const a of arrivals) arrival.set(a.caseId, a.ms);
  const within = (caseId: string) => arrivesInWindow(arrival.get(caseId)!, window);
  let arrived = 0;
  for (const caseId of arrival.keys()) if (within(caseId)) arrived++;
  const cancelled = log.aborts.filter((a) => !Number.isNaN(a.at) && within(a.caseId)).length;
  return { arrived, cancelled };
}

function groupedForOracle(log: EventLog): number[][] {
  const events: number[][] = log.cases.map(() => []);
  for (let i = 0; i < log.size; i++) events[log.caseOf[i]].push(i);
  const key = (i: number) => (Number.isNaN(log.start[i]) ? log.end[i] : log.start[i]);
  for (const list of events) list.sort((a, b) => key(a) - key(b) || log.end[a] - log.end[b]);
  orderTies(log, events); // as discovery's oracle reads them
  return events;
}

/**
 * One replication as an event log: its tasks that match a log activity (with their roster
 * pauses, as a log records them), and each case's end, observed as the log was: up to
 * `observedUntil`, the log's last instant (case-times.ts' lastInstant). A log exported while cases were open shows each of them
 * up to its last completed task, and measures it as if it ended there; so a simulated case
 * open at that instant is measured the same way (its end is its last task ending by then), its
 * later tasks are not shown, and a case with none by then is not in the log at all. Comparing
 * the log's truncated cases with whole simulated ones made the very scenario that wrote a log
 * look a poor fit of it (a 48-hour wait in a 4-week log: cycle time mean 44.2 h in the log
 * against 52.2 h simulated).
 */
async function simulatedLog(
  model: ReturnType<typeof compileModel>,
  replication: number,
  seed: number,
  nodeActivity: (string | null)[],
  originMs: number,
  offset: number,
  withEnabled: boolean,
  /** the log records pauses: a calendar's are shown too, as etomsim's own logs show them; a log without any shows a task's nights as its span */
  withCalendarPauses: boolean,
  maxWip: number,
  observedUntil: number,
  pause: () => Promise<void>,
  window: Window,
  /** the log would show a case by its arrival alone (EventLog.showsArrivals): a simulated case is shown from its arrival too */
  showsArrivals: boolean,
  /** the log names teams: each task's team is its instance's role, for the handovers */
  withTeams: boolean,
) {
  /** per case: its arrival (ms) once known, and whether the log would show it by observedUntil (a task started, or its cancellation) */
  const shown = new Set<number>();
  const counts: CaseCounts = { arrived: 0, cancelled: 0 };
  const tally = (caseSerial: number, arrivalHours: number, cancelledAt: number) => {
    const arrivalMs = originMs + arrivalHours * HOUR;
    if (!arrivesInWindow(arrivalMs, window)) return;
    if (cancelledAt <= observedUntil) counts.cancelled++;
    // a log that shows cases by their arrival alone (etomsim's XES and OCEL) shows one that arrived by its end, task or not
    if (shown.has(caseSerial) || cancelledAt <= observedUntil || (showsArrivals && arrivalMs <= observedUntil)) counts.arrived++;
  };
  const builder = new EventLogBuilder('simulation', 'csv', Number.POSITIVE_INFINITY); // a run's own log: no file's limit
  const ends = new Map<number, number>();
  /** per case, the end of its last task shown (ending by observedUntil) */
  const lastShown = new Map<number, number>();
  const cancelledAt = new Map<number, number>();
  const arrived = new Map<number, number>();
  const at = (h: number) => ({ ms: originMs + h * HOUR, offset });
  /** per task in progress (case serial, node): its pauses so far, [from, to, ...] in ms (`to` NaN while paused) */
  const paused = new Map<string, number[]>();
  const observer: TaskObserver = {
    taskStart(caseSerial, _node, _team, enabled, s) {
      if (!arrived.has(caseSerial)) arrived.set(caseSerial, enabled); // the first node is enabled on arrival
      if (at(s).ms <= observedUntil) shown.add(caseSerial);
    },
    taskEnd(caseSerial, node, team, _enabled, s, e) {
      const key = `${caseSerial}:${node}`;
      const pauses = paused.get(key);
      if (pauses) paused.delete(key);
      const activity = nodeActivity[node];
      if (activity === null || at(e).ms > observedUntil) return;
      lastShown.set(caseSerial, Math.max(lastShown.get(caseSerial) ?? -Infinity, at(e).ms));
      // Arrivals are dated by enabling only where the log dates them so too: both sides then alike.
      const enabled = withEnabled ? at(arrived.get(caseSerial) ?? s) : null;
      builder.add({
        caseId: String(caseSerial),
        activity,
        resource: '',
        role: withTeams && team >= 0 ? model.resources[team].name : '',
        flow: '',
        start: at(s),
        end: at(e),
        enabled,
        row: 0,
        pauses,
      });
    },
    taskSuspend(caseSerial, node, _team, _enabled, _start, t) {
      const key = `${caseSerial}:${node}`;
      const pauses = paused.get(key);
      if (pauses) pauses.push(at(t).ms, Number.NaN);
      else paused.set(key, [at(t).ms, Number.NaN]);
    },
    taskOffShift(caseSerial, node, _team, _enabled, _start, closed) {
      // a calendar's pauses, known at the start: as the log written by etomsim holds them (log-events.ts),
      // where the log records pauses; a log of another source, without any, shows the span
      if (!withCalendarPauses) return;
      const key = `${caseSerial}:${node}`;
      const pauses = paused.get(key) ?? [];
      for (const t of closed) pauses.push(at(t).ms);
      paused.set(key, pauses);
    },
    taskResume(caseSerial, node, _team, _enabled, _start, t) {
      const pauses = paused.get(`${caseSerial}:${node}`);
      if (pauses) pauses[pauses.length - 1] = at(t).ms;
    },
    taskAbandoned(caseSerial, node) {
      paused.delete(`${caseSerial}:${node}`);
    },
    caseEnd(caseSerial, _flow, t, cancelled, arrival) {
      arrived.delete(caseSerial);
      if (cancelled) cancelledAt.set(caseSerial, originMs + t * HOUR);
      else ends.set(caseSerial, originMs + t * HOUR);
      tally(caseSerial, arrival, cancelled ? originMs + t * HOUR : Number.POSITIVE_INFINITY);
      shown.delete(caseSerial);
    },
    caseOpen(caseSerial, _flow, arrival) {
      tally(caseSerial, arrival, Number.POSITIVE_INFINITY);
    },
  };
  try {
    // in slices, between which the thread answers a stop signal: no fidelity run is simulated to its end first
    await runReplicationInSlices(model, replication, seed, maxWip, pause, { observer });
  } catch (err) {
    throw new ReplicationFailed({ variant: 'baseline', replication, seed }, err); // which one: its seed reruns it
  }
  const log = builder.finish({});
  // A case still open when the log ends is measured as the log measures its own open cases;
  // one cancelled by then has no cycle time, as before.
  const caseEnds = Float64Array.from(log.cases, (name) => {
    const c = Number(name);
    const end = ends.get(c) ?? Number.POSITIVE_INFINITY;
    if (end <= observedUntil) return end;
    if ((cancelledAt.get(c) ?? Number.POSITIVE_INFINITY) <= observedUntil) return Number.POSITIVE_INFINITY;
    return lastShown.get(c)!;
  });
  return { log, caseEnds, counts };
}

/**
 * The stat with the 95% prediction interval of one more replication (Stat.one_log95): the log
 * is one realisation, so the scenario that wrote it puts it there 95% of the time, whereas the
 * interval of the mean narrows with every replication and, at -r 20, leaves most such logs out.
 */
export function withOneLog(s: Stat): Stat {
  if (s.mean === null || s.sd === null || s.n < 2) return { ...s, one_log95: null };
  const half = tQuantile(0.975, s.n - 1) * s.sd * Math.sqrt(1 + 1 / s.n);
  return { ...s, one_log95: [s.mean - half, s.mean + half] };
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return xs.length === 0 ? Number.NaN : s / xs.length;
}

function compare(
  log: EventLog,
  m: Measures,
  runs: Measures[],
  ctx: {
    counts: { log: CaseCounts; simulation: CaseCounts[] };
    scenarioName: string;
    options: FidelityOptions;
    window: Window;
    slaHours: number;
    slaSource: string;
    match: ActivityMatch;
    leftOut: ReadonlyMap<string, LeftOutReason>;
    far: FarCases;
    replications: Replications;
    underWay: FarCases;
    drift: DriftingBlock[];
    handoverBasis: Fidelity['handovers']['basis'];
  },
): Fidelity {
  const over = (f: (r: Measures) => number) => summarize(runs.map(f));
  /** a measure the log has too: with the interval one log lies in (Stat.one_log95) */
  const beside = (f: (r: Measures) => number) => withOneLog(over(f));
  const meanSeries = (f: (r: Measures) => number[], length: number) =>
    Array.from({ length }, (_, k) => mean(runs.map((r) => f(r)[k] ?? 0)));
  const steps = [...m.steps.entries()].map(([activity, s]) => ({
    activity,
    log: s,
    simulation: {
      processing: beside((r) => r.steps.get(activity)?.processing ?? Number.NaN),
      waiting: beside((r) => r.steps.get(activity)?.waiting ?? Number.NaN),
      n: beside((r) => r.steps.get(activity)?.n ?? 0),
    },
  }));
  const top = [...m.paths.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_PATHS);
  const tv = (r: Measures) => {
    // no simulated case, no distribution of paths: a distance to nothing is not 0.5, it is none
    if (r.paths.size === 0) return Number.NaN;
    const keys = new Set([...m.paths.keys(), ...r.paths.keys()]);
    let d = 0;
    for (const k of keys) d += Math.abs((m.paths.get(k) ?? 0) - (r.paths.get(k) ?? 0));
    return d / 2;
  };
  const weeks = m.throughputPerWeek.length;
  return {
    log: {
      file: log.file,
      cases: m.cases,
      instances: log.size,
      from: new Date(ctx.window.fromMs).toISOString(),
      to: new Date(ctx.window.toMs).toISOString(),
      activities_matched: ctx.match.matched.length,
      activities_unmatched: ctx.match.unmatched,
      tasks_unmatched: ctx.match.tasksUnmatched,
      cases_left_out: [...ctx.far.ids],
      replications_left_out: ctx.replications.left,
      cases_under_way_at_start: [...ctx.underWay.ids],
      breaks: ctx.window.breaks.map((b) => ({ from: new Date(b.fromMs).toISOString(), to: new Date(b.toMs).toISOString() })),
      leader_drift: ctx.drift,
    },
    warnings: [
      ...matchWarnings(ctx.match, log.activities.length, ctx.leftOut),
      ...(ctx.far.ids.size === 0
        ? []
        : [
            {
              code: 'cases_left_out' as const,
              subject: 'log.cases_left_out' as const,
              message: `${ctx.far.said}: left out of the comparison, as discover leaves them out (the window is the rest's): ${ctx.far.named}`,
            },
          ]),
      ...(ctx.replications.left.length === 0
        ? []
        : [
            {
              code: 'replications_left_out' as const,
              subject: 'log.replications_left_out' as const,
              message: `${ctx.replications.said}: left out of the comparison, as discover reads replication ${ctx.replications.kept} alone (the replications simulate the same dates: read together, the log would hold ${ctx.replications.count} times the cases of its window)`,
            },
          ]),
      ...(ctx.underWay.ids.size === 0
        ? []
        : [
            {
              code: 'cases_under_way_at_start' as const,
              subject: 'log.cases_under_way_at_start' as const,
              message: `${ctx.underWay.said}: left out of the comparison, as discover counts no arrival of them and the simulation starts empty: ${ctx.underWay.named}`,
            },
          ]),
      ...(ctx.window.breaks.length === 0
        ? []
        : [
            {
              code: 'breaks' as const,
              subject: 'log.breaks' as const,
              message: `${counted(ctx.window.breaks.length, 'break')} between the log's periods (no case for ${BREAK_MIN_DAYS} days or more where its weekly pace expects many), as discover finds ${ctx.window.breaks.length === 1 ? 'it' : 'them'}: simulated through, but no case arriving in ${ctx.window.breaks.length === 1 ? 'it' : 'them'} is compared (${ctx.window.breaks.map((b) => `${new Date(b.fromMs).toISOString().slice(0, 10)} to ${new Date(b.toMs).toISOString().slice(0, 10)}`).join(', ')})`,
            },
          ]),
      ...(ctx.drift.length === 0
        ? []
        : [
            {
              code: 'leader_drift' as const,
              subject: 'log.leader_drift' as const,
              message: `${counted(ctx.drift.length, 'parallel block')} whose mix of leaders (the step that starts first in a pass) changes over the log, as discover notes ${ctx.drift.length === 1 ? 'it' : 'them'}: ${ctx.drift.map(driftText).join('; ')}. A discovered scenario holds the whole log's share of each leader, which neither half ran, so the simulation keeps one mix where the log's changed: read the paths', steps' and cycle times' fit in that light (${DRIFT_TEST_WORDS})`,
            },
          ]),
    ],
    scenario: ctx.scenarioName,
    replications: ctx.options.replications,
    seed: ctx.options.seed,
    cases: { log: m.cases, simulation: beside((r) => r.cases) },
    cases_arrived: { log: ctx.counts.log.arrived, simulation: withOneLog(summarize(ctx.counts.simulation.map((c) => c.arrived))) },
    cases_cancelled: { log: ctx.counts.log.cancelled, simulation: withOneLog(summarize(ctx.counts.simulation.map((c) => c.cancelled))) },
    cycle_time: {
      log: { mean: mean(m.cycles), p50: quantile(m.cycles, 0.5), p90: quantile(m.cycles, 0.9) },
      simulation: {
        mean: beside((r) => mean(r.cycles)),
        p50: beside((r) => quantile(r.cycles, 0.5)),
        p90: beside((r) => quantile(r.cycles, 0.9)),
      },
      emd_hours: over((r) => earthMovers(m.cycles, r.cycles)),
      ks: over((r) => (r.cycles.length === 0 ? Number.NaN : ksTwoSample(m.cycles, r.cycles))),
      percentiles: {
        log: Array.from({ length: 101 }, (_, q) => quantile(m.cycles, q / 100)),
        simulation: Array.from({ length: 101 }, (_, q) => mean(runs.map((r) => quantile(r.cycles, q / 100)))),
      },
    },
    steps,
    arrivals_by_hour_of_week: {
      emd_hours: over((r) => histogramEmd(m.arrivalsByHour, r.arrivalsByHour)),
      log: m.arrivalsByHour,
      simulation: meanSeries((r) => r.arrivalsByHour, HOURS_PER_WEEK),
    },
    throughput_per_week: {
      log: m.throughputPerWeek,
      simulation: meanSeries((r) => r.throughputPerWeek, weeks),
      mean_absolute_relative_error: over((r) =>
        mean(m.throughputPerWeek.map((x, k) => (x === 0 ? 0 : Math.abs((r.throughputPerWeek[k] ?? 0) - x) / x))),
      ),
    },
    paths: {
      total_variation: over(tv),
      top: top.map(([path, share]) => ({ path, log: share, simulation: beside((r) => r.paths.get(path) ?? 0) })),
    },
    wip: {
      log_mean: mean(m.wipPerDay),
      simulation_mean: beside((r) => mean(r.wipPerDay)),
      log_per_day: m.wipPerDay,
      simulation_per_day: meanSeries((r) => r.wipPerDay, m.wipPerDay.length),
    },
    sla: { hours: ctx.slaHours, source: ctx.slaSource, log: m.slaAttainment, simulation: beside((r) => r.slaAttainment) },
    handovers: handoversCompared(m, runs, ctx.handoverBasis, beside),
  };
}

/**
 * The log's handovers beside the replications': per case, and the pairs of teams either side
 * has, the TOP_PAIRS commonest (by the larger of the log's and the simulation's mean), ties by name.
 */
function handoversCompared(
  m: Measures,
  runs: readonly Measures[],
  basis: Fidelity['handovers']['basis'],
  beside: (f: (r: Measures) => number) => Stat,
): Fidelity['handovers'] {
  const logged = m.handovers;
  if (logged === null) return { basis, per_case: null, pairs: [] };
  const keys = new Set(logged.pairs.keys());
  for (const r of runs) for (const k of r.handovers?.pairs.keys() ?? []) keys.add(k);
  const pairs = [...keys].map((k) => {
    // a replication with no case counted has no figure per case, as per_case has none
    const simulation = beside((r) => (r.cases === 0 ? Number.NaN : (r.handovers?.pairs.get(k) ?? 0)));
    const [from, to] = k.split(HANDOVER_SEP);
    return { from, to, log: logged.pairs.get(k) ?? 0, simulation };
  });
  const size = (p: (typeof pairs)[number]) => Math.max(p.log, p.simulation.mean ?? 0);
  pairs.sort((a, b) => size(b) - size(a) || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  return {
    basis,
    per_case: { log: logged.perCase, simulation: beside((r) => r.handovers?.perCase ?? Number.NaN) },
    pairs: pairs.slice(0, TOP_PAIRS),
  };
}
