// `run --variant NAME` as a user mistypes it: a misspelt variant is named with the closest one,
// as `bottlenecks`, `size` and `export-bpmn` name it, and `baseline` is told as what it is.
import { existsSync, writeFileSync } from 'node:fs';
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

test("'baseline' is not called unknown: it always runs, and --variant names the variants beside it", () => {
  expect(refused('baseline')).toEqual({
    status: 2,
    stderr: `etomsim: --variant baseline: the baseline always runs; --variant names the variants to run beside it (the scenario's variants: faster, more_desks)\n${HINT}`,
    wrote: false,
  });
});

test("'baseline' with a misspelt variant: both told at once", () => {
  expect(refused('baseline', 'fastr')).toEqual({
    status: 2,
    stderr:
      "etomsim: --variant baseline: the baseline always runs; --variant names the variants to run beside it; unknown variant 'fastr'; " +
      `did you mean 'faster'? (the scenario's variants: faster, more_desks)\n${HINT}`,
    wrote: false,
  });
});
