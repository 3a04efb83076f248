// `npm run check:statistics`: the statistical checks of issue 13 measured over many seeds,
// the figures the README's Statistics section quotes. Each line says what was run.
// Not a test: its numbers are rates, printed for a person to read (the tests assert the
// CI-sized versions). Usage: node dist/bench/statistics.js [SEEDS] (default 20).
import { runExperiment } from '../engine/experiment/experiment.js';
import { compileModel } from '../engine/model/compile.js';
import { metricLayout } from '../engine/model/metrics.js';
import { buildResults } from '../engine/results/build.js';
import type { Results } from '../engine/results/types.js';
import { instabilities } from '../engine/results/instability.js';
import type { Scenario } from '../engine/scenario/types.js';
import { runReplication } from '../engine/sim/replicate.js';
import { johnsonInterval } from '../engine/stats/skewness.js';
import { summarize } from '../engine/stats/summary.js';
import { mmc } from './models.js';
import { fixedNumber } from '../engine/number-format.js';

const SEEDS = Number(process.argv[2] ?? 20);

function withRun(s: Scenario, warmup: number, horizon: number, replications: number, seed: number): Scenario {
  return { ...s, run: { ...s.run, warmup, horizon, replications, seed } };
}

async function resultsOf(s: Scenario): Promise<Results> {
  const set = { file: s.name, baseline: s, variants: [] };
  const e = await runExperiment(set, {
    replications: s.run.replications,
    seed: s.run.seed,
    workers: 1,
    variants: null,
    precision: null,
    maxReplications: s.run.replications,
  });
  return buildResults({
    scenario: s.name,
    description: null,
    version: 'check',
    seed: s.run.seed,
    workers: 1,
    wallSeconds: 0,
    runs: e.runs,
    precision: null,
  });
}

async function warmup(): Promise<void> {
  for (const [w, h] of [
    [0, 5000],
    [0, 20000],
    [3000, 8000],
  ]) {
    let flagged = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const r = await resultsOf(withRun(mmc(0.95, 1, 1, h), w, h, 20, seed));
      if (!r.warmup_check.sufficient) flagged++;
    }
    console.log(
      `warm-up check, M/M/1 at 95% from empty, warm-up ${w} h, horizon ${h} h, 20 replications: flagged in ${flagged} of ${SEEDS} seeds`,
    );
  }
  // M/M/1 at 90% (relaxation time 360 h): from empty over 2,000 h the window holds the transient (detections), and after a
  // warm-up of 3,000 h, about 8 relaxation times, none is left (false alarms); at 10, 20 and 200 replications
  for (const replications of [10, 20, 200])
    for (const [w, h] of [
      [0, 2000],
      [3000, 5000],
    ]) {
      let flagged = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = await resultsOf(withRun(mmc(0.9, 1, 1, h), w, h, replications, seed));
        if (r.warnings.some((x) => x.code === 'warmup' && x.subject !== 'resources.agents')) flagged++;
      }
      console.log(
        `warm-up check, M/M/1 at 90% from empty, warm-up ${w} h, horizon ${h} h, ${replications} replications: warned (Welch or MSER-5) in ${flagged} of ${SEEDS} seeds`,
      );
    }
}

function instability(): void {
  for (const [rho, h, w] of [
    [0.9, 5000, 500],
    [0.95, 20000, 3000],
    [1.05, 5000, 500],
    [1.2, 2000, 200],
  ]) {
    let empirical = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const model = compileModel(withRun(mmc(rho, 1, 1, h), w, h, 10, seed));
      const reps = Array.from({ length: 10 }, (_, r) => runReplication(model, r, seed));
      if (instabilities([{ name: 'baseline', model, reps }]).length > 0) empirical++;
    }
    console.log(
      `instability (queue trend alone), M/M/1 at ${Math.round(rho * 100)}% load, warm-up ${w} h, horizon ${h} h, 10 replications: flagged in ${empirical} of ${SEEDS} seeds`,
    );
  }
}

function coverage(): void {
  const experiments = 200;
  const model = compileModel(mmc(0.5, 1, 1, 800, 50));
  const layout = metricLayout(model);
  const mean = layout.paths.indexOf('flows.calls.cycle_time.mean');
  const p95 = layout.paths.indexOf('flows.calls.cycle_time.p95');
  let covered = 0;
  const p95s: number[][] = [];
  for (let e = 0; e < experiments; e++) {
    const reps = Array.from({ length: 10 }, (_, r) => runReplication(model, r, 1000 + e));
    const [lo, hi] = summarize(reps.map((s) => s.metrics[mean])).ci95!;
    if (lo <= 2 && 2 <= hi) covered++;
    p95s.push(reps.map((s) => s.metrics[p95]));
  }
  console.log(
    `coverage, M/M/1 at 50%, 800 h (warm-up 50 h), 10 replications, ${experiments} experiments: the mean cycle time's 95% t interval held 1/(mu - lambda) = 2 h in ${covered}`,
  );
  // p95 of the sojourn: exponential with rate mu - lambda = 0.5, so -ln(0.05)/0.5
  const truth = -Math.log(0.05) / 0.5;
  let tBelow = 0;
  let jBelow = 0;
  for (const values of p95s) {
    if (summarize(values).ci95![1] < truth) tBelow++;
    if (johnsonInterval(values)![1] < truth) jBelow++;
  }
  console.log(
    `  and the p95 cycle time's interval lay wholly below its true ${fixedNumber(truth, 2)} h in ${tBelow} (t) and ${jBelow} (Johnson) of ${experiments}`,
  );
}

await warmup();
instability();
coverage();
