// The scenario format's features against queueing theory: shared teams and skill pools,
// cycle-time percentiles and SLA shares, service and interarrival laws other than the
// exponential, priorities on several servers, forks and joins, cancellations, weekly arrival
// profiles, calendars and costs. As in closed-form.test.ts, theory must lie inside the
// replications' own 99.9% interval, and each interval is bounded so the test has power.
import { describe, expect, test } from 'vitest';
import type { ArrivalProfile, DistSpec } from '../../engine/scenario/types.js';
import { constant, every, exp, flow, poisson, pooledTask, scenario, task, team } from '../support/build.js';
import { erlangC, gim1Sigma, mg1Wait, mmcPriorityWaits, mmcSojournSurvival, mmcWait, quantileOf } from '../support/queueing.js';
import { expectSampleWithinInterval, expectWithinInterval, ratioOf, replicate } from '../support/simulate.js';

describe('teams shared by flows, skill pools and priorities', () => {
  test('one team of 3 shared by two flows, one of them fed by two streams, is M/M/3 on the merged stream: every flow waits as Erlang C, and the cycle-time percentiles and SLA share follow the M/M/c sojourn law', () => {
    const s = scenario({
      run: { horizon: 30_000, warmup: 500, replications: 10, seed: 31 },
      resources: [team('desk', 3)],
      arrivals: [poisson('a', 0.6), poisson('a', 0.4, { ordinal: 1 }), poisson('b', 1.4)],
      flows: [flow('a', [task('w', exp(1), 'desk')], { sla: 2 }), flow('b', [task('w', exp(1), 'desk')], { sla: 2 })],
    });
    const r = replicate(s);
    const wq = mmcWait(2.4, 1, 3); // 1.0787 h
    expectWithinInterval(r, 'flows.a.nodes.w.wait', wq, 0.1);
    expectWithinInterval(r, 'flows.b.nodes.w.wait', wq, 0.1);
    expectWithinInterval(r, 'resources.desk.utilization', 0.8, 0.01);
    expectWithinInterval(r, 'flows.a.arrived', 1.0 * 29_500, 0.015); // the two streams are independent Poisson: rates add
    const survival = (t: number) => mmcSojournSurvival(2.4, 1, 3, t);
    for (const f of ['a', 'b']) {
      expectWithinInterval(r, `flows.${f}.cycle_time.p50`, quantileOf(survival, 0.5), 0.05); // 1.579 h
      expectWithinInterval(r, `flows.${f}.cycle_time.p90`, quantileOf(survival, 0.9), 0.05); // 4.532 h
      expectWithinInterval(r, `flows.${f}.cycle_time.p95`, quantileOf(survival, 0.95), 0.06); // 5.729 h
      expectWithinInterval(r, `flows.${f}.sla_attainment`, 1 - survival(2), 0.03); // 0.596
    }
  });

  test('two one-person teams pooled (each flow prefers its own team, either may serve) are M/M/2; kept apart, each is M/M/1 at the same load and waits 2.25 times as long', () => {
    const run = { horizon: 30_000, warmup: 500, replications: 10, seed: 33 };
    const arrivals = [poisson('a', 0.8), poisson('b', 0.8)];
    const resources = [team('t1', 1), team('t2', 1)];
    const together = replicate(
      scenario({
        run,
        resources,
        arrivals,
        flows: [flow('a', [pooledTask('w', exp(1), ['t1', 't2'])]), flow('b', [pooledTask('w', exp(1), ['t2', 't1'])])],
      }),
    );
    const apart = replicate(
      scenario({ run, resources, arrivals, flows: [flow('a', [task('w', exp(1), 't1')]), flow('b', [task('w', exp(1), 't2')])] }),
    );
    const pooledWait = mmcWait(1.6, 1, 2); // 1.778 h
    for (const f of ['a', 'b']) {
      expectWithinInterval(together, `flows.${f}.nodes.w.wait`, pooledWait, 0.12);
      expectWithinInterval(apart, `flows.${f}.nodes.w.wait`, mmcWait(0.8, 1, 1), 0.15); // 4 h
    }
    expectWithinInterval(together, 'resources.t1.utilization', 0.8, 0.015);
    expectWithinInterval(together, 'resources.t2.utilization', 0.8, 0.015);
  });

  test('non-preemptive priority classes on three servers match the M/M/c priority formula', () => {
    const s = scenario({
      run: { horizon: 20_000, warmup: 500, replications: 10, seed: 49 },
      resources: [team('techs', 3)],
      arrivals: [poisson('urgent', 0.9, { priority: 2 }), poisson('normal', 1.5)],
      flows: [flow('urgent', [task('fix', exp(1), 'techs')]), flow('normal', [task('fix', exp(1), 'techs')])],
    });
    const r = replicate(s);
    const [high, low] = mmcPriorityWaits([0.9, 1.5], 1, 3); // 0.308 h and 1.541 h
    expectWithinInterval(r, 'flows.urgent.nodes.fix.wait', high, 0.06);
    expectWithinInterval(r, 'flows.normal.nodes.fix.wait', low, 0.12);
  });
});

