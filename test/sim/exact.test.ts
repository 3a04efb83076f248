// Deterministic cases whose every number can be worked out by hand: constant times, one
// case at a time, so the simulator must reproduce them exactly.
import { describe, expect, test } from 'vitest';
import type { DistSpec, NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { constant, every, flow, mmc, scenario, task, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

const fork = (name: string, parallel: string[], join: string): NodeSpec => ({ kind: 'fork', name, etom: null, parallel, join });

describe('fork and join with constant times', () => {
  const s: Scenario = scenario({
    run: { horizon: 100, warmup: 0, replications: 1, seed: 1 },
    resources: [team('prov', 1), team('field', 1)],
    arrivals: [every('order', 10)],
    flows: [
      flow('order', [
        task('capture', constant(1), null, 'design'),
        fork('design', ['configure', 'visit'], 'activate'),
        task('configure', constant(2), 'prov', 'activate'),
        task('visit', constant(3), 'field', 'test'),
        task('test', constant(0.5), 'field', 'activate'),
        task('activate', constant(0.25), null),
      ]),
    ],
  });

  test('the case continues after its slowest branch: 1 + max(2, 3 + 0.5) + 0.25', () => {
    const r = replicate(s);
    expect(r.mean('flows.order.cycle_time.mean')).toBe(4.75);
    expect(r.mean('flows.order.cycle_time.p90')).toBe(4.75);
    // arrivals at 10, 20, ..., 100: the one at 100 is open at the horizon
    expect(r.mean('flows.order.arrived')).toBe(10);
    expect(r.mean('flows.order.completed')).toBe(9);
    expect(r.mean('flows.order.nodes.activate.visits')).toBe(9);
    expect(r.mean('flows.order.nodes.design.visits')).toBe(9); // the 10th reaches it at 101, past the horizon
    // field is busy 3.5 h per case; 9 whole cases plus 0 h of the last one (started at 101 > horizon)
    expect(r.mean('resources.field.utilization')).toBeCloseTo((9 * 3.5) / 100, 12);
    expect(r.mean('resources.prov.wait')).toBe(0);
  });

  test('work in progress is exact: each case is in the system 4.75 h of every 10 h', () => {
    const r = replicate(s);
    // cases 1..9 complete, case 10 arrives at t = 100 = horizon and adds nothing
    expect(r.mean('flows.order.wip')).toBeCloseTo((9 * 4.75) / 100, 12);
  });
});

describe('a fork whose branches share a team of one', () => {
  // One case; three branches of 1 h each ask for the same unit at the same instant.
  const s: Scenario = scenario({
    run: { horizon: 60, warmup: 0, replications: 1, seed: 1 },
    resources: [team('t', 1)],
    arrivals: [every('g', 50)], // one case, at 50 h
    flows: [
      flow('g', [
        fork('split', ['x', 'y', 'z'], 'done'),
        task('x', constant(1), 't', 'done'),
        task('y', constant(1), 't', 'done'),
        task('z', constant(1), 't', 'done'),
        task('done', constant(0), null),
      ]),
    ],
  });

  test('the branches are served in the order they are listed: waits 0, 1 and 2 h, the case out at 3 h', () => {
    const r = replicate(s);
    expect(r.values('flows.g.nodes.x.wait')).toEqual([0]);
    expect(r.values('flows.g.nodes.y.wait')).toEqual([1]);
    expect(r.values('flows.g.nodes.z.wait')).toEqual([2]);
    expect(r.mean('flows.g.cycle_time.mean')).toBe(3);
  });
});

describe('nested forks that share a join', () => {
  test('the inner fork merges, then the outer one: one completion per case after the slowest branch', () => {
    const s = scenario({
      run: { horizon: 2050, warmup: 0, replications: 1, seed: 1 },
      resources: [],
      arrivals: [every('f', 100)], // 100, 200, ..., 2000: 20 cases, each done 10 h later
      flows: [
        flow('f', [
          fork('outer', ['inner', 'slow'], 'done'),
          fork('inner', ['c', 'd'], 'done'),
          task('c', constant(1), null, 'done'),
          task('d', constant(2), null, 'done'),
          task('slow', constant(10), null, 'done'),
          task('done', constant(0), null),
        ]),
      ],
    });
    const r = replicate(s, 1);
    expect(r.values('flows.f.arrived')[0]).toBe(20);
    expect(r.values('flows.f.completed')[0]).toBe(20);
    expect(r.values('flows.f.nodes.done.visits')[0]).toBe(20);
    expect(r.values('flows.f.cycle_time.mean')[0]).toBe(10);
    expect(r.values('flows.f.wip')[0]).toBeCloseTo((20 * 10) / 2050, 12);
  });
});

describe('queueing with constant times', () => {
  test('two cases arriving together at a single unit: the second waits one service', () => {
    const s = scenario({
      run: { horizon: 50, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('a', 10), { ...every('a', 10), ordinal: 1 }],
      flows: [flow('a', [task('work', constant(4), 'desk')])],
    });
    const r = replicate(s);
    // at 10, 20, 30, 40, 50 two cases arrive; the pair at 50 starts at the horizon
    expect(r.mean('flows.a.cycle_time.mean')).toBe(6); // (4 + 8) / 2
    // waits 0 and 4 for the pairs at 10..40; of the pair at 50 only the first starts (wait 0)
    expect(r.mean('resources.desk.wait')).toBeCloseTo((4 * 4) / 9, 12);
    expect(r.mean('resources.desk.queue_length')).toBeCloseTo((4 * 4) / 50, 12); // 4 pairs wait 4 h each
    // series: one flow's completions per day, then the desk's mean queue per day-long bin (the last bin is 2 h)
    // waits [10, 14] and [20, 24] fall in day 0, [30, 34] and [40, 44] in day 1, none in [48, 50]
    const series = Array.from(r.reps[0].series);
    expect(series.slice(3, 6)).toEqual([8 / 24, 8 / 24, 0]);
    // completions at 14, 18 (day 0); 24, 28, 34, 38, 44 (day 1); 48 (the 2 h bin: 12 a day)
    expect(series.slice(0, 3)).toEqual([2, 5, (1 * 24) / 2]);
  });
});

describe('warm-up', () => {
  test('only observations that end after the warm-up count', () => {
    const s = scenario({
      run: { horizon: 100, warmup: 35, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('a', 10)],
      flows: [flow('a', [task('work', constant(6), 'desk')])],
    });
    const r = replicate(s);
    // arrivals at 10..100; completions at 16, 26, 36, ... 96; those from 36 on count: 7
    expect(r.mean('flows.a.completed')).toBe(7);
    expect(r.mean('flows.a.arrived')).toBe(7); // 40, 50, ..., 100
    expect(r.mean('flows.a.throughput_per_day')).toBeCloseTo(7 / (65 / 24), 12);
    // busy in [35, 100]: 1 h of the task started at 30, then 6 h each for 40..90, 0 for 100
    expect(r.mean('resources.desk.utilization')).toBeCloseTo((1 + 6 * 6) / 65, 12);
  });

  test('a task in service at the horizon counts its hours up to it', () => {
    const s = scenario({
      run: { horizon: 93, warmup: 35, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('a', 10)],
      flows: [flow('a', [task('work', constant(6), 'desk')])],
    });
    // busy in [35, 93]: 1 h of the task started at 30, 6 h each for 40..80, 3 h of the one started at 90
    expect(replicate(s).mean('resources.desk.busy_hours')).toBeCloseTo(1 + 5 * 6 + 3, 12);
  });

  test('the cycle-time percentiles leave out the cases completed before it (a queue that grows)', () => {
    // one desk, a case every 5 h needing 6 h: case k (arriving at 5k) completes at 5 + 6k after 5 + k hours
    const s = scenario({
      run: { horizon: 60, warmup: 30, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('a', 5)],
      flows: [flow('a', [task('work', constant(6), 'desk')])],
    });
    const r = replicate(s, 1);
    // completions at 11, 17, 23, 29 (cycles 6..9) precede the window; at 35, 41, 47, 53, 59 the cycles are 10..14
    expect(r.values('flows.a.completed')[0]).toBe(5);
    expect(r.values('flows.a.cycle_time.mean')[0]).toBe(12);
    expect(r.values('flows.a.cycle_time.p50')[0]).toBe(12);
    expect(r.values('flows.a.cycle_time.p90')[0]).toBeCloseTo(13.6, 12); // Hyndman-Fan type 7: 13 + 0.6 (14 - 13)
  });

  test('the percentiles read the cycle times in single precision, the mean and the SLA share in double (docs/results-format.md)', () => {
    // a case every hour, 0.1 h of work on its own unit: every cycle time is 0.1 h (to a double's rounding)
    const s = scenario({
      run: { horizon: 50, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('a', 1)],
      flows: [flow('a', [task('work', constant(0.1), 'desk')], { sla: 0.1 })],
    });
    const r = replicate(s, 1);
    expect(r.values('flows.a.cycle_time.p50')[0]).toBe(Math.fround(0.1)); // 0.10000000149011612
    expect(r.values('flows.a.cycle_time.p90')[0]).toBe(Math.fround(0.1));
    expect(r.values('flows.a.cycle_time.mean')[0]).toBeCloseTo(0.1, 13);
    // Math.fround(0.1) is above 0.1: an SLA tested on the stored values would count none within it
    expect(Math.fround(0.1)).toBeGreaterThan(0.1);
    expect(r.values('flows.a.sla_attainment')).toEqual([1]); // every case: in double precision, up to the clock's rounding
  });

  test('no case completed in the window: its cycle-time statistics are empty', () => {
    const s = scenario({
      run: { horizon: 60, warmup: 59.5, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('a', 5)],
      flows: [flow('a', [task('work', constant(6), 'desk')])],
    });
    const r = replicate(s, 1);
    // the last completion is at 59, before the warm-up ends
    expect(r.values('flows.a.completed')[0]).toBe(0);
    expect(r.values('flows.a.cycle_time.mean')[0]).toBeNaN();
    expect(r.values('flows.a.cycle_time.p50')[0]).toBeNaN();
  });
});

describe('calendars', () => {
  test('a task paused overnight and over the weekend takes its working time only (exact)', () => {
    const s = scenario({
      run: { horizon: 24 * 14, warmup: 0, replications: 1, seed: 1 },
      calendars: [{ name: 'office', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 })) }],
      resources: [team('desk', 1, { calendar: 'office' })],
      // one case, Friday 16:00 (t = 4*24 + 16 = 112), needing 5 working hours
      arrivals: [every('a', 112)],
      flows: [flow('a', [task('work', constant(5), 'desk')])],
    });
    const r = replicate(s, 1);
    // works Fri 16-18 (2 h), resumes Mon 08:00 (t = 176) for 3 h: ends at 179
    // the second case arrives at 224 (Wed 08:00) and ends at 229; the third at 336 = horizon (Mon 00:00, no work)
    expect(r.values('flows.a.cycle_time.mean')[0]).toBe((179 - 112 + 5) / 2);
    expect(r.values('flows.a.nodes.work.service')[0]).toBe(5);
    expect(r.values('resources.desk.wait')[0]).toBe(0);
    // available: 2 weeks x 50 h; busy 10 working hours
    expect(r.values('resources.desk.utilization')[0]).toBeCloseTo(10 / 100, 12);
  });

  test('a case arriving off shift waits for the shift, and its wait includes the night', () => {
    const s = scenario({
      run: { horizon: 39, warmup: 0, replications: 1, seed: 1 },
      calendars: [{ name: 'office', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 })) }],
      resources: [team('desk', 2, { calendar: 'office' })],
      arrivals: [every('a', 20), { ...every('a', 20), ordinal: 1 }, { ...every('a', 20), ordinal: 2 }], // three at Mon 20:00
      flows: [flow('a', [task('work', constant(1), 'desk')])],
    });
    const r = replicate(s, 1);
    // Tue 08:00 (t = 32): two start, end at 33; the third starts at 33, ends 34
    expect(r.values('resources.desk.wait')[0]).toBeCloseTo((12 + 12 + 13) / 3, 12);
    expect(r.values('flows.a.completed')[0]).toBe(3);
  });
});

