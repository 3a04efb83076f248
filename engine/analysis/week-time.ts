// An instant of the run as size names it in its messages: its weekday as a scenario writes one
// (scenario/types.ts WEEKDAYS) and its time of day, time 0 being a Monday 00:00 ("sat 13:00").
// One formatter for sizing.ts' per-shift intervals and closed-arrivals.ts' closed hours, which
// each kept its own until session 63's review.
// Invariant: rounded to the minute before the day is taken, so an instant seconds before midnight
// reads as the next day's 00:00, never "24:00" of its own.
import { WEEKDAYS } from '../scenario/types.js';
import { HOURS_PER_WEEK } from '../week.js';

/** Hours from a Monday 00:00, any week (before time 0 too), as a weekday and time: 35.5 -> "tue 11:30". */
export function weekTime(t: number): string {
  const minutes = Math.round((t - Math.floor(t / HOURS_PER_WEEK) * HOURS_PER_WEEK) * 60) % (HOURS_PER_WEEK * 60);
  const day = Math.floor(minutes / 1440);
  const inDay = minutes - day * 1440;
  return `${WEEKDAYS[day]} ${String(Math.floor(inDay / 60)).padStart(2, '0')}:${String(inDay % 60).padStart(2, '0')}`;
}
