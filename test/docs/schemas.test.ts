// The published JSON Schemas hold for what etomsim reads and writes: every bundled scenario
// (and the contract's own example) validates against docs/scenario.schema.json, and the
// results of every bundled scenario, short runs with sensitivity and precision, against
// docs/results.schema.json; what `etomsim fidelity` writes, against docs/fidelity.schema.json.
// The schemas are strict (unknown keys are errors), so a key added without its documentation
// fails here.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { sensitivity } from '../../engine/analysis/sensitivity.js';
import { runExperiment } from '../../engine/experiment/experiment.js';
import { CATALOGUE } from '../../engine/model/metric-catalogue.js';
import { buildResults } from '../../engine/results/build.js';
import { RESULTS, resultsProblems } from '../../engine/results/readable.js';
import type { Shape } from '../../engine/results/shape.js';
import type { Results } from '../../engine/results/types.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { simulatedCsv } from '../support/simulated-log.js';

const ROOT = new URL('../../', import.meta.url);
const SCENARIOS = fileURLToPath(new URL('scenarios/', ROOT));
const BUNDLED = readdirSync(SCENARIOS)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

function schema(file: string): ValidateFunction {
  return new Ajv({ allErrors: true }).compile(JSON.parse(read(`docs/${file}`)));
}

