// The command line as a user meets it: exit codes, error lines, atomic output, Ctrl-C.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { BIN, etomsim, resultsOnly, shellStatus } from '../support/cli.js';
import { workersWarning } from '../../bin/runner.js';
import { counted } from '../../engine/plural.js';
import { OVERFLOWS_OUT_OF_ORDER } from '../support/cluster.js';
import { tinyScenario } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-cli-');

const VALID = `${tinyScenario('run: { horizon: 200h, replications: 2 }')}variants:
  faster:
    patch: { flows: { f: { nodes: { a: { duration: 20m } } } } }
`;

const BROKEN = `name: Broken
run: { horizon: 200h }
resources: { desk: { capcity: 2 } }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: dsk, duration: -5m, next: b }
`;

/**
 * Runs etomsim with a terminal's stderr (so the progress line is drawn), sends `signal` once the
 * first progress line shows that the command, and its stop handler, have started, and returns
 * how it ended: the exit code, the progress lines drawn, stderr without them, and the --out
 * folder it was given.
 */
async function interrupted(scenario: string, ...args: string[]) {
  return stopped('SIGINT', 'run', scenario, ...args);
}

async function stopped(signal: NodeJS.Signals, command: string, scenario: string, ...args: string[]) {
  const out = join(tmp(), 'out');
  const child = spawn(process.execPath, ['--import', TERMINAL, BIN, command, scenario, '--out', out, ...args], { stdio: 'pipe' });
  let stderr = '';
  let signalled = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c, s) => resolve(shellStatus(c, s))));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (!signalled && stderr.includes('replications 0/')) {
      signalled = true;
      child.kill(signal);
    }
  });
  const code = await exited;
  // each progress line is drawn as CR, erase-line, the text: keep what is not one
  const parts = stderr.split('\r').map((part) => (part.startsWith(ERASE_LINE) ? part.slice(ERASE_LINE.length) : part));
  const progress = parts.filter((part) => part.startsWith('replications '));
  return { code, progress, stderr: parts.filter((part) => !part.startsWith('replications ')).join(''), out };
}

/**
 * As `stopped`, for a command that draws no progress (-q): the signal is sent once a pool thread
 * has started (piscina's thread entry, dist/cli/piscina-worker.cjs (tools/bundle.mjs), recorded by
 * test/support/record-loads.mjs), the one sign a quiet run gives of being under way; the stop
 * handler listens from before the pool starts (bin/runner.ts). Not the simulation's own load: a
 * pool thread compiles dist/cli/worker.cjs as a script, which no module hook sees. Before, a
 * fixed 3 s: time lost on an idle host, too little on one at load 30. Whether it was sent before
 * the command ended is `sent`.
 */
async function stoppedOncePoolStarted(signal: NodeJS.Signals, command: string, scenario: string, ...args: string[]) {
  const out = join(tmp(), 'out');
  const loads = join(tmp(), 'loads.txt');
  writeFileSync(loads, '');
  const child = spawn(process.execPath, ['--import', TERMINAL, '--import', RECORDER, BIN, command, scenario, '--out', out, ...args], {
    stdio: 'pipe',
    env: { ...process.env, ETOMSIM_LOADS: loads },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c, s) => resolve(shellStatus(c, s))));
  const sent = await signalOnceTrue(child, exited, signal, () =>
    /[\\/]dist[\\/]cli[\\/]piscina-worker\.cjs$/m.test(readFileSync(loads, 'utf8')),
  );
  return { sent, code: await exited, stderr, out };
}

/**
 * How long signalOnceTrue waits for its sign: then the child is killed, so that a sign gone stale (as
 * dist/cli/worker.js did once pool threads loaded a script) fails the test on `sent` instead of at
 * vitest's timeout with a command of a 1,000,000-day horizon left running. Seconds at most on a loaded host.
 */
const SIGN_MS = 60_000;

/** Sends `signal` to `child` once `ready()` holds (asked every 20 ms), unless the child ends first or SIGN_MS pass; whether it was sent. */
async function signalOnceTrue(child: ChildProcess, exited: Promise<unknown>, signal: NodeJS.Signals, ready: () => boolean) {
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  const giveUp = Date.now() + SIGN_MS;
  while (!ended) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (ready()) return child.kill(signal);
    if (Date.now() > giveUp) {
      child.kill('SIGKILL');
      return false;
    }
  }
  return false;
}

/**
 * Runs `etomsim run` writing event logs into its folder OUT (alone in its parent), sends `signal`
 * once the staging folder beside OUT holds a log being written, and returns the exit code, stderr
 * and what is left in OUT's parent.
 */
async function stoppedWritingLogs(signal: NodeJS.Signals, scenario: string, ...args: string[]) {
  const parent = tmp();
  const out = join(parent, 'out');
  const child = spawn(process.execPath, [BIN, 'run', scenario, '--out', out, '-q', '--no-report', ...args], { stdio: 'pipe' });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c, s) => resolve(shellStatus(c, s))));
  const writing = await signalOnceTrue(child, exited, signal, () =>
    readdirSync(parent).some((name) => {
      if (!name.startsWith('.out.etomsim-')) return false;
      const events = join(parent, name, 'events');
      return existsSync(events) && readdirSync(events).length > 0;
    }),
  );
  return { writing, code: await exited, stderr, left: readdirSync(parent), out };
}
const ERASE_LINE = '\u001b[K';

