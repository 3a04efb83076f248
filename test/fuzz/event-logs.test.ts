// The fuzzer of event logs: random mutations of small valid logs in every text format etomsim
// reads (CSV, its own and LoanApp's; XES; OCEL 2.0 JSON and XML) and random CSV logs built
// from hostile values, each read by `etomsim discover` under a time and memory budget. Whatever
// the file, the command exits 0 with a scenario written or 2 with nothing written, every error
// line is `FILE:LINE:COL: MESSAGE (at PATH)`, and no stack trace reaches the user. The seed is
// fixed; ETOMSIM_FUZZ_RUNS sets the number of files (`npm run fuzz` soaks with many more) and
// ETOMSIM_FUZZ_SEED picks another seed; ETOMSIM_FUZZ_SHOW=1 prints each exit and error line.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { fuzzFiles, RUN_BUDGET_MS, RUNS, runOnFuzzedFile } from './budget-run.js';
import { HOSTILE_VALUES, mutate, mutation } from './file-mutations.js';

const tmp = scratchFolders('etomsim-fuzz-logs-');

const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The seeds: each a small valid log, its extension, and the case option it needs. */
const SEEDS = [
  { file: 'fault.csv', args: [] },
  { file: 'loan.csv', args: [] },
  { file: 'fault.xes', args: [] },
  { file: 'fault.ocel.json', args: ['--case', 'fault_to_repair'] },
  { file: 'fault.xmlocel', args: ['--case', 'fault_to_repair'] },
].map((s) => ({ ...s, text: readFileSync(join(FIXTURES, s.file), 'utf8') }));

const HEADERS = [
  'case_id',
  'activity',
  'resource',
  'role',
  'start_time',
  'end_time',
  'enabled_time',
  'lifecycle:transition',
  'concept:name',
];
const CELLS = [
  ...HOSTILE_VALUES,
  'a',
  'b',
  'c1',
  '2026-01-05T08:00:00Z',
  '2026-01-05T09:30:00Z',
  '2026-01-06T08:00:00+01:00',
  'start',
  'complete',
];

/** A random CSV log: a header from the usual names, then rows of hostile and plausible cells. */
const generatedCsv = fc
  .record({
    header: fc.uniqueArray(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: HEADERS.length }),
    rows: fc.array(fc.array(fc.constantFrom(...CELLS), { minLength: 0, maxLength: 10 }), { maxLength: 30 }),
    delimiter: fc.constantFrom(',', ';', '\t', '|'),
  })
  .map((g) => ({
    file: 'generated.csv',
    args: [] as string[],
    text: [g.header, ...g.rows].map((r) => r.join(g.delimiter)).join('\n'),
  }));

const input = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
      .map(([seed, ms]) => ({ file: seed.file, args: seed.args, text: ms.reduce(mutate, seed.text) })),
  },
  { weight: 1, arbitrary: generatedCsv },
);

describe('fuzzing event logs', () => {
  test(`${RUNS} mutated and random event logs: discover exits 0 or 2 within budget, errors placed, nothing half written`, {
    timeout: RUNS * RUN_BUDGET_MS,
  }, () => {
    fuzzFiles('logs', input, ({ file, args, text }) => {
      const dir = tmp();
      const path = join(dir, file);
      const out = join(dir, 'discovered.yaml');
      writeFileSync(path, text);
      const r = runOnFuzzedFile(path, ['discover', path, ...args, '-q', '-o', out]);
      if (r.status === 0) {
        expect(readFileSync(out, 'utf8')).toMatch(/flows:/);
      }
      return r.status === 0;
    });
  });
});
