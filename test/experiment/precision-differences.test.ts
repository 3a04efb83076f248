// --precision on the differences that decisions rest on: every outcome comparison known within
// the relative precision of itself (Law & Kelton's g/(1+g)), or shown to be smaller than that
// share of the baseline's value.
import { describe, expect, test } from 'vitest';
import { relativeHalfWidth, runExperiment } from '../../engine/experiment/experiment.js';
import { buildResults } from '../../engine/results/build.js';
import { metricKindOf } from '../../engine/model/metric-catalogue.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { exp, mmc } from '../support/build.js';

function set(): ScenarioSet {
  const baseline = mmc(0.7, 1, 1, { horizon: 1500, warmup: 100, replications: 4, seed: 5 });
  const faster = structuredClone(baseline);
  const serve = faster.flows[0].nodes[0];
  if (serve.kind === 'task') serve.duration = exp(0.8);
  return {
    file: 'mm1',
    baseline,
    variants: [
      { name: 'faster', description: null, scenario: faster },
      { name: 'same', description: null, scenario: structuredClone(baseline) },
    ],
  };
}

describe('precision on differences', () => {
  test("Law & Kelton's correction", () => {
    expect(relativeHalfWidth(0.05)).toBeCloseTo(0.047619, 6);
  });

  test('adds replications until every outcome difference is resolved; a variant that changes nothing does not hold it up', async () => {
    const precision = 0.1;
    const out = await runExperiment(set(), {
      replications: 4,
      seed: 5,
      workers: 1,
      variants: null,
      precision,
      precisionOn: 'differences',
      maxReplications: 400,
    });
    const results = buildResults({
      scenario: 'mm1',
      description: null,
      version: 'test',
      seed: 5,
      workers: 1,
      wallSeconds: 0,
      runs: out.runs,
      precision: out.precision,
    });
    expect(results.precision).toMatchObject({ met: true, on: 'differences', metric: 'comparisons of outcome KPIs' });
    expect(results.precision!.replications_needed).toBeGreaterThan(4);
    expect(results.precision!.replications_needed).toBeLessThan(400);
    const g = relativeHalfWidth(precision);
    const outcomes = results.comparisons.filter((c) => metricKindOf(c.metric)?.role === 'outcome' && c.ci95 !== null);
    expect(outcomes.length).toBeGreaterThan(4);
    for (const c of outcomes) {
      const half = (c.ci95![1] - c.ci95![0]) / 2;
      expect(half <= g * Math.abs(c.delta) + 1e-12 || half <= g * Math.abs(c.baseline) - Math.abs(c.delta) + 1e-12).toBe(true);
    }
    const mean = results.comparisons.find((c) => c.variant === 'faster' && c.metric === 'flows.calls.cycle_time.mean')!;
    expect((mean.ci95![1] - mean.ci95![0]) / 2).toBeLessThanOrEqual(g * Math.abs(mean.delta));
  });
});
