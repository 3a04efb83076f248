// The fuzzer of BPMN files: valid ones (etomsim's own export, a Camunda model, a QBP model with
// BPSim-like parameters), each read by `etomsim import-bpmn` under a time and memory budget, in
// three kinds (budget-run.ts' fuzzFiles): mutated at random, entities and DOCTYPEs put in among
// them (read or refused); changed only in ways XML allows (whitespace between attributes, a
// comment, sibling elements swapped, an id renamed wherever it is named), which must be read and
// give a valid scenario; and a sequence flow sent to or from an id no element has, which must be
// refused at that flow's line and element. Whatever the file, the command exits 0 with a scenario
// written or 2 with nothing written, every error line is `FILE:LINE:COL: MESSAGE (at PATH)`, no
// stack trace reaches the user, and no entity is expanded (a billion laughs would exhaust the
// heap budget; a file's text would show in the scenario). The seed is fixed; ETOMSIM_FUZZ_RUNS
// sets the number of files (`npm run fuzz` soaks with many more), ETOMSIM_FUZZ_SEED picks another
// seed and ETOMSIM_FUZZ_SHOW=1 prints each exit and error line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { fuzzFiles, fuzzTimeout, type Refusal, RUNS, tryScenarioWriter } from './budget-run.js';
import { keepXml, keptXmlChange, mutate, mutation } from './file-mutations.js';

const tmp = scratchFolders('etomsim-fuzz-bpmn-');

const SEEDS = [
  join(import.meta.dirname, 'fixtures/fault.bpmn'),
  join(import.meta.dirname, '../interchange/fixtures/camunda-trouble-ticket.bpmn'),
  join(import.meta.dirname, '../interchange/fixtures/qbp-loan.bpmn'),
].map((path) => readFileSync(path, 'utf8'));

const input = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([text, ms]) => ms.reduce(mutate, text));

const kept = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(keptXmlChange, { minLength: 1, maxLength: 4 }))
  .map(([text, ms]) => ms.reduce((t, m) => keepXml(t, m, / id="([^"]+)"/g), text));

/**
 * A seed with one sequence flow's source or target an id no element has, refused at the flow's
 * line and named by its id; or etomsim's own export with one task's mean duration negative, which
 * the reader takes and the scenario's checks refuse, at the task, with the line that sums them up.
 */
const broken = fc
  .record({
    seed: fc.constantFrom(...SEEDS),
    at: fc.noBias(fc.nat()),
    end: fc.constantFrom('sourceRef', 'targetRef'),
    duration: fc.boolean(),
  })
  .map(({ seed, at, end, duration }): [string, Refusal] => {
    const lines = (duration ? SEEDS[0] : seed).split('\n');
    const meant = /etomsim:duration="[^"]*&quot;mean&quot;:\d/;
    const places = lines.flatMap((l, i) => ((duration ? meant : /<(?:bpmn:)?sequenceFlow id="[^"]+"[^>]* sourceRef="/).test(l) ? [i] : []));
    const line = places[at % places.length];
    const id = /id="([^"]+)"/.exec(lines[line])![1];
    lines[line] = duration
      ? lines[line].replace(/(etomsim:duration="[^"]*&quot;mean&quot;:)/, '$1-')
      : lines[line].replace(new RegExp(`${end}="[^"]*"`), `${end}="fuzz_nowhere"`);
    return [lines.join('\n'), { line: line + 1, at: `element ${id}`, summary: duration }];
  });

describe('fuzzing BPMN files', () => {
  test(`${RUNS} random, kept and broken BPMN files: import-bpmn reads the kept, refuses the broken at their element, in budget`, {
    timeout: fuzzTimeout(),
  }, () => {
    fuzzFiles('bpmn', { input, kept, broken }, (text) => tryScenarioWriter('import-bpmn', join(tmp(), 'model.bpmn'), text, []));
  });
});
