// Cases still open at the horizon: counted exactly, with their age so far, and warned of
// when they would move the cycle times.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout } from '../../engine/model/metrics.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { constant, every, flow, scenario, task, team } from '../support/build.js';
import { resultsOf } from '../support/results.js';

function metric(s: ReturnType<typeof scenario>, path: string): number {
  const model = compileModel(s);
  return runReplication(model, 0, 1).metrics[metricLayout(model).paths.indexOf(path)];
}

describe('open at the horizon', () => {
  test('an automated 10 h step, one case an hour: the last ten arrivals are open, aged 0 to 9 h', () => {
    const s = scenario({
      run: { horizon: 100, warmup: 0, replications: 2, seed: 1 },
      resources: [],
      arrivals: [every('f', 1)],
      flows: [flow('f', [task('step', constant(10), null)])],
    });
    expect(metric(s, 'flows.f.open_at_horizon')).toBe(10);
    expect(metric(s, 'flows.f.open_age')).toBe(4.5);
    expect(metric(s, 'flows.f.completed')).toBe(90);
  });

  test('one unit serving 2 h tasks to one case an hour: 49 done, 51 open, aged 25 h on average; the warning says so', async () => {
    const s = scenario({
      run: { horizon: 100, warmup: 0, replications: 2, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('f', 1)],
      flows: [flow('f', [task('serve', constant(2), 'desk')])],
    });
    expect(metric(s, 'flows.f.completed')).toBe(49);
    expect(metric(s, 'flows.f.open_at_horizon')).toBe(51);
    expect(metric(s, 'flows.f.open_age')).toBe(25);
    const results = await resultsOf(s);
    expect(results.variants.baseline.flows.f.open_at_horizon).toEqual({ mean: 51, sd: 0, n: 2, ci95: [51, 51] });
    const censored = results.warnings.find((w) => w.code === 'censored');
    expect(censored).toMatchObject({ variant: 'baseline', subject: 'flows.f' });
    // 51 of 100 open: material by their share alone, since their ages (25 h) are below the completed cases' cycle times (26 h)
    expect(censored!.message).toContain('51% of flows.f');
  });

  test('none completed: the warning says the flow has no cycle time, not a rise by "an unbounded share"', async () => {
    const s = scenario({
      run: { horizon: 100, warmup: 0, replications: 2, seed: 1 },
      resources: [],
      arrivals: [every('f', 1)],
      flows: [flow('f', [task('step', constant(200), null)])],
    });
    expect(metric(s, 'flows.f.completed')).toBe(0);
    const censored = (await resultsOf(s)).warnings.find((w) => w.code === 'censored');
    expect(censored!.message).toContain('100% of flows.f');
    expect(censored!.message).toContain('none completed in the measured window: the flow has no cycle time to report');
    expect(censored!.message).not.toContain('unbounded');
  });

  test('none open: no age, no warning', async () => {
    const s = scenario({
      run: { horizon: 105, warmup: 0, replications: 2, seed: 1 },
      resources: [],
      arrivals: [every('f', 10)],
      flows: [flow('f', [task('step', constant(1), null)])],
    });
    expect(metric(s, 'flows.f.open_at_horizon')).toBe(0);
    expect(metric(s, 'flows.f.open_age')).toBeNaN();
    expect((await resultsOf(s)).warnings).toEqual([]);
  });
});
