// An arrival stream's hours of the week as 168 hourly factors of its rate: a weekly profile's
// (the simulation thins a Poisson stream by them), or a calendar's open share of each hour (its
// gaps elapse in those hours alone). Offered load sums them into arrivals per week, and the
// arrivals' variability weighs streams by them. A batch (isBatch) has no rate: its cases come
// at one instant, and offered load spreads them over the horizon instead.
import { hasZeroMean } from '../scenario/distribution.js';
import type { ArrivalProfile, ArrivalSpec, CalendarSpec, WeeklyPeriod } from '../scenario/types.js';
import { HOURS_PER_WEEK } from '../week.js';

/**
 * A batch: a stream with `cases` whose interarrival is always 0 (validate-arrivals.ts refuses
 * one without `cases`), bringing its N cases all at once at its `after`. It has no rate to
 * divide by: what reads one counts its N cases over the horizon instead.
 */
export function isBatch(a: ArrivalSpec): boolean {
  return a.cases !== undefined && hasZeroMean(a.interarrival);
}

/**
 * A batch's cases per hour spread over a run of `horizon` hours: its N, which all come at its
 * `after` (earlier than the horizon: validate-arrivals.ts), over the horizon, as a stream with
 * `cases` counts (offered-load.ts).
 */
export function batchRate(a: ArrivalSpec, horizon: number): number {
  return (a.after ?? 0) < horizon && horizon > 0 ? (a.cases ?? 0) / horizon : 0;
}

/** One factor per hour of the week, Monday 00:00 first: factor = days[weekday] * hours[hour of day]. */
export function weeklyFactors(p: ArrivalProfile): number[] {
  const out: number[] = [];
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) out.push(p.days[d] * p.hours[h]);
  return out;
}

/**
 * The stream's rate in each hour of the week against its interarrival's 1/mean: its profile's
 * factors, or its calendar's open share of each hour (a renewal stream paused while closed brings,
 * over a long run, 1/mean cases per open hour); null when it comes at one rate at every hour.
 */
export function streamFactors(a: ArrivalSpec, calendars: readonly CalendarSpec[]): number[] | null {
  if (a.profile) return weeklyFactors(a.profile);
  if (!a.calendar) return null;
  const spec = calendars.find((c) => c.name === a.calendar);
  if (!spec) return null;
  return openShares(spec.periods);
}

const MINUTES = HOURS_PER_WEEK * 60;

/**
 * The share of each hour of the week inside some period (overlapping periods count once; discovery's
 * steady arrivals compare a profile with it too). By the
 * minute, which is exact for a scenario's calendars (their hours are HH:MM); not by sim/calendar.ts'
 * WorkCalendar, so that `validate`, which computes offered load, loads no simulation module.
 */
export function openShares(periods: readonly WeeklyPeriod[]): number[] {
  const open = new Uint8Array(MINUTES);
  for (const { start, end } of periods) {
    const from = Math.round(start * 60);
    const to = Math.min(Math.round(end * 60), from + MINUTES);
    for (let m = from; m < to; m++) open[m % MINUTES] = 1;
  }
  return Array.from({ length: HOURS_PER_WEEK }, (_, h) => {
    let minutes = 0;
    for (let m = h * 60; m < h * 60 + 60; m++) minutes += open[m];
    return minutes / 60;
  });
}
