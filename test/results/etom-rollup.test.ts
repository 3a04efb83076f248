// Results by eTOM process: each process adds up the nodes tagged with it (or whose flow is),
// replication by replication, and each vertical adds up its processes.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { rollupByEtom } from '../../engine/results/etom-rollup.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { exp, flow, scenario, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

const tagged = (name: string, etom: string | null, mean: number, resource: string | null, next: string | null): NodeSpec => ({
  kind: 'task',
  name,
  etom,
  duration: exp(mean),
  resource,
  next,
});

const s = scenario({
  run: { horizon: 3000, warmup: 100, replications: 4, seed: 5 },
  resources: [team('desk', 2, { costPerHour: 40 }), team('techs', 3, { costPerHour: 65 })],
  arrivals: [{ flow: 'order', ordinal: 0, interarrival: exp(1), fromRate: true, profile: null, priority: 0 }],
  flows: [
    flow(
      'order',
      [
        tagged('capture', '1.3.3.1', 0.5, 'desk', 'qualify'), // Order Handling level 3 (domain id)
        tagged('qualify', '1.1.1.5', 0.3, 'desk', 'install'), // Order Handling itself
        tagged('install', '1.1.3.2', 2, 'techs', 'close'), // Resource Provisioning
        tagged('close', null, 0.1, null, null), // no tag: the flow's own
      ],
      { etom: '1.1.1.5' },
    ),
  ],
});

describe('eTOM roll-ups', () => {
  const r = replicate(s);
  const model = compileModel(s);
  const rollup = rollupByEtom(model, r.reps);
  const nodeSum = (nodes: string[], metric: string) =>
    r.reps.map((_, i) => nodes.reduce((sum, n) => sum + r.values(`flows.order.nodes.${n}.${metric}`)[i], 0));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  test('each process totals the wait, service and visits of its nodes; untagged nodes take the flow tag', () => {
    expect(Object.keys(rollup.etom)).toEqual(['1.1.1.5', '1.1.3.2', '1.3.3.1']);
    expect(rollup.etom['1.1.1.5'].nodes).toEqual(['order.qualify', 'order.close']);
    for (const [id, nodes] of [
      ['1.1.1.5', ['qualify', 'close']],
      ['1.1.3.2', ['install']],
      ['1.3.3.1', ['capture']],
    ] as const) {
      expect(rollup.etom[id].wait_hours.mean).toBeCloseTo(mean(nodeSum([...nodes], 'wait_hours')), 9);
      expect(rollup.etom[id].service_hours.mean).toBeCloseTo(mean(nodeSum([...nodes], 'service_hours')), 9);
      expect(rollup.etom[id].visits.mean).toBeCloseTo(mean(nodeSum([...nodes], 'visits')), 9);
    }
    expect(rollup.etom['1.1.3.2'].name).toBe('Resource Provisioning');
    // cost: working hours at a team times its cost per hour
    expect(rollup.etom['1.1.3.2'].cost.mean).toBeCloseTo(65 * mean(nodeSum(['install'], 'service_hours')), 6);
  });

  test('the sum over processes equals the sum over the tagged nodes, and verticals add up the processes', () => {
    const all = ['capture', 'qualify', 'install', 'close'];
    const processes = Object.values(rollup.etom);
    expect(processes.reduce((a, p) => a + p.wait_hours.mean!, 0)).toBeCloseTo(mean(nodeSum(all, 'wait_hours')), 6);
    expect(processes.reduce((a, p) => a + p.service_hours.mean!, 0)).toBeCloseTo(mean(nodeSum(all, 'service_hours')), 6);
    expect(Object.keys(rollup.verticals)).toEqual(['Fulfillment']);
    expect(rollup.verticals.Fulfillment.service_hours.mean).toBeCloseTo(mean(nodeSum(all, 'service_hours')), 6);
  });
});