describe('service and interarrival laws', () => {
  test('M/D/1, M/E3/1 and M/U/1 at 80% load against Pollaczek-Khinchine', () => {
    const services: [DistSpec, number][] = [
      [constant(0.8), 0],
      [{ kind: 'erlang', k: 3, mean: 0.8 }, 0.8 ** 2 / 3],
      [{ kind: 'uniform', min: 0.2, max: 1.4 }, 1.2 ** 2 / 12],
    ];
    for (const [service, variance] of services) {
      const s = scenario({
        run: { horizon: 40_000, warmup: 500, replications: 10, seed: 36 },
        resources: [team('desk', 1)],
        arrivals: [poisson('o', 1)],
        flows: [flow('o', [task('w', service, 'desk')])],
      });
      expectWithinInterval(replicate(s), 'flows.o.nodes.w.wait', mg1Wait(1, 0.8, variance), 0.1); // 1.6, 2.13, 1.9 h
    }
  });

  test('D/M/1 and E2/M/1 at 80% load against GI/M/1: the mean wait, and the exponential time in system through its 90th percentile and SLA share, for the cycle and for a milestone', () => {
    const mu = 1 / 0.8;
    const laws: [DistSpec, (s: number) => number][] = [
      [constant(1), (s) => Math.exp(-s)],
      [{ kind: 'erlang', k: 2, mean: 1 }, (s) => (2 / (2 + s)) ** 2],
    ];
    for (const [interarrival, laplace] of laws) {
      const s = scenario({
        run: { horizon: 40_000, warmup: 500, replications: 10, seed: 52 },
        resources: [team('desk', 1)],
        arrivals: [{ flow: 'o', ordinal: 0, interarrival, fromRate: false, profile: null, priority: 0 }],
        flows: [flow('o', [task('w', exp(0.8), 'desk')], { sla: 4, kpis: [{ name: 'done', from: 'start', to: 'w', sla: 4 }] })],
      });
      const r = replicate(s);
      const sigma = gim1Sigma(laplace, mu); // 0.629 for D, 0.739 for E2
      const rate = mu * (1 - sigma);
      expectWithinInterval(r, 'flows.o.nodes.w.wait', sigma / rate, 0.12); // 1.354 h, 2.275 h
      for (const [p90, sla] of [
        ['flows.o.cycle_time.p90', 'flows.o.sla_attainment'],
        ['flows.o.kpis.done.p90', 'flows.o.kpis.done.sla_attainment'],
      ]) {
        expectWithinInterval(r, p90, Math.log(10) / rate, 0.1);
        expectWithinInterval(r, sla, 1 - Math.exp(-rate * 4), 0.04);
      }
    }
  });
});

