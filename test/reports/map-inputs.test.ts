// What the process map and the assumptions say of a step (s36f): its eTOM process, and its
// skill pool. An untagged task read "no eTOM id" on the map while the eTOM chart counted its time
// under its flow's process. And results.json's inputs carried a
// pooled task's first team alone, so a variant that changed only the pool (`any: [tier1, tier2]`
// to `tier1`) was said to change "nothing in the inputs: its results equal the baseline's"
// beside significant changes, and the process map labelled the step with its first team only.
import { expect, test } from 'vitest';
import { variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { assumptions, changeTexts, NO_CHANGES } from '../../reports/assumptions.js';
import { processMapData, renderProcessMap } from '../../reports/charts/process-map.js';
import { resultsOfSet } from '../support/results.js';

const TEXT = `name: pools
run: { horizon: 300h, warmup: 20h, replications: 2, seed: 1 }
resources:
  tier1: { capacity: 1 }
  tier2: { capacity: 1 }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f:
    start: configure
    nodes:
      configure: { resource: { any: [tier1, tier2] }, duration: 30m, next: close }
      close: { duration: 5m }
variants:
  tier1_only:
    patch:
      flows: { f: { nodes: { configure: { resource: tier1 } } } }
`;

test("a pooled task's inputs list its teams; a variant changing only the pool changes its inputs", () => {
  const { set, diagnostics } = loadScenarioText(TEXT, 'pools.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const base = variantInputs(set!.baseline, set!.baseline);
  expect(base.flows.f.nodes.configure).toMatchObject({ resource: 'tier1', pool: ['tier1', 'tier2'] });
  expect(Object.hasOwn(base.flows.f.nodes.close, 'pool')).toBe(false);
  const variant = variantInputs(set!.baseline, set!.variants[0].scenario);
  expect(Object.hasOwn(variant.flows.f.nodes.configure, 'pool')).toBe(false);
  expect(variant.changes).toEqual([{ path: 'flows.f.nodes.configure.pool', baseline: ['tier1', 'tier2'], variant: null }]);
  expect(variant.changes.flatMap((c) => changeTexts(c))).toEqual(['configure: skill pool tier1 or tier2 -> none (one team)']);
});

test('the Assumptions say what the variant changed, and the process map names every team of the pool', async () => {
  const { set } = loadScenarioText(TEXT, 'pools.yaml');
  const results = await resultsOfSet(set!);
  const variant = assumptions(results).variants.find((v) => v.variant === 'tier1_only')!;
  expect(variant.changes).not.toContain(NO_CHANGES);
  expect(variant.changes).toEqual(['configure: skill pool tier1 or tier2 -> none (one team)']);
  const base = processMapData(results, 'baseline', 'f')!;
  expect(base.steps.find((s) => s.name === 'configure')!.pool).toEqual(['tier1', 'tier2']);
  expect((await renderProcessMap(base, 'Process map: f')).svg).toContain('teams: tier1 or tier2');
  const alone = processMapData(results, 'tier1_only', 'f')!;
  const svg = (await renderProcessMap(alone, 'Process map: f')).svg;
  expect(svg).toContain('team: tier1');
  expect(svg).not.toContain('tier2');
});

test("an untagged task on the process map names its flow's eTOM process, under which its time is counted (s36f)", async () => {
  const text = `name: tags
run: { horizon: 300h, warmup: 20h, replications: 2, seed: 1 }
resources: { desk: { capacity: 2 } }
arrivals: [{ flow: f, rate: 1/h }, { flow: g, rate: 1/h }]
flows:
  f:
    etom: "1.1.1.5"
    start: capture
    nodes:
      capture: { etom: "1.1.2.2", resource: desk, duration: 30m, next: activate }
      activate: { duration: 5m }
  g: { start: x, nodes: { x: { duration: 5m } } }
`;
  const { set, diagnostics } = loadScenarioText(text, 'tags.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  // the eTOM roll-up counts activate's 5 minutes under the flow's 1.1.1.5
  expect(results.variants.baseline.etom['1.1.1.5'].service.mean).toBeCloseTo(5 / 60, 9);
  const f = processMapData(results, 'baseline', 'f')!;
  const step = (name: string) => f.steps.find((s) => s.name === name)!;
  expect([step('activate').etom, step('activate').etomName, step('activate').etomOfFlow]).toEqual(['1.1.1.5', 'Order Handling', true]);
  expect([step('capture').etom, step('capture').etomOfFlow]).toEqual(['1.1.2.2', undefined]);
  const svg = (await renderProcessMap(f, 'Process map: f')).svg;
  expect(svg).toMatch(/1\.1\.1\.5 Order Handling \(the flow(&#39;|&apos;|')s\)/);
  expect(svg).not.toContain('no eTOM id');
  // a flow without an id: its untagged step has none
  const g = processMapData(results, 'baseline', 'g')!;
  expect(g.steps[0].etom).toBeNull();
  expect((await renderProcessMap(g, 'Process map: g')).svg).toContain('no eTOM id');
});
