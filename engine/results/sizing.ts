// The shape of sizing.json (`etomsim size --out`): every staffing the search tried and the
// cheapest that meets every target. Written by engine/analysis/sizing.ts, read by the size
// command and the sizing chart.

import { writtenPath } from '../analysis/targets.js';

export type TargetOp = '<=' | '<' | '>=' | '>';
/** how the target's value was written: a plain number, a share (90%) or a duration (5d), in results.json's unit */
export type TargetUnit = 'number' | 'share' | 'duration';

export interface MetricValue {
  mean: number | null;
  ci95: [number, number] | null;
  /** under `size --interval johnson` only (absent otherwise): Johnson's modified-t 95% interval, as a stat's in results.json */
  ci95_johnson?: [number, number] | null;
}

export interface TargetOutcome {
  target: string;
  path: string;
  op: TargetOp;
  /** in the unit of results.json (hours for a duration) */
  value: number;
  unit: TargetUnit;
  /** the end of the interval that had to meet the target */
  bound: number | null;
  met: boolean;
}

export interface SizingCandidate {
  capacities: Record<string, number>;
  /** the staffing's paid cost averaged over the hours of a week: cost_per_week / 168 */
  cost_per_hour: number;
  /** every unit of every team, paid for each hour of its calendar */
  cost_per_week: number;
  meets: boolean;
  /** with --per-shift: each team sized per shift, its shifts' capacities in the roster's order (`capacities` holds its largest at any moment);
   *  etomsim addition (files from 2026-12-04 on): without it too, each rostered team sized as a whole, its shifts as simulated */
  shift_capacities?: Record<string, number[]>;
  /** the targets' stats, each flow's cycle time mean and p90 (and SLA attainment), each team's utilisation */
  metrics: Record<string, MetricValue>;
  targets: TargetOutcome[];
  /** the simulator stopped this staffing's replications (work in progress past --max-wip): why; it meets no target */
  stopped?: string;
  /**
   * etomsim addition (files from 2026-12-04 on): why this staffing cannot keep up with its work, by
   * the offered-load test (a team, or a set of teams sharing skill pools by the max-flow test,
   * offered at least its unit-hours a week): its queues grow without a steady state, so it is never
   * chosen nor verified, whatever `meets` says of its targets; absent on a staffing that keeps up
   */
  unstable?: string;
  /**
   * the scenario's own staffing only, where the search could not have made it: why it is never
   * chosen (an interval below its Erlang C requirement, a team past its maximum or below its
   * lower bound), whether it meets the targets or not; absent on every other candidate
   */
  ineligible?: string;
  /**
   * etomsim addition (session 41): with --per-shift, a staffing run while the intervals' loads were
   * placed after other queue waits than the final placement's (`queue_placement`), which falls short of
   * what the final placement asks (an interval below its Erlang C requirement, a shift past its
   * maximum): never chosen, whatever `meets` says. Absent on every other candidate, and from files
   * written before it (where such a staffing was listed unmarked, though never chosen)
   */
  other_placement?: OtherPlacement;
}

/** A candidate's `other_placement`: the placement it was run under, and why the final one rules it out. */
export interface OtherPlacement {
  /** the staffing whose run's queue waits placed the loads when this one was run (as `queue_placement.measured_on`); null: placed as if no step queued */
  placed_after: StaffingUnits | null;
  /** why the final placement rules it out, in a sentence (as `current.ineligible`'s) */
  reason: string;
}