describe('milestones in a network', () => {
  test("a tandem of two M/M/1 stations: a milestone on each is exponential with rate mu - lambda (Burke's theorem), and the cycle is the sum of the two, independent", () => {
    const lambda = 0.6;
    const [mu1, mu2] = [1, 1.5];
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 7 },
      resources: [team('a', 1), team('b', 1)],
      arrivals: [poisson('line', lambda)],
      flows: [
        flow('line', [task('first', exp(1 / mu1), 'a', 'second'), task('second', exp(1 / mu2), 'b')], {
          kpis: [
            { name: 'one', from: 'start', to: 'first', sla: null },
            { name: 'two', from: 'second', to: 'second', sla: 2 },
          ],
        }),
      ],
    });
    const r = replicate(s);
    const [rate1, rate2] = [mu1 - lambda, mu2 - lambda];
    expectWithinInterval(r, 'flows.line.kpis.one.p90', Math.log(10) / rate1, 0.05); // 5.756 h
    expectWithinInterval(r, 'flows.line.kpis.two.p90', Math.log(10) / rate2, 0.04); // 2.558 h
    expectWithinInterval(r, 'flows.line.kpis.two.mean', 1 / rate2, 0.04);
    expectWithinInterval(r, 'flows.line.kpis.two.sla_attainment', 1 - Math.exp(-2 * rate2), 0.015);
    const both = (t: number) => (rate2 * Math.exp(-rate1 * t) - rate1 * Math.exp(-rate2 * t)) / (rate2 - rate1);
    expectWithinInterval(r, 'flows.line.cycle_time.p50', quantileOf(both, 0.5), 0.035); // 2.932 h
    expectWithinInterval(r, 'flows.line.cycle_time.p90', quantileOf(both, 0.9), 0.05); // 7.195 h
  });
});

