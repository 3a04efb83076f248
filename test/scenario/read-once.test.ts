// ReadOnce (engine/scenario/read-once.ts): a variant takes what the baseline read for every part
// its patch leaves alone (its run, calendars, teams, flows, nodes, arrival streams), instead of
// reading the same maps again. It must be what reading the variant's whole document again gives:
// the same scenario and the same problems, those in parts the patch did not touch included (a
// team the patch removes, named by a flow it keeps).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dottedPath, formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { mergePatch } from '../../engine/scenario/merge-patch.js';
import { Problems } from '../../engine/scenario/problems.js';
import { checkAddedNames } from '../../engine/scenario/usage.js';
import { validateScenario } from '../../engine/scenario/validate.js';
import { readVariants } from '../../engine/scenario/variants.js';
import { readYamlSource } from '../../engine/scenario/yaml-source.js';

const BASE = `name: shared
run: { horizon: 30d, warmup: 2d, replications: 2 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" }
  field: { days: [mon, tue, wed, thu, fri, sat], hours: ["08:00-12:00", "13:00-17:00"] }
resources:
  desk: { capacity: 2, calendar: office }
  techs: { capacity: 3, calendar: field }
  backup: { capacity: 1 }
arrivals:
  - { flow: f, rate: 1/h, profile: { days: { mon: 1, sat: 0.5 }, hours: [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0.5, 0, 0, 0, 0, 0] } }
  - { flow: g, interarrival: { exponential: { mean: 2h } }, calendar: office }
  - { flow: g, rate: 1000000/h, calendar: office }
flows:
  f:
    start: a
    sla: 5d
    kpis: { to_b: { from: start, to: b, sla: 1d } }
    nodes:
      a: { resource: desk, duration: 30m, next: d }
      d: { branch: [{ to: b, p: 0.8 }, { to: a, p: 0.2 }] }
      b: { resource: { any: [techs, backup] }, duration: { lognormal: { mean: 1h, sd: 20m } }, next: fk }
      fk: { parallel: [x, y], join: z }
      x: { duration: 5m, calendar: office, next: z }
      y: { resource: techs, duration: { triangular: { min: 1m, mode: 2m, max: 9m } }, next: z }
      z: { duration: 1m }
  g:
    start: c
    nodes:
      c: { resource: desk, duration: 1h, next: v }
      v: { branch: [{ to: e, p: [0.5, 1] }, { to: c, p: [0.5, 0] }] }
      e: { resource: techs, duration: 20m }
`;

/** The old loader's reading of one text: every variant's document validated alone, as a whole scenario (load.ts before ReadOnce). */
function readAlone(text: string) {
  const value = readYamlSource(text).value;
  const baseline = new Problems();
  validateScenario(value, baseline);
  const variants = readVariants(value, baseline);
  const known = new Set(baseline.told().map((p) => JSON.stringify([p.path, p.anchor, p.message])));
  const problems: string[] = [];
  const scenarios = variants.map((variant) => {
    const own = new Problems();
    for (const { path, message } of variant.unresolved) own.atKey(path, message);
    const scenario = validateScenario(variant.document, own);
    if (scenario) checkAddedNames(value, scenario, own);
    for (const p of own.told())
      if (!known.has(JSON.stringify([p.path, p.anchor, p.message])))
        problems.push(`${dottedPath(p.path)}: variant '${variant.name}': ${p.message}`);
    return scenario;
  });
  return { scenarios, problems: problems.sort() };
}

function loaded(text: string) {
  const result = loadScenarioText(text, 's.yaml');
  const problems = result.diagnostics
    .filter((d) => d.severity === 'error' && d.message.startsWith('variant '))
    .map((d) => `${d.path}: ${d.message}`)
    .sort();
  return { result, problems };
}

const withVariants = (patches: Record<string, unknown>) =>
  `${BASE}variants:\n${Object.entries(patches)
    .map(([name, patch]) => `  ${name}: { patch: ${JSON.stringify(patch)} }\n`)
    .join('')}`;

