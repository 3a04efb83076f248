// Unstable teams: the analytic sign (offered load against capacity) and the empirical one
// (the queue still climbing over the second half of the run, across the replications).
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { instabilities } from '../../engine/results/instability.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { mmc } from '../support/build.js';
import { resultsOf } from '../support/results.js';

/** The empirical sign alone: the runs without their offered load. */
function empirical(lambda: number, horizon: number, warmup: number, replications: number) {
  const model = compileModel(mmc(lambda, 1, 1, { horizon, warmup, replications, seed: 11 }));
  const reps = Array.from({ length: replications }, (_, r) => runReplication(model, r, 11));
  return instabilities([{ name: 'baseline', model, reps }]);
}

describe('instability', () => {
  test('an M/M/1 offered 120% of its capacity is flagged by both signs, everywhere', async () => {
    const results = await resultsOf(mmc(1.2, 1, 1, { horizon: 2000, warmup: 200, replications: 10, seed: 11 }));
    const warning = results.warnings.find((w) => w.code === 'unstable');
    expect(warning).toMatchObject({ code: 'unstable', variant: 'baseline', subject: 'resources.agents' });
    expect(warning!.message).toContain('120% of its capacity');
    expect(warning!.message).toContain('queue rose by');
    expect(results.warmup_check.sufficient).toBe(false);
    // no steady state, so no transient to end: the warm-up warnings would only distract
    expect(results.warnings.filter((w) => w.code === 'warmup')).toEqual([]);
  });

  test('the trend alone flags 120% load (20 of 20 seeds in npm run check:statistics; 105% only 12 of 20)', () => {
    const found = empirical(1.2, 2000, 200, 10);
    expect(found).toHaveLength(1);
    expect(found[0].trend!.significant).toBe(true);
  });

  test('silent at 90% load, by either sign, over several seeds', async () => {
    const results = await resultsOf(mmc(0.9, 1, 1, { horizon: 5000, warmup: 500, replications: 10, seed: 11 }));
    expect(results.warnings.filter((w) => w.code === 'unstable')).toEqual([]);
    for (const horizon of [3000, 5000, 8000]) expect(empirical(0.9, horizon, 500, 10)).toEqual([]);
  });
});
