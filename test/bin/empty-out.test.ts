// An empty --out (an unset shell variable: `--out "$OUTDIR"`) named the current folder, and
// run wrote its results into it (s31x F15); discover, export-bpmn and import-bpmn a file named
// ''. Every command that takes --out refuses it before reading anything, by either route
// (plainRun's and yargs'), and the current folder stays empty.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-empty-out-');
const SCENARIO = join(import.meta.dirname, '../../scenarios/fault-to-repair.yaml');
const LOG = join(import.meta.dirname, '../../../shared/data/event-logs/loan-application.csv.gz');
const REFUSED =
  "etomsim: --out needs a folder or file name; got an empty one (an unset shell variable?)\nRun 'etomsim --help' for the options.\n";

describe('an empty --out', () => {
  const lines: [string, string[]][] = [
    ['run, plainly', ['run', SCENARIO, '-r', '2', '-o', '']],
    ['run, through yargs', ['run', SCENARIO, '-r', '2', '--formats', 'md', '--out', '']],
    ['run, --out=', ['run', SCENARIO, '-r', '2', '--out=']],
    ['size', ['size', SCENARIO, '--target', 'flows.fault_to_repair.sla_attainment >= 0.5', '--out', '']],
    ['bottlenecks', ['bottlenecks', SCENARIO, '-r', '2', '--out', '']],
    ['report', ['report', 'results.json', '--out', '']],
    ['merge', ['merge', 'a.shard', 'b.shard', '--out', '']],
    ['fidelity', ['fidelity', SCENARIO, LOG, '--out', '']],
    ['discover', ['discover', LOG, '--out', '']],
    ['export-bpmn', ['export-bpmn', SCENARIO, '--out', '']],
    ['import-bpmn', ['import-bpmn', 'x.bpmn', '--out', '']],
  ];
  test.each(lines)('%s: refused (exit 2), nothing written in the current folder', (_, args) => {
    const cwd = tmp();
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd });
    expect([r.status, r.stderr]).toEqual([2, REFUSED]);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
