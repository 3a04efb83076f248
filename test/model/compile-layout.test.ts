// compileLayout (engine/model/compile.ts): the model's structure without its teams' offered
// rates, for results.json's and the shard file's size bounds. It must be compileModel's model
// in everything else, or the bounds would weigh another layout than the run writes.
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { compileLayout, compileModel } from '../../engine/model/compile.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';

const bundled = ['fiber-order-to-activation', 'fault-to-repair', 'shared-field-force'];

/** The model as JSON, its two offered rates left out (samplers' functions drop out of JSON alike). */
function withoutRates(model: ReturnType<typeof compileModel>): string {
  return JSON.stringify(model, (key, value) => (key === 'offeredPerHour' || key === 'capacityPerHour' ? undefined : value));
}

test.each(bundled)('%s and its variants: compileModel but the offered rates, which are NaN', (name) => {
  const set = loadScenarioFile(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url))).set!;
  for (const scenario of [set.baseline, ...set.variants.map((v) => v.scenario)]) {
    const layout = compileLayout(scenario);
    expect(withoutRates(layout)).toBe(withoutRates(compileModel(scenario)));
    for (const r of layout.resources) expect([r.offeredPerHour, r.capacityPerHour]).toEqual([NaN, NaN]);
  }
});