describe('an exponential task time drawn where the simulation writes it out (drawWork) is the law drawn everywhere else', () => {
  // Erlang with one phase and Weibull with shape 1 are the exponential, and take their one uniform from
  // the same key through sampleAt's generic path: the same bits (-m * log u; 0 + x and x ** 1 are exact).
  // drawWork draws an exponential with its own copy of sampleAt's line: if the two parted, the runs would.
  const shop = (duration: DistSpec, resource: string | null): Scenario => ({
    ...mmc(0.9, 1, 1, { horizon: 2000, warmup: 100, replications: 3, seed: 7 }),
    flows: [flow('calls', [task('triage', duration, null, 'serve'), task('serve', duration, resource)])],
  });
  const cycle = (s: Scenario) => replicate(s).values('flows.calls.cycle_time.mean');

  test.each([
    ['a team', 'agents'],
    ['no team', null],
  ])('with %s: exponential, one-phase Erlang and shape-1 Weibull give the same cycle times to the bit', (_, resource) => {
    const exponential = cycle(shop({ kind: 'exponential', mean: 0.8 }, resource));
    expect(cycle(shop({ kind: 'erlang', k: 1, mean: 0.8 }, resource))).toEqual(exponential);
    expect(cycle(shop({ kind: 'weibull', shape: 1, scale: 0.8 }, resource))).toEqual(exponential);
    expect(new Set(exponential).size).toBe(3); // three different replications, not one constant
  });
});

