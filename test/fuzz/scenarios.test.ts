// The fuzzer of scenario files, in three kinds drawn together (as budget-run.ts' fuzzFiles draws
// an input file's): random mutations of the bundled scenarios and random scenarios, mutated or
// not (read or refused); random scenarios valid by construction, laid out in another indent and
// key order, which must validate and run (exit 0, results.json read back); and random scenarios
// broken at one value (a team's capacity, a task's next step, the arrival rate), which must be
// refused at that value's line, column and key path, by validation and by `run` (exit 2, nothing
// written). Every file is validated in-process; those that validate are run (2 replications) by
// the CLI under budget-run.ts' CPU budget. Whatever the file, validation never throws, every
// problem is one `FILE:LINE:COL: MESSAGE (at PATH)` line, and a run exits 0 or 2 (never an
// internal error) within its budget, or 1 with the one line of a replication the simulator
// stopped. The seed is fixed; ETOMSIM_FUZZ_RUNS sets the number of files (`npm run fuzz` soaks
// with many more, and ETOMSIM_FUZZ_SEED picks another seed); a failure is printed with its seed
// and path (ETOMSIM_FUZZ_PATH replays it).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scratchFolders } from '../support/scratch.js';
import { BIN } from '../support/cli.js';
import { budgetedRun, fuzzTimeout, placedAt, type Refusal, shrinkingSpent } from './budget-run.js';
import { mutateLines } from './file-mutations.js';

const tmp = scratchFolders('etomsim-fuzz-');

const RUNS = Number(process.env.ETOMSIM_FUZZ_RUNS ?? 30);
const SEED = Number(process.env.ETOMSIM_FUZZ_SEED ?? 20261130);
/** The one line of a replication the simulator stopped: work in progress past its cap, or a clock that stood still. */
const STOPPED = /^etomsim: replication \d+ of .+ failed: (more than [\d,]+ cases in progress at once|the clock stood still) .+\n$/;
const SCENARIOS = join(import.meta.dirname, '../../scenarios');
const BUNDLED = ['fault-to-repair.yaml', 'fiber-order-to-activation.yaml', 'shared-field-force.yaml'].map((f) =>
  readFileSync(join(SCENARIOS, f), 'utf8'),
);
const DIAGNOSTIC = /^[^\n]+:\d+:\d+: .+ \(at [^\n]+\)$/;

const NAMES = ['desk', 'field_techs', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf', 'a', 'b-2', '_x'];
const VALUES = [
  '',
  'null',
  '~',
  '-1',
  '0',
  '1e308',
  '-0',
  '.nan',
  '.inf',
  '1e-300',
  '[',
  '{',
  '"',
  "'",
  '*a',
  '&a x',
  '!!binary aGk=',
  '!!set {a}',
  '__proto__',
  '=1+1',
  '<img src=x>',
  '[[[[[[[[[[1]]]]]]]]]]',
  'x'.repeat(5000),
  '30m',
  '2h',
  '1/h',
  '1e9/h',
  '{ erlang: { k: 3, mean: 1h } }',
  '{ exponential: { mean: 0s } }',
  '[1, 2, 3]',
  '{}',
  'true',
  '2026-01-01',
];

/** A mutation of a text: a line dropped, doubled, swapped, re-indented, a value replaced, a character inserted. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('double' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('value' as const), at: fc.nat(), value: fc.constantFrom(...VALUES) }),
  fc.record({
    kind: fc.constant('char' as const),
    at: fc.nat(),
    char: fc.constantFrom(':', '-', '#', '[', ']', '{', '}', '"', "'", '\t', '\r', '&', '*', '!', '|', '>', '%', '@', '`', ' ', '\n'),
  }),
  fc.record({ kind: fc.constant('name' as const), at: fc.nat(), name: fc.constantFrom(...NAMES) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'drop':
    case 'double':
    case 'swap':
      mutateLines(lines, m);
      break;
    case 'indent':
      lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
      break;
    case 'value': {
      const colon = lines[i].indexOf(': ');
      lines[i] = colon >= 0 ? `${lines[i].slice(0, colon + 2)}${m.value}` : `${lines[i]} ${m.value}`;
      break;
    }
    case 'name':
      lines[i] = lines[i].replace(/^(\s*(?:- )?)[A-Za-z_][\w-]*:/, `$1${m.name}:`);
      break;
    case 'char': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.char + text.slice(at);
    }
  }
  return lines.join('\n');
}

/** The draw of a random scenario: teams, sequential tasks, a loop back, a variant; `low` keeps its load and length small. */
const shape = (low: boolean) =>
  fc.record({
    teams: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }),
    nodes: fc.uniqueArray(fc.constantFrom(...NAMES.map((n) => `n_${n}`), ...NAMES), { minLength: 1, maxLength: 6 }),
    flow: fc.constantFrom(...NAMES),
    rate: fc.double({ min: 0.05, max: low ? 0.5 : 4, noNaN: true }),
    means: fc.array(fc.double({ min: 0.01, max: low ? 1 : 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
    capacities: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }),
    loop: fc.option(fc.double({ min: 0.01, max: low ? 0.5 : 0.9, noNaN: true }), { nil: null }),
    variant: fc.option(fc.constantFrom(...NAMES), { nil: null }),
    horizon: fc.integer({ min: 10, max: low ? 100 : 400 }),
  });
