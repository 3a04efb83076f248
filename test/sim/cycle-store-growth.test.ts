// A flow's cycle-time store first grows at a completion whose Recorder.checkCompletions has its type feedback
// (recorder.ts, CYCLES_FIRST_SIZE): V8 gives the function its feedback vector only after some calls, and at a growth
// before that the first replication's optimised completeCase knows nothing of `done.growCycles()`, so the second
// replication's first growth threw it away ("Insufficient type feedback for generic named access", some 4.5 simulated
// hours in: M/M/5 with the store at 16, Node 20, every run). Read through V8's own trace of the command line a user
// runs (the bundle's functions, whose bytecode sizes are what V8 counts), so, like test/sim/loop-warm-up.test.ts, it
// reads V8's tiering: a Node release that allocates feedback otherwise can fail it with no fault of etomsim's.
// It fails with the store's first size at 16 (CYCLES_FIRST_SIZE = 16): one completeCase deoptimisation a run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { BIN } from '../support/cli.js';

const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-cycle-store-growth-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** bench/scenarios/mm5.yaml with 20,000 customers a replication: the loop is optimised well before the first ends */
const MM5 = join(SCRATCH, 'mm5.yaml');
writeFileSync(
  MM5,
  readFileSync(join(import.meta.dirname, '../../bench/scenarios/mm5.yaml'), 'utf8').replace('horizon: 222222h', 'horizon: 4444h'),
);

/**
 * V8's trace of its optimisations and deoptimisations, `--single-threaded` (as test/support/turbofan-compiles.ts): each
 * compile made at once on the thread that asked for it, so that the optimised completeCase is in place when V8 decides
 * it, not when a background thread gets to it, which on a loaded host may be after the run (once in session 61, at load
 * ~20: no "completed optimizing" line).
 */
const TRACED = ['--single-threaded', '--trace-opt', '--trace-deopt'];

test('M/M/5, two replications in one thread: the second replication does not deoptimise completeCase at its store first growing', () => {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const run = spawnSync(
    process.execPath,
    [...TRACED, BIN, 'run', MM5, '-r', '2', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, 'out')],
    { encoding: 'utf8', env, maxBuffer: 1 << 26 },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(readFileSync(MM5, 'utf8')).toContain('horizon: 4444h');
  const traced = run.stdout.split('\n');
  // the trace is there, and shows completeCase optimised: what a later growth could throw away
  expect(traced.some((line) => /^\[completed compiling .*<JSFunction completeCase .*target TURBOFAN/.test(line))).toBe(true);
  const thrownAway = traced.filter((line) => line.startsWith('[bailout') && /<JSFunction (completeCase|checkCompletions) /.test(line));
  expect(thrownAway).toEqual([]);
}, 60_000);
