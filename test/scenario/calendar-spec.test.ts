import { describe, expect, it } from 'vitest';
import { readCalendar } from '../../engine/scenario/calendar-spec.js';
import { Problems } from '../../engine/scenario/problems.js';

function periods(raw: unknown) {
  const problems = new Problems();
  const calendar = readCalendar('c', raw, ['calendars', 'c'], problems);
  if (problems.count > 0) throw new Error(problems.list.map((p) => p.message).join('\n'));
  return calendar!.periods;
}

function problemsOf(raw: unknown) {
  const problems = new Problems();
  expect(readCalendar('c', raw, ['calendars', 'c'], problems)).toBeUndefined();
  return problems.list.map((p) => ({ path: p.path.join('.'), anchor: p.anchor, message: p.message }));
}

describe('calendar periods in hours from Monday 00:00', () => {
  it('gives one period per day for a single range', () => {
    expect(periods({ days: ['mon', 'wed'], hours: '08:00-18:00' })).toEqual([
      { start: 8, end: 18 },
      { start: 48 + 8, end: 48 + 18 },
    ]);
  });

  it('gives one period per (day, range), days outermost, as written', () => {
    expect(periods({ days: ['sat', 'fri'], hours: ['07:00-12:00', '13:30-17:00'] })).toEqual([
      { start: 5 * 24 + 7, end: 5 * 24 + 12 },
      { start: 5 * 24 + 13.5, end: 5 * 24 + 17 },
      { start: 4 * 24 + 7, end: 4 * 24 + 12 },
      { start: 4 * 24 + 13.5, end: 4 * 24 + 17 },
    ]);
  });

  it('lets a range end at 24:00 and cover a whole day', () => {
    expect(periods({ days: ['tue'], hours: '16:00-24:00' })).toEqual([{ start: 24 + 16, end: 48 }]);
    expect(periods({ days: ['sun'], hours: '00:00-24:00' })).toEqual([{ start: 144, end: 168 }]);
  });

  it('runs a night shift past midnight, beyond 168 h on Sunday', () => {
    expect(periods({ days: ['mon', 'sun'], hours: '22:00-06:00' })).toEqual([
      { start: 22, end: 30 },
      { start: 144 + 22, end: 144 + 30 },
    ]);
    expect(periods({ days: ['fri'], hours: '8:15-0:45' })).toEqual([{ start: 96 + 8.25, end: 96 + 24.75 }]);
  });
});

describe('calendar problems', () => {
  it('rejects a range that starts and ends at the same time', () => {
    expect(problemsOf({ days: ['mon'], hours: '08:00-08:00' })).toEqual([
      {
        path: 'calendars.c.hours',
        anchor: 'value',
        message: `'08:00-08:00' starts and ends at the same time; a whole day is "00:00-24:00"`,
      },
    ]);
  });

  it('rejects clock times that do not exist and text that is not a range', () => {
    for (const hours of ['24:00-06:00', '08:60-09:00', '08:00-24:30', '8-18', '08:00 to 18:00']) {
      expect(problemsOf({ days: ['mon'], hours })[0]).toMatchObject({
        path: 'calendars.c.hours',
        message: expect.stringContaining('is not a range of hours; write "HH:MM-HH:MM" like "08:00-18:00"'),
      });
    }
    expect(problemsOf({ days: ['mon'], hours: ['08:00-12:00', 'noon'] })[0].path).toBe('calendars.c.hours.1');
  });

  it('wants a non-empty list of days, each once, suggesting the day meant', () => {
    expect(problemsOf({ days: [], hours: '08:00-18:00' })[0].path).toBe('calendars.c.days');
    expect(problemsOf({ days: ['mon', 'Tuesday', 'mon'], hours: '08:00-18:00' })).toEqual([
      {
        path: 'calendars.c.days.1',
        anchor: 'value',
        message: "'Tuesday' is not a day; write mon, tue, wed, thu, fri, sat or sun; did you mean 'tue'?",
      },
      { path: 'calendars.c.days.2', anchor: 'value', message: "'mon' is listed twice in days; list each day once" },
    ]);
  });

  it('reports missing days and hours at the calendar, and unknown keys', () => {
    expect(problemsOf({ hour: '08:00-18:00' })).toEqual([
      {
        path: 'calendars.c.hour',
        anchor: 'key',
        message: "unknown key 'hour'; expected one of days, hours, description; did you mean 'hours'?",
      },
      { path: 'calendars.c.days', anchor: 'parent', message: expect.stringContaining('a calendar needs days') },
      { path: 'calendars.c.hours', anchor: 'parent', message: expect.stringContaining('a calendar needs hours') },
    ]);
  });

  it('rejects working periods that overlap, also across midnight and across the week end', () => {
    expect(problemsOf({ days: ['mon'], hours: ['08:00-12:00', '11:00-13:00'] })[0].message).toBe(
      "calendar 'c' has overlapping working periods: mon 08:00-12:00 and mon 11:00-13:00; make them follow each other",
    );
    expect(problemsOf({ days: ['mon', 'tue'], hours: ['05:00-07:00', '22:00-06:00'] })[0].message).toContain(
      'mon 22:00-06:00 and tue 05:00-07:00',
    );
    expect(problemsOf({ days: ['mon', 'sun'], hours: ['05:00-07:00', '22:00-06:00'] })[0].message).toContain(
      'sun 22:00-06:00 and mon 05:00-07:00',
    );
    expect(periods({ days: ['mon', 'tue'], hours: ['06:00-14:00', '14:00-22:00', '22:00-06:00'] })).toHaveLength(6);
  });
});