/** What sizing.json holds. */
export interface SizingResult {
  /** what the file is: a sizing.json of format 1 (a file written before this key has none; `etomsim report` tells it by its keys) */
  sizing_format: 1;
  scenario: string;
  /** the scenario's `currency` (ISO 4217) that labels every cost; null for none */
  currency: string | null;
  targets: string[];
  /** the teams sized */
  resources: string[];
  /** of them, those without cost_per_hour: the search counts their units as free (absent when none, and from files written before it) */
  uncosted?: string[];
  /** of them, those no task offers work (of their own or a pool's): lower bound 0, so none is kept for nobody's work (absent when none, and from files written before it) */
  no_work?: string[];
  /** per team: where the search started (the offered-load lower bound) */
  lower_bounds: Record<string, number>;
  /** per team: the fewest units the search may give it; below lower_bounds only for a skill pool's member, whose pooled work other teams can take (absent from files written before it) */
  min_capacity?: Record<string, number>;
  max_capacity: Record<string, number>;
  replications: number;
  seed: number;
  /** how sure `chosen` meets every target at once: Bonferroni over the concrete targets (each
   *  checked at the unfavourable end of its interval at 1 - 0.05/targets), so jointly at least 95% */
  confidence: { joint: number; per_target: number; targets: number };
  /** `size --interval johnson`: each target's `bound` is the end of Johnson's modified-t interval at `per_target`, and
   *  the KPIs carry `ci95_johnson`; absent under Student's t (the default, and every file written before it) */
  interval?: 'johnson';
  /** null when no staffing within the maximum capacities meets every target */
  chosen: SizingCandidate | null;
  /** the chosen staffing run again on fresh random numbers (another seed, as many replications),
   *  free of the search's selection: its targets checked the same way; null when nothing was chosen.
   *  `meets` false refutes the choice: size then recommends nothing and exits 3 (files from 2026-12-03 on;
   *  before, it warned and exited 0). `metrics`: the chosen's KPIs on those replications (absent from files written before it) */
  verification: {
    seed: number;
    replications: number;
    meets: boolean;
    /**
     * etomsim addition (files from 2026-12-04 on; absent before): `confirmed` (`meets`); `refuted`, a
     * target's fresh mean itself misses it; `not_confirmed`, every fresh mean meets its target but an
     * interval is too wide to confirm it (more replications would tell); `unstable` (files from
     * 2026-12-04 on, session 36), the fresh run shows a backlog (`unstable` says which signs), whatever its targets
     */
    outcome?: VerificationOutcome;
    /**
     * etomsim addition (session 36): the fresh run's signs of a backlog, one sentence each: a team
     * results.json would warn `unstable` of (offered at least its capacity, or its queue climbing over
     * the second half of the window), a team whose queue cannot settle within the window (the slow-settling warning), a flow whose cases in progress at the horizon exceed their
     * average over the window by more than 5% of its arrivals, and with a weekly rhythm than a week's (staffing-stability.ts' backlogThreshold). Present only with outcome `unstable`, and then `meets` is false
     */
    unstable?: string[];
    /**
     * etomsim addition (session 38): true, the fresh run was also read for a backlog (`unstable`'s signs).
     * Absent from files written before it, some of whose `confirmed` checked the targets only (before
     * 2026-12-04 10:27 UTC, s35y F11): the reports then say the file does not record a steady-state check
     */
    backlog_checked?: boolean;
    targets: TargetOutcome[];
    metrics?: Record<string, MetricValue>;
  } | null;
  /**
   * etomsim addition (files from 2026-12-04 on; absent before): every staffing the fresh replications
   * did not confirm, in the order verified, the search's choice first: each `refuted` (or `unstable`), the last
   * possibly `not_confirmed` (its `verification.outcome` says which; the reports name it so). After a refutation size verifies one
   * unit more where it most helps the targets missed (on the search's replications), each on a seed
   * of its own, up to VERIFY_STEPS (3) more; the first confirmed is `chosen`. When none is, `chosen` and
   * `verification` are the search's choice and its check (exit 3). Empty when the first was confirmed.
   */
  refuted?: RefutedStaffing[];
  /**
   * etomsim addition (session 38): `busy`, the utilisation from which a sized team is called fragile at
   * the chosen staffing (FRAGILE_BUSY: under 1/busy - 1 more work saturates it), and `teams`, those the
   * chosen staffing keeps that busy or more (empty without `chosen`); absent from files written before it,
   * whose reports take FRAGILE_BUSY
   */
  fragile?: { busy: number; teams: string[] };
  /**
   * etomsim addition (session 62): per sized team (with --per-shift, per shift) of `chosen`, in
   * `resources`' order, why it has its units and not one fewer, read from the candidates already run
   * (nothing simulated for it): the target the staffing with one unit fewer of it misses, with that
   * candidate's figures, or the bound it is at, or `not_tried`. Absent without `chosen`, and from files written before it
   */
  units_reasons?: UnitsReason[];
  /** the scenario's own staffing, run like the candidates */
  current: SizingCandidate;
  /** chosen minus current cost per week; null without a chosen staffing */
  cost_difference_per_week: number | null;
  /** when no staffing meets every target: per target missed, the best value reached and what limits it */
  diagnosis: TargetDiagnosis[];
  /** every candidate evaluated, in the order evaluated */
  candidates: SizingCandidate[];
  /** whether the rostered teams were sized shift by shift (--per-shift) */
  per_shift: boolean;
  /** with --per-shift: one row per shift of each team sized per shift, in the roster's order; empty otherwise */
  shifts: ShiftSizing[];
  /** with --per-shift: per team sized per shift, the week's intervals and their Erlang C requirement */
  erlang_c_intervals: Record<string, ErlangCInterval[]>;
  /** with --per-shift: per team sized per shift, whether its shifts' covering is proven cheapest (false: the search hit its budget, the cheapest found) */
  erlang_c_exact: Record<string, boolean>;
  /** etomsim addition (session 40): with --per-shift, whose queue waits `erlang_c_intervals`' loads are placed after; absent otherwise, and from files written before it */
  queue_placement?: QueuePlacement;
}