type Shape = typeof shape extends (low: boolean) => fc.Arbitrary<infer T> ? T : never;
type Doc = { [key: string]: unknown };

/** A random scenario that is valid by construction: teams, sequential tasks, decisions, variants. */
function scenarioDoc(g: Shape): Doc {
  // no prototype: a node drawn as `__proto__` is a key of the flow's nodes, not their prototype
  const nodes: Record<string, unknown> = Object.create(null);
  g.nodes.forEach((name, i) => {
    const last = i === g.nodes.length - 1;
    const next = last ? undefined : g.nodes[i + 1];
    nodes[name] = {
      resource: g.teams[i % g.teams.length],
      duration: { exponential: { mean: `${g.means[i].toFixed(3)}h` } },
      ...(next ? { next } : {}),
    };
  });
  if (g.loop !== null) {
    const lastTask = g.nodes[g.nodes.length - 1];
    (nodes[lastTask] as Record<string, unknown>).next = 'loop_back';
    nodes.loop_back = {
      branch: [
        { to: g.nodes[0], p: Number(g.loop.toFixed(3)) },
        { to: 'done', p: Number((1 - Number(g.loop.toFixed(3))).toFixed(3)) },
      ],
    };
    nodes.done = { duration: '1m' };
  }
  return {
    name: `fuzz ${g.flow}`,
    run: { horizon: `${g.horizon}h`, replications: 2, seed: 1 },
    resources: Object.fromEntries(g.teams.map((t, i) => [t, { capacity: Math.max(1, g.capacities[i]) }])),
    arrivals: [{ flow: g.flow, rate: `${g.rate.toFixed(3)}/h` }],
    flows: { [g.flow]: { start: g.nodes[0], nodes } },
    ...(g.variant
      ? { variants: { [g.variant === 'baseline' ? 'v' : g.variant]: { patch: { resources: { [g.teams[0]]: { capacity: 7 } } } } } }
      : {}),
  };
}

/** A random scenario, as JSON (which is YAML). */
const generated = shape(false).map((g) => JSON.stringify(scenarioDoc(g), null, 1));

/** `value` with every map's keys in the reverse order (a list's items keep theirs). */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** A random scenario of a small load, valid by construction, laid out with another indent and, or, key order: it must run. */
const kept = fc
  .record({ g: shape(true), indent: fc.constantFrom(0, 1, 2, 4), reverse: fc.boolean() })
  .map(({ g, indent, reverse }) => JSON.stringify(reverse ? reversedKeys(scenarioDoc(g)) : scenarioDoc(g), null, indent));

/**
 * A random scenario with one value broken, each a value no other place of the file holds (so its
 * line is found by its text): a team's capacity negative, a task's next step a node that is not
 * there, the arrival rate not a rate.
 */
const broken = fc
  .record({ g: shape(false), what: fc.constantFrom('capacity', 'next', 'rate'), at: fc.nat() })
  .map(({ g, what, at }): [string, Refusal] => {
    const doc = scenarioDoc(g);
    let value: string | number;
    let path: string;
    if (what === 'capacity') {
      const team = g.teams[at % g.teams.length];
      (doc.resources as Record<string, Doc>)[team].capacity = value = -1;
      path = `resources.${team}.capacity`;
    } else if (what === 'next') {
      const node = g.nodes[at % g.nodes.length];
      ((doc.flows as Record<string, Doc>)[g.flow].nodes as Record<string, Doc>)[node].next = value = 'fuzz_nowhere';
      path = `flows.${g.flow}.nodes.${node}.next`;
    } else {
      (doc.arrivals as Doc[])[0].rate = value = 'x/h';
      path = 'arrivals.0.rate';
    }
    const text = JSON.stringify(doc, null, 1);
    const lines = text.split('\n');
    const shown = `: ${JSON.stringify(value)}`;
    const line = lines.findIndex((l) => l.includes(shown));
    return [text, { line: line + 1, col: lines[line].indexOf(shown) + 3, at: path }];
  });

