// `npm run bench`: the engine's speed on M/M/5 at 90% load (one replication of a million
// customers), and the parallel speed-up of a two-variant, 16-replication experiment.
import { availableParallelism, cpus } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compileModel } from '../engine/model/compile.js';
import { runReplication } from '../engine/sim/replicate.js';
import { mmc } from './models.js';

const CUSTOMERS = 1_000_000;
const LAMBDA = 4.5;

const REPEATS = 7;

/** One replication of a million customers, timed REPEATS times (replications 0, 1, ...): median and best. */
function singleReplication(): void {
  const model = compileModel(mmc(LAMBDA, 1, 5, CUSTOMERS / LAMBDA));
  runReplication(compileModel(mmc(LAMBDA, 1, 5, 20_000)), 0, 1); // warm the JIT
  const rssBefore = process.memoryUsage().rss;
  const timed = Array.from({ length: REPEATS }, (_, r) => {
    const t0 = performance.now();
    const stats = runReplication(model, r, 1);
    return { seconds: (performance.now() - t0) / 1000, events: stats.events, customers: stats.metrics[1] }; // flows.calls.completed
  });
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const byTime = [...timed].sort((a, b) => a.seconds - b.seconds);
  const median = byTime[Math.floor(REPEATS / 2)];
  const best = byTime[0];
  const perSecond = (n: number, s: number) => `${(n / s / 1e6).toFixed(2)} million`;
  console.log(`M/M/5 at 90% load, one replication of a million customers, ${REPEATS} times: median (best)`);
  console.log(`  customers served     ${median.customers.toFixed(0)}`);
  console.log(`  events               ${median.events}`);
  console.log(`  wall time            ${median.seconds.toFixed(3)} s (${best.seconds.toFixed(3)} s)`);
  console.log(`  events per second    ${perSecond(median.events, median.seconds)} (${perSecond(best.events, best.seconds)})`);
  console.log(`  customers per second ${perSecond(median.customers, median.seconds)} (${perSecond(best.customers, best.seconds)})`);
  console.log(`  peak memory (RSS)    ${peakMb.toFixed(0)} MB (${(rssBefore / 2 ** 20).toFixed(0)} MB before the runs)`);
}

/** The same experiment in a fresh process per configuration: each starts cold, as a user's run does. */
function timedExperiment(workers: number): number {
  const script = fileURLToPath(new URL('./experiment.js', import.meta.url));
  const run = spawnSync(process.execPath, [script, String(workers)], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the timed experiment failed: ${run.stderr}`);
  return Number(run.stdout.trim());
}

/** Each configuration three times, alternating, so that a slow spell of the machine does not fall on one side only. */
const SPEED_UP_ROUNDS = 3;

function speedUp(): void {
  const all = availableParallelism();
  const one: number[] = [];
  const many: number[] = [];
  for (let round = 0; round < SPEED_UP_ROUNDS; round++) {
    one.push(timedExperiment(1));
    many.push(timedExperiment(all));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const list = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
  console.log(`Two variants x 16 replications of M/M/5 (100,000 h, about 450,000 customers each), each run in a fresh process;`);
  console.log(`median of ${SPEED_UP_ROUNDS} runs (all runs)`);
  console.log(`  1 worker             ${median(one).toFixed(2)} s (${list(one)})`);
  console.log(`  ${all} workers            ${median(many).toFixed(2)} s (${list(many)})`);
  console.log(`  speed-up             ${(median(one) / median(many)).toFixed(2)}x`);
}

console.log(`etomsim benchmark on ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}\n`);
singleReplication();
console.log('');
speedUp();
