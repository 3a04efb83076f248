// Variants x replications on the worker pool: determinism whatever the worker count, common
// random numbers, paired comparisons, and the precision-driven replication count.
// The pool runs the compiled worker in dist/, which `npm test` builds first.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import type { ExperimentOptions } from '../../engine/experiment/experiment.js';
import { runExperiment } from '../../dist/engine/experiment/experiment.js';
import { createRunner } from '../../dist/engine/experiment/runner.js';
import { compileModel } from '../../dist/engine/model/compile.js';
import { buildResults } from '../../dist/engine/results/build.js';
import { emptyShelf, shelfIsEmpty } from '../../dist/engine/sim/store-shelf.js';
import type { Results } from '../../engine/results/types.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { summarize } from '../../engine/stats/summary.js';
import { tQuantile } from '../../engine/stats/t-quantile.js';
import { mmc } from '../support/build.js';
import { mmcWait } from '../support/queueing.js';

const options = (over: Partial<ExperimentOptions> = {}): ExperimentOptions => ({
  replications: 10,
  seed: 7,
  workers: 1,
  variants: null,
  precision: null,
  maxReplications: 200,
  ...over,
});

function mm5(horizon: number, extraAgent = true): ScenarioSet {
  const baseline = mmc(4.5, 1, 5, { horizon, warmup: 200, replications: 10, seed: 7 });
  const plusOne = structuredClone(baseline);
  plusOne.resources[0].capacity = 6;
  const relabelled = structuredClone(baseline);
  relabelled.description = 'same model, other words';
  return {
    file: 'mm5',
    baseline,
    variants: [
      ...(extraAgent ? [{ name: 'plus_one', description: 'a sixth agent', scenario: plusOne }] : []),
      { name: 'no_op', description: null, scenario: relabelled },
    ],
  };
}

async function results(set: ScenarioSet, over: Partial<ExperimentOptions>): Promise<Results> {
  const out = await runExperiment(set, options(over));
  return buildResults({
    scenario: 'mm5',
    description: null,
    version: 'test',
    seed: 7,
    workers: out.workers,
    wallSeconds: out.wallSeconds,
    runs: out.runs,
    precision: out.precision,
  });
}

const withoutTiming = (r: Results) => JSON.stringify({ ...r, engine: { ...r.engine, workers: 0, timing: null } });

describe('determinism', () => {
  test('one worker and two workers give byte-identical results apart from engine.workers and engine.timing', async () => {
    const set = mm5(3000);
    const one = await results(set, { workers: 1, replications: 6 });
    const two = await results(set, { workers: 2, replications: 6 });
    expect(two.engine.workers).toBe(2);
    expect(withoutTiming(two)).toBe(withoutTiming(one));
  });
});