/** The schema's errors, readable in a failing test. */
function problems(validate: ValidateFunction, data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('docs/scenario.schema.json', () => {
  const validate = schema('scenario.schema.json');

  test.each([...BUNDLED.map((f) => `scenarios/${f}`), 'test/scenario/fixtures/spec-example.yaml'])('%s validates', (file) => {
    expect(problems(validate, parse(read(file)))).toEqual([]);
  });

  test('flags what the validator refuses: an unknown key, a distribution without its parameters, a task with a branch', () => {
    const doc = parse(read(`scenarios/${BUNDLED[0]}`));
    const flow = Object.values(doc.flows)[0] as { nodes: Record<string, Record<string, unknown>>; slaa?: string };
    const cases: ((d: typeof doc) => void)[] = [
      (d) => {
        d.run.horizn = '10d';
      },
      (d) => {
        Object.values((Object.values(d.flows)[0] as typeof flow).nodes)[0].duration = { lognormal: { mean: '2h' } };
      },
      (d) => {
        Object.values((Object.values(d.flows)[0] as typeof flow).nodes)[0].branch = [{ to: 'x', p: 1 }];
      },
      (d) => {
        // an automated task's calendar on a task with a team
        const node = Object.values((Object.values(d.flows)[0] as typeof flow).nodes).find((n) => n.resource !== undefined)!;
        node.calendar = 'office';
      },
      (d) => {
        // a case-age timer on a task with a team
        const node = Object.values((Object.values(d.flows)[0] as typeof flow).nodes).find((n) => n.resource !== undefined)!;
        node.until = 'case_age';
      },
      (d) => {
        // until with another reading
        const node = Object.values((Object.values(d.flows)[0] as typeof flow).nodes).find((n) => n.resource === undefined && n.duration)!;
        node.until = 'caseage';
      },
    ];
    for (const change of cases) {
      const copy = structuredClone(doc);
      change(copy);
      expect(validate(copy)).toBe(false);
    }
  });
});

test('docs/scenario.schema.json accepts a top-level x- key of any value and still refuses another unknown one, as the validator does', () => {
  const doc = parse(read('test/scenario/fixtures/spec-example.yaml'));
  doc['x-defaults'] = { cost_per_hour: 40 };
  doc['x-notes'] = ['anything'];
  expect(problems(schema('scenario.schema.json'), doc)).toEqual([]);
  doc.xnotes = 1;
  expect(schema('scenario.schema.json')(doc)).toBe(false);
});

test('docs/scenario.schema.json takes a shift beside a positive family and refuses one beside a uniform or among the parameters, as the validator does', () => {
  const doc = parse(read('test/scenario/fixtures/spec-example.yaml'));
  const nodes = Object.values(doc.flows as Record<string, { nodes: Record<string, Record<string, unknown>> }>)[0].nodes;
  const task = Object.values(nodes).find((n) => n.duration !== undefined)!;
  const verdict = (duration: unknown) => {
    task.duration = duration;
    return [schema('scenario.schema.json')(doc), loadScenarioText(JSON.stringify(doc), 's.yaml').set !== null];
  };
  for (const kind of ['exponential', 'lognormal', 'gamma', 'erlang', 'weibull']) {
    const parameters = { exponential: { mean: '1h' }, erlang: { k: 2, mean: '1h' }, weibull: { shape: 2, scale: '1h' } }[kind] ?? {
      mean: '1h',
      sd: '30m',
    };
    expect(verdict({ [kind]: parameters, shift: '30m' })).toEqual([true, true]);
  }
  expect(verdict({ uniform: { min: '1h', max: '2h' }, shift: '30m' })).toEqual([false, false]);
  expect(verdict({ exponential: { mean: '1h', shift: '30m' } })).toEqual([false, false]);
  expect(verdict({ exponential: { mean: '1h' }, shift: '-30m' })).toEqual([false, false]);
});

test("docs/scenario.schema.json accepts an automated task's calendar, as the validator does", () => {
  const doc = parse(read('test/scenario/fixtures/spec-example.yaml'));
  doc.calendars = { ...doc.calendars, office: { days: ['mon'], hours: '09:00-17:00' } };
  const nodes = Object.values(doc.flows as Record<string, { nodes: Record<string, Record<string, unknown>> }>)[0].nodes;
  const automated = Object.values(nodes).find((n) => n.duration !== undefined && n.resource === undefined)!;
  automated.calendar = 'office';
  expect(problems(schema('scenario.schema.json'), doc)).toEqual([]);
  automated.until = 'case_age'; // a timer on the case's age, counted in the calendar's open hours
  expect(problems(schema('scenario.schema.json'), doc)).toEqual([]);
});

test("docs/scenario.schema.json accepts a decision's p per visit and refuses what the validator refuses", () => {
  const doc = parse(read('test/scenario/fixtures/spec-example.yaml'));
  const nodes = Object.values(doc.flows as Record<string, { nodes: Record<string, { branch?: { p: unknown }[] }> }>)[0].nodes;
  const decision = Object.values(nodes).find((n) => n.branch !== undefined)!;
  const validate = schema('scenario.schema.json');
  decision.branch![0].p = [0.5, 0.25, 0];
  expect(problems(validate, doc)).toEqual([]);
  for (const wrong of [[], [0.5, 1.5], ['x']]) {
    decision.branch![0].p = wrong;
    expect(validate(doc)).toBe(false);
  }
});

describe('docs/results.schema.json', () => {
  const validate = schema('results.schema.json');
  const SHORT = { horizon: 20 * 24, warmup: 2 * 24, replications: 2 };

  async function results(file: string, withSensitivity: boolean, interval: 't' | 'johnson' = 't'): Promise<Results> {
    const loaded = loadScenarioFile(SCENARIOS + file);
    const base = loaded.set as ScenarioSet;
    const short = (s: ScenarioSet['baseline']) => ({ ...s, run: { ...s.run, ...SHORT } });
    const set: ScenarioSet = {
      ...base,
      baseline: short(base.baseline),
      variants: base.variants.map((v) => ({ ...v, scenario: short(v.scenario) })),
    };
    const options = { replications: 2, seed: 7, workers: 1, variants: null, maxReplications: 4 };
    const experiment = await runExperiment(set, { ...options, precision: withSensitivity ? 0.5 : null });
    const out = buildResults({
      scenario: set.baseline.name,
      description: set.baseline.description,
      version: 'test',
      seed: 7,
      workers: 1,
      wallSeconds: 0,
      runs: experiment.runs,
      precision: experiment.precision,
      set,
      interval,
    });
    if (withSensitivity)
      out.sensitivity = (
        await sensitivity({ name: 'baseline', scenario: set.baseline }, { replications: 2, seed: 7, workers: 1 }, interval)
      ).ranking;
    return JSON.parse(JSON.stringify(out)) as Results;
  }

  test.each(BUNDLED)('the results of %s validate', async (file) => {
    const r = await results(file, file === BUNDLED[0]);
    if (file === BUNDLED[0]) {
      expect(r.sensitivity?.length).toBeGreaterThan(0);
      expect(r.precision).not.toBeNull();
    }
    expect(problems(validate, r)).toEqual([]);
    // and `etomsim report` reads them (engine/results/readable.ts, the reader's own, more lenient, contract)
    expect(resultsProblems(r)).toEqual([]);
  });

  test("the results of a run too short in replications to judge its warm-up validate (warmup_check's judged: false)", async () => {
    // M/M/1 at 95% from empty, 2 replications, seed 5: MSER names 50 days on both series, which 2 cannot test
    const text = `name: mm1
time_unit: hours
run: { horizon: 5000h, warmup: 0h, replications: 2, seed: 5 }
resources: { agents: { capacity: 1 } }
arrivals: [{ flow: calls, rate: 0.95/h }]
flows: { calls: { start: serve, nodes: { serve: { resource: agents, duration: { exponential: { mean: 1h } } } } } }
`;
    const set = loadScenarioText(text, 'mm1.yaml').set as ScenarioSet;
    const options = { replications: 2, seed: 5, workers: 1, variants: null, precision: null, maxReplications: 2 };
    const experiment = await runExperiment(set, options);
    const runs = experiment.runs;
    const built = buildResults({
      scenario: 'mm1',
      description: null,
      version: 'test',
      seed: 5,
      workers: 1,
      wallSeconds: 0,
      runs,
      precision: null,
    });
    const r = JSON.parse(JSON.stringify(built)) as Results;
    expect(r.warmup_check.judged).toBe(false);
    expect(problems(validate, r)).toEqual([]);
    expect(resultsProblems(r)).toEqual([]);
    expect(problems(validate, { ...r, warmup_check: { ...r.warmup_check, judged: true } })).not.toEqual([]);
  });

  test('the results of a run under --interval johnson validate (ci95_johnson beside every ci95)', async () => {
    const r = await results(BUNDLED[0], true, 'johnson');
    expect(r.comparisons[0].ci95_johnson).toBeDefined();
    expect(r.sensitivity?.[0].flows[Object.keys(r.sensitivity[0].flows)[0]].mean?.significant_johnson).toBeDefined();
    expect(problems(validate, r)).toEqual([]);
    expect(resultsProblems(r)).toEqual([]);
  });

  test('every key etomsim report reads (engine/results/readable.ts) is one the schema describes there: a misspelt optional key would never be checked', () => {
    type Node = {
      $ref?: string;
      properties?: Record<string, Node>;
      additionalProperties?: Node | boolean;
      items?: Node;
      oneOf?: Node[];
      anyOf?: Node[];
    };
    const root = JSON.parse(read('docs/results.schema.json')) as Node & { definitions: Record<string, Node> };
    /** The schema node itself: a $ref followed, of oneOf/anyOf the alternatives that are not just null. */
    const resolve = (node: Node): Node[] => {
      if (node.$ref) return resolve(root.definitions[node.$ref.replace('#/definitions/', '')]);
      const alternatives = node.oneOf ?? node.anyOf;
      return alternatives ? alternatives.flatMap(resolve).filter((n) => (n as { type?: string }).type !== 'null') : [node];
    };
    const unknown: string[] = [];
    let keys = 0;
    const walk = (shape: Shape, node: Node, path: string): void => {
      const parts = shape.parts;
      if (parts?.inner) {
        walk(parts.inner, node, path);
        return;
      }
      for (const n of resolve(node)) {
        if (parts?.keys) {
          for (const [key, field] of Object.entries({ ...parts.keys.required, ...parts.keys.optional })) {
            keys++;
            const described = n.properties?.[key] ?? (typeof n.additionalProperties === 'object' ? n.additionalProperties : undefined);
            if (described) walk(field, described, `${path}.${key}`);
            else unknown.push(`${path}.${key}`);
          }
        }
        if (parts?.item && n.items) walk(parts.item, n.items, `${path}[]`);
        else if (parts?.item && typeof n.additionalProperties === 'object') walk(parts.item, n.additionalProperties, `${path}.*`);
      }
    };
    walk(RESULTS, root, '');
    expect(unknown).toEqual([]);
    expect(keys).toBeGreaterThan(200); // the walk reached the blocks, not only the top
  });

  test('every metric of the catalogue is in the schema and documented in results-format.md', () => {
    const definitions = JSON.parse(read('docs/results.schema.json')).definitions;
    const doc = read('docs/results-format.md');
    const blocks = {
      flow: 'flowBlock',
      kpi: 'kpiBlock',
      node: 'nodeBlock',
      resource: 'resourceBlock',
      served: 'servedBlock',
      shift: 'shiftBlock',
    } as const;
    for (const [scope, table] of Object.entries(CATALOGUE) as [keyof typeof blocks, (typeof CATALOGUE)['flow']][]) {
      for (const kind of Object.values(table)) {
        const [group, stat] = kind.stat.split('.');
        const properties = definitions[blocks[scope]].properties;
        expect(
          stat === undefined ? properties[group] : properties[group]?.properties?.[stat],
          `${scope} ${kind.stat} in the schema`,
        ).toBeDefined();
        const last = stat ?? group;
        expect(doc.includes(`.${last}\``) || doc.includes(`.${kind.stat}\``), `${scope} ${kind.stat} in results-format.md`).toBe(true);
      }
    }
  });
});

describe('docs/fidelity.schema.json', () => {
  const validate = schema('fidelity.schema.json');
  const folder = scratchFolders('etomsim-fidelity-schema-');
  // a log of two paths whose 'fix' is logged as 'fax it': the scenario discover writes from it
  // matches every activity, the hand-written one warns both ways (no task 'fax it', no activity 'fix')
  const SCENARIO = `name: Desk
run: { horizon: 15d, replications: 1, start: "2026-01-05T00:00:00Z" }
resources:
  desk: { capacity: 2 }
arrivals: [ { flow: ticket, rate: 1/h, profile: { days: { sat: 0.3, sun: 0.3 } } } ]
flows:
  ticket:
    sla: 3h
    start: triage
    nodes:
      triage: { resource: desk, duration: { exponential: { mean: 20m } }, next: route }
      route: { branch: [ { to: fix, p: 0.7 }, { to: close, p: 0.3 } ] }
      fix: { resource: desk, duration: { lognormal: { mean: 1h, sd: 30m } }, next: close }
      close: { duration: { constant: 0 } }
`;

  test("etomsim fidelity's fidelity.json validates: a discovered scenario against its log, and a hand-written one with both warnings", () => {
    const dir = folder();
    const log = join(dir, 'desk.csv');
    const csv = simulatedCsv(loadScenarioText(SCENARIO, 's.yaml').set!.baseline, 0, 5);
    writeFileSync(log, csv.replaceAll(',fix,', ',fax it,'));
    const discovered = join(dir, 'desk.yaml');
    expect(etomsim('discover', log, '--out', discovered).status).toBe(0);
    const hand = join(dir, 'hand.yaml');
    writeFileSync(hand, SCENARIO);
    for (const [scenario, warned] of [
      [discovered, 0],
      [hand, 2],
    ] as const) {
      const out = join(dir, `fid-${warned}`);
      const r = etomsim('fidelity', scenario, log, '--out', out, '-r', '2', '-q');
      expect([r.status, r.stderr]).toEqual([0, '']);
      const json = JSON.parse(readFileSync(join(out, 'fidelity.json'), 'utf8'));
      expect(problems(validate, json)).toEqual([]);
      expect(json.warnings).toHaveLength(warned);
      // strict: a key the contract does not document, or one missing, is an error
      expect(validate({ ...json, extra: 1 })).toBe(false);
      expect(validate({ ...json, cycle_time: { ...json.cycle_time, ks: undefined } })).toBe(false);
      expect(validate({ ...json, steps: [{ ...json.steps[0], log: { ...json.steps[0].log, queue: 0 } }] })).toBe(false);
    }
  });
});
