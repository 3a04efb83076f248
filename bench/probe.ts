// One measured replication in a process of its own (cold, as a user's first one is), for
// `npm run bench`: `node dist/bench/probe.js MODEL ARGS... [--no-finish]` prints the events
// simulated as JSON; the benchmark reads the process's CPU time and peak memory from
// process-usage.mjs. MODEL ARGS: see probeModel in bench/models.ts.
// With --no-finish the replication stops after its last event, without the horizon's
// statistics (Simulation.finish: percentiles, MSER, summaries), and prints no count: callgrind's
// count with it, taken from the count without it, is what finish() costs.
import { lowerInliningLimit } from '../bin/v8-flags.js';
import { probeSimulation } from './models.js';

const args = process.argv.slice(2);
const noFinish = args.includes('--no-finish');
const [kind, a, b] = args.filter((x) => x !== '--no-finish');

lowerInliningLimit(); // V8 as the CLI's runner sets it
// start, advance and finish: what runReplication(model, 0, 1) runs
const simulation = probeSimulation(kind, a, b);
simulation.start();
simulation.advance(Number.POSITIVE_INFINITY);
if (noFinish) console.log(JSON.stringify({ finished: false }));
else console.log(JSON.stringify({ events: simulation.finish().events }));