describe('comparisons with common random numbers', () => {
  test('one more agent on M/M/5 at 90%: about -49% mean cycle time, significant, as Erlang C says', async () => {
    const r = await results(mm5(20_000), { replications: 10 });
    const c = r.comparisons.find((x) => x.variant === 'plus_one' && x.metric === 'flows.calls.cycle_time.mean')!;
    const before = 1 + mmcWait(4.5, 1, 5); // 2.525 h
    const after = 1 + mmcWait(4.5, 1, 6); // 1.281 h
    const expectedPct = (100 * (after - before)) / before;
    expect(expectedPct).toBeCloseTo(-49.3, 1);
    expect(c.significant).toBe(true);
    expect(c.ci95![1]).toBeLessThan(0);
    expect(Math.abs(c.delta_pct! - expectedPct)).toBeLessThan(5);
    expect(c.delta).toBeCloseTo(c.value - c.baseline, 12);
  });

  /** Width of the paired interval of `metric`, and of the interval two independent runs would give. */
  async function widths(set: ScenarioSet, variant: string, metric: string) {
    const paired = await results(set, { replications: 10, seed: 7 });
    const c = paired.comparisons.find((x) => x.variant === variant && x.metric === metric)!;
    // the variant again with other seeds: independent samples, Welch-style interval of the difference
    const independent = await results(set, { replications: 10, seed: 99 });
    const sb = summarize(paired.variants.baseline.replications[metric] as number[]);
    const so = summarize(independent.variants[variant].replications[metric] as number[]);
    const independentWidth = 2 * tQuantile(0.975, 9) * Math.sqrt(sb.sd! ** 2 / 10 + so.sd! ** 2 / 10);
    return { paired: c.ci95![1] - c.ci95![0], independent: independentWidth, sdBaseline: sb.sd!, sdVariant: so.sd! };
  }

  test('the paired interval is narrower than the interval of two independent runs', async () => {
    // One more agent: the baseline at 90% load varies far more than the variant at 75%, so even a
    // perfect correlation could only narrow the interval to (sd_b - sd_v) / sqrt(sd_b² + sd_v²) of it.
    const w = await widths(mm5(10_000), 'plus_one', 'flows.calls.cycle_time.mean');
    expect(w.paired).toBeLessThan(w.independent);
    const bound = (w.sdBaseline - w.sdVariant) / Math.hypot(w.sdBaseline, w.sdVariant);
    expect(w.paired / w.independent).toBeLessThan(bound + 0.15);
  });

  test('with a 5% faster service, common random numbers halve the interval', async () => {
    const set = mm5(10_000);
    const faster = set.variants[0].scenario;
    faster.resources[0].capacity = 5;
    faster.flows[0].nodes[0] = {
      ...faster.flows[0].nodes[0],
      duration: { kind: 'exponential', mean: 0.95 },
    } as (typeof faster.flows)[0]['nodes'][0];
    const w = await widths(set, 'plus_one', 'flows.calls.cycle_time.mean');
    expect(w.paired).toBeLessThan(0.6 * w.independent);
  });

  test('a variant that changes nothing the simulation reads has exactly zero deltas and [0, 0] intervals', async () => {
    const r = await results(mm5(2000, false), { replications: 4 });
    const noOp = r.comparisons.filter((c) => c.variant === 'no_op');
    expect(noOp.length).toBeGreaterThanOrEqual(4);
    for (const c of noOp) {
      expect(c.delta).toBe(0);
      expect(c.ci95).toEqual([0, 0]);
      expect(c.significant).toBe(false);
    }
    expect(noOp.map((c) => c.metric)).toEqual(
      expect.arrayContaining([
        'flows.calls.cycle_time.mean',
        'flows.calls.cycle_time.p90',
        'flows.calls.throughput_per_day',
        'resources.agents.utilization',
      ]),
    );
  });
});

describe('precision-driven replications', () => {
  test('--precision adds replications until every mean cycle time is known within it', async () => {
    const set = mm5(2000, false);
    const r = await results(set, { replications: 3, precision: 0.05, maxReplications: 80 });
    expect(r.precision!.met).toBe(true);
    expect(r.precision!.replications_needed).toBeGreaterThan(3);
    expect(r.engine.replications).toBe(r.precision!.replications_needed);
    const s = r.variants.baseline.flows.calls.cycle_time.mean;
    expect((s.ci95![1] - s.ci95![0]) / 2).toBeLessThanOrEqual(0.05 * s.mean!);
  });

  test('the replications it adds do not depend on the number of workers', async () => {
    const set = mm5(1500, false);
    const one = await results(set, { replications: 2, precision: 0.04, maxReplications: 60, workers: 1 });
    const two = await results(set, { replications: 2, precision: 0.04, maxReplications: 60, workers: 2 });
    expect(one.precision!.replications_needed).toBeGreaterThan(2);
    expect(withoutTiming(two)).toBe(withoutTiming(one));
  });

  test('the cap is respected and reported when the precision is out of reach', async () => {
    const r = await results(mm5(500, false), { replications: 2, precision: 0.001, maxReplications: 6 });
    expect(r.precision).toMatchObject({ met: false, replications_needed: 6 });
  });
});

