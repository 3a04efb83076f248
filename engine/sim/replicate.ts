// The pure entry point a worker calls: (model, replication, seed) -> statistics; and the same
// in slices, for the command line's own thread, which must also answer Ctrl-C while it simulates.
import { metricLayout } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import { replicationKey } from '../random/stream.js';
import type { ReplicationStats } from './replication-summary.js';
import { Simulation } from './simulation.js';
import type { TaskObserver } from './task-observer.js';
import { DEFAULT_MAX_WIP } from './run-limits.js';

/** `maxWip`: cases in progress at once beyond which the replication stops with ReplicationStopped (run-limits.ts). */
export function runReplication(model: Model, replication: number, seed: number, maxWip = DEFAULT_MAX_WIP): ReplicationStats {
  const key = replicationKey(seed, replication);
  return new Simulation(model, metricLayout(model), replication, key, null, maxWip).run();
}

/** The same replication, with every task shown to `observer` (for event logs): its statistics are those of runReplication. */
export function observeReplication(
  model: Model,
  replication: number,
  seed: number,
  observer: TaskObserver,
  maxWip = DEFAULT_MAX_WIP,
): ReplicationStats {
  const key = replicationKey(seed, replication);
  return new Simulation(model, metricLayout(model), replication, key, observer, maxWip).run();
}

/** Events between two looks at the clock: a few hundred microseconds of simulation. */
const EVENTS_PER_LOOK = 4096;

/**
 * runReplication's statistics, simulated in slices of about `sliceMs`, with `pause()` awaited
 * between them: the thread's event loop runs there (a signal handler, a progress line), and a
 * pause that throws stops the replication. Slicing changes no event.
 */
export async function runReplicationInSlices(
  model: Model,
  replication: number,
  seed: number,
  maxWip: number,
  pause: () => Promise<void>,
  sliceMs = 50,
): Promise<ReplicationStats> {
  const simulation = new Simulation(model, metricLayout(model), replication, replicationKey(seed, replication), null, maxWip);
  simulation.start();
  // process.hrtime, not `performance`: the first use of that global loads perf_hooks, eleven
  // internal modules (process.moduleLoadList); about 5 M instructions of a 2-hour M/M/5 run,
  // within callgrind's run-to-run noise here (53ed6f8).
  const slice = BigInt(Math.round(sliceMs * 1e6));
  let due = process.hrtime.bigint() + slice;
  while (!simulation.advance(EVENTS_PER_LOOK)) {
    if (process.hrtime.bigint() < due) continue;
    await pause();
    due = process.hrtime.bigint() + slice;
  }
  return simulation.finish();
}
