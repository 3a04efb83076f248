// What every fuzzer of an input file holds a command to, in one place: the file read by the
// built CLI under a CPU and a heap budget, and the answer checked the same way whatever the
// input's kind - an answer within the budget, no stack trace or internal error, exit 0 or 2,
// every line that names the file in the error form or the summary form, and on exit 2 at least
// one placed error and nothing left beside the input; and the draw of the three kinds of file
// (fuzzFiles: changed at random, kept valid, broken in one place), with what each kind must get.
// What a read file must give (a scenario's content) is each fuzzer's own. The seed and count are
// the environment's (`npm run fuzz` soaks with more files).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { BIN } from '../support/cli.js';
import { literally } from '../support/reg-exp.js';

/** Files per fuzzer: one of each kind by default (fuzzFiles; CI drew four of one kind before session 57). */
export const RUNS = Number(process.env.ETOMSIM_FUZZ_RUNS ?? 3);
export const SEED = Number(process.env.ETOMSIM_FUZZ_SEED ?? 20261206);
/**
 * The CPU a run may use, every thread's: an input that sends a reader into a loop or a blow-up
 * uses it up whatever the host's load. Until session 58 the budget was 60 s of the clock, which
 * on a loaded host counts the other processes' turns too: the same file could pass on an idle
 * host and fail on a busy one.
 */
export const RUN_CPU_S = 60;
/**
 * A run that waits on nothing (no CPU, not the disk) is stopped after this many seconds of it,
 * where IDLE_WATCHED (Linux): the run's process is watched once a second (its /proc stat: its threads' CPU, and the
 * state of its main one) and sent SIGALRM once it has used no CPU for RUN_IDLE_S polls in a row,
 * while not waiting on the disk (state D). A run the host only starves still gets its turns: at
 * load 40 on 2 cores the scheduler gives each runnable process a slice every tenth of a second or
 * so, and the CPU Linux counts is its own to the nanosecond (shown in 10-ms ticks); an honest run
 * blocks only on its files (a second or two under load). So 30 s: a hang reported in half a minute,
 * where session 58's only guard for one was RUN_WALL_MS (10 min).
 */
export const RUN_IDLE_S = 30;
/**
 * Whether runs here have the idle watch, decided here alone: it reads Linux's /proc/PID/stat (its
 * fields' order is Linux's; macOS has no /proc, FreeBSD's is another layout, Windows no POSIX
 * shell), so elsewhere a hang is stopped by RUN_WALL_MS alone, and budget-watch.test says it skips.
 * A portable measure (`ps -o time=`) would cost a process a poll and counts whole seconds on
 * Linux' procps, too coarse to tell a starved run from an idle one within RUN_IDLE_S.
 */
export const IDLE_WATCHED = process.platform === 'linux';
/**
 * The clock's guard, for a run that works too little to end (a loop on a timer) and where the
 * idle watch does not run (not IDLE_WATCHED): ten times the CPU budget, so that a run
 * within that budget gets it on a host that gives it a tenth of a core. On Windows, with no POSIX
 * shell to set the CPU limit, the guard alone holds.
 */
export const RUN_WALL_MS = 10 * RUN_CPU_S * 1000;
/** The heap a run may use: an entity expanded, or a file held many times over, fails this budget. */
const HEAP_MB = 256;
const DIAGNOSTIC = /^[^\n]+:\d+:\d+: .+ \(at [^\n]+\)$/;
/** `etomsim: FILE: MESSAGE`, the message neither placed (`LINE:COL:`) nor ending in a WHERE. */
const summaryOf = (path: string) => new RegExp(`^etomsim: ${literally(path)}: (?!\\d+:\\d+:)[^\\n]*[^)\\n]$`);

/**
 * The shell a run starts in (POSIX sh; $0 the CPU budget, $1 the idle bound, 0 for none, then node
 * and its arguments): the limits set, the idle watch (RUN_IDLE_S) started beside it if IDLE_WATCHED, and
 * node exec'd in its place, so that the run's exit and signal are node's own. The watch writes
 * nothing (its output to /dev/null, so that no pipe of the run's waits for it), stops once the
 * process is gone or its PID is another's (its start time, field 22), and reads the stat without
 * a process of its own (fields 14 and 15, utime and stime, after the name, which may hold spaces).
 */
