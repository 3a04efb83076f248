// `run --variant NAME` as a user mistypes it: a misspelt variant is named with the closest one,
// as `bottlenecks`, `size` and `export-bpmn` name it; `baseline` alone runs the baseline only.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-variant-option-');

const SCENARIO = `${TINY_SCENARIO}variants:
  faster:
    patch: { flows: { f: { nodes: { a: { duration: 20m } } } } }
  more_desks:
    patch: { resources: { desk: { capacity: 3 } } }
`;

function refused(...variants: string[]) {
  const dir = tmp();
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, SCENARIO);
  const out = join(dir, 'out');
  const r = etomsim('run', file, ...variants.flatMap((v) => ['--variant', v]), '-r', '1', '-w', '1', '-q', '-o', out);
  return { status: r.status, stderr: r.stderr, wrote: existsSync(out) };
}

const HINT = "Run 'etomsim --help' for the options.\n";

test('a misspelt variant: exit 2, the closest name offered, nothing run or written', () => {
  expect(refused('fastr')).toEqual({
    status: 2,
    stderr: `etomsim: unknown variant 'fastr'; did you mean 'faster'? (the scenario's variants: faster, more_desks)\n${HINT}`,
    wrote: false,
  });
});

test('several unknown variants: each named, with its closest name where there is one', () => {
  expect(refused('faster', 'more_desk', 'zzz')).toEqual({
    status: 2,
    stderr: `etomsim: unknown variants 'more_desk' (did you mean 'more_desks'?), 'zzz' (the scenario's variants: faster, more_desks)\n${HINT}`,
    wrote: false,
  });
});

test("'baseline' with a misspelt variant: the misspelt one told, baseline no mistake", () => {
  expect(refused('baseline', 'fastr')).toEqual({
    status: 2,
    stderr: `etomsim: unknown variant 'fastr'; did you mean 'faster'? (the scenario's variants: faster, more_desks)\n${HINT}`,
    wrote: false,
  });
});

function ran(...variants: string[]): string[] {
  const dir = tmp();
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, SCENARIO);
  const out = join(dir, 'out');
  const r = etomsim('run', file, ...variants.flatMap((v) => ['--variant', v]), '-r', '2', '-w', '1', '-q', '--no-report', '-o', out);
  expect(r.status, r.stderr).toBe(0);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  return Object.keys(results.variants);
}

test('--variant baseline alone runs the baseline only; beside others it changes nothing', () => {
  expect(ran('baseline')).toEqual(['baseline']);
  expect(ran('baseline', 'more_desks')).toEqual(['baseline', 'more_desks']);
  expect(ran()).toEqual(['baseline', 'faster', 'more_desks']);
});
