// Whether a staffing `size` tries can keep up with its work at all: a staffing whose queues grow
// without bound has no steady state, so its targets (cycle times and SLA shares of the cases
// that complete) describe only the cases that got through, and a flow that a priority or a
// pool starves can pile up unseen behind targets that are met (s35y F11: a pool's member at
// 0 units and the other team offered 100%, "verified"). Two tests, both refusing the staffing:
// before any run, the offered load against the staffing's unit-hours, by the one stability rule
// (offered-load.ts' overloaded: each team alone, skill pools' teams by the max-flow of
// pool-levels.ts, a roster by its shifts' unit-hours); after the verification's run, what the
// simulation itself shows (results.json's `unstable` signs, the queue's climb over the second
// half of the window among them, and a flow whose arrivals in the window did not complete in it).
// Invariant: a staffing either test refuses is never recommended nor called verified.
import type { VariantRun } from '../experiment/experiment.js';
import { finiteOverloads, offeredLoad, overloaded, teamList } from '../model/offered-load.js';
import { instabilities } from '../results/instability.js';
import type { ReplicationValues } from '../results/per-replication.js';
import type { Scenario } from '../scenario/types.js';

/** A flow whose arrivals in the window more than this share of did not complete (nor were cancelled) in it has a backlog, not a steady state. */
export const INCOMPLETE_SHARE = 0.1;

/** A ratio of offered work to unit-hours counted at most this in `overload`, so that work for no unit-hours (Infinity) still compares. */
const RATIO_CAP = 100;

export interface StaffingStability {
  /** one clause per overloaded set of teams, in the scenario's order, with how its queues grow (without bound, or until the run ends where only streams with `cases` overload it); empty: every team keeps up */
  reasons: string[];
  /** how far from stable: the summed offered-to-capacity ratio of the overloaded teams (each at least 1), 0 when stable; falls as units are added */
  overload: number;
}

/** The offered-load test of a scenario's staffing: every team, and every set of teams sharing skill pools, below its unit-hours. */
export function staffingStability(scenario: Scenario): StaffingStability {
  const reasons: string[] = [];
  const said = new Set<string>();
  let overload = 0;
  const loads = offeredLoad(scenario);
  const finite = finiteOverloads(scenario, loads);
  for (const load of loads) {
    if (!overloaded(load)) continue;
    const { teams, ratio } = load.stability;
    overload += Math.min(ratio, RATIO_CAP);
    const key = JSON.stringify(teams);
    if (said.has(key)) continue;
    said.add(key);
    const grows = finite.has(load.resource)
      ? 'until the run ends (the streams with `cases` bring more than it can do by the horizon)'
      : 'without bound';
    reasons.push(
      teams.length === 1
        ? `'${teams[0]}' is offered ${share(ratio)} of its capacity, so its queue grows ${grows}`
        : `${teamList(teams, "'")}, which share skill pools, are offered ${share(ratio)} of their summed capacity (the work only they can take), so their queues grow ${grows}`,
    );
  }
  return { reasons, overload };
}

/**
 * What a staffing's own run says of its stability, one sentence per sign (empty: none): each
 * team results.json would warn `unstable` of (offered at least its capacity, or its queue
 * climbing materially over the second half of the window), and each flow of which more than
 * INCOMPLETE_SHARE of the cases that arrived in the window neither completed nor were cancelled
 * in it, on the replications' mean.
 */
export function runInstability(run: VariantRun, values: ReplicationValues): string[] {
  const out: string[] = [];
  for (const u of instabilities([run])) {
    const signs: string[] = [];
    if (u.offered !== null)
      signs.push(`${u.with.length === 0 ? 'it is' : `with ${teamList(u.with, "'")} it is`} offered ${share(u.offered)} of capacity`);
    if (u.trend !== null)
      signs.push(
        `its queue rose by ${u.trend.rise.toFixed(1)} cases over the second half of the window (to a mean of ${u.trend.level.toFixed(1)})`,
      );
    out.push(`'${u.resource}' is unstable: ${signs.join(', and ')}`);
  }
  for (const flow of run.model.flows) {
    const incomplete = incompleteShare(values, flow.name);
    if (incomplete !== null && incomplete > INCOMPLETE_SHARE)
      out.push(`${share(incomplete)} of the cases of flow '${flow.name}' that arrived in the window did not complete in it`);
  }
  return out;
}

/** The mean over replications of (arrived - completed - cancelled) / arrived in the window; null when no replication had an arrival. */
export function incompleteShare(values: ReplicationValues, flow: string): number | null {
  const arrived = values.values(`flows.${flow}.arrived`);
  const completed = values.values(`flows.${flow}.completed`);
  if (arrived === null || completed === null) return null;
  const cancelled = values.values(`flows.${flow}.cancelled`);
  let sum = 0;
  let n = 0;
  arrived.forEach((a, i) => {
    if (!(a > 0)) return;
    const done = completed[i] + (cancelled !== null && Number.isFinite(cancelled[i]) ? cancelled[i] : 0);
    sum += Math.max(0, a - done) / a;
    n++;
  });
  return n === 0 ? null : sum / n;
}

/** "100%"; work for no unit-hours at all, "work with no capacity to do it": a share of nothing is no share. */
function share(ratio: number): string {
  return Number.isFinite(ratio) ? `${(ratio * 100).toFixed(0)}%` : 'an unbounded share';
}
