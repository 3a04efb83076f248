// The metric catalogue: what every per-replication metric means, in one table. A metric kind
// is a stat of a flow, of a flow's milestone KPI, of a node or of a team; its entry says where
// it sits in results.json, its unit, which way is better, whether variants are compared on it,
// whether it is an outcome or a diagnostic, its label and where it is shown. The slot layout,
// comparisons, sizing targets, console and report tables, charts and CSV read this table;
// nothing decides what a metric means by matching its path.
// Invariant: within a scope, entries are in slot order, which is also results.json's key
// order: append new kinds at the end of their scope. Adding a kind is one entry here plus the
// one recorder line that writes its slot (CONTRIBUTING.md, "Adding a metric").
import { shiftName } from '../scenario/shift-name.js';

export type MetricScope = 'flow' | 'kpi' | 'node' | 'resource' | 'served' | 'shift';
/** hours (a time), share (0..1, shown in %), count, per_day (a rate), currency (the scenario's cost unit) */
export type MetricUnit = 'hours' | 'share' | 'count' | 'per_day' | 'currency';
/**
 * The values a metric of each unit can take: a share is a fraction of 1; a time, a count, a rate
 * and a cost are never below 0. A mean's 95% interval (Student's t or Johnson's) can reach past
 * them with few replications (0.96, 0.995, 1: t's [0.931, 1.039], Johnson's [0.886, 1.013]); the
 * reports and the console show it within them (reports/shown-intervals.ts), where the mean lies.
 */
export const UNIT_RANGE: Readonly<Record<MetricUnit, readonly [number, number]>> = {
  share: [0, 1],
  hours: [0, Number.POSITIVE_INFINITY],
  count: [0, Number.POSITIVE_INFINITY],
  per_day: [0, Number.POSITIVE_INFINITY],
  currency: [0, Number.POSITIVE_INFINITY],
};
export type Better = 'lower' | 'higher' | 'neither';
/**
 * The smallest change the reports call better or worse, for every compared metric alike: 0.5% of
 * the baseline, or 0.5 percentage points for a share. A change below it may be significant (common
 * random numbers make tiny differences sure: a staffed cost -0.04% [-0.05%, -0.03%], s36c F3) yet
 * no simulation's inputs are known that closely (an arrival rate, a duration's mean), so the
 * executive page says "no material change" there, never "better". One threshold rather than one
 * per metric: a board reads every outcome's change on one scale, and results.json keeps every
 * figure, `significant` unchanged, for whoever wants another.
 */
export const MATERIAL_CHANGE: Readonly<{ percent: number; points: number }> = { percent: 0.5, points: 0.5 };
/** outcome: what the process delivers (cycle time, SLA, throughput, cost); diagnostic: why (utilisation, queues) */
export type MetricRole = 'outcome' | 'diagnostic';
/**
 * Where a metric is shown beyond results.json and the CSV (which hold every metric):
 * console: the run command's tables; report: the report's flow and team tables;
 * headline: the gains the console and the report open with; gains_chart: the KPI gains chart.
 */
export type Place = 'console' | 'report' | 'headline' | 'gains_chart';

export interface MetricKind {
  /** the stat's dotted path inside its flow, KPI, node or team block */
  stat: string;
  unit: MetricUnit;
  better: Better;
  /** `comparisons` pairs every variant with the baseline on it */
  compared: boolean;
  role: MetricRole;
  /** in words, for tables and charts */
  label: string;
  shown?: readonly Place[];
  /** position among a flow's or team's comparisons (how fast, how reliably, how much, at what cost); unranked ones follow in results order */
  rank?: number;
  /**
   * reported only when the flow or KPI has an SLA; only for tasks (decisions and forks take no time); only for a team
   * with a wait target (`size`'s `resources.T.wait` targets); only for the tasks of a flow with `cancel_after` (what a
   * cancellation cuts short: results-format.md, node rows)
   */
  only?: 'with_sla' | 'task' | 'with_wait_target' | 'cancellable';
  /**
   * The work the flows bring, not how it is served (a count of cases, visits or tasks, hours of
   * work, a team's share of a step's visits): staffing moves it only at the window's edges or,
   * in a skill pool, between the pool's teams, never toward better service, so `size` refuses a
   * target on it (engine/analysis/targets.ts). Always with `better: 'neither'`; a flow's
   * `arrived` is refused by sizing's own check (no team's capacity moves it).
   */
  workload?: true;
  /**
   * A sum over the measured window (a count of cases or tasks, hours summed over them, a team's
   * cost), not a per-case or per-hour figure: it grows with the window and reads nothing like the
   * per-case times beside it, so `size` shows it only where a target names it, and a cost's
   * labels say the window (reports/format.ts' costNote).
   */
  total?: true;
}

