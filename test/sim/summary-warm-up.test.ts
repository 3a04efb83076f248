// The horizon's statistics compiled before the horizon (engine/sim/thread-warm-ups.ts): a run
// expecting many completions finds MSER-5's and the percentiles' loops compiled when its one
// call on every cycle time comes, instead of compiling them on-stack as that call runs; a short
// run does not pay for the scratch calls. Seen through V8's own trace of what it compiles, with
// --single-threaded so that each compilation happens at once, on the thread that asked for it.
// It reads V8's tiering, not etomsim's numbers: a Node release whose V8 tiers up otherwise can
// fail it with no fault of etomsim's (then count the scratch calls again: thread-warm-ups.ts).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-warm-up-');

/** M/M/5 at 90% load over `hours`: 4.5 arrivals an hour. */
function mm5(hours: number): string {
  return `name: warm-up
run: { horizon: ${hours}h, warmup: 0h, replications: 1, seed: 1 }
resources:
  agents: { capacity: 5 }
arrivals:
  - { flow: calls, rate: 4.5/h }
flows:
  calls:
    start: serve
    nodes:
      serve: { resource: agents, duration: { exponential: { mean: 1h } } }
`;
}

const LOOPS = ['truncationOfBatchesOf5', 'countHighDigits', 'countBytes', 'walkBuckets', 'walkBytes'];

/** The functions V8 compiled with TurboFan in a run of `hours`, in the order it began each compile, with its target ('TURBOFAN', 'TURBOFAN OSR'). */
function compilesIn(hours: number): { name: string; target: string }[] {
  const dir = tmp();
  const file = join(dir, 'mm5.yaml');
  writeFileSync(file, mm5(hours));
  const run = spawnSync(
    process.execPath,
    ['--single-threaded', '--trace-opt', BIN, 'run', file, '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(dir, 'out')],
    { encoding: 'utf8' },
  );
  expect(run.status).toBe(0);
  return [...run.stdout.matchAll(/\[compiling method [^<]*<JSFunction (\w+)[^>]*> \(target TURBOFAN\)( OSR)?/g)].map(([, name, osr]) => ({
    name,
    target: osr ? 'TURBOFAN OSR' : 'TURBOFAN',
  }));
}

/** Per loop of LOOPS: how V8 compiled it in a run of `hours`. */
function compiledIn(hours: number): Record<string, string[]> {
  const compiled: Record<string, string[]> = Object.fromEntries(LOOPS.map((name) => [name, []]));
  for (const { name, target } of compilesIn(hours)) compiled[name]?.push(target);
  return compiled;
}

describe('the statistics warmed up before the horizon', () => {
  test('a run expecting 112,500 completions has each loop compiled whole before its long call, none on-stack', () => {
    const compiled = compiledIn(25_000);
    for (const name of LOOPS) expect({ [name]: compiled[name] }).toEqual({ [name]: ['TURBOFAN'] });
  });

  test('a run large enough for its stores to be written ahead (225,000 completions) warms them up at a pause: compiled whole, after the loop', () => {
    // replicate.ts, runReplicationInSlices: the scratch calls wait for the stock, so that their compiles do not go
    // before the loop's (thread-warm-ups.ts, warmUpHorizon)
    const compiles = compilesIn(50_000);
    for (const name of LOOPS)
      expect({ [name]: compiles.filter((c) => c.name === name).map((c) => c.target) }).toEqual({ [name]: ['TURBOFAN'] });
    const first = (name: string) => compiles.findIndex((c) => c.name === name);
    for (const loop of ['arrive', 'endTask']) expect({ [loop]: first(loop) < first('countHighDigits') }).toEqual({ [loop]: true });
  });

  test('a 22-hour run (99 completions expected) runs no scratch calls: none of the loops is compiled', () => {
    const compiled = compiledIn(22);
    for (const name of LOOPS) expect({ [name]: compiled[name] }).toEqual({ [name]: [] });
  });
});