describe("work in progress summed per case: a case's part of the window, whether it completes, is cancelled or is open at the horizon", () => {
  // One unit, 3 h a task, a case every 2 h from t = 2, cancelled 4.5 h after it arrives; window [3, 13].
  // Case at 2: served 2-5 (1 h of it before the window). At 4: waits 4-5, served 5-8. At 6: waits 6-8, served
  // from 8, cancelled at 10.5 in service. At 8: waits 8-10.5, served from 10.5, cancelled at 12.5 in service.
  // At 10: waits 10-12.5, in service at the horizon. At 12: waits, open at the horizon.
  const s: Scenario = scenario({
    run: { horizon: 13, warmup: 3, replications: 1, seed: 1 },
    resources: [team('t', 1)],
    arrivals: [every('f', 2)],
    flows: [flow('f', [task('serve', constant(3), 't')], { cancelAfter: 4.5 })],
  });

  test('the window holds 2 + 4 + 4.5 + 4.5 + 3 + 1 = 19 case-hours: a mean of 1.9 cases in progress', () => {
    const r = replicate(s);
    expect(r.values('flows.f.completed')).toEqual([2]);
    expect(r.values('flows.f.cancelled')).toEqual([2]);
    expect(r.values('flows.f.wip')[0]).toBeCloseTo(19 / 10, 12);
  });

  test('its queue holds 1 + 2 + 2.5 + 2.5 + 1 = 9 case-hours of waiting: a mean length of 0.9', () => {
    expect(replicate(s).values('resources.t.queue_length')[0]).toBeCloseTo(9 / 10, 12);
  });

  test('its unit is busy 2 + 3 + 2.5 + 2 + 0.5 = 10 h of the window: before it, cut in service and at the horizon', () => {
    // served 2-5 (2 h in the window), 5-8, 8-10.5 and 10.5-12.5 (both cut), 12.5-13 (in service at the horizon)
    expect(replicate(s).values('resources.t.busy_hours')[0]).toBeCloseTo(10, 12);
    // window [9, 13]: the task cut at 10.5 started at 8, 1 h before it
    const late = replicate({ ...s, run: { ...s.run, warmup: 9 } });
    expect(late.values('resources.t.busy_hours')[0]).toBeCloseTo(1.5 + 2 + 0.5, 12);
  });
});

