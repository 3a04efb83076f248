// Do the intervals cover as they claim? 200 independent small experiments of M/M/1 at 50%
// load, each 10 replications, in this process: the 95% interval of the mean cycle time, and of
// its percentiles, must hold the closed form (1/(mu - lambda); the exponential sojourn's
// quantiles) in a share of them inside the binomial band of 95%; and near saturation, over a
// long window, the percentiles too.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout } from '../../engine/model/metrics.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { summarize } from '../../engine/stats/summary.js';
import { mmc } from '../support/build.js';

/** The central interval of Binomial(n, p) holding at least 1 - alpha of its mass. */
function binomialBand(n: number, p: number, alpha: number): [number, number] {
  const pmf: number[] = [];
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log(n - k + 1) - Math.log(k);
    pmf.push(Math.exp(logC + k * Math.log(p) + (n - k) * Math.log(1 - p)));
  }
  let lo = 0;
  for (let below = 0; below + pmf[lo] <= alpha / 2; lo++) below += pmf[lo];
  let hi = n;
  for (let above = 0; above + pmf[hi] <= alpha / 2; hi--) above += pmf[hi];
  return [lo, hi];
}

describe('coverage', () => {
  test("the mean cycle time's and its percentiles' 95% intervals cover the closed forms within the binomial band", () => {
    // The sojourn time of M/M/1 is exponential with rate mu - lambda: its p-quantile -ln(1 - p)/(mu - lambda). Each
    // percentile's interval is the t interval of the replications' own percentiles (type 7 over their cases). Measured
    // (seeds 1000-1199): 192, 187 and 187 of 200 for p50, p90 and p95, the misses of p90 and p95 on both sides.
    const experiments = 200;
    const replications = 10;
    const model = compileModel(mmc(0.5, 1, 1, { horizon: 800, warmup: 50, replications, seed: 0 }));
    const paths = metricLayout(model).paths;
    const checked = [
      { path: 'flows.calls.cycle_time.mean', truth: 1 / (1 - 0.5) },
      ...[0.5, 0.9, 0.95].map((p) => ({ path: `flows.calls.cycle_time.p${p * 100}`, truth: -Math.log(1 - p) / (1 - 0.5) })),
    ].map((c) => ({ ...c, slot: paths.indexOf(c.path), covered: 0 }));
    for (const c of checked) expect(c.slot, c.path).toBeGreaterThanOrEqual(0);
    for (let e = 0; e < experiments; e++) {
      const reps = Array.from({ length: replications }, (_, r) => runReplication(model, r, 1000 + e).metrics);
      for (const c of checked) {
        const [lo, hi] = summarize(reps.map((m) => m[c.slot])).ci95!;
        if (lo <= c.truth && c.truth <= hi) c.covered++;
      }
    }
    const [low, high] = binomialBand(experiments, 0.95, 0.001); // 183 to 197 of 200
    for (const c of checked) {
      expect(c.covered, c.path).toBeGreaterThanOrEqual(low);
      expect(c.covered, c.path).toBeLessThanOrEqual(high);
    }
  });

  test("near saturation a percentile's interval covers as claimed once the window is long against the queue's memory", () => {
    // M/M/1 at 80% (relaxation time 80 h), a window of 7,600 h. Over a window of 1,600 h (one-off, 200 experiments) the p95's
    // interval held the truth in 179 and lay wholly below it in the 21 others (at 30 replications 88 of 100, 12 below): a
    // replication's percentile is that of the few congestion spells its window holds, whose mix is narrower than the
    // steady state's, so the mean of the replications' p95 sits below the steady state's (p50 above), by an amount that
    // shrinks as the window grows (docs/results-format.md, percentiles). Measured here: 97, 95 and 95 of 100.
    const experiments = 100;
    const model = compileModel(mmc(0.8, 1, 1, { horizon: 8000, warmup: 400, replications: 10, seed: 0 }));
    const paths = metricLayout(model).paths;
    const checked = [0.5, 0.9, 0.95].map((p) => ({
      slot: paths.indexOf(`flows.calls.cycle_time.p${p * 100}`),
      truth: -Math.log(1 - p) / (1 - 0.8),
      covered: 0,
    }));
    for (let e = 0; e < experiments; e++) {
      const reps = Array.from({ length: 10 }, (_, r) => runReplication(model, r, 1000 + e).metrics);
      for (const c of checked) {
        const [lo, hi] = summarize(reps.map((m) => m[c.slot])).ci95!;
        if (lo <= c.truth && c.truth <= hi) c.covered++;
      }
    }
    const [low, high] = binomialBand(experiments, 0.95, 0.001);
    for (const c of checked) {
      expect(c.covered).toBeGreaterThanOrEqual(low);
      expect(c.covered).toBeLessThanOrEqual(high);
    }
  });

  test('the binomial band by hand', () => {
    expect(binomialBand(10, 0.5, 0.05)).toEqual([2, 8]); // P(X <= 1) = 0.0107, P(X <= 2) = 0.0547
  });
});
