// One timed experiment in a process of its own, so that no configuration inherits another's
// warmed-up JIT: `node dist/bench/experiment.js WORKERS [HOURS]` prints the wall time in
// seconds of 2 variants x 16 replications of M/M/5 at 90% load, HOURS each (default 100,000).
import { runnerFor } from '../bin/runner.js';
import { runExperiment } from '../engine/experiment/experiment.js';
import { mmcWithVariant } from './models.js';

const SPEED_UP_HORIZON = 100_000; // hours per replication: about 450,000 customers

const workers = Number(process.argv[2] ?? 1);
const hours = Number(process.argv[3] ?? SPEED_UP_HORIZON);
// timed as runExperiment times itself when it makes and closes its own pool: from before the pool to after its close
const started = process.hrtime.bigint();
const runner = await runnerFor({ workers }); // with V8 as the CLI's runner sets it
await runExperiment(mmcWithVariant(hours), {
  replications: 16,
  seed: 1,
  workers,
  runner,
  variants: null,
  precision: null,
  maxReplications: 16,
});
await runner.close();
console.log((Number(process.hrtime.bigint() - started) / 1e9).toFixed(3));