describe('failures', () => {
  const broken = () => {
    const model = compileModel(mm5(100, false).baseline);
    model.nodes[0].duration = { kind: 99, a: 0, b: 0, c: 0, values: null, base: null, shift: 0 }; // a sampler no worker knows
    return model;
  };

  test('a worker that throws fails the run with its message and the replication, and the pool shuts down', async () => {
    const runner = createRunner(2);
    await expect(runner.run([{ model: broken(), variant: 'baseline', replication: 0, seed: 1, maxWip: 1_000_000 }])).rejects.toThrow(
      /^replication 1 of baseline \(run seed 1\) failed: .*unknown sampler kind/,
    );
    await runner.close();
  });

  test('in this thread, a replication that throws is named the same way', async () => {
    const runner = createRunner(1);
    await expect(runner.run([{ model: broken(), variant: 'zero_touch', replication: 4, seed: 9, maxWip: 1_000_000 }])).rejects.toThrow(
      /^replication 5 of zero_touch \(run seed 9\) failed: .*unknown sampler kind/,
    );
  });

  test('in this thread the store shelf outlives a batch, for the next batch to write its stores on, and goes with close(); the numbers are those of a fresh runner', async () => {
    emptyShelf();
    const model = compileModel(mm5(20_000, false).baseline); // about 90,000 customers: stores past the shelf's 64 KB
    const batch = (replications: number[]) =>
      replications.map((replication) => ({ model, variant: 'baseline', replication, seed: 5, maxWip: 1_000_000 }));
    const runner = createRunner(1);
    await runner.run(batch([0, 1]));
    expect(shelfIsEmpty()).toBe(false); // emptied after every batch, it was empty here
    const second = await runner.run(batch([2, 3]));
    expect(shelfIsEmpty()).toBe(false);
    await runner.close();
    expect(shelfIsEmpty()).toBe(true);
    const fresh = createRunner(1);
    expect(await fresh.run(batch([2, 3]))).toEqual(second);
    await fresh.close();
  });

  test("a pool's threads import() the worker and require() no ES module, so closing a pool while its threads load cannot abort the process", async () => {
    // Node 20.19+ require()s an ES module synchronously, and a thread terminated while such a
    // require() instantiates it aborts the process (engine/experiment/pool-entry.cts), which
    // piscina's own require() of its file did now and then as a pool closed early.
    const runner = createRunner(2, new URL('../support/require-cache-worker.mjs', import.meta.url));
    const model = compileModel(mm5(100, false).baseline);
    await expect(runner.run([{ model, variant: 'baseline', replication: 0, seed: 5, maxWip: 1_000_000 }])).rejects.toThrow(
      /^replication 1 of baseline \(run seed 5\) failed: import\(\)ed; required: (.+, )?pool-entry\.cjs(, .+)?$/,
    );
    await runner.close();
  });

  test('a worker that dies fails the run at once, names the replication, and the pool still closes', async () => {
    const runner = createRunner(2, new URL('../support/dying-worker.mjs', import.meta.url));
    const model = compileModel(mm5(100, false).baseline);
    const tasks = [0, 1, 2, 3].map((replication) => ({ model, variant: 'plus_one', replication, seed: 5, maxWip: 1_000_000 }));
    await expect(runner.run(tasks)).rejects.toThrow(/^replication 3 of plus_one \(run seed 5\) failed: worker exited with code: 3/);
    await runner.close();
  });

  test('workers that fail while they load fail the run instead of leaving it waiting', async () => {
    const unloadable = new URL('../support/unloadable-worker.mjs', import.meta.url);
    const model = compileModel(mm5(100, false).baseline);
    const tasks = [0, 1, 2].map((replication) => ({ model, variant: 'baseline', replication, seed: 5, maxWip: 1_000_000 }));
    // tasks handed over as the workers start. Which comes first is the pool's start-up's to
    // decide, not the runner's: tasks a worker holds fail with it (piscina rejects them: the
    // replication's message), a worker that fails holding none fails the pool ('error': every
    // run's message). Either way the run fails at once, with the worker's error in its message.
    const early = createRunner(2, unloadable);
    await expect(early.run(tasks)).rejects.toThrow(
      /^(replication [123] of baseline \(run seed 5\)|a simulation worker) failed: cannot load the simulation engine$/,
    );
    await early.close();
    // tasks that come after the workers have failed (a later batch): no worker will take them.
    // An empty batch reaches no worker, so it succeeds until the pool has failed, then fails. A
    // pool that starts its threads as it is made (a queue worker's) fails before any batch.
    const late = createRunner(2, unloadable, { allThreads: true });
    await vi.waitFor(() => expect(late.run([])).rejects.toThrow(), { timeout: 60_000, interval: 50 });
    for (let run = 0; run < 2; run++)
      await expect(late.run(tasks)).rejects.toThrow(/^a simulation worker failed: cannot load the simulation engine$/); // and every run after
    await late.close();
  });

  test('workers that exit while they load (piscina then stops replacing them) fail every run instead of leaving it waiting', async () => {
    const runner = createRunner(2, new URL('../support/exiting-worker.mjs', import.meta.url));
    const model = compileModel(mm5(100, false).baseline);
    const tasks = [0, 1, 2].map((replication) => ({ model, variant: 'baseline', replication, seed: 5, maxWip: 1_000_000 }));
    await expect(runner.run(tasks)).rejects.toThrow(/exited/);
    await expect(runner.run(tasks)).rejects.toThrow(/^every simulation worker exited while starting$/);
    await runner.close();
  });
});

