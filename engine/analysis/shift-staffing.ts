// The Erlang C staffing of a roster's shifts, as workforce-management tools compute it: the
// week is cut into intervals (every hour, since arrival profiles are hourly, and every shift
// boundary); each interval's offered load gets the fewest agents that meet the criterion in
// steady state (Erlang C, interval by interval: the team's, tightened by the own criterion of
// each shift on in it); then the shifts get the cheapest capacities
// whose sum covers every interval's requirement. Invariant: a shift's `alone` bound is the
// most any interval covered by that shift only requires, so no covering puts it lower; where
// shifts do not overlap, `alone` is the covering. A placed load too small for any task to join in a
// replication's window (noLoad: the one rule) asks no unit: a normal's tails put 1e-23 erlangs at
// 03:00 behind a desk that closes at 22:00, and Erlang C asked a night unit for it.
import type { HourlyLoad } from '../model/offered-load.js';
import { erlangCStaffing, type StaffingCriterion } from '../model/erlang-c.js';
import { shiftHours, weekPieces } from '../scenario/roster.js';
import { largest, smallest } from '../lists.js';
import type { ShiftSpec } from '../scenario/types.js';
import { HOURS_PER_WEEK } from '../week.js';

export interface StaffingInterval {
  /** hours from Monday 00:00, within [0, 168] */
  start: number;
  end: number;
  /** offered load in erlangs: arrivals per hour x mean work, of the cases arriving in the interval */
  load: number;
  /** mean work per task visit (hours); 0 without load */
  meanWork: number;
  /** indexes of the shifts on in the interval */
  shifts: number[];
  /** the fewest agents meeting the criterion in steady state; 0 without load, when no shift is on (that work waits for the next shift) or when its load is no load (`negligible`) */
  required: number;
  /** true where the interval has load that asks no unit (noLoad: its shifts' intervals together expect too few task visits in a replication's window) */
  negligible: boolean;
}

/** A replication's measured window, hours from time 0 (a Monday 00:00): from the warm-up to the horizon. */
export interface RunWindow {
  from: number;
  to: number;
}

/**
 * When a placed load is no load, the one rule: the intervals with the same shifts on (one
 * constraint of the covering) ask no unit when they expect together fewer than NO_LOAD_VISITS
 * task visits in a replication's window, counted with the team's other such sets (noLoad: one
 * budget a team, the least loaded sets first). The visits are Poisson (the arrivals are, and a Poisson
 * process's points each moved on by an independent delay stay one: the displacement theorem),
 * so then at least 95% of replications see no task join while any such set is on, as the 95%
 * the sizing's confidence is held to: the Erlang C floor would staff them for no task the run
 * measures. Their work, if any comes, waits for the next shift, as work arriving while no shift
 * is on does, and the simulation measures that. Placed loads of that size are a normal's tails
 * (reach-time.ts: 1e-23 erlangs at 03:00 after a desk open 08:00-22:00), never a rhythm.
 */
export const NO_LOAD_VISITS = -Math.log(0.95);

export interface ShiftStaffing {
  intervals: StaffingInterval[];
  /** per shift: the most any interval it alone covers requires (a lower bound on the shift in every covering) */
  alone: number[];
  /** per shift: the cheapest capacities (shift-hours) covering every interval's requirement */
  covering: number[];
  /** false when the covering search hit its budget: `covering` is then the cheapest found, not proven cheapest */
  exact: boolean;
}

/** Nodes the covering search may visit before it settles for the cheapest found. */
const BUDGET = 200_000;

/**
 * `criterion`: what every interval must meet, or one per shift (a shift's own target on top of the
 * team's): an interval then meets the tightest of the shifts on in it, since a task joining
 * while two overlap counts in both shifts' lines.
 */
export function shiftStaffing(
  shifts: readonly ShiftSpec[],
  load: HourlyLoad,
  criterion: StaffingCriterion | readonly StaffingCriterion[],
  window: RunWindow,
): ShiftStaffing {
  const criteria = isPerShift(criterion) ? criterion : shifts.map(() => criterion);
  const intervals = noLoad(staffingIntervals(shifts, load, criteria), load, window);
  const alone = shifts.map((_, j) =>
    intervals.reduce((m, iv) => (iv.shifts.length === 1 && iv.shifts[0] === j ? Math.max(m, iv.required) : m), 0),
  );
  return { intervals, alone, ...cheapestCovering(shifts, intervals, alone) };
}

