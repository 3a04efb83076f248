// Flat case state: which flows count visits (a case can enter a node twice only through a
// loop or a fork), the visit counts a reused case id starts from, and wide decisions.
import { describe, expect, test } from 'vitest';
import { compileModel, revisitedNodes } from '../../engine/model/compile.js';
import { CaseTable } from '../../engine/sim/cases.js';
import { newJoinRecord, Pool } from '../../engine/sim/entities.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { exp, flow, scenario, task, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

const decision = (name: string, branch: { to: string; p: number }[]): NodeSpec => ({ kind: 'decision', name, etom: null, branch });
const fork = (name: string, parallel: string[], join: string): NodeSpec => ({ kind: 'fork', name, etom: null, parallel, join });
const oneFlow = (nodes: NodeSpec[]) =>
  compileModel(
    scenario({
      resources: [team('desk', 1)],
      arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(1), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('f', nodes)],
    }),
  );

/** Whether a case of the flow can enter one of its nodes more than once. */
const mayRevisit = (model: ReturnType<typeof compileModel>, f: number) => revisitedNodes(model, f).includes(1);

describe('mayRevisit', () => {
  test('a chain and a decision without loops: never', () => {
    expect(mayRevisit(oneFlow([task('a', exp(1), 'desk', 'b'), task('b', exp(1), null)]), 0)).toBe(false);
    const split = oneFlow([
      decision('d', [
        { to: 'x', p: 0.5 },
        { to: 'y', p: 0.5 },
      ]),
      task('x', exp(1), 'desk', 'z'),
      task('y', exp(1), null, 'z'),
      task('z', exp(1), null),
    ]);
    expect(mayRevisit(split, 0)).toBe(false);
    expect(split.nodes.some((n) => n.revisits)).toBe(false); // what the loop reads (compile.ts)
  });

  test('a rework loop through a decision, and a long loop: yes', () => {
    const rework = oneFlow([
      task('a', exp(1), 'desk', 'check'),
      decision('check', [
        { to: 'a', p: 0.2 },
        { to: 'done', p: 0.8 },
      ]),
      task('done', exp(1), null),
    ]);
    expect(mayRevisit(rework, 0)).toBe(true);
    // what follows the loop is entered once
    expect(rework.nodes.map((n) => [n.name, n.revisits])).toEqual([
      ['a', true],
      ['check', true],
      ['done', false],
    ]);
    const names = Array.from({ length: 500 }, (_, i) => `n${i}`);
    const long = oneFlow([
      ...names.map((n, i) => task(n, exp(1), null, i + 1 < names.length ? names[i + 1] : 'back')),
      decision('back', [
        { to: 'n0', p: 0.1 },
        { to: 'end', p: 0.9 },
      ]),
      task('end', exp(1), null),
    ]);
    expect(mayRevisit(long, 0)).toBe(true);
  });

  test('a fork: only what two of its branches reach before the join, and what a loop comes round to', () => {
    const apart = oneFlow([
      task('a', exp(1), 'desk', 'split'),
      fork('split', ['x', 'y'], 'join'),
      task('x', exp(1), 'desk', 'join'),
      task('y', exp(1), null, 'join'),
      task('join', exp(1), null),
    ]);
    // each branch's token enters its own nodes once, and only the last one in goes past the join
    expect(mayRevisit(apart, 0)).toBe(false);
    const shared = oneFlow([
      task('a', exp(1), 'desk', 'split'),
      fork('split', ['x', 'y', 'z'], 'join'),
      task('x', exp(1), 'desk', 's'),
      task('y', exp(1), null, 's'),
      task('z', exp(1), null, 'join'),
      task('s', exp(1), 'desk', 't'),
      task('t', exp(1), null, 'join'),
      task('join', exp(1), 'desk', 'again'),
      decision('again', [
        { to: 'b', p: 0.5 },
        { to: 'end', p: 0.5 },
      ]),
      fork('b', ['c', 'd'], 'end'),
      task('c', exp(1), 'desk', 'loop'),
      decision('loop', [
        { to: 'c', p: 0.3 },
        { to: 'end', p: 0.7 },
      ]),
      task('d', exp(1), null, 'end'),
      task('end', exp(1), null),
    ]);
    expect(shared.nodes.filter((n) => n.revisits).map((n) => n.name)).toEqual(['s', 't', 'c', 'loop']);
    const rework = oneFlow([
      task('a', exp(1), 'desk', 'split'),
      fork('split', ['x', 'y'], 'join'),
      task('x', exp(1), 'desk', 'join'),
      task('y', exp(1), null, 'join'),
      decision('join', [
        { to: 'split', p: 0.2 },
        { to: 'end', p: 0.8 },
      ]),
      task('end', exp(1), null),
    ]);
    expect(rework.nodes.filter((n) => n.revisits).map((n) => n.name)).toEqual(['split', 'x', 'y', 'join']);
  });
});