const input = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...BUNDLED), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([text, ms]) => ms.reduce(mutate, text)),
  },
  { weight: 1, arbitrary: generated },
  {
    weight: 1,
    arbitrary: fc.tuple(generated, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([text, ms]) => ms.reduce(mutate, text)),
  },
);

describe('fuzzing scenario files', () => {
  const dir = tmp();
  const tally = { files: 0, valid: 0, ran: 0, stopped: 0 };

  /**
   * `text` validated in-process (every problem placed; refused only with an error) and, when it
   * validates or `runRefused` asks, run by the CLI under the budget: exit 0 or 2, or 1 with the
   * line of a replication the simulator stopped; no stack trace.
   */
  function tryScenario(text: string, runRefused = false) {
    tally.files++;
    const file = join(dir, `case-${tally.files}.yaml`);
    const out = join(dir, `out-${tally.files}`);
    const loaded = loadScenarioText(text, file);
    const problems = loaded.diagnostics.map(formatDiagnostic);
    for (const line of problems) expect(line).toMatch(DIAGNOSTIC);
    if (loaded.set === null) expect(loaded.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    else tally.valid++;
    if (loaded.set === null && !runRefused) return { file, out, loaded, problems, run: null };
    writeFileSync(file, text);
    const run = budgetedRun(file, [BIN, 'run', file, '-r', '2', '-w', '1', '-q', '--no-report', '--out', out]);
    tally.ran++;
    expect(run.stderr, file).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
    // exit 1 only for a replication the simulator stopped (engine/sim/run-limits.ts), which says why in the model's terms
    const stopped = run.status === 1 && STOPPED.test(run.stderr);
    if (stopped) tally.stopped++;
    else expect([0, 2], `${file}: exit ${run.status}\n${run.stderr}`).toContain(run.status);
    for (const line of run.stderr.split('\n').filter((l) => l.startsWith(file))) expect(line).toMatch(DIAGNOSTIC);
    return { file, out, loaded, problems, run };
  }

  // Each run has its own budget: a soak of many files (`npm run fuzz`) is bounded by those, not by
  // the suite's default timeout; shrinking stops short of it, so that the failure is reported.
  const timeout = fuzzTimeout(RUNS);
  test(`${RUNS} random, kept and broken scenarios: kept ones run, broken ones refused at their value, all in budget`, {
    timeout,
  }, () => {
    const runs = Math.max(1, Math.floor(RUNS / 3));
    const started = Date.now();
    fc.assert(
      fc.property(kept, broken, input, (keptText, [brokenText, refusal], text) => {
        fc.pre(!shrinkingSpent(started));
        const read = tryScenario(keptText);
        expect(
          read.problems.filter((p) => !p.includes(': warning: ')),
          `${read.file}: valid by construction`,
        ).toEqual([]);
        expect(read.run?.status, `${read.file}: exit ${read.run?.status}\n${read.run?.stderr}`).toBe(0);
        // read back: the run's results, of the scenario it ran
        const results = JSON.parse(readFileSync(join(read.out, 'results.json'), 'utf8'));
        expect(results.scenario).toBe(JSON.parse(keptText).name);
        expect(Object.keys(results.variants)).toContain('baseline');

        const refused = tryScenario(brokenText, true);
        const placed = expect.stringMatching(placedAt(refused.file, refusal));
        expect(refused.loaded.set, `${refused.file}: broken at ${refusal.at}, and valid`).toBeNull();
        expect(refused.problems).toContainEqual(placed);
        expect(refused.run?.status, `${refused.file}: exit ${refused.run?.status}\n${refused.run?.stderr}`).toBe(2);
        expect(refused.run?.stderr.split('\n')).toContainEqual(placed);
        expect(existsSync(refused.out), `${refused.out}: written for a refused scenario`).toBe(false);

        tryScenario(text);
      }),
      {
        seed: SEED,
        path: process.env.ETOMSIM_FUZZ_PATH,
        numRuns: runs,
        interruptAfterTimeLimit: timeout - 20_000,
        markInterruptAsFailure: true,
      },
    );
    // what the fuzzer tried (printed for the README's figures: `npm run fuzz`)
    process.stdout.write(`fuzz: seed ${SEED}, ${tally.files} files, ${tally.valid} valid, ${tally.ran} run, ${tally.stopped} stopped\n`);
    expect(tally.files).toBe(3 * runs);
  });
});
