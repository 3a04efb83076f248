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
  // the far end from the mean: Johnson's interval is not symmetric about it
  const half = Math.max(s.mean! - ci[0], ci[1] - s.mean!);
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
    expect(j).not.toBe(t); // the two intervals differ here (27 against 19), so the test tells them apart
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
    expect(Math.max(s.mean! - s.ci95_johnson![0], s.ci95_johnson![1] - s.mean!)).toBeLessThanOrEqual(g * s.mean!);
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

describe('--precision-on differences under --interval johnson', () => {
  // review s29x's case: nine small differences and one large one, so Johnson's interval is
  // shifted well to the right of delta; the baseline's value is the same in every replication
  const differences = [0.02, 0.03, 0.02, 0.04, 0.03, 0.02, 0.03, 0.02, 0.05, 0.4];
  const baselineValue = 5.42;
  const precision = 0.05;

  async function comparedRuns() {
    const withSame: ScenarioSet = { ...set(), variants: [{ name: 'same', description: null, scenario: structuredClone(set().baseline) }] };
    const out = await runExperiment(withSame, options(undefined, null, differences.length));
    const models = out.runs.map((r) => r.model);
    const slot = metricLayout(models[0]).paths.indexOf('flows.calls.cycle_time.mean');
    // every other KPI the same in both (no difference at all), the cycle time's as above
    const baseline = out.runs[0].reps.map((r) => ({ ...r, metrics: Float64Array.from(r.metrics) }));
    baseline.forEach((r) => (r.metrics[slot] = baselineValue));
    const variant = baseline.map((r) => ({ ...r, metrics: Float64Array.from(r.metrics) }));
    variant.forEach((r, i) => (r.metrics[slot] = baselineValue + differences[i]));
    return { models, reps: [baseline, variant] };
  }

  test("a change too small to resolve is met only when Johnson's whole interval is inside ±g·baseline", async () => {
    const { models, reps } = await comparedRuns();
    const g = relativeHalfWidth(precision);
    const summary = summarize(differences, 'johnson');
    const [lo, hi] = summary.ci95_johnson!;
    // half its width is inside the band (0.146 against 0.192), but its right end is not (0.306 against 0.258)
    expect((hi - lo) / 2).toBeLessThanOrEqual(g * baselineValue - summary.mean!);
    expect(hi).toBeGreaterThan(g * baselineValue);
    expect(precisionOutcome(models, reps, precision, 'differences', 'johnson')!.met).toBe(false);
    const next = nextRound(models, reps, { precision, maxReplications: 400, precisionOn: 'differences', interval: 'johnson' });
    expect(next).toBeGreaterThan(differences.length);
    // and with a target twice as loose, the whole Johnson interval is inside and it is met
    expect(hi).toBeLessThanOrEqual(relativeHalfWidth(2 * precision) * baselineValue);
    expect(precisionOutcome(models, reps, 2 * precision, 'differences', 'johnson')!.met).toBe(true);
  });
});