function isPerShift(c: StaffingCriterion | readonly StaffingCriterion[]): c is readonly StaffingCriterion[] {
  return Array.isArray(c);
}

/**
 * The tightest of several criteria: the least mean wait and utilisation cap any of them sets, and
 * the highest service level (its `within` is the team's wait target, one for all its shifts; the
 * least is taken should they differ).
 */
function tightest(criteria: readonly StaffingCriterion[]): StaffingCriterion {
  const least = (xs: (number | null)[]) => xs.reduce<number | null>((m, x) => (x === null ? m : m === null ? x : Math.min(m, x)), null);
  const levels = criteria.flatMap((c) => (c.serviceLevel === undefined ? [] : [c.serviceLevel]));
  return {
    maxWait: least(criteria.map((c) => c.maxWait)),
    maxUtilization: least(criteria.map((c) => c.maxUtilization)),
    ...(levels.length === 0
      ? {}
      : { serviceLevel: { share: largest(levels.map((l) => l.share)), within: smallest(levels.map((l) => l.within)) } }),
  };
}

function staffingIntervals(shifts: readonly ShiftSpec[], load: HourlyLoad, criteria: readonly StaffingCriterion[]): StaffingInterval[] {
  const pieces = shifts.map((s) => weekPieces(s.periods));
  const cuts = new Set<number>();
  for (let h = 0; h <= HOURS_PER_WEEK; h++) cuts.add(h);
  for (const list of pieces) for (const p of list) cuts.add(p.start).add(p.end);
  const sorted = [...cuts].filter((t) => t >= 0 && t <= HOURS_PER_WEEK).sort((a, b) => a - b);
  const out: StaffingInterval[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    const hour = Math.floor(start);
    const on = pieces.flatMap((list, j) => (list.some((p) => p.start <= start && end <= p.end) ? [j] : []));
    const a = load.work[hour];
    const meanWork = load.visits[hour] > 0 ? a / load.visits[hour] : 0;
    const required = on.length > 0 ? erlangCStaffing(a, meanWork, tightest(on.map((j) => criteria[j]))) : 0;
    out.push({ start, end, load: a, meanWork, shifts: on, required, negligible: false });
  }
  return out;
}

/**
 * `intervals` with the rule NO_LOAD_VISITS states applied. The team spends one NO_LOAD_VISITS on
 * all its sets of shifts together, the least loaded first, so that in 95% of replications no task
 * joins while any set that asks no unit is on (each set judged alone, k sets each just under it
 * would see a task in up to 1 - 0.95^k of replications).
 */
function noLoad(intervals: StaffingInterval[], load: HourlyLoad, window: RunWindow): StaffingInterval[] {
  const expected = new Map<string, number>();
  const visitsIn = (iv: StaffingInterval) => load.visits[Math.floor(iv.start)] * hoursInWindow(iv.start, iv.end, window);
  const asking = new Set<string>(); // the sets with an interval that asks a unit: the only ones the budget goes to
  for (const iv of intervals) {
    if (iv.shifts.length === 0) continue;
    const key = iv.shifts.join(',');
    expected.set(key, (expected.get(key) ?? 0) + visitsIn(iv));
    if (iv.required > 0 && iv.load > 0) asking.add(key);
  }
  const negligible = new Set<string>();
  let spent = 0;
  const candidates = [...expected].filter(([key]) => asking.has(key));
  for (const [key, visits] of candidates.sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))) {
    if (spent + visits >= NO_LOAD_VISITS) break;
    spent += visits;
    negligible.add(key);
  }
  return intervals.map((iv) =>
    iv.required > 0 && iv.load > 0 && negligible.has(iv.shifts.join(',')) ? { ...iv, required: 0, negligible: true } : iv,
  );
}

