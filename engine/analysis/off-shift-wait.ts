// The wait no size of a team shortens: a task that joins a team while none of its units is on
// shift (outside its calendar, or between its roster's shifts) waits at least until the next
// opening, however many units it has. Estimated from the hours its tasks join, taken (as
// sizing's Erlang C intervals take them) to be the hours their cases are expected to reach them
// (offered-load.ts' hourlyLoad): exact for a flow's first task, an estimate for later ones.
// Invariant: 0 for a team on shift round the clock; null when it is never on shift or offered no task.
import { hourlyLoad, placeReach, type ReachPlacement } from '../model/offered-load.js';
import { coverage, weekPieces, weeklyCapacity } from '../scenario/roster.js';
import type { Scenario } from '../scenario/types.js';
import { HOURS_PER_WEEK } from '../week.js';

/** Steps per hour of the week at which a join is placed: the gap is averaged over them (minutes). */
const STEPS = 60;

/**
 * The team's on-shift periods of the week (hours from Monday 00:00, within [0, 168]): its roster's,
 * its calendar's, or the whole week. A calendar's period past Sunday midnight (`sun 22:00-06:00` is
 * 166-174) is cut there, its Monday part from 0: before, Monday 00:00-06:00 read as off shift, 160 h
 * from the next opening (the night desk's estimate 82.0 h a task, 98.8% joining off shift, for 76.2 h, 95.2%).
 */
export function onShiftPeriods(scenario: Scenario, team: number): { start: number; end: number }[] {
  const r = scenario.resources[team];
  if (r.shifts) return coverage(weeklyCapacity(r.shifts));
  const calendar = scenario.calendars.find((c) => c.name === r.calendar);
  return calendar ? weekPieces(calendar.periods) : [{ start: 0, end: HOURS_PER_WEEK }];
}

/**
 * The mean hours a task of team `team` waits for the team to come on shift, its tasks joining in
 * the hours their cases reach them (hourlyLoad's visits, a pool's whole, `placed` as placeReach
 * places them: after a run's measured queue waits where sizing has them); and the share of its tasks
 * that join off shift.
 */
export function offShiftWait(
  scenario: Scenario,
  team: number,
  placed: ReachPlacement = placeReach(scenario),
): { hours: number; share: number } | null {
  const periods = onShiftPeriods(scenario, team);
  if (periods.length === 0) return null;
  const visits = hourlyLoad(scenario, 'whole', placed)[team].visits;
  const starts = periods.map((p) => p.start).sort((a, b) => a - b);
  const on = (t: number) => periods.some((p) => p.start <= t && t < p.end);
  const gap = (t: number) => {
    if (on(t)) return 0;
    const next = starts.find((s) => s > t);
    return next === undefined ? starts[0] + HOURS_PER_WEEK - t : next - t;
  };
  let weight = 0;
  let sum = 0;
  let off = 0;
  for (let h = 0; h < HOURS_PER_WEEK; h++) {
    if (!(visits[h] > 0)) continue;
    for (let s = 0; s < STEPS; s++) {
      const g = gap(h + (s + 0.5) / STEPS);
      weight += visits[h];
      sum += visits[h] * g;
      if (g > 0) off += visits[h];
    }
  }
  return weight > 0 ? { hours: sum / weight, share: off / weight } : null;
}
