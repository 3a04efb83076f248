// An arrival stream with a `calendar`: its gaps elapse in the calendar's open hours only. Constant
// gaps give arrival times worked out by hand on a Monday-to-Friday 08:00-16:00 calendar (time 0
// is Monday 00:00); a Poisson stream on it brings 1/mean cases per open hour, as offered load says.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { expectedArrivals } from '../../engine/model/offered-load.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import type { TaskObserver } from '../../engine/sim/task-observer.js';
import type { ArrivalSpec, Scenario } from '../../engine/scenario/types.js';
import { constant, flow, scenario, task } from '../support/build.js';
import { replicate } from '../support/simulate.js';

const intake = { name: 'intake', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 16 })) };
const stream = (interarrival: ArrivalSpec['interarrival'], calendar: string | null = 'intake'): ArrivalSpec => ({
  flow: 'a',
  ordinal: 0,
  interarrival,
  fromRate: false,
  profile: null,
  ...(calendar === null ? {} : { calendar }),
  priority: 0,
});

function withStream(gaps: ArrivalSpec['interarrival'], horizon: number, replications = 1, calendar: string | null = 'intake'): Scenario {
  return scenario({
    run: { horizon, warmup: 0, replications, seed: 3 },
    calendars: [intake],
    resources: [],
    arrivals: [stream(gaps, calendar)],
    flows: [flow('a', [task('log', constant(0), null)])],
  });
}

/** The arrival times of one replication: when each case's only (automated, instant) task starts. */
function arrivals(s: Scenario): number[] {
  const at: number[] = [];
  const observer: TaskObserver = {
    taskStart: (_c, _node, _team, _enabled, start) => at.push(start),
    taskEnd: () => {},
    taskSuspend: () => {},
    taskResume: () => {},
    taskAbandoned: () => {},
    caseEnd: () => {},
  };
  observeReplication(compileModel(s), 0, 1, observer);
  return at;
}

describe('an arrival stream on a calendar', () => {
  test('every 3 h of open time: 11:00, 14:00, then 16:00 + 1 h into Tuesday 09:00, and so on; none at the weekend', () => {
    const at = arrivals(withStream(constant(3), 168));
    // 8 open hours a day, 40 a week: cases at open hours 3, 6, 9, ..., 39
    const expected = Array.from({ length: 13 }, (_, k) => {
      const open = 3 * (k + 1);
      const day = Math.floor(open / 8);
      const into = open - 8 * day;
      // a gap ending exactly at a day's close brings its case then (16:00), not at the next opening
      return into === 0 ? 24 * (day - 1) + 16 : 24 * day + 8 + into;
    });
    expect(at).toEqual(expected);
    expect(at.slice(0, 4)).toEqual([11, 14, 24 + 9, 24 + 12]);
  });

  test('30 min of open time: 16 cases a weekday, the first at 08:30 and the last at 16:00', () => {
    const at = arrivals(withStream(constant(0.5), 168));
    expect(at.length).toBe(5 * 16);
    const monday = at.filter((t) => t < 24);
    expect(monday[0]).toBe(8.5);
    expect(monday[monday.length - 1]).toBe(16);
    expect(at.every((t) => t % 24 >= 8 && t % 24 <= 16 && t < 5 * 24)).toBe(true);
  });

  test('a Poisson stream on it brings 1/mean cases an open hour, and offered load expects as many', () => {
    const s = withStream({ kind: 'exponential', mean: 0.25 }, 4 * 168, 20);
    const expected = expectedArrivals(s, 'a', s.run.horizon);
    expect(expected).toBeCloseTo(4 * 40 * 4, 9);
    const counts = replicate(s).values('flows.a.arrived');
    const mean = counts.reduce((x, y) => x + y, 0) / counts.length;
    const sd = Math.sqrt(counts.reduce((x, y) => x + (y - mean) ** 2, 0) / (counts.length - 1));
    expect(Math.abs(mean - expected)).toBeLessThan((2.1 * sd) / Math.sqrt(counts.length) + 1e-9);
  });

  test('without a calendar the same stream runs around the clock, as in version 1', () => {
    const at = arrivals(withStream(constant(3), 24));
    const plain = arrivals(withStream(constant(3), 24, 1, null));
    expect(at).toEqual([11, 14]);
    expect(plain).toEqual([3, 6, 9, 12, 15, 18, 21, 24]);
  });
});
