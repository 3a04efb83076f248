// An input file that is not there, or is a folder, as a user names it by mistake: every command
// says so in the same words ('no such file', 'a folder, not a file'), as `report` did alone,
// not with Node's error text (`ENOENT: no such file or directory, open '...'`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-missing-input-');
const HINT = "Run 'etomsim --help' for the options.\n";

test('discover and fidelity: a missing log and a folder, at the log, exit 2', () => {
  const dir = tmp();
  const missing = join(dir, 'none.csv');
  const folder = join(dir, 'logs');
  mkdirSync(folder);
  const out = join(dir, 'out.yaml');
  const scenario = join(dir, 'tiny.yaml');
  writeFileSync(scenario, TINY_SCENARIO);
  const cases = [
    [['discover', missing, '--out', out], `${missing}:1:1: cannot read the log: no such file (at file)\n`],
    [['discover', folder, '--out', out], `${folder}:1:1: cannot read the log: it is a folder, not a file (at file)\n`],
    [['fidelity', scenario, missing, '--out', join(dir, 'f')], `${missing}:1:1: cannot read the log: no such file (at file)\n`],
  ] as const;
  for (const [args, stderr] of cases) {
    const r = etomsim(...args);
    expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 2, stderr });
  }
});

test('import-bpmn: a missing file and a folder, exit 2', () => {
  const dir = tmp();
  const missing = join(dir, 'none.bpmn');
  const out = join(dir, 'out.yaml');
  const r = etomsim('import-bpmn', missing, '--out', out);
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 2, stderr: `etomsim: cannot read '${missing}': no such file\n${HINT}` });
  const f = etomsim('import-bpmn', dir, '--out', out);
  expect({ status: f.status, stderr: f.stderr }).toEqual({
    status: 2,
    stderr: `etomsim: cannot read '${dir}': it is a folder, not a file\n${HINT}`,
  });
});
