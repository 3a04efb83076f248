// A command name mistyped, as a user does: `etomsim valdate FILE` was read as `run valdate` with
// a stray FILE ("Unknown argument: FILE"), `etomsim valdate` as a missing scenario file. The
// command line now says which command was meant; a scenario file of such a name still runs.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { COMMANDS, commandWordFirst } from '../../bin/misspelt-command.js';
import { BIN, etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-misspelt-command-');

const refusal = (typed: string, meant: string) =>
  `etomsim: unknown command '${typed}'; did you mean '${meant}'? (the commands: ${COMMANDS.join(', ')}; a scenario file alone runs it)\n` +
  "Run 'etomsim --help' for the options.\n";

test('a misspelt command before a file, or alone: exit 2, the command meant, nothing run', () => {
  const file = join(tmp(), 'tiny.yaml');
  writeFileSync(file, TINY_SCENARIO);
  for (const [typed, meant, args] of [
    ['valdate', 'validate', [file]],
    ['valdate', 'validate', []],
    ['bottleneck', 'bottlenecks', [file, '-r', '1']],
    ['sise', 'size', [file, '--target', 'resources.desk.utilization <= 0.9']],
    ['imprt-bpmn', 'import-bpmn', ['x.bpmn', '--out', 'x.yaml']],
  ] as const) {
    const r = etomsim(typed, ...args);
    expect({ typed, status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
      typed,
      status: 2,
      stdout: '',
      stderr: refusal(typed, meant),
    });
  }
});

test('a scenario file named like a command, given alone, is still simulated', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'sise'), TINY_SCENARIO);
  const r = spawnSync(process.execPath, [BIN, 'sise', '-r', '1', '-w', '1', '-q', '--no-report', '-o', 'out'], {
    cwd: dir,
    encoding: 'utf8',
  });
  expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
});

test('COMMANDS is the list --help prints, in its order', () => {
  const r = etomsim('--help');
  const listed = [...r.stdout.matchAll(/^ {2}etomsim ([a-z-]+)/gm)].map((m) => m[1]);
  expect(listed).toEqual([...COMMANDS]);
});

test('a quiet flag before the command word: the command runs quietly, or its misspelling is told', () => {
  const dir = tmp();
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, TINY_SCENARIO);
  const quiet = etomsim('-q', 'bottlenecks', file, '-r', '1', '-w', '1', '-o', join(dir, 'b'));
  expect({ status: quiet.status, stdout: quiet.stdout, stderr: quiet.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  const misspelt = etomsim('--quiet', 'valdate', file);
  expect({ status: misspelt.status, stderr: misspelt.stderr }).toEqual({ status: 2, stderr: refusal('valdate', 'validate') });
  // validate has no -q: told so, rather than the file taken as the flag's value
  const noQuiet = etomsim('-q', 'validate', file);
  expect({ status: noQuiet.status, stderr: noQuiet.stderr }).toEqual({
    status: 2,
    stderr: "etomsim: Unknown argument: q\nRun 'etomsim --help' for the options.\n",
  });
});

test('commandWordFirst moves leading quiet flags to the end, before any --, only before a command word', () => {
  expect(commandWordFirst(['-q', 'run', 'a.yaml', '--', 'b'])).toEqual(['run', 'a.yaml', '-q', '--', 'b']);
  expect(commandWordFirst(['-q', '--quiet', 'sise', 'a.yaml'])).toEqual(['sise', 'a.yaml', '-q', '--quiet']);
  for (const argv of [['-q', 'a.yaml'], ['-q', '-r', '1', 'run'], ['run', '-q'], ['-q']]) expect(commandWordFirst(argv)).toEqual(argv);
});
