// The compiled model: the scenario with names turned into integer ids and distributions
// into samplers. Plain data only, so it crosses to worker threads by structured clone.
import type { Sampler } from '../random/distributions.js';
import type { WeeklyCapacity } from '../scenario/roster.js';
import type { WeeklyPeriod } from '../scenario/types.js';

export type { WeeklyCapacity, WeeklyPeriod };

/**
 * A node's kind. A const enum, so that each use is its number in the built code: an object's
 * property is, in the command line's bundle, a load and a check at each use (TOKEN_STATE, entities.ts).
 */
// biome-ignore lint/suspicious/noConstEnum: tsc writes the numbers into dist/, which the bundle is made from; under vitest, esbuild keeps it an object, which the same uses read
export const enum NODE_KIND {
  task = 0,
  decision = 1,
  fork = 2,
}

/** The kind of a node by its scenario's name for it (compile.ts). */
export const NODE_KIND_NAMED: Readonly<Record<'task' | 'decision' | 'fork', NODE_KIND>> = {
  task: NODE_KIND.task,
  decision: NODE_KIND.decision,
  fork: NODE_KIND.fork,
};

export interface ModelNode {
  id: number; // global index in Model.nodes
  name: string;
  flow: number;
  local: number; // index among its flow's nodes: a case's visit counters are indexed by it
  kind: number; // NODE_KIND
  etom: string | null;
  /** task */
  resource: number; // -1: automated, no queue; of a pool, the first listed team
  /** a skill pool: every team that may serve the task, in preference order; null for one team or none */
  pool: number[] | null;
  duration: Sampler | null;
  next: number; // -1: the case (or token) ends here
  /** decision: targets and cumulative probabilities */
  branchTo: number[];
  branchCum: number[];
  /** decision with p per visit (visit-shares.ts): per visit class (0: the first visit; the last also every later one), its cumulative probabilities; null: branchCum on every visit */
  visitCum: number[][] | null;
  /** fork */
  parallel: number[];
  join: number;
  /** random stream names (hashed): durations and branch choices of this node */
  durationHash: number;
  branchHash: number;
  /** an automated task's hours (`calendar: NAME`), an index into Model.calendars: its duration elapses only inside them; -1: every hour */
  calendar: number;
  /** an automated task with `until: case_age`: its drawn duration is the case's age at which it ends (in `calendar`'s open hours when it has one) */
  untilAge: boolean;
  /** an automated task whose end is not start + duration (a calendar or untilAge): startTask sends it out of line on this one test */
  outOfLine: boolean;
  /**
   * Whether a milestone KPI starts as a case enters the node, ends as one leaves it, and whether its flow can bring a
   * case to it twice (a loop through it, two branches of a fork reaching it: its visits are counted, revisitedNodes). Set by compile.ts; the loop reads them
   * from the node it has loaded, where a per-node typed array cost a load, its map check and a bounds check (hot path:
   * CONTRIBUTING.md, rule 3).
   */
  kpiFrom: boolean;
  kpiTo: boolean;
  revisits: boolean;
  /**
   * A task of one team (no skill pool) that starts no milestone and is never revisited: entering it is asking its
   * team, which Simulation.arrive does for a flow's start on this one test, not through enter's routing loop (hot path:
   * CONTRIBUTING.md, rule 3). Set by compile.ts once kpiFrom and revisits are.
   */
  plainTask: boolean;
}

export interface ModelKpi {
  name: string;
  from: number; // node id, or -1 for the case's arrival
  to: number;
  sla: number; // hours; NaN without an sla
  /** an sla in working days (scenario types.ts, WorkingDaysSla): how many, 0 for none; `sla` is then NaN */
  slaDays: number;
  /** the calendar (index into Model.calendars) whose open days `slaDays` counts; -1 for none */
  slaCalendar: number;
}