const TABLES = ['console', 'report'] as const;

/** A flow's stats: results.json `flows.FLOW.STAT`. */
export const FLOW_METRICS = {
  arrived: {
    stat: 'arrived',
    total: true,
    unit: 'count',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'arrived',
    shown: ['console'],
  },
  completed: {
    stat: 'completed',
    total: true,
    unit: 'count',
    better: 'higher',
    compared: false,
    role: 'diagnostic',
    label: 'completed',
    shown: ['console'],
  },
  cancelled: { stat: 'cancelled', total: true, unit: 'count', better: 'lower', compared: false, role: 'diagnostic', label: 'cancelled' },
  throughput: {
    stat: 'throughput_per_day',
    unit: 'per_day',
    better: 'higher',
    compared: true,
    role: 'outcome',
    label: 'throughput per day',
    shown: [...TABLES, 'headline', 'gains_chart'],
    rank: 5,
  },
  wip: {
    stat: 'wip',
    unit: 'count',
    better: 'lower',
    compared: true,
    role: 'diagnostic',
    label: 'work in progress',
    shown: TABLES,
    rank: 6,
  },
  cycleMean: {
    stat: 'cycle_time.mean',
    unit: 'hours',
    better: 'lower',
    compared: true,
    role: 'outcome',
    label: 'mean cycle time',
    shown: [...TABLES, 'headline', 'gains_chart'],
    rank: 0,
  },
  cycleP50: {
    stat: 'cycle_time.p50',
    unit: 'hours',
    better: 'lower',
    compared: true,
    role: 'outcome',
    label: 'median cycle time',
    rank: 1,
  },
  cycleP90: {
    stat: 'cycle_time.p90',
    unit: 'hours',
    better: 'lower',
    compared: true,
    role: 'outcome',
    label: 'p90 cycle time',
    shown: [...TABLES, 'headline', 'gains_chart'],
    rank: 2,
  },
  cycleP95: { stat: 'cycle_time.p95', unit: 'hours', better: 'lower', compared: true, role: 'outcome', label: 'p95 cycle time', rank: 3 },
  sla: {
    stat: 'sla_attainment',
    unit: 'share',
    better: 'higher',
    compared: true,
    role: 'outcome',
    label: 'SLA attainment',
    shown: [...TABLES, 'headline', 'gains_chart'],
    rank: 4,
    only: 'with_sla',
  },
  // Fully loaded: every paid hour of a team, idle ones too, charged to the flows by the hours
  // they used, so hours another flow frees raise it (usedCostPerCase, below, does not move).
  costPerCase: {
    stat: 'cost_per_case',
    unit: 'currency',
    better: 'lower',
    compared: true,
    role: 'outcome',
    // "fully loaded" beside "of the hours worked": two costs per case, never one bare (s36c F6)
    label: 'fully loaded cost per case',
    shown: ['report'],
    rank: 7,
  },
  // Five consecutive slots in BREAKDOWN order (sim/entities.ts): the recorder writes them in a loop.
  breakdownService: {
    stat: 'breakdown.service',
    unit: 'hours',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'service per case',
  },
  breakdownWait: { stat: 'breakdown.wait', unit: 'hours', better: 'lower', compared: false, role: 'diagnostic', label: 'wait per case' },
  breakdownOffShift: {
    stat: 'breakdown.off_shift',
    unit: 'hours',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'off-shift time per case',
  },
  breakdownJoin: {
    stat: 'breakdown.join',
    unit: 'hours',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'join slack per case',
  },
  breakdownAutomated: {
    stat: 'breakdown.automated',
    unit: 'hours',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'automated time per case',
  },
  // Cases still open at the horizon, left out of the cycle times (censored): how many, and how old on average.
  openAtHorizon: {
    stat: 'open_at_horizon',
    unit: 'count',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'open at the horizon',
  },
  openAge: { stat: 'open_age', unit: 'hours', better: 'lower', compared: false, role: 'diagnostic', label: 'age of the open cases' },
  // The cost of the working hours the flow's tasks used, at their teams' cost per hour (time-
  // driven activity-based costing): what its own work costs; a team's idle paid hours are the
  // team's (resources.T.idle_cost), so hours another flow frees do not move it.
  usedCostPerCase: {
    stat: 'used_cost_per_case',
    unit: 'currency',
    better: 'lower',
    compared: true,
    role: 'outcome',
    label: 'cost per case of the hours worked',
    shown: ['report', 'gains_chart'],
    rank: 7.5,
  },
} as const satisfies Record<string, MetricKind>;

