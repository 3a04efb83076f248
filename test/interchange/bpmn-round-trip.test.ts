// export-bpmn then import-bpmn gives back the scenario: on every bundled scenario and each of
// its variants, the imported YAML is valid, needs no placeholder, compiles to the same model
// (so it simulates to the same numbers) and a replication of both gives the same statistics.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bpsimGaps, exportBpmn } from '../../engine/interchange/bpmn-export.js';
import { importBpmn } from '../../engine/interchange/bpmn-import.js';
import { scenarioYaml } from '../../engine/interchange/scenario-yaml.js';
import { compileModel } from '../../engine/model/compile.js';
import { distMean, distVariance } from '../../engine/random/distributions.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { etomsim } from '../support/cli.js';

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
  // every id once (bpmn-export.ts' ids make them unique by construction; this is where it is checked)
  const ids = [...xml.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
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

  // BPMN 2.0's XML makes <incoming> and <outgoing> optional: a sequence flow's sourceRef and targetRef say the same
  test.each(bundled)("%s: without its flow nodes' <incoming> and <outgoing>, the same scenario", async (file) => {
    const set = loadScenarioFile(join(DIR, file)).set!;
    const xml = await exportBpmn(set.baseline, 'baseline', 'test');
    const bare = xml.replace(/\s*<bpmn:(incoming|outgoing)>[^<]*<\/bpmn:\1>/g, '');
    expect(bare).not.toMatch(/<bpmn:(incoming|outgoing)>/);
    expect(bare.length).toBeLessThan(xml.length);
    expect(scenarioYaml(await importBpmn(bare), 'flow.bpmn')).toBe(scenarioYaml(await importBpmn(xml), 'flow.bpmn'));
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

test("a shift goes out exactly on etomsim's attributes and comes back: the same model; BPSim gets a gamma of the same mean and sd, and a warning", async () => {
  const set = loadScenarioFile(join(DIR, 'fault-to-repair.yaml')).set!;
  const scenario = structuredClone(set.baseline);
  const task = scenario.flows[0].nodes.find((n) => n.kind === 'task' && n.resource !== null)!;
  if (task.kind !== 'task') throw new Error('the scenario has no task with a team');
  Object.assign(task, { duration: { kind: 'exponential', mean: 1.5, shift: 0.5 } });
  const [first] = scenario.arrivals;
  const firstIndex = scenario.arrivals.findIndex((x) => x.flow === first.flow);
  Object.assign(first, { interarrival: { kind: 'gamma', mean: 0.2, sd: 0.1, shift: 0.05 }, fromRate: false, profile: null });
  const xml = await exportBpmn(scenario, 'baseline', 'test');
  expect(bpsimGaps(scenario).map((g) => g.path)).toEqual(
    expect.arrayContaining([
      `flows.${scenario.flows[0].name}.nodes.${task.name}.duration.shift`,
      `arrivals.${firstIndex}.interarrival.shift`,
    ]),
  );
  const { back, warnings } = await roundTrip(scenario, 'baseline');
  expect(warnings).toEqual([]);
  // fails when etomsim-json, distributionDoc or the reader drops the shift: the samplers differ
  expect({ ...compileModel(back), name: '' }).toEqual({ ...compileModel(scenario), name: '' });
  // BPSim alone: the duration as a gamma of the draw's mean (2 h) and sd (1.5 h)
  const bpsimOnly = await importBpmn(xml.replace(/ etomsim:duration="[^"]*"/g, ''));
  const alone = loadScenarioText(scenarioYaml(bpsimOnly, 'x.bpmn'), 'x.yaml').set!.baseline;
  const read = alone.flows[0].nodes.find((n) => n.name === task.name)!;
  if (read.kind !== 'task') throw new Error('the task came back as another kind');
  expect(read.duration.kind).toBe('gamma');
  expect(distMean(read.duration)).toBeCloseTo(2, 12);
  expect(distVariance(read.duration)).toBeCloseTo(1.5 ** 2, 12);
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

describe('names BPMN ids and import-bpmn once mangled (s32x finding 6): start, end, a__b, _ops, __proto__', () => {
  // nodes `start` and `end` (the flow's events' ids were `${flow}__start`), flow `a` with node `b__c`
  // beside flow `a__b` with node `c` (both `a__b__c`), names with leading underscores, `__proto__`
  // as calendar, team, flow, node and KPI
  const TEXT = `name: names
run: { horizon: 20d, warmup: 2d, replications: 2, seed: 3 }
calendars:
  __proto__: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" }
  _office: { days: [mon, tue, wed, thu, fri, sat], hours: "07:00-19:00" }
resources:
  _ops: { capacity: 2, cost_per_hour: 30, calendar: _office }
  __proto__: { capacity: 3, cost_per_hour: 40, calendar: __proto__ }
  desk__2: { capacity: 1 }
arrivals:
  - { flow: __proto__, rate: 1/h }
  - { flow: a, rate: 0.2/h }
  - { flow: a__b, rate: 0.2/h, calendar: __proto__ }
flows:
  __proto__:
    start: start
    kpis:
      __proto__: { from: start, to: a__b }
    nodes:
      start: { resource: _ops, duration: { exponential: { mean: 40m } }, next: end }
      end: { resource: __proto__, duration: { exponential: { mean: 1h } }, next: a__b }
      a__b: { duration: 2h, next: __proto__ }
      __proto__: { resource: { any: [_ops, __proto__] }, duration: 20m }
  a:
    start: b__c
    nodes:
      b__c: { resource: desk__2, duration: 30m }
  a__b:
    start: c
    nodes:
      c: { duration: 1h, calendar: __proto__ }
`;

  test('export-bpmn writes each id once; import-bpmn gives back every name; the run gives results.json byte for byte but the timing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'etomsim-bpmn-names-'));
    try {
      const [original, bpmn, imported] = [join(dir, 'names.yaml'), join(dir, 'names.bpmn'), join(dir, 'back.yaml')];
      writeFileSync(original, TEXT);
      expect(etomsim('export-bpmn', original, '--out', bpmn, '-q').status).toBe(0);
      const xml = readFileSync(bpmn, 'utf8');
      const ids = [...xml.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      const back = etomsim('import-bpmn', bpmn, '--out', imported);
      expect([back.status, back.stderr]).toEqual([0, '']);
      const set = loadScenarioFile(imported).set!;
      expect(set.baseline.flows.map((f) => [f.name, f.nodes.map((n) => n.name)])).toEqual([
        ['__proto__', ['start', 'end', 'a__b', '__proto__']],
        ['a', ['b__c']],
        ['a__b', ['c']],
      ]);
      expect(set.baseline.resources.map((r) => [r.name, r.calendar])).toEqual([
        ['_ops', '_office'],
        ['__proto__', '__proto__'],
        ['desk__2', null],
      ]);
      const untimed = (scenario: string, out: string) => {
        expect(etomsim('run', scenario, '--out', out, '-q', '--no-report', '-w', '1').status).toBe(0);
        const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
        delete results.engine.timing;
        return JSON.stringify(results);
      };
      expect(untimed(imported, join(dir, 'back'))).toBe(untimed(original, join(dir, 'original')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('an sla in working days (a flow and a milestone) goes out as etomsim:slaWorkingDays and slaCalendar and comes back: the same model', async () => {
  const set = loadScenarioFile(join(DIR, 'fiber-order-to-activation.yaml')).set!;
  const scenario = structuredClone(set.baseline);
  const calendar = scenario.calendars[0].name;
  const [flow] = scenario.flows;
  Object.assign(flow, { sla: null, slaWorkingDays: { days: 2, calendar } });
  expect(flow.kpis.length).toBeGreaterThan(0);
  Object.assign(flow.kpis[0], { sla: null, slaWorkingDays: { days: 1, calendar } });
  const xml = await exportBpmn(scenario, 'baseline', 'test');
  expect(xml).toContain(`etomsim:slaWorkingDays="2" etomsim:slaCalendar="${calendar}"`);
  const { back, warnings } = await roundTrip(scenario, 'baseline');
  expect(warnings).toEqual([]);
  expect(back.flows[0].slaWorkingDays).toEqual({ days: 2, calendar });
  expect(back.flows[0].kpis[0].slaWorkingDays).toEqual({ days: 1, calendar });
  expect({ ...compileModel(back), name: '' }).toEqual({ ...compileModel(scenario), name: '' });
});
