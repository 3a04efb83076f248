// What the shard and queue tests share: the comparison a merged or queued run must pass
// against a local one, a free loopback port for the servers they start (engine/cluster/free-port.ts,
// which bench/queue.ts and the build's training use too), and a scenario whose replications fail out of order.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export { freePort } from '../../engine/cluster/free-port.js';

/** DIR/results.json without the two keys allowed to differ between runs (engine.workers and engine.timing). */
export function comparable(dir: string): string {
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
  delete results.engine.workers;
  delete results.engine.timing;
  return JSON.stringify(results, null, 2);
}

/**
 * A scenario whose every replication overflows --max-wip 2000, the first ones last: the
 * baseline's first, near saturation (2.005 cases an hour against 2), after a second or two of
 * simulation; the variant's, at twice its capacity, after a few milliseconds. Run on two
 * threads, the second task's failure comes first in time; the run must still name the first's.
 */
export const OVERFLOWS_OUT_OF_ORDER = `name: Overflows out of order
run: { horizon: 3000000h, warmup: 0h, replications: 2, seed: 5 }
resources: { desk: { capacity: 2 } }
arrivals: [ { flow: f, rate: 2.005/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } } }
variants:
  fewer: { patch: { resources: { desk: { capacity: 1 } } } }
`;