/** A flow's milestone KPI: `flows.FLOW.kpis.KPI.STAT`; labels are prefixed with the KPI's name. */
export const KPI_METRICS = {
  // a milestone is part of a cycle time: its gains go to the report's tables, not the outcome chart, where a step made
  // automatic (-99%) would dwarf the cycle time it belongs to
  mean: { stat: 'mean', unit: 'hours', better: 'lower', compared: true, role: 'outcome', label: 'mean', shown: ['report'] },
  p50: { stat: 'p50', unit: 'hours', better: 'lower', compared: false, role: 'outcome', label: 'p50' },
  p90: { stat: 'p90', unit: 'hours', better: 'lower', compared: true, role: 'outcome', label: 'p90' },
  p95: { stat: 'p95', unit: 'hours', better: 'lower', compared: false, role: 'outcome', label: 'p95' },
  sla: {
    stat: 'sla_attainment',
    unit: 'share',
    better: 'higher',
    compared: true,
    role: 'outcome',
    label: 'SLA attainment',
    only: 'with_sla',
  },
  count: {
    stat: 'count',
    total: true,
    unit: 'count',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'count',
    workload: true,
  },
} as const satisfies Record<string, MetricKind>;

/** A node of a flow: `flows.FLOW.nodes.NODE.STAT`; labels are prefixed with the node's name. */
export const NODE_METRICS = {
  visits: {
    stat: 'visits',
    total: true,
    unit: 'count',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'visits',
    workload: true,
  },
  wait: { stat: 'wait', unit: 'hours', better: 'lower', compared: false, role: 'diagnostic', label: 'wait', only: 'task' },
  service: { stat: 'service', unit: 'hours', better: 'lower', compared: false, role: 'diagnostic', label: 'service', only: 'task' },
  waitHours: {
    stat: 'wait_hours',
    total: true,
    unit: 'hours',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'wait hours',
    only: 'task',
  },
  serviceHours: {
    stat: 'service_hours',
    total: true,
    unit: 'hours',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'service hours',
    only: 'task',
    workload: true,
  },
  // etomsim additions (session 35), a flow with cancel_after's tasks only: `visits` and `service_hours` count completed
  // visits, `wait` and `wait_hours` every visit whose wait ended (wait_hours = wait x waits); a visit its case's
  // cancellation cut short in service counts in `cut_visits`, its work so far in `cut_service_hours`, so that a team's
  // busy hours are its nodes' service_hours plus cut_service_hours (results-format.md, node rows)
  waits: {
    stat: 'waits',
    total: true,
    unit: 'count',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'waits ended',
    only: 'cancellable',
    workload: true,
  },
  cutVisits: {
    stat: 'cut_visits',
    total: true,
    unit: 'count',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'visits cut by cancellation',
    only: 'cancellable',
    workload: true,
  },
  cutServiceHours: {
    stat: 'cut_service_hours',
    total: true,
    unit: 'hours',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'service hours cut by cancellation',
    only: 'cancellable',
    workload: true,
  },
  // etomsim additions (session 36), a flow with cancel_after's tasks only: a visit its case's cancellation took out of
  // the queue before it got a unit (abandoned while waiting) is in no wait, visit or team figure (its wait never
  // ended); `cut_waits` counts them, `cut_wait_hours` the hours they had waited (results-format.md, node rows)
  cutWaits: {
    stat: 'cut_waits',
    total: true,
    unit: 'count',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'waits cut by cancellation',
    only: 'cancellable',
  },
  cutWaitHours: {
    stat: 'cut_wait_hours',
    total: true,
    unit: 'hours',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'wait hours cut by cancellation',
    only: 'cancellable',
  },
} as const satisfies Record<string, MetricKind>;

