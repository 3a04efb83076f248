// An arrival profile as the week's 168 hourly factors of the Poisson rate: the simulation
// thins arrivals by them and offered load sums them into arrivals per week.
import type { ArrivalProfile } from '../scenario/types.js';

/** One factor per hour of the week, Monday 00:00 first: factor = days[weekday] * hours[hour of day]. */
export function weeklyFactors(p: ArrivalProfile): number[] {
  const out: number[] = [];
  for (let d = 0; d < 7; d++) for (let h = 0; h < 24; h++) out.push(p.days[d] * p.hours[h]);
  return out;
}
