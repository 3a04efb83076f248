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
import type { Scenario } from '../../engine/scenario/types.js';

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
    // f: a plain; b starts a milestone; c a decision; d a pool; e automated. g loops through h and i: j, after the loop, is plain.
    expect(nodes.map((n) => [n.name, n.plainTask])).toEqual([
      ['a', true],
      ['b', false],
      ['c', false],
      ['d', false],
      ['e', false],
      ['h', false],
      ['i', false],
      ['j', true],
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
      // shared-field-force's two flows start at a plain task (pools, decisions and milestones after it), and so does
      // the fiber flow, whose fork's branches share no node and whose rework loop comes after its start
      const plainStarts = model.flows.filter((f) => model.nodes[f.start].plainTask).length;
      expect(plainStarts).toBe(file === 'shared-field-force.yaml' ? 2 : 1);
      for (const replication of [0, 1]) {
        const shortcut = runReplication(model, replication, scenario.run.seed);
        const loop = runReplication(routed, replication, scenario.run.seed);
        expect(shortcut.metrics.length).toBe(loop.metrics.length);
        expect(Array.from(shortcut.metrics)).toEqual(Array.from(loop.metrics));
        expect(shortcut).toEqual(loop);
      }
    },
  );

  // A case's visits are counted only at the nodes it may enter twice (compile.ts revisitedNodes): a node left out that a
  // case did enter twice would draw its second duration or branch as the first, and the numbers would differ from
  // those with every node of a flow that has a loop or a fork counted (the marking before session 48).
  const forksAndLoops = yaml`
    name: forks
    run: { horizon: 2000h, warmup: 100h }
    resources: { desk: { capacity: 2 }, ops: { capacity: 3 } }
    arrivals: [{ flow: shared, rate: 1/h }, { flow: rework, rate: 0.5/h }]
    flows:
      shared:
        start: take
        nodes:
          take: { resource: desk, duration: { exponential: { mean: 20m } }, next: split }
          split: { parallel: [x, y, z], join: meet }
          x: { resource: ops, duration: { exponential: { mean: 30m } }, next: s }
          y: { duration: { exponential: { mean: 10m } }, next: pick }
          pick: { branch: [{ to: s, p: 0.6 }, { to: meet, p: 0.4 }] }
          z: { resource: desk, duration: { exponential: { mean: 15m } }, next: inner }
          inner: { parallel: [c, d], join: meet }
          c: { resource: ops, duration: { exponential: { mean: 25m } }, next: again }
          again: { branch: [{ to: c, p: 0.3 }, { to: meet, p: 0.7 }] }
          d: { duration: { exponential: { mean: 5m } }, next: meet }
          s: { resource: ops, duration: { exponential: { mean: 20m } }, next: t }
          t: { duration: { exponential: { mean: 10m } }, next: meet }
          meet: { resource: desk, duration: { exponential: { mean: 10m } }, next: close }
          close: { duration: { exponential: { mean: 5m } } }
      rework:
        start: open
        nodes:
          open: { resource: ops, duration: { exponential: { mean: 15m } }, next: fan }
          fan: { parallel: [p, q], join: check }
          p: { resource: desk, duration: { exponential: { mean: 20m } }, next: check }
          q: { resource: ops, duration: { exponential: { mean: 30m } }, next: check }
          check: { branch: [{ to: fan, p: 0.25 }, { to: done, p: 0.75 }] }
          done: { resource: desk, duration: { exponential: { mean: 10m } } }
  `;

  test.each([
    ['forks and loops', null],
    ['fiber-order-to-activation.yaml', 'fiber-order-to-activation.yaml'],
    ['fault-to-repair.yaml', 'fault-to-repair.yaml'],
  ])('%s: the same statistics with every node of a flow with a loop or a fork counted', (_, file) => {
    const loaded = file === null ? loadScenarioText(forksAndLoops, 'forks.yaml') : loadScenarioFile(join(ROOT, 'scenarios', file));
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const baseline = loaded.set!.baseline;
    const scenario: Scenario = { ...baseline, run: { ...baseline.run, horizon: Math.min(baseline.run.horizon, 60 * 24) } };
    const model = compileModel(scenario);
    const counted = new Set(model.flows.filter((f) => f.nodes.some((id) => model.nodes[id].revisits)).map((f) => f.id));
    const everyNode: Model = {
      ...model,
      nodes: model.nodes.map((n) => (counted.has(n.flow) ? { ...n, revisits: true, plainTask: false } : n)),
    };
    // each flow has a node counted and one not: the cases go both ways
    expect(counted.size).toBe(model.flows.length);
    expect(model.nodes.some((n) => !n.revisits)).toBe(true);
    if (file === null) {
      expect(model.nodes.filter((n) => n.revisits).map((n) => n.name)).toEqual(['c', 'again', 's', 't', 'fan', 'p', 'q', 'check']);
      expect(model.flows.map((f) => model.nodes[f.start].plainTask)).toEqual([true, true]);
    }
    for (const replication of [0, 1]) {
      const some = runReplication(model, replication, scenario.run.seed);
      const every = runReplication(everyNode, replication, scenario.run.seed);
      expect(Array.from(some.metrics)).toEqual(Array.from(every.metrics));
      expect(some).toEqual(every);
    }
  });
});
