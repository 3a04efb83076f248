// A plain task (ModelNode.plainTask: one team, no milestone starting at it, never revisited) that
// starts a flow is entered on one test, Simulation.arrive's shortcut past enter's routing loop:
// which nodes compile.ts marks, and that the shortcut gives every number the routing loop gives
// (the bundled scenarios' forks, decisions, loops, pools and milestones run beside their plain tasks).
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import type { Model } from '../../engine/model/model.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import { yaml } from '../scenario/diagnose.js';

const ROOT = join(import.meta.dirname, '../..');

describe('plain tasks', () => {
  test('a task of one team is plain unless a milestone starts at it or its case can come back to it', () => {
    const text = yaml`
      name: t
      run: { horizon: 100h }
      resources: { desk: { capacity: 1 }, ops: { capacity: 1 } }
      arrivals: [{ flow: f, rate: 1/h }, { flow: g, rate: 1/h }]
      flows:
        f:
          start: a
          kpis: { from_b: { from: b, to: e } }
          nodes:
            a: { resource: desk, duration: 1h, next: b }
            b: { resource: desk, duration: 1h, next: c }
            c: { branch: [{ to: d, p: 0.5 }, { to: e, p: 0.5 }] }
            d: { resource: { any: [desk, ops] }, duration: 1h, next: e }
            e: { duration: 1h }
        g:
          start: h
          nodes:
            h: { resource: ops, duration: 1h, next: i }
            i: { branch: [{ to: h, p: 0.1 }, { to: j, p: 0.9 }] }
            j: { resource: ops, duration: 1h }
    `;
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const nodes = compileModel(loaded.set!.baseline).nodes;
    // f: a plain; b starts a milestone; c a decision; d a pool; e automated. g loops: every node may be revisited.
    expect(nodes.map((n) => [n.name, n.plainTask])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
      ['d', false],
      ['e', false],
      ['h', false],
      ['i', false],
      ['j', false],
    ]);
  });

  test.each(['shared-field-force.yaml', 'fiber-order-to-activation.yaml'])(
    '%s: the same statistics when every case enters through the routing loop',
    (file) => {
      const { set } = loadScenarioFile(join(ROOT, 'scenarios', file));
      if (set === null) throw new Error(`${file} does not load`);
      const scenario = { ...set.baseline, run: { ...set.baseline.run, horizon: Math.min(set.baseline.run.horizon, 60 * 24) } };
      const model = compileModel(scenario);
      const routed: Model = { ...model, nodes: model.nodes.map((n) => ({ ...n, plainTask: false })) };
      // shared-field-force's two flows start at a plain task (pools, decisions and milestones after it); the fiber
      // flow's fork makes each of its nodes one a case may come back to: none is plain, and its cases go the loop's way
      const plainStarts = model.flows.filter((f) => model.nodes[f.start].plainTask).length;
      expect(plainStarts).toBe(file === 'shared-field-force.yaml' ? 2 : 0);
      for (const replication of [0, 1]) {
        const shortcut = runReplication(model, replication, scenario.run.seed);
        const loop = runReplication(routed, replication, scenario.run.seed);
        expect(shortcut.metrics.length).toBe(loop.metrics.length);
        expect(Array.from(shortcut.metrics)).toEqual(Array.from(loop.metrics));
        expect(shortcut).toEqual(loop);
      }
    },
  );
});
