// Swimlanes on a laid-out flow: every node inside its lane's band, lanes stacked in the order
// given with the unlaned band last, no two boxes overlapping, columns (x order) unchanged, and
// edges that start and end on their nodes' sides.
import { expect, test } from 'vitest';
import { inLanes, layoutFlow, type FlowStructure } from '../../engine/layout/flow-layout.js';

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
    { name: 'design', kind: 'fork', parallel: ['configure', 'visit', 'notify'], join: 'activate' },
    { name: 'configure', kind: 'task', next: 'activate' },
    { name: 'visit', kind: 'task', next: 'activate' },
    { name: 'notify', kind: 'task', next: 'activate' },
    { name: 'activate', kind: 'task', next: null },
  ],
};
const TEAM: Record<string, string> = { capture: 'desk', check: 'desk', configure: 'provisioning', visit: 'field', notify: 'field' };

test('nodes sit in their lanes, stacked without overlap, in the columns elk gave them', async () => {
  const laid = await layoutFlow(FLOW, { node: (n) => (n.kind === 'task' ? { width: 100, height: 80 } : { width: 50, height: 50 }) });
  const laned = inLanes(laid, (n) => (n.node === null ? null : (TEAM[n.node] ?? null)), ['desk', 'provisioning', 'field']);
  expect(laned.lanes.map((l) => l.lane)).toEqual(['desk', 'provisioning', 'field', null]);
  for (let i = 1; i < laned.lanes.length; i++) expect(laned.lanes[i].y).toBe(laned.lanes[i - 1].y + laned.lanes[i - 1].height);
  for (const n of laned.nodes) {
    const lane = laned.lanes.find((l) => l.lane === (n.node === null ? null : (TEAM[n.node] ?? null)))!;
    expect(n.y).toBeGreaterThanOrEqual(lane.y);
    expect(n.y + n.height).toBeLessThanOrEqual(lane.y + lane.height);
    const before = laid.nodes.find((m) => m.id === n.id)!;
    expect(n.x - before.x).toBe(laned.nodes[0].x - laid.nodes[0].x); // one shift for all: columns kept
  }
  for (const a of laned.nodes) {
    for (const b of laned.nodes) {
      if (a === b) continue;
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
  }
  // visit and notify share a column in the field lane: stacked in two rows
  const field = laned.nodes.filter((n) => n.node === 'visit' || n.node === 'notify');
  expect(field[0].x).toBe(field[1].x);
  expect(field[0].y).not.toBe(field[1].y);
  for (const e of laned.edges) {
    const from = laned.nodes.find((n) => n.id === e.from)!;
    const to = laned.nodes.find((n) => n.id === e.to)!;
    const [first, last] = [e.points[0], e.points[e.points.length - 1]];
    const onSide = (p: { x: number; y: number }, b: typeof from) =>
      p.x >= b.x - 1e-9 && p.x <= b.x + b.width + 1e-9 && p.y >= b.y - 1e-9 && p.y <= b.y + b.height + 1e-9;
    expect(onSide(first, from) && onSide(last, to), e.id).toBe(true);
  }
});
