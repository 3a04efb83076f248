// Arrivals that come at a steady pace, not as a Poisson stream. Discovery models a flow's arrivals
// as a Poisson stream thinned by a weekly profile (arrival-facts.ts), whose gaps within an
// hour of the same rate are exponential: their squared coefficient of variation (c²) is 1, and a
// rate that varies within the hours makes it larger. Cases that a system opens on a schedule
// (every 30 minutes from 07:00) or a clerk keys in one after another come far more regularly; as a
// Poisson stream they bunch, and every team they reach queues far longer than it did (the bundled
// LoanApp log: AML check 0.82 h simulated against 0.12 h in the log).
//
// The test: the gaps between consecutive arrivals inside one open stretch of the profile's hours
// (the stream's calendar, below). Under a Poisson stream their sample c² is about normal with mean
// 1 and variance 4/n for n gaps (the delta method on the exponential's moments: Var(s²) = 8/n,
// Cov(x̄, s²) = 2/n, Var(x̄) = 1/n). The arrivals are steady when n >= MIN_GAPS, c² is below
// MAX_SCV and below 1 by the one-sided 1% test. They are then written as a renewal stream whose
// gaps elapse in the calendar's open hours only (scenario `calendar` on the stream): constant when
// c² is below CONSTANT_SCV, else gamma with that c²; its mean gap is the calendar's open hours from
// the flow's first arrival to the end of the log's arrival window per gap between its arrivals (one
// fewer than they), so the stream, its first case at the log's first, brings the log's volume.
// A break between the log's periods (arrival-breaks.ts) is neither a gap tested nor open time
// the mean gap is measured over: measured through a break, the pace was diluted by it, as the
// rate of a Poisson flow was (two periods of a case every 30 minutes, six weeks apart: 1.6 h).
//
// The calendar is the profile's hours made sharp: the days whose factor is above 0, and each run
// of hours whose factor is above 0, its first and last hour open for their factor's share of the
// hour (at the side facing the run; a run through midnight has no edge there): a factor is the
// hour's rate against the peak's, so an hour at 0.25 had cases at the peak's pace for a quarter of it. A calendar has no half-busy hours: where
// the profile does (cases all day, fewer at night), the steady form would spread them evenly over
// the open hours, so it is taken only when the calendar places the profile's arrivals by hour of
// the week within MAX_MISPLACED of where the profile does (total variation of the two shares).
// PM4Py's interval_event_log (gaps of c² 0.32, nights at a tenth of the days) keeps its profile:
// as a steady stream its arrivals by hour of week were 17.2 h off the log's against 1.3 h.
import seedrandom from 'seedrandom';
import { openShares, weeklyFactors } from '../model/arrival-profile.js';
import type { WeeklyPeriod } from '../scenario/types.js';
import type { ArrivalBreak } from './arrival-breaks.js';
import { WorkCalendar } from '../sim/calendar.js';
import { HOURS_PER_WEEK } from '../week.js';

/** Fewer gaps inside open stretches say nothing about regularity. */
export const MIN_GAPS = 30;
/** The c² below which arrivals count as steady (a Poisson stream's is 1)... */
export const MAX_SCV = 0.5;
/** ... and below which their gaps are written as a constant. */
export const CONSTANT_SCV = 0.01;
/** The share of the profile's arrivals by hour of the week that its sharp calendar may put elsewhere. */
export const MAX_MISPLACED = 0.1;
/**
 * Hours the stream's n - 1 gaps fall short of the window: more than the 0.0001 h `after` is rounded
 * up by, so a log of cases at a constant pace gets its n cases in its window, not n - 1.
 */
export const WINDOW_SLACK = 0.0002;
/** The week as one period: no calendar. */
const EVERY_HOUR: readonly WeeklyPeriod[] = [{ start: 0, end: HOURS_PER_WEEK }];
/** An open day's factor below this (against the busiest day's) keeps the profile. */
export const MIN_DAY_FACTOR = 0.8;
/** Scatterings of the null below (NULL_DRAWS at most for a log of NULL_BUDGET / NULL_DRAWS arrivals, fewer for a larger one). */
const NULL_DRAWS = 200;
const NULL_BUDGET = 2_000_000;
/** The one-sided 1% point of the standard normal. */
const Z_99 = 2.3263;

export interface SteadyArrivals {
  /** the calendar the gaps elapse in: days (0 = Monday) and ranges of the day [from, to) in hours; null: every hour */
  calendar: { days: number[]; hours: [number, number][] } | null;
  /**
   * open hours from the flow's first arrival to the log's last, per gap (arrivals less one), or from
   * the run's start per arrival where that first arrival is less than a gap after it; six digits, rounded down
   */
  meanGap: number;
  /** c² of the gaps inside open stretches, and how many there were */
  scv: number;
  gaps: number;
  /**
   * One mean gap of open time before the first arrival (on `times`' clock): where the stream starts
   * (scenario `after`) so that its first case comes when the log's did, and the days' cases fall
   * where the log's fell against the calendars' opening and closing; the run's start (the Monday
   * 00:00 before the log's first arrival) where that would be earlier.
   */
  startsAt: number;
}

