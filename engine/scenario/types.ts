// The typed form of a validated scenario document. Every time and duration here is in
// hours, whatever the file's `time_unit`: conversion happens once, while validating.

/**
 * A positive family's `shift` (scenario `{ exponential: { mean: 2h }, shift: 30m }`): every draw is
 * the shift plus a draw of the family as written, so its parameters (`mean`, `sd`, `scale`) are
 * those of the part above the shift, and the draw's mean is shift + that mean. Absent when the
 * scenario gives none (a shift of 0 written stays 0, echoed as written).
 */
export type DistSpec =
  | { kind: 'constant'; value: number }
  | { kind: 'exponential'; mean: number; shift?: number }
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mean: number; sd: number; shift?: number }
  | { kind: 'gamma'; mean: number; sd: number; shift?: number }
  | { kind: 'erlang'; k: number; mean: number; shift?: number }
  | { kind: 'weibull'; shape: number; scale: number; shift?: number }
  | { kind: 'empirical'; values: number[] };

/** The kinds that take a `shift` (the positive families whose draws start at 0). */
export const SHIFTED_KINDS = ['exponential', 'lognormal', 'gamma', 'erlang', 'weibull'] as const;

/** A distribution's shift in hours, 0 where it has none (a shift of 0 draws as none): what the sampler, the means, BPSim's export and the report's text read. */
export function shiftOf(d: DistSpec): number {
  return 'shift' in d ? (d.shift ?? 0) : 0;
}

/** Whether a kind named by a file (any text) takes a `shift`: the one test the reader, the results check and BPMN's attributes share. */
export function takesShift(kind: string): kind is (typeof SHIFTED_KINDS)[number] {
  return (SHIFTED_KINDS as readonly string[]).includes(kind);
}

export type DistKind = DistSpec['kind'];

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A working period within the week, in hours from Monday 00:00: `start` in [0, 168). */
export interface WeeklyPeriod {
  start: number;
  end: number; // > start; may exceed 168 when a night shift runs past Sunday midnight
}

export interface CalendarSpec {
  name: string;
  periods: WeeklyPeriod[]; // as written, one per (day, hours range)
}

/** One shift of a roster: `capacity` units work inside its periods. */
export interface ShiftSpec {
  periods: WeeklyPeriod[];
  capacity: number;
  /** the scenario's `description`, shown in the reports; absent without one */
  description?: string;
}

export interface ResourceSpec {
  name: string;
  /** units; for a team with `shifts`, the largest capacity at any moment of the week */
  capacity: number;
  /** 0 when the scenario gives none (`costGiven` false) */
  costPerHour: number;
  /** false when the scenario gives the team no cost_per_hour: its cost is unknown, not 0 (reports say "no cost given"); absent or true when it gives one */
  costGiven?: boolean;
  calendar: string | null;
  /** a roster instead of capacity and calendar: the capacity at a moment is the sum of the shifts covering it */
  shifts?: ShiftSpec[] | null;
  /** the most units the business can staff (sizing never goes above it); null: no limit given */
  maxCapacity?: number | null;
  /** the scenario's `description`, shown in the reports; absent without one */
  description?: string;
  /**
   * hours: the wait its tasks should start within, for results' per-shift share (`resources.T.shifts.S.within_target`).
   * No scenario key sets it: `size` does, from its tightest `resources.T.wait` target; absent or null: none.
   */
  waitTarget?: number | null;
}

/** Weekly multiplier of a Poisson rate: factor(t) = days[weekday] * hours[hour of day]. */
export interface ArrivalProfile {
  days: number[]; // 7 factors, Monday first
  hours: number[]; // 24 factors, 00:00 first
}

export interface ArrivalSpec {
  flow: string;
  /** Position among the arrival streams of the same flow: part of the stream's random key. */
  ordinal: number;
  interarrival: DistSpec; // `rate: N/h` becomes an exponential interarrival with mean 1/N
  fromRate: boolean;
  profile: ArrivalProfile | null; // only with `rate`
  /** the calendar whose open hours alone the gaps elapse in (`calendar: NAME`); absent or null: every hour */
  calendar?: string | null;
  priority: number;
  /** `after`: hours from time 0 before which the stream brings no case (its first comes one interarrival later); absent: 0 */
  after?: number;
  /** `cases`: the most cases the stream brings; absent: no bound but the horizon */
  cases?: number;
}

