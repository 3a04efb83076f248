// Teams' figures against theory where no other test checked them: a skill pool's queue length
// on each of its teams, its preference order (the ordered-entry M/M/2) and its priority classes
// (M/M/2), a roster's available hours and utilisation against the offered load, rosters whose
// shifts hand over or overlap at a constant capacity (the same sample path as a plain team), the
// paired difference of one more server against Erlang C's, and the cases open at the horizon
// against M/M/1's number in system and the ages of those present (H = lambda G). As in
// closed-form.test.ts, theory must lie inside the replications' own 99.9% interval, and each
// interval is bounded so the test has power.
import { describe, expect, test } from 'vitest';
import type { ShiftSpec } from '../../engine/scenario/types.js';
import { exp, flow, mmc, poisson, pooledTask, scenario, task, team } from '../support/build.js';
import { mmcPriorityWaits, mmcWait } from '../support/queueing.js';
import { expectSampleWithinInterval, expectWithinInterval, replicate } from '../support/simulate.js';

describe('a skill pool of two one-person teams is M/M/2', () => {
  test("a waiting case counts in each team's queue: both teams' queue length is M/M/2's lambda Wq", () => {
    const s = scenario({
      run: { horizon: 30_000, warmup: 500, replications: 10, seed: 33 },
      resources: [team('t1', 1), team('t2', 1)],
      arrivals: [poisson('a', 0.8), poisson('b', 0.8)],
      flows: [flow('a', [pooledTask('w', exp(1), ['t1', 't2'])]), flow('b', [pooledTask('w', exp(1), ['t2', 't1'])])],
    });
    const r = replicate(s);
    for (const t of ['t1', 't2']) expectWithinInterval(r, `resources.${t}.queue_length`, 1.6 * mmcWait(1.6, 1, 2), 0.12); // 2.84
  });

  test("one flow preferring t1: a case finding both free goes to t1, so t1 is busier than t2 by the ordered-entry chain's share, and the pool waits as M/M/2", () => {
    const lambda = 1.2;
    const s = scenario({
      run: { horizon: 30_000, warmup: 500, replications: 10, seed: 34 },
      resources: [team('t1', 1), team('t2', 1)],
      arrivals: [poisson('a', lambda)],
      flows: [flow('a', [pooledTask('w', exp(1), ['t1', 't2'])])],
    });
    const r = replicate(s);
    // M/M/2 (mu 1): P0 = (1 - rho) / (1 + rho), P1 = lambda P0, P2 = P1 rho, P(both busy) = P2 / (1 - rho); of P1, the
    // state with only t2 busy is left at lambda + 1 and entered from P2 at 1 (t1 frees): P(t2 alone) = P2 / (lambda + 1)
    const rho = lambda / 2;
    const [p1, p2] = [(lambda * (1 - rho)) / (1 + rho), (lambda * (1 - rho) * rho) / (1 + rho)];
    const both = p2 / (1 - rho); // 0.45
    const t2Alone = p2 / (lambda + 1); // 0.082
    expectWithinInterval(r, 'resources.t1.utilization', p1 - t2Alone + both, 0.02); // 0.668
    expectWithinInterval(r, 'resources.t2.utilization', t2Alone + both, 0.02); // 0.532
    // a pool that took either free team alike would load both rho = 0.6: outside either interval
    expect(rho - (t2Alone + both)).toBeGreaterThan(r.halfWidth('resources.t2.utilization'));
    expectWithinInterval(r, 'flows.a.nodes.w.wait', mmcWait(lambda, 1, 2), 0.08); // 0.5625 h
  });

  test('priority classes across the pool wait as non-preemptive priorities on M/M/2', () => {
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 12 },
      resources: [team('t1', 1), team('t2', 1)],
      arrivals: [poisson('urgent', 0.6, { priority: 3 }), poisson('normal', 0.9)],
      flows: [flow('urgent', [pooledTask('w', exp(1), ['t1', 't2'])]), flow('normal', [pooledTask('w', exp(1), ['t2', 't1'])])],
    });
    const r = replicate(s);
    const [high, low] = mmcPriorityWaits([0.6, 0.9], 1, 2); // 0.459 h and 1.837 h
    expectWithinInterval(r, 'flows.urgent.nodes.w.wait', high, 0.05);
    expectWithinInterval(r, 'flows.normal.nodes.w.wait', low, 0.1);
    // first come, first served in one class would give both M/M/2's 2.25 h / 1.5 h: outside both intervals
    expect(Math.abs(mmcWait(1.5, 1, 2) - high)).toBeGreaterThan(r.halfWidth('flows.urgent.nodes.w.wait'));
  });
});