/** A team: `resources.TEAM.STAT`. */
export const RESOURCE_METRICS = {
  utilization: {
    stat: 'utilization',
    unit: 'share',
    better: 'neither',
    compared: true,
    role: 'diagnostic',
    label: 'utilisation',
    shown: [...TABLES, 'gains_chart'],
    rank: 8,
  },
  queueLength: {
    stat: 'queue_length',
    unit: 'count',
    better: 'lower',
    compared: true,
    role: 'diagnostic',
    label: 'queue length',
    shown: TABLES,
    rank: 9,
  },
  wait: { stat: 'wait', unit: 'hours', better: 'lower', compared: true, role: 'diagnostic', label: 'wait', shown: TABLES, rank: 10 },
  busyHours: {
    stat: 'busy_hours',
    total: true,
    unit: 'hours',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'busy hours',
    workload: true,
  },
  availableHours: {
    stat: 'available_hours',
    total: true,
    unit: 'hours',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'available hours',
  },
  cost: {
    stat: 'cost',
    total: true,
    unit: 'currency',
    better: 'lower',
    compared: true,
    role: 'diagnostic',
    label: 'cost',
    shown: ['report'],
    rank: 11,
  },
  waitHours: { stat: 'wait_hours', total: true, unit: 'hours', better: 'lower', compared: false, role: 'diagnostic', label: 'wait hours' },
  waitShare: { stat: 'wait_share', unit: 'share', better: 'neither', compared: false, role: 'diagnostic', label: 'share of all waiting' },
  soleBottleneck: {
    stat: 'bottleneck.sole',
    unit: 'share',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'sole bottleneck share',
  },
  shiftingBottleneck: {
    stat: 'bottleneck.shifting',
    unit: 'share',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'shifting bottleneck share',
  },
  // The staffed cost of its paid hours in which it worked no task: in no flow's used cost per case.
  idleCost: {
    stat: 'idle_cost',
    total: true,
    unit: 'currency',
    better: 'lower',
    compared: true,
    role: 'diagnostic',
    label: 'idle cost',
    shown: ['report'],
    rank: 11.5,
  },
} as const satisfies Record<string, MetricKind>;

/** One team of a task's skill pool: `flows.FLOW.nodes.NODE.served_by.TEAM.STAT`; labels name the node and team. */
export const SERVED_METRICS = {
  visits: {
    stat: 'visits',
    total: true,
    unit: 'count',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'visits served',
    workload: true,
  },
  share: {
    stat: 'share',
    unit: 'share',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'share of visits served',
    workload: true,
  },
  serviceHours: {
    stat: 'service_hours',
    total: true,
    unit: 'hours',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'service hours',
    workload: true,
  },
  // etomsim addition (session 35): the work on visits of the node a cancellation cut short, where the team served them
  cutServiceHours: {
    stat: 'cut_service_hours',
    total: true,
    unit: 'hours',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'service hours cut by cancellation',
    only: 'cancellable',
    workload: true,
  },
} as const satisfies Record<string, MetricKind>;

/**
 * One shift of a rostered team, or its off-shift line: `resources.TEAM.shifts.SHIFT.STAT`, SHIFT the
 * shift's index in the roster (0 first) or `off_shift`. A task counts in every shift on when it
 * joined the team's queue (asked it for a unit), in `off_shift` when none was; its wait is the
 * team's `wait`, counted when it ends in the window. Labels name the shift.
 */
export const SHIFT_METRICS = {
  // `report`: the report's "Teams per shift" table (reports/tables.ts), a column each
  tasks: {
    stat: 'tasks',
    total: true,
    unit: 'count',
    better: 'neither',
    compared: false,
    role: 'diagnostic',
    label: 'tasks',
    shown: ['report'],
    workload: true,
  },
  // compared as the team's own wait is: a variant that moves staff between shifts shows where the waits move
  wait: { stat: 'wait', unit: 'hours', better: 'lower', compared: true, role: 'diagnostic', label: 'wait', shown: ['report'] },
  waitHours: {
    stat: 'wait_hours',
    total: true,
    unit: 'hours',
    better: 'lower',
    compared: false,
    role: 'diagnostic',
    label: 'wait hours',
    shown: ['report'],
  },
  withinTarget: {
    stat: 'within_target',
    unit: 'share',
    better: 'higher',
    compared: false,
    role: 'diagnostic',
    label: 'share started within the wait target',
    shown: ['report'],
    only: 'with_wait_target',
  },
} as const satisfies Record<string, MetricKind>;

