// ReadOnce's flows (engine/scenario/read-once.ts): a variant takes the baseline's FlowSpec for every
// flow its patch leaves alone, instead of reading the same map again. It must be what reading it
// again gives: the same scenario, the same problems, each at its place.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import { Problems } from '../../engine/scenario/problems.js';
import { readYamlSource } from '../../engine/scenario/yaml-source.js';
import { validateScenario } from '../../engine/scenario/validate.js';
import { readVariants } from '../../engine/scenario/variants.js';

const bundled = ['fiber-order-to-activation', 'fault-to-repair', 'shared-field-force'];

const base = `
name: shared
time_unit: hours
run: { horizon: 30d, replications: 2 }
resources:
  desk: { capacity: 2 }
  techs: { capacity: 3 }
arrivals:
  - { flow: f, rate: 1/h }
  - { flow: g, rate: 1/h }
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 2, next: b }
      b: { resource: techs, duration: { exponential: { mean: 1 } } }
  g:
    start: c
    nodes:
      c: { resource: desk, duration: 1 }
`;

/** Each variant's scenario as validated from its patched document alone, without the baseline's readings. */
function readAlone(text: string) {
  const value = readYamlSource(text).value;
  return readVariants(value, new Problems()).map((v) => validateScenario(v.document, new Problems()));
}

describe('a variant whose patch leaves a flow alone', () => {
  test("takes the baseline's FlowSpec for it, the same object, and reads the flow it patches", () => {
    const text = `${base}variants:\n  more: { patch: { resources: { techs: { capacity: 5 } }, flows: { g: { nodes: { c: { duration: 3 } } } } } }\n`;
    const set = loadScenarioText(text, 's.yaml').set!;
    const variant = set.variants[0].scenario;
    expect(variant.flows[0]).toBe(set.baseline.flows[0]);
    expect(variant.flows[1]).not.toBe(set.baseline.flows[1]);
    expect(set.variants.map((v) => v.scenario)).toEqual(readAlone(text));
  });

  test('reads it again under other teams; a time unit a patch cannot change', () => {
    const text =
      `${base}variants:\n` +
      '  minutes: { patch: { time_unit: minutes } }\n' +
      '  renamed: { patch: { resources: { desk: null, front_desk: { capacity: 2 } } } }\n';
    const loaded = loadScenarioText(text, 's.yaml');
    expect(loaded.set).toBeNull();
    // the unit: read alone, the variant's durations are in minutes; loaded, the set is refused (below), so no variant of a loaded set reads under another unit
    const [minutes] = readAlone(text);
    expect(minutes!.flows[0]).not.toEqual(loadScenarioText(base, 's.yaml').set!.baseline.flows[0]);
    // the teams: a flow that names a team the variant removed is refused there, for that variant
    expect(loaded.diagnostics.map(formatDiagnostic)).toEqual([
      "s.yaml:15:22: variant 'renamed': resource 'desk' is not defined under resources (known: techs, front_desk) (at flows.f.nodes.a.resource)",
      "s.yaml:20:22: variant 'renamed': resource 'desk' is not defined under resources (known: techs, front_desk) (at flows.g.nodes.c.resource)",
      // and the loader refuses the unit's change in a patch (variants.ts), which the document read alone still holds
      's.yaml:22:23: a patch cannot change time_unit: it would re-read every bare number of the baseline (durations, horizon, SLAs) in the new unit; write the changed durations with their units (45m, 2h) instead (at variants.minutes.patch.time_unit)',
    ]);
  });

  test.each(bundled)('%s: every variant as read from its document alone', (name) => {
    const file = fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));
    const set = loadScenarioFile(file).set!;
    expect(set.variants.map((v) => v.scenario)).toEqual(readAlone(readFileSync(file, 'utf8')));
  });
});
