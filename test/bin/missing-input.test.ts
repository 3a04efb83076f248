// An input file that cannot be read, named as a user names one by mistake: '-' (standard input),
// a folder, a missing file, one the system will not open, one larger than its kind is read to.
// Every command says so in the same words, `FILE:1:1: cannot read WHAT: WHY (at file)` (a
// folder's `(at folder)`), exit 2, nothing written: the refusal is made in one place
// (engine/io/input-file.ts). Before it, each reader had its own: "etomsim: no scenario file at
// 'x'" (a loop of symbolic links too), "-:1:1: cannot read the log: no such file", "cannot read
// the results file 'x': EISDIR: illegal operation on a directory, read", "etomsim: merge: x:
// Error: ELOOP: ...", and a named pipe with no writer kept discover waiting for ever.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, ftruncateSync, mkdirSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { main } from '../../bin/main.js';
import { BIN, etomsimWithin } from '../support/cli.js';
import { type CapturedOutput, captureOutput } from '../support/captured-output.js';
import { scratchFolders } from '../support/scratch.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-missing-input-');
const MiB = 2 ** 20;

/** The command line in a process of its own, not waited for alone: the cases run side by side. */
function etomsim(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A file of `bytes` bytes that holds none on disk (sparse): larger than a kind's limit at no cost. */
function sparse(file: string, bytes: number): string {
  const fd = openSync(file, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return file;
}

let dir: string;
let scenario: string;
let log: string;
const asRoot = process.getuid?.() === 0;

let said: CapturedOutput;
beforeAll(() => {
  said = captureOutput();
  dir = tmp();
  scenario = join(dir, 'tiny.yaml');
  writeFileSync(scenario, TINY_SCENARIO);
  log = join(dir, 'log.csv');
  writeFileSync(
    log,
    'case,activity,start,end\n1,a,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z\n2,a,2024-01-02T00:00:00Z,2024-01-02T01:00:00Z\n',
  );
  mkdirSync(join(dir, 'folder'));
  // a loop of symbolic links: a file the system will not open, for root too (which EACCES is not)
  symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
  symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
  writeFileSync(join(dir, 'locked'), 'x');
  chmodSync(join(dir, 'locked'), 0);
  // a folder of shards that holds a folder where a shard file would be: merge reads it as a file
  mkdirSync(join(dir, 'shards', 'shard-1-of-1.json'), { recursive: true });
});

afterAll(() => vi.restoreAllMocks());

/** Each way an input cannot be read: the file named, and why, in the words of engine/io/input-file.ts. */
function cases(kind: 'scenario' | 'log' | 'bpmn' | 'results' | 'shard'): { file: string; why: string; at?: string }[] {
  const limit = { scenario: 64 * MiB, bpmn: 64 * MiB, results: 256 * MiB, shard: 256 * MiB, log: 0 }[kind];
  const what = { scenario: 'a scenario file', bpmn: 'a BPMN file', results: 'a results file', shard: 'a shard file', log: '' }[kind];
  const stdin =
    kind === 'log'
      ? "'-' (standard input) is not read: an event log is read more than once (its head tells its format), which only a file allows; save it to a file first (a gzip-compressed log is read as it is, no need to unzip it)"
      : "'-' (standard input) is not read; give a file, or /dev/stdin for standard input";
  const big = join(dir, `big-${kind}`);
  if (kind === 'log') writeFileSync(big, `case,activity,start,end\n${'1,a,2024-01-01T00:00:00Z,2024-01-01T01:00:00Z\n'.repeat(4)}`);
  else sparse(big, limit + 1);
  // a folder: what was given and what is wanted, at the folder (it has no lines, and is no file)
  const folder = { why: `it is a folder, not a file; give ${what || 'an event log'}`, at: 'folder' };
  return [
    { file: '-', why: stdin },
    kind === 'shard'
      ? { file: join(dir, 'shards'), ...folder } // told at the folder in the folder of shards
      : { file: join(dir, 'folder'), ...folder },
    { file: join(dir, 'none'), why: kind === 'shard' ? 'no such file or folder' : 'no such file' },
    { file: join(dir, 'loop-a'), why: 'its path is a loop of symbolic links' },
    ...(asRoot ? [] : [{ file: join(dir, 'locked'), why: 'no permission to read it' }]),
    {
      file: big,
      why:
        kind === 'log'
          ? 'it holds more than 100 bytes, the most etomsim reads as an event log; read a part of it (a shorter period, or fewer cases)'
          : `it holds more than ${limit / MiB} MiB, the most etomsim reads as ${what}`,
    },
  ];
}

const NAMES = { scenario: 'the scenario', log: 'the log', bpmn: 'the BPMN model', results: 'the results file', shard: 'the shard file' };

/** main(args) in this process, as the command line runs it: its status and what it printed. */
async function inProcess(env: Record<string, string>, args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  said.clear();
  const before = { ...process.env };
  Object.assign(process.env, env);
  try {
    const status = await main(args);
    return { status, stdout: said.out, stderr: said.err };
  } finally {
    for (const name of Object.keys(env)) if (before[name] === undefined) delete process.env[name];
  }
}

/**
 * `command(file, out)` for each case of `kind`: exit 2, the one line, nothing on stdout, nothing
 * written at `out`. In this process (main(), bin/main.ts): 46 command lines in processes of their
 * own took 47 s of a loaded machine; `validate`'s own script is run as a process below.
 */
async function refusesEach(kind: keyof typeof NAMES, command: (file: string, out: string) => string[]): Promise<void> {
  for (const { file, why, at = 'file' } of cases(kind)) {
    const out = join(tmp(), 'out');
    // the log's limit lowered (log-limits.ts): a log's size is measured as it is read, not by its file's
    const r = await inProcess(kind === 'log' ? { ETOMSIM_LOG_LIMITS: 'text=100' } : {}, command(file, out));
    const shown = kind === 'shard' && file.endsWith('shards') ? join(file, 'shard-1-of-1.json') : file;
    const expected = { status: 2, stdout: '', stderr: `${shown}:1:1: cannot read ${NAMES[kind]}: ${why} (at ${at})\n`, written: false };
    expect({ args: command(file, 'OUT'), ...r, written: existsSync(out) }).toEqual({ args: command(file, 'OUT'), ...expected });
  }
}

// `etomsim validate FILE` runs a script of its own (bin/validate-script.ts): each case as a user runs it
test('validate, as a process', async () => {
  const runs = cases('scenario').map(async ({ file, why, at = 'file' }) => ({
    file,
    ...(await etomsim('validate', file)),
    expected: { status: 2, stdout: '', stderr: `${file}:1:1: cannot read the scenario: ${why} (at ${at})\n` },
  }));
  for (const { file, expected, ...got } of await Promise.all(runs)) expect({ file, ...got }).toEqual({ file, ...expected });
});
// (its "valid" line goes to the descriptor, bin/standard-output.ts, not through process.stdout: not read here)
test('validate of several files: one not read is told and counted, the others checked', async () => {
  for (const { file, why, at = 'file' } of cases('scenario'))
    expect(await inProcess({}, ['validate', file, scenario])).toMatchObject({
      status: 2,
      stderr: `${file}:1:1: cannot read the scenario: ${why} (at ${at})\netomsim: 1 of 2 scenario files is not valid\n`,
    });
});
test('run', () => refusesEach('scenario', (file, out) => ['run', file, '-q', '-w', '1', '-o', out]));
test('size', () => refusesEach('scenario', (file, out) => ['size', file, '-t', 'flows.f.cycle_time.mean <= 1d', '-o', out]));
test('bottlenecks', () => refusesEach('scenario', (file, out) => ['bottlenecks', file, '-o', out]));
test('export-bpmn', () => refusesEach('scenario', (file, out) => ['export-bpmn', file, '-o', out]));
test("fidelity's scenario", () => refusesEach('scenario', (file, out) => ['fidelity', file, log, '-o', out]));
test("fidelity's log", () => refusesEach('log', (file, out) => ['fidelity', scenario, file, '-o', out]));
test('discover', () => refusesEach('log', (file, out) => ['discover', file, '-o', out]));
test('import-bpmn', () => refusesEach('bpmn', (file, out) => ['import-bpmn', file, '-o', out]));
test('report', () => refusesEach('results', (file, out) => ['report', file, '-o', out]));
test('merge', () => refusesEach('shard', (file, out) => ['merge', file, '-o', out]));

// an event log is not read from a pipe: a named pipe no process writes to was opened, and waited on, for ever
test.runIf(process.platform === 'linux')('discover of a named pipe with no writer: refused at once, not a wait without end', () => {
  const fifo = join(tmp(), 'log.csv');
  expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
  const out = join(tmp(), 'out.yaml');
  const r = etomsimWithin(30_000, 'discover', fifo, '-o', out);
  expect({ status: r.status, stderr: r.stderr.split(': an event log')[0] }).toEqual({
    status: 2,
    stderr: `${fifo}:1:1: cannot read the log from a pipe or a device`,
  });
  expect(existsSync(out)).toBe(false);
});
