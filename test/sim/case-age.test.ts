// An automated task with `until: case_age`: its drawn duration is the case's age at which it ends.
// Constant times, so every end is worked out by hand: a case that reaches the task younger than
// the age ends at arrival + age; an older one passes at once.
import { describe, expect, test } from 'vitest';
import type { DistSpec, NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { constant, every, flow, OFFICE, scenario, task, team } from '../support/build.js';
import { caseOutcome, replicate } from '../support/simulate.js';

const timer = (age: DistSpec, calendar: string | null = null, next: string | null = null): NodeSpec => ({
  kind: 'task',
  name: 'timer',
  etom: null,
  duration: age,
  resource: null,
  calendar,
  until: 'case_age',
  next,
});

/** Cases arriving together at `at` (one per stream), a step `before` (team `desk` of one unit, or automated), then the timer. */
function cases(opts: { at: number; count: number; before: NodeSpec; age: number; calendar?: string | null; horizon: number }): Scenario {
  return scenario({
    run: { horizon: opts.horizon, warmup: 0, replications: 1, seed: 1 },
    calendars: [OFFICE],
    resources: [team('desk', 1)],
    arrivals: Array.from({ length: opts.count }, (_, k) => every('a', opts.at, k)),
    flows: [flow('a', [opts.before, timer(constant(opts.age), opts.calendar ?? null)])],
  });
}

const outcome = (s: Scenario) => caseOutcome(s, 'timer');

describe('an automated task until a case age', () => {
  test('a case that reaches it at age 5 h ends at age 24 h: the timer takes 19 h', () => {
    const s = cases({ at: 100, count: 1, before: task('pre', constant(5), null, 'timer'), age: 24, horizon: 150 });
    expect(outcome(s)).toEqual({ completed: 1, cycle: 24, automated: 24, offShift: 0, service: 19 });
  });

  test('a case already older (30 h) passes at once', () => {
    const s = cases({ at: 100, count: 1, before: task('pre', constant(30), null, 'timer'), age: 24, horizon: 150 });
    expect(outcome(s)).toEqual({ completed: 1, cycle: 30, automated: 30, offShift: 0, service: 0 });
  });

  test('a case exactly that old passes at once', () => {
    const s = cases({ at: 100, count: 1, before: task('pre', constant(24), null, 'timer'), age: 24, horizon: 150 });
    expect(outcome(s)).toMatchObject({ completed: 1, cycle: 24, service: 0 });
  });

  test('three cases queued for one unit reach it at ages 10, 20 and 30 h: with 25 h the first two end at 25 h, the third at 30 h', () => {
    const s = cases({ at: 100, count: 3, before: task('pre', constant(10), 'desk', 'timer'), age: 25, horizon: 150 });
    const o = outcome(s);
    expect(o.completed).toBe(3);
    expect(o.cycle).toBeCloseTo((25 + 25 + 30) / 3, 12);
    expect(o.service).toBeCloseTo((15 + 5 + 0) / 3, 12);
  });

  test('on a calendar the age counts open hours from the arrival: 10 open hours from Friday 16:00 end on Tuesday 10:00', () => {
    // arrival Friday 16:00 (t = 112); a 1 h step to 17:00; the timer ends at Tuesday 10:00 of week 1 (168 + 24 + 10 = 202),
    // having spanned 9 open hours (8 on Monday, 1 on Tuesday) and 80 closed ones
    const s = cases({ at: 112, count: 1, before: task('pre', constant(1), null, 'timer'), age: 10, calendar: 'office', horizon: 220 });
    expect(outcome(s)).toEqual({ completed: 1, cycle: 90, automated: 10, offShift: 80, service: 9 });
  });

  test('on a calendar, a case past the age in open hours passes at once', () => {
    // arrival Monday 10:00 of week 1 (t = 178): a 30 h step ends Tuesday 16:00, 14 open hours later, past the age of 10
    const s = cases({ at: 178, count: 1, before: task('pre', constant(30), null, 'timer'), age: 10, calendar: 'office', horizon: 250 });
    expect(outcome(s)).toEqual({ completed: 1, cycle: 30, automated: 30, offShift: 0, service: 0 });
  });

  test('random ages and queueing: cases end at their drawn age or later, and the breakdown adds up', () => {
    const s: Scenario = scenario({
      run: { horizon: 24 * 7 * 20, warmup: 24 * 7, replications: 3, seed: 5 },
      resources: [team('desk', 2)],
      arrivals: [{ flow: 'a', ordinal: 0, interarrival: { kind: 'exponential', mean: 3 }, fromRate: false, profile: null, priority: 0 }],
      flows: [flow('a', [task('pre', { kind: 'exponential', mean: 5 }, 'desk', 'timer'), timer({ kind: 'uniform', min: 20, max: 40 })])],
    });
    const r = replicate(s);
    for (let i = 0; i < 3; i++) {
      const parts = ['service', 'wait', 'off_shift', 'automated'].map((p) => r.values(`flows.a.breakdown.${p}`)[i]);
      expect(parts[0] + parts[1] + parts[2] + parts[3]).toBeCloseTo(r.values('flows.a.cycle_time.mean')[i], 9);
      // a case ends at its drawn age (30 h on average) or later, when its wait and work at the desk took longer
      expect(r.values('flows.a.cycle_time.mean')[i]).toBeGreaterThan(30);
      expect(r.values('flows.a.cycle_time.p50')[i]).toBeGreaterThanOrEqual(20);
    }
  });
});
