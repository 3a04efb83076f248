// Skill pools (`resource: { any: [...] }`): deterministic cases worked by hand, a pool of
// single-server teams against one team of the same size (the same sample path, since draws
// are keyed by case and visit, not by server) and against Erlang C.
import { describe, expect, test } from 'vitest';
import type { NodeSpec, Scenario } from '../../engine/scenario/types.js';
import { constant, every, exp, flow, mmc, scenario, task, team } from '../support/build.js';
import { mmcWait } from '../support/queueing.js';
import { expectWithinInterval, replicate } from '../support/simulate.js';

const pooled = (name: string, duration: number, pool: string[]): NodeSpec =>
  ({ ...task(name, constant(duration), pool[0]), pool }) as NodeSpec;

/**
 * Three cases of flow x at 10:00 need 4 h from a pool of two single-unit teams; one case of
 * flow y at 10:30 needs 1 h of the pool's first team only.
 */
function desk(pool: string[], yPriority: number): Scenario {
  return scenario({
    run: { horizon: 19, warmup: 0, replications: 1, seed: 1 },
    resources: [team('t1', 1), team('t2', 1)],
    arrivals: [every('x', 10, 0), every('x', 10, 1), every('x', 10, 2), { ...every('y', 10.5), priority: yPriority }],
    flows: [flow('x', [pooled('p', 4, pool)]), flow('y', [task('q', constant(1), pool[0])])],
  });
}

describe('a pool of two teams, worked by hand', () => {
  test('the first listed free team takes a case; the first team to free a unit takes the longest-waiting case across tasks', () => {
    // 10:00 x1 -> t2 (first listed), x2 -> t1, x3 waits at both. 10:30 y waits at t2 behind x3.
    // 14:00 t2 frees first (x1 was scheduled first): it takes x3, the earlier arrival, ending 18:00;
    // t1 frees: x3's entry is stale, its queue is empty. y waits for t2 until 18:00.
    const r = replicate(desk(['t2', 't1'], 0));
    expect(r.values('flows.x.nodes.p.served_by.t2.visits')[0]).toBe(2);
    expect(r.values('flows.x.nodes.p.served_by.t1.visits')[0]).toBe(1);
    expect(r.values('flows.x.nodes.p.served_by.t2.share')[0]).toBe(2 / 3);
    expect(r.values('flows.x.nodes.p.served_by.t2.service_hours')[0]).toBe(8);
    expect(r.values('flows.x.cycle_time.mean')[0]).toBe((4 + 4 + 8) / 3);
    expect(r.values('flows.y.nodes.q.wait')[0]).toBe(7.5);
    expect(r.values('resources.t2.wait')[0]).toBe((0 + 4 + 7.5) / 3);
    expect(r.values('resources.t1.wait')[0]).toBe(0);
    // a pooled case waiting counts in the queue of every team it waits for: x3 10-14 at both, y 10.5-18 at t2
    expect(r.values('resources.t1.queue_length')[0]).toBeCloseTo(4 / 19, 12);
    expect(r.values('resources.t2.queue_length')[0]).toBeCloseTo((4 + 7.5) / 19, 12);
    // busy: t2 x1 4 h, x3 4 h, y 1 h (18-19, open at the horizon); t1 x2 4 h
    expect(r.values('resources.t2.busy_hours')[0]).toBe(9);
    expect(r.values('resources.t1.busy_hours')[0]).toBe(4);
  });

  test('by priority, then arrival order, across all the tasks a team serves', () => {
    // y now goes first: at 14:00 t2 takes y (ends 15:00) and t1, freed next, takes x3 (ends 18:00)
    const r = replicate(desk(['t2', 't1'], 1));
    expect(r.values('flows.y.nodes.q.wait')[0]).toBe(3.5);
    expect(r.values('flows.x.nodes.p.served_by.t1.visits')[0]).toBe(2);
    expect(r.values('flows.x.nodes.p.served_by.t2.visits')[0]).toBe(1);
    expect(r.values('flows.x.cycle_time.mean')[0]).toBe((4 + 4 + 8) / 3);
  });
});