export type NodeSpec =
  | {
      kind: 'task';
      name: string;
      etom: string | null;
      duration: DistSpec;
      /** the team that serves it (of a pool, the first listed); null: automated */
      resource: string | null;
      /** a skill pool (`resource: { any: [...] }`): every team that may serve it, in preference order */
      pool?: string[];
      /** an automated task's hours (`calendar: NAME`): its duration elapses only inside them; absent or null: every hour */
      calendar?: string | null;
      /**
       * `until: case_age`: an automated task's drawn duration is the case's age at which it ends
       * (from the case's arrival; in `calendar`'s open hours when it names one), at once when the
       * case is older; absent or null: the task takes its duration
       */
      until?: 'case_age' | null;
      next: string | null;
      /** the scenario's `description`, shown in the reports; absent without one */
      description?: string;
      /** `activity`: the event log's activity the task stands for, as the log spells it (etomsim addition; discover writes it, fidelity matches it exactly); absent: none said */
      activity?: string;
    }
  | { kind: 'decision'; name: string; etom: string | null; branch: BranchSpec[]; description?: string }
  | { kind: 'fork'; name: string; etom: string | null; parallel: string[]; join: string; description?: string };

/**
 * A decision's branch. `p` is the share of the decision's passes that take it; with `p` given per
 * visit (`byVisit`, visit-shares.ts), the long-run share that its per-visit list gives, which is
 * what the routing chain, the process map and the reports read, while the simulation draws each
 * visit from its own class.
 */
export interface BranchSpec {
  to: string;
  p: number;
  /** `p: [visit 1, visit 2, ..., visit k and later]` as written; absent for a single p */
  byVisit?: number[];
}

/**
 * A milestone's `from` that means the case's arrival. It wins over a node of that name, which
 * validate warns of unless the node is where cases begin (scenario-format.md, flow `kpis`).
 */
export const FROM_ARRIVAL = 'start';

/**
 * An SLA in working days of a calendar (etomsim addition, `sla: { working_days: N, calendar: NAME }`): met by a
 * case (or a milestone) that ends by the close of the N-th working day after the day it began on (a working day: a
 * day of the week the calendar has open hours on; its close: the end of its last open hours), as "within two working
 * days" is read of a repair reported on Friday: by Tuesday's close (scenario-format.md, flow `sla`).
 */
export interface WorkingDaysSla {
  days: number;
  calendar: string;
}

export interface KpiSpec {
  name: string;
  from: string; // a node name, or FROM_ARRIVAL for the case's arrival
  to: string;
  sla: number | null;
  /** `sla: { working_days, calendar }` instead of a duration (`sla` is then null); absent or null: none */
  slaWorkingDays?: WorkingDaysSla | null;
}

/**
 * Why `etomsim discover` wrote no task for an activity of the log (a flow's `discovery: left_out`,
 * etomsim addition): `rare_paths`, only paths rarer than its --min-share led to it.
 */
export const LEFT_OUT_REASONS = ['rare_paths'] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

/** An activity of the log a discovered flow has no task for, and why: data discover writes and fidelity reads. */
export interface LeftOutActivity {
  /** the log's activity, as the log spells it */
  activity: string;
  why: LeftOutReason;
}

export interface FlowSpec {
  name: string;
  etom: string | null;
  sla: number | null;
  /** `sla: { working_days, calendar }` instead of a duration (`sla` is then null); absent or null: none */
  slaWorkingDays?: WorkingDaysSla | null;
  start: string;
  cancelAfter: number | null;
  kpis: KpiSpec[];
  nodes: NodeSpec[]; // in document order
  /** the scenario's `description`, shown in the reports; absent without one */
  description?: string;
  /** `discovery: { left_out: [...] }`: the log's activities discover wrote no task for; absent without one (the simulation never reads it) */
  leftOut?: LeftOutActivity[];
}

export interface RunSpec {
  horizon: number;
  warmup: number;
  replications: number;
  seed: number;
  /** absent in scenarios built in code: DEFAULT_RUN_START (validation always sets it) */
  start?: RunStart;
}

/** `run.start`: the instant of simulation time 0, a Monday at 00:00 in its UTC offset. */
export interface RunStart {
  text: string; // normalised ISO 8601, e.g. 2026-01-05T00:00:00Z or 2026-01-05T00:00:00+01:00
  epochMs: number; // the instant, in milliseconds since 1970 (UTC)
  offsetMinutes: number; // the offset it was written in: dates in logs are shown in it
}

export interface Scenario {
  name: string;
  description: string | null;
  timeUnit: 'minutes' | 'hours' | 'days';
  /** ISO 4217 code naming the unit of every cost; null when the scenario gives none */
  currency?: string | null;
  run: RunSpec;
  calendars: CalendarSpec[];
  resources: ResourceSpec[];
  arrivals: ArrivalSpec[];
  flows: FlowSpec[];
}

/** The baseline and every variant, each a whole validated scenario. */
export interface ScenarioSet {
  file: string;
  baseline: Scenario;
  variants: { name: string; description: string | null; scenario: Scenario }[];
}