describe('the threads a pool starts (s32x finding 7: -w 1000 for 4 replications started 1000)', () => {
  const counting = new URL('../support/counting-worker.mjs', import.meta.url);
  const model = compileModel(mm5(100, false).baseline);
  const batch = (n: number) =>
    Array.from({ length: n }, (_, replication) => ({ model, variant: 'baseline', replication, seed: 5, maxWip: 1_000_000 }));

  /** The threads started while `body` ran, from the counting worker's file. */
  async function started(body: (threads: () => number) => Promise<void>): Promise<void> {
    const file = join(mkdtempSync(join(tmpdir(), 'etomsim-threads-')), 'threads');
    writeFileSync(file, '');
    const before = process.env.ETOMSIM_TEST_THREADS;
    process.env.ETOMSIM_TEST_THREADS = file;
    try {
      await body(() => readFileSync(file, 'utf8').split('\n').filter(Boolean).length);
    } finally {
      if (before === undefined) delete process.env.ETOMSIM_TEST_THREADS;
      else process.env.ETOMSIM_TEST_THREADS = before;
      rmSync(dirname(file), { recursive: true, force: true });
    }
  }

  test('as many as the batch has tasks, up to --workers; a later, larger batch gets more; the numbers as in this thread', async () => {
    await started(async (threads) => {
      const inThread = createRunner(1);
      const expected = await inThread.run(batch(12));
      await inThread.close();
      const runner = createRunner(8, counting);
      expect(await runner.run(batch(4))).toEqual(expected.slice(0, 4));
      expect(runner.workers).toBe(4);
      await vi.waitFor(() => expect(threads()).toBe(4), { timeout: 30_000, interval: 20 });
      // a --precision round or --sensitivity with more tasks: a pool of 8 replaces the 4
      expect(await runner.run(batch(12))).toEqual(expected);
      expect(runner.workers).toBe(8);
      await vi.waitFor(() => expect(threads()).toBe(4 + 8), { timeout: 30_000, interval: 20 });
      // a smaller batch keeps the pool
      expect(await runner.run(batch(3))).toEqual(expected.slice(0, 3));
      expect(runner.workers).toBe(8);
      await runner.close();
      expect(threads()).toBe(12);
    });
  });

  test('told its first batch (firstBatch), a pool starts that many threads as it is made, up to --workers, and runs the batch on them', async () => {
    await started(async (threads) => {
      const inThread = createRunner(1);
      const expected = await inThread.run(batch(3));
      await inThread.close();
      const runner = createRunner(8, counting, { firstBatch: 3 });
      expect(runner.workers).toBe(3);
      await vi.waitFor(() => expect(threads()).toBe(3), { timeout: 30_000, interval: 20 }); // before any batch
      expect(await runner.run(batch(3))).toEqual(expected);
      expect(runner.workers).toBe(3);
      await runner.close();
      expect(threads()).toBe(3); // the batch started no pool of its own
      const capped = createRunner(2, counting, { firstBatch: 12 });
      expect(capped.workers).toBe(2);
      await vi.waitFor(() => expect(threads()).toBe(3 + 2), { timeout: 30_000, interval: 20 });
      await capped.close();
    });
  });

  test('an empty batch starts none; a queue worker (allThreads) starts them all as it is made', async () => {
    await started(async (threads) => {
      const fitted = createRunner(4, counting);
      expect(await fitted.run([])).toEqual([]);
      expect(fitted.workers).toBe(1); // no thread ran anything: reported as one, as a run in this thread
      await fitted.close();
      expect(threads()).toBe(0);
      const all = createRunner(3, counting, { allThreads: true });
      expect(all.workers).toBe(3);
      await vi.waitFor(() => expect(threads()).toBe(3), { timeout: 30_000, interval: 20 });
      expect(await all.run(batch(1))).toHaveLength(1);
      await all.close();
    });
  });
});

