// Working-time arithmetic for teams that work only inside weekly periods. Time is in hours
// from Monday 00:00 of week 0, and the week repeats forever in both directions, so a Sunday
// night shift also covers the early hours of week 0. Every query splits a time into whole
// weeks plus an offset and binary-searches one week's periods: no loop over weeks, no
// allocation, since the simulation loop calls these for every task on a calendar.

import type { WeeklyPeriod } from '../model/model.js';
import { HOURS_PER_WEEK } from '../week.js';

/** Work that finishes this close to a period's end finishes at that end, so rounding noise in
 *  a sum of durations never carries a task over to the next shift. */
const END_SNAP = 1e-9;

/** A half-open interval [start, end) of hours within one week. */
type Interval = [start: number, end: number];

export class WorkCalendar {
  static readonly ALWAYS = new WorkCalendar([{ start: 0, end: HOURS_PER_WEEK }]);

  readonly alwaysOn: boolean;
  readonly hoursPerWeek: number;

  // One week's merged periods, sorted: starts[i] < ends[i] < starts[i + 1], all in [0, 168].
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  // Working hours of the week before period i begins, and once it has ended.
  private readonly workBefore: Float64Array;
  private readonly workAtEnd: Float64Array;
  // Offsets where work resumes after a break. A period at Monday 00:00 that continues a
  // Sunday period ending at midnight is no break, so it is not among them.
  private readonly resumptions: Float64Array;

  /** Periods as written (may overlap, touch, or wrap past 168): normalised into sorted, merged, non-overlapping
   *  periods within one week, wrapping ones split at 168; touching ones merged (07-12 + 12-17 = 07-17). */
  constructor(periods: readonly WeeklyPeriod[]) {
    const merged = mergedWeekIntervals(periods);
    const n = merged.length;
    this.starts = new Float64Array(n);
    this.ends = new Float64Array(n);
    this.workBefore = new Float64Array(n);
    this.workAtEnd = new Float64Array(n);
    let worked = 0;
    merged.forEach(([start, end], i) => {
      this.starts[i] = start;
      this.ends[i] = end;
      this.workBefore[i] = worked;
      worked += end - start;
      this.workAtEnd[i] = worked;
    });
    this.hoursPerWeek = worked;
    this.alwaysOn = n === 1 && merged[0][0] === 0 && merged[0][1] === HOURS_PER_WEEK;
    const continuesSunday = n > 0 && merged[0][0] === 0 && merged[n - 1][1] === HOURS_PER_WEEK;
    this.resumptions = this.starts.slice(continuesSunday ? 1 : 0);
  }

  // Each query the loop makes is an always-on fast path with the shift arithmetic apart (hot path: CONTRIBUTING.md, rule 3).

  /** Inside a working period: periods are half-open [start, end). */
  isWorking(t: number): boolean {
    return this.alwaysOn || this.isInShift(t);
  }

  /** Working hours in [a, b] (0 when b <= a). */
  workingBetween(a: number, b: number): number {
    return this.alwaysOn ? (b > a ? b - a : 0) : this.shiftHoursBetween(a, b);
  }

  /** The earliest T >= t such that workingBetween(t, T) = d (d >= 0). d = 0 returns t.
   *  Work started off shift begins at the next working instant. Infinity when never working and d > 0. */
  addWorkingTime(t: number, d: number): number {
    return this.alwaysOn ? t + d : this.shiftTimeAfter(t, d);
  }

  /**
   * The closed stretches that work done from `a` to `b` (b = addWorkingTime(a, d)) spans:
   * [from, to, ...] in hours, in order, the first at `a` when `a` is closed. Event logs only: a
   * calendar team's task (or an automated task on a calendar) pauses there, and the logs say so
   * as a roster's pause (engine/interchange/log-events.ts); never called by the loop.
   */
  closedBetween(a: number, b: number): number[] {
    const closed: number[] = [];
    if (this.alwaysOn || this.starts.length === 0) return closed;
    let t = a;
    while (t < b) {
      if (!this.isInShift(t)) {
        const next = this.nextPeriodStart(t);
        if (!(next < b)) break;
        closed.push(t, next);
        t = next;
      }
      t = this.stretchEnd(t);
    }
    return closed;
  }

  /** The end of the working stretch that holds t (t in a shift): its period's end, or a week on from a Sunday period that Monday 00:00 continues. */
  private stretchEnd(t: number): number {
    const w = weekOf(t);
    const i = firstAfter(this.starts, t - w * HOURS_PER_WEEK) - 1;
    const wraps = this.ends[i] === HOURS_PER_WEEK && this.starts[0] === 0;
    return wraps ? (w + 1) * HOURS_PER_WEEK + this.ends[0] : w * HOURS_PER_WEEK + this.ends[i];
  }

