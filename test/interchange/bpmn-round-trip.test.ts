// export-bpmn then import-bpmn gives back the scenario: on every bundled scenario and each of
// its variants, the imported YAML is valid, needs no placeholder, compiles to the same model
// (so it simulates to the same numbers) and a replication of both gives the same statistics.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { importBpmn } from '../../engine/interchange/bpmn-import.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { compileModel } from '../../engine/model/compile.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';

const DIR = join(import.meta.dirname, '../../scenarios');
const bundled = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

async function roundTrip(scenario: Scenario, variant: string): Promise<{ yaml: string; back: Scenario; warnings: string[] }> {
  const xml = await exportBpmn(scenario, variant, 'test');
  const imported = await importBpmn(xml);
  const yaml = scenarioYaml(imported, 'flow.bpmn');
  const loaded = loadScenarioText(yaml, 'imported.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { yaml, back: loaded.set!.baseline, warnings: imported.warnings };
}

describe('BPMN round trip', () => {
  test.each(bundled)('%s: every variant comes back as the same model', async (file) => {
    const set = loadScenarioFile(join(DIR, file)).set!;
    for (const { name, scenario } of [{ name: 'baseline', scenario: set.baseline }, ...set.variants]) {
      const { back, warnings } = await roundTrip(scenario, name);
      expect(warnings).toEqual([]);
      expect({ ...compileModel(back), name: '' }).toEqual({ ...compileModel(scenario), name: '' });
      expect(back.run).toEqual(scenario.run);
    }
  });

  test('a replication of the imported scenario gives the same statistics, and the YAML is stable', async () => {
    const set = loadScenarioFile(join(DIR, 'fiber-order-to-activation.yaml')).set!;
    const first = await roundTrip(set.baseline, 'baseline');
    const again = await roundTrip(set.baseline, 'baseline');
    expect(again.yaml).toBe(first.yaml);
    const original = runReplication(compileModel(set.baseline), 0, 2026).metrics;
    expect(Array.from(runReplication(compileModel(first.back), 0, 2026).metrics)).toEqual(Array.from(original));
  });
});
