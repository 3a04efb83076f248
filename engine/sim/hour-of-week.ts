// A level's area per hour of the week (168 slots, Monday 00:00 first) over the measured window
// [warmup, horizon], for the report's typical week: divided by the window's hours in each slot
// (`hourOfWeekExposure`), the time-weighted mean level at that hour of the week.
// Time 0 is a Monday at 00:00 (run.start's invariant, engine/scenario/run-start.ts), so the
// slot of time t is floor(t) mod 168 whatever the scenario's start date.
// Invariant: only the window counts. Time before the warm-up goes to a sink slot that is never
// read, so that a change inside the current stretch is one comparison (hot path:
// CONTRIBUTING.md, rule 3).

import { HOURS_PER_WEEK } from '../week.js';

const SINK = HOURS_PER_WEEK;

export class HourOfWeekArea {
  /** area per hour of the week, then the sink */
  readonly area = new Float64Array(HOURS_PER_WEEK + 1);
  /** the slot of the current stretch (an hour, or the warm-up), and where the stretch ends */
  private current = SINK;
  private until = Number.NaN; // Hot path: CONTRIBUTING.md, rule 1

  /** The slot of the current stretch, for TimeAverage's fast path. */
  get slot(): number {
    return this.current;
  }

  /** Where the current stretch ends. */
  get end(): number {
    return this.until;
  }

  constructor(
    private readonly warmup: number,
    private readonly horizon: number,
  ) {
    this.locate(0);
  }

  /** The current stretch, an hour of the window, ended: the next hour's is current (what `add` would locate there). */
  nextHour(): number {
    this.current = this.current === HOURS_PER_WEEK - 1 ? 0 : this.current + 1;
    this.until += 1;
    return this.current;
  }

  /** The level was `level` from `last` until `now`. */
  add(level: number, last: number, now: number): void {
    if (now <= this.until) this.area[this.current] += level * (now - last);
    else this.spread(level, last, now);
  }

  /** A segment across stretches: split at the warm-up and at every hour, clipped at the horizon. */
  private spread(level: number, from: number, upTo: number): void {
    const to = upTo > this.horizon ? this.horizon : upTo;
    let t = from;
    this.locate(t);
    while (t < to) {
      const stop = this.until < to ? this.until : to;
      this.area[this.current] += level * (stop - t);
      t = stop;
      if (t < to) this.locate(t);
    }
  }

  /** The stretch that starts at `t`: the warm-up's sink before it, else t's hour. Its end is always after t. */
  private locate(t: number): void {
    if (t < this.warmup) {
      this.current = SINK;
      this.until = this.warmup;
      return;
    }
    const hour = Math.floor(t);
    this.current = hour % HOURS_PER_WEEK;
    this.until = hour + 1;
  }
}

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
