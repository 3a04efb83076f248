// Results by eTOM process: each process adds up the nodes tagged with it (or whose flow is),
// replication by replication, and each vertical adds up its processes.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { rollupByEtom } from '../../engine/results/etom-rollup.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { constant, every, exp, flow, scenario, task, team } from '../support/build.js';
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

describe("a process's wait and service per visit are its tasks' own (s59J)", () => {
  // By hand: one desk, a case every hour from t = 1, capture taking 1.5 h: case k (from 0) arrives at 1 + k, starts
  // at 1 + 1.5k after waiting 0.5k and ends at 2.5 + 1.5k. By the horizon 10.2, 7 captures started (k = 0..6: 10.5
  // hours of waits ended) and 6 ended (9 hours of work): the node's wait is 10.5 / 7 = 1.5 h, its service 1.5 h
  // (10.5 / 6 = 1.75 h mixed the two counts). The 6 ended pass the decisions `check` (the flow's 1.1.1.5) and `route`
  // (1.1.1.10) and start the automated `close` (0.25 h, the flow's 1.1.1.5), 5 of which end by the horizon.
  const decision = (name: string, etom: string | null, to: string): NodeSpec => ({ kind: 'decision', name, etom, branch: [{ to, p: 1 }] });
  const nodes: NodeSpec[] = [
    { ...task('capture', constant(1.5), 'desk', 'check'), etom: '1.3.3.1' },
    decision('check', null, 'route'),
    decision('route', '1.1.1.10', 'close'),
    task('close', constant(0.25), null),
  ];
  const s = scenario({
    run: { horizon: 10.2, warmup: 0, replications: 2, seed: 1 },
    resources: [team('desk', 1)],
    arrivals: [every('order', 1)],
    flows: [flow('order', nodes, { etom: '1.1.1.5' })],
  });
  const r = replicate(s);
  const { etom } = rollupByEtom(compileModel(s), r.reps);
  const node = (n: string, metric: string) => r.values(`flows.order.nodes.${n}.${metric}`)[0];

  test("a process of one task: its wait and service are the task's, exactly", () => {
    expect(['visits', 'wait_hours', 'wait', 'service'].map((m) => node('capture', m))).toEqual([6, 10.5, 1.5, 1.5]);
    expect([etom['1.3.3.1'].wait.mean, etom['1.3.3.1'].service.mean, etom['1.3.3.1'].visits.mean]).toEqual([1.5, 1.5, 6]);
  });

  test("a decision's passes count in the process's visits, not in its service per visit; a process of decisions alone has none", () => {
    expect(etom['1.1.1.5'].nodes).toEqual(['order.check', 'order.close']);
    expect([etom['1.1.1.5'].visits.mean, etom['1.1.1.5'].service_hours.mean]).toEqual([6 + 5, 1.25]);
    expect([etom['1.1.1.5'].wait.mean, etom['1.1.1.5'].service.mean]).toEqual([0, 0.25]); // close's own: 0 h, 1.25 / 5 h
    expect([etom['1.1.1.10'].visits.mean, etom['1.1.1.10'].wait.mean, etom['1.1.1.10'].service.mean]).toEqual([6, null, null]);
  });
});
