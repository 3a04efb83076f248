// The shape of results.json (results-format.md, version 1, plus documented additions).
// Reports read only this: anything a chart needs is here.

import type { EtomBlock, ProcessTotals } from './etom-rollup.js';
import type { IntervalMethod, Stat } from '../stats/summary.js';
import type { VariantInputs } from './inputs.js';

export type { EtomBlock, ProcessTotals, Stat };

/** What `--precision` targets: the flows' mean cycle times, the variants' differences from the baseline on outcome KPIs, or both (`--precision-on`). */
export const PRECISION_TARGETS = ['means', 'differences', 'both'] as const;
export type PrecisionTarget = (typeof PRECISION_TARGETS)[number];

/** How many replications `--precision` needed, and whether they were enough. */
export interface PrecisionOutcome {
  target: number;
  metric: string;
  replications_needed: number;
  met: boolean;
  /** what was targeted (`--precision-on`) */
  on: PrecisionTarget;
  /** the half-width asked of each estimate relative to it: target/(1+target), so that the relative error is within target (Law & Kelton) */
  relative_half_width: number;
  /** under `run --interval johnson` only (absent under t): the half-widths measured were Johnson's (ci95_johnson), the
   *  intervals the reports show; absent, Student's t (ci95). Files written before 2026-12-03 measured t under either */
  interval?: 'johnson';
}

/**
 * The next round a sharded `--precision` run must still run (merge's next-round.json): the replications
 * `first_replication` .. `replications` - 1. A merged round that has one has not missed its precision, only not
 * reached it yet; a local run never stops before its last round, so never has one.
 */
export interface PendingRound {
  first_replication: number;
  replications: number;
}

export interface Comparison {
  variant: string;
  against: string;
  metric: string; // dotted path of the stat in a variant's block
  baseline: number;
  value: number;
  delta: number;
  delta_pct: number | null;
  ci95: [number, number] | null;
  significant: boolean;
  /** delta_pct's 95% interval, from the ratio of the means on the log scale: never below -100%; null where the ratio is undefined */
  delta_pct_ci95: [number, number] | null;
  /** within the variant's outcome family (Holm on the paired-t p-values, family-wise 5%); null for a diagnostic metric, outside the family */
  significant_adjusted: boolean | null;
  /** with `run --interval johnson` only: Johnson's modified-t interval of the differences (null below 2 pairs) */
  ci95_johnson?: [number, number] | null;
  /** with `run --interval johnson` only: ci95_johnson excludes 0 */
  significant_johnson?: boolean;
  /** with `run --interval johnson` only: Holm on Johnson's p-values within the outcome family; null for a diagnostic metric */
  significant_adjusted_johnson?: boolean | null;
  /** with `run --interval johnson` only (from 2026-12-03): delta_pct's interval from the ratio's log-scale delta method with
   *  Johnson's modified t in place of Student's; null where delta_pct_ci95 is */
  delta_pct_ci95_johnson?: [number, number] | null;
}

/** Why a number of this run may not mean what it seems to. */
export interface Warning {
  /** what may not mean what it seems: docs/results-format.md's table of codes (meaning, when, subject) */
  code:
    | 'unstable'
    | 'warmup'
    | 'censored'
    | 'percentile'
    | 'skewed'
    | 'cost'
    | 'precision'
    | 'replications'
    | 'milestone'
    | 'definition'
    | 'cancelled'
    | 'window_ends'
    | 'window'
    | 'week'
    | 'names';
  /** the variant it concerns; null: the whole run */
  variant: string | null;
  /** the dotted path it concerns (resources.field_techs, flows.repair.cycle_time.p95); null: the whole run */
  subject: string | null;
  message: string;
}

export interface NodeBlock {
  visits: Stat;
  wait?: Stat;
  service?: Stat;
  wait_hours?: Stat;
  service_hours?: Stat;
  /** etomsim additions (session 35), tasks of a flow with cancel_after only: waits ended, visits a cancellation cut short, their work */
  waits?: Stat;
  cut_visits?: Stat;
  cut_service_hours?: Stat;
  /** the visits a cancellation took out of the queue before they got a unit, and the hours they had waited (a flow with cancel_after's tasks, files written from 2026-12-04) */
  cut_waits?: Stat;
  cut_wait_hours?: Stat;
}

export interface KpiBlock {
  mean: Stat;
  p50: Stat;
  p90: Stat;
  p95: Stat;
  sla_attainment?: Stat;
  count: Stat;
}