describe('a variant takes what the baseline read for what its patch leaves alone', () => {
  test('the same objects for the untouched run, calendars, teams, streams and nodes; its own for what it patches', () => {
    const text = withVariants({ more: { resources: { techs: { capacity: 5 } }, flows: { f: { nodes: { a: { duration: '40m' } } } } } });
    const { result } = loaded(text);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { baseline, variants } = result.set!;
    const variant = variants[0].scenario;
    expect(variant.run).toBe(baseline.run);
    expect(variant.calendars).toBe(baseline.calendars);
    expect(variant.arrivals).toBe(baseline.arrivals);
    expect(variant.resources[0]).toBe(baseline.resources[0]);
    expect(variant.resources[1]).not.toBe(baseline.resources[1]);
    expect(variant.resources[1].capacity).toBe(5);
    expect(variant.flows[1]).toBe(baseline.flows[1]);
    const [f, g] = [variant.flows[0], baseline.flows[0]];
    expect(f).not.toBe(g);
    expect(f.nodes[0]).not.toBe(g.nodes[0]);
    expect(f.nodes.slice(1)).toEqual(g.nodes.slice(1));
    for (let i = 1; i < f.nodes.length; i++) expect(f.nodes[i]).toBe(g.nodes[i]);
    expect(variants.map((v) => v.scenario)).toEqual(readAlone(text).scenarios);
  });

  test("a decision with p per visit is read again in a patched flow: its long-run shares are its flow's", () => {
    const text = withVariants({ slower: { flows: { g: { nodes: { e: { duration: '30m' } } } } } });
    const { result } = loaded(text);
    const [base, variant] = [result.set!.baseline.flows[1], result.set!.variants[0].scenario.flows[1]];
    expect(variant.nodes[1]).not.toBe(base.nodes[1]);
    expect(result.set!.variants.map((v) => v.scenario)).toEqual(readAlone(text).scenarios);
  });

  test.each([
    ['a team a kept flow uses, removed', { resources: { techs: null } }],
    ['a team a kept flow uses, renamed', { resources: { desk: null, front_desk: { capacity: 2, calendar: 'office' } } }],
    ['a calendar a kept team, stream and task use, removed', { calendars: { office: null } }],
    ['a node a kept node leads to, removed', { flows: { f: { nodes: { z: null } } } }],
    ['a node a kept kpi ends at, removed', { flows: { f: { nodes: { b: null, d: { branch: [{ to: 'fk', p: 1 }] } } } } }],
    ['a flow a kept stream feeds, removed', { flows: { g: null } }],
    ['a horizon a kept warm-up is longer than', { run: { horizon: '1d' } }],
    ['a horizon that brings a kept stream too many cases', { run: { horizon: '1000d' } }],
    ['a node renamed that a kept node leads to', { flows: { f: { nodes: { x: null, x2: { duration: '5m', next: 'z' } } } } }],
  ])("%s: the problem in the part the patch left alone is the variant's", (_what, patch) => {
    const text = withVariants({ broken: patch });
    const { result, problems } = loaded(text);
    expect(result.set).toBeNull();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems).toEqual(readAlone(text).problems);
  });

  test('every problem of the renamed team, each at its place in the kept flows', () => {
    const text = withVariants({ renamed: { resources: { desk: null, front_desk: { capacity: 2 } } } });
    expect(loadScenarioText(text, 's.yaml').diagnostics.map(formatDiagnostic)).toEqual([
      "s.yaml:20:22: variant 'renamed': resource 'desk' is not defined under resources (known: techs, backup, front_desk) (at flows.f.nodes.a.resource)",
      "s.yaml:30:22: variant 'renamed': resource 'desk' is not defined under resources (known: techs, backup, front_desk) (at flows.g.nodes.c.resource)",
    ]);
  });

  // patches that break references, names and numbers, two variants a file: the loader's scenarios and problems are those of each variant read alone
  const patches = fc.constantFrom<unknown>(
    { resources: { techs: null } },
    { resources: { desk: null, desk2: { capacity: 2 } } },
    { resources: { backup: { capacity: -1 } } },
    { resources: { techs: { capacity: 7 } } },
    { resources: { desk: { calendar: 'ofice' } } },
    { resources: { spare: { capacity: 1 } } },
    { calendars: { field: null } },
    { calendars: { office: { hours: '25:00-26:00' } } },
    { calendars: { extra: { days: ['mon'], hours: '08:00-09:00' } } },
    { flows: { f: { nodes: { a: { next: 'nowhere' } } } } },
    { flows: { f: { nodes: { a: { duration: '-1h' } } } } },
    { flows: { f: { nodes: { y: { resource: 'ghost' } } } } },
    { flows: { f: { nodes: { z: null } } } },
    {
      flows: {
        f: {
          nodes: {
            d: {
              branch: [
                { to: 'b', p: 0.5 },
                { to: 'a', p: 0.2 },
              ],
            },
          },
        },
      },
    },
    {
      flows: {
        f: {
          nodes: {
            d: {
              branch: [
                { to: 'b', p: [0.5, 1] },
                { to: 'a', p: [0.5, 0] },
              ],
            },
          },
        },
      },
    },
    { flows: { f: { start: 'begin' } } },
    { flows: { f: { kpis: { k: { from: 'start', to: 'gone' } } } } },
    { flows: { g: null } },
    { flows: { g: { nodes: { e: { duration: { normal: { mean: '30m', sd: '30m' } } } } } } },
    { flows: { h: { start: 'q', nodes: { q: { duration: '1h' } } } } },
    { flows: { fh: { start: 'q', nodes: { q: { duration: '1h' } } } } },
    { run: { horizon: '1d' } },
    { run: { horizon: '1000d' } },
    { run: { replications: 0 } },
    { arrivals: [{ flow: 'f', rate: '2/h' }] },
    {
      arrivals: [
        { flow: 'nope', rate: '1/h' },
        { flow: 'g', rate: '1/h' },
      ],
    },
    { time_unit: 'minutes' },
    { name: '' },
    { bogus: 1 },
  );
  const patch = fc.array(patches, { minLength: 1, maxLength: 3 }).map((list) => list.reduce((a, b) => mergePatch(a, b), {}));

  test('generated patches: the scenarios and problems of each variant read alone', () => {
    fc.assert(
      fc.property(patch, patch, (one, two) => {
        const text = withVariants({ one, two });
        const { result, problems } = loaded(text);
        const alone = readAlone(text);
        expect(problems).toEqual(alone.problems);
        if (result.set) expect(result.set.variants.map((v) => v.scenario)).toEqual(alone.scenarios);
      }),
      { numRuns: 150 },
    );
  });
});
