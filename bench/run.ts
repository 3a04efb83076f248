// `npm run bench`: the engine's speed on M/M/5 at 90% load (one replication of a million
// customers), and the parallel speed-up of a two-variant, 16-replication experiment.
import { availableParallelism, cpus } from 'node:os';
import { runExperiment } from '../engine/experiment/experiment.js';
import { compileModel } from '../engine/model/compile.js';
import { runReplication } from '../engine/sim/replicate.js';
import { mmc, mmcWithVariant } from './models.js';

const CUSTOMERS = 1_000_000;
const LAMBDA = 4.5;

function singleReplication(): void {
  const model = compileModel(mmc(LAMBDA, 1, 5, CUSTOMERS / LAMBDA));
  runReplication(compileModel(mmc(LAMBDA, 1, 5, 20_000)), 0, 1); // warm the JIT
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const stats = runReplication(model, 0, 1);
  const seconds = (performance.now() - t0) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const customers = stats.metrics[1]; // flows.calls.completed
  console.log('M/M/5 at 90% load, one replication');
  console.log(`  customers served     ${customers.toFixed(0)}`);
  console.log(`  events               ${stats.events}`);
  console.log(`  wall time            ${seconds.toFixed(3)} s`);
  console.log(`  events per second    ${(stats.events / seconds / 1e6).toFixed(2)} million`);
  console.log(`  customers per second ${(customers / seconds / 1e6).toFixed(2)} million`);
  console.log(`  peak memory (RSS)    ${peakMb.toFixed(0)} MB (${(rssBefore / 2 ** 20).toFixed(0)} MB before the run)`);
}

async function speedUp(): Promise<void> {
  const set = mmcWithVariant(100_000);
  const options = { replications: 16, seed: 1, variants: null, precision: null, maxReplications: 16 };
  const one = await runExperiment(set, { ...options, workers: 1 });
  const all = availableParallelism();
  const many = await runExperiment(set, { ...options, workers: all });
  console.log(`Two variants x 16 replications of M/M/5 (100,000 h, about 450,000 customers each)`);
  console.log(`  1 worker             ${one.wallSeconds.toFixed(2)} s`);
  console.log(`  ${all} workers            ${many.wallSeconds.toFixed(2)} s`);
  console.log(`  speed-up             ${(one.wallSeconds / many.wallSeconds).toFixed(2)}x`);
}

console.log(`etomsim benchmark on ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}\n`);
singleReplication();
console.log('');
await speedUp();