export interface FlowBlock {
  arrived: Stat;
  completed: Stat;
  cancelled: Stat;
  throughput_per_day: Stat;
  wip: Stat;
  cycle_time: { mean: Stat; p50: Stat; p90: Stat; p95: Stat };
  sla_attainment?: Stat;
  cost_per_case: Stat;
  /** the cost of the working hours its tasks used at their teams' cost per hour, per completed case (files written from 2026-12-04) */
  used_cost_per_case?: Stat;
  /**
   * Where a completed case's time went along its critical path (the last branch to reach each
   * join), hours per case: service + wait + off_shift + automated is the mean cycle time; join
   * is the slack of the forks on that path (how long their fastest branch waited), not in the sum.
   */
  breakdown: { service: Stat; wait: Stat; off_shift: Stat; join: Stat; automated: Stat };
  /** cases still open at the horizon (not in the cycle times): their count, and their mean age so far in hours (n counts replications with any) */
  open_at_horizon: Stat;
  open_age: Stat;
  kpis?: Record<string, KpiBlock>;
  nodes: Record<string, NodeBlock>;
}

export interface ResourceBlock {
  utilization: Stat;
  queue_length: Stat;
  wait: Stat;
  busy_hours: Stat;
  available_hours: Stat;
  cost: Stat;
  wait_hours: Stat;
  /** share of all queue waiting (hours) that was spent in this team's queue */
  wait_share: Stat;
  /** Roser's shifting-bottleneck method over saturated periods: share of the window as sole and as shifting bottleneck */
  bottleneck: { sole: Stat; shifting: Stat };
  /** a team with a roster: per shift (its index in the roster, from 0, then `off_shift` where the roster leaves hours uncovered) the waits of the tasks that joined while it was on; absent without a roster and in files written before 2026-12-03 */
  shifts?: Record<string, ShiftBlock>;
  /** the staffed cost of its available hours in which it worked no task, over the window (files written from 2026-12-04) */
  idle_cost?: Stat;
}

/** One shift's line of a rostered team (docs/results-format.md, `resources.T.shifts.S`). */
export interface ShiftBlock {
  tasks: Stat;
  wait: Stat;
  wait_hours: Stat;
  /** only where the team has a wait target (`size`'s) */
  within_target?: Stat;
}

/** Time series and distributions for the charts; per replication, bounded in size. */
export interface ChartData {
  bin_hours: number;
  /** per flow: completions per day in each bin, one array per replication */
  throughput_per_day: Record<string, number[][]>;
  /** per resource: mean queue length in each bin, one array per replication */
  queue_length: Record<string, number[][]>;
  /** per resource: share of each bin's time it was the (sole or shifting) bottleneck, one array per replication */
  bottleneck_share: Record<string, number[][]>;
  /** per flow: cycle-time percentiles 0..100 (hours), averaged over the replications that completed cases */
  cycle_time_percentiles: Record<string, (number | null)[]>;
  /**
   * per resource: the mean queue length at each of the 168 hours of the week (Monday 00:00 first) over the measured
   * window, time-weighted, one array per replication (null: the window has no time in that hour); absent in files written before it
   */
  queue_length_hour_of_week?: Record<string, (number | null)[][]>;
}

export interface VariantBlock {
  description: string | null;
  flows: Record<string, FlowBlock>;
  resources: Record<string, ResourceBlock>;
  /** teams ranked by their share of the time as the sole or shifting bottleneck; primary: the first, if any; absent in files written before it (1afd903) */
  bottlenecks?: {
    primary: string | null;
    ranking: { resource: string; sole: Stat; shifting: Stat; wait_share: Stat; utilization: Stat }[];
  };
  /** per eTOM process id (a node's tag, else its flow's): visits, wait and service hours, cost */
  etom: Record<string, EtomBlock>;
  /** the same totals per eTOM vertical (Fulfillment, Assurance, ...) */
  verticals: Record<string, ProcessTotals>;
  /** every metric's per-replication values (null: no observation), in replication order */
  replications: Record<string, (number | null)[]>;
  charts: ChartData;
  /** what was simulated (teams, calendars, arrivals, flow structure) and its changes against the baseline; absent in files written before it */
  inputs?: VariantInputs;
}

