// Is the scenario's warm-up long enough? MSER-5 gives each replication a truncation point
// (recorded by the simulation as the completion time where the kept series starts); the
// suggestion for a flow is their median over replications. One replication's point is
// noisy: a congestion episode early in one replication moves it a long way (in the bundled
// fault-to-repair scenario, one replication of 20 said 61.6 days, the other 19 said 0),
// while a real start-up transient, being systematic, shows in most replications.
import { quantileSorted } from '../stats/percentile.js';
import { record } from '../records.js';
import type { WarmupCheck } from './types.js';

/** What the check reads of a variant's run. */
export interface WarmupInput {
  name: string;
  model: { warmup: number; flows: readonly { name: string }[] };
  /** per replication, per flow: MSER-5's truncation point in hours, NaN when too few cases completed */
  reps: readonly { mserWarmup: ArrayLike<number> }[];
}

export function warmupCheck(runs: readonly WarmupInput[]): WarmupCheck {
  const warmup = runs[0].model.warmup;
  const suggested: WarmupCheck['suggested'] = record();
  let largest: number | null = null;
  for (const run of runs) {
    suggested[run.name] = record();
    run.model.flows.forEach((f, i) => {
      const points = run.reps.map((r) => r.mserWarmup[i]).filter((v) => !Number.isNaN(v));
      const value = points.length > 0 ? quantileSorted(points.sort((a, b) => a - b), 0.5) : null;
      suggested[run.name][f.name] = value;
      if (value !== null && (largest === null || value > largest)) largest = value;
    });
  }
  return { warmup, suggested, suggested_warmup: largest, sufficient: largest === null || largest <= warmup };
}
