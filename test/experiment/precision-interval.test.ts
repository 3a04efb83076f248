// --precision measures the half-widths of the interval the run shows: Student's t by default,
// Johnson's modified t under --interval johnson, and says which it measured in results.json.
import { describe, expect, test } from 'vitest';
import { nextRound, precisionOutcome, relativeHalfWidth, runExperiment } from '../../engine/experiment/experiment.js';
import { metricLayout } from '../../engine/model/metrics.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { type IntervalMethod, summarize } from '../../engine/stats/summary.js';
import { mmc } from '../support/build.js';

// a short M/M/1 at 0.8: each replication's mean cycle time is right-skewed, so Johnson's
// interval is not the t interval
function set(): ScenarioSet {
  return { file: 'mm1', baseline: mmc(0.8, 1, 1, { horizon: 300, warmup: 0, replications: 8, seed: 3 }), variants: [] };
}

const options = (interval: IntervalMethod | undefined, precision: number | null, replications = 8) => ({
  replications,
  seed: 3,
  workers: 1,
  variants: null,
  precision,
  maxReplications: 400,
  ...(interval === undefined ? {} : { interval }),
});

/** The usual n·(h/target)² need of the one flow's mean cycle time, from the interval named. */
function need(values: number[], precision: number, interval: IntervalMethod): number {
  const s = summarize(values, interval);
  const ci = interval === 'johnson' ? s.ci95_johnson! : s.ci95!;
  const half = (ci[1] - ci[0]) / 2;
  const target = relativeHalfWidth(precision) * Math.abs(s.mean!);
  return half <= target ? values.length : Math.max(Math.ceil(values.length * (half / target) ** 2), values.length + 1);
}

describe('--precision under --interval johnson', () => {
  test("the next round is sized on Johnson's half-width, not the t one", async () => {
    const out = await runExperiment(set(), options(undefined, null));
    const models = out.runs.map((r) => r.model);
    const reps = out.runs.map((r) => r.reps);
    const slot = metricLayout(models[0]).paths.indexOf('flows.calls.cycle_time.mean');
    const values = reps[0].map((r) => r.metrics[slot]);
    const precision = 0.2;
    const [t, j] = [need(values, precision, 't'), need(values, precision, 'johnson')];
    expect(t).toBeGreaterThan(8);
    expect(Math.max(t, j)).toBeLessThanOrEqual(32); // below a round's 4x cap, which would hide the difference
    expect(j).not.toBe(t); // the two intervals differ here (20 against 19), so the test tells them apart
    expect(nextRound(models, reps, { precision, maxReplications: 400, interval: 'johnson' })).toBe(j);
    expect(nextRound(models, reps, { precision, maxReplications: 400, interval: 't' })).toBe(t);
    expect(nextRound(models, reps, { precision, maxReplications: 400 })).toBe(t);
  });

  test("met means every Johnson half-width within the target, and precision says it measured Johnson's", async () => {
    const precision = 0.1;
    const g = relativeHalfWidth(precision);
    const johnson = await runExperiment(set(), options('johnson', precision));
    expect(johnson.precision).toMatchObject({ met: true, interval: 'johnson' });
    const slot = metricLayout(johnson.runs[0].model).paths.indexOf('flows.calls.cycle_time.mean');
    const s = summarize(
      johnson.runs[0].reps.map((r) => r.metrics[slot]),
      'johnson',
    );
    expect(johnson.precision!.replications_needed).toBe(s.n);
    expect((s.ci95_johnson![1] - s.ci95_johnson![0]) / 2).toBeLessThanOrEqual(g * s.mean!);
    expect(s.n).toBeGreaterThan(8); // it took more rounds than the first
    // the first round's eight did not meet it by Johnson's interval
    const first = johnson.runs.map((r) => r.reps.slice(0, 8));
    const models = johnson.runs.map((r) => r.model);
    expect(precisionOutcome(models, first, precision, 'means', 'johnson')!.met).toBe(false);

    const t = await runExperiment(set(), options('t', precision));
    expect(t.precision!.met).toBe(true);
    expect('interval' in t.precision!).toBe(false); // a t run's file keeps its keys
    expect(t.precision!.replications_needed).not.toBe(johnson.precision!.replications_needed);
  });
});