  private isInShift(t: number): boolean {
    const r = t - weekOf(t) * HOURS_PER_WEEK;
    const i = firstAfter(this.starts, r) - 1;
    return i >= 0 && r < this.ends[i];
  }

  /** The first period start strictly after t (Infinity when never working, or when alwaysOn). */
  nextPeriodStart(t: number): number {
    const m = this.resumptions.length;
    if (m === 0) return Infinity;
    const w = weekOf(t);
    const j = firstAfter(this.resumptions, t - w * HOURS_PER_WEEK);
    return j < m ? w * HOURS_PER_WEEK + this.resumptions[j] : (w + 1) * HOURS_PER_WEEK + this.resumptions[0];
  }

  private shiftHoursBetween(a: number, b: number): number {
    if (b <= a) return 0;
    // Subtracting week-relative amounts keeps the operands small, hence the rounding error.
    const wa = weekOf(a);
    const wb = weekOf(b);
    return (wb - wa) * this.hoursPerWeek + this.workWithinWeek(b - wb * HOURS_PER_WEEK) - this.workWithinWeek(a - wa * HOURS_PER_WEEK);
  }

  private shiftTimeAfter(t: number, d: number): number {
    if (d === 0) return t;
    const perWeek = this.hoursPerWeek;
    if (perWeek === 0) return Infinity;
    const w = weekOf(t);
    const done = this.workWithinWeek(t - w * HOURS_PER_WEEK);
    const target = done + d; // working hours since the start of week w when the work is done

    // Find the period the work finishes in: the first whose end reaches the target, give or
    // take END_SNAP, but never one that ends at or before t (which a tiny d could reach).
    let k: number; // whole weeks after week w
    let j: number;
    if (d > END_SNAP) {
      const reach = target - END_SNAP;
      k = Math.floor(reach / perWeek);
      // Rounding may leave this a hair outside [0, perWeek]: below 0 it picks week k's first
      // period, right within END_SNAP; above perWeek, the wrap below moves on a week.
      j = firstAtOrAfter(this.workAtEnd, reach - k * perWeek);
    } else {
      k = 0;
      j = firstAfter(this.workAtEnd, done);
    }
    if (j === this.starts.length) {
      k += 1;
      j = 0;
    }

    const weekStart = (w + k) * HOURS_PER_WEEK;
    const left = target - k * perWeek;
    if (this.workAtEnd[j] - left <= END_SNAP) return weekStart + this.ends[j];
    return weekStart + this.starts[j] + (left - this.workBefore[j]);
  }

  /** Working hours from Monday 00:00 to offset r of the same week, r in [0, 168]. */
  private workWithinWeek(r: number): number {
    const i = firstAfter(this.starts, r) - 1;
    if (i < 0) return 0;
    return r >= this.ends[i] ? this.workAtEnd[i] : this.workBefore[i] + (r - this.starts[i]);
  }
}

/**
 * Per calendar, 1 when it is around the clock: the loop tests this flag and does working time as
 * plain arithmetic, as `WorkCalendar`'s own fast path does (hot path: CONTRIBUTING.md, rule 3).
 * The one table of it per replication: the simulation builds it, the recorder reads the same.
 */
export function alwaysOnFlags(calendars: readonly WorkCalendar[]): Uint8Array {
  return Uint8Array.from(calendars, (c) => (c.alwaysOn ? 1 : 0));
}

/** Splits wrapping periods at the week's end, then sorts and merges overlapping or touching ones. */
function mergedWeekIntervals(periods: readonly WeeklyPeriod[]): Interval[] {
  const pieces: Interval[] = [];
  for (const { start, end } of periods) {
    if (!(start >= 0 && start < HOURS_PER_WEEK && end > start)) {
      throw new RangeError(`invalid weekly period [${start}, ${end}): need 0 <= start < 168 and end > start`);
    }
    if (end - start >= HOURS_PER_WEEK) pieces.push([0, HOURS_PER_WEEK]);
    else if (end <= HOURS_PER_WEEK) pieces.push([start, end]);
    else pieces.push([start, HOURS_PER_WEEK], [0, end - HOURS_PER_WEEK]);
  }
  pieces.sort((p, q) => p[0] - q[0]);
  const merged: Interval[] = [];
  for (const [start, end] of pieces) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** The week holding t >= 0, so that t - week * 168 is in [0, 168), exactly: t / 168 never
 *  rounds up to an integer k from below, as that takes 168k - t < 84 ulp(k) while
 *  168k - t >= ulp(t) >= 128 ulp(k). */
function weekOf(t: number): number {
  return Math.floor(t / HOURS_PER_WEEK);
}

/** Index of the first element > x in a sorted array (its length when there is none). */
function firstAfter(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first element >= x in a sorted array (its length when there is none). */
function firstAtOrAfter(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] >= x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
