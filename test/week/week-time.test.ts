// The one formatter pair of an instant of the week (engine/week-time.ts): size's short form
// (sizing.ts' per-shift messages, closed-arrivals.ts' closed hours) and the warnings' long form.
// sizing.ts' own read an instant seconds before midnight as "24:00" of its day (23.9999 h: "mon
// 24:00"); now the next day's 00:00.
import { expect, test } from 'vitest';
import { weekMoment, weekTime } from '../../engine/week-time.js';

test('an instant as its weekday and time, rounded to the minute before the day is taken', () => {
  expect(weekTime(0)).toBe('mon 00:00');
  expect(weekTime(35.5)).toBe('tue 11:30');
  expect(weekTime(24 * 5 + 13)).toBe('sat 13:00');
  expect(weekTime(23.9999)).toBe('tue 00:00');
  expect(weekTime(168 - 0.0001)).toBe('mon 00:00');
  expect(weekTime(168 + 9.25)).toBe('mon 09:15'); // any week
  expect(weekTime(-0.5)).toBe('sun 23:30'); // before time 0 too
});

test("the warnings' long form: the day's name, the time, and the week from the second on, of one rounded instant", () => {
  expect(weekMoment(0)).toBe('Monday 00:00');
  expect(weekMoment(24 * 2 + 12)).toBe('Wednesday 12:00');
  expect(weekMoment(168 + 12)).toBe('Monday 12:00 of week 2');
  expect(weekMoment(2 * 168 - 2 / 3600)).toBe('Monday 00:00 of week 3'); // 2 s short of week 3: its start, not week 2's
});
