// An automated task with a `calendar`: its duration elapses in the calendar's open hours only.
// Constant times and one case at a time, so every end is worked out by hand on a Monday-to-Friday
// 09:00-17:00 calendar (time 0 is Monday 00:00; Friday 16:00 is t = 4 * 24 + 16 = 112).
import { describe, expect, test } from 'vitest';
import type { DistSpec, NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { constant, every, flow, OFFICE, scenario, task } from '../support/build.js';
import { caseOutcome, replicate } from '../support/simulate.js';

const delay = (duration: DistSpec, calendar: string | null = 'office', next: string | null = null): NodeSpec => ({
  kind: 'task',
  name: 'delay',
  etom: null,
  duration,
  resource: null,
  calendar,
  next,
});

/** One case arriving at `at` (the next one past the horizon) through a delay of `hours` on the office calendar. */
function oneCase(at: number, hours: number, horizon: number): Scenario {
  return scenario({
    run: { horizon, warmup: 0, replications: 1, seed: 1 },
    calendars: [OFFICE],
    resources: [],
    arrivals: [every('a', at)],
    flows: [flow('a', [delay(constant(hours))])],
  });
}

const outcome = (s: Scenario) => caseOutcome(s, 'delay');

describe('an automated task on a calendar', () => {
  test('10 h from Friday 16:00: 1 h on Friday, 8 h on Monday, 1 h on Tuesday; it ends Tuesday 10:00', () => {
    // Tuesday 10:00 of week 1: 168 + 24 + 10 = 202
    expect(outcome(oneCase(112, 10, 220))).toEqual({ completed: 1, cycle: 202 - 112, automated: 10, offShift: 80, service: 10 });
  });

  test('started in a closed hour (Saturday 10:00), it counts from Monday 09:00 and ends Tuesday 11:00', () => {
    // Saturday 10:00 is 5 * 24 + 10 = 130; Tuesday 11:00 of week 1 is 203
    expect(outcome(oneCase(130, 10, 250))).toEqual({ completed: 1, cycle: 203 - 130, automated: 10, offShift: 63, service: 10 });
  });

  test("started at a period's end (Friday 17:00), it counts from the next opening", () => {
    expect(outcome(oneCase(113, 10, 220))).toMatchObject({ cycle: 203 - 113, automated: 10, offShift: 80 });
  });

  test('across week ends: 100 h from Monday 09:00 is 40 h a week, and ends Wednesday 13:00 two weeks on', () => {
    // 2 * 168 + 2 * 24 + 13 = 397
    expect(outcome(oneCase(9, 100, 400))).toMatchObject({ completed: 1, cycle: 397 - 9, automated: 100, offShift: 288 });
  });

  test('inside one open period it takes its duration exactly, with no hours off shift', () => {
    // Monday 10:00 + 3 h
    expect(outcome(oneCase(10, 3, 15))).toEqual({ completed: 1, cycle: 3, automated: 3, offShift: 0, service: 3 });
  });

  test('a duration of 0 ends as it starts, even in a closed hour', () => {
    expect(outcome(oneCase(130, 0, 200))).toEqual({ completed: 1, cycle: 0, automated: 0, offShift: 0, service: 0 });
  });

  test('without a calendar the same task runs in hours of the clock', () => {
    const s = oneCase(112, 10, 220);
    const clock = { ...s, flows: [flow('a', [delay(constant(10), null)])] };
    expect(outcome(clock)).toEqual({ completed: 1, cycle: 10, automated: 10, offShift: 0, service: 10 });
  });

  test('it holds no unit: cases that start together end together', () => {
    const s = oneCase(112, 10, 220);
    const three = { ...s, arrivals: [0, 1, 2].map((k) => every('a', 112, k)) };
    expect(outcome(three)).toMatchObject({ completed: 3, cycle: 90, offShift: 80 });
  });

  test('with random durations at random hours, the breakdown still adds up to the cycle time', () => {
    const s: Scenario = scenario({
      run: { horizon: 24 * 7 * 20, warmup: 24 * 7, replications: 3, seed: 5 },
      calendars: [OFFICE],
      resources: [],
      arrivals: [{ flow: 'a', ordinal: 0, interarrival: { kind: 'exponential', mean: 3 }, fromRate: false, profile: null, priority: 0 }],
      flows: [flow('a', [delay({ kind: 'lognormal', mean: 20, sd: 15 }, 'office', 'after'), task('after', constant(1), null)])],
    });
    const r = replicate(s);
    for (let i = 0; i < 3; i++) {
      const parts = ['service', 'wait', 'off_shift', 'automated'].map((p) => r.values(`flows.a.breakdown.${p}`)[i]);
      expect(parts[0] + parts[1]).toBe(0);
      expect(parts[2] + parts[3]).toBeCloseTo(r.values('flows.a.cycle_time.mean')[i], 9);
      // 40 open hours a week: the 20 h delay spans about 168 / 40 times its length, the rest off shift
      expect(parts[2]).toBeGreaterThan(parts[3]);
    }
  });
});
