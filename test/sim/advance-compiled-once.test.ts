// The loop compiled once (engine/sim/replicate.ts, SHORT_CALLS): the command line's thread and a
// pool's (runReplication) call Simulation.advance for a few hundred events at a time in their first
// replication, so that V8 compiles it as a function when it finds it hot, instead of on-stack for a
// long first call and again once that call is over. Read from V8's own trace
// (test/support/turbofan-compiles.ts), so it reads V8's tiering, not etomsim's numbers.
import { expect, test } from 'vitest';
import { scratchFolders } from '../support/scratch.js';
import { turbofanCompiles } from '../support/turbofan-compiles.js';

const tmp = scratchFolders('etomsim-advance-');

test('a replication of 450,000 events in slices has advance compiled once, as a function, never on-stack', () => {
  const advance = turbofanCompiles(tmp(), 50_000).filter((c) => c.name === 'advance');
  expect(advance.map((c) => c.target)).toEqual(['TURBOFAN']);
});

test('a pool thread’s replication of 450,000 events has advance compiled once, as a function, never on-stack', () => {
  // one replication, one thread (the pool starts no more than its tasks); it fails with the whole replication in one call
  const advance = turbofanCompiles(tmp(), 50_000, 2).filter((c) => c.name === 'advance');
  expect(advance.map((c) => c.target)).toEqual(['TURBOFAN']);
});