/**
 * A series results.json keeps for the charts, `variants.*.charts.KEY.OWNER`: per flow or team,
 * one array per replication. `time` bins are `bin_hours` wide from time 0 over the whole run
 * (the warm-up included, for the time series); `hour_of_week` bins are the 168 hours of the
 * week, Monday 00:00 first, over the measured window (for the typical week).
 */
export interface SeriesKind {
  key: string;
  scope: 'flow' | 'resource';
  unit: MetricUnit;
  /** in words, for axes and legends */
  label: string;
  bins: 'time' | 'hour_of_week';
  /** the most variants the report's chart of it draws, the first in results.json's order with values for the owner (every variant's stay in results.json); absent: every variant */
  drawnVariants?: number;
}

/** Every chart series, in results.json's key order (append new ones at the end). */
export const SERIES_KINDS = {
  throughput: { key: 'throughput_per_day', scope: 'flow', unit: 'per_day', label: 'cases completed per day', bins: 'time' },
  queueLength: { key: 'queue_length', scope: 'resource', unit: 'count', label: 'cases waiting', bins: 'time' },
  bottleneckShare: { key: 'bottleneck_share', scope: 'resource', unit: 'share', label: 'share of the bin as the bottleneck', bins: 'time' },
  queueLengthByHourOfWeek: {
    key: 'queue_length_hour_of_week',
    scope: 'resource',
    unit: 'count',
    label: 'cases waiting',
    bins: 'hour_of_week',
    // past a few, a week of 216 px per variant is no longer read across, and its cells were most
    // of the report's drawing: 50 variants of 4 teams, 33,600 cells in a chart 12,161 px wide,
    // 40% of the 50-variant report's chart CPU (session 40, one-off)
    drawnVariants: 6,
  },
} as const satisfies Record<string, SeriesKind>;

export const CATALOGUE: Record<MetricScope, Record<string, MetricKind>> = {
  flow: FLOW_METRICS,
  kpi: KPI_METRICS,
  node: NODE_METRICS,
  resource: RESOURCE_METRICS,
  served: SERVED_METRICS,
  shift: SHIFT_METRICS,
};

/** Slot offsets within a scope's block, by entry name: FLOW.cycleMean is 5. */
function slots<T extends Record<string, MetricKind>>(table: T): { readonly [K in keyof T]: number } {
  return Object.fromEntries(Object.keys(table).map((name, i) => [name, i])) as { [K in keyof T]: number };
}

export const FLOW = slots(FLOW_METRICS);
export const KPI = slots(KPI_METRICS);
export const NODE = slots(NODE_METRICS);
export const RESOURCE = slots(RESOURCE_METRICS);
export const SERVED = slots(SERVED_METRICS);
export const SHIFT = slots(SHIFT_METRICS);

/** A dotted metric path of results.json, split into what it is about. */
export interface MetricPath {
  scope: MetricScope;
  /** the flow or the team */
  owner: string;
  /** the KPI or the node ("NODE by TEAM" for a pool's team), the shift ("shift 0", its index in the roster, "off shift", or "any shift" for a target's `*`); null for flow and team stats */
  part: string | null;
  /** a shift's line: its key in results.json (the shift's index in the roster, "0" first, or `off_shift`; `*` in a target's pattern); absent for other scopes */
  shift?: string;
  kind: MetricKind;
}

/** flows.F.STAT, flows.F.kpis.K.STAT, flows.F.nodes.N.STAT, flows.F.nodes.N.served_by.T.STAT, resources.R.STAT, resources.R.shifts.S.STAT; null for anything else. Names never hold a dot (scenario/names.ts); a target's pattern may hold `*` for a name or a shift. */
export function parseMetricPath(path: string): MetricPath | null {
  const shape = shapeOf(path);
  if (shape === null) return null;
  const kind = kindOf(shape.scope, shape.stat);
  if (kind === undefined) return null;
  const { scope, owner, part, shift } = shape;
  return shift === undefined ? { scope, owner, part, kind } : { scope, owner, part, kind, shift };
}

