// Skill pools: `resource: { any: [TEAM, ...] }` on a task, as loaded and as rejected.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { diagnose, where, yaml } from './diagnose.js';

describe('resource: { any: [...] }', () => {
  it('loads the teams in preference order; a variant can make a task pooled', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: { tier1: { capacity: 2 }, tier2: { capacity: 1 } }
      arrivals: [{ flow: f, rate: 1/h }]
      flows: { f: { start: a, nodes: { a: { resource: { any: [tier1, tier2] }, duration: 10m, next: b }, b: { resource: tier2, duration: 5m } } } }
      variants:
        shared:
          patch: { flows: { f: { nodes: { b: { resource: { any: [tier2, tier1] } } } } } }
    `;
    const loaded = loadScenarioText(text, 'test.yaml');
    expect(loaded.diagnostics).toEqual([]);
    const [a, b] = loaded.set!.baseline.flows[0].nodes;
    expect(a).toMatchObject({ resource: 'tier1', pool: ['tier1', 'tier2'] });
    expect(b).toMatchObject({ resource: 'tier2' });
    expect(loaded.set!.variants[0].scenario.flows[0].nodes[1]).toMatchObject({ resource: 'tier2', pool: ['tier2', 'tier1'] });
  });

  it('reports every problem at once, each at its place', () => {
    const text = yaml`
      name: t
      run: { horizon: 10d }
      resources: { tier1: { capacity: 2 }, tier2: { capacity: 1 } }
      arrivals: [{ flow: f, rate: 1/h }]
      flows:
        f:
          start: a
          nodes:
            a: { resource: { any: [tier1, teir2, tier1] }, duration: 10m, next: b }
            b: { resource: { anny: [tier1] }, duration: 10m, next: c }
            c: { resource: { any: [] }, duration: 10m, next: d }
            d: { resource: [tier1], duration: 10m }
    `;
    expect(diagnose(text)).toEqual([
      {
        at: where(text, 'teir2'),
        path: 'flows.f.nodes.a.resource.any.1',
        message: "resource 'teir2' is not defined under resources; did you mean 'tier2'? (known: tier1, tier2)",
      },
      {
        at: where(text, 'tier1]', 1),
        path: 'flows.f.nodes.a.resource.any.2',
        message: "'tier1' is listed twice in the pool; list each team once",
      },
      {
        at: where(text, '{ anny'),
        path: 'flows.f.nodes.b.resource.any',
        message: 'a pool of teams needs any, the teams that may serve the task in order of preference, like { any: [tier1, tier2] }',
      },
      {
        at: where(text, 'anny'),
        path: 'flows.f.nodes.b.resource.anny',
        message: "unknown key 'anny'; expected one of any; did you mean 'any'?",
      },
      {
        at: where(text, '[]'),
        path: 'flows.f.nodes.c.resource.any',
        message: 'any must list at least one team, like any: [tier1, tier2]; found an empty list',
      },
      {
        at: where(text, '[tier1], duration'),
        path: 'flows.f.nodes.d.resource',
        message: 'resource must be the name of a resource, or a pool like { any: [tier1, tier2] }; found a list',
      },
    ]);
  });
});
