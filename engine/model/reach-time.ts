// When a flow's steps are reached: per node, the mean and spread of the hours from a case's
// arrival to a visit, and the share of the visits of a case arriving in one hour of the week
// that fall in each later hour. The hourly offered load (offered-load.ts' hourlyLoad) places a
// task's work there, not in the hour its case arrives: an engineer visit booked 8 days out after
// a wait of its own (sd 3 days) comes at any hour of any day, whatever hours the orders come in
// (s36f F2: a day/evening roster of field engineers was held to the orders' evening peak).
//
// Invariant: the steps before a node count by their durations' mean and variance (work, or an
// automated step's delay), summed along the routing's expected paths (the same linear system as
// the expected visits); queueing, calendars' closed hours and a parallel branch's wait at its
// join are not counted, so a flow's first task is reached at its arrival exactly and a step
// after a join is placed from its fork.
import { distMean, distVariance } from '../random/distributions.js';
import type { FlowSpec } from '../scenario/types.js';
import { normalCdf } from '../stats/normal-tail.js';
import { flowRouting } from './offered-load.js';
import { solveComponent } from './routing-chain.js';
import { HOURS_PER_WEEK } from '../week.js';

export interface ReachTime {
  /** hours from arrival to a visit, mean over the node's visits */
  mean: number;
  /** their standard deviation, hours */
  sd: number;
}

/** Per node of `flow` (by index), when its visits come after the case's arrival; null for a node never visited. */
export function reachTimes(flow: FlowSpec): (ReachTime | null)[] {
  const { edges, components, visits } = flowRouting(flow);
  const n = flow.nodes.length;
  const work = flow.nodes.map((node) => (node.kind === 'task' ? distMean(node.duration) : 0));
  const square = flow.nodes.map((node, i) => (node.kind === 'task' ? distVariance(node.duration) + work[i] * work[i] : 0));
  // visit-weighted sums of the reach time and of its square, solved component by component as the visits are
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  const inFirst = new Float64Array(n);
  const inSecond = new Float64Array(n);
  for (const component of components) {
    const inside = new Set(component);
    const internal = (rhs: Float64Array, each: (i: number) => number) => {
      for (const i of component) for (const { to, w } of edges[i]) if (inside.has(to)) rhs[to] += w * each(i);
    };
    const rhsFirst = Float64Array.from(inFirst);
    internal(rhsFirst, (i) => visits[i] * work[i]);
    solveComponent(component, edges, (node) => rhsFirst[node]).forEach((x, r) => {
      first[component[r]] = x;
    });
    const rhsSecond = Float64Array.from(inSecond);
    internal(rhsSecond, (i) => 2 * first[i] * work[i] + visits[i] * square[i]);
    solveComponent(component, edges, (node) => rhsSecond[node]).forEach((x, r) => {
      second[component[r]] = x;
    });
    for (const i of component) {
      for (const { to, w } of edges[i]) {
        if (inside.has(to)) continue;
        inFirst[to] += w * (first[i] + visits[i] * work[i]);
        inSecond[to] += w * (second[i] + 2 * first[i] * work[i] + visits[i] * square[i]);
      }
    }
  }
  return visits.map((v, i) => {
    if (!(v > 0)) return null;
    const mean = Math.max(0, first[i] / v);
    return { mean, sd: Math.sqrt(Math.max(0, second[i] / v - mean * mean)) };
  });
}

/** Beyond this spread (hours) the week's rhythm is gone: exp(-2 pi^2 sd^2 / 168^2) < 1e-8 for its slowest harmonic. */
const EVEN_SPREAD = HOURS_PER_WEEK;

/**
 * Per offset k of the week's hours (0..167), the share of the visits of a case arriving in one
 * hour (uniformly within it) that fall k hours on, modulo the week: the arrival's hour plus a
 * normal of the reach time's mean and sd. Exactly [1, 0, ...] for a node reached at arrival.
 */
export function reachKernel(reach: ReachTime): Float64Array {
  const out = new Float64Array(HOURS_PER_WEEK);
  const { mean, sd } = reach;
  if (sd >= EVEN_SPREAD) return out.fill(1 / HOURS_PER_WEEK);
  // P(k <= U + D < k + 1), U uniform on [0, 1), D the reach time: the second difference of
  // G(x) = x Phi(x / sd) + sd phi(x / sd), the integral of D's distribution function
  const g = (x: number) =>
    sd > 0 ? x * normalCdf(x / sd) + (sd * Math.exp((-0.5 * x * x) / (sd * sd))) / Math.sqrt(2 * Math.PI) : Math.max(0, x);
  const from = Math.floor(mean - 9 * sd) - 1;
  const to = Math.ceil(mean + 9 * sd) + 1;
  let total = 0;
  for (let k = from; k <= to; k++) {
    const p = Math.max(0, g(k + 1 - mean) - 2 * g(k - mean) + g(k - 1 - mean));
    out[((k % HOURS_PER_WEEK) + HOURS_PER_WEEK) % HOURS_PER_WEEK] += p;
    total += p;
  }
  return total > 0 ? out.map((p) => p / total) : out;
}