export interface ModelFlow {
  id: number;
  name: string;
  etom: string | null;
  sla: number; // hours; NaN without an sla
  /** as ModelKpi's */
  slaDays: number;
  slaCalendar: number;
  start: number;
  cancelAfter: number; // hours; Infinity when cases are never cancelled
  kpis: ModelKpi[];
  nodes: number[]; // global ids, in document order (local index = position)
  /**
   * The cases its streams are expected to bring before the horizon (offered-load.ts,
   * expectedArrivals): the room its per-completion stores reserve at their first growth (recorder.ts).
   */
  expectedArrivals: number;
}

export interface ModelResource {
  id: number;
  name: string;
  capacity: number; // with a roster, its largest capacity
  costPerHour: number;
  calendar: number; // -1: works around the clock (or by its roster)
  /** capacity varying over the week (`shifts`); null: `capacity` units inside `calendar` */
  roster: WeeklyCapacity | null;
  /**
   * per shift of its roster, in the roster's order, its periods folded into one week (pieces in
   * [0, 168), none past Sunday midnight): which shifts were on when a task joined the queue
   * (results' `resources.T.shifts`); null without a roster
   */
  shifts: WeeklyPeriod[][] | null;
  /** hours: the wait a task should start within (`size`'s tightest `resources.T.wait` target); NaN without one */
  waitTarget: number;
  /**
   * From the scenario's rates and mean durations (offered-load.ts): the tasks offered to the
   * team per hour, and the tasks per hour its unit-hours can do at their mean duration (NaN
   * when it is offered none). The message of a run stopped by its work-in-progress cap quotes them.
   */
  offeredPerHour: number;
  capacityPerHour: number;
}

export interface ModelArrival {
  flow: number;
  interarrival: Sampler;
  /** Thinning of a weekly profile: factor per hour of the week (168), and its maximum. */
  profile: number[] | null;
  profileMax: number;
  /** The calendar (index into Model.calendars) whose open hours alone the gaps elapse in; -1: every hour. */
  calendar: number;
  /**
   * The hour after which the stream brings no case. A scenario has no such field: its horizon.
   * Fidelity sets it to the log's last arrival (engine/fidelity/fidelity.ts).
   */
  until: number;
  /** The hour before which the stream brings no case (`after`, 0 without): its first comes one interarrival after it. */
  after: number;
  /** The most cases the stream brings (`cases`; Infinity without). */
  cases: number;
  /**
   * Whether scheduleArrival leaves the stream's next arrival to scheduleOtherArrival: a gap other
   * than exponential, a weekly profile or a count of cases. One test in the arrival's line, so
   * that a stream with `cases` costs the others nothing (hot path: CONTRIBUTING.md, rule 3).
   */
  outOfLine: boolean;
  priorityLevel: number; // index into Model.priorities (0 = served first)
  priority: number;
  hash: number; // random stream name: arrivals stay the same while the arrival spec is
}

export interface Model {
  name: string;
  horizon: number;
  warmup: number;
  calendars: WeeklyPeriod[][];
  calendarNames: string[];
  resources: ModelResource[];
  flows: ModelFlow[];
  nodes: ModelNode[];
  arrivals: ModelArrival[];
  priorities: number[]; // distinct arrival priorities, highest first
  seriesBinHours: number; // width of the time-series bins in results
  seriesBins: number;
}

/**
 * What a model's metric layout and its results' and shard file's size bounds read: its
 * structure (names, kinds, pools, eTOM ids, SLAs) and its time window, without samplers,
 * random streams, arrivals, calendars or rosters (compile.ts' compileLayout). A Model is one.
 */
export interface ModelLayout {
  horizon: number;
  warmup: number;
  seriesBins: number;
  resources: Pick<ModelResource, 'name' | 'shifts' | 'waitTarget'>[];
  flows: (Pick<ModelFlow, 'name' | 'etom' | 'sla' | 'slaDays' | 'cancelAfter'> & { kpis: Pick<ModelKpi, 'name' | 'sla' | 'slaDays'>[] })[];
  nodes: Pick<ModelNode, 'name' | 'flow' | 'kind' | 'etom' | 'pool'>[];
}
