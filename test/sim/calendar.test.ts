import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { alwaysOnFlags, WorkCalendar } from '../../engine/sim/calendar.js';
import type { WeeklyPeriod } from '../../engine/scenario/types.js';

/** The instant work can start: now if on shift, else the next shift's start (what the simulator relies on). */
const nextWorking = (calendar: WorkCalendar, t: number) => (calendar.isWorking(t) ? t : calendar.nextPeriodStart(t));

// Hours from Monday 00:00 of week 0.
const DAY = 24;
const WEEK = 168;
const MON = 0;
const TUE = DAY;
const WED = 2 * DAY;
const FRI = 4 * DAY;
const SAT = 5 * DAY;
const SUN = 6 * DAY;

/** The same hours on each of the given days, as the scenario loader writes them. */
function daily(days: number[], from: number, to: number): WeeklyPeriod[] {
  return days.map((day) => ({ start: day + from, end: day + to }));
}

const WEEKDAYS = [MON, TUE, WED, 3 * DAY, FRI];
const MON_TO_SAT = [...WEEKDAYS, SAT];

/** Mon-Fri 08:00-18:00: 50 h a week. */
const business = new WorkCalendar(daily(WEEKDAYS, 8, 18));
/** Mon-Sat 07:00-12:00 and 13:00-17:00: 9 h a day, 54 h a week. */
const split = new WorkCalendar([...daily(MON_TO_SAT, 7, 12), ...daily(MON_TO_SAT, 13, 17)]);
/** Sunday 22:00 to Monday 06:00 (written with end 174, past the week's end): 8 h a week. */
const nightShift = new WorkCalendar([{ start: SUN + 22, end: SUN + 30 }]);