/**
 * Why one sized team (or shift) of the chosen staffing has its units and not one fewer (sizing.json's
 * `units_reasons`). `reason`:
 * - `target`: the staffing with one unit fewer of it (`fewer`) was run and misses `missed` on the search's replications;
 * - `unstable`: it was run and cannot keep up with its work (`detail`: its candidate's `unstable`);
 * - `stopped`: it was run and the simulator stopped its replications (`detail`: its candidate's `stopped`);
 * - `refuted`: it met every target on the search's replications and the fresh ones did not confirm it
 *   (`missed`: the targets the fresh replications missed, with their figures; `detail`: the outcome);
 * - `not_eligible`: it falls below what the search holds every staffing to (`detail`: an interval below its
 *   Erlang C requirement, with --per-shift), or was run under a placement of the loads the final one rules out;
 * - `lower_bound`: the team is at its offered-load lower bound (`lower_bounds`): with one unit fewer its work
 *   would be at least its unit-hours a week (0 units: no task offers it work);
 * - `minimum`: at the fewest the search may give it below that bound (`min_capacity`: a skill pool's member,
 *   the work only it can do) or, for a shift, the Erlang C requirement of an interval it alone covers;
 * - `met`: it was run, met every target and kept up, and was not chosen (not expected: a cheaper staffing
 *   meeting the targets is chosen);
 * - `not_tried`: the search never ran it, so no figure says what it misses. After a refutation (the unit more on
 *   another entry came after the search), `searched` and `missed` may say what held it at its units when the search
 *   chose: the search's own choice with one fewer of it, and the targets that missed on the search's replications.
 */
export interface UnitsReason {
  team: string;
  /** with --per-shift: the shift this entry is of (index into the team's shifts); absent for a team sized as a whole */
  shift?: number;
  /** its units at `chosen`: the team's (a roster's largest at any moment), or the shift's */
  units: number;
  reason: 'target' | 'unstable' | 'stopped' | 'refuted' | 'not_eligible' | 'lower_bound' | 'minimum' | 'met' | 'not_tried';
  /** the staffing with one unit fewer of it (a roster sized as a whole: one fewer on every shift); null at a bound */
  fewer: StaffingUnits | null;
  /** `target` and `refuted`: each target that staffing misses, in the targets' order; `not_tried` with `searched`: each `searched` misses */
  missed?: MissedTarget[];
  /** etomsim addition (session 63): `not_tried` after a refutation, the search's choice with one unit fewer of it, where the search ran it and it missed `missed` */
  searched?: StaffingUnits;
  /** `unstable`, `stopped`, `not_eligible`: why, in a sentence; `refuted`: the fresh replications' outcome (`refuted`,
   *  `not_confirmed`), or with `unstable` its reasons */
  detail?: string;
}

/** A target a staffing misses, with the figures that miss it: its stat (as a candidate's `metrics`) and the interval's end checked (`bound`). */
export interface MissedTarget extends MetricValue {
  target: string;
  path: string;
  bound: number | null;
}

/** A staffing as sizing.json names it: each team's units, and its shifts' where sized per shift. */
export interface StaffingUnits {
  capacities: Record<string, number>;
  shift_capacities?: Record<string, number[]>;
}

/**
 * With --per-shift: the staffing whose run measured the queue waits that each interval's load is
 * placed after (its cases reach a team that much later), and how size came to it: the current
 * staffing's first, then, since a recommendation changes the queues, its choice's own, the search
 * run again on them until its choice asks, by its own waits, the intervals it was chosen under.
 */
