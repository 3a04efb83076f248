// An instant of the run named by its place in the week, time 0 being a Monday 00:00
// (engine/scenario/run-start.ts): the short form of size's messages, sizing.ts' per-shift
// intervals and closed-arrivals.ts' closed hours ("sat 13:00"), and the long form of the results'
// warnings ("Saturday 13:00 of week 2"). One place, so that both read an instant alike; until
// session 63's read-over sizing.ts, closed-arrivals.ts and warnings.ts each kept their own.
// Invariant: rounded to the minute before the week and the day are taken, so an instant seconds
// before midnight (or a week's end) reads as the next day's (week's) 00:00, never "24:00" of its own.
import { WEEKDAYS } from './scenario/types.js';
import { HOURS_PER_WEEK } from './week.js';

const MINUTES_PER_DAY = 24 * 60;
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Hours from time 0, any week (before time 0 too), as a weekday and time: 35.5 -> "tue 11:30". */
export function weekTime(t: number): string {
  const { day, clock } = placeInWeek(t);
  return `${WEEKDAYS[day]} ${clock}`;
}

/** Hours from time 0 as a day of the week, time, and the week from the second on: 180 -> "Monday 12:00 of week 2". */
export function weekMoment(t: number): string {
  const { week, day, clock } = placeInWeek(t);
  return `${DAY_NAMES[day]} ${clock}${week >= 1 ? ` of week ${week + 1}` : ''}`;
}

/** The week (0 the first), the day in it (0 Monday) and the time of day ("09:15") of `t` rounded to the minute. */
function placeInWeek(t: number): { week: number; day: number; clock: string } {
  const minutes = Math.round(t * 60);
  const week = Math.floor(minutes / (HOURS_PER_WEEK * 60));
  const inWeek = minutes - week * HOURS_PER_WEEK * 60;
  const inDay = inWeek % MINUTES_PER_DAY;
  const clock = `${String(Math.floor(inDay / 60)).padStart(2, '0')}:${String(inDay % 60).padStart(2, '0')}`;
  return { week, day: Math.floor(inWeek / MINUTES_PER_DAY), clock };
}