describe('business hours Mon-Fri 08:00-18:00', () => {
  it('works 50 hours a week and is not always on', () => {
    expect(business.hoursPerWeek).toBe(50);
    expect(business.alwaysOn).toBe(false);
  });

  it('pauses a task at 18:00 and resumes it at 08:00 the next day', () => {
    // Monday 16:00-18:00 is 2 h, Tuesday 08:00-09:00 the third.
    expect(business.addWorkingTime(MON + 16, 3)).toBe(TUE + 9);
  });

  it('carries a task over the weekend', () => {
    // Friday 17:00-18:00: 1 h (1). Next Monday 08:00-18:00: 10 h (11). Next Tuesday: 10 h (21).
    // Next Wednesday 08:00-12:00: 4 h (25).
    expect(business.addWorkingTime(FRI + 17, 25)).toBe(WEEK + WED + 12);
  });

  it('starts work arriving off shift at the next working instant', () => {
    // Saturday 10:00: nothing until next Monday 08:00, then 2 h.
    expect(business.addWorkingTime(SAT + 10, 2)).toBe(WEEK + MON + 10);
    expect(business.addWorkingTime(MON + 3, 1)).toBe(MON + 9);
  });

  it('ends work that finishes exactly at 18:00 at 18:00, not at the next start', () => {
    expect(business.addWorkingTime(MON + 16, 2)).toBe(MON + 18);
    expect(business.addWorkingTime(MON + 8, 10)).toBe(MON + 18);
    // The whole week's 50 h from Monday 08:00 end on Friday 18:00, not the Monday after.
    expect(business.addWorkingTime(MON + 8, 50)).toBe(FRI + 18);
    // 16.1 + 1.9 carries rounding noise; within 1e-9 of the end it still ends at 18:00.
    expect(business.addWorkingTime(16.1, 1.9)).toBe(18);
    expect(business.addWorkingTime(MON + 8, 10 - 1e-12)).toBe(MON + 18);
    expect(business.addWorkingTime(MON + 8, 10 + 1e-12)).toBe(MON + 18);
  });

  it('returns t for no work, even off shift', () => {
    expect(business.addWorkingTime(SAT + 10, 0)).toBe(SAT + 10);
  });

  it('counts working time between two instants across a weekend', () => {
    // Friday 12:00-18:00: 6 h; Monday 08:00-12:00: 4 h.
    expect(business.workingBetween(FRI + 12, WEEK + MON + 12)).toBe(10);
    expect(business.workingBetween(SAT, WEEK + MON + 8)).toBe(0);
    expect(business.workingBetween(MON + 12, MON + 10)).toBe(0);
  });

  it('counts working time from time 0 over three weeks', () => {
    expect(business.workingBetween(0, 0)).toBe(0);
    expect(business.workingBetween(0, MON + 12)).toBe(4);
    expect(business.workingBetween(0, 3 * WEEK)).toBe(150);
    // Two full weeks (100), then Monday 10 h and Tuesday 08:00-12:00 4 h.
    expect(business.workingBetween(0, 2 * WEEK + TUE + 12)).toBe(114);
  });

  it('knows when it is working: a period includes its start, not its end', () => {
    expect(business.isWorking(MON + 8)).toBe(true);
    expect(business.isWorking(MON + 12)).toBe(true);
    expect(business.isWorking(MON + 18)).toBe(false);
    expect(business.isWorking(MON + 7.5)).toBe(false);
    expect(business.isWorking(SUN + 12)).toBe(false);
    expect(business.isWorking(10 * WEEK + TUE + 9)).toBe(true);
  });

  it('finds the next working instant on and off shift', () => {
    expect(nextWorking(business, MON + 10)).toBe(MON + 10);
    expect(nextWorking(business, MON + 8)).toBe(MON + 8);
    expect(nextWorking(business, MON + 18)).toBe(TUE + 8);
    expect(nextWorking(business, MON + 3)).toBe(MON + 8);
    expect(nextWorking(business, FRI + 20)).toBe(WEEK + MON + 8);
  });

  it('finds the next period start strictly after t', () => {
    expect(business.nextPeriodStart(MON + 7)).toBe(MON + 8);
    expect(business.nextPeriodStart(MON + 8)).toBe(TUE + 8);
    expect(business.nextPeriodStart(MON + 10)).toBe(TUE + 8);
    expect(business.nextPeriodStart(MON + 18)).toBe(TUE + 8);
    expect(business.nextPeriodStart(FRI + 20)).toBe(WEEK + MON + 8);
    expect(business.nextPeriodStart(3 * WEEK + SUN)).toBe(4 * WEEK + MON + 8);
  });
});

describe('split shift Mon-Sat 07:00-12:00 + 13:00-17:00', () => {
  it('works 54 hours a week, with a lunch break', () => {
    expect(split.hoursPerWeek).toBe(54);
    expect(split.workingBetween(0, WEEK)).toBe(54);
    expect(split.isWorking(MON + 11.5)).toBe(true);
    expect(split.isWorking(MON + 12)).toBe(false);
    expect(split.isWorking(MON + 12.5)).toBe(false);
    expect(split.isWorking(MON + 13)).toBe(true);
    expect(split.isWorking(SAT + 14)).toBe(true);
    expect(split.isWorking(SUN + 10)).toBe(false);
  });

  it('pauses work over lunch and over Sunday', () => {
    // 11:00-12:00 is 1 h, then 13:00-15:00.
    expect(split.addWorkingTime(MON + 11, 3)).toBe(MON + 15);
    // Saturday 16:00-17:00 is 1 h, then next Monday 07:00-09:00.
    expect(split.addWorkingTime(SAT + 16, 3)).toBe(WEEK + MON + 9);
    // Work finishing at the lunch break ends at 12:00.
    expect(split.addWorkingTime(MON + 7, 5)).toBe(MON + 12);
    // Two full days from Monday 07:00 end on Tuesday 17:00.
    expect(split.addWorkingTime(MON + 7, 18)).toBe(TUE + 17);
  });

  it('counts working time across the break and the day', () => {
    // Monday 10:00-12:00 (2) + 13:00-17:00 (4) + Tuesday 07:00-08:00 (1).
    expect(split.workingBetween(MON + 10, TUE + 8)).toBe(7);
  });

  it('finds the next period start after the break', () => {
    expect(split.nextPeriodStart(MON + 11)).toBe(MON + 13);
    expect(split.nextPeriodStart(MON + 13)).toBe(TUE + 7);
    expect(split.nextPeriodStart(SAT + 14)).toBe(WEEK + MON + 7);
    expect(nextWorking(split, MON + 12)).toBe(MON + 13);
  });
});