export interface QueuePlacement {
  /** that staffing (the search's choice, or the scenario's own); null: none could be read, the loads placed as if no step queued */
  measured_on: StaffingUnits | null;
  /** per flow, per task: its mean queue wait in hours on that run (`flows.F.nodes.N.wait`; 0 without a team, or no queue), as placed */
  waits: Record<string, Record<string, number>>;
  /** the searches run: 1 (also when none could start), and one more each time the choice's own waits asked other intervals' requirements and a search on them started (at most PLACEMENT_SEARCHES, 4); from session 42 one that found no staffing counts too */
  searches: number;
  /** true: the search's choice, placed by its own waits, asks the requirements it was chosen under; false: it did not within the searches (or its waits were set aside); null: nothing chosen */
  consistent: boolean | null;
  /** staffings whose waits were not read, and why: the run's queues grow or settle too slowly for its waits to be the staffing's (a sentence) */
  set_aside: (StaffingUnits & { reason: string })[];
  /** etomsim addition (session 42): where the recommendation is the verification's unit more after a refutation, held to the search's choice's placement, what its own waits ask; absent otherwise */
  unit_more?: UnitMorePlacement;
}

/**
 * The verification's unit more, recommended after a refutation and held to the placement the
 * search's choice was made under: whether, placed after its own queue waits, it asks the same
 * bounds and intervals' requirements, and where not, whether those rule it out.
 */
export interface UnitMorePlacement extends StaffingUnits {
  /** true: its own waits ask the bounds and requirements it was held to; false: other ones; null: its waits were not read (`unread`) */
  consistent: boolean | null;
  /** where `consistent` is false: why the intervals its own waits ask rule it out, in `other_placement.reason`'s words; null when it covers them, or otherwise */
  ruled_out: string | null;
  /** where its waits were not read: why, as `set_aside`'s reason; null otherwise */
  unread: string | null;
}

/** What the fresh replications said of a staffing: sizing.json's `verification.outcome`. */
export type VerificationOutcome = 'confirmed' | 'refuted' | 'not_confirmed' | 'unstable';

/** A team this busy at the recommended staffing is called fragile: under 1/0.9 - 1 = 11% more work saturates it (sizing.json's `fragile`). */
export const FRAGILE_BUSY = 0.9;

/** The sized teams `chosen` keeps `busy` or more of their working hours busy (their mean utilisation), in `resources`' order. */
export function fragileTeams(resources: readonly string[], chosen: SizingCandidate | null, busy: number): string[] {
  if (chosen === null) return [];
  return resources.filter((team) => {
    const u = chosen.metrics[`resources.${team}.utilization`]?.mean ?? null;
    return u !== null && u >= busy;
  });
}

/** The fewest fresh replications a verification runs (more when --replications is more): a test on 2 says little. */
export const VERIFY_REPLICATIONS = 10;

/** How many staffings past the search's refuted choice size verifies, a unit more each, before it gives up (exit 3). */
export const VERIFY_STEPS = 3;

/** A staffing the verification refuted: its staffing and cost, and its check on fresh replications (`meets` false). */
export interface RefutedStaffing {
  capacities: Record<string, number>;
  shift_capacities?: Record<string, number[]>;
  cost_per_week: number;
  verification: NonNullable<SizingResult['verification']>;
}

/**
 * A target as the reports name it: as written, or for one of a wildcard's expansions (a `*` in
 * its path, one outcome per stat it reaches, each with that stat's `path`) the stat it reached
 * and the pattern it came from: `resources.service_ops.utilization <= 0.85 (from resources.*.utilization)`.
 */
export function targetLabel(t: Pick<TargetOutcome, 'target' | 'path'>): string {
  const written = writtenPath(t.target);
  if (written === null || !written.includes('*')) return t.target;
  return `${t.target.replace(written, () => t.path)} (from ${written})`;
}

/**
 * Whether size recommends its choice: a staffing was chosen and the fresh replications did not
 * refute it (a file written before the verification has none: its choice stands). The exit code
 * (3 otherwise) and every label of the reports read it.
 */
export function isRecommended(sizing: Pick<SizingResult, 'chosen' | 'verification'>): boolean {
  return sizing.chosen !== null && sizing.verification?.meets !== false;
}

/** Each team's units, a team whose shifts are sized (or a roster moved whole) as its shifts' a/b/c: "noc 0/7/7, desk 3". */
export function unitsText(s: Pick<SizingCandidate, 'capacities' | 'shift_capacities'>): string {
  return Object.entries(s.capacities)
    .map(([team, c]) => `${team} ${s.shift_capacities?.[team]?.join('/') ?? c}`)
    .join(', ');
}

