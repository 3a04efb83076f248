// size's one formatter of an instant of the week (engine/analysis/week-time.ts): sizing.ts' per-shift
// messages and closed-arrivals.ts' closed hours. sizing.ts' own read an instant seconds before
// midnight as "24:00" of its day (23.9999 h: "mon 24:00"); now the next day's 00:00.
import { expect, test } from 'vitest';
import { weekTime } from '../../engine/analysis/week-time.js';

test('an instant as its weekday and time, rounded to the minute before the day is taken', () => {
  expect(weekTime(0)).toBe('mon 00:00');
  expect(weekTime(35.5)).toBe('tue 11:30');
  expect(weekTime(24 * 5 + 13)).toBe('sat 13:00');
  expect(weekTime(23.9999)).toBe('tue 00:00');
  expect(weekTime(168 - 0.0001)).toBe('mon 00:00');
  expect(weekTime(168 + 9.25)).toBe('mon 09:15'); // any week
  expect(weekTime(-0.5)).toBe('sun 23:30'); // before time 0 too
});
