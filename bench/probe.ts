// One measured replication in a process of its own (cold, as a user's first one is), for
// `npm run bench`: `node dist/bench/probe.js MODEL ARGS...` prints the events simulated as
// JSON; the benchmark reads the process's CPU time and peak memory from process-usage.mjs.
// MODEL ARGS: see probeModel in bench/models.ts.
import { compileModel } from '../engine/model/compile.js';
import { runReplication } from '../engine/sim/replicate.js';
import { probeModel } from './models.js';

const [kind, a, b] = process.argv.slice(2);
const n = Number(a);

const compiled = compileModel(probeModel(kind, n, Number(b)));
const stats = runReplication(compiled, 0, 1);
console.log(JSON.stringify({ events: stats.events }));