describe('a pool of single-server teams is M/M/c', () => {
  const c = 3;
  const poolOf = (run: Scenario['run']): Scenario => {
    const base = mmc(2.4, 1, c, run);
    const teams = Array.from({ length: c }, (_, i) => `agent${i + 1}`);
    return {
      ...base,
      resources: teams.map((name) => team(name, 1)),
      flows: [flow('calls', [{ ...task('serve', exp(1), teams[0]), pool: teams } as NodeSpec])],
    };
  };

  test('the same sample path as one team of c: every wait and cycle time identical', () => {
    const run = { horizon: 2000, warmup: 100, replications: 2, seed: 3 };
    const one = replicate(mmc(2.4, 1, c, run));
    const pool = replicate(poolOf(run));
    for (const path of [
      'flows.calls.cycle_time.mean',
      'flows.calls.cycle_time.p90',
      'flows.calls.nodes.serve.wait',
      'flows.calls.completed',
    ]) {
      expect(pool.values(path)).toEqual(one.values(path));
    }
    // the first listed team is the busiest: it takes every case that finds it free
    expect(pool.mean('resources.agent1.utilization')).toBeGreaterThan(pool.mean('resources.agent3.utilization'));
  });

  test('M/M/3 at 80% load: mean wait against Erlang C, within the 99.9% interval', () => {
    const r = replicate(poolOf({ horizon: 20_000, warmup: 500, replications: 10, seed: 17 }));
    expectWithinInterval(r, 'flows.calls.nodes.serve.wait', mmcWait(2.4, 1, c), 0.12);
    const shares = [1, 2, 3].map((i) => r.mean(`flows.calls.nodes.serve.served_by.agent${i}.share`));
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});

describe("a team's waits are those of the tasks it serves", () => {
  test('a team of one task alone has that task’s waits exactly; a team of two tasks, or in a pool, the sum of what it served', () => {
    // solo serves s alone; shared serves x and y; p is pooled over p1 and p2, and p2 also serves q alone: p2 is no task's alone
    const s = scenario({
      run: { horizon: 2000, warmup: 100, replications: 1, seed: 7 },
      resources: [team('solo', 1), team('shared', 1), team('p1', 1), team('p2', 1)],
      arrivals: [{ flow: 'o', ordinal: 0, interarrival: exp(1), fromRate: false, profile: null, priority: 0 }],
      flows: [
        flow('o', [
          task('s', exp(0.8), 'solo', 'x'),
          task('x', exp(0.4), 'shared', 'y'),
          task('y', exp(0.45), 'shared', 'p'),
          { ...task('p', exp(1.2), 'p1', 'q'), pool: ['p1', 'p2'] } as NodeSpec,
          task('q', exp(0.2), 'p2'),
        ]),
      ],
    });
    const r = replicate(s, 1);
    const v = (path: string) => r.values(path)[0];
    expect(v('flows.o.nodes.s.wait_hours')).toBeGreaterThan(100);
    expect(v('resources.solo.wait_hours')).toBe(v('flows.o.nodes.s.wait_hours'));
    expect(v('resources.solo.wait')).toBe(v('flows.o.nodes.s.wait'));
    expect(v('flows.o.nodes.x.wait_hours')).toBeGreaterThan(100);
    expect(v('flows.o.nodes.y.wait_hours')).toBeGreaterThan(100);
    expect(v('resources.shared.wait_hours')).toBeCloseTo(v('flows.o.nodes.x.wait_hours') + v('flows.o.nodes.y.wait_hours'), 6);
    expect(v('resources.p1.wait_hours')).toBeGreaterThan(10);
    expect(v('resources.p1.wait_hours') + v('resources.p2.wait_hours')).toBeCloseTo(
      v('flows.o.nodes.p.wait_hours') + v('flows.o.nodes.q.wait_hours'),
      6,
    );
    expect(v('resources.p2.wait_hours')).toBeGreaterThan(v('flows.o.nodes.q.wait_hours'));
  });
});
