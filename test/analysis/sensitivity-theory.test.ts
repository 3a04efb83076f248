// `run --sensitivity` held to Jackson's closed forms: two M/M/1 teams in tandem, the back one the
// busier, and what one more unit of each buys (the ranking, by the p90 cycle time, and the mean's
// change); and what each unit more costs a week, by hand, for a team round the clock and one on a
// calendar of 40 hours a week.
import { describe, expect, it } from 'vitest';
import { p90Change, sensitivity } from '../../engine/analysis/sensitivity.js';
import { variantBlock } from '../../engine/results/build.js';
import type { Comparison } from '../../engine/results/types.js';
import { exp, flow, OFFICE, poisson, scenario, task, team } from '../support/build.js';
import { mmcSojournSurvival, mmcWait } from '../support/queueing.js';

const LAMBDA = 0.7;
const FRONT = 1.4; // service rates an hour: the front is 50% busy, the back 70%
const BACK = 1;

/** Per unit of `step` hours from 0, the probability that the law of survival `s` puts in each step. */
function masses(s: (t: number) => number, step: number, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => s(i * step) - s((i + 1) * step));
}

/** The p-quantile of X + Y for independent X, Y given by their survivals: their masses convolved on a grid. */
function sumQuantile(x: (t: number) => number, y: (t: number) => number, p: number): number {
  const step = 0.002;
  const n = 30_000; // 60 h: both laws' mass beyond it is below 1e-5
  const [f, g] = [masses(x, step, n), masses(y, step, n)];
  let total = 0;
  for (let k = 0; k < n; k++) {
    for (let i = 0; i <= k; i++) total += f[i] * g[k - i];
    if (total >= p) return (k + 1) * step;
  }
  return Infinity;
}

/**
 * The least the p-quantile of X + Y can be, whatever the dependence between X and Y (Makarov's
 * bound): P(X + Y <= s) <= P(X <= x) + P(Y <= s - x) for every x, so X + Y's p-quantile exceeds
 * every s where some x makes that sum less than p.
 */
function leastSumQuantile(x: (t: number) => number, y: (t: number) => number, p: number): number {
  let least = 0;
  for (let s = 0; s < 60; s += 0.02) {
    for (let u = 0; u <= s; u += 0.01) {
      if (1 - x(u) + (1 - y(s - u)) < p) {
        least = s;
        break;
      }
    }
  }
  return least;
}

const sojourn = (mu: number, c: number) => (t: number) => mmcSojournSurvival(LAMBDA, mu, c, t);
const meanCycle = (front: number, back: number) => mmcWait(LAMBDA, FRONT, front) + 1 / FRONT + mmcWait(LAMBDA, BACK, back) + 1 / BACK;

/** Where the closed form's change lies within 1.7 half-widths of the paired interval (about 99.6% for t with 9 degrees of freedom). */
function expectDelta(comparison: Comparison, exact: number): void {
  const [lo, hi] = comparison.ci95!;
  const half = (hi - lo) / 2;
  expect(Math.abs(comparison.delta - exact)).toBeLessThan(1.7 * half);
}

describe('sensitivity on two teams in tandem (a Jackson network)', () => {
  const tandem = scenario({
    run: { horizon: 6000, warmup: 300, replications: 10, seed: 5 },
    calendars: [OFFICE],
    resources: [
      team('front', 1, { costPerHour: 10 }),
      team('back', 1, { costPerHour: 25 }),
      team('clerk', 1, { costPerHour: 7, calendar: 'office' }),
    ],
    arrivals: [poisson('order', LAMBDA), poisson('mail', 0.05)],
    flows: [
      flow('order', [task('a', exp(1 / FRONT), 'front', 'b'), task('b', exp(1 / BACK), 'back')]),
      flow('mail', [task('m', exp(1), 'clerk')]),
    ],
  });

  it('ranks each unit by the p90 it cuts, as the closed forms do, with the mean changes of Jackson and the costs by hand', async () => {
    const analysis = await sensitivity({ name: 'baseline', scenario: tandem }, { replications: 10, seed: 5, workers: 1 });
    // Each station is M/M/c with Poisson arrivals at LAMBDA (Burke); the sojourns at an M/M/1 first station and the
    // next are independent (Reich), so the base's and +1 back's p90s are their sums' quantiles. With two front units
    // (one may overtake the other) that independence fails: Makarov's bound holds under any dependence.
    const baseP90 = sumQuantile(sojourn(FRONT, 1), sojourn(BACK, 1), 0.9); // 9.51 h
    const backP90 = sumQuantile(sojourn(FRONT, 1), sojourn(BACK, 2), 0.9); // 4.96 h
    const frontP90AtLeast = leastSumQuantile(sojourn(FRONT, 2), sojourn(BACK, 1), 0.9); // 7.67 h
    expect(frontP90AtLeast).toBeGreaterThan(1.5 * backP90);
    expect(analysis.ranking.map((e) => e.resource)).toEqual(['back', 'front', 'clerk']);
    expect(analysis.ranking.map((e) => e.key_flow)).toEqual(['order', 'order', 'mail']);
    const changes = analysis.ranking.map(p90Change);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));

    const block = variantBlock(analysis.base);
    const p90 = block.flows.order.cycle_time.p90;
    expect(Math.abs(p90.mean! - baseP90)).toBeLessThan(1.7 * ((p90.ci95![1] - p90.ci95![0]) / 2));
    const [back, front, clerk] = analysis.ranking;
    expectDelta(back.flows.order.p90!, backP90 - baseP90);
    expect(front.flows.order.p90!.value).toBeGreaterThan(frontP90AtLeast);
    expectDelta(back.flows.order.mean!, meanCycle(1, 2) - meanCycle(1, 1)); // -2.19 h
    expectDelta(front.flows.order.mean!, meanCycle(2, 1) - meanCycle(1, 1)); // -0.67 h
    expect(front.flows.mail.p90!.delta).toBe(0);
    expect(clerk.flows.order.mean!.delta).toBe(0);

    // a unit more is paid every hour of its week: 168 h round the clock, the office calendar's 5 x 8 h
    expect([back.added_cost_per_week, front.added_cost_per_week, clerk.added_cost_per_week]).toEqual([25 * 168, 10 * 168, 7 * 40]);
  });
});
