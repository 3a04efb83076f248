// The fuzzer: random valid scenarios and random mutations of the bundled ones. Every file is
// validated in-process; those that validate are run (2 replications) by the CLI under a time
// budget. Whatever the file, validation never throws, every problem is one
// `FILE:LINE:COL: MESSAGE (at PATH)` line, and a run exits 0 or 2 (never an internal error)
// within its budget, or 1 with the one line of a replication the simulator stopped. The seed is fixed; ETOMSIM_FUZZ_RUNS sets the number of files
// (`npm run fuzz` soaks with many more, and ETOMSIM_FUZZ_SEED picks another seed).
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scratchFolders } from '../support/scratch.js';
import { mutateLines } from './file-mutations.js';

const tmp = scratchFolders('etomsim-fuzz-');

const RUNS = Number(process.env.ETOMSIM_FUZZ_RUNS ?? 30);
const SEED = Number(process.env.ETOMSIM_FUZZ_SEED ?? 20261130);
const RUN_BUDGET_MS = 60_000;
/** The one line of a replication the simulator stopped: work in progress past its cap, or a clock that stood still. */
const STOPPED = /^etomsim: replication \d+ of .+ failed: (more than [\d,]+ cases in progress at once|the clock stood still) .+\n$/;
const BIN = join(import.meta.dirname, '../../bin/etomsim.cjs');
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

/** A random scenario that is valid by construction (as JSON, which is YAML): teams, sequential tasks, decisions, variants. */
const generated = fc
  .record({
    teams: fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }),
    nodes: fc.uniqueArray(fc.constantFrom(...NAMES.map((n) => `n_${n}`), ...NAMES), { minLength: 1, maxLength: 6 }),
    flow: fc.constantFrom(...NAMES),
    rate: fc.double({ min: 0.05, max: 4, noNaN: true }),
    means: fc.array(fc.double({ min: 0.01, max: 3, noNaN: true }), { minLength: 6, maxLength: 6 }),
    capacities: fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }),
    loop: fc.option(fc.double({ min: 0.01, max: 0.9, noNaN: true }), { nil: null }),
    variant: fc.option(fc.constantFrom(...NAMES), { nil: null }),
    horizon: fc.integer({ min: 10, max: 400 }),
  })
  .map((g) => {
    const nodes: Record<string, unknown> = {};
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
    const doc = {
      name: `fuzz ${g.flow}`,
      run: { horizon: `${g.horizon}h`, replications: 2, seed: 1 },
      resources: Object.fromEntries(g.teams.map((t, i) => [t, { capacity: Math.max(1, g.capacities[i]) }])),
      arrivals: [{ flow: g.flow, rate: `${g.rate.toFixed(3)}/h` }],
      flows: { [g.flow]: { start: g.nodes[0], nodes } },
      ...(g.variant
        ? { variants: { [g.variant === 'baseline' ? 'v' : g.variant]: { patch: { resources: { [g.teams[0]]: { capacity: 7 } } } } } }
        : {}),
    };
    return JSON.stringify(doc, null, 1);
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

  // Each run has its own budget and the first failure ends the property: a soak of many files
  // (`npm run fuzz`) is bounded by those, not by the suite's default timeout.
  const timeout = RUNS * RUN_BUDGET_MS;
  test(`${RUNS} random and mutated scenarios: validate never throws, problems are placed, runs end with 0 or 2 in budget`, {
    timeout,
  }, () => {
    fc.assert(
      fc.property(input, (text) => {
        tally.files++;
        const file = join(dir, `case-${tally.files}.yaml`);
        const loaded = loadScenarioText(text, file);
        for (const d of loaded.diagnostics) expect(formatDiagnostic(d)).toMatch(DIAGNOSTIC);
        if (loaded.set === null) {
          expect(loaded.diagnostics.some((d) => d.severity === 'error')).toBe(true);
          return;
        }
        tally.valid++;
        writeFileSync(file, text);
        const started = Date.now();
        const r = spawnSync(
          process.execPath,
          [BIN, 'run', file, '-r', '2', '-w', '1', '-q', '--no-report', '--out', join(dir, `out-${tally.files}`)],
          { encoding: 'utf8', timeout: RUN_BUDGET_MS },
        );
        tally.ran++;
        expect(r.error, `${file}: no answer within ${RUN_BUDGET_MS} ms (${Date.now() - started} ms)`).toBeUndefined();
        expect(r.stderr, file).not.toMatch(/internal error|\n\s+at .+:\d+:\d+\)?\n/);
        // exit 1 only for a replication the simulator stopped (engine/sim/run-limits.ts), which says why in the model's terms
        const stopped = r.status === 1 && STOPPED.test(r.stderr);
        if (stopped) tally.stopped++;
        else expect([0, 2], `${file}: exit ${r.status}\n${r.stderr}`).toContain(r.status);
        for (const line of r.stderr.split('\n').filter((l) => l.startsWith(file))) expect(line).toMatch(DIAGNOSTIC);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // what the fuzzer tried (printed for the README's figures: `npm run fuzz`)
    process.stdout.write(`fuzz: seed ${SEED}, ${tally.files} files, ${tally.valid} valid, ${tally.ran} run, ${tally.stopped} stopped\n`);
    expect(tally.files).toBe(RUNS);
    // the default run (CI's) must try both paths: a run of a file that validates, and a file's refusal (budget-run.ts' fuzzFiles)
    expect(tally.ran, 'no scenario validated, so none was run').toBeGreaterThan(0);
    expect(tally.files - tally.valid, 'every scenario validated, so no refusal was checked').toBeGreaterThan(0);
  });
});
