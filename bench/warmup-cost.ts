// What the warm-up check's test of a series costs (warmup-check.ts cutEvidence), and a fingerprint of what it says,
// for a change meant to make it cheaper without changing a bit of its output (docs/performance-notes.md, session 44).
// Not a test: figures for a person to read, taken on whatever else the machine runs (run it with `nice`).
//
//   npm run bench:warmup-cost                 (or `node dist/bench/warmup-cost.js` after `tsc -p tsconfig.json`)
//   npm run bench:warmup-cost -- --print      every evidence below, one a line, to diff between two builds
//
// Timed: each series of the bundled fiber scenario's baseline at its own 20 replications x 200 daily bins (seed 2026),
// and 20 and 200 replications x 200 independent Exp(1) bins; a sample is the CPU time (user + system) of CALLS calls, the figure the median
// of SAMPLES samples, per call. Fingerprinted: every series' evidence and the whole check (warmupAssessment) of every
// variant of the three bundled scenarios at 10 replications, and synthetic series with ties and empty bins.
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { compileModel } from '../engine/model/compile.js';
import { cutEvidence, type WarmupInput, WindowScratch, warmupAssessment } from '../engine/results/warmup-check.js';
import { loadScenarioFile } from '../engine/scenario/load.js';
import type { Scenario } from '../engine/scenario/types.js';
import { runReplication } from '../engine/sim/replicate.js';

const SCENARIOS = ['fault-to-repair', 'fiber-order-to-activation', 'shared-field-force'];
const CALLS = 20;
const SAMPLES = 41;
const COLD_CALLS = 255;

function scenarioSet(name: string) {
  const set = loadScenarioFile(new URL(`../../scenarios/${name}.yaml`, import.meta.url).pathname).set;
  if (set === null) throw new Error(`scenarios/${name}.yaml does not load`);
  return set;
}

function simulated(name: string, scenario: Scenario, replications: number): WarmupInput {
  const model = compileModel({ ...scenario, run: { ...scenario.run, replications } });
  const seed = scenario.run.seed;
  return { name, model, reps: Array.from({ length: replications }, (_, r) => runReplication(model, r, seed)) };
}

/** Every series the check tests in a run: per replication, the recorder's series `index` (flows' cycle times, teams' queue lengths). */
function seriesOf(run: WarmupInput): Float64Array[][] {
  const { flows, resources = [], seriesBins = 0 } = run.model;
  const indices = [...flows.map((_, i) => flows.length + 2 * resources.length + i), ...resources.map((_, i) => flows.length + i)];
  return indices.map((index) => run.reps.map((r) => (r.series as Float64Array).subarray(index * seriesBins, (index + 1) * seriesBins)));
}

/** One scratch for every call, as a run's assessment has for its series. */
const scratch = new WindowScratch();
const evidenceOf = (run: WarmupInput, perReplication: Float64Array[]) => {
  const binHours = run.model.seriesBinHours ?? 24;
  return cutEvidence(perReplication, run.model.warmup, binHours, binHours, scratch);
};

/** Series drawn outright: `replications` x `bins` of `draw`, with a bin left empty where `empty` says. */
function drawn(seed: string, replications: number, bins: number, draw: (u: () => number) => number, empty = 0): Float64Array[] {
  const uniform = seedrandom(seed);
  return Array.from({ length: replications }, () =>
    Float64Array.from({ length: bins }, () => (uniform() < empty ? Number.NaN : draw(uniform))),
  );
}

/** The median over SAMPLES of the CPU time of CALLS calls of `call`, per call, in ms. */
function cpuMs(call: () => unknown): number {
  const samples: number[] = [];
  for (let s = 0; s < SAMPLES; s++) {
    const start = process.cpuUsage();
    for (let c = 0; c < CALLS; c++) call();
    const used = process.cpuUsage(start);
    samples.push((used.user + used.system) / 1000 / CALLS);
  }
  return samples.sort((a, b) => a - b)[(SAMPLES - 1) >> 1];
}

