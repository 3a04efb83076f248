// The hours of the window [warmup, horizon] in each hour of the week (168 slots, Monday 00:00
// first), for the report's typical week: a team's queue area per hour of the week (TimeAverage's
// `week`) divided by them is the time-weighted mean queue length at that hour of the week.
// Time 0 is a Monday at 00:00 (run.start's invariant, engine/scenario/run-start.ts), so the
// slot of time t is floor(t) mod 168 whatever the scenario's start date.
// Invariant: a slot's hours are the very sums of adding each window hour's overlap in turn.

import { HOURS_PER_WEEK } from '../week.js';

/**
 * The hours of the window [warmup, horizon] that fall in each hour of the week: the sums, in the
 * same order and so to the same bits, that adding each hour's overlap with the window in turn
 * gives. Only the first hour (cut by the warm-up) and the last (cut by the horizon) can be
 * partial; every hour between adds exactly 1, so a slot's whole hours are one addition of their
 * count (exact: whole numbers below 2^53), except in the first hour's slot when that hour is
 * partial, where they are added one by one as before (a fraction plus 1 may round). A loop over
 * every hour ran once per replication, cold: about 19 M instructions for 222,222 hours (one-off:
 * callgrind of a throwaway script, c08c85b).
 */
export function hourOfWeekExposure(warmup: number, horizon: number): Float64Array {
  const out = new Float64Array(HOURS_PER_WEEK);
  const first = Math.floor(warmup);
  if (!(first < horizon)) return out;
  const last = Math.ceil(horizon) - 1; // the last hour that starts before the horizon
  addOverlap(out, first, warmup, horizon);
  if (last === first) return out;
  const between = last - first - 1; // the whole hours first + 1 .. last - 1
  const weeks = Math.floor(between / HOURS_PER_WEEK);
  const rest = between % HOURS_PER_WEEK;
  for (let i = 0; i < HOURS_PER_WEEK; i++) {
    const slot = (first + 1 + i) % HOURS_PER_WEEK;
    const hours = weeks + (i < rest ? 1 : 0);
    if (Number.isInteger(out[slot])) out[slot] += hours;
    else for (let k = 0; k < hours; k++) out[slot] += 1;
  }
  addOverlap(out, last, warmup, horizon);
  return out;
}

/** The overlap of one hour with the window, added to its slot. */
function addOverlap(out: Float64Array, hour: number, warmup: number, horizon: number): void {
  const overlap = Math.min(hour + 1, horizon) - Math.max(hour, warmup);
  if (overlap > 0) out[hour % HOURS_PER_WEEK] += overlap;
}