/** The kind of the metric at `path`; null when the path names no metric. */
export function metricKindOf(path: string): MetricKind | null {
  const shape = shapeOf(path);
  return shape === null ? null : (kindOf(shape.scope, shape.stat) ?? null);
}

/** What a path's words say, before its stat is looked up in the catalogue. */
interface PathShape {
  scope: MetricScope;
  owner: string;
  part: string | null;
  shift?: string;
  stat: string;
}

/**
 * Each path's shape, by path: a report of 50 variants asks the kind of every comparison's path
 * many times over (its pages' lookups were a tenth of their work, the path's split most of it:
 * docs/performance-notes.md, session 42). A shape depends on the path's text alone, so it is kept
 * (the kind is looked up each time: a kind may be registered at run time); emptied at
 * SHAPES_MOST paths so that a long-lived process cannot grow it without bound.
 */
const shapes = new Map<string, PathShape | null>();
const SHAPES_MOST = 65_536;

function shapeOf(path: string): PathShape | null {
  let shape = shapes.get(path);
  if (shape !== undefined) return shape;
  if (shapes.size >= SHAPES_MOST) shapes.clear();
  shape = splitPath(path);
  shapes.set(path, shape);
  return shape;
}

function splitPath(path: string): PathShape | null {
  const s = path.split('.');
  if (s.length < 3) return null;
  if (s[0] === 'resources' && s.length === 5 && s[2] === 'shifts') {
    // a target's pattern may name every shift, as it may every team or node (`resources.T.shifts.*.wait`)
    const part = s[3] === '*' ? 'any shift' : shiftPart(s[3]);
    return part === null ? null : { scope: 'shift', owner: s[1], part, shift: s[3], stat: s[4] };
  }
  if (s[0] === 'resources') return { scope: 'resource', owner: s[1], part: null, stat: s.slice(2).join('.') };
  if (s[0] !== 'flows') return null;
  if (s.length === 5 && s[2] === 'kpis') return { scope: 'kpi', owner: s[1], part: s[3], stat: s[4] };
  if (s.length === 5 && s[2] === 'nodes') return { scope: 'node', owner: s[1], part: s[3], stat: s[4] };
  if (s.length === 7 && s[2] === 'nodes' && s[4] === 'served_by')
    return { scope: 'served', owner: s[1], part: `${s[3]} by ${s[5]}`, stat: s[6] };
  return { scope: 'flow', owner: s[1], part: null, stat: s.slice(2).join('.') };
}

/** A shift's key in results.json (its index in the roster from 0, as sizing.json's `shifts[].shift`, or `off_shift`) in words; null for no such key. */
export function shiftPart(key: string): string | null {
  if (key === OFF_SHIFT) return 'off shift';
  return /^(0|[1-9][0-9]*)$/.test(key) ? shiftName(key) : null;
}

/** The key of a rostered team's line for the tasks that joined its queue while no shift was on. */
export const OFF_SHIFT = 'off_shift';

/**
 * Each scope's kinds found so far, by their stat, with their entry's name: a report looks up
 * every metric path of every variant several times, and a search of the scope's table each
 * time was a tenth of its pages' work. The table stays the one place a kind is registered (a
 * kind may be added at run time: test/results/register-metric.test.ts), so only kinds found are
 * kept, and each is used only while its entry still holds it with that stat; any other lookup
 * searches the table.
 */
const foundKinds = new Map<MetricScope, Map<string, { name: string; kind: MetricKind }>>();

function kindOf(scope: MetricScope, stat: string): MetricKind | undefined {
  const table = CATALOGUE[scope];
  let kinds = foundKinds.get(scope);
  const known = kinds?.get(stat);
  if (known !== undefined && Object.hasOwn(table, known.name) && table[known.name] === known.kind && known.kind.stat === stat)
    return known.kind;
  for (const name of Object.keys(table)) {
    const kind = table[name];
    if (kind.stat !== stat) continue;
    if (kinds === undefined) foundKinds.set(scope, (kinds = new Map()));
    kinds.set(stat, { name, kind });
    return kind;
  }
  return undefined;
}

export function isShown(kind: MetricKind, place: Place): boolean {
  return kind.shown?.includes(place) ?? false;
}

/** The metrics of a scope shown in `place`, in catalogue order. */
export function shownIn(scope: MetricScope, place: Place): MetricKind[] {
  return Object.values(CATALOGUE[scope]).filter((k) => isShown(k, place));
}