/** Preloaded: stderr counts as a terminal, so etomsim draws its progress line (the sign a test waits for). */
const TERMINAL = 'data:text/javascript,process.stderr.isTTY=true';

/** Preloaded: each module the process and its threads load is appended to the file ETOMSIM_LOADS names. */
const RECORDER = pathToFileURL(join(import.meta.dirname, '../support/record-loads.mjs')).href;

/** check takes no time and retry sends the case back to it 999,999 times in a million. */
const ZERO_TIME_LOOP = `name: Zero-time loop
run: { horizon: 200h, replications: 2 }
resources: { desk: { capacity: 2 } }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: check
    nodes:
      check: { duration: 0m, next: retry }
      retry:
        branch:
          - { to: check, p: 0.999999 }
          - { to: work, p: 0.000001 }
      work: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

function write(text: string): string {
  const file = join(tmp(), 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

/**
 * `etomsim run VALID --no-report -w 1` (2 replications x 2 variants, printed in full) and its folder,
 * run once for the tests that read it: what it prints, and its results.json as the results of one
 * worker and as a report's input. -q changes what is printed alone.
 */
let plainRun: { r: ReturnType<typeof etomsim>; out: string } | undefined;
function validRun(): { r: ReturnType<typeof etomsim>; out: string } {
  if (plainRun === undefined) {
    const out = tmp();
    plainRun = { r: etomsim('run', write(VALID), '--out', out, '--no-report', '--workers', '1'), out };
  }
  return plainRun;
}

describe('etomsim validate', () => {
  // s32x finding 27: "no scenario file at ''"
  test("'-' (standard input by convention) is said not to be read, with /dev/stdin as the way; exit 2", () => {
    for (const command of ['validate', 'run']) {
      const r = spawnSync(process.execPath, [BIN, command, '-'], { input: VALID, encoding: 'utf8' });
      expect(r.status, command).toBe(2);
      expect(r.stderr).toBe(
        "-:1:1: cannot read the scenario: '-' (standard input) is not read; give a file, or /dev/stdin for standard input (at file)\n",
      );
    }
  });

  test("'-' among several files is told as the first one is, not dropped (yargs drops it from an array positional); exit 2", () => {
    const good = write(VALID);
    const r = spawnSync(process.execPath, [BIN, 'validate', good, '-'], { input: VALID, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(`${good}: valid (1 flow, 1 variant)\n`);
    expect(r.stderr).toContain("-:1:1: cannot read the scenario: '-' (standard input) is not read");
    expect(r.stderr).toContain('1 of 2 scenario files is not valid');
  });

  test("'-' as an option's value, with an option right before '--': told as typed, not as its stand-in", () => {
    // fails with WordsAfterDashes.text giving such a message back untouched: (got '\\u0000-\\u0000')
    const r = etomsim('run', '--seed', '-', '-q', '--', write(VALID));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("(got '-')");
    expect(r.stderr).not.toMatch(/\\u0000|\0/);
  });

  test('a valid scenario: exit 0', () => {
    const r = etomsim('validate', write(VALID));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('several files (`validate scenarios/*.yaml`): each checked and told, exit 2 when any is not valid', () => {
    const [good, bad, other] = [write(VALID), write(BROKEN), write(VALID)];
    const missing = join(tmp(), 'gone.yaml');
    const r = etomsim('validate', good, bad, missing, other);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe(`${good}: valid (1 flow, 1 variant)\n${other}: valid (1 flow, 1 variant)\n`);
    // told as one file's failure is (bin/report-failure.ts)
    expect(r.stderr).toContain(`${missing}:1:1: cannot read the scenario: no such file (at file)\n`);
    expect(r.stderr.split('\n').some((l) => l.startsWith(`${bad}:3:`) && /capcity/.test(l))).toBe(true);
    expect(r.stderr.endsWith('etomsim: 2 of 4 scenario files are not valid\n')).toBe(true);
    const both = etomsim('validate', good, other);
    expect({ status: both.status, stderr: both.stderr }).toEqual({ status: 0, stderr: '' });
  });

  test('an invalid one: exit 2, one FILE:LINE:COL: MESSAGE (at PATH) line per problem, no stack trace', () => {
    const file = write(BROKEN);
    const r = etomsim('validate', file);
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    const problems = lines.filter((l) => l.startsWith(file));
    expect(problems.length).toBeGreaterThanOrEqual(4); // capcity, missing capacity, dsk, -5m, b
    for (const l of problems) expect(l).toMatch(/^.+:\d+:\d+: .+ \(at [\w.-]+\)$/);
    expect(problems.some((l) => l.includes(':3:') && /capcity/.test(l))).toBe(true);
    expect(problems.some((l) => /:9:\d+:/.test(l) && /dsk/.test(l))).toBe(true);
    expect(r.stderr).not.toMatch(/\n\s+at .+\(.*\.js:\d+/); // no stack trace
  });

  // `validate FILE` alone skips yargs (bin/main.ts, plainValidate); `validate FILE --` is the same command through yargs
  test('typed as just `validate FILE`, it prints and exits as through yargs: valid, invalid, with warnings, missing, odd names', () => {
    const dir = tmp();
    const files = [
      write(VALID),
      write(BROKEN),
      write(VALID.replace('desk: { capacity: 2 }', 'desk: { capacity: 0 }')),
      join(dir, 'missing.yaml'),
      join(dir, 'a file with spaces.yaml'),
      join(dir, '123'),
      join(dir, 'run'),
      'validate',
      'help', // yargs reads it as a request for the command's help, with or without a file of that name
    ];
    writeFileSync(files[4], VALID);
    const seen = new Set<number | null>();
    for (const file of files) {
      const plain = etomsim('validate', file);
      const parsed = etomsim('validate', file, '--');
      expect({ file, status: plain.status, stdout: plain.stdout, stderr: plain.stderr }).toEqual({
        file,
        status: parsed.status,
        stdout: parsed.stdout,
        stderr: parsed.stderr,
      });
      seen.add(plain.status);
    }
    expect([...seen].sort()).toEqual([0, 2]);
  });
});

describe('warnings', () => {
  test('a team offered more work than it can do, and an unknown eTOM id: warnings with place and advice, exit 0', () => {
    const text = VALID.replace('desk: { capacity: 2 }', 'desk: { capacity: 1 }').replace(
      '    start: a',
      '    etom: "1.1.1.55"\n    start: a',
    );
    const file = write(text);
    const r = etomsim('validate', file);
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(
      lines.some((l) => /warning: '1\.1\.1\.55' is not an eTOM process id.*did you mean '1\.1\.1\.5' \(Order Handling\)/.test(l)),
    ).toBe(true);
    // 1 case an hour needing 150 min against 2 units: 125% of capacity
    const overloaded = write(VALID.replace('mean: 30m', 'mean: 150m'));
    const o = etomsim('validate', overloaded);
    expect(o.status).toBe(0);
    expect(o.stderr).toMatch(
      new RegExp(
        `^${overloaded}:3:\\d+: warning: team 'desk' is offered 125% of its capacity .* give it at least 3 units .*\\(at resources\\.desk\\.capacity\\)$`,
        'm',
      ),
    );
  });

  test('a loop of steps that take no time, left with p = 1e-6: a warning at its decision naming its nodes and the passes, exit 0', () => {
    const file = write(ZERO_TIME_LOOP);
    const r = etomsim('validate', file);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `^${file}:10:7: warning: nodes 'check', 'retry' of flow 'f' form a loop that takes no time, and a case passes through them about 2,000,000 times on average .*\\(at flows\\.f\\.nodes\\.retry\\)$`,
        'm',
      ),
    );
  });

  test('a team of capacity 0 that is offered work: said in words, not as Infinity%', () => {
    const r = etomsim('validate', write(VALID.replace('desk: { capacity: 2 }', 'desk: { capacity: 0 }')));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/warning: team 'desk' is offered work but has no capacity/);
    expect(r.stderr).not.toMatch(/Infinity/);
  });

  test('a variant that patches run: its seed is not used, its horizon measures another window; in file order, at the patch', () => {
    const file = write(VALID.replace('    patch: { flows:', '    patch: { run: { horizon: 400h, seed: 5 }, flows:'));
    const r = etomsim('validate', file);
    expect(r.status).toBe(0);
    const warnings = r.stderr.trim().split('\n');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      new RegExp(`^${file}:12:\\d+: warning: variant 'faster': its measured window differs from the baseline's.* \\(at run\\.horizon\\)$`),
    );
    expect(warnings[1]).toMatch(
      new RegExp(
        `^${file}:12:\\d+: warning: variant 'faster': every variant runs with the baseline's replications and seed .*not used \\(at run\\.seed\\)$`,
      ),
    );
    // the same warm-up in other units (0.1 d is 2.4000000000000004 h) is no change
    const same = write(
      VALID.replace('run: { horizon: 200h,', 'run: { horizon: 200h, warmup: 0.1d,').replace(
        '    patch: { flows:',
        '    patch: { run: { warmup: 2.4h, seed: 1 }, flows:',
      ),
    );
    const quiet = etomsim('validate', same);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});

describe('etomsim run', () => {
  test('--workers past the cores (s32x finding 7): a warning on stderr (none under -q); only as many threads as replications run at once, which engine.workers says; the results as on 1', () => {
    const cores = availableParallelism();
    const many = cores + 8;
    expect(workersWarning(many, cores)).toBe(
      `warning: --workers ${many} is more than the ${counted(cores, 'core')} this machine offers: threads past them run no faster, and each takes memory; give --workers ${cores} or fewer`,
    );
    expect(workersWarning(cores, cores)).toBeNull();
    const file = write(VALID); // 2 replications x 2 variants: 4 tasks
    const [out, quiet] = [tmp(), tmp()];
    const r = etomsim('run', file, '--out', out, '--no-report', '-w', String(many));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${workersWarning(many)}\n`);
    const q = etomsim('run', file, '--out', quiet, '--no-report', '-w', String(many), '-q');
    expect([q.status, q.stderr]).toEqual([0, '']);
    const { r: ranOnOne, out: one } = validRun(); // the same scenario, on one worker
    expect(ranOnOne.status).toBe(0);
    const read = (dir: string) => JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(read(out).engine.workers).toBe(4);
    expect(r.stdout.split('\n')[0]).toMatch(/, 4 workers, [0-9.]+ s$/);
    const untimed = (dir: string) => {
      const results = read(dir);
      delete results.engine.workers;
      delete results.engine.timing;
      return JSON.stringify(results);
    };
    expect(untimed(out)).toBe(untimed(one));
  });

  test('prints KPIs and gains, writes results.json, exit 0', () => {
    const { r, out } = validRun();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Flows \(baseline/);
    expect(r.stdout).toMatch(/faster/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.format).toBe(1);
    expect(results.engine.replications).toBe(2);
    expect(Object.keys(results.variants)).toEqual(['baseline', 'faster']);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'results.json']);
    expect(r.stderr).not.toMatch(/replications \d+\/\d+/); // stderr is a pipe here: no progress line
  });

  test('a reader that stops early (etomsim run | head -1): no EPIPE stack trace, the files are written, exit 0', async () => {
    const out = join(tmp(), 'out');
    const child = spawn(process.execPath, [BIN, 'run', write(VALID), '--out', out, '--no-report', '--workers', '1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the reader is gone before the first line: every write to stdout fails with EPIPE
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).engine.replications).toBe(2);
  });

  test('a reader gone before the first byte, whatever writes: stored help, a command through yargs, an error on stderr; no stack trace, the usual exit status', async () => {
    // bin/etomsim.cjs attaches its handler as each stream is first asked for, not at start-up
    const gone = async (closed: 'stdout' | 'stderr', args: string[]) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child[closed].destroy();
      let other = '';
      child[closed === 'stdout' ? 'stderr' : 'stdout'].on('data', (chunk) => (other += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      return { code, other };
    };
    expect(await gone('stdout', ['--help'])).toEqual({ code: 0, other: '' }); // printed before any script loads
    expect(await gone('stdout', ['catalog', 'order'])).toEqual({ code: 0, other: '' });
    expect(await gone('stderr', ['validate', write(BROKEN)])).toEqual({ code: 2, other: '' }); // not 1, an uncaught EPIPE
  });

  test('once everything is written the process ends at once (process.exit), with its exit status, its output whole', () => {
    // --trace-exit has Node say when a process ends by process.exit rather than by its own teardown
    const exitLine = /WARNING: Exited the environment with code (\d+)/;
    const out = tmp();
    const run = spawnSync(process.execPath, ['--trace-exit', BIN, 'run', write(VALID), '--out', out, '--no-report', '--workers', '2'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(exitLine);
    expect(run.stderr.match(exitLine)?.[1]).toBe('0');
    expect(run.stdout).toMatch(/Flows \(baseline[\s\S]*wrote .*results\.json\n$/); // the summary and the last line printed
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).engine.replications).toBe(2);
    const invalid = spawnSync(process.execPath, ['--trace-exit', BIN, 'validate', write(BROKEN)], { encoding: 'utf8' });
    expect(invalid.status).toBe(2);
    expect(invalid.stderr.match(exitLine)?.[1]).toBe('2');
  });

  test('--variant takes one name per flag, so the scenario may follow it', () => {
    const out = tmp();
    const r = etomsim('run', '--variant', 'faster', write(VALID), '--out', out, '--no-report', '-w', '1', '-q');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).variants)).toEqual(['baseline', 'faster']);
  });

  test('--sensitivity ranks one more unit of each team, with paired intervals, in the output and results.json', () => {
    const out = tmp();
    const r = etomsim('run', write(VALID), '--out', out, '--no-report', '--workers', '1', '--sensitivity');
    expect(r.status).toBe(0);
    // no cost_per_hour: what a unit costs is unknown, not 0
    expect(r.stdout).toMatch(/^\+1 desk: f p90 -\d+\.\d% \[.*\]( \(not significant\))?, no cost given$/m);
    expect(r.stdout).not.toContain('0.00 cost units');
    // with a cost and a currency, the unit's weekly cost is labelled as the reports label costs
    const pricedOut = tmp();
    const priced = etomsim(
      'run',
      write(
        VALID.replace('desk: { capacity: 2 }', 'desk: { capacity: 2, cost_per_hour: 40 }').replace(
          'name: Tiny',
          'name: Tiny\ncurrency: EUR',
        ),
      ),
      '--out',
      pricedOut,
      '--no-report',
      '--workers',
      '1',
      '--sensitivity',
    );
    expect(priced.stderr).toBe('');
    expect(priced.stdout).toMatch(/^\+1 desk: f p90 .*, \+EUR 6,720 per week$/m); // 40 x 168 h
    const pricedResults = JSON.parse(readFileSync(join(pricedOut, 'results.json'), 'utf8'));
    expect('cost_given' in pricedResults.sensitivity[0]).toBe(false); // a cost given: the key is left out, as before
    expect('cost_given' in pricedResults.variants.baseline.inputs.resources.desk).toBe(false);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.sensitivity.map((e: { resource: string }) => e.resource)).toEqual(['desk']);
    expect(results.sensitivity[0]).toMatchObject({ added_cost_per_week: 0, cost_given: false });
    expect(results.variants.baseline.inputs.resources.desk).toMatchObject({ cost_per_hour: 0, cost_given: false });
    // with the same arrivals and service times, a third agent can only shorten waits
    expect(results.sensitivity[0].flows.f.mean.delta).toBeLessThan(0);
  });

  test('--sensitivity uses as many replications as --precision settled on', () => {
    const out = tmp();
    const r = etomsim('run', write(VALID), ...resultsOnly(out), '-r', '2', '--precision', '2%', '--max-replications', '5', '--sensitivity');
    expect(r.status).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.engine.replications).toBeGreaterThan(2);
    expect(results.sensitivity[0].flows.f.p90.baseline).toBeCloseTo(results.variants.baseline.flows.f.cycle_time.p90.mean, 9);
  });

  test('an invalid scenario writes nothing and exits 2', () => {
    const out = join(tmp(), 'out');
    const r = etomsim('run', write(BROKEN), '--out', out);
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  test('bad options exit 2 with a message, not a stack trace', () => {
    for (const args of [
      ['--replications', '0'],
      ['--workers', 'many'],
      ['--variant', 'nope'],
      ['--precision', '150%'],
    ]) {
      const r = etomsim('run', write(VALID), '--no-report', ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^etomsim: /);
    }
    expect(etomsim('run', '/no/such/file.yaml').status).toBe(2);
  });

  test('more replications or units than etomsim can hold: exit 2 at once, naming the bound, nothing written', () => {
    // -r 150000 of a one-flow scenario ran 53 s at 1.8 GB, then failed writing results.json
    const out = join(tmp(), 'out');
    for (const [args, message] of [
      [['run', '-r', '150000'], "--replications takes at most 10,000 (results.json keeps each replication of each variant; got '150000')"],
      [['run', '--precision', '1%', '--max-replications', '1000000000'], '--max-replications takes at most 10,000'],
      [['size', '--target', 'flows.f.sla_attainment >= 0.9', '-r', '20000'], '--replications takes at most 10,000'],
      [['size', '--target', 'flows.f.sla_attainment >= 0.9', '--max-capacity', '4294967297'], '--max-capacity takes at most 1,000,000,000'],
    ] as const) {
      const r = etomsim(args[0], write(VALID), ...args.slice(1), '--out', out, '-q');
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(`etomsim: ${message}`);
      expect(existsSync(out)).toBe(false);
    }
  });

  test('an output folder that cannot be made is an option error (exit 2), not a hang', () => {
    const file = join(tmp(), 'a-file');
    writeFileSync(file, 'not a folder');
    for (const out of [join(file, 'out'), '/proc/etomsim-cannot-be-here']) {
      const r = spawnSync(process.execPath, [BIN, 'run', write(VALID), '--out', out, '--no-report', '-w', '1'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.status, out).toBe(2);
      expect(r.stderr).toMatch(/^etomsim: cannot write/);
    }
  });

  // Each replication simulates 24 million cases (half a minute): a run stopped before any progress
  // past 0/N was stopped in the middle of its replications, not after one of them ended.
  test.each(['1', '2'])('Ctrl-C during a long replication, --workers %s: exit 130 mid-replication, and no output', async (workers) => {
    const long = VALID.replace('horizon: 200h, replications: 2', 'horizon: 1000000d, replications: 2');
    const { code, progress, stderr, out } = await interrupted(write(long), '--workers', workers);
    expect(code).toBe(130);
    expect(progress.every((line) => line.startsWith('replications 0/'))).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(stderr).toBe('interrupted: stopping the workers; no output written\n'); // and no error about the tasks it stopped
  });

  // SIGTERM is what `timeout`, `kill`, a container's stop and a cancelled CI job send; SIGHUP, a closed terminal
  test.each([
    ['SIGTERM', 143, 'interrupted: stopping the workers; no output written\n'],
    ['SIGHUP', 129, ''],
  ] as const)('%s during a long replication, --workers 2: exit %s mid-replication, and no output', async (signal, status, message) => {
    const long = VALID.replace('horizon: 200h, replications: 2', 'horizon: 1000000d, replications: 2');
    const { code, progress, stderr, out } = await stopped(signal, 'run', write(long), '--workers', '2');
    expect(code).toBe(status);
    expect(progress.every((line) => line.startsWith('replications 0/'))).toBe(true);
    expect(existsSync(out)).toBe(false);
    expect(stderr).toBe(message);
  });

  // The replications are done; the event logs stream into the staging folder, which must not outlive the stop.
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s while the event logs are written: exit %s, no output folder and no staging folder left', async (signal, status) => {
    const busy = VALID.replace('horizon: 200h, replications: 2', 'horizon: 20000h, replications: 4').replace('rate: 1/h', 'rate: 3/h');
    const r = await stoppedWritingLogs(signal, write(busy), '--event-log', 'csv', '--event-log-replications', '4', '-w', '2');
    expect(r.writing, r.stderr).toBe(true); // stopped while writing, not after
    expect(r.code, r.stderr).toBe(status);
    expect(r.left).toEqual([]);
  });

  // A command busy in this thread (here `report` held in a blocking read of a pipe, as `report <(xzcat results.json.xz)`
  // is; discover's fits, a report built) answers no listener until it is done: it ran to its end, wrote the report, and
  // only then exited 143. Nothing holds the signal now but threads, a queue or a folder streamed into: it ends at once.
  test.skipIf(process.platform === 'win32')('SIGTERM to a command busy in this thread ends it at once, nothing written', async () => {
    const { r: ran, out: results } = validRun();
    expect(ran.status, ran.stderr).toBe(0);
    const pipe = join(tmp(), 'results.json');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const out = join(tmp(), 'report');
    const child = spawn(process.execPath, [BIN, 'report', pipe, '--out', out, '--formats', 'csv'], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c, s) => resolve(shellStatus(c, s))));
    const writer = await open(pipe, 'w'); // opened once the command opens it to read, and waits on it
    child.kill('SIGTERM');
    await writer.writeFile(readFileSync(join(results, 'results.json'))).catch(() => {}); // EPIPE: no reader left
    await writer.close().catch(() => {});
    expect(await exited, stderr).toBe(143);
    expect(stderr).toBe('');
    expect(readdirSync(dirname(out)).filter((name) => name.includes('report'))).toEqual([]); // neither the folder nor a staging folder
  });

  // SIGKILL (the kernel's out-of-memory killer) runs no clean-up: the next write to the same place removes what it left.
  test('SIGKILL while the event logs are written leaves the staging folder; the next run to the same --out removes it', async () => {
    const busy = VALID.replace('horizon: 200h, replications: 2', 'horizon: 20000h, replications: 4').replace('rate: 1/h', 'rate: 3/h');
    const scenario = write(busy);
    const r = await stoppedWritingLogs('SIGKILL', scenario, '--event-log', 'csv', '--event-log-replications', '4', '-w', '2');
    expect(r.writing, r.stderr).toBe(true);
    expect(r.left.length).toBe(1);
    expect(r.left[0]).toMatch(/^\.out\.etomsim-[0-9a-f]{8}-\d+-\d+\.staging-/);
    const parent = dirname(r.out);
    const again = spawnSync(process.execPath, [BIN, 'run', scenario, '--out', r.out, '-q', '--no-report', '-r', '1'], { encoding: 'utf8' });
    expect(again.status, again.stderr).toBe(0);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  // size stages its folder only once its search ends: stopped in the search, it exits as a run does, saying so, with nothing written
  test("SIGTERM during size's search: exit 143, no output, and run's line", async () => {
    const long = VALID.replace('horizon: 200h, replications: 2', 'horizon: 1000000d, replications: 2');
    const { code, stderr, out } = await stopped('SIGTERM', 'size', write(long), '--target', 'resources.desk.wait <= 1h', '-w', '2');
    expect(code).toBe(143);
    expect(existsSync(out)).toBe(false);
    expect(stderr).toBe('interrupted: stopping the workers; no output written\n');
  });

  // One -q rule for the commands a stop leaves without output (README, Command line): -q prints nothing but
  // errors, so not the "interrupted" line either; the exit status says it was stopped
  test.each([
    ['run', []],
    ['size', ['--target', 'resources.desk.wait <= 1h']],
  ] as const)('-q: %s stopped by SIGINT while it runs exits 130 with nothing on stderr and no output', async (command, extra) => {
    const long = VALID.replace('horizon: 200h, replications: 2', 'horizon: 1000000d, replications: 2');
    const { sent, code, stderr, out } = await stoppedOncePoolStarted('SIGINT', command, write(long), '-q', '-w', '2', ...extra);
    expect(sent, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(existsSync(out)).toBe(false);
    expect(stderr).toBe('');
  });

  // fidelity simulates in this thread, in slices between which a signal is answered: stopped in its
  // first replication (a year of 20 cases an hour, seconds long), it exits at once, having written
  // nothing (before, it simulated every replication and wrote its files first, then exited 130)
  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)("%s during fidelity's simulation: exit %s mid-replication, and no output", async (signal, status) => {
    const scenario = write(
      'name: A year\nrun: { horizon: 10d, replications: 2 }\nresources: {}\narrivals: [ { flow: f, rate: 20/h } ]\nflows:\n  f:\n    start: work\n    nodes:\n      work: { duration: 1m }\n',
    );
    const log = join(tmp(), 'year.csv');
    writeFileSync(
      log,
      'case_id,activity,start_time,end_time\nc1,work,2024-01-08T09:00:00Z,2024-01-08T09:01:00Z\nc2,work,2025-01-06T09:00:00Z,2025-01-06T09:01:00Z\n',
    );
    const { code, progress, stderr, out } = await stopped(signal, 'fidelity', scenario, log, '-r', '2');
    expect(code, stderr).toBe(status);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((line) => line.startsWith('replications 0/2'))).toBe(true);
    expect(stderr).toBe('interrupted: no output written\n');
    expect(readdirSync(dirname(out))).toEqual([]); // neither the folder nor a staging folder beside it
  });

  // V8 ends the whole process (status null, SIGABRT, "FATAL ERROR" and a native stack) once a heap's old
  // generation is past its limit: at once in this thread (-w 1), and in a worker thread when a full
  // collection finds it past the 16 MB Node grants a worker to stop (1 run in 200 of -w 2 beside a
  // busy core). The cases in progress stop the replication first (engine/sim/run-limits.ts, heapFull).
  // A young generation larger than Node 20's default (--max-semi-space-size 64: three semi-spaces of
  // 64 MB) raises the heap's limit by as much, not the old generation's: the guard looks at the old one.
  test.each([
    ['1', '--max-old-space-size=96', 144],
    ['2', '--max-old-space-size=96', 144],
    ['1', '--max-old-space-size=96 --max-semi-space-size=64', 288],
    ['2', '--max-old-space-size=96 --max-semi-space-size=64', 288],
  ])(
    'cases in progress that fill the heap, --workers %s, NODE_OPTIONS %s: exit 1, what happened and what to change, no crash, no stack trace, no output',
    (workers, options, heapMb) => {
      const out = join(tmp(), 'out');
      const flood = VALID.replace('rate: 1/h', 'rate: 2000/h').replace('horizon: 200h', 'horizon: 5000h');
      const r = spawnSync(process.execPath, [BIN, 'run', write(flood), '--out', out, '--workers', workers], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env, NODE_OPTIONS: options }, // a small heap, for the workers too
      });
      expect(r.stderr).not.toMatch(/FATAL ERROR/);
      expect({ status: r.status, signal: r.signal }).toEqual({ status: 1, signal: null });
      expect(r.stderr).toMatch(
        new RegExp(
          `^etomsim: replication 1 of baseline \\(run seed 1\\) failed: the cases in progress fill the ${heapMb} MB heap, the most of them waiting for team 'desk': out of memory$`,
          'm',
        ),
      );
      expect(r.stderr).toMatch(/The simulation ran out of memory/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(out)).toBe(false);
    },
  );
});

describe('runs the simulator stops, before they hang or exhaust memory', () => {
  /** 100 cases an hour against one agent taking 28 minutes a task (capacity 60/28 = 2.1 an hour), for 2,000 days. */
  const FLOOD = `name: Runaway queue
run: { horizon: 2000d, replications: 2 }
resources: { order_desk: { capacity: 1 } }
arrivals: [ { flow: orders, rate: 100/h } ]
flows:
  orders:
    start: take
    nodes:
      take: { resource: order_desk, duration: { exponential: { mean: 28m } } }
`;
  const OVERLOADED =
    /^etomsim: replication [12] of baseline \(run seed 1\) failed: more than ([\d,]+) cases in progress at once at day [\d.]+ \(the cap; --max-wip changes it\): [\d,]+ of them wait for team 'order_desk'\. 'order_desk' is offered 100 tasks\/h against a capacity of 2\.1\/h \(4,667%\), so its queue grows without end; give it more capacity or less work\n$/;

  test.each([
    ['1', [], '1,000,000'],
    ['2', ['--max-wip', '100000'], '100,000'], // the message crosses from the worker threads; the default cap is the test above
  ])(
    '100 cases an hour against one agent for 2,000 days, --workers %s: exit 1 at the cap, naming the team and its overload',
    (workers, cap, shown) => {
      const out = join(tmp(), 'out');
      const r = spawnSync(process.execPath, [BIN, 'run', write(FLOOD), '--out', out, '--workers', workers, ...cap, '-q'], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.stderr).toMatch(OVERLOADED);
      expect(OVERLOADED.exec(r.stderr)![1]).toBe(shown);
      expect(r.status).toBe(1);
      expect(existsSync(out)).toBe(false);
    },
  );

  test('several replications stopped: the message is the first in task order, byte for byte, with 1 or 2 workers and in a shard', () => {
    const file = write(OVERFLOWS_OUT_OF_ORDER); // the variant's first replication fails first in time on two threads
    const dir = tmp();
    const stderr = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, 'run', file, '--max-wip', '2000', '-q', ...args], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, args.join(' ')).toBe(1);
      return r.stderr;
    };
    const one = stderr('-w', '1', '--out', join(dir, 'one'));
    expect(one).toMatch(
      /^etomsim: replication 1 of baseline \(run seed 5\) failed: more than 2,000 cases in progress at once at day [\d.,]+ /,
    );
    expect(stderr('-w', '2', '--out', join(dir, 'two'))).toBe(one);
    expect(stderr('-w', '2', '--shard', '1/1', '--out', join(dir, 'shard'))).toBe(one);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('--max-wip N holds in every command that simulates: run --shard, bottlenecks and fidelity stop at N, size marks the staffing', () => {
    const file = write(FLOOD);
    const dir = tmp();
    const commands = [
      ['run', file, '--shard', '1/2', '--out', join(dir, 'shards')],
      ['bottlenecks', file, '--out', join(dir, 'bottlenecks')],
    ];
    for (const args of commands) {
      const r = etomsim(...args, '--max-wip', '2000', '--workers', '1', '-q');
      expect(r.stderr, args[0]).toMatch(/failed: more than 2,000 cases in progress at once .*'order_desk' is offered 100 tasks\/h/);
      expect(r.status, args[0]).toBe(1);
    }
    // fidelity simulates the scenario over a log's period: the same cap
    const log = join(tmp(), 'orders.csv');
    const hours = Array.from({ length: 30 }, (_, c) => String(c % 24).padStart(2, '0'));
    writeFileSync(
      log,
      ['case,activity,start,end', ...hours.map((h, c) => `c${c},take,2026-01-05T${h}:00:00Z,2026-01-05T${h}:20:00Z`)].join('\n'),
    );
    const fidelity = etomsim('fidelity', file, log, '--out', join(dir, 'fidelity'), '--max-wip', '2000', '-q');
    // -q keeps the scenario's warning of the overloaded team (fidelity's word on it, as run keeps `unstable`), then the stop
    expect(fidelity.stderr).toMatch(
      /^\S+scenario\.yaml:\d+:\d+: warning: team 'order_desk' is offered 4,667% of its capacity[^\n]*\netomsim: replication 1 of baseline \(run seed 1\) failed: more than 2,000 cases in progress at once at hour [\d.]+ .*'order_desk' is offered 100 tasks\/h/,
    );
    expect(fidelity.status).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
    // size: the current staffing (one agent against 3 calls an hour) is stopped at N and misses its target; the sizing goes on
    const short = write(
      FLOOD.replace('horizon: 2000d', 'horizon: 1000h').replace('rate: 100/h', 'rate: 3/h').replace('mean: 28m', 'mean: 1h'),
    );
    const sized = join(dir, 'size');
    const args = ['--target', 'resources.order_desk.utilization <= 80%', '--out', sized, '-r', '4'];
    const r = etomsim('size', short, ...args, '--max-wip', '200', '--workers', '1', '-q');
    expect(r.status).toBe(0);
    const sizing = JSON.parse(readFileSync(join(sized, 'sizing.json'), 'utf8'));
    expect(sizing.candidates[0].stopped).toMatch(/more than 200 cases in progress/);
    expect(sizing.chosen.capacities).toEqual({ order_desk: 4 });
    expect(etomsim('run', file, '--max-wip', '0').stderr).toMatch(
      /--max-wip takes a whole number of at least 1, in decimal digits \(got '0'\)/,
    );
  });

  test('a loop of zero-time steps left with p = 1e-6: exit 1 at once, naming the loop, no output', () => {
    const out = join(tmp(), 'out');
    const r = etomsim('run', write(ZERO_TIME_LOOP), '--out', out, '--workers', '1', '-q');
    expect(r.stderr).toMatch(
      /^etomsim: replication 1 of baseline \(run seed 1\) failed: the clock stood still at hour [\d.]+ for more than 1,000,000 steps: cases go round nodes 'check', 'retry' of flow 'f' without time passing .*\n$/,
    );
    expect(r.status).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});