describe('forks, cancellations and weekly arrival profiles on ample capacity', () => {
  test('a fork of two exponential branches (means 1 h and 2 h) ends at E max = 1/mu1 + 1/mu2 - 1/(mu1 + mu2), and the join waits E|X1 - X2| for the slower branch', () => {
    for (const teams of [null, ['x', 'y']]) {
      const s = scenario({
        run: { horizon: 20_000, warmup: 100, replications: 10, seed: 41 },
        resources: [team('x', 1e9), team('y', 1e9)],
        arrivals: [poisson('f', 1)],
        flows: [
          flow('f', [
            { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'done' },
            task('a', exp(1), teams?.[0] ?? null, 'done'),
            task('b', exp(2), teams?.[1] ?? null, 'done'),
            task('done', constant(0), null),
          ]),
        ],
      });
      const r = replicate(s);
      const longest = 1 + 2 - 1 / (1 + 1 / 2); // 7/6 h
      const shortest = 1 / (1 + 1 / 2);
      expectWithinInterval(r, 'flows.f.cycle_time.mean', longest, 0.02);
      expectWithinInterval(r, 'flows.f.breakdown.join', longest - shortest, 0.02);
      expectWithinInterval(r, 'flows.f.wip', longest, 0.02); // Little, one case an hour
    }
  });

  test('cancel_after 3 h on ample capacity with exponential work of 2 h cancels a share e^-1.5 of the cases; the rest take E[S | S < 3]; a cancelled case leaves the work in progress and its unit, so both hold E min(S, 3) per case', () => {
    const s = scenario({
      run: { horizon: 20_000, warmup: 100, replications: 10, seed: 42 },
      resources: [team('x', 1e9)],
      arrivals: [poisson('f', 2)],
      flows: [flow('f', [task('a', exp(2), 'x')], { cancelAfter: 3 })],
    });
    const r = replicate(s);
    expectSampleWithinInterval('cancelled / arrived', ratioOf(r, 'flows.f.cancelled', 'flows.f.arrived'), Math.exp(-1.5), 0.02);
    const survivors = 2 - (3 * Math.exp(-1.5)) / (1 - Math.exp(-1.5)); // 1.138 h
    expectWithinInterval(r, 'flows.f.cycle_time.mean', survivors, 0.01);
    const held = 2 * (1 - Math.exp(-1.5)); // E min(S, 3) = 1.554 h
    expectWithinInterval(r, 'flows.f.wip', 2 * held, 0.015);
    expectWithinInterval(r, 'resources.x.busy_hours', 2 * (20_000 - 100) * held, 0.015);
    expectWithinInterval(r, 'flows.f.throughput_per_day', 2 * 24 * (1 - Math.exp(-1.5)), 0.015);
  });

  test("a weekly profile on ample capacity is M_t/G/inf: the work in progress averaged over a window inside the week is the integral of lambda(t - u) P(S > u), for exponential and constant work, and the window's arrivals the integral of lambda", () => {
    const profile: ArrivalProfile = {
      days: [1, 1, 1, 1, 1, 0.5, 0.2],
      hours: [0, 0, 0, 0, 0, 0, 0, 0.5, 1.5, 2, 2, 1.5, 1, 1.5, 2, 2, 1.5, 1, 0.5, 0.3, 0.2, 0.1, 0, 0],
    };
    const base = 6;
    const hourOfWeek = (t: number) => ((Math.floor(t) % 168) + 168) % 168; // t - late may fall before time 0
    const lambda = (t: number) => base * profile.days[Math.floor(hourOfWeek(t) / 24)] * profile.hours[hourOfWeek(t) % 24];
    // Work in progress integrated over [from, to], from empty at time 0, lambda constant within each hour.
    const exponentialArea = (from: number, to: number, mean: number, late = 0) => {
      let n = 0;
      let area = 0;
      for (let h = 0; h < to; h++) {
        const level = lambda(h - late) * mean; // n relaxes towards it at rate 1 / mean
        const at = (t: number) => level + (n - level) * Math.exp(-(t - h) / mean);
        const a = Math.max(h, from);
        const b = Math.min(h + 1, to);
        if (b > a) area += level * (b - a) + (at(a) - level) * mean * (1 - Math.exp(-(b - a) / mean));
        n = at(h + 1);
      }
      return area;
    };
    const arrivedBy = (t: number, late = 0) => {
      let sum = 0;
      for (let h = 0; h < Math.floor(t); h++) sum += lambda(h - late);
      return sum + lambda(Math.floor(t) - late) * (t - Math.floor(t));
    };
    // Constant work d: the cases in system at t are those that arrived in (t - d, t].
    const constantArea = (from: number, to: number, d: number, late = 0) => {
      const step = 1 / 256;
      let area = 0;
      for (let t = from + step / 2; t < to; t += step) area += (arrivedBy(t, late) - arrivedBy(Math.max(0, t - d), late)) * step;
      return area;
    };
    const from = 168 + 7.5; // Tuesday 07:30 of the second week, for 36 h
    const to = from + 36;
    const works: [DistSpec, (late: number) => number][] = [
      [exp(3), (late) => exponentialArea(from, to, 3, late) / (to - from)],
      [constant(2.5), (late) => constantArea(from, to, 2.5, late) / (to - from)],
    ];
    for (const [work, wip] of works) {
      const s = scenario({
        run: { horizon: to, warmup: from, replications: 200, seed: 44 },
        resources: [],
        arrivals: [poisson('f', base, { profile })],
        flows: [flow('f', [task('a', work, null)])],
      });
      const r = replicate(s);
      expectWithinInterval(r, 'flows.f.wip', wip(0), 0.03); // 15.82 and 14.20 cases
      // The test tells the hours apart: the same profile one hour later lies outside the interval.
      expect(Math.abs(wip(1) - wip(0))).toBeGreaterThan(r.halfWidth('flows.f.wip'));
      expectWithinInterval(r, 'flows.f.arrived', arrivedBy(to) - arrivedBy(from), 0.02); // 207 cases
    }
  });

  test('an ample team working 08:00-16:00 on weekdays: its queue is exactly 0 at every hour on shift; off shift, at four hours fixed in advance and on average over the week, it holds the arrivals since the last shift ended', () => {
    const profile: ArrivalProfile = {
      days: [1, 1, 1, 1, 1, 0.5, 0.2],
      hours: [0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1.5, 2, 2, 1.5, 1, 1.5, 2, 2, 1.5, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2],
    };
    const lambda = (h: number) => 3 * profile.days[Math.floor(h / 24) % 7] * profile.hours[h % 24];
    const onShift = (h: number) => Math.floor(h / 24) < 5 && h % 24 >= 8 && h % 24 < 16;
    const s = scenario({
      run: { horizon: 168 * 60, warmup: 168 * 2, replications: 10, seed: 54 },
      calendars: [{ name: 'weekdays', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 16 })) }],
      resources: [team('desk', 1e9, { calendar: 'weekdays' })],
      arrivals: [poisson('f', 3, { profile })],
      flows: [flow('f', [task('w', constant(1), 'desk')])],
    });
    const r = replicate(s);
    const expected = Array.from({ length: 168 }, (_, h) => {
      if (onShift(h)) return 0;
      let since = lambda(h) / 2; // the hour's own arrivals wait half of it on average
      for (let k = (h + 167) % 168; !onShift(k); k = (k + 167) % 168) since += lambda(k);
      return since;
    });
    const byHour = (h: number) => r.reps.map((rep) => rep.queueByHourOfWeek[h]);
    for (let h = 0; h < 168; h++) if (onShift(h)) expect(byHour(h)).toEqual(Array(10).fill(0));
    // Four hours, not all 128 off shift: 128 intervals at 99.9% would miss one in about 12% of runs.
    // Monday 07:00 (the weekend's arrivals), Wednesday 16:00 (the first hour off), Saturday 12:00, Sunday 23:00
    for (const h of [7, 64, 132, 167]) expectSampleWithinInterval(`queue at hour ${h}`, byHour(h), expected[h], 0.1);
    const weekMean = expected.reduce((sum, q) => sum + q, 0) / 168; // 21.21 cases
    expectWithinInterval(r, 'resources.desk.queue_length', weekMean, 0.03);
  });
});