describe('CaseTable', () => {
  test('a reused id starts with no visits and cleared KPI slots, whatever its earlier case did', () => {
    const cases = new CaseTable(3, 2, 1); // room for one case: the second acquire grows the arrays
    const a = cases.acquire();
    cases.serial[a] = 0;
    expect([cases.visit(a, 2), cases.visit(a, 2), cases.visit(a, 0)]).toEqual([0, 1, 0]);
    cases.kpiFrom[a * 2 + 1] = 5;
    cases.kpiDone[a * 2 + 1] = 1;
    const b = cases.acquire();
    cases.serial[b] = 1;
    expect(cases.visit(b, 2)).toBe(0);
    expect(cases.visit(a, 2)).toBe(2); // a's counts survived the growth
    cases.release(a);
    const again = cases.acquire();
    expect(again).toBe(a);
    cases.serial[again] = 2;
    expect(cases.visit(again, 2)).toBe(0);
    expect(Number.isNaN(cases.kpiFrom[again * 2 + 1])).toBe(true);
    expect(cases.kpiDone[again * 2 + 1]).toBe(0);
    expect(cases.size).toBe(2);
  });

  test('released ids come back last released first, and new ones only once none is free, past the initial room', () => {
    const cases = new CaseTable(0, 0, 2);
    const ids = Array.from({ length: 9 }, () => cases.acquire());
    expect(ids).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    for (const id of [3, 7, 0]) cases.release(id);
    expect([cases.acquire(), cases.acquire(), cases.acquire(), cases.acquire()]).toEqual([0, 7, 3, 9]);
    for (const id of ids) if (id !== 0 && id !== 3 && id !== 7) cases.release(id);
    expect(Array.from({ length: 7 }, () => cases.acquire())).toEqual([8, 6, 5, 4, 2, 1, 10]);
    expect(cases.size).toBe(11);
  });
});

describe('Pool', () => {
  test('released items come back last released first, new ones numbered on, past the initial room of the free stack', () => {
    const pool = new Pool(newJoinRecord, null);
    const items = Array.from({ length: 10 }, () => pool.acquire());
    expect(items.map((r) => r.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const r of items) pool.release(r); // ten on a stack that started with room for four
    expect(Array.from({ length: 11 }, () => pool.acquire().id)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 10]);
    expect(pool.items[4]).toBe(items[4]); // the same object, reused
  });
});

describe('a decision with many branches', () => {
  test('each branch is taken with its probability (unequal shares over 40 branches, found by bisection)', () => {
    const k = 40;
    const weights = Array.from({ length: k }, (_, i) => (i % 3 === 0 ? 10 : i % 3 === 1 ? 1 : 4)); // a branch off by one would swap shares
    const total = weights.reduce((a, b) => a + b, 0);
    const m = scenario({
      run: { horizon: 20_000, warmup: 0, replications: 1, seed: 3 },
      resources: [],
      arrivals: [{ flow: 'f', ordinal: 0, interarrival: exp(0.5), fromRate: true, profile: null, priority: 0 }],
      flows: [
        flow('f', [
          decision(
            'route',
            weights.map((w, i) => ({ to: `t${i}`, p: w / total })),
          ),
          ...weights.map((_, i) => task(`t${i}`, exp(0.1), null)),
        ]),
      ],
    });
    const r = replicate(m, 1);
    const visits = weights.map((_, i) => r.values(`flows.f.nodes.t${i}.visits`)[0]);
    const n = visits.reduce((a, b) => a + b, 0);
    expect(n).toBeGreaterThan(35_000);
    // binomial counts: within 4.5 sd of n p each
    weights.forEach((w, i) => {
      const p = w / total;
      expect(Math.abs(visits[i] - n * p)).toBeLessThan(4.5 * Math.sqrt(n * p * (1 - p)));
    });
  });
});
