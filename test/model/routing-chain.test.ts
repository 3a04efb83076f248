// The routing chain at sizes a hand-written flow never reaches: a fork of 20,000 branches and
// a rework loop of 5,000 steps (a walk per edge into a join, and a dense solve, made these
// quadratic and cubic), and the sparse solve against the dense one on random components.
import { describe, expect, test } from 'vitest';
import { fileURLToPath } from 'node:url';
import { expectedVisits, flowRouting } from '../../engine/model/offered-load.js';
import {
  componentsInTopologicalOrder,
  type RoutingEdge,
  readFlowRoutingEdges,
  routingEdges,
  solveComponent,
  visitsOnceReached,
} from '../../engine/model/routing-chain.js';
import { zeroTimeLoops } from '../../engine/model/zero-time-loops.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { constant, flow, task } from '../support/build.js';
import { seededDraws } from '../support/seeded-draws.js';

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('routing chain of large flows', () => {
  test('a fork of 20,000 branches: one edge to each branch and one to its join, none from a branch to the join', () => {
    const branches = names(20_000, 'b');
    const f = flow('f', [
      { kind: 'fork', name: 'split', etom: null, parallel: branches, join: 'join' },
      ...branches.map((b) => task(b, constant(1), null, 'join')),
      task('join', constant(1), null),
    ] as NodeSpec[]);
    const out = routingEdges(f);
    expect(out[0]).toHaveLength(20_001);
    expect(out[0][20_000]).toEqual({ to: 20_001, w: 1 });
    expect(out.slice(1, 20_001).every((edges) => edges.length === 0)).toBe(true);
    expect(expectedVisits(f).every((v) => v === 1)).toBe(true);
  });

  test('a rework loop of 5,000 steps left with p = 0.25: every step visited 4 times, the step after it once', () => {
    const steps = names(5_000, 's');
    const f = flow('f', [
      ...steps.map((s, i) => task(s, constant(1), 'desk', i + 1 < steps.length ? steps[i + 1] : 'check')),
      {
        kind: 'decision',
        name: 'check',
        etom: null,
        branch: [
          { to: 's0', p: 0.75 },
          { to: 'done', p: 0.25 },
        ],
      },
      task('done', constant(1), null),
    ] as NodeSpec[]);
    const visits = expectedVisits(f);
    expect(visits.slice(0, 5_001).filter((v) => Math.abs(v - 4) > 1e-9)).toEqual([]);
    expect(visits[5_001]).toBeCloseTo(1, 12);
  });

  test('a zero-time loop of 1,000 steps with no way out is found as one (Infinity passes)', () => {
    const steps = names(1_000, 's');
    const f = flow('f', [...steps.map((s, i) => task(s, constant(0), null, steps[(i + 1) % steps.length]))] as NodeSpec[]);
    const [loop, ...others] = zeroTimeLoops(f);
    expect(others).toEqual([]);
    expect(loop.nodes).toHaveLength(1_000);
    expect(loop.expectedPasses).toBe(Infinity);
  });

  test('on random components the sparse solve gives the dense solve, to 1e-9', () => {
    const uniform = seededDraws(12345).random;
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + Math.floor(uniform() * 60);
      // A ring through every node (one component), plus random chords; each node's weights sum to at most 0.95.
      const out: RoutingEdge[][] = Array.from({ length: n }, (_, i) => {
        const targets = [(i + 1) % n, ...Array.from({ length: Math.floor(uniform() * 4) }, () => Math.floor(uniform() * n))];
        const raw = targets.map(() => uniform() + 0.05);
        const total = raw.reduce((a, b) => a + b, 0);
        const keep = 0.5 + 0.45 * uniform();
        return targets.map((to, k) => ({ to, w: (raw[k] / total) * keep }));
      });
      const [component, ...rest] = componentsInTopologicalOrder(out);
      expect(rest).toEqual([]);
      const b = (node: number) => (node === 0 ? 1 : node % 3 === 0 ? 0.5 : 0);
      const dense = solveComponent(component, out, b);
      const sparse = solveComponent(component, out, b, 0);
      sparse.forEach((x, i) => expect(Math.abs(x - dense[i])).toBeLessThan(1e-9 * Math.max(1, Math.abs(dense[i]))));
    }
  });

  test('visits once reached: 1 / (1 - the chance of coming back), dense and sparse alike', () => {
    // a goes round itself (s), else to b; b back to a (p), else out: a comes back with s + (1 - s)p, b with p
    const s = 0.3;
    const p = 0.6;
    const out: RoutingEdge[][] = [
      [
        { to: 0, w: s },
        { to: 1, w: 1 - s },
      ],
      [{ to: 0, w: p }],
    ];
    const expected = [1 / (1 - s - (1 - s) * p), 1 / (1 - p)];
    for (const denseUpTo of [200, 0]) {
      const got = visitsOnceReached([1, 0], out, denseUpTo);
      expect(got[0]).toBeCloseTo(expected[1], 12);
      expect(got[1]).toBeCloseTo(expected[0], 12);
    }
    // a loop with no way out: Infinity
    expect(visitsOnceReached([0], [[{ to: 0, w: 1 }]])).toEqual([Number.POSITIVE_INFINITY]);
    expect(visitsOnceReached([0], [[{ to: 0, w: 1 }]], 0)).toEqual([Number.POSITIVE_INFINITY]);
  });
});

describe('routing edges of a validated flow', () => {
  test("made once for the zero-time loops' search and the offered load: the same lists as a fresh routingEdges, read anew for a replaced node list", () => {
    const loaded = loadScenarioFile(fileURLToPath(new URL('../../scenarios/fiber-order-to-activation.yaml', import.meta.url)));
    const f = loaded.set!.baseline.flows[0];
    const held = readFlowRoutingEdges(f);
    expect(readFlowRoutingEdges(f)).toBe(held);
    expect(held).toEqual(routingEdges(f));
    // the offered load's routing solved on the held lists is the one it solves on its own
    expect(flowRouting(f, held)).toEqual(flowRouting(f));
    // validation's search read them and left them as made (a search that scaled them in place would show here)
    expect(held).toEqual(routingEdges(f));
    // a node list replaced (fallout's p 0.15 -> 0.5) is read anew, not from what was kept
    f.nodes = f.nodes.map((n) =>
      n.kind === 'decision' && n.name === 'fallout_check' ? { ...n, branch: n.branch.map((b) => ({ ...b, p: 0.5 })) } : n,
    );
    const anew = readFlowRoutingEdges(f);
    expect(anew).toEqual(routingEdges(f));
    expect(anew).not.toEqual(held);
    expect(flowRouting(f, anew).visits).toEqual(expectedVisits(f));
  });
});
