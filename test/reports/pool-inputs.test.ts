// A skill pool in what the reports say was simulated (s36f): results.json's inputs carried a
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