/**
 * The steady form of a flow's arrivals, or null when they are not steady (see the header).
 * `times`: the arrivals in hours from a Monday 00:00, sorted; `from`, `to`: the log's arrival
 * window on the same clock; `days`, `hours`: the profile's factors (a flat one is all 1);
 * `breaks`: the log's breaks between its periods, on the same clock, each from an arrival to the next.
 */
export function steadyArrivals(
  times: readonly number[],
  from: number,
  to: number,
  days: readonly number[],
  hours: readonly number[],
  breaks: readonly ArrivalBreak[] = [],
): SteadyArrivals | null {
  // a calendar gives every open day the same hours: a day at half the others' rate would get their volume
  if (days.some((f) => f > 0 && f < MIN_DAY_FACTOR)) return null;
  const calendar = sharpHours(days, hours);
  const open = calendar === null ? WorkCalendar.ALWAYS : new WorkCalendar(periodsOf(calendar));
  if (misplaced(days, hours, calendar === null ? EVERY_HOUR : periodsOf(calendar)) > MAX_MISPLACED) return null;
  const gaps: number[] = [];
  for (let i = 1; i < times.length; i++) {
    const a = times[i - 1];
    const b = times[i];
    if (breaks.some((x) => a < x.toH && b > x.fromH)) continue; // no arrival falls in a break: this gap holds it
    if (open.isWorking(a) && b - a - open.workingBetween(a, b) < 1e-9) gaps.push(b - a);
  }
  const n = gaps.length;
  if (n < MIN_GAPS) return null;
  const mean = gaps.reduce((s, g) => s + g, 0) / n;
  if (!(mean > 0)) return null; // all at one instant: a burst, not a pace
  const scv = gaps.reduce((s, g) => s + (g - mean) ** 2, 0) / (n - 1) / (mean * mean);
  if (!(scv < MAX_SCV && scv < 1 - (Z_99 * 2) / Math.sqrt(n))) return null;
  if (calendar !== null && !(scv < uniformScvQuantile(times, calendar))) return null;
  // The stream starts one gap before the flow's first case (startsAt), so its cases come at the
  // first arrival and every mean gap after: the n - 1 gaps between the first case and the window's
  // end hold n of them (exposure / n brought n + 1: a log of 300 cases 37 minutes apart got 301).
  // Where that start would be before the run's (a first case less than a gap of open time after
  // the Monday 00:00 the run starts at, scenario-writer.ts), the stream starts with the run and
  // the n gaps from there to the window's end hold the n cases, the first after the log's first.
  // Gaps are written as the scenario writes them (six digits), rounded down, and WINDOW_SLACK
  // short: the stream's last case comes before the log's last even with `after` rounded up.
  const end = Math.max(to, from + 1);
  const runStart = HOURS_PER_WEEK * Math.floor(from / HOURS_PER_WEEK);
  // open hours from `start` to the window's end outside the breaks, and the gaps between arrivals there
  const exposure = (start: number) => {
    let h = open.workingBetween(start, end);
    for (const x of breaks) if (x.toH > start) h -= open.workingBetween(Math.max(start, x.fromH), Math.min(end, x.toH));
    return h - WINDOW_SLACK;
  };
  const spans = breaks.filter((x) => x.fromH >= times[0] && x.toH <= times[times.length - 1]).length;
  let meanGap = floorDigits(exposure(times[0]) / (times.length - 1 - spans), 6);
  let startsAt = openTimeBefore(open, times[0], meanGap);
  if (startsAt < runStart) {
    meanGap = floorDigits(exposure(runStart) / (times.length - spans), 6);
    startsAt = runStart;
  }
  if (!(meanGap > 0)) return null;
  return { calendar, meanGap, scv, gaps: n, startsAt };
}