/** Hours of the weekly interval [start, end) (within one week) that fall in the window, over all its weeks. */
export function hoursInWindow(start: number, end: number, window: RunWindow): number {
  // up to time t: every whole week's (end - start), and the part of the week t is in
  const upTo = (t: number) => {
    const weeks = Math.floor(t / HOURS_PER_WEEK);
    const into = t - weeks * HOURS_PER_WEEK;
    return weeks * (end - start) + Math.min(end - start, Math.max(0, into - start));
  };
  return Math.max(0, upTo(Math.max(0, window.to)) - upTo(Math.max(0, window.from)));
}

/** A covering's constraint: the shifts on together in some intervals (in the roster's order), and the most any of them requires. */
export interface CoveringConstraint {
  set: number[];
  need: number;
}

/** One constraint per set of shifts on together: the largest requirement among its intervals (none where it is 0). */
export function coveringConstraints(intervals: readonly StaffingInterval[]): CoveringConstraint[] {
  const bySet = new Map<string, CoveringConstraint>();
  for (const iv of intervals) {
    if (iv.shifts.length === 0 || iv.required === 0) continue;
    const key = iv.shifts.join(',');
    const c = bySet.get(key);
    if (c === undefined) bySet.set(key, { set: iv.shifts, need: iv.required });
    else c.need = Math.max(c.need, iv.required);
  }
  return [...bySet.values()];
}

/**
 * The constraints that decide which staffings cover the intervals: coveringConstraints but those
 * another implies (a subset of their shifts asks at least as much: capacities are never negative),
 * in one order. Intervals with the same ask the same of every staffing, however their requirements
 * differ: an interval's 1 becoming 0 beside another's 3 among the same shifts changes none.
 */
export function decidingConstraints(intervals: readonly StaffingInterval[]): CoveringConstraint[] {
  const all = coveringConstraints(intervals);
  const implied = (c: CoveringConstraint) => all.some((by) => by !== c && by.need >= c.need && by.set.every((j) => c.set.includes(j)));
  return all.filter((c) => !implied(c)).sort((a, b) => bySetOrder(a.set, b.set));
}

/** Shift-index sets in lexicographic order of their indices (numeric: the same order on every host, unlike localeCompare). */
function bySetOrder(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length && k < b.length; k++) if (a[k] !== b[k]) return a[k] - b[k];
  return a.length - b.length;
}

/**
 * The capacities x (one per shift) with the least sum of x_j x hours_j such that every
 * interval's shifts sum to its requirement: an integer covering problem, solved by depth-first
 * search over the shifts in order. Each x_j ranges from the least that the constraints whose
 * last shift is j leave open (and `alone`) up to the most any of its intervals requires (more
 * never helps), and a branch stops once its cost reaches the best found.
 */
function cheapestCovering(
  shifts: readonly ShiftSpec[],
  intervals: StaffingInterval[],
  alone: number[],
): { covering: number[]; exact: boolean } {
  const k = shifts.length;
  const hours = shifts.map(shiftHours);
  const constraints = coveringConstraints(intervals);
  const closing = shifts.map((_, j) => constraints.filter((c) => c.set[c.set.length - 1] === j));
  const most = shifts.map((_, j) => constraints.reduce((m, c) => (c.set.includes(j) ? Math.max(m, c.need) : m), alone[j]));
  if (most.some((m) => !Number.isFinite(m))) return { covering: most, exact: true };
  const restFloor = hours.map((_, j) => alone.slice(j + 1).reduce((s, a, i) => s + a * hours[j + 1 + i], 0));
  let best = most.slice();
  let bestCost = most.reduce((s, x, j) => s + x * hours[j], 0);
  const x = new Array<number>(k).fill(0);
  let visited = 0;
  const dfs = (j: number, cost: number): void => {
    if (j === k) {
      if (cost < bestCost) [best, bestCost] = [x.slice(), cost];
      return;
    }
    let from = alone[j];
    for (const c of closing[j]) from = Math.max(from, c.need - c.set.reduce((s, i) => (i < j ? s + x[i] : s), 0));
    for (let v = from; v <= Math.max(from, most[j]); v++) {
      if (++visited > BUDGET || cost + v * hours[j] + restFloor[j] >= bestCost) return;
      x[j] = v;
      dfs(j + 1, cost + v * hours[j]);
    }
  };
  dfs(0, 0);
  return { covering: best, exact: visited <= BUDGET };
}