describe('night shift Sunday 22:00 - Monday 06:00', () => {
  it('covers the start of every week, week 0 included, from the previous Sunday night', () => {
    expect(nightShift.hoursPerWeek).toBe(8);
    expect(nightShift.isWorking(2)).toBe(true);
    expect(nightShift.isWorking(WEEK + 1 + 2)).toBe(true);
    expect(nightShift.isWorking(MON + 6)).toBe(false);
    expect(nightShift.isWorking(WEEK + MON + 6)).toBe(false);
    expect(nightShift.isWorking(SUN + 21.5)).toBe(false);
    expect(nightShift.isWorking(SUN + 22)).toBe(true);
    expect(nightShift.isWorking(SUN + 23.9)).toBe(true);
  });

  it('counts the early hours of week 0 as working', () => {
    // Monday 00:00-06:00 (6) + Sunday 22:00-24:00 (2).
    expect(nightShift.workingBetween(0, WEEK)).toBe(8);
    expect(nightShift.workingBetween(0, MON + 4)).toBe(4);
    expect(nightShift.workingBetween(SUN + 22, WEEK + MON + 6)).toBe(8);
    expect(nightShift.workingBetween(SUN + 23, 2 * WEEK + MON + 1)).toBe(1 + 6 + 2 + 1);
  });

  it('runs work through midnight without a pause', () => {
    // Starts Sunday 22:00 after waiting from Monday 10:00; 2 h to midnight, 1 h more.
    expect(nightShift.addWorkingTime(MON + 10, 3)).toBe(WEEK + 1);
    // Sunday 23:00-Monday 06:00 is 7 h; the 8th hour is the next Sunday 22:00-23:00.
    expect(nightShift.addWorkingTime(SUN + 23, 8)).toBe(WEEK + SUN + 23);
    // Work finishing at 06:00 ends at 06:00.
    expect(nightShift.addWorkingTime(MON, 6)).toBe(MON + 6);
    expect(nightShift.addWorkingTime(WEEK + 2, 4)).toBe(WEEK + 6);
  });

  it('places an instant a hair before a week boundary in the week it belongs to', () => {
    const justBefore = 2 * WEEK - 2 ** -44; // the largest double below 336
    expect(nightShift.isWorking(justBefore)).toBe(true);
    expect(nextWorking(nightShift, justBefore)).toBe(justBefore);
    expect(nextWorking(business, justBefore)).toBe(2 * WEEK + MON + 8);
  });

  it('has one period start a week, at Sunday 22:00, not at midnight', () => {
    expect(nightShift.nextPeriodStart(MON)).toBe(SUN + 22);
    expect(nightShift.nextPeriodStart(WEEK + 2)).toBe(WEEK + SUN + 22);
    expect(nightShift.nextPeriodStart(SUN + 23)).toBe(WEEK + SUN + 22);
    expect(nextWorking(nightShift, MON + 10)).toBe(SUN + 22);
    expect(nextWorking(nightShift, WEEK + 3)).toBe(WEEK + 3);
  });

  it('treats a Sunday period ending at midnight and a Monday one from midnight as one shift', () => {
    const weekend = new WorkCalendar([
      { start: SUN + 18, end: SUN + 24 },
      { start: MON, end: MON + 4 },
    ]);
    expect(weekend.hoursPerWeek).toBe(10);
    expect(weekend.nextPeriodStart(MON + 10)).toBe(SUN + 18);
    expect(weekend.nextPeriodStart(SUN + 19)).toBe(WEEK + SUN + 18);
    expect(weekend.addWorkingTime(SUN + 23, 3)).toBe(WEEK + 2);
  });
});

