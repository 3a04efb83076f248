import { describe, expect, it } from 'vitest';
import { parseDuration, readDuration, readRate } from '../../engine/scenario/duration.js';
import { Problems } from '../../engine/scenario/problems.js';

const hoursOf = (raw: unknown, unit: 'minutes' | 'hours' | 'days' = 'hours') => {
  const parsed = parseDuration(raw, unit);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.hours;
};

describe('durations', () => {
  it('reads each unit suffix into hours', () => {
    expect(hoursOf('45s')).toBe(45 / 3600);
    expect(hoursOf('30m')).toBe(0.5);
    expect(hoursOf('2h')).toBe(2);
    expect(hoursOf('1.5d')).toBe(36);
    expect(hoursOf('1w')).toBe(168);
    expect(hoursOf('90d')).toBe(2160);
    expect(hoursOf('2 h')).toBe(2);
    expect(hoursOf('.5h')).toBe(0.5);
    expect(hoursOf('1e1m')).toBe(10 / 60);
  });

  it('reads a bare number in the time unit, whatever unit a string carries', () => {
    expect(hoursOf(90, 'minutes')).toBe(1.5);
    expect(hoursOf(3, 'hours')).toBe(3);
    expect(hoursOf(0.25, 'hours')).toBe(0.25);
    expect(hoursOf(2, 'days')).toBe(48);
    expect(hoursOf('2', 'days')).toBe(48);
    expect(hoursOf('30m', 'days')).toBe(0.5);
    expect(hoursOf(0)).toBe(0);
  });

  it('rejects negative durations', () => {
    expect(parseDuration(-1, 'hours')).toEqual({ ok: false, problem: 'cannot be negative; found -1' });
    expect(parseDuration('-2h', 'hours')).toEqual({ ok: false, problem: "cannot be negative; found '-2h'" });
  });

  it('rejects garbage and non-finite values, saying what a duration looks like', () => {
    for (const raw of ['soon', '2 hours', '2H', '1e400h', Infinity, NaN, true, null, [1], { h: 1 }]) {
      const parsed = parseDuration(raw, 'minutes');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok)
        expect(parsed.problem).toMatch(
          /^must be a duration: a number of minutes \(the time_unit\) or a number with a unit s, m, h, d or w, like 45s, 30m/,
        );
    }
  });

  it('can require a duration longer than 0', () => {
    const problems = new Problems();
    expect(readDuration('0h', ['run', 'horizon'], problems, 'horizon', 'hours', true)).toBeUndefined();
    expect(problems.list).toEqual([{ path: ['run', 'horizon'], anchor: 'value', message: "horizon must be longer than 0; found '0h'" }]);
    expect(readDuration(0, ['x'], problems, 'x', 'hours')).toBe(0);
  });
});

describe('rates', () => {
  it('gives the mean time between arrivals in hours', () => {
    const problems = new Problems();
    expect(readRate('3/h', [], problems)).toBe(1 / 3);
    expect(readRate('40/d', [], problems)).toBe(24 / 40);
    expect(readRate('2/m', [], problems)).toBe(1 / 120);
    expect(readRate('1/s', [], problems)).toBe(1 / 3600);
    expect(readRate('0.5 / w', [], problems)).toBe(336);
    expect(problems.count).toBe(0);
  });

  it('rejects a rate of 0, a negative rate and anything that is not N/unit', () => {
    for (const raw of ['0/h', '-3/h', '3', 3, '3/hour', 'h/3']) {
      const problems = new Problems();
      expect(readRate(raw, ['arrivals', 0, 'rate'], problems)).toBeUndefined();
      expect(problems.list[0].message).toMatch(/^rate must be a number of arrivals greater than 0 per unit/);
    }
  });
});