describe('etomsim COMMAND -- FILE', () => {
  // yargs leaves the words after `--` out of commands' positionals: `run` simulated the bundled scenario instead of FILE,
  // and commands whose file is required refused with "Not enough non-option arguments"
  test('the file after `--` is the one simulated, a name starting with a dash included; two files are refused', () => {
    const dir = tmp();
    const file = join(dir, '-tiny.yaml');
    writeFileSync(file, VALID);
    for (const args of [['run'], []]) {
      const out = join(dir, `out${args.length}`);
      const r = spawnSync(process.execPath, [BIN, ...args, '-r', '1', '-w', '1', '--no-report', '-q', '-o', out, '--', file], {
        encoding: 'utf8',
      });
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({ args, status: 0, stderr: '' });
      expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).scenario).toBe('Tiny');
    }
    const twice = etomsim('run', write(VALID), '-r', '1', '--no-report', '-q', '-o', join(dir, 'never'), '--', file);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toBe(`etomsim: Unknown argument: ${file}\nRun 'etomsim --help' for the options.\n`);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  test('a required file after `--`: read as typed, whatever it looks like (a dash, a command name, an option)', () => {
    const dir = tmp();
    for (const name of ['-tiny.yaml', 'validate', '--help', '-r']) {
      writeFileSync(join(dir, name), VALID);
      const r = spawnSync(process.execPath, [BIN, 'validate', '--', name], { encoding: 'utf8', cwd: dir });
      expect({ name, status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        name,
        status: 0,
        stdout: `${name}: valid (1 flow, 1 variant)\n`,
        stderr: '',
      });
    }
    // an option right before `--` gets no value from after it: said so, whether its check, yargs' choices or the
    // positionals it left short would have complained (and never the stand-in yargs was given)
    for (const args of [
      ['run', '-r', '--', '5'],
      ['run', '--precision-on', '--', 'x.yaml'],
      ['run', '-q', '--out', '--', '-tiny.yaml'],
    ]) {
      const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: dir });
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({
        args,
        status: 2,
        stderr: `etomsim: ${args.at(-3)} has no value before '--'; the words after '--' are files (or catalog's text), never an option's value\nRun 'etomsim --help' for the options.\n`,
      });
    }
    // a positional short: the option may have taken it, or a flag stands there and a file is missing; yargs' words, and the possibility
    const short = spawnSync(process.execPath, [BIN, 'discover', '--case', '--', 'x.csv'], { encoding: 'utf8', cwd: dir });
    expect({ status: short.status, stderr: short.stderr }).toEqual({
      status: 2,
      stderr:
        "etomsim: discover needs an event log file: etomsim discover LOG --out FILE (if --case takes a value, it took 'x.csv', the first word after '--': give its value before '--')\nRun 'etomsim --help' for the options.\n",
    });
    expect(readdirSync(dir).sort()).toEqual(['--help', '-r', '-tiny.yaml', 'validate']);
    const missing = spawnSync(process.execPath, [BIN, 'bottlenecks', '--', '-none.yaml'], { encoding: 'utf8', cwd: dir });
    expect({ status: missing.status, stderr: missing.stderr }).toEqual({
      status: 2,
      stderr: '-none.yaml:1:1: cannot read the scenario: no such file (at file)\n',
    });
  });
});