describe('normalising periods as written', () => {
  it('merges touching periods, so the touch point is no period start', () => {
    const touching = new WorkCalendar([
      { start: MON + 7, end: MON + 12 },
      { start: MON + 12, end: MON + 17 },
    ]);
    expect(touching.hoursPerWeek).toBe(10);
    expect(touching.isWorking(MON + 12)).toBe(true);
    expect(touching.nextPeriodStart(MON + 8)).toBe(WEEK + MON + 7);
    expect(touching.addWorkingTime(MON + 10, 3)).toBe(MON + 13);
  });

  it('merges overlapping and repeated periods given in any order', () => {
    const messy = new WorkCalendar([
      { start: TUE + 10, end: TUE + 14 },
      { start: MON + 10, end: MON + 14 },
      { start: MON + 8, end: MON + 12 },
      { start: MON + 8, end: MON + 12 },
    ]);
    // Monday 08:00-14:00 (6) + Tuesday 10:00-14:00 (4).
    expect(messy.hoursPerWeek).toBe(10);
    expect(messy.nextPeriodStart(MON + 9)).toBe(TUE + 10);
    expect(messy.addWorkingTime(MON + 13, 2)).toBe(TUE + 11);
  });

  it('is always on when the periods cover the whole week', () => {
    const everyDay = new WorkCalendar(daily([MON, TUE, WED, 3 * DAY, FRI, SAT, SUN], 0, 24));
    expect(everyDay.alwaysOn).toBe(true);
    expect(everyDay.hoursPerWeek).toBe(WEEK);
    expect(everyDay.nextPeriodStart(5)).toBe(Infinity);
  });

  it("the loop's table of always-on calendars: 1 for ALWAYS and for periods covering the week, 0 otherwise", () => {
    const everyDay = new WorkCalendar(daily([MON, TUE, WED, 3 * DAY, FRI, SAT, SUN], 0, 24));
    const weekdays = new WorkCalendar(daily([MON, TUE, WED, 3 * DAY, FRI], 0, 24));
    expect(Array.from(alwaysOnFlags([WorkCalendar.ALWAYS, weekdays, everyDay, new WorkCalendar([])]))).toEqual([1, 0, 1, 0]);
  });

  it('rejects periods outside the week or empty', () => {
    expect(() => new WorkCalendar([{ start: -1, end: 5 }])).toThrow(RangeError);
    expect(() => new WorkCalendar([{ start: WEEK, end: WEEK + 2 }])).toThrow(RangeError);
    expect(() => new WorkCalendar([{ start: 5, end: 5 }])).toThrow(RangeError);
  });
});

describe('a calendar with no periods', () => {
  const never = new WorkCalendar([]);

  it('never works', () => {
    expect(never.hoursPerWeek).toBe(0);
    expect(never.alwaysOn).toBe(false);
    expect(never.isWorking(10)).toBe(false);
    expect(nextWorking(never, 10)).toBe(Infinity);
    expect(never.nextPeriodStart(10)).toBe(Infinity);
    expect(never.workingBetween(0, 500)).toBe(0);
    expect(never.workingBetween(3, 500)).toBe(0);
    expect(never.addWorkingTime(10, 1)).toBe(Infinity);
    expect(never.addWorkingTime(10, 0)).toBe(10);
  });
});

