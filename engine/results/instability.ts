// Is a team unstable, so that no steady state exists and every figure depends on the
// horizon? Two independent signs. Analytic: the work offered to the team in its working
// time is at least what its units can do (the offered load `validate` warns of; for teams that
// share skill pools, the work only a set of them can take against their summed units). Empirical:
// its queue is still climbing over the second half of the measured window, in the
// replications taken together (a least-squares slope per replication, a one-sided t test
// across them), by a material amount: at least a quarter of its level there, and at least one
// case. The second catches what the first cannot see (loads the mean-value arithmetic gets
// wrong, such as rework that routing alone does not explain) and confirms the first.
import { overloaded, type ResourceLoad } from '../model/offered-load.js';
import { trendAcrossReplications, type Trend } from '../stats/trend.js';
import { hasWeeklyRhythm } from '../model/weekly-rhythm.js';
import { HOURS_PER_WEEK } from '../week.js';

/** A rise below this share of the level is drift of no consequence, whatever its significance. */
const MATERIAL_RISE = 0.25;

export interface Instability {
  variant: string;
  resource: string;
  /** offered load / capacity in working time, when it is at least 1 (of the set of teams in `with` and it, when `with` is not empty) */
  offered: number | null;
  /** the teams it shares skill pools with that are overloaded together with it (offered-load.ts' TeamSetLoad), in the scenario's order; empty when its own work overloads it */
  with: string[];
  /** the queue's climb over the second half of the window, when it is significant and material */
  trend: Trend | null;
  /** offered at least its capacity only through the streams with `cases` (LoadWithArrivals' untilRunEnds): its queue grows until the run ends */
  untilRunEnds: boolean;
  /** the run's horizon, hours */
  horizon: number;
}

/** What the check reads of a variant's run. */
export interface InstabilityInput {
  name: string;
  model: {
    warmup: number;
    horizon: number;
    flows: readonly unknown[];
    resources: readonly { name: string; calendar: number; roster?: unknown }[];
    arrivals: readonly { profile: number[] | null; calendar?: number }[];
    seriesBins: number;
    seriesBinHours: number;
  };
  reps: readonly { series: ArrayLike<number> }[];
  offeredLoad?: readonly (ResourceLoad & { untilRunEnds?: boolean })[];
}

export function instabilities(runs: readonly InstabilityInput[]): Instability[] {
  const out: Instability[] = [];
  for (const run of runs) {
    run.model.resources.forEach((r, i) => {
      const load = run.offeredLoad?.find((l) => l.resource === r.name);
      const offered = load !== undefined && overloaded(load) ? load.stability.ratio : null;
      const trend = queueTrend(run, i);
      const climbing = trend?.significant && trend.rise >= 1 && trend.rise >= MATERIAL_RISE * trend.level ? trend : null;
      if (offered !== null || climbing !== null)
        out.push({
          variant: run.name,
          resource: r.name,
          offered,
          with: offered === null ? [] : load!.stability.teams.filter((t) => t !== r.name),
          trend: climbing,
          untilRunEnds: offered !== null && load?.untilRunEnds === true,
          horizon: run.model.horizon,
        });
    });
  }
  return out;
}

/**
 * The queue-length series of team `r` over the bins that lie wholly in the second half of the
 * window [warmup, horizon], grouped into whole weeks when the model has a weekly rhythm (a
 * shift pattern climbs within the week and must not read as a trend).
 */
export function queueTrend(run: InstabilityInput, r: number): Trend | null {
  const { warmup, horizon, seriesBins, seriesBinHours, flows, resources, arrivals } = run.model;
  const weekly = hasWeeklyRhythm(resources, arrivals);
  let group = 1;
  if (weekly) while ((group * seriesBinHours) % HOURS_PER_WEEK !== 0) group++;
  const width = group * seriesBinHours;
  const middle = warmup + (horizon - warmup) / 2;
  const first = Math.ceil(middle / width);
  const last = Math.floor(horizon / width); // exclusive: the groups that end by the horizon
  if (last - first < 2) return null;
  const offset = (flows.length + r) * seriesBins;
  const times: number[] = [];
  for (let g = first; g < last; g++) times.push((g + 0.5) * width);
  const levels = run.reps.map((rep) => {
    const y: number[] = [];
    for (let g = first; g < last; g++) {
      let sum = 0;
      for (let b = g * group; b < (g + 1) * group; b++) sum += rep.series[offset + b];
      y.push(sum / group);
    }
    return y;
  });
  return trendAcrossReplications(times, levels);
}
