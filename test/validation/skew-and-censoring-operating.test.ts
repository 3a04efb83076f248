// The `skewed` and `censored` warnings as detectors (session 61, s61F): do they fire where the
// replications' values are skewed (lognormal work of sigma 2) or the cases open at the horizon
// bias the cycle times, and stay silent otherwise? Counts over seeds, bounded by their rates'
// binomial intervals; docs/results-format.md (`skewed`, `censored`) states the measured rates.
import { describe, expect, test } from 'vitest';
import type { DistSpec } from '../../engine/scenario/types.js';
import type { Results } from '../../engine/results/types.js';
import { exp, flow, mmc, OFFICE, poisson, scenario, task, team } from '../support/build.js';
import { resultsOf } from '../support/results.js';
import { meanOf, standardErrorOf } from '../support/simulate.js';

/** Lognormal work of mean 1 h and sigma 2 on the log scale: variance over mean squared e^4 - 1 = 53.6. */
const lognormalSigma2: DistSpec = { kind: 'lognormal', mean: 1, sd: Math.sqrt(Math.exp(4) - 1) };

const codes = (r: Results, code: string) => r.warnings.filter((w) => w.code === code);

describe('skewed', () => {
  // M/G/1 at 50% load over 1,900 h, 30 replications. Measured (seeds 1-50): with lognormal work of sigma 2 the mean
  // cycle time flagged in 49 of 50 runs (some outcome KPI in 50); with exponential work in 2 (some KPI in 7: the
  // replications' percentiles of a queue are somewhat skewed too). At 10 replications (seeds 1-100): 40 and 2 of 100.
  const run = (seed: number) => ({ horizon: 2000, warmup: 100, replications: 30, seed });

  test('fires on the mean cycle time of lognormal work of sigma 2', async () => {
    let flagged = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const s = scenario({
        run: run(seed),
        resources: [team('agents', 1)],
        arrivals: [poisson('calls', 0.5)],
        flows: [flow('calls', [task('serve', lognormalSigma2, 'agents')])],
      });
      const found = codes(await resultsOf(s), 'skewed').filter((w) => w.subject === 'flows.calls.cycle_time.mean');
      if (found.length > 0) {
        flagged++;
        expect(found[0].message).toMatch(/misses on one side about \d/);
      }
    }
    expect(flagged).toBeGreaterThanOrEqual(8); // 49 of 50 measured
  });

  test('seldom on exponential work', async () => {
    let flagged = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const found = codes(await resultsOf(mmc(0.5, 1, 1, run(seed))), 'skewed');
      if (found.some((w) => w.subject === 'flows.calls.cycle_time.mean')) flagged++;
    }
    expect(flagged).toBeLessThanOrEqual(3); // 2 of 50 measured
  });
});

describe('censored', () => {
  /** One case an hour, each held `work` without a team (an infinite server): an M/G/infinity whose cycle time is the work. */
  const delay = (work: DistSpec, horizon: number, warmup: number) =>
    scenario({
      run: { horizon, warmup, replications: 10, seed: 3 },
      resources: [],
      arrivals: [poisson('calls', 1)],
      flows: [flow('calls', [task('hold', work, null)])],
    });

  test('fires when the cases open at the horizon are a tenth of the window’s, and names their share', async () => {
    // about 100 open against 800 completed over 900 h from empty: 11%
    const r = await resultsOf(delay(exp(100), 900, 0));
    expect(codes(r, 'censored')).toEqual([expect.objectContaining({ subject: 'flows.calls', message: expect.stringContaining('11%') })]);
  });

  test('from empty, the short cycle times completing first are the warm-up check’s: censored is silent, warmup is not', async () => {
    // Over 2,000 h from empty 5% of the cases are open at the horizon, the completed ones' mean 6% low (long cases
    // that arrive late are cut off), and counted at their age so far the open ones raise it by well under 2%: the
    // bias is the empty start's (a case completing by t took at most t), which the warm-up check names.
    const r = await resultsOf(delay(exp(100), 2000, 0));
    expect(codes(r, 'censored')).toEqual([]);
    expect(codes(r, 'warmup').length).toBeGreaterThan(0);
    const means = r.variants.baseline.replications['flows.calls.cycle_time.mean'].map((v) => v!);
    expect(meanOf(means) + 3.29 * standardErrorOf(means)).toBeLessThan(100);
  });

  test('after a warm-up, a window shorter than the cycle time: the many open cases balance those begun before it, silent', async () => {
    // 500 h after a warm-up of 500 h: some 17% open at the horizon (session 62 measured it named on that share alone),
    // as many in progress when the window opened, their whole cycle times in: the mean holds 100 h (session 63)
    const r = await resultsOf(delay(exp(100), 1000, 500));
    expect(codes(r, 'censored')).toEqual([]);
    const open = r.variants.baseline.flows.calls.open_at_horizon.mean!;
    expect(open / (open + r.variants.baseline.flows.calls.completed.mean!)).toBeGreaterThan(0.1);
    const means = r.variants.baseline.replications['flows.calls.cycle_time.mean'].map((v) => v!);
    expect(Math.abs(meanOf(means) - 100)).toBeLessThan(3.29 * standardErrorOf(means));
  });

  test("a window of whole weeks ending at the weekend's backlog: balanced by the last weekend's, silent; from empty, named", async () => {
    // an office desk (Monday to Friday 09:00-17:00) at 30% of its working time, calls around the clock: each window
    // opens on Monday 00:00 after a week's warm-up with the weekend's calls waiting and closes on Sunday 24:00 with the
    // next weekend's (measured, session 63, 200 replications: 14% open over 2 weeks, the mean 18.8 h [18.2, 19.5]
    // against 19.2 h [18.8, 19.6] over 51 weeks; named before with a rise of 7.3%); the first week from empty holds none
    // of a weekend's waits in its cases and leaves its own weekend's open, a quarter of its cases
    const desk = (horizon: number, warmup: number) =>
      scenario({
        run: { horizon, warmup, replications: 20, seed: 3 },
        calendars: [OFFICE],
        resources: [team('desk', 1, { calendar: 'office' })],
        arrivals: [poisson('calls', (0.3 * 40) / 168)],
        flows: [flow('calls', [task('serve', exp(1), 'desk')])],
      });
    const weeks = await resultsOf(desk(504, 168));
    expect(codes(weeks, 'censored')).toEqual([]);
    const { open_at_horizon: open, completed } = weeks.variants.baseline.flows.calls;
    expect(open.mean! / (open.mean! + completed.mean!)).toBeGreaterThan(0.1);
    expect(codes(await resultsOf(desk(168, 0)), 'censored')).toEqual([expect.objectContaining({ subject: 'flows.calls' })]);
  });

  test('after a warm-up of five mean works, the same window holds no bias and no warning', async () => {
    // cases completing in the window include those that began before it: their cycle times are the work's law
    const r = await resultsOf(delay(exp(100), 2500, 500));
    expect(r.warnings.filter((w) => w.code === 'censored' || w.code === 'warmup')).toEqual([]);
    const means = r.variants.baseline.replications['flows.calls.cycle_time.mean'].map((v) => v!);
    expect(Math.abs(meanOf(means) - 100)).toBeLessThan(3.29 * standardErrorOf(means));
  });
});