const fiber = simulated('baseline', scenarioSet('fiber-order-to-activation').baseline, 20);
const fiberSeries = seriesOf(fiber);
// cold, as a run's check is: the first COLD_CALLS calls of the process (the 51-variant fiber run tests ~255 series)
const cold = process.cpuUsage();
for (let k = 0; k < COLD_CALLS; k++) evidenceOf(fiber, fiberSeries[k % fiberSeries.length]);
const coldUsed = process.cpuUsage(cold);
console.log(
  `cutEvidence, the process's first ${COLD_CALLS} calls (the fiber baseline's series in turn): ${((coldUsed.user + coldUsed.system) / 1000).toFixed(1)} ms`,
);
const exp = drawn('exp', 20, 200, (u) => -Math.log(1 - u()));
for (let k = 0; k < 50; k++) for (const s of [...fiberSeries, exp]) evidenceOf(fiber, s); // compiled before timed
const each = fiberSeries.map((s) => cpuMs(() => evidenceOf(fiber, s)));
const sorted = [...each].sort((a, b) => a - b);
console.log(
  `cutEvidence, fiber baseline's ${each.length} series at 20 replications x ${fiber.model.seriesBins} bins: ${each.map((v) => v.toFixed(3)).join(', ')} ms a call (median ${sorted[(sorted.length - 1) >> 1].toFixed(3)})`,
);
console.log(`cutEvidence, 20 x 200 independent Exp(1) bins: ${cpuMs(() => cutEvidence(exp, 0, 24, 24, scratch)).toFixed(3)} ms a call`);
const many = drawn('many', 200, 200, (u) => -Math.log(1 - u()));
console.log(`cutEvidence, 200 x 200 independent Exp(1) bins: ${cpuMs(() => cutEvidence(many, 0, 24, 24, scratch)).toFixed(3)} ms a call`);

const lines: string[] = [];
// the bundled scenarios, every variant, 10 replications: each series' evidence and the whole check
for (const name of SCENARIOS) {
  const set = scenarioSet(name);
  const runs = [{ name: 'baseline', scenario: set.baseline }, ...set.variants.map((v) => ({ name: v.name, scenario: v.scenario }))].map(
    (v) => simulated(v.name, v.scenario, 10),
  );
  for (const run of runs) seriesOf(run).forEach((s, k) => lines.push(`${name} ${run.name} ${k} ${JSON.stringify(evidenceOf(run, s))}`));
  lines.push(`${name} check ${JSON.stringify(warmupAssessment(runs))}`);
}
// synthetic: ties (integers of a few values, a queue idle all day), empty bins, a warm-up inside the window, weekly batches
const synthetic: [string, Float64Array[], number, number][] = [
  ['exp', drawn('exp', 20, 200, (u) => -Math.log(1 - u())), 0, 24],
  ['ties', drawn('ties', 10, 60, (u) => Math.floor(4 * u())), 0, 24],
  ['zeros', drawn('zeros', 10, 60, (u) => (u() < 0.5 ? 0 : u())), 240, 24],
  ['empty', drawn('empty', 12, 90, (u) => Math.floor(10 * u()) / 2, 0.3), 100, 24],
  ['weekly', drawn('weekly', 8, 140, (u) => u(), 0.1), 500, 168],
  ['sparse', drawn('sparse', 5, 40, (u) => u(), 0.8), 0, 24],
  // replications of other lengths (longer and shorter than the first), signed values with both zeros
  [
    'lengths',
    [40, 70, 40, 25, 55, 40].map((bins, r) => drawn(`lengths ${r}`, 1, bins, (u) => [-0, 0, -1, 2.5][Math.floor(4 * u())] * u(), 0.1)[0]),
    48,
    24,
  ],
  // infinite values (a part whose sum is NaN lacks it)
  [
    'infinite',
    drawn('infinite', 6, 40, (u) => (u() < 0.03 ? Number.POSITIVE_INFINITY : u() < 0.03 ? Number.NEGATIVE_INFINITY : u())),
    0,
    24,
  ],
];
for (const [what, series, warmup, batchHours] of synthetic)
  lines.push(`${what} ${JSON.stringify(cutEvidence(series, warmup, batchHours, 24, scratch))}`);
if (process.argv.includes('--print')) console.log(lines.join('\n'));
console.log(`fingerprint ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)} of ${lines.length} lines`);
