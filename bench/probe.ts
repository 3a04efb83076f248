// One measured replication in a process of its own (cold, as a user's first one is), for
// `npm run bench`: `node dist/bench/probe.js MODEL ARGS... [--no-finish]` prints the events
// simulated as JSON; the benchmark reads the process's CPU time and peak memory from
// process-usage.mjs. MODEL ARGS: see probeModel in bench/models.ts.
// With --no-finish the replication stops after its last event, without the horizon's
// statistics (Simulation.finish: percentiles, MSER, summaries), and prints no count: callgrind's
// count with it, taken from the count without it, is what finish() costs.
import { compileModel } from '../engine/model/compile.js';
import { metricLayout } from '../engine/model/metrics.js';
import { replicationKey } from '../engine/random/stream.js';
import { runReplication } from '../engine/sim/replicate.js';
import { Simulation } from '../engine/sim/simulation.js';
import { probeModel } from './models.js';

const args = process.argv.slice(2);
const noFinish = args.includes('--no-finish');
const [kind, a, b] = args.filter((x) => x !== '--no-finish');
const n = Number(a);

const compiled = compileModel(probeModel(kind, n, Number(b)));
if (noFinish) {
  // as runReplication(compiled, 0, 1) does, up to finish()
  const simulation = new Simulation(compiled, metricLayout(compiled), 0, replicationKey(1, 0));
  simulation.start();
  simulation.advance(Number.POSITIVE_INFINITY);
  console.log(JSON.stringify({ finished: false }));
} else {
  const stats = runReplication(compiled, 0, 1);
  console.log(JSON.stringify({ events: stats.events }));
}
