// export-bpmn then import-bpmn gives back the scenario: on every bundled scenario and each of
// its variants, the imported YAML is valid, needs no placeholder, compiles to the same model
// (so it simulates to the same numbers) and a replication of both gives the same statistics.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bpsimGaps, exportBpmn } from '../../engine/interchange/bpmn-export.js';
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
  // diagram interchange draws every element: a shape per flow node and lane, an edge per sequence flow
  const drawn = new Set([...xml.matchAll(/bpmnElement="([^"]+)"/g)].map((m) => m[1]));
  const elements = [
    ...xml.matchAll(
      /<bpmn:(task|serviceTask|startEvent|endEvent|exclusiveGateway|parallelGateway|sequenceFlow|lane|participant) id="([^"]+)"/g,
    ),
  ].map((m) => m[2]);
  expect(elements.length).toBeGreaterThan(scenario.flows.length * 3);
  expect(elements.filter((id) => !drawn.has(id))).toEqual([]);
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

test("an automated task's calendar goes out as etomsim:calendar and comes back: the same model", async () => {
  const set = loadScenarioFile(join(DIR, 'fiber-order-to-activation.yaml')).set!;
  const scenario = structuredClone(set.baseline);
  const automated = scenario.flows[0].nodes.find((n) => n.kind === 'task' && n.resource === null)!;
  expect(scenario.calendars.length).toBeGreaterThan(0);
  Object.assign(automated, { calendar: scenario.calendars[0].name });
  const xml = await exportBpmn(scenario, 'baseline', 'test');
  expect(xml).toContain(`etomsim:calendar="${scenario.calendars[0].name}"`);
  const { back, warnings } = await roundTrip(scenario, 'baseline');
  expect(warnings).toEqual([]);
  const model = compileModel(back);
  expect(model.nodes.filter((n) => n.calendar >= 0).map((n) => n.name)).toEqual([automated.name]);
  expect({ ...model, name: '' }).toEqual({ ...compileModel(scenario), name: '' });
});

test("an arrival stream's calendar goes out on etomsim:arrival and comes back: the same model, and a warning for BPSim", async () => {
  const set = loadScenarioFile(join(DIR, 'fiber-order-to-activation.yaml')).set!;
  const scenario = structuredClone(set.baseline);
  const [first] = scenario.arrivals;
  Object.assign(first, { profile: null, calendar: scenario.calendars[0].name });
  const xml = await exportBpmn(scenario, 'baseline', 'test');
  expect(xml).toMatch(new RegExp(`<etomsim:arrival [^>]*calendar="${scenario.calendars[0].name}"`));
  expect(bpsimGaps(scenario).map((g) => g.path)).toContain('arrivals.0.calendar');
  const { back } = await roundTrip(scenario, 'baseline');
  const model = compileModel(back);
  expect(model.arrivals[0].calendar).toBe(back.calendars.findIndex((c) => c.name === scenario.calendars[0].name));
  expect({ ...model, name: '' }).toEqual({ ...compileModel(scenario), name: '' });
});

test('a decision of 150,000 branches is refused at once with a message, not laid out for hours or spread onto the stack', async () => {
  const { set } = loadScenarioFile(join(DIR, 'fault-to-repair.yaml'));
  const scenario = structuredClone(set!.baseline);
  const decision = scenario.flows[0].nodes.find((n) => n.kind === 'decision')!;
  if (decision.kind !== 'decision') throw new Error('the scenario has no decision');
  const to = decision.branch[0].to;
  decision.branch = Array.from({ length: 150_000 }, () => ({ to, p: 1 / 150_000 }));
  await expect(exportBpmn(scenario, 'baseline', 'test')).rejects.toThrow(
    `flow '${scenario.flows[0].name}': decision '${decision.name}' has 150,000 paths out; a flow diagram draws at most 200 into or out of one step`,
  );
});

test('without etomsim extensions, BPSim alone carries the shifts: iCalendar back to the same calendars', async () => {
  const set = loadScenarioFile(join(DIR, 'fault-to-repair.yaml')).set!;
  const xml = (await exportBpmn(set.baseline, 'baseline', 'test'))
    .replace(/<etomsim:scenario[\s\S]*?<\/etomsim:scenario>/, '')
    .replace(/ etomsim:calendar="[^"]*"/g, '');
  const imported = await importBpmn(xml);
  const back = loadScenarioText(scenarioYaml(imported, 'x.bpmn'), 'x.yaml').set!.baseline;
  expect(back.calendars).toEqual(set.baseline.calendars.map((c) => ({ ...c })));
  expect(back.resources.map((r) => [r.name, r.calendar])).toEqual(set.baseline.resources.map((r) => [r.name, r.calendar]));
});

test("an automated task's until: case_age goes out as etomsim:until and comes back: the same model, and a warning for BPSim", async () => {
  const set = loadScenarioFile(join(DIR, 'fiber-order-to-activation.yaml')).set!;
  const scenario = structuredClone(set.baseline);
  const automated = scenario.flows[0].nodes.find((n) => n.kind === 'task' && n.resource === null)!;
  Object.assign(automated, { until: 'case_age', calendar: scenario.calendars[0].name });
  const xml = await exportBpmn(scenario, 'baseline', 'test');
  expect(xml).toContain('etomsim:until="case_age"');
  expect(bpsimGaps(scenario).map((g) => g.path)).toContain(`flows.${scenario.flows[0].name}.nodes.${automated.name}.until`);
  const { back, warnings } = await roundTrip(scenario, 'baseline');
  expect(warnings).toEqual([]);
  const model = compileModel(back);
  expect(model.nodes.filter((n) => n.untilAge).map((n) => [n.name, n.calendar >= 0])).toEqual([[automated.name, true]]);
  expect({ ...model, name: '' }).toEqual({ ...compileModel(scenario), name: '' });
});