describe('calendars and costs', () => {
  test('a one-person team working 8 of 24 h with Poisson work of 0.2 h per hour is busy 0.2 x 24 / 8 of its hours; its available hours and cost are exact, and each case costs the day wage over the day cases', () => {
    const weeks = 200;
    const s = scenario({
      run: { horizon: 168 * weeks, warmup: 168 * 4, replications: 10, seed: 43 },
      calendars: [{ name: 'day', periods: Array.from({ length: 7 }, (_, d) => ({ start: d * 24 + 8, end: d * 24 + 16 })) }],
      resources: [team('desk', 1, { calendar: 'day', costPerHour: 30 })],
      arrivals: [poisson('f', 0.2)],
      flows: [flow('f', [task('w', exp(1), 'desk')])],
    });
    const r = replicate(s);
    expectWithinInterval(r, 'resources.desk.utilization', 0.6, 0.04);
    expect(r.values('resources.desk.available_hours')).toEqual(Array(10).fill((weeks - 4) * 7 * 8));
    expect(r.values('resources.desk.cost')).toEqual(Array(10).fill((weeks - 4) * 7 * 8 * 30));
    expectWithinInterval(r, 'flows.f.cost_per_case', (8 * 30) / (0.2 * 24), 0.04); // 50 a case
  });

  test('an ample team working 08:00-16:00 with 1 h of work: a case arriving at hour u of the day takes 1 h on shift before 15:00, 17 h from 15:00 to 16:00 (paused overnight), 33 - u h after 16:00 and 9 - u h before 08:00', () => {
    const s = scenario({
      run: { horizon: 24 * 400, warmup: 48, replications: 10, seed: 57 },
      calendars: [{ name: 'day', periods: Array.from({ length: 7 }, (_, d) => ({ start: d * 24 + 8, end: d * 24 + 16 })) }],
      resources: [team('desk', 1e9, { calendar: 'day' })],
      arrivals: [poisson('f', 2)],
      flows: [flow('f', [task('w', constant(1), 'desk')], { sla: 2 })],
    });
    const r = replicate(s);
    // Poisson arrivals see the day uniformly: the cycle is 1 h with probability 7/24, 17 h with
    // 1/24, and uniform on (1, 17) with density 1/24 otherwise.
    expectWithinInterval(r, 'flows.f.cycle_time.mean', (7 * 1 + 17 + 16 * 9) / 24, 0.01); // 7 h
    expectWithinInterval(r, 'flows.f.breakdown.off_shift', 6, 0.015); // 16/24 of 8 h queued, 1/24 of 16 h paused
    expectWithinInterval(r, 'flows.f.nodes.w.wait', (16 / 24) * 8, 0.015); // the queue before 08:00
    expect(r.values('flows.f.breakdown.service')).toEqual(Array(10).fill(1));
    expect(r.values('flows.f.breakdown.wait')).toEqual(Array(10).fill(0)); // never short of a unit on shift
    expectWithinInterval(r, 'flows.f.sla_attainment', 8 / 24, 0.02); // on shift before 15:00, or after 07:00
    expectWithinInterval(r, 'flows.f.cycle_time.p50', 6, 0.025); // 7/24 + (x - 1)/24 = 0.5
    expectWithinInterval(r, 'flows.f.cycle_time.p90', 15.6, 0.005);
    expectWithinInterval(r, 'flows.f.cycle_time.p95', 16.8, 0.005);
  });

  test('two flows sharing a team pay its staffed cost in proportion to the hours each used: exact in a deterministic model', () => {
    const s = scenario({
      run: { horizon: 400, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1, { costPerHour: 10 })],
      arrivals: [every('a', 2), every('b', 4)],
      flows: [flow('a', [task('w', constant(0.5), 'desk')]), flow('b', [task('w', constant(1), 'desk')])],
    });
    const r = replicate(s);
    // 199 cases of a (at 2, 4, ..., 398) and 99 of b (at 4, ..., 396) end before the horizon
    expect(r.values('flows.a.completed')).toEqual([199]);
    expect(r.values('flows.b.completed')).toEqual([99]);
    const busy = 199 * 0.5 + 99 * 1;
    expect(r.values('resources.desk.busy_hours')[0]).toBeCloseTo(busy, 9);
    expect(r.values('flows.a.cost_per_case')[0]).toBeCloseTo((4000 * (199 * 0.5)) / busy / 199, 9);
    expect(r.values('flows.b.cost_per_case')[0]).toBeCloseTo((4000 * (99 * 1)) / busy / 99, 9);
  });

  test("hours one flow frees move another's fully loaded cost per case, not its used cost per case: the idle hours are the team's", () => {
    const shared = (bHours: number) =>
      scenario({
        run: { horizon: 400, warmup: 0, replications: 1, seed: 1 },
        resources: [team('desk', 1, { costPerHour: 10 })],
        arrivals: [every('a', 2), every('b', 4)],
        flows: [flow('a', [task('w', constant(0.5), 'desk')]), flow('b', [task('w', constant(bHours), 'desk')])],
      });
    for (const bHours of [1, 0.5]) {
      const r = replicate(shared(bHours));
      const busy = 199 * 0.5 + 99 * bHours;
      // the hours each case used at 10 an hour, whatever b uses: a's 5, b's 10 x its hours
      expect(r.values('flows.a.used_cost_per_case')[0]).toBeCloseTo(5, 12);
      expect(r.values('flows.b.used_cost_per_case')[0]).toBeCloseTo(10 * bHours, 12);
      // the 400 paid hours the cases did not use: the team's idle cost
      expect(r.values('resources.desk.idle_cost')[0]).toBeCloseTo(10 * (400 - busy), 9);
      // used cost x cases + idle cost = the team's cost, exactly (every busy hour is a completed case's)
      expect(5 * 199 + 10 * bHours * 99 + r.values('resources.desk.idle_cost')[0]).toBeCloseTo(r.values('resources.desk.cost')[0], 9);
      // fully loaded: a's share of the 4000 grows as b frees hours (10.08 -> 13.42 a case)
      expect(r.values('flows.a.cost_per_case')[0]).toBeCloseTo((4000 * (199 * 0.5)) / busy / 199, 9);
    }
  });
});

describe('the closed forms themselves', () => {
  test('the M/M/c sojourn law starts at 1 and integrates to the mean time in system, 1/mu + C / (c mu - lambda)', () => {
    expect(mmcSojournSurvival(2.4, 1, 3, 0)).toBeCloseTo(1, 12);
    let mean = 0;
    for (let t = 0.0005; t < 60; t += 0.001) mean += mmcSojournSurvival(2.4, 1, 3, t) * 0.001;
    expect(mean).toBeCloseTo(1 + erlangC(3, 2.4) / 0.6, 5);
  });

  test('GI/M/1 with Poisson arrivals is M/M/1: sigma is the load', () => {
    expect(gim1Sigma((s) => 0.8 / (0.8 + s), 1)).toBeCloseTo(0.8, 9);
  });

  test('one priority class on M/M/c is FIFO', () => {
    expect(mmcPriorityWaits([2.4], 1, 3)[0]).toBeCloseTo(mmcWait(2.4, 1, 3), 12);
  });
});
