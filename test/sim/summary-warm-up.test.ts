// The horizon's statistics compiled before the horizon (engine/sim/thread-warm-ups.ts): a run
// expecting many completions finds MSER-5's and the percentiles' loops compiled when its one
// call on every cycle time comes, instead of compiling them on-stack as that call runs; a short
// run does not pay for the scratch calls. Seen through V8's own trace (test/support/turbofan-compiles.ts;
// a Node release whose V8 tiers up otherwise can fail it: then count the scratch calls again,
// thread-warm-ups.ts).
import { describe, expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { turbofanCompiles } from '../support/turbofan-compiles.js';

const tmp = scratchFolders('etomsim-warm-up-');

const LOOPS = ['truncationOfBatchesOf5', 'countHighDigits', 'countBytes', 'walkBuckets', 'walkBytes'];

/** The functions V8 compiled with TurboFan in a run of `hours` (turbofanCompiles). */
function compilesIn(hours: number): { name: string; target: string }[] {
  return turbofanCompiles(tmp(), hours);
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
    // before the loop's (thread-warm-ups.ts, warmUpHorizon); there on an eighth of the scratch values, under an eighth
    // of V8's interrupt budget (bin/v8-flags.ts underLoweredBudget; engine/stats/warm-up-scale.ts): with the budget
    // left as it is, the eighth's calls are not found hot and this fails
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
