// A loop of steps that may take no time whose way out has probability 0 from some visit on: a
// case that comes round it that often goes round it for ever at one instant (s32x F20: validate
// said "valid" with a warning, and run failed with exit 1 after a million steps). Refused at
// validation (exit 2); a way out that is small but above 0 stays a warning.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { yaml } from './diagnose.js';

const loop = (close: string, back: string, out: string) => yaml`
  name: loop
  run: { horizon: 10d, warmup: 1d, replications: 2, seed: 1 }
  resources: {}
  arrivals: [{ flow: f, rate: 1/h }]
  flows:
    f:
      start: close
      nodes:
        close: ${close}
        b:
          branch:
            - { to: close, p: ${back} }
            - { to: done, p: ${out} }
        done: { duration: 5m }
`;

const AGED = '{ until: case_age, duration: 1h, next: b }';

test("an until: case_age step in a loop left with p 0 from the 2nd visit on: an error at the loop's decision", () => {
  const loaded = loadScenarioText(loop(AGED, '[0.5, 1]', '[0.5, 0]'), 'loop.yaml');
  expect(loaded.set).toBeNull();
  expect(loaded.diagnostics.map((d) => [d.severity, d.path, d.message])).toEqual([
    [
      'error',
      'flows.f.nodes.b',
      "nodes 'close', 'b' of flow 'f' form a loop that may take no time ('close' waits for the case's age, and takes no time once the case is past it), " +
        'and its way out has probability 0 from some visit on: a case that comes round it that often passes through it without end, all at one instant, ' +
        'and the run stops with an error. Give the way out a probability above 0 at every visit, or a step of the loop a duration',
    ],
  ]);
  // zero-duration steps alike, with no case-age step to explain
  const zero = loadScenarioText(loop('{ duration: 0, next: b }', '[0.5, 0.5, 1]', '[0.5, 0.5, 0]'), 'zero.yaml');
  expect(zero.diagnostics.map((d) => [d.severity, d.path])).toEqual([['error', 'flows.f.nodes.b']]);
  expect(zero.diagnostics[0].message).toMatch(
    /^nodes 'close', 'b' of flow 'f' form a loop that may take no time, and its way out has probability 0/,
  );
});

test('valid: a way out above 0 at every visit (a warning when it is rare), a step that takes time, or a first visit that always leaves', () => {
  const rare = loadScenarioText(loop(AGED, '[0.5, 0.999999]', '[0.5, 0.000001]'), 'rare.yaml');
  expect(rare.set).not.toBeNull();
  expect(scenarioWarnings(rare).map((d) => d.message)).toEqual([
    expect.stringMatching(/form a loop that takes no time, and a case passes through them about 1,000,000 times/),
  ]);
  for (const text of [loop('{ duration: 1h, next: b }', '[0.5, 1]', '[0.5, 0]'), loop(AGED, '[0, 1]', '[1, 0]')]) {
    const loaded = loadScenarioText(text, 'ok.yaml');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.set).not.toBeNull();
  }
});

test('validate and run exit 2 before simulating, at FILE:LINE:COL', () => {
  const file = join(scratchFolders('etomsim-endless-loop-')(), 'loop.yaml');
  writeFileSync(file, loop(AGED, '[0.5, 1]', '[0.5, 0]'));
  for (const args of [['validate'], ['run', '--out', join(file, '..', 'out'), '-q']]) {
    const r = etomsim(args[0], file, ...args.slice(1));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      new RegExp(`^${file}:10:7: nodes 'close', 'b' of flow 'f' form a loop that may take no time .*\\(at flows\\.f\\.nodes\\.b\\)\\n`),
    );
  }
});
