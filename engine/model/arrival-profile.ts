// An arrival stream's hours of the week as 168 hourly factors of its rate: a weekly profile's
// (the simulation thins a Poisson stream by them), or a calendar's open share of each hour (its
// gaps elapse in those hours alone). Offered load sums them into arrivals per week, and the
// arrivals' variability weighs streams by them.
import { WorkCalendar } from '../sim/calendar.js';
import type { ArrivalProfile, ArrivalSpec, CalendarSpec } from '../scenario/types.js';

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
  const hours = new WorkCalendar(spec.periods);
  return Array.from({ length: 168 }, (_, h) => hours.workingBetween(h, h + 1));
}
