// One measured replication in a process of its own (cold, as a user's first one is), for
// `npm run bench`: `node dist/bench/probe.js MODEL ARGS...` prints the events simulated as
// JSON; the benchmark reads the process's CPU time and peak memory from process-usage.mjs.
//   mm5 CUSTOMERS        M/M/5 at 90% load
//   teams K EVENTS       manyTeams: a decision over K one-agent teams
//   wip-small EVENTS     M/M/1000 at 90% load: about 900 cases in progress at any time
//   wip-large EVENTS     M/M/1 offered twice its capacity: the queue grows to EVENTS/3 cases
import { compileModel } from '../engine/model/compile.js';
import type { Scenario } from '../engine/scenario/types.js';
import { runReplication } from '../engine/sim/replicate.js';
import { manyTeams, mmc } from './models.js';

const [kind, a, b] = process.argv.slice(2);
const n = Number(a);

function model(): Scenario {
  switch (kind) {
    case 'mm5':
      return mmc(4.5, 1, 5, n / 4.5);
    case 'teams':
      return manyTeams(n, Number(b));
    case 'wip-small':
      return mmc(900, 1, 1000, n / 1800); // two events per customer at 900 an hour
    case 'wip-large':
      return mmc(2, 1, 1, n / 3); // three events an hour: two arrivals, one departure
    default:
      throw new Error(`unknown probe '${kind}'`);
  }
}

const compiled = compileModel(model());
const stats = runReplication(compiled, 0, 1);
console.log(JSON.stringify({ events: stats.events }));