/** A staffing's identity: its teams' capacities and, sized per shift, its shifts' (two rosters may share a largest capacity). By staffing, not by object: a sizing.json read back holds copies. */
export function staffingKey(c: Pick<SizingCandidate, 'capacities' | 'shift_capacities'>): string {
  return JSON.stringify([c.capacities, c.shift_capacities ?? null]);
}

/**
 * What the fresh replications said of a staffing they did not confirm (an entry of `refuted`:
 * refuted, or not confirmed; in a file written before that list, the chosen staffing when its
 * check failed); null for any other.
 */
export function failedOutcome(
  sizing: Pick<SizingResult, 'refuted' | 'chosen' | 'verification'>,
  c: Pick<SizingCandidate, 'capacities' | 'shift_capacities'>,
): VerificationOutcome | null {
  const key = staffingKey(c);
  const entry = (sizing.refuted ?? []).find((r) => staffingKey(r) === key);
  if (entry !== undefined) return outcomeOf(entry.verification);
  const check = sizing.verification;
  return sizing.chosen !== null && check !== null && !check.meets && staffingKey(sizing.chosen) === key ? outcomeOf(check) : null;
}

/** A check's outcome; a file written before `outcome` has only `meets`, and a failed check there was a refutation. */
export function outcomeOf(check: Pick<NonNullable<SizingResult['verification']>, 'meets' | 'outcome'>): VerificationOutcome {
  return check.outcome ?? (check.meets ? 'confirmed' : 'refuted');
}

/** One shift sized on its own: its bounds, current and recommended capacities, and their weekly costs. */
export interface ShiftSizing {
  team: string;
  /** index into the team's shifts (0 first) */
  shift: number;
  /** the scenario's description of the shift (etomsim addition, files from 2026-12-03 on); absent without one */
  description?: string;
  /** its working periods, hours from Monday 00:00 (end may pass 168 for a shift over Sunday midnight) */
  periods: { start: number; end: number }[];
  hours_per_week: number;
  /** the cheapest covering of the intervals' Erlang C requirements: where the search started */
  erlang_c: number;
  /** the most any interval it alone covers requires: the search never goes below it */
  lower_bound: number;
  max_capacity: number;
  current: number;
  /** null when no staffing meets the targets */
  recommended: number | null;
  /** units x hours_per_week x the team's cost_per_hour */
  cost_per_week: { current: number; recommended: number | null; difference: number | null };
}

/** A piece of the week with one arrival rate and one set of shifts on. */
export interface ErlangCInterval {
  /** hours from Monday 00:00 */
  start: number;
  end: number;
  /** erlangs: task visits per hour x mean work (hours), of the cases arriving in the interval */
  offered_load: number;
  /** hours per task visit */
  mean_work: number;
  /** indexes of the shifts on */
  shifts: number[];
  /** the fewest agents meeting the targets' per-team criterion (mean wait, utilisation) in steady state; 0 without load or shift, or where `negligible` */
  required: number;
  /** etomsim addition (session 43): true on an interval whose load asks no unit, its shifts' intervals together expecting fewer than 0.0513 task visits in a replication's window, one budget a team's sets share (shift-staffing.ts' NO_LOAD_VISITS); absent otherwise, and from files written before it */
  negligible?: boolean;
}

export interface TargetDiagnosis {
  target: string;
  path: string;
  /** the candidate whose interval came closest to the target, and that interval's end and mean */
  best_capacities: Record<string, number>;
  /** with --per-shift: that candidate's shift capacities (as in a candidate's `shift_capacities`) */
  best_shift_capacities?: Record<string, number[]>;
  best_bound: number | null;
  best_mean: number | null;
  /** why more units of the sized teams cannot reach it, one reason a line */
  limits: string[];
  /** etomsim addition (files from 2026-12-03 on): what kind of limit each line of `limits` is, in its order; the console's closing advice names only these */
  causes?: LimitCause[];
}

/** A limit's kind: time off shift, automated steps, working time, a team not sized, a team at its maximum; `interval` (etomsim addition, files from 2026-12-04): the best mean meets the target and only its interval is too wide (first, with only `maximum` beside it). */
export type LimitCause = 'off_shift' | 'automated' | 'working_time' | 'not_sized' | 'maximum' | 'interval';