/** The latest t <= `at` with `gap` open hours between t and `at` (bisection: open time only grows as t moves back). */
function openTimeBefore(open: WorkCalendar, at: number, gap: number): number {
  let lo = at - 2 * HOURS_PER_WEEK; // a week holds at least the open hours of the log's window per arrival: two are more than enough
  if (open.workingBetween(lo, at) < gap) return at - gap;
  let hi = at;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (open.workingBetween(mid, at) >= gap) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The 1% quantile of the gaps' c² were the same arrivals scattered at random within their own open
 * stretches (each day's range of the calendar keeps its count): the null of a Poisson stream given
 * where its cases fell. The normal test above is that null only while stretches hold many arrivals;
 * one that holds m has gaps of c² about m / (m + 2), so a sparse Poisson flow (a case or two a day)
 * passed it one time in ten. Seeded: the same log gives the same answer.
 */
function uniformScvQuantile(times: readonly number[], calendar: NonNullable<SteadyArrivals['calendar']>): number {
  const counts = new Map<number, { length: number; m: number }>();
  for (const t of times) {
    const day = Math.floor(t / 24);
    const r = calendar.hours.findIndex(([a, b]) => t - 24 * day >= a && t - 24 * day <= b);
    if (r < 0) continue;
    const key = day * calendar.hours.length + r;
    const stretch = counts.get(key) ?? { length: calendar.hours[r][1] - calendar.hours[r][0], m: 0 };
    stretch.m++;
    counts.set(key, stretch);
  }
  const stretches = [...counts.values()].filter((x) => x.m >= 2);
  const total = stretches.reduce((sum, x) => sum + x.m, 0);
  const draws = Math.max(100, Math.min(NULL_DRAWS, Math.floor(NULL_BUDGET / Math.max(1, total))));
  const random = seedrandom('etomsim:steady-arrivals');
  const scvs: number[] = [];
  // each stretch's points in an array of its own made once and drawn into again: one made per stretch and draw
  // (Float64Array.from with a map, about a microsecond each) was half the null's time on LoanApp's log (session 61)
  const pointsOf = stretches.map(({ m }) => new Float64Array(m));
  for (let k = 0; k < draws; k++) {
    let count = 0;
    let sum = 0;
    let squares = 0;
    for (let s = 0; s < stretches.length; s++) {
      const { length, m } = stretches[s];
      const points = pointsOf[s];
      for (let i = 0; i < m; i++) points[i] = random() * length;
      points.sort();
      for (let i = 1; i < m; i++) {
        const gap = points[i] - points[i - 1];
        count++;
        sum += gap;
        squares += gap * gap;
      }
    }
    const mean = sum / count;
    scvs.push((squares - sum * mean) / (count - 1) / (mean * mean));
  }
  scvs.sort((a, b) => a - b);
  return scvs[Math.floor(0.01 * draws)];
}

/** The profile's hours as a calendar (header); null when it opens every hour of the week. */
export function sharpHours(days: readonly number[], hours: readonly number[]): SteadyArrivals['calendar'] {
  const openDays = days.flatMap((f, d) => (f > 0 ? [d] : []));
  const ranges: [number, number][] = [];
  for (let h = 0; h < 24; ) {
    if (!(hours[h] > 0)) {
      h++;
      continue;
    }
    let last = h;
    while (last + 1 < 24 && hours[last + 1] > 0) last++;
    // a run through midnight (hours 23 and 0 both above 0) has no edge there: the day's two ranges touch and the calendar joins them
    const fromMidnight = h === 0 && hours[23] > 0;
    const toMidnight = last === 23 && hours[0] > 0;
    const single = last === h && !fromMidnight && !toMidnight;
    const start = single || fromMidnight ? h : h + 1 - Math.min(1, hours[h]);
    const end = single ? h + Math.min(1, hours[h]) : toMidnight ? 24 : last + Math.min(1, hours[last]);
    if (toMinute(end) > toMinute(start)) ranges.push([toMinute(start), toMinute(end)]);
    h = last + 1;
  }
  if (ranges.length === 0 || openDays.length === 0) return null;
  const everyHour = ranges.length === 1 && ranges[0][0] === 0 && ranges[0][1] === 24;
  if (everyHour && openDays.length === 7) return null;
  return { days: openDays, hours: ranges };
}

/** Total variation between the profile's shares of the week's arrivals by hour and the calendar's open shares. */
export function misplaced(days: readonly number[], hours: readonly number[], periods: readonly WeeklyPeriod[]): number {
  const profile = weeklyFactors({ days: [...days], hours: [...hours] });
  const calendar = openShares(periods);
  const p = profile.reduce((a, b) => a + b, 0);
  const q = calendar.reduce((a, b) => a + b, 0);
  if (!(p > 0 && q > 0)) return 1;
  return profile.reduce((sum, f, h) => sum + Math.abs(f / p - calendar[h] / q), 0) / 2;
}

/** The calendar's weekly periods, as calendar-spec.ts lays out `days` and `hours`. */
export function periodsOf(calendar: NonNullable<SteadyArrivals['calendar']>): { start: number; end: number }[] {
  return calendar.days.flatMap((d) => calendar.hours.map(([a, b]) => ({ start: 24 * d + a, end: 24 * d + b })));
}

/** `x` > 0 to `digits` significant digits, rounded down. */
function floorDigits(x: number, digits: number): number {
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(x)));
  return Math.floor(x * scale) / scale;
}

/** Hours rounded to the whole minute, as a calendar's "HH:MM" writes them. */
function toMinute(h: number): number {
  return Math.round(h * 60) / 60;
}