describe('work in progress of cases that arrive before the warm-up and are cancelled in the window or open at the horizon', () => {
  // One unit, 10 h a task, a case every 1 h from t = 1, cancelled 4.5 h after it arrives; window [3, 6].
  // Case at 1: served from 1, cancelled at 5.5 in service: 5.5 - 3 = 2.5 h in the window (4.5 h unclipped).
  // Case at 2: waits 2-5.5, served from 5.5, open at the horizon (its cancellation, 6.5, is past it): 6 - 3 = 3 h
  // in the window (4 h unclipped). Cases at 3, 4 and 5 wait, open at the horizon: 3 + 2 + 1 h. The case at 6 = horizon
  // adds nothing. The window holds 2.5 + 3 + 3 + 2 + 1 = 11.5 case-hours; the queue 2.5 (case at 2, from 3 to 5.5)
  // + 3 + 2 + 1 = 8.5. Without the clip at the warm-up a cancellation would add 13.5 and the horizon's open cases 12.5.
  const s: Scenario = scenario({
    run: { horizon: 6, warmup: 3, replications: 1, seed: 1 },
    resources: [team('t', 1)],
    arrivals: [every('f', 1)],
    flows: [flow('f', [task('serve', constant(10), 't')], { cancelAfter: 4.5 })],
  });

  test('the window holds 2.5 + 3 + 3 + 2 + 1 = 11.5 case-hours: a mean of 11.5 / 3 cases in progress', () => {
    const r = replicate(s);
    expect(r.values('flows.f.completed')).toEqual([0]);
    expect(r.values('flows.f.cancelled')).toEqual([1]);
    expect(r.values('flows.f.open_at_horizon')).toEqual([5]);
    expect(r.values('flows.f.wip')[0]).toBeCloseTo(11.5 / 3, 12);
  });

  test('its queue holds 2.5 + 3 + 2 + 1 = 8.5 case-hours of waiting: a mean length of 8.5 / 3', () => {
    expect(replicate(s).values('resources.t.queue_length')[0]).toBeCloseTo(8.5 / 3, 12);
  });
});
