// `run --precision P --precision-on differences` with no variant beside the baseline (a scenario
// without variants, or `--variant baseline` alone) has nothing to measure: it stopped after its
// first round with `met: true`, a target never looked at. Now a usage error; `both` measures the
// means alone there, and says so through `on` and the same replications as `means`.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-precision-differences-');
const HINT = "Run 'etomsim --help' for the options.\n";
const WITH_VARIANT = `${TINY_SCENARIO}variants:
  more_desks:
    patch: { resources: { desk: { capacity: 3 } } }
`;

function run(scenario: string, ...args: string[]) {
  const dir = tmp();
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, scenario);
  const out = join(dir, 'out');
  const r = etomsim(
    'run',
    file,
    '--precision',
    '5%',
    '--max-replications',
    '6',
    '-r',
    '2',
    '-w',
    '1',
    '-q',
    '--no-report',
    '-o',
    out,
    ...args,
  );
  const results = existsSync(join(out, 'results.json')) ? JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) : null;
  return { status: r.status, stderr: r.stderr, wrote: existsSync(out), precision: results?.precision ?? null };
}

test('a scenario without variants: exit 2, nothing run or written', () => {
  expect(run(TINY_SCENARIO, '--precision-on', 'differences')).toEqual({
    status: 2,
    stderr: `etomsim: --precision-on differences targets the variants' differences from the baseline, and the scenario has no variant: add one, or use --precision-on means\n${HINT}`,
    wrote: false,
    precision: null,
  });
});

test('--variant baseline alone: exit 2, nothing run or written', () => {
  expect(run(WITH_VARIANT, '--precision-on', 'differences', '--variant', 'baseline')).toEqual({
    status: 2,
    stderr: `etomsim: --precision-on differences targets the variants' differences from the baseline, and --variant baseline runs the baseline alone: name a variant too, or use --precision-on means\n${HINT}`,
    wrote: false,
    precision: null,
  });
});

test('with a variant the differences are targeted; both, without one, is the means target', () => {
  const differences = run(WITH_VARIANT, '--precision-on', 'differences', '--variant', 'baseline', '--variant', 'more_desks');
  expect(differences.status, differences.stderr).toBe(0);
  expect(differences.precision).toMatchObject({ on: 'differences', metric: 'comparisons of outcome KPIs' });
  const means = run(TINY_SCENARIO, '--precision-on', 'means');
  const both = run(TINY_SCENARIO, '--precision-on', 'both');
  expect(both.status, both.stderr).toBe(0);
  expect({ ...both.precision, on: 'means', metric: means.precision.metric }).toEqual(means.precision);
  expect(both.precision.on).toBe('both');
});
