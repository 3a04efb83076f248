// size's honest confidence: every target jointly (Bonferroni over the concrete targets), and
// the chosen staffing re-run on fresh random numbers before it is reported.
import { describe, expect, test } from 'vitest';
import { sizeTeams, verificationSeed } from '../../engine/analysis/sizing.js';
import { checkTarget, parseTarget } from '../../engine/analysis/targets.js';
import type { Stat } from '../../engine/results/types.js';
import { tQuantile } from '../../engine/stats/t-quantile.js';
import { mmc } from '../support/build.js';

describe('joint confidence of sizing', () => {
  test('a target checked at another confidence uses the t interval at that level', () => {
    const stat: Stat = { mean: 10, sd: 2, n: 10, ci95: [8.57, 11.43] };
    const target = { ...parseTarget('resources.desk.wait <= 12'), path: 'resources.desk.wait' };
    expect(checkTarget(target, stat).bound).toBe(11.43); // 95%: the stat's own ci95
    const bound = checkTarget(target, stat, 0.975).bound!;
    expect(bound).toBeCloseTo(10 + (tQuantile(0.9875, 9) * 2) / Math.sqrt(10), 12);
  });

  test('two targets: each at 97.5%, and the choice verified on another seed', async () => {
    const scenario = mmc(2, 1, 1, { horizon: 2000, warmup: 100, replications: 8, seed: 11 });
    const result = await sizeTeams(scenario, {
      resources: null,
      maxCapacity: null,
      replications: 8,
      seed: 11,
      workers: 1,
      targets: ['resources.agents.wait <= 0.3', 'resources.agents.utilization <= 0.8'],
    });
    expect(result.confidence).toEqual({ joint: 0.95, per_target: 0.975, targets: 2 });
    expect(result.chosen).not.toBeNull();
    expect(result.verification).toMatchObject({ seed: verificationSeed(11), replications: 8 });
    expect(result.verification!.seed).not.toBe(11);
    expect(result.verification!.targets.map((t) => t.target)).toEqual(result.chosen!.targets.map((t) => t.target));
    // the fresh run's bounds are its own, not the search's
    expect(result.verification!.targets[0].bound).not.toBe(result.chosen!.targets[0].bound);
  });
});
