// An SLA in working days of a calendar (scenario types.ts, WorkingDaysSla): the deadline of a
// case (or a milestone) that began at a time is the close of the N-th working day after the day
// it began on. Invariant: days are the clock's (day k is [24k, 24k + 24), time 0 a Monday
// 00:00, as every calendar's week); a working day is a day of the week with open hours, its
// close the end of its last open hours that day (a period running past midnight closes the day
// at 24:00); the day a case began on never counts, whether it began before, in or after its hours.
import type { WeeklyPeriod } from '../scenario/types.js';
import { HOURS_PER_WEEK } from '../week.js';
import { CLOCK } from './clock-rounding.js';

export class WorkingDays {
  /** per day of the week (0: Monday), hours from the day's start to its close; NaN: no open hours that day */
  private readonly closes: Float64Array;
  /** whether any day has open hours (calendar-spec.ts refuses a calendar without, so always in practice) */
  private readonly anyOpen: boolean;

  constructor(
    periods: readonly WeeklyPeriod[],
    /** N, 1 or more */
    readonly days: number,
  ) {
    this.closes = new Float64Array(7).fill(Number.NaN);
    for (let d = 0; d < 7; d++) {
      const from = d * 24;
      const to = from + 24;
      // a period may run past Sunday midnight (end > 168): its part in the next week's first hours, folded back
      for (const shift of [0, -HOURS_PER_WEEK]) {
        for (const p of periods) {
          const start = Math.max(p.start + shift, from);
          const end = Math.min(p.end + shift, to);
          if (end > start && !(end - from <= this.closes[d])) this.closes[d] = end - from;
        }
      }
    }
    this.anyOpen = !this.closes.every(Number.isNaN);
  }

  /** The deadline of a case that began at `start`: the close of the N-th working day after start's day. */
  deadline(start: number): number {
    if (!this.anyOpen) return Number.NEGATIVE_INFINITY; // no open day: never met; once per completion, so decided once
    let day = Math.floor(start / 24);
    for (let counted = 0; ; ) {
      day++;
      const close = this.closes[day - Math.floor(day / 7) * 7];
      if (!Number.isNaN(close) && ++counted === this.days) return day * 24 + close;
    }
  }

  /** Whether a case that began at `start` and ended at `end` met the SLA: it ended by the deadline, up to the clock's rounding. */
  met(start: number, end: number): boolean {
    return end <= this.deadline(start) + end * CLOCK.rounding; // clock-rounding.ts: a case ended 17:00 by a sum of durations may read 17.000000000000004
  }
}