describe('common random numbers through the scenario file', () => {
  test('variants written as patches: no-op ones give the baseline exactly; a change to one task leaves upstream waits alone', async () => {
    const { loadScenarioText } = await import('../../engine/scenario/load.js');
    const text = `name: crn
run: { horizon: 3000h, warmup: 100h, replications: 4, seed: 9 }
resources:
  desk: { capacity: 2 }
  techs: { capacity: 3 }
  spare: { capacity: 1 }
arrivals: [{ flow: o, rate: 1/h }]
flows:
  o:
    start: capture
    nodes:
      capture: { resource: desk, duration: { exponential: { mean: 50m } }, next: check }
      check: { branch: [{ to: capture, p: 0.2 }, { to: visit, p: 0.8 }] }
      visit: { resource: techs, duration: { exponential: { mean: 2h } } }
variants:
  reworded: { description: words only, patch: { description: another text } }
  idle_team: { patch: { resources: { spare: { capacity: 4 } } } }
  faster_visit: { patch: { flows: { o: { nodes: { visit: { duration: { exponential: { mean: 90m } } } } } } } }
`;
    const set = loadScenarioText(text, 'crn.yaml').set!;
    const r = await results(set, { replications: 4, seed: 9 });
    const base = r.variants.baseline;
    for (const v of ['reworded', 'idle_team']) {
      expect(r.variants[v].flows).toEqual(base.flows);
      expect(r.variants[v].resources.desk).toEqual(base.resources.desk);
      for (const c of r.comparisons.filter((x) => x.variant === v && !x.metric.includes('spare'))) expect(c.ci95).toEqual([0, 0]);
    }
    const faster = r.variants.faster_visit;
    // arrivals, rework choices and the desk upstream see exactly the same numbers
    expect(faster.replications['flows.o.arrived']).toEqual(base.replications['flows.o.arrived']);
    expect(faster.replications['flows.o.nodes.capture.visits']).toEqual(base.replications['flows.o.nodes.capture.visits']);
    expect(faster.replications['flows.o.nodes.capture.wait']).toEqual(base.replications['flows.o.nodes.capture.wait']);
    // the same quantiles scaled by 0.75; only which visits end inside the window differs, at its edges
    expect(Math.abs(faster.flows.o.nodes.visit.service!.mean! / base.flows.o.nodes.visit.service!.mean! - 0.75)).toBeLessThan(1e-3);
  });
});
