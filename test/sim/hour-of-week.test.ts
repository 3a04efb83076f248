// The typical week: each team's queue length per hour of the week (Monday 00:00 first), over
// the measured window only, worked out exactly on a deterministic queue and against the
// window's own time average.
import { describe, expect, test } from 'vitest';
import { Clock } from '../../engine/sim/clock.js';
import { hourOfWeekExposure } from '../../engine/sim/hour-of-week.js';
import { TimeAverage } from '../../engine/sim/time-average.js';
import { HOURS_PER_WEEK } from '../../engine/week.js';
import { constant, every, flow, scenario, task, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

describe('area per hour of the week', () => {
  test('split at the warm-up and at every hour, folded onto the week, clipped at the horizon', () => {
    const clock = new Clock();
    const week = new Float64Array(HOURS_PER_WEEK);
    const level = new TimeAverage(clock, 1.5, 340, null, 24, week);
    const at = (t: number, delta: number) => {
      clock.now = t;
      for (let k = 0; k < Math.abs(delta); k++) delta > 0 ? level.increment() : level.decrement();
    };
    at(0, 2);
    at(2.25, -2); // before the warm-up: nothing; then 0.5 h in hour 1 and 0.25 h in hour 2
    at(167.5, 1);
    at(169, -1); // Sunday 23:30 to Monday 01:00 of the next week
    at(339, 3);
    at(400, -3); // past the horizon: only [339, 340)
    level.close();
    const expected = new Float64Array(HOURS_PER_WEEK);
    expected[1] = 2 * 0.5;
    expected[2] = 2 * 0.25;
    expected[167] = 0.5;
    expected[0] = 1;
    expected[339 % 168] = 3;
    expect(Array.from(week)).toEqual(Array.from(expected));
    expect(level.mean()).toBe((1 + 0.5 + 0.5 + 1 + 3) / (340 - 1.5));
  });

  test('the window hours of each hour of the week', () => {
    const exposure = hourOfWeekExposure(1.5, 340);
    expect(exposure[0]).toBe(2); // Monday 00:00 of the second and third weeks (the first is in the warm-up)
    expect(exposure[1]).toBe(2.5); // half of the first week's, all of the second's and third's
    expect(exposure[3]).toBe(3); // 3, 171 and 339 (the horizon at 340)
    expect(exposure[4]).toBe(2);
    expect(exposure.reduce((a, b) => a + b, 0)).toBeCloseTo(340 - 1.5, 12);
  });

  test('the window hours of each hour of the week: the very sums of adding each hour of the window in turn', () => {
    const hourByHour = (warmup: number, horizon: number) => {
      const out = new Float64Array(HOURS_PER_WEEK);
      for (let hour = Math.floor(warmup); hour < horizon; hour++) {
        const overlap = Math.min(hour + 1, horizon) - Math.max(hour, warmup);
        if (overlap > 0) out[hour % HOURS_PER_WEEK] += overlap;
      }
      return Array.from(out);
    };
    // first hours whose fraction rounds when 1 is added to it many times (after 0.001, 1/7, 2/3, 12.34), windows inside one hour,
    // shorter than a week, ending on and off the hour, and long ones
    for (const warmup of [0, 0.001, 0.1, 1 / 7, 1 / 3, 2 / 3, 1.5, 12.34, 167.9, 170.5, 1000]) {
      for (const length of [0, 0.25, 0.9, 1, 5.5, 168, 339.7, 1000.25, 50_000 + 1 / 7, 222_222]) {
        const horizon = warmup + length;
        expect(Array.from(hourOfWeekExposure(warmup, horizon)), `[${warmup}, ${horizon}]`).toStrictEqual(hourByHour(warmup, horizon));
      }
    }
  });
});

describe('a queue with constant times', () => {
  // two cases every 30 h at a single unit with 4 h of work: the second waits [30k, 30k + 4)
  const warmup = 170.5;
  const horizon = 3 * 168;
  const s = scenario({
    run: { horizon, warmup, replications: 1, seed: 1 },
    resources: [team('desk', 1)],
    arrivals: [every('a', 30), every('a', 30, 1)],
    flows: [flow('a', [task('work', constant(4), 'desk')])],
  });

  test('each hour of the week: the hours a case waited in it over the window hours in it', () => {
    const area = new Float64Array(HOURS_PER_WEEK);
    const exposure = new Float64Array(HOURS_PER_WEEK);
    for (let hour = 0; hour < horizon; hour++) {
      const overlap = (from: number, to: number) => Math.max(0, Math.min(to, hour + 1, horizon) - Math.max(from, hour, warmup));
      exposure[hour % HOURS_PER_WEEK] += overlap(0, horizon);
      for (let k = 1; 30 * k < horizon; k++) area[hour % HOURS_PER_WEEK] += overlap(30 * k, 30 * k + 4);
    }
    const r = replicate(s);
    const typical = Array.from(r.reps[0].queueByHourOfWeek);
    expect(typical).toHaveLength(HOURS_PER_WEEK);
    typical.forEach((mean, h) => expect(mean, `hour ${h}`).toBeCloseTo(area[h] / exposure[h], 12));
    // the window's two weeks: a case waited in some hours of the week in one of them, in most hours in none
    expect(typical.filter((m) => m === 0.5).length).toBeGreaterThan(10);
    expect(typical.filter((m) => m === 0).length).toBeGreaterThan(100);
    // weighted by the window's hours, the typical week is the window's mean queue length
    const weighted = typical.reduce((sum, m, h) => sum + m * exposure[h], 0) / (horizon - warmup);
    expect(weighted).toBeCloseTo(r.mean('resources.desk.queue_length'), 12);
  });

  test('a window shorter than a week: the hours it does not reach have no value', () => {
    const short = scenario({ ...s, run: { horizon: 100, warmup: 10, replications: 1, seed: 1 } });
    const typical = Array.from(replicate(short).reps[0].queueByHourOfWeek);
    expect(typical.slice(10, 100).every(Number.isFinite)).toBe(true);
    expect([...typical.slice(0, 10), ...typical.slice(100)].every(Number.isNaN)).toBe(true);
  });
});