export interface WarmupCheck {
  /** the scenario's warm-up, hours */
  warmup: number;
  /** per variant and flow: MSER-5 truncation point (hours), the median over replications */
  suggested: Record<string, Record<string, number | null>>;
  /** the largest suggestion, of `suggested` and of `series`; null when there is none */
  suggested_warmup: number | null;
  /** every variant's own warm-up (warmupOf) is at least each of its suggestions that counts (a point past it only when confirmed), and no team is unstable (without a steady state no warm-up suffices); with every variant on the scenario's warm-up, the warm-up is at least `suggested_warmup` */
  sufficient: boolean;
  /** width (hours) of the bins of the averaged series */
  bin_hours: number;
  /** hours per MSER batch of bins: whole weeks when shifts or arrival profiles give the model a weekly rhythm, else one bin */
  batch_hours: number;
  /** per variant and series (flows.FLOW.cycle_time, resources.TEAM.queue_length): Welch's average over the replications and MSER's truncation point on it */
  series: Record<string, Record<string, WelchSeries>>;
  /** per variant whose patch sets another run.warmup than the scenario's: its own, hours, against which its series are judged; absent when every variant has the scenario's */
  warmups?: Record<string, number>;
  /** false: a point past the warm-up was named but too few replications (fewer than 3, or fewer than 3 with values on both sides of a cut: a sparse series) to test it, so `sufficient` says only that no transient was confirmed; absent when every point was tested */
  judged?: false;
}

/** One series of the warm-up check. */
export interface WelchSeries {
  /** hours to truncate (the start of the first batch MSER keeps); null when the series has fewer than 2 batches */
  truncation: number | null;
  /** the truncation is past the warm-up and the replications confirm a transient: the window's first part (shares set beforehand, tested together) differs from the rest (paired Johnson's t, the run's series at family-wise 5%) by enough to move the window's mean by 1% */
  transient: boolean;
  /** per bin from time 0: the mean over replications of the bin's value (null: no replication has one) */
  averaged: (number | null)[];
}

/** What one more unit of a team does to each flow's cycle time, against the baseline (`run --sensitivity`). */
export interface ResourceSensitivity {
  resource: string;
  /** the base capacity, before the added unit */
  capacity: number;
  /** what the added unit costs: its cost per hour for every hour of its calendar's week (0 when no cost is given) */
  added_cost_per_week: number;
  /** false when the scenario gives the team no cost_per_hour: the unit's cost is unknown, not 0; absent when it gives one (files written from 2026-12-01) */
  cost_given?: false;
  /** per flow: the +1 against the base, paired over replications */
  flows: Record<string, { mean: Comparison | null; p90: Comparison | null }>;
  /** the flow whose p90 cycle time falls most, relatively; null when no flow has one */
  key_flow: string | null;
}

export interface Results {
  format: 1;
  scenario: string;
  description: string | null;
  engine: {
    name: 'etomsim';
    version: string;
    seed: number;
    replications: number;
    workers: number;
    timing: { wall_s: number; events: number };
  };
  /** the scenario's time_unit: the unit reports show task times in (results stay in hours) */
  time_unit?: 'minutes' | 'hours' | 'days';
  /** the scenario's ISO 4217 currency, labelling every cost; null when it names none */
  currency?: string | null;
  /** run.start: the calendar instant of simulated time 0, a Monday at 00:00 in its UTC offset (ISO 8601); absent in files written before it */
  start?: string;
  horizon: number;
  warmup: number;
  /** sla per flow (hours), for charts */
  slas: Record<string, number>;
  /** etomsim addition (files from 2026-12-04 on): per flow whose sla is in working days of a calendar, that sla; absent when none is */
  sla_working_days?: Record<string, WorkingDaysSlaBlock>;
  precision: PrecisionOutcome | null;
  /** `run --interval`: 't', or 'johnson', which adds Johnson's modified t beside every ci95 (ci95_johnson; ci95 stays
   *  Student's t) and has the reports show it. A file written before 2026-12-03 under 'johnson' has no ci95_johnson: its
   *  ci95 are Johnson's (reports/shown-intervals.ts) */
  interval: IntervalMethod;
  warmup_check: WarmupCheck;
  /** every reason a number may not mean what it seems to; the CLI, summary.md and the report show them */
  warnings: Warning[];
  variants: Record<string, VariantBlock>;
  comparisons: Comparison[];
  /** with `run --sensitivity`: one more unit of each team in the baseline, largest p90 cut first */
  sensitivity?: ResourceSensitivity[];
}

/** An sla in working days of a calendar, as results.json writes it (`sla: { working_days, calendar }` in the scenario). */
export interface WorkingDaysSlaBlock {
  working_days: number;
  calendar: string;
}