const BUDGETED_SHELL = `ulimit -S -c 0 && ulimit -S -t "$0" || exit 125
idle=$1
shift
if [ "$idle" -gt 0 ]; then
  run=$$
  (
    exec </dev/null >/dev/null 2>&1
    born=
    used=
    quiet=0
    while sleep 1; do
      read -r stat </proc/$run/stat || exit 0
      set -- \${stat##*) }
      [ -n "$born" ] || born=\${20}
      [ "\${20}" = "$born" ] || exit 0
      now=$((\${12} + \${13}))
      if [ "$1" = D ] || [ "$now" != "$used" ]; then
        used=$now
        quiet=0
      else
        quiet=$((quiet + 1))
        if [ "$quiet" -ge "$idle" ]; then
          kill -s ALRM "$run"
          exit 0
        fi
      fi
    done
  ) &
fi
exec "$@"`;

/**
 * When runs failed a budget (the clock's ms): a fuzzer that drew an input that hangs shrinks it,
 * and each smaller input that hangs again costs a budget more. shrinkingSpent bounds that.
 */
const budgetsFailed: number[] = [];

/**
 * How long fast-check may go on shrinking once a run failed a budget, before the properties skip
 * the rest of its tries (fc.pre: a skipped try is no counterexample, so shrinking ends with the
 * smallest input found). With a hang found after RUN_IDLE_S (30 s; one that spins, RUN_CPU_S of
 * CPU: about 60 s on an idle CI host), this minute and the try under way at its end, a fuzzer
 * that hangs fails in some 2-3 minutes, and CI's two workers take the five fuzzers' files in
 * well under 10 minutes even were each to hang; honest runs are not bounded by it.
 */
export const SHRINK_AFTER_BUDGET_MS = 60_000;

/** Whether the fc.assert that started at `started` (the clock's ms) has shrunk a run that failed a budget for SHRINK_AFTER_BUDGET_MS: its property then skips the try. */
export function shrinkingSpent(started: number): boolean {
  const first = budgetsFailed.find((at) => at >= started);
  return first !== undefined && Date.now() - first > SHRINK_AFTER_BUDGET_MS;
}

/**
 * `node NODE_ARGS` under RUN_CPU_S of CPU (the kernel's limit, RLIMIT_CPU, set by the shell's
 * `ulimit -S -t`: Node has no setrlimit; past it the kernel ends the run with SIGXCPU), the idle
 * watch (`idleS`, RUN_IDLE_S: SIGALRM) and the clock's guard; not checked (budgetedRun checks).
 * SIGXCPU's default action dumps core: the core limit is 0 for the run, so that a shell with core
 * dumps on (`ulimit -c unlimited`) does not get a file `core` of the run's whole memory (50 MB for
 * a bare `node -e`) in the folder it ran from.
 */
export function spawnBudgeted(nodeArgs: readonly string[], idleS = RUN_IDLE_S): SpawnSyncReturns<string> {
  const options = { encoding: 'utf8', timeout: RUN_WALL_MS } as const;
  return process.platform === 'win32'
    ? spawnSync(process.execPath, nodeArgs, options)
    : spawnSync(
        '/bin/sh',
        ['-c', BUDGETED_SHELL, String(RUN_CPU_S), String(IDLE_WATCHED ? idleS : 0), process.execPath, ...nodeArgs],
        options,
      );
}

/** spawnBudgeted's run of the file at `path`, checked to have ended within every budget. */
export function budgetedRun(path: string, nodeArgs: readonly string[]): SpawnSyncReturns<string> {
  const started = Date.now();
  const r = spawnBudgeted(nodeArgs);
  if (r.signal === 'SIGXCPU' || r.signal === 'SIGALRM' || r.error !== undefined) budgetsFailed.push(Date.now());
  expect(r.signal, `${path}: more than its ${RUN_CPU_S} s of CPU`).not.toBe('SIGXCPU');
  expect(r.signal, `${path}: no CPU used for ${RUN_IDLE_S} s of the clock (a wait on nothing)`).not.toBe('SIGALRM');
  expect(r.error, `${path}: no answer within ${RUN_WALL_MS} ms of the clock (${Date.now() - started} ms)`).toBeUndefined();
  return r;
}

