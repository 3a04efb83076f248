// Steady arrivals (engine/discovery/steady-arrivals.ts): the profile's hours made sharp, worked out
// by hand; arrivals on a schedule found steady at the log's volume; a Poisson stream, too few gaps,
// or a profile the calendar cannot carry, not.
import { describe, expect, test } from 'vitest';
import { MAX_MISPLACED, misplaced, periodsOf, sharpHours, steadyArrivals } from '../../engine/discovery/steady-arrivals.js';
import { WorkCalendar } from '../../engine/sim/calendar.js';

const weekdays = [1, 1, 1, 1, 1, 0, 0];
/** hours 08-15 at the peak, 07 at a quarter, 16 at half */
const office = Array.from({ length: 24 }, (_, h) => (h >= 8 && h <= 15 ? 1 : h === 7 ? 0.25 : h === 16 ? 0.5 : 0));

/** Every `gap` hours from 08:00 to 16:00 on weekdays, for `weeks` weeks (hours from Monday 00:00). */
function schedule(gap: number, weeks: number): number[] {
  const out: number[] = [];
  for (let w = 0; w < weeks; w++) for (let d = 0; d < 5; d++) for (let t = 8; t < 16 - 1e-9; t += gap) out.push(168 * w + 24 * d + t);
  return out;
}

describe('the sharp calendar of a profile', () => {
  test('a run of hours opens its first hour for the last share of it and its last hour for the first', () => {
    // 07:45 (0.25 of hour 7, at its end) to 16:30 (0.5 of hour 16, at its start)
    expect(sharpHours(weekdays, office)).toEqual({ days: [0, 1, 2, 3, 4], hours: [[7.75, 16.5]] });
  });

  test('a run through midnight has no edge there: a night shift keeps its hours, a full day with its quiet edges at midnight is every hour', () => {
    const night = Array.from({ length: 24 }, (_, h) => (h >= 22 || h === 0 ? 0.5 : h < 5 ? 1 : h === 5 ? 0.25 : 0));
    // 22:30 to midnight, and midnight to 05:15: the calendar joins them (before: 23:30-00:30 closed, the half-busy hours either side of midnight taken for edges)
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], night)).toEqual({
      days: [0, 1, 2, 3, 4, 5, 6],
      hours: [
        [0, 5.25],
        [22.5, 24],
      ],
    });
    const allDay = Array.from({ length: 24 }, (_, h) => (h === 0 || h === 23 ? 0.5 : 1));
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], allDay)).toBeNull();
  });

  test('a lone hour opens from its start for its share; every hour of every day is no calendar', () => {
    const lone = Array.from({ length: 24 }, (_, h) => (h === 12 ? 0.5 : 0));
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], lone)).toEqual({ days: [0, 1, 2, 3, 4, 5, 6], hours: [[12, 12.5]] });
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], new Array(24).fill(1))).toBeNull();
  });

  test('misplaced: 0 for a 0/1 profile; for nights at a tenth of the days, the share the calendar moves', () => {
    const sharp = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0));
    expect(misplaced(weekdays, sharp, periodsOf(sharpHours(weekdays, sharp)!))).toBeCloseTo(0, 12);
    // days 1 for 8 hours, nights 0.1 for 16: the profile puts 8 / 9.6 of each day's cases in the day, an all-day calendar 1/3
    const nights = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0.1));
    expect(misplaced(weekdays, nights, [{ start: 0, end: 168 }])).toBeGreaterThan(MAX_MISPLACED);
    const week = Array.from({ length: 168 }, (_, h) => weekdays[Math.floor(h / 24)] * nights[h % 24]);
    const total = week.reduce((a, b) => a + b, 0);
    const expected = week.reduce((s, f) => s + Math.abs(f / total - 1 / 168), 0) / 2;
    expect(misplaced(weekdays, nights, [{ start: 0, end: 168 }])).toBeCloseTo(expected, 12);
  });
});

describe('steady arrivals', () => {
  const sharp = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0));

  test('a case every 30 minutes of office hours: c² 0, and the mean gap brings the count over the window', () => {
    const times = schedule(0.5, 4);
    const found = steadyArrivals(times, times[0], times[times.length - 1], weekdays, sharp)!;
    expect(found.scv).toBe(0);
    expect(found.calendar).toEqual({ days: [0, 1, 2, 3, 4], hours: [[8, 16]] });
    // within a day 15 gaps of 0.5 h; the window holds 4 weeks of 40 open hours, less the last day's last half hour
    expect(found.gaps).toBe(20 * 15);
    expect(found.meanGap).toBeCloseTo((160 - 0.5) / times.length, 12);
    // it starts one mean gap of open time before the first case (Monday 08:00): on the Friday before, that long before 16:00
    expect(found.startsAt).toBeCloseTo(-168 + 4 * 24 + 16 - found.meanGap, 9);
  });

  test('too few gaps, a Poisson stream, or a profile the calendar cannot carry: none', () => {
    const few = schedule(0.5, 1).slice(0, 20);
    expect(steadyArrivals(few, few[0], few[few.length - 1], weekdays, sharp)).toBeNull();
    // exponential gaps (a fixed sequence of uniforms), in open time
    let x = 0.3;
    const poisson: number[] = [];
    const open = new WorkCalendar(periodsOf(sharpHours(weekdays, sharp)!));
    for (let t = 0; poisson.length < 2000; ) {
      x = (x * 9301 + 49297) % 233280;
      t = open.addWorkingTime(t, -0.25 * Math.log((x + 0.5) / 233280));
      poisson.push(t);
    }
    expect(steadyArrivals(poisson, poisson[0], poisson[poisson.length - 1], weekdays, sharp)).toBeNull();
    const times = schedule(0.5, 4);
    const nights = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0.1));
    expect(steadyArrivals(times, times[0], times[times.length - 1], weekdays, nights)).toBeNull();
    // a day at half the others' rate: a calendar would give it their volume
    expect(steadyArrivals(times, times[0], times[times.length - 1], [1, 1, 1, 1, 0.5, 0, 0], sharp)).toBeNull();
  });

  test('a sparse Poisson stream (a case a working day) is not steady, though its gaps within days have c² below 0.5', () => {
    // within a day of m cases the gaps' c² is about m / (m + 2): the normal test alone took this one (c² 0.49 over 99 gaps)
    let x = 8;
    const open = new WorkCalendar(periodsOf(sharpHours(weekdays, sharp)!));
    const times: number[] = [];
    for (let t = 0; times.length < 260; ) {
      x = (x * 9301 + 49297) % 233280;
      t = open.addWorkingTime(t, -8 * Math.log((x + 0.5) / 233280));
      times.push(t);
    }
    const gaps = times
      .slice(1)
      .flatMap((b, i) => (open.isWorking(times[i]) && b - times[i] - open.workingBetween(times[i], b) < 1e-9 ? [b - times[i]] : []));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const scv = gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1) / mean ** 2;
    expect(scv).toBeLessThan(Math.min(0.5, 1 - (2.3263 * 2) / Math.sqrt(gaps.length)));
    expect(steadyArrivals(times, times[0], times[times.length - 1], weekdays, sharp)).toBeNull();
  });
});