describe('WorkCalendar.ALWAYS', () => {
  const always = WorkCalendar.ALWAYS;

  it('works around the clock with identity arithmetic, bit for bit', () => {
    expect(always.alwaysOn).toBe(true);
    expect(always.hoursPerWeek).toBe(WEEK);
    expect(always.isWorking(SUN + 23.99)).toBe(true);
    expect(nextWorking(always, 123.456)).toBe(123.456);
    expect(always.nextPeriodStart(0)).toBe(Infinity);
    expect(always.workingBetween(0, 1000.1)).toBe(1000.1);
    expect(always.workingBetween(0.1, 1000.3)).toBe(1000.3 - 0.1);
    expect(always.addWorkingTime(0.1, 0.2)).toBe(0.30000000000000004);
    expect(always.addWorkingTime(1e6 + 0.1, 1e-7)).toBe(1e6 + 0.1 + 1e-7);
  });
});

/** Working hours in [a, b] summed week by week from the periods as written, which must not
 *  overlap: a slow reference that shares nothing with the calendar's arithmetic. */
function referenceWorkingBetween(periods: WeeklyPeriod[], a: number, b: number): number {
  let total = 0;
  // One week earlier than a's, for periods wrapping into a's week.
  for (let week = Math.floor(a / WEEK) - 1; week <= Math.floor(b / WEEK); week++) {
    for (const { start, end } of periods) {
      const from = Math.max(a, week * WEEK + start);
      const to = Math.min(b, week * WEEK + end);
      if (to > from) total += to - from;
    }
  }
  return total;
}

/** Hand-written non-overlapping calendars with their period ends as offsets within the week. */
const propertyCases: { name: string; periods: WeeklyPeriod[]; endOffsets: number[] }[] = [
  { name: 'business hours', periods: daily(WEEKDAYS, 8, 18), endOffsets: WEEKDAYS.map((d) => d + 18) },
  {
    name: 'split shift',
    periods: [...daily(MON_TO_SAT, 7, 12), ...daily(MON_TO_SAT, 13, 17)],
    endOffsets: MON_TO_SAT.flatMap((d) => [d + 12, d + 17]),
  },
  { name: 'night shift', periods: [{ start: SUN + 22, end: SUN + 30 }], endOffsets: [6] },
  {
    name: 'fractional periods',
    periods: [
      { start: 8.25, end: 12.1 },
      { start: 13.7, end: 17.05 },
      { start: WED + 0.3, end: WED + 23.9 },
      { start: SUN + 20.4, end: SUN + 31.6 },
    ],
    endOffsets: [12.1, 17.05, WED + 23.9, 7.6],
  },
];

function isPeriodEnd(endOffsets: number[], t: number): boolean {
  const offset = t - Math.floor(t / WEEK) * WEEK;
  return endOffsets.some((end) => Math.abs(offset - end) < 1e-9);
}

describe.each(propertyCases)('properties on $name', ({ name, periods, endOffsets }) => {
  const calendar = new WorkCalendar(periods);
  const random = seedrandom(`calendar ${name}`);

  it('counts working time like a week-by-week sum of the periods', () => {
    for (let i = 0; i < 2_000; i++) {
      const a = random() * 4 * WEEK;
      const b = a + random() * 3 * WEEK;
      expect(Math.abs(calendar.workingBetween(a, b) - referenceWorkingBetween(periods, a, b))).toBeLessThan(1e-9);
    }
  });

  it('adds working time that workingBetween gives back, ending on shift or at a period end', () => {
    for (let i = 0; i < 10_000; i++) {
      const t = random() * 4 * WEEK;
      // Mostly short tasks, some spanning weeks, some tiny.
      const scale = i % 10 === 0 ? 500 : i % 10 === 1 ? 1e-8 : 20;
      const d = random() * scale;
      const end = calendar.addWorkingTime(t, d);
      expect(end).toBeGreaterThanOrEqual(t);
      expect(Math.abs(calendar.workingBetween(t, end) - d)).toBeLessThanOrEqual(1e-9);
      expect(calendar.isWorking(end) || isPeriodEnd(endOffsets, end)).toBe(true);
      // Earliest: a microsecond-scale step back leaves the work unfinished.
      if (d > 1e-6) expect(calendar.workingBetween(t, end - 1e-6)).toBeLessThan(d);
    }
  });
});