/** `etomsim ARGS` on the file at `path` (the first of `args` after the command), under the budgets, its answer checked; exit 0 or 2. */
export function runOnFuzzedFile(path: string, args: readonly string[]): SpawnSyncReturns<string> {
  const r = budgetedRun(path, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args]);
  if (process.env.ETOMSIM_FUZZ_SHOW) process.stdout.write(`${basename(path)} ${r.status} ${r.stderr.slice(0, 300)}\n`);
  expect(r.stderr, path).not.toMatch(/internal error|heap out of memory|\n\s+at .+:\d+:\d+\)?\n/);
  expect([0, 2], `${path}: exit ${r.status}\n${r.stderr}`).toContain(r.status);
  const lines = r.stderr.split('\n');
  for (const line of lines.filter((l) => l.startsWith(path))) expect(line).toMatch(DIAGNOSTIC);
  // a line that sums up the problems above it (placed-line.ts' summaryLine): `etomsim: FILE: MESSAGE`, after one
  lines.forEach((line, i) => {
    if (!line.startsWith(`etomsim: ${path}`)) return;
    expect(line, `${path}: a summary line`).toMatch(summaryOf(path));
    expect(
      lines.slice(0, i).some((l) => DIAGNOSTIC.test(l)),
      `${path}: a summary line with no problem above it\n${r.stderr}`,
    ).toBe(true);
  });
  if (r.status === 2) {
    expect(
      r.stderr.split('\n').some((l) => DIAGNOSTIC.test(l)),
      `${path}: exit 2 without a placed error\n${r.stderr}`,
    ).toBe(true);
    // nothing half written: no output, no temporary file beside the input
    expect(readdirSync(dirname(path))).toEqual([basename(path)]);
  }
  return r;
}

/** Where a file broken on purpose must be refused: the line (a database's row) and column its error names, and its WHERE. */
export interface Refusal {
  line: number;
  /** Left out where the reader places the error at a column the fuzzer does not know (inside an XML tag). */
  col?: number;
  at: string;
  /** Whether a line must sum the problems up (`etomsim: FILE: ...`, runOnFuzzedFile checks its form). */
  summary?: boolean;
}

/** The three kinds of file a fuzzer draws, each from its own arbitrary. */
export interface FileKinds<T> {
  /** Changed in ways that mostly break it: read or refused, either answer checked. */
  input: fc.Arbitrary<T>;
  /** Changed only in ways that keep it valid (by construction): it must be read, and what it gives read back. */
  kept: fc.Arbitrary<T>;
  /** Broken in one place (by construction): it must be refused with an error at that place. */
  broken: fc.Arbitrary<[T, Refusal]>;
}

/** What a fuzzer's try of a file gives: the file's path and the command's answer (runOnFuzzedFile's, checked). */
export interface Tried {
  path: string;
  run: SpawnSyncReturns<string>;
}

/**
 * Inputs drawn from `kinds` (SEED), each tried by `tryFile`: it writes the file, runs the command on
 * it (runOnFuzzedFile) and, when the command read it (exit 0), reads back what it wrote. Each of
 * fast-check's runs draws one file of each kind, RUNS files in all (rounded down to a multiple of
 * three, at least three): a kept file must be read (exit 0) and a broken one refused (exit 2) with
 * an error placed where it was broken, so both paths' checks run at any seed however few the
 * files, and a reader that refused every file, or read every one, fails (session 56: bpmn, logs and
 * sqlite drew their read file by the seed's luck). A failure is shrunk (within the test's time) and
 * printed with its seed and path: ETOMSIM_FUZZ_SEED and ETOMSIM_FUZZ_PATH replay it. The tally is
 * printed as `fuzz NAME: seed S, N files, R read, F refused`, and where not IDLE_WATCHED, says so.
 */