/** Every day of the week from `from` to `to` o'clock (`to` past 24 runs into the next day), as the loader writes a shift's periods. */
const daily = (from: number, to: number, capacity: number): ShiftSpec => ({
  periods: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ start: d * 24 + from, end: d * 24 + to })),
  capacity,
});

describe('rosters', () => {
  test('3 people 08:00-20:00 and 1 from 20:00 to 08:00 offered 1 h of work an hour: 48 unit-hours a day, half of them busy', () => {
    const s = scenario({
      run: { horizon: 168 * 150, warmup: 168, replications: 10, seed: 14 },
      resources: [team('desk', 3, { shifts: [daily(8, 20, 3), daily(20, 32, 1)] })],
      arrivals: [poisson('a', 1)],
      flows: [flow('a', [task('w', exp(1), 'desk')])],
    });
    const r = replicate(s);
    expect(r.values('resources.desk.available_hours')).toEqual(Array(10).fill(149 * 7 * 48));
    // the nights' backlog is worked off by day: all the work offered is done, on half the unit-hours
    expectWithinInterval(r, 'resources.desk.utilization', 24 / 48, 0.02);
    expectWithinInterval(r, 'flows.a.throughput_per_day', 24, 0.02);
  });

  test('shifts summing to 3 at every hour are a team of 3: the same sample path, whether they hand over whole, overlap or run past midnight', () => {
    const plain = mmc(2.4, 1, 3, { horizon: 5000, warmup: 100, replications: 3, seed: 3 });
    const a = replicate(plain);
    const rosters = [
      [daily(0, 12, 3), daily(12, 24, 3)],
      // at 16:00 a shift of 2 ends as another of 2 starts, one person on throughout: the drop and the rise at one instant
      [daily(0, 16, 2), daily(16, 24, 2), daily(0, 24, 1)],
      [daily(6, 14, 3), daily(14, 30, 3)],
    ];
    for (const shifts of rosters) {
      const rostered = structuredClone(plain);
      rostered.resources = [team('agents', 3, { shifts })];
      const b = replicate(rostered);
      for (const path of [
        'flows.calls.completed',
        'flows.calls.cycle_time.mean',
        'flows.calls.cycle_time.p90',
        'flows.calls.breakdown.off_shift',
        'resources.agents.wait',
        'resources.agents.queue_length',
        'resources.agents.available_hours',
      ])
        expect(b.values(path), path).toEqual(a.values(path));
      // busy hours summed per shift spell: equal to rounding
      b.values('resources.agents.utilization').forEach((u, i) => expect(u).toBeCloseTo(a.values('resources.agents.utilization')[i], 12));
    }
  });
});

describe('comparisons with common random numbers', () => {
  test("one more server on M/M/2 at 80% load: the paired 99.9% interval of the wait's difference covers Erlang C's -1.55 h", () => {
    const run = { horizon: 20_000, warmup: 500, replications: 10, seed: 21 };
    const two = replicate(mmc(1.6, 1, 2, run));
    const three = replicate(mmc(1.6, 1, 3, run));
    const before = two.values('resources.agents.wait');
    const differences = three.values('resources.agents.wait').map((w, i) => w - before[i]);
    const theory = mmcWait(1.6, 1, 3) - mmcWait(1.6, 1, 2); // 0.2255 - 1.7778
    expectSampleWithinInterval('wait with 3 - wait with 2', differences, theory, 0.1);
  });
});

describe('cases open at the horizon (M/M/1 at 50% load, 100 h from empty: near steady state)', () => {
  test('their number is L = rho / (1 - rho); their ages add up to lambda E[T^2] / 2 (H = lambda G)', () => {
    // one observation per queue and replication: ten independent queues in each replication
    const queues = Array.from({ length: 10 }, (_, q) => `q${q}`);
    const s = scenario({
      run: { horizon: 100, warmup: 0, replications: 250, seed: 3 },
      resources: queues.map((q) => team(q, 1)),
      arrivals: queues.map((q) => poisson(q, 0.5)),
      flows: queues.map((q) => flow(q, [task('w', exp(1), q)])),
    });
    const r = replicate(s);
    const open = queues.flatMap((q) => r.values(`flows.${q}.open_at_horizon`));
    const age = queues.flatMap((q) => r.values(`flows.${q}.open_age`)); // a mean over the open cases: none when none is open
    expectSampleWithinInterval('cases open', open, 0.5 / (1 - 0.5), 0.12);
    const ages = open.map((n, i) => (n > 0 ? n * age[i] : 0));
    // the time in system is exponential at rate mu - lambda = 0.5: E T^2 = 2 / 0.25
    expectSampleWithinInterval('summed ages of the open cases', ages, (0.5 * 8) / 2, 0.25);
  });
});
