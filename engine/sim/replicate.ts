// The pure entry point a worker calls: (model, replication, seed) -> statistics.
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
