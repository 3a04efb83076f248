// The inputs written into results.json: what each variant simulated and what its patch changed.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { differences, sameJson, variantInputs } from '../../engine/results/inputs.js';
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

describe('sameJson: JSON.stringify(a) === JSON.stringify(b), without the texts for plain data', () => {
  class Point {
    constructor(readonly x: number) {}
  }
  const values: unknown[] = [
    undefined,
    null,
    0,
    -0,
    1,
    1.5,
    1e21,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    '',
    '1',
    'null',
    true,
    false,
    [],
    [1],
    [1, 2],
    [2, 1],
    [null],
    [undefined],
    [Number.NaN],
    ['1'],
    [[1]],
    [{}],
    {},
    { a: 1 },
    { a: 1, b: 2 },
    { b: 2, a: 1 },
    { a: 1, b: undefined },
    { b: undefined, a: 1 },
    { a: undefined },
    { a: 2, b: undefined },
    { a: { b: undefined } },
    { a: {} },
    { a: [undefined] },
    { a: [null] },
    { a: null },
    { a: Number.NaN },
    { a: () => 1 },
    { 1: 'x', a: 1 },
    { a: 1, 1: 'x' },
    Object.assign(Object.create(null), { a: 1 }),
    { kind: 'exponential', mean: 1 },
    { kind: 'exponential', mean: 2 },
    { mean: 1, kind: 'exponential' },
    { kind: 'empirical', values: [1, 2, 3] },
    { kind: 'empirical', values: [1, 2, 3, undefined] },
    new Point(1),
    { x: 1 },
    { toJSON: () => 1 },
    new Date(0),
    '1970-01-01T00:00:00.000Z',
    new Map(),
    new Float64Array(1),
    { 0: 0 },
  ];
  // and each again as other objects of the same JSON (what a variant's inputs are to the baseline's)
  const copies = values.map((v) => (JSON.stringify(v) === undefined ? v : JSON.parse(JSON.stringify(v))));
  test('every pair of values that JSON writes in its own ways, and of their copies', () => {
    for (const a of [...values, ...copies]) {
      for (const b of [...values, ...copies]) {
        expect(sameJson(a, b), `${String(JSON.stringify(a))} vs ${String(JSON.stringify(b))}`).toBe(
          JSON.stringify(a) === JSON.stringify(b),
        );
      }
    }
  });
});

describe('variantInputs of the bundled scenario', () => {
  const set = loadScenarioFile(FIBER).set!;
  test("the baseline's teams, arrivals and flow, with no changes", () => {
    const base = variantInputs(set.baseline, set.baseline);
    expect(base.changes).toEqual([]);
    // 3 agents x 10 h x 5 days
    expect(base.resources.order_desk).toEqual({
      capacity: 3,
      cost_per_hour: 40,
      calendar: 'office',
      shifts: null,
      hours_per_week: 150,
      description: 'Agents who capture and qualify orders keyed into the CRM', // the scenario's, for the reports
    });
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
