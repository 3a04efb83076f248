// Do the intervals cover as they claim? 200 independent small experiments of M/M/1 at 50%
// load, each 10 replications, in this process: the 95% interval of the mean cycle time must
// hold the closed form 1/(mu - lambda) in a share of them inside the binomial band of 95%.
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
  test("the mean cycle time's 95% interval covers 1/(mu - lambda) within the binomial band", () => {
    const experiments = 200;
    const replications = 10;
    const model = compileModel(mmc(0.5, 1, 1, { horizon: 800, warmup: 50, replications, seed: 0 }));
    const slot = metricLayout(model).paths.indexOf('flows.calls.cycle_time.mean');
    const truth = 1 / (1 - 0.5);
    let covered = 0;
    for (let e = 0; e < experiments; e++) {
      const values = Array.from({ length: replications }, (_, r) => runReplication(model, r, 1000 + e).metrics[slot]);
      const [lo, hi] = summarize(values).ci95!;
      if (lo <= truth && truth <= hi) covered++;
    }
    const [low, high] = binomialBand(experiments, 0.95, 0.001); // 183 to 197 of 200
    expect(covered).toBeGreaterThanOrEqual(low);
    expect(covered).toBeLessThanOrEqual(high);
  });

  test('the binomial band by hand', () => {
    expect(binomialBand(10, 0.5, 0.05)).toEqual([2, 8]); // P(X <= 1) = 0.0107, P(X <= 2) = 0.0547
  });
});
