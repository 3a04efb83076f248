// The flow layout: the graph has every step, a start and an end event and a join gateway per
// fork; boxes do not overlap; the main path runs left to right; the same input lays out the same.
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { flowGraph, layoutFlow, sameLinks, type FlowStructure } from '../../engine/layout/flow-layout.js';

const FLOW: FlowStructure = {
  start: 'capture',
  nodes: [
    { name: 'capture', kind: 'task', next: 'check' },
    {
      name: 'check',
      kind: 'decision',
      branch: [
        { to: 'design', p: 0.85 },
        { to: 'capture', p: 0.15 },
      ],
    },
    { name: 'design', kind: 'fork', parallel: ['configure', 'visit'], join: 'activate' },
    { name: 'configure', kind: 'task', next: 'activate' },
    { name: 'visit', kind: 'task', next: 'activate' },
    { name: 'activate', kind: 'task', next: null },
  ],
};

const sizes = {
  node: () => ({ width: 100, height: 40 }),
  label: (e: { p: number | null }) => (e.p === null ? null : { width: 30, height: 12 }),
};

describe('flowGraph', () => {
  test('start, every step, a join gateway in front of the join node, end', () => {
    const g = flowGraph(FLOW);
    expect(g.nodes.map((n) => n.id)).toEqual([
      'start',
      'node:capture',
      'node:check',
      'node:design',
      'node:configure',
      'node:visit',
      'join:design',
      'node:activate',
      'end',
    ]);
    const edges = g.edges.map((e) => `${e.from}->${e.to}${e.p === null ? '' : `@${e.p}`}`);
    expect(edges).toEqual([
      'start->node:capture',
      'node:capture->node:check',
      'node:check->node:design@0.85',
      'node:check->node:capture@0.15',
      'node:design->node:configure',
      'node:design->node:visit',
      'node:configure->join:design',
      'node:visit->join:design',
      'node:activate->end',
      'join:design->node:activate',
    ]);
  });

  test('a branch that goes straight to the join meets the others at the gateway', () => {
    const g = flowGraph({
      start: 'f',
      nodes: [
        { name: 'f', kind: 'fork', parallel: ['a', 'j'], join: 'j' },
        { name: 'a', kind: 'task', next: 'j' },
        { name: 'j', kind: 'task', next: null },
      ],
    });
    expect(
      g.edges
        .filter((e) => e.to === 'join:f')
        .map((e) => e.from)
        .sort(),
    ).toEqual(['node:a', 'node:f']);
  });

  test('names are data: __proto__ and constructor are steps like any other', () => {
    const g = flowGraph({
      start: '__proto__',
      nodes: [
        { name: '__proto__', kind: 'task', next: 'constructor' },
        { name: 'constructor', kind: 'task', next: null },
      ],
    });
    expect(g.nodes.map((n) => n.node)).toEqual([null, '__proto__', 'constructor', null]);
  });
});

describe('layoutFlow', () => {
  test('boxes do not overlap, the flow runs left to right, labels sit on their edges', async () => {
    const layout = await layoutFlow(FLOW, sizes);
    const byId = new Map(layout.nodes.map((n) => [n.id, n]));
    for (const a of layout.nodes) {
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
    const x = (id: string) => byId.get(id)!.x;
    expect(x('start')).toBeLessThan(x('node:capture'));
    expect(x('node:capture')).toBeLessThan(x('node:design'));
    expect(x('node:design')).toBeLessThan(x('node:visit'));
    expect(x('join:design')).toBeLessThan(x('node:activate'));
    expect(x('node:activate')).toBeLessThan(x('end'));
    for (const e of layout.edges) expect(e.points.length).toBeGreaterThanOrEqual(2);
    expect(layout.edges.filter((e) => e.label !== null).length).toBe(2);
    for (const n of layout.nodes) {
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
  });

  test('the same flow lays out the same', async () => {
    expect(JSON.stringify(await layoutFlow(FLOW, sizes))).toBe(JSON.stringify(await layoutFlow(FLOW, sizes)));
  });
});

describe('sameLinks', () => {
  // random flows of up to 8 nodes, and the same flow with one change: of a p, a link, a kind or a name
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const flowOf = (n: number, picks: number[]): FlowStructure => {
    const at = (k: number) => names[picks[k % picks.length] % n];
    return {
      start: names[0],
      nodes: names.slice(0, n).map((name, i) => {
        const kind = picks[i % picks.length] % 3;
        if (kind === 0) return { name, kind: 'task', next: picks[i + 1] % 4 === 0 ? null : at(i + 2) };
        if (kind === 1)
          return {
            name,
            kind: 'decision',
            branch: [
              { to: at(i + 1), p: 0.5 },
              { to: at(i + 3), p: 0.5 },
            ],
          };
        return { name, kind: 'fork', parallel: [at(i + 1), at(i + 2)], join: at(i + 3) };
      }),
    };
  };
  const withoutP = (flow: FlowStructure) => ({ ...flowGraph(flow), edges: flowGraph(flow).edges.map((e) => ({ ...e, p: null })) });

  test('two flows of the same links make the same graph but for p; one link changed, not the same links', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(50), { minLength: 4, maxLength: 12 }),
        fc.nat(30),
        fc.nat(3),
        (n, picks, k, change) => {
          const a = flowOf(n, picks);
          const b: FlowStructure = structuredClone(a);
          const node = b.nodes[k % n];
          if (change === 0 && node.kind === 'decision') node.branch[0].p = 0.25;
          if (change === 1) b.start = names[(k + 1) % n];
          if (change === 2 && node.kind === 'task') node.next = node.next === null ? 'a' : null;
          if (change === 2 && node.kind === 'decision') node.branch[1].to = names[(k + 2) % n];
          if (change === 2 && node.kind === 'fork') node.join = names[(k + 2) % n];
          if (change === 3) node.name = `${node.name}2`;
          if (sameLinks(a, b)) expect(withoutP(b)).toEqual(withoutP(a));
          else expect(JSON.stringify(b)).not.toEqual(JSON.stringify(a));
          if (
            JSON.stringify({
              ...b,
              nodes: b.nodes.map((x) => (x.kind === 'decision' ? { ...x, branch: x.branch.map((y) => y.to) } : x)),
            }) !==
            JSON.stringify({ ...a, nodes: a.nodes.map((x) => (x.kind === 'decision' ? { ...x, branch: x.branch.map((y) => y.to) } : x)) })
          )
            expect(sameLinks(a, b)).toBe(false);
          else expect(sameLinks(a, b)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
