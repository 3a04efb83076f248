// The fuzzer of BPMN files: random mutations of valid ones (etomsim's own export, a Camunda
// model, a QBP model with BPSim-like parameters), entities and DOCTYPEs put in among them, each
// read by `etomsim import-bpmn` under a time and memory budget. Whatever the file, the command
// exits 0 with a scenario written or 2 with nothing written, every error line is
// `FILE:LINE:COL: MESSAGE (at PATH)`, no stack trace reaches the user, and no entity is expanded
// (a billion laughs would exhaust the heap budget; a file's text would show in the scenario).
// The seed is fixed; ETOMSIM_FUZZ_RUNS sets the number of files (`npm run fuzz` soaks with many
// more), ETOMSIM_FUZZ_SEED picks another seed and ETOMSIM_FUZZ_SHOW=1 prints each exit and error line.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { fuzzFiles, RUN_BUDGET_MS, RUNS, runOnFuzzedFile } from './budget-run.js';
import { mutate, mutation } from './file-mutations.js';

const tmp = scratchFolders('etomsim-fuzz-bpmn-');

const SEEDS = [
  join(import.meta.dirname, 'fixtures/fault.bpmn'),
  join(import.meta.dirname, '../interchange/fixtures/camunda-trouble-ticket.bpmn'),
  join(import.meta.dirname, '../interchange/fixtures/qbp-loan.bpmn'),
].map((path) => readFileSync(path, 'utf8'));

const input = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([text, ms]) => ms.reduce(mutate, text));

describe('fuzzing BPMN files', () => {
  test(`${RUNS} mutated BPMN files: import-bpmn exits 0 or 2 within budget, errors placed, nothing half written`, {
    timeout: RUNS * RUN_BUDGET_MS,
  }, () => {
    fuzzFiles('bpmn', input, (text) => {
      const dir = tmp();
      const path = join(dir, 'model.bpmn');
      const out = join(dir, 'imported.yaml');
      writeFileSync(path, text);
      const r = runOnFuzzedFile(path, ['import-bpmn', path, '-q', '-o', out]);
      if (r.status === 0) {
        const scenario = readFileSync(out, 'utf8');
        expect(scenario).toMatch(/flows:/);
        expect(scenario).not.toMatch(/lollol|root:x:0/);
      }
      return r.status === 0;
    });
  });
});