export function fuzzFiles<T>(name: string, kinds: FileKinds<T>, tryFile: (drawn: T) => Tried): void {
  const tally = { files: 0, read: 0, refused: 0 };
  const tryOne = (drawn: T): Tried => {
    tally.files++;
    const tried = tryFile(drawn);
    if (tried.run.status === 0) tally.read++;
    else tally.refused++;
    return tried;
  };
  const runs = Math.max(1, Math.floor(RUNS / 3));
  const started = Date.now();
  fc.assert(
    fc.property(kinds.kept, kinds.broken, kinds.input, (kept, [broken, refusal], drawn) => {
      fc.pre(!shrinkingSpent(started));
      const read = tryOne(kept);
      expect(read.run.status, `${read.path}: changed only in ways that keep it valid, and refused\n${read.run.stderr}`).toBe(0);
      const refused = tryOne(broken);
      expect(refused.run.status, `${refused.path}: broken on purpose, and not refused\n${refused.run.stderr}`).toBe(2);
      expect(refused.run.stderr.split('\n'), `${refused.path}: broken at ${JSON.stringify(refusal)}`).toContainEqual(
        expect.stringMatching(placedAt(refused.path, refusal)),
      );
      if (refusal.summary)
        expect(refused.run.stderr.split('\n'), `${refused.path}: no summary line`).toContainEqual(
          expect.stringMatching(summaryOf(refused.path)),
        );
      tryOne(drawn);
    }),
    {
      seed: SEED,
      path: process.env.ETOMSIM_FUZZ_PATH,
      numRuns: runs,
      // shrinking stops short of the test's timeout, so that the failure, its seed and path are reported
      interruptAfterTimeLimit: fuzzTimeout() - SHRINK_MARGIN_MS,
      markInterruptAsFailure: true,
    },
  );
  const unwatched = IDLE_WATCHED ? '' : `; no idle watch here (not Linux): a hang stopped after ${RUN_WALL_MS / 60_000} min`;
  process.stdout.write(`fuzz ${name}: seed ${SEED}, ${tally.files} files, ${tally.read} read, ${tally.refused} refused${unwatched}\n`);
  expect(tally.files).toBe(3 * runs);
}

/** The error line a file broken at `refusal` must have. */
export function placedAt(path: string, { line, col, at }: Refusal): RegExp {
  return new RegExp(`^${literally(path)}:${line}:${col ?? '\\d+'}: .+ \\(at ${literally(at)}\\)$`);
}

const SHRINK_MARGIN_MS = 20_000;

/**
 * A fuzzer's test's timeout: every file's clock guard, what honest runs may take on a loaded
 * host. A hang fails long before it: RUN_IDLE_S or RUN_CPU_S, then SHRINK_AFTER_BUDGET_MS.
 */
export function fuzzTimeout(runs = RUNS): number {
  return Math.max(3, runs) * RUN_WALL_MS;
}

/**
 * `content` written to `path`, a command that writes a scenario (discover, import-bpmn) run on it
 * (runOnFuzzedFile), and the scenario it wrote read back: one etomsim takes, with no error, and no
 * entity's text in it (a billion laughs' `lol`, a file's).
 */
export function tryScenarioWriter(
  command: 'discover' | 'import-bpmn',
  path: string,
  content: string | Uint8Array,
  args: readonly string[],
): Tried {
  const out = join(dirname(path), 'written.yaml');
  writeFileSync(path, content);
  const run = runOnFuzzedFile(path, [command, path, ...args, '-q', '-o', out]);
  if (run.status === 0) {
    const scenario = readFileSync(out, 'utf8');
    expect(scenario).not.toMatch(/lollol|root:x:0/);
    const loaded = loadScenarioText(scenario, out);
    expect(
      loaded.diagnostics.filter((d) => d.severity === 'error'),
      out,
    ).toEqual([]);
    expect(loaded.set, out).not.toBeNull();
  }
  return { path, run };
}
