// The inputs written into results.json: what each variant simulated and what its patch changed.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { differences, variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';

const FIBER = fileURLToPath(new URL('../../scenarios/fiber-order-to-activation.yaml', import.meta.url));

describe('differences', () => {
  test('leaves by dotted path; a distribution, a list or an added node is one value', () => {
    const a = { r: { desk: { capacity: 3 } }, f: { n: { x: { duration: { kind: 'constant', value: 1 }, next: 'y' } } }, l: [1, 2] };
    const b = {
      r: { desk: { capacity: 4 } },
      f: { n: { x: { duration: { kind: 'exponential', mean: 1 }, next: 'y' }, z: { next: null } } },
      l: [1, 2],
    };
    expect(differences(a, b)).toEqual([
      { path: 'r.desk.capacity', baseline: 3, variant: 4 },
      { path: 'f.n.x.duration', baseline: { kind: 'constant', value: 1 }, variant: { kind: 'exponential', mean: 1 } },
      { path: 'f.n.z', baseline: null, variant: { next: null } },
    ]);
    expect(differences(a, structuredClone(a))).toEqual([]);
  });
});

describe('variantInputs of the bundled scenario', () => {
  const set = loadScenarioFile(FIBER).set!;
  test("the baseline's teams, arrivals and flow, with no changes", () => {
    const base = variantInputs(set.baseline, set.baseline);
    expect(base.changes).toEqual([]);
    // 3 agents x 10 h x 5 days
    expect(base.resources.order_desk).toEqual({ capacity: 3, cost_per_hour: 40, calendar: 'office', shifts: null, hours_per_week: 150 });
    expect(base.arrivals[0].rate_per_hour).toBeCloseTo(3.5, 12);
    expect(Object.keys(base.flows.order_to_activation.nodes)).toEqual(set.baseline.flows[0].nodes.map((n) => n.name));
  });

  test("each variant's patch as the changes it makes", () => {
    const byName = (name: string) => variantInputs(set.baseline, set.variants.find((v) => v.name === name)!.scenario).changes;
    expect(byName('more_techs')).toEqual([
      { path: 'resources.field_techs.capacity', baseline: 20, variant: 24 },
      { path: 'resources.field_techs.hours_per_week', baseline: 960, variant: 1152 },
    ]);
    expect(byName('fallout_reduction').map((c) => c.path)).toEqual(['flows.order_to_activation.nodes.fallout_check.branch']);
    expect(byName('zero_touch').map((c) => c.path)).toEqual([
      'flows.order_to_activation.nodes.capture_order.resource',
      'flows.order_to_activation.nodes.capture_order.duration',
      'flows.order_to_activation.nodes.design_service.resource',
      'flows.order_to_activation.nodes.design_service.duration',
    ]);
  });
});
