import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { p90Change, sensitivity } from '../../engine/analysis/sensitivity.js';
import { runExperiment } from '../../engine/experiment/experiment.js';
import { buildResults, variantBlock } from '../../engine/results/build.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';

const FIBER = fileURLToPath(new URL('../../scenarios/fiber-order-to-activation.yaml', import.meta.url));
const RUN = { horizon: 80 * 24, warmup: 20 * 24, replications: 8, seed: 2026 };
const options = { replications: RUN.replications, seed: RUN.seed, workers: 1 };
const dir = mkdtempSync(join(tmpdir(), 'etomsim-sensitivity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(file: string): ScenarioSet {
  const loaded = loadScenarioFile(file);
  if (!loaded.set) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return loaded.set;
}

describe('sensitivity on the bundled fiber scenario', () => {
  it('names the bottleneck team, and its +1 agrees with a variant that adds the same unit', async () => {
    const set = load(FIBER);
    const base = { ...set.baseline, run: RUN };
    const analysis = await sensitivity({ name: 'baseline', scenario: base }, options);
    const block = variantBlock(analysis.base);
    const bottleneckShare = (r: string) => block.resources[r].bottleneck.sole.mean! + block.resources[r].bottleneck.shifting.mean!;
    const byBottleneck = base.resources.map((r) => r.name).sort((a, b) => bottleneckShare(b) - bottleneckShare(a));
    // the scenario makes the field technicians the scarcest team, and the simulation agrees
    expect(byBottleneck[0]).toBe('field_techs');

    const changes = analysis.ranking.map(p90Change);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
    const top = analysis.ranking.find((e) => e.resource === byBottleneck[0])!;
    // one more unit is paid for every hour of its calendar's week
    const team = base.resources.find((r) => r.name === top.resource)!;
    const weekHours = base.calendars.find((c) => c.name === team.calendar)!.periods.reduce((sum, p) => sum + p.end - p.start, 0);
    expect(top.added_cost_per_week).toBeCloseTo(team.costPerHour * weekHours, 9);
    const flow = top.key_flow!;
    const viaSensitivity = top.flows[flow].p90!;
    expect(viaSensitivity.delta).toBeLessThan(0);

    // The same +1 written as a variant of the scenario file, through the loader and its merge patch.
    const document = parse(readFileSync(FIBER, 'utf8'));
    const capacity = base.resources.find((r) => r.name === top.resource)!.capacity;
    document.variants = { one_more: { patch: { resources: { [top.resource]: { capacity: capacity + 1 } } } } };
    const file = join(dir, 'fiber-plus-one.yaml');
    writeFileSync(file, stringify(document));
    const withVariant = load(file);
    const experiment = await runExperiment(
      {
        ...withVariant,
        baseline: { ...withVariant.baseline, run: RUN },
        variants: withVariant.variants.map((v) => ({ ...v, scenario: { ...v.scenario, run: RUN } })),
      },
      { replications: RUN.replications, seed: RUN.seed, workers: 1, variants: null, precision: null, maxReplications: RUN.replications },
    );
    const results = buildResults({
      scenario: 'check',
      description: null,
      version: 'test',
      seed: RUN.seed,
      workers: 1,
      wallSeconds: 0,
      runs: experiment.runs,
      precision: null,
    });
    const viaVariant = results.comparisons.find((c) => c.variant === 'one_more' && c.metric === `flows.${flow}.cycle_time.p90`)!;
    expect(Math.sign(viaVariant.delta)).toBe(Math.sign(viaSensitivity.delta));
    expect(viaVariant.delta_pct!).toBeCloseTo(viaSensitivity.delta_pct!, 9);
    expect(viaVariant.ci95![0]).toBeCloseTo(viaSensitivity.ci95![0], 9);
    expect(analysis.base.name).toBe('baseline');
  });
});
