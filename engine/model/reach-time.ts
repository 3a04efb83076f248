// When a flow's steps are reached: per node, the mean and spread of the hours from a case's
// arrival to a visit, and the share of the visits of a case arriving in one hour of the week
// that fall in each later hour. The hourly offered load (offered-load.ts' hourlyLoad) places a
// task's work there, not in the hour its case arrives: an engineer visit booked 8 days out after
// a wait of its own (sd 3 days) comes at any hour of any day, whatever hours the orders come in.
//
// Invariant: the steps before a node count by their durations' mean and variance (work, or an
// automated step's delay), summed along the routing's expected paths (the same linear system as
// the expected visits). Where a step's team keeps a calendar or a roster with closed hours (or an
// automated step elapses in a calendar's hours), the steps after it are reached in its open hours
// (reachedHours): the visits propagate hour by hour of the week, the work starting at the next
// opening, at the opening itself, and pausing while closed, as the simulator runs it. Queueing
// counts where a simulation measured it (StepWaits: size --per-shift reads the run of the
// staffing sizing.json's queue_placement names): each step's mean queue wait before its work, the
// part of a closed step's wait that is not its wait for the opening (queueWait); without them it
// is not counted, and a flow's first task is reached at its arrival exactly. Where no step keeps
// closed hours, a node is placed by a mixture, one normal per way in (reachMixtures), so that a
// step reached 1 h or 72 h after a decision is not placed over the days between. A join is reached
// when its fork's slowest branch is done: the largest of its branches' mixtures, one component per
// pair of their ways, by Clark's maximum (forkDelays, in reachMixtures and reachedHours alike). A
// node shared by several forks (discover's forks of a parallel block written by its leading
// branch) has one set of moments, pooled over every fork's cases; each fork's branches are timed
// from that fork's passes alone. How each of these rules changed sizing.json's figures:
// docs/results-format.md, `erlang_c_intervals`' `offered_load`.
import { distMean, distVariance } from '../random/distributions.js';
import { append } from '../lists.js';
import { coverage, weekPieces, weeklyCapacity } from '../scenario/roster.js';
import type { FlowSpec, Scenario, WeeklyPeriod } from '../scenario/types.js';
import { normalCdf } from '../stats/normal-tail.js';
import { flowRouting } from './offered-load.js';
import { HOURS_PER_WEEK } from '../week.js';
import { branchRegion, componentsInTopologicalOrder, type FlowRouting, type RoutingEdge, solveComponent } from './routing-chain.js';

export interface ReachTime {
  /** hours from arrival to a visit, mean over the node's visits */
  mean: number;
  /** their standard deviation, hours */
  sd: number;
}

/**
 * Per node of a flow (by index), the mean hours its visits waited in the queue before their work,
 * as a simulation of the scenario measured them (flows.F.nodes.N.wait; 0 where none): what
 * reachTimes and reachedHours count before a step's work. Only the mean is measured: a wait is
 * taken to spread as an exponential's does (sd = mean, as M/M/c's wait of a task that waits).
 */
export type StepWaits = readonly number[];

/** A node's wait in `waits` (0 where none is given or measured). */
function waitAt(waits: StepWaits | null, i: number): number {
  const w = waits?.[i] ?? 0;
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/**
 * Per node of `flow` (by index), when its visits come after the case's arrival, as one normal of
 * their pooled moments; null for a node never visited. It places nothing: it is the reference
 * reachMixtures' moments equal (reachMoments' sums, which both read; tests hold the mixture to it). With `waits` (a simulation's, StepWaits), a step's measured queue wait comes
 * before its work: the steps after it are reached that much later. A join is reached when the
 * slowest of its fork's branches is done (joinDelays), not when the fork starts them.
 */
export function reachTimes(flow: FlowSpec, waits: StepWaits | null = null): (ReachTime | null)[] {
  const { visits, first, second } = reachMoments(flow, waits);
  return visits.map((v, i) => {
    if (!(v > 0)) return null;
    const mean = Math.max(0, first[i] / v);
    return { mean, sd: Math.sqrt(Math.max(0, second[i] / v - mean * mean)) };
  });
}

/** How much later than its fork a join is reached (the slowest branch's time): its mean and variance, hours. */
export interface JoinDelay {
  mean: number;
  variance: number;
}

/**
 * Per fork (by node index) of `flow` visited, how long after the fork its join is reached: the
 * mean and variance of the largest of its branches' times (forkDelays: each branch a mixture of
 * normals, one per way through it; the largest of two normals by Clark's moments, C. E. Clark,
 * 1961, exact for two normals; of two mixtures, per pair of their components). A nested fork's
 * join counts in its branch after its own branches. Empty for a flow without forks.
 */
export function joinDelays(flow: FlowSpec, waits: StepWaits | null = null): Map<number, JoinDelay> {
  return new Map([...reachMoments(flow, waits).delays].map(([f, d]) => [f, { mean: d.mean, variance: d.variance }]));
}

/**
 * A fork's join delay (JoinDelay's moments) as the mixture it is: its components' shares (mass,
 * summing to 1), means and variances. One component where every branch's time is one normal
 * (Clark's of them, as before session 45); else one per pair of its branches' components.
 */
interface ForkDelay extends JoinDelay {
  parts: readonly Part[];
}

/**
 * Visit-weighted sums of each node's reach time and of its square (reachTimes), with the joins' delays they were solved with.
 * The delays come first: a branch is timed from its fork alone (forkDelays), never from the flow's moments, so a
 * nested fork's delay moves only the branches around it, a level of nesting a round, and the rounds end when no
 * join moves at all (a branch read off the flow's moments less its fork's would move in its last bits whenever
 * another fork's delay did: a chain of 40 forks took 30 rounds, each solving the moments).
 */
function reachMoments(flow: FlowSpec, waits: StepWaits | null) {
  const routing = flowRouting(flow);
  // a step's time: its wait (variance its square: StepWaits) and its work, apart
  const work = flow.nodes.map((node, i) => (node.kind === 'task' ? distMean(node.duration) : 0) + waitAt(waits, i));
  const variance = flow.nodes.map((node, i) => (node.kind === 'task' ? distVariance(node.duration) : 0) + waitAt(waits, i) ** 2);
  const square = variance.map((v, i) => v + work[i] * work[i]);
  let delays = new Map<number, ForkDelay>();
  const forks = flow.nodes.filter((node) => node.kind === 'fork').length;
  for (let round = 0; round <= forks; round++) {
    const next = forkDelays(flow, routing, work, variance, square, delays);
    const same = next.size === delays.size && [...next].every(([f, d]) => sameDelay(delays.get(f), d));
    delays = next;
    if (same) break;
  }
  return { routing, visits: routing.visits, ...solveMoments(routing, work, square, delays), delays, work, square };
}

/** Whether a join's delay is the one it had (ForkDelay): the same moments and components, to the last bit. */
function sameDelay(before: ForkDelay | undefined, d: ForkDelay): boolean {
  if (before === undefined || before.mean !== d.mean || before.variance !== d.variance || before.parts.length !== d.parts.length)
    return false;
  return d.parts.every(
    (p, k) => p.mass === before.parts[k].mass && p.mean === before.parts[k].mean && p.variance === before.parts[k].variance,
  );
}

/**
 * What an edge from node i to `to` adds to a visit's reach time: its mean and its square's mean.
 * A fork's edge to its join takes the join's delay (its work is 0); every other edge, the node's time.
 */
function edgeTimes(
  edges: readonly RoutingEdge[][],
  work: readonly number[],
  square: readonly number[],
  delays: ReadonlyMap<number, ForkDelay>,
) {
  const joinOf = new Map([...delays.keys()].map((f) => [f, edges[f][edges[f].length - 1].to])); // routingEdges adds the join last
  const delayOf = (i: number, to: number) => (joinOf.get(i) === to ? delays.get(i)! : null);
  return {
    /** a fork's edge to its join: the join delay's components where it has several (ForkDelay), else null */
    partsOf: (i: number, to: number) => {
      const parts = delayOf(i, to)?.parts;
      return parts !== undefined && parts.length > 1 ? parts : null;
    },
    timeOf: (i: number, to: number) => delayOf(i, to)?.mean ?? work[i],
    squareOf: (i: number, to: number) => {
      const d = delayOf(i, to);
      return d === null ? square[i] : d.variance + d.mean * d.mean;
    },
  };
}

/**
 * The visit-weighted sums of the reach time and of its square, solved component by component as
 * the visits are; a fork's edge to its join takes the join's delay (mean and variance), every
 * other edge from a node the node's time.
 */
function solveMoments(
  { edges, components, visits }: FlowRouting,
  work: readonly number[],
  square: readonly number[],
  delays: ReadonlyMap<number, ForkDelay>,
): { first: Float64Array; second: Float64Array } {
  const n = edges.length;
  const first = new Float64Array(n);
  const second = new Float64Array(n);
  const inFirst = new Float64Array(n);
  const inSecond = new Float64Array(n);
  const { timeOf, squareOf } = edgeTimes(edges, work, square, delays);
  for (const component of components) {
    const inside = new Set(component);
    const internal = (rhs: Float64Array, each: (i: number, to: number) => number) => {
      for (const i of component) for (const { to, w } of edges[i]) if (inside.has(to)) rhs[to] += w * each(i, to);
    };
    const rhsFirst = Float64Array.from(inFirst);
    internal(rhsFirst, (i, to) => visits[i] * timeOf(i, to));
    solveComponent(component, edges, (node) => rhsFirst[node]).forEach((x, r) => {
      first[component[r]] = x;
    });
    const rhsSecond = Float64Array.from(inSecond);
    internal(rhsSecond, (i, to) => 2 * first[i] * timeOf(i, to) + visits[i] * squareOf(i, to));
    solveComponent(component, edges, (node) => rhsSecond[node]).forEach((x, r) => {
      second[component[r]] = x;
    });
    for (const i of component) {
      for (const { to, w } of edges[i]) {
        if (inside.has(to)) continue;
        inFirst[to] += w * (first[i] + visits[i] * timeOf(i, to));
        inSecond[to] += w * (second[i] + 2 * first[i] * timeOf(i, to) + visits[i] * squareOf(i, to));
      }
    }
  }
  return { first, second };
}

/**
 * Each visited fork's ForkDelay: the largest of its branches' times. A branch's time is a mixture
 * (branchTimes: a component per way through its decisions, loops and nested forks), and the
 * largest of independent mixtures is the mixture over their components' pairs, each pair's largest
 * by Clark's moments (maximumOf; exact for two normals: session 45, where before one normal of each
 * branch's pooled moments smeared a branch of 1 h or 72 h over the days between, at the join and
 * after). A branch of one way (no decision, no nested join of several ways) where only this fork
 * reaches its steps is the sum of its steps' times (chainTime: exact where a case is exact by hand,
 * where the nodes' moments less the fork's give a fork in a loop's 16 h as 15.999999999999998); a branch reached from elsewhere too (another fork sharing it, as discover
 * writes a block that opens the case: session 42) is solved from the fork alone, since the nodes'
 * moments pool every way in (session 43: a join after a branch that waits 4 h only when the other
 * branch opened the case was placed 3.2 h after its fork, sd 1.7 h, for 4.1 h).
 */
function forkDelays(
  flow: FlowSpec,
  routing: FlowRouting,
  work: readonly number[],
  variance: readonly number[],
  square: readonly number[],
  delays: ReadonlyMap<number, ForkDelay>,
): Map<number, ForkDelay> {
  const { visits, edges } = routing;
  const index = new Map(flow.nodes.map((node, i) => [node.name, i]));
  const into = flow.nodes.map((): number[] => []);
  edges.forEach((list, i) => {
    for (const { to } of list) into[to].push(i);
  });
  const out = new Map<number, ForkDelay>();
  flow.nodes.forEach((fork, f) => {
    if (fork.kind !== 'fork' || !(visits[f] > 0)) return;
    let longest: Part[] | null = null;
    for (const start of fork.parallel) {
      let branch: Part[] = [{ mass: 1, mean: 0, variance: 0 }]; // a branch straight to the join takes no time
      if (start !== fork.join) {
        const region = [...branchRegion(flow, start, fork.join)].map((name) => index.get(name)!);
        const inside = new Set(region);
        const shared = region.some((i) => into[i].some((from) => from !== f && !inside.has(from)));
        // a branch without a decision or a nested join of several ways is one way: its moments tell all
        const ways = region.some((i) => flow.nodes[i].kind === 'decision' || (delays.get(i)?.parts.length ?? 1) > 1);
        const times = shared || ways ? branchTimes(flow, edges, region, index.get(start)!, fork.join, work, square, delays) : null;
        if ((shared || ways) && times === null) continue; // a branch that never reaches the join waits for nothing
        if (times !== null && times.parts.length > 1) branch = times.parts;
        else if (times !== null && shared) branch = [{ mass: 1, ...times.moments }];
        else {
          const own = chainTime(flow, index, start, fork.join, work, variance, delays);
          if (own === null) continue;
          branch = [{ mass: 1, ...own }];
        }
      }
      longest = longest === null ? branch : maximumOf(longest, branch);
    }
    if (longest !== null) out.set(f, forkDelayOf(longest));
  });
  return out;
}

/**
 * A branch of one way from `start` to `join` (forkDelays: no decision in it, every nested join of
 * one component): the sum of its steps' means and variances, a nested fork's by its join's delay
 * (its work, 0, where the delay is not known yet); null for a branch that never reaches the join.
 */
function chainTime(
  flow: FlowSpec,
  index: ReadonlyMap<string, number>,
  start: string,
  join: string,
  work: readonly number[],
  variance: readonly number[],
  delays: ReadonlyMap<number, ForkDelay>,
): JoinDelay | null {
  let [mean, spread] = [0, 0];
  for (let at: string | null = start, steps = 0; at !== join; steps++) {
    const i: number | undefined = at === null ? undefined : index.get(at);
    if (i === undefined || steps > flow.nodes.length) return null; // an end, or a way round (only a decision makes one)
    const node: FlowSpec['nodes'][number] = flow.nodes[i];
    if (node.kind === 'decision') return null;
    const d = delays.get(i);
    mean += d?.mean ?? work[i];
    spread += d?.variance ?? variance[i];
    at = node.kind === 'fork' ? node.join : node.next;
  }
  return { mean, variance: spread };
}

/** The share of a node's passes that go on to `join`: a task's next, a decision's branches there, a nested fork's join. */
function joinShare(node: FlowSpec['nodes'][number], join: string): number {
  if (node.kind === 'task') return node.next === join ? 1 : 0;
  if (node.kind === 'decision') return node.branch.reduce((total, b) => total + (b.to === join ? b.p : 0), 0);
  return node.join === join ? 1 : 0;
}

/**
 * A branch's time from its fork to `join` counting only the passes the fork starts at `start`,
 * solved on the branch's own steps (`region`; its nested forks by their joins' delays) as
 * reachMoments and reachMixtures solve the flow's: its mean and variance (`moments`), and the
 * mixture of its arrivals at the join (`parts`, their mass summing to 1); null for a branch that
 * never reaches the join.
 */
function branchTimes(
  flow: FlowSpec,
  edges: RoutingEdge[][],
  region: readonly number[],
  start: number,
  join: string,
  work: readonly number[],
  square: readonly number[],
  delays: ReadonlyMap<number, ForkDelay>,
): { moments: JoinDelay; parts: Part[] } | null {
  const local = new Map(region.map((i, k) => [i, k]));
  // the branch's own edges (to the join, and a nested fork's to its branches, outside it), renumbered
  const inner = region.map((i) => edges[i].flatMap(({ to, w }) => (local.has(to) ? [{ to: local.get(to)!, w }] : [])));
  const components = componentsInTopologicalOrder(inner);
  const visits = new Array<number>(region.length).fill(0);
  const inflow = new Float64Array(region.length);
  inflow[local.get(start)!] = 1;
  for (const component of components) {
    const inside = new Set(component);
    solveComponent(component, inner, (k) => inflow[k]).forEach((x, r) => {
      visits[component[r]] = x;
      for (const { to, w } of inner[component[r]]) if (!inside.has(to)) inflow[to] += w * x;
    });
  }
  const nested = new Map<number, ForkDelay>();
  for (const [f, d] of delays) if (local.has(f)) nested.set(local.get(f)!, d);
  const at = (xs: readonly number[]) => region.map((i) => xs[i]);
  const routing = { edges: inner, components, visits };
  const [ownWork, ownSquare] = [at(work), at(square)];
  const { first, second } = solveMoments(routing, ownWork, ownSquare, nested);
  const reached = mixturesOf(routing, local.get(start)!, ownWork, ownSquare, { first, second }, nested);
  let [mass, sum, sumSquares] = [0, 0, 0];
  const arrivals: Part[] = [];
  region.forEach((i, k) => {
    const p = joinShare(flow.nodes[i], join);
    if (!(p > 0)) return;
    const [w, q] = [work[i], square[i]];
    mass += p * visits[k];
    sum += p * (first[k] + visits[k] * w);
    sumSquares += p * (second[k] + 2 * first[k] * w + visits[k] * q);
    for (const part of reached[k])
      arrivals.push({ mass: p * part.mass, mean: part.mean + w, variance: part.variance + Math.max(0, q - w * w) });
  });
  if (!(mass > 0)) return null;
  const mean = sum / mass;
  const moments = { mean: Math.max(0, mean), variance: Math.max(0, sumSquares / mass - mean * mean) };
  const total = massOf(arrivals);
  return { moments, parts: total > 0 ? merged(arrivals.map((a) => ({ ...a, mass: a.mass / total }))) : [] };
}

/** The mean and variance of the larger of two independent normals (Clark, 1961). */
function clarkMaximum(a: JoinDelay, b: JoinDelay): JoinDelay {
  const spread = Math.sqrt(a.variance + b.variance);
  if (!(spread > 1e-12)) return a.mean >= b.mean ? a : b;
  const alpha = (a.mean - b.mean) / spread;
  const [pa, pb] = [normalCdf(alpha), normalCdf(-alpha)];
  const density = Math.exp(-0.5 * alpha * alpha) / Math.sqrt(2 * Math.PI);
  const mean = a.mean * pa + b.mean * pb + spread * density;
  const meanSquare = (a.mean * a.mean + a.variance) * pa + (b.mean * b.mean + b.variance) * pb + (a.mean + b.mean) * spread * density;
  return { mean, variance: Math.max(0, meanSquare - mean * mean) };
}

/**
 * The larger of two independent mixtures (their parts' mass summing to 1 each): per pair of
 * components, at the product of their shares, Clark's moments of the pair's larger; at most
 * MOST_PARTS (merged). Two single normals: Clark's one, as before mixtures.
 */
function maximumOf(a: readonly Part[], b: readonly Part[]): Part[] {
  const out: Part[] = [];
  for (const x of a) {
    for (const y of b) {
      const { mean, variance } = clarkMaximum(x, y);
      out.push({ mass: x.mass * y.mass, mean, variance });
    }
  }
  return out.length === 1 ? out : merged(out);
}

/** A join delay of `parts` (mass summing to 1): its moments, a single component's exactly. */
function forkDelayOf(parts: Part[]): ForkDelay {
  if (parts.length === 1) return { mean: parts[0].mean, variance: parts[0].variance, parts };
  const mass = massOf(parts);
  let [sum, sumSquares] = [0, 0];
  for (const p of parts) {
    sum += p.mass * p.mean;
    sumSquares += p.mass * (p.variance + p.mean * p.mean);
  }
  const mean = sum / mass;
  return { mean: Math.max(0, mean), variance: Math.max(0, sumSquares / mass - mean * mean), parts };
}

/** One way a node is reached (reachMixtures): the share of its visits that come that way, and their hours after the arrival. */
export interface ReachComponent extends ReachTime {
  /** of the node's visits; a node's components sum to 1 */
  share: number;
}

/** A component on its way: its visits per case, and the mean and variance of their hours after the arrival. */
interface Part {
  mass: number;
  mean: number;
  variance: number;
}

/** Components a node keeps: past them the two that merging moves least (merged) become one of their moments. */
const MOST_PARTS = 16;
/**
 * Components a node keeps where those past MOST_PARTS are sharp (isSharp): a loop of constant steps reaches its node
 * at 0, 5, 10, ... h, each round at its own hour, and merging two rounds places their visits over the hours between.
 */
const MOST_SHARP_PARTS = 32;
/**
 * Components the loops' rounds may pass on, over a flow (or a fork's branch, timed alone), before what is left of
 * their visits is placed by its moments: each loop in turn gets an even share of what the loops before it left, so
 * that the first loops in the routing's order cannot take it all (a loop after them, reached sharply on another
 * path, would be one normal: its rounds' 0, 49 and 98 h as 49 h, sd 69 h, by the order a decision listed its
 * branches in). A long loop's late rounds, which a share may leave unfollowed, are spread over weeks anyway; a loop
 * reached once the budget is spent still has its first round, so a flow may pass the budget by a round a loop.
 */
const PART_PASSES = 50_000;

/**
 * Per node of `flow` (by index), the ways its visits come as a mixture of normals (null for a node
 * never visited): one component per way in, each its own mean and sd, so that a step reached 1 h or
 * 72 h after a decision is placed at both, where reachTimes' one normal of their pooled moments (mean
 * 36.5 h, sd 35.5 h) spread its load over days nobody arrives in and missed both peaks. Each edge
 * moves the components of the node it leaves on by the node's time (reachMoments' work, with a
 * measured queue wait), a fork's edge to its join by the join's delay, itself a mixture (forkDelays,
 * session 45: a branch whose own time is two peaks keeps both at its join); a node keeps
 * MOST_PARTS (MOST_SHARP_PARTS where the rest are sharp), those whose merging moves them least merged by their moments. A loop is followed round by round, as
 * reachedHours follows it, to 1e-12 of what enters it (LOOP_ROUNDS, PART_PASSES); what is left is
 * one component of the moments reachMoments solved less those followed (dropped under 1e-9 of the
 * node's visits). So a node's mixture has reachTimes' mean and sd: the same visits at the same mean,
 * only not smeared.
 */
export function reachMixtures(flow: FlowSpec, waits: StepWaits | null = null): (ReachComponent[] | null)[] {
  const { routing, work, square, first, second, delays } = reachMoments(flow, waits);
  const start = flow.nodes.findIndex((node) => node.name === flow.start);
  const reached = mixturesOf(routing, start, work, square, { first, second }, delays);
  return reached.map((parts, i) => {
    const mass = massOf(parts);
    if (!(routing.visits[i] > 0) || !(mass > 0)) return null;
    return parts.map((p) => ({ share: p.mass / mass, mean: p.mean, sd: Math.sqrt(p.variance) }));
  });
}

/**
 * Per node of `routing`, its visits' components (mass: visits per pass at `start`) from one pass
 * at `start` at time 0: reachMixtures' propagation, for a flow or a fork's branch (branchTimes).
 * `first` and `second` are solveMoments' sums on the same routing, for what a loop's rounds leave.
 */
function mixturesOf(
  { edges, components, visits }: FlowRouting,
  start: number,
  work: readonly number[],
  square: readonly number[],
  { first, second }: { first: Float64Array; second: Float64Array },
  delays: ReadonlyMap<number, ForkDelay>,
): Part[][] {
  const { timeOf, squareOf, partsOf } = edgeTimes(edges, work, square, delays);
  // the parts `parts` of node i send along its edge to `to` (w per visit), added to `into`
  const sent = (into: Part[], parts: readonly Part[], i: number, to: number, w: number): Part[] => {
    const delay = partsOf(i, to);
    if (delay === null) {
      const t = timeOf(i, to);
      const v = Math.max(0, squareOf(i, to) - t * t);
      for (const p of parts) if (w * p.mass > 0) into.push({ mass: w * p.mass, mean: p.mean + t, variance: p.variance + v });
    } else {
      // a join delay of several components: each part moved on by each, at its share
      for (const d of delay)
        for (const p of parts)
          if (w * p.mass * d.mass > 0) into.push({ mass: w * p.mass * d.mass, mean: p.mean + d.mean, variance: p.variance + d.variance });
    }
    return into.length > 2 * MOST_PARTS ? merged(into) : into;
  };
  const incoming: Part[][] = edges.map(() => []);
  const reached: Part[][] = edges.map(() => []);
  incoming[start].push({ mass: 1, mean: 0, variance: 0 });
  const isLoop = (component: number[]) => component.length > 1 || edges[component[0]].some((e) => e.to === component[0]);
  let passes = 0;
  let loopsLeft = components.filter(isLoop).length;
  for (const component of components) {
    const inside = new Map(component.map((node, r) => [node, r]));
    if (!isLoop(component)) reached[component[0]] = merged(incoming[component[0]]);
    else {
      const until = passes + Math.max(0, PART_PASSES - passes) / loopsLeft--; // PART_PASSES: an even share of what is left
      // the parts yet to pass each node, those from outside first; each round passes them once round the loop
      const pending = component.map((i) => merged(incoming[i]));
      const held: Part[][] = component.map(() => []);
      const order = sweepOrder(component, edges, inside, (r) => pending[r].length > 0);
      const entering = pending.reduce((total, parts) => total + massOf(parts), 0);
      for (let round = 0; round < LOOP_ROUNDS && passes <= until; round++) {
        for (const r of order) {
          const parts = merged(pending[r]);
          pending[r] = [];
          if (parts.length === 0) continue;
          append(held[r], parts);
          if (held[r].length > 2 * MOST_PARTS) held[r] = merged(held[r]);
          const i = component[r];
          for (const { to, w } of edges[i]) {
            const again = inside.get(to);
            if (again !== undefined) pending[again] = sent(pending[again], parts, i, to, w);
          }
          passes += parts.length * edges[i].length;
        }
        if (pending.reduce((total, parts) => total + massOf(parts), 0) <= 1e-12 * entering) break;
      }
      component.forEach((i, r) => {
        reached[i] = withRest(held[r], visits[i], first[i], second[i]);
      });
    }
    // what leaves the component: each node's whole mixture, moved on by its edge's time
    for (const i of component)
      for (const { to, w } of edges[i]) if (!inside.has(to)) incoming[to] = sent(incoming[to], reached[i], i, to, w);
  }
  return reached;
}

function massOf(parts: readonly Part[]): number {
  let total = 0;
  for (const p of parts) total += p.mass;
  return total;
}

/** One part of the mass and the first two moments of `a` and `b` together. */
function pooled(a: Part, b: Part): Part {
  const mass = a.mass + b.mass;
  const mean = (a.mass * a.mean + b.mass * b.mean) / mass;
  const square = (a.mass * (a.variance + a.mean * a.mean) + b.mass * (b.variance + b.mean * b.mean)) / mass;
  return { mass, mean, variance: Math.max(0, square - mean * mean) };
}

/**
 * `parts` by their mean, those at the same time with the same spread (isSame: paths that meet
 * again) as one, then at most MOST_PARTS: the neighbours whose merging moves their placement least
 * (mergeCost) merged, again and again. Moments kept exactly.
 */
function merged(parts: Part[]): Part[] {
  if (parts.length <= MOST_PARTS && isKept(parts)) return parts; // most lists, passed on along a chain: already so
  const sorted = parts.filter((p) => p.mass > 0).sort((a, b) => a.mean - b.mean || a.variance - b.variance);
  const out: Part[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && isSame(last, p)) out[out.length - 1] = pooled(last, p);
    else out.push(p);
  }
  if (out.length <= MOST_PARTS) return out;
  // each neighbour pair's cost, kept: a merge moves only the costs of the pairs it is in
  const logs = out.map(placedLog);
  const costs = out.slice(1).map((b, k) => mergeCost(out[k], b, logs[k], logs[k + 1]));
  let broad = 0;
  for (const p of out) if (!isSharp(p)) broad++;
  while (out.length > MOST_SHARP_PARTS || broad > MOST_PARTS) {
    // past MOST_SHARP_PARTS (or with no sharp part) the cheapest pair; else a pair of broad parts, or one broad part at
    // least where no two are neighbours
    let best = -1;
    for (let pass = out.length > MOST_SHARP_PARTS || broad === out.length ? 2 : 0; best < 0; pass++) {
      for (let k = 0; k < costs.length; k++) {
        if (pass < 2 && (isSharp(out[k]) ? 0 : 1) + (isSharp(out[k + 1]) ? 0 : 1) < 2 - pass) continue;
        if (best < 0 || costs[k] < costs[best]) best = k;
      }
    }
    const part = pooled(out[best], out[best + 1]);
    broad += (isSharp(part) ? 0 : 1) - (isSharp(out[best]) ? 0 : 1) - (isSharp(out[best + 1]) ? 0 : 1);
    out.splice(best, 2, part);
    logs.splice(best, 2, placedLog(part));
    costs.splice(best, 1);
    if (best > 0) costs[best - 1] = mergeCost(out[best - 1], part, logs[best - 1], logs[best]);
    if (best < costs.length) costs[best] = mergeCost(part, out[best + 1], logs[best], logs[best + 1]);
  }
  return out;
}

/** Whether a part is sharp: its sd within a quarter hour (reachedHours' cell), as a constant step's. */
function isSharp(p: Part): boolean {
  return p.variance <= 1 / 16;
}

/**
 * The spread a part is placed with, as a variance (hours squared): its own, and the quarter hour a visit is
 * placed in (a cell of reachedHours' week; uniform within it, 1/16 / 12), so that a sharp part's log is finite.
 */
const PLACED_VARIANCE = 1 / 16 / 12;

function placedLog(p: Part): number {
  return Math.log(p.variance + PLACED_VARIANCE);
}

/**
 * What merging neighbours `a` and `b` into one part of their moments costs (merged): Runnalls' bound on the
 * divergence of the pair from that part (A. R. Runnalls, 2007), (a + b) log v - a log va - b log vb of their
 * masses and variances as placed (PLACED_VARIANCE). Ward's cost (the spread added, a b / (a + b) of the means'
 * squared gap) weighed a pair of sharp parts 5 h apart as a pair of parts of sd 30 h 5 h apart, which barely move
 * when merged: a loop of constant steps, reached at 0, 5, 10, ... h, had its heaviest rounds merged two and three
 * at a time, their visits placed over the hours between (s47g). This one merges what barely moves first, then
 * the lightest of the sharp parts; a pair at one time costs 0.
 */
function mergeCost(a: Part, b: Part, logA: number, logB: number): number {
  const mass = a.mass + b.mass;
  const mean = (a.mass * a.mean + b.mass * b.mean) / mass;
  const square = (a.mass * (a.variance + a.mean * a.mean) + b.mass * (b.variance + b.mean * b.mean)) / mass;
  return mass * Math.log(Math.max(0, square - mean * mean) + PLACED_VARIANCE) - a.mass * logA - b.mass * logB;
}

/** Whether `b`, after `a` by their mean, is at the same time with the same spread (paths that meet again): merged pools them. */
function isSame(a: Part, b: Part): boolean {
  return b.mean - a.mean <= 1e-9 * (1 + b.mean) && Math.abs(b.variance - a.variance) <= 1e-9 * (1 + b.variance);
}

/** Whether `parts` are as merged's sort and pooling leave them: by their mean (then variance), none the same as the next (isSame), none empty. */
function isKept(parts: readonly Part[]): boolean {
  for (let k = 0; k < parts.length; k++) {
    const [p, next] = [parts[k], parts[k + 1]];
    if (!(p.mass > 0)) return false;
    if (next === undefined) continue;
    if (next.mean < p.mean || (next.mean === p.mean && next.variance < p.variance) || isSame(p, next)) return false;
  }
  return true;
}

/**
 * A loop's node: the parts its rounds followed (`followed`), and what they left of its `visits`
 * as one part of the moments reachMoments solved (`first`, `second`: its visit-weighted sums) less theirs.
 */
function withRest(followed: Part[], visits: number, first: number, second: number): Part[] {
  let [mass, sum, sumSquares] = [0, 0, 0];
  for (const p of followed) {
    mass += p.mass;
    sum += p.mass * p.mean;
    sumSquares += p.mass * (p.variance + p.mean * p.mean);
  }
  const rest = visits - mass;
  if (rest > 1e-9 * visits) {
    const mean = Math.max(0, (first - sum) / rest);
    followed.push({ mass: rest, mean, variance: Math.max(0, (second - sumSquares) / rest - mean * mean) });
  }
  return merged(followed);
}

/**
 * Per offset k of the week's hours (0..167), the share of the visits of a case arriving in one
 * hour (uniformly within it) that fall k hours on, modulo the week: the arrival's hour plus a
 * normal of the reach time's mean and sd. Exactly [1, 0, ...] for a node reached at arrival.
 */
export function reachKernel(reach: ReachTime): Float64Array {
  return cellKernel(reach.mean, reach.sd, HOURS_PER_WEEK, 1);
}

/** reachKernel of a mixture (reachMixtures' components): each component's kernel at its share. */
export function mixtureKernel(components: readonly ReachComponent[]): Float64Array {
  const out = new Float64Array(HOURS_PER_WEEK);
  for (const c of components) {
    const kernel = reachKernel(c);
    for (let k = 0; k < HOURS_PER_WEEK; k++) out[k] += c.share * kernel[k];
  }
  return out;
}

/**
 * reachKernel on a circle of `size` cells of 1/`perHour` hour: per offset k, the share of what
 * starts uniformly within a cell (`from` 'within'), or at its start ('start': a visit that waited
 * for an opening), that a normal delay (hours) moves k cells on, modulo the circle; even once the
 * spread passes the circle's length.
 */
function cellKernel(mean: number, sd: number, size: number, perHour: number, from: 'within' | 'start' = 'within'): Float64Array {
  const out = new Float64Array(size);
  // beyond a spread of the circle's length its rhythm is gone: exp(-2 pi^2 sd^2 / L^2) < 1e-8 for its slowest harmonic
  if (sd * perHour >= size) return out.fill(1 / size);
  const [m, s] = [mean * perHour, sd * perHour];
  // P(k <= U + D < k + 1), U uniform on [0, 1), D the delay in cells: the second difference of
  // G(x) = x Phi(x / s) + s phi(x / s), the integral of D's distribution function
  const g = (x: number) =>
    s > 0 ? x * normalCdf(x / s) + (s * Math.exp((-0.5 * x * x) / (s * s))) / Math.sqrt(2 * Math.PI) : Math.max(0, x);
  // P(k <= D < k + 1) from a cell's start: the first difference of D's distribution function (a constant D = k lands in cell k)
  const f = (x: number) => (s > 0 ? normalCdf(x / s) : x > 0 ? 1 : 0);
  const share = from === 'within' ? (k: number) => g(k + 1 - m) - 2 * g(k - m) + g(k - 1 - m) : (k: number) => f(k + 1 - m) - f(k - m);
  const first = Math.floor(m - 9 * s) - 1;
  const last = Math.ceil(m + 9 * s) + 1;
  let total = 0;
  for (let k = first; k <= last; k++) {
    const p = Math.max(0, share(k));
    out[((k % size) + size) % size] += p;
    total += p;
  }
  return total > 0 ? out.map((p) => p / total) : out;
}

/** cellKernel of a join delay on the week's cells: one normal's, or each component's at its share (ForkDelay). */
function delayKernel(d: ForkDelay): Float64Array {
  if (d.parts.length === 1) return cellKernel(d.mean, Math.sqrt(d.variance), CELLS, CELLS_PER_HOUR);
  const out = new Float64Array(CELLS);
  for (const p of d.parts) {
    const kernel = cellKernel(p.mean, Math.sqrt(p.variance), CELLS, CELLS_PER_HOUR);
    for (let c = 0; c < CELLS; c++) out[c] += p.mass * kernel[c];
  }
  return out;
}

/** Cells per hour of the propagation's week in reachedHours: quarter hours, the grain calendars are written in. */
const CELLS_PER_HOUR = 4;
const CELLS = HOURS_PER_WEEK * CELLS_PER_HOUR;
/** Rounds a loop's visits are followed round (fewer once under 1e-12 of those entering it) before what is left of them is spread evenly over the week. */
const LOOP_ROUNDS = 200;
/** Cell moves a flow's propagation may make (some 0.1 s on an idle host) before its loops' rounds stop, what is left spread evenly. */
const MOVES = 20_000_000;
/** What a step's pass costs besides its kernel's moves, in cell moves (onto its open cells and back, on to the next steps). */
const PASS_MOVES = 4;
/** Steps past which a flow keeps reachMixtures' kernels (mixtureKernel), not reachedHours: each step moves the week's cells at least once. */
const MOST_STEPS = 2_000;

/** The open hours of a week as merged periods within [0, 168), with their total. */
interface OpenHours {
  periods: WeeklyPeriod[];
  total: number;
}

/** A step's open hours on the week's cells: the open cells in order, and per cell the index among them of the next open one (itself when open). */
interface OpenCells {
  cells: number[];
  next: Int32Array;
}

function openCells(open: OpenHours): OpenCells {
  const isOpen = (c: number) => {
    const t = c / CELLS_PER_HOUR;
    return open.periods.some((p) => p.start <= t && t < p.end);
  };
  const cells: number[] = [];
  for (let c = 0; c < CELLS; c++) if (isOpen(c)) cells.push(c);
  const next = new Int32Array(CELLS);
  let k = 0;
  for (let c = 0; c < CELLS; c++) {
    while (k < cells.length && cells[k] < c) k++;
    next[c] = k < cells.length ? k : 0; // after the week's last opening: the next week's first
  }
  return { cells, next };
}

/**
 * The hours a task's work elapses in: its team's calendar or its roster's covered hours (a
 * pool's: any of its teams'), an automated task's own calendar; null for every hour (no closed
 * hour to skip). A team never open is null too: its work, never done, places nothing downstream.
 */
function openHoursOf(scenario: Scenario, node: FlowSpec['nodes'][number]): OpenHours | null {
  if (node.kind !== 'task' || node.until === 'case_age') return null;
  const calendarPeriods = (name: string | null | undefined) => scenario.calendars.find((c) => c.name === name)?.periods ?? null;
  let periods: WeeklyPeriod[] = [];
  if (node.resource === null) {
    const own = calendarPeriods(node.calendar);
    if (own === null) return null;
    periods = own.slice();
  } else {
    for (const name of node.pool ?? [node.resource]) {
      const team = scenario.resources.find((r) => r.name === name);
      if (team === undefined) return null;
      const own = team.shifts ? coverage(weeklyCapacity(team.shifts)) : calendarPeriods(team.calendar);
      if (own === null) return null; // a team on every hour: the pool is never closed
      append(periods, own);
    }
  }
  const merged: WeeklyPeriod[] = [];
  for (const p of weekPieces(periods).sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last !== undefined && p.start <= last.end) last.end = Math.max(last.end, p.end);
    else if (p.end > p.start) merged.push({ start: p.start, end: p.end });
  }
  const total = merged.reduce((sum, p) => sum + p.end - p.start, 0);
  return total > 0 && total < HOURS_PER_WEEK ? { periods: merged, total } : null;
}

/**
 * Per node of `flow` (by index), its visits by hour of the week (index 0: Monday 00:00-01:00)
 * per visit a case makes (`rate`: the flow's arrivals per hour of the week), where some task
 * before another keeps closed hours (openHoursOf); null when none does (or past MOST_STEPS), and
 * reachMixtures' kernels (mixtureKernel) place every step. A node never visited gets null.
 *
 * The week is cut into quarter hours (the grain calendars are written in; a boundary within one
 * moves to the next quarter's start: a cell is open when its start is). A step moves its visits on by a normal of its duration's mean
 * and sd (reachKernel's, per cell): on the week's cells, or for a step with closed hours on its
 * open hours' cells alone, a visit in a closed cell placed at the next opening: so its work
 * starts there and pauses while closed, and a whole-hour step moves its visits whole. A visit
 * that waited for the opening starts at the opening itself (its cell's start: StepKernel's
 * fromOpening); every other visit is spread evenly within its quarter hour.
 */
export function reachedHours(
  scenario: Scenario,
  flow: FlowSpec,
  rate: Float64Array,
  waits: StepWaits | null = null,
): (Float64Array | null)[] | null {
  if (flow.nodes.length > MOST_STEPS) return null;
  const { edges, components, visits } = flowRouting(flow);
  const hours = flow.nodes.map((node) => openHoursOf(scenario, node));
  if (!hours.some((o, i) => o !== null && edges[i].length > 0)) return null;
  // open hours finer than the quarter hours (a calendar open 08:05-08:10) hold no cell: read as open every hour
  const open = hours.map((o) => (o === null ? null : openCells(o))).map((o) => (o === null || o.cells.length === 0 ? null : o));
  // each step's move: its measured queue wait (StepWaits) and its duration, a normal on the week's cells or on its
  // open cells alone; made when the step is first passed, as a closed step's queue wait is read from the visits reaching it
  const kernels: (StepKernel | undefined)[] = flow.nodes.map(() => undefined);
  const kernelOf = (i: number, reaching: Float64Array): StepKernel => {
    const made = kernels[i];
    if (made !== undefined) return made;
    const node = flow.nodes[i];
    const queued = queueWait(waitAt(waits, i), reaching, open[i]);
    const mean = (node.kind === 'task' ? distMean(node.duration) : 0) + queued;
    const sd = Math.sqrt(Math.max(0, node.kind === 'task' ? distVariance(node.duration) : 0) + queued * queued);
    const size = open[i]?.cells.length ?? CELLS;
    return (kernels[i] = {
      within: sparse(cellKernel(mean, sd, size, CELLS_PER_HOUR)),
      fromOpening: open[i] === null ? null : sparse(cellKernel(mean, sd, size, CELLS_PER_HOUR, 'start')),
    });
  };
  // a fork's edge to its join: the slowest branch's time (forkDelays: each component's kernel at its share), on the week's cells
  const joins = new Map(
    [...reachMoments(flow, waits).delays].map(([f, d]) => [f, { to: edges[f][edges[f].length - 1].to, kernel: sparse(delayKernel(d)) }]),
  );
  let moves = 0;
  const entry = flow.nodes.map(() => new Float64Array(CELLS));
  const start = flow.nodes.findIndex((node) => node.name === flow.start);
  for (let c = 0; c < CELLS; c++) entry[start][c] = rate[Math.floor(c / CELLS_PER_HOUR)] / CELLS_PER_HOUR;
  const weekly = rate.reduce((sum, x) => sum + x, 0);
  const sum = (cells: Float64Array) => {
    let total = 0;
    for (let c = 0; c < cells.length; c++) total += cells[c];
    return total;
  };
  for (const component of components) {
    const inside = new Map(component.map((node, r) => [node, r]));
    const loops = component.length > 1 || edges[component[0]].some((e) => e.to === component[0]);
    // the visits yet to pass each node of the component, those from outside first; a sweep passes
    // them on in the order its routing reaches the nodes, so that a chain is crossed in one sweep
    const pending = component.map((i) => entry[i].slice());
    const order = sweepOrder(component, edges, inside, (r) => pending[r].some((x) => x !== 0));
    const first = pending.reduce((total, cells) => total + sum(cells), 0);
    const sent = new Map<number, number>(); // visits sent out of the component, per node reached
    for (let round = 0; round < (loops ? LOOP_ROUNDS : 1); round++) {
      for (const r of order) {
        const i = component[r];
        if (sum(pending[r]) === 0) continue;
        const kernel = kernelOf(i, pending[r]);
        const passed = passThrough(pending[r], kernel, open[i]);
        pending[r].fill(0);
        moves += CELLS * (kernel.within.at.length + (kernel.fromOpening?.at.length ?? 0) + PASS_MOVES);
        const join = joins.get(i);
        for (const { to, w } of edges[i]) {
          let out = passed;
          if (join !== undefined && join.to === to) {
            out = convolve(passed, join.kernel);
            moves += CELLS * join.kernel.at.length;
          }
          // every visit counts at the node it reaches; one inside the component passes it again
          for (let c = 0; c < CELLS; c++) entry[to][c] += w * out[c];
          const again = inside.get(to);
          if (again !== undefined) for (let c = 0, cells = pending[again]; c < CELLS; c++) cells[c] += w * out[c];
          else sent.set(to, (sent.get(to) ?? 0) + w * sum(out));
        }
      }
      if (pending.reduce((total, cells) => total + sum(cells), 0) <= 1e-12 * first || moves > MOVES) break;
    }
    if (!loops) continue;
    // the visits a loop's rounds did not follow (1e-12 of them, or more past MOVES): its expected
    // visits, and those it sends on, tell how many; spread evenly over the week (their rhythm long gone)
    const expected = new Map<number, number>();
    for (const i of component) {
      expected.set(i, (expected.get(i) ?? 0) + visits[i] * weekly);
      for (const { to, w } of edges[i]) if (!inside.has(to)) expected.set(to, (expected.get(to) ?? 0) + w * visits[i] * weekly);
    }
    for (const [node, count] of expected) {
      const reached = inside.has(node) ? sum(entry[node]) : (sent.get(node) ?? 0);
      const left = count - reached;
      if (left > 0) for (let c = 0; c < CELLS; c++) entry[node][c] += left / CELLS;
    }
  }
  return entry.map((cells, i) => {
    if (!(visits[i] > 0)) return null;
    const hours = new Float64Array(HOURS_PER_WEEK);
    for (let c = 0; c < CELLS; c++) hours[Math.floor(c / CELLS_PER_HOUR)] += cells[c] / visits[i];
    return hours;
  });
}

/**
 * The part of a step's measured wait spent queueing in its open hours: a visit reaching a closed
 * step waits for its opening, which the propagation places already (passThrough), and the
 * measured wait holds that too; so the mean hours from the visits `reaching` it (by cell, a closed
 * one's from its middle: test/model/queue-placed.test.ts' office desk, 15.24 h, where from the
 * cells' starts took 15.33 h off) to the next opening are taken off, and the rest elapses in its open hours. The whole wait for a step open
 * every hour. A queue that runs past closing is counted at its open hours and paused overnight too,
 * so such a wait is placed a little late where the queue itself crosses a closing (a short one rarely does).
 */
function queueWait(measured: number, reaching: Float64Array, open: OpenCells | null): number {
  if (!(measured > 0) || open === null) return measured;
  let visits = 0;
  let gaps = 0;
  for (let c = 0; c < CELLS; c++) {
    const x = reaching[c];
    if (x === 0) continue;
    visits += x;
    // a closed cell's visits are spread evenly within it (Poisson arrivals, a step's move within: StepKernel), half a cell
    // past its start on average; visits that all come on a cell's start (constant arrivals on the hour) are 7.5 min short
    const gap = (open.cells[open.next[c]] - c + CELLS) % CELLS;
    if (gap > 0) gaps += x * (gap - 0.5);
  }
  return visits > 0 ? Math.max(0, measured - gaps / visits / CELLS_PER_HOUR) : measured;
}

/** The component's nodes (by their index in it) in the order its routing reaches them from those `holding` visits, then the rest. */
function sweepOrder(component: number[], edges: RoutingEdge[][], inside: Map<number, number>, holding: (r: number) => boolean): number[] {
  const order: number[] = [];
  const seen = new Uint8Array(component.length);
  const entered = component.flatMap((_, r) => (holding(r) ? [r] : []));
  const queue = entered.length > 0 ? entered : [0];
  for (const r of queue) seen[r] = 1;
  for (let q = 0; q < queue.length; q++) {
    order.push(queue[q]);
    for (const { to } of edges[component[queue[q]]]) {
      const r = inside.get(to);
      if (r !== undefined && seen[r] === 0) {
        seen[r] = 1;
        queue.push(r);
      }
    }
  }
  for (let r = 0; r < component.length; r++) if (seen[r] === 0) order.push(r);
  return order;
}

/**
 * A step's move in reachedHours: of the visits spread within their quarter hour, and for a step
 * with closed hours of those that waited for its opening, which start at the opening itself (null
 * for a step open every hour). Spread within the opening's quarter hour, a night's visits would start
 * 7.5 min after the opening on average: a step of 4 h (sd 1 h) after an office-hours opening placed
 * under 3 h from it 13.1% of the time, where it is 15.9%.
 */
interface StepKernel {
  within: SparseKernel;
  fromOpening: SparseKernel | null;
}

/** A kernel's offsets that move anything, and their shares. */
interface SparseKernel {
  at: number[];
  share: number[];
}

function sparse(kernel: Float64Array): SparseKernel {
  const at: number[] = [];
  const share: number[] = [];
  kernel.forEach((p, k) => {
    if (p === 0) return;
    at.push(k);
    share.push(p);
  });
  return { at, share };
}

/** The visits leaving a step, by cell, from those reaching it: moved by its kernel on the week's cells, or on its open cells alone. */
function passThrough(cells: Float64Array, kernel: StepKernel, open: OpenCells | null): Float64Array {
  if (open === null || kernel.fromOpening === null) return convolve(cells, kernel.within);
  // onto the open cells (a closed one's visits at the next opening's start), moved on there, and back to the week's cells
  const onOpen = new Float64Array(open.cells.length);
  const atOpening = new Float64Array(open.cells.length);
  for (let c = 0; c < CELLS; c++) {
    const k = open.next[c];
    if (open.cells[k] === c) onOpen[k] += cells[c];
    else atOpening[k] += cells[c];
  }
  const moved = convolve(onOpen, kernel.within);
  const opened = convolve(atOpening, kernel.fromOpening);
  for (let k = 0; k < moved.length; k++) moved[k] += opened[k];
  const out = new Float64Array(CELLS);
  open.cells.forEach((c, k) => {
    out[c] += moved[k];
  });
  return out;
}

/** Circular convolution of `cells` with `kernel` (on a circle of cells.length cells). */
function convolve(cells: Float64Array, kernel: SparseKernel): Float64Array {
  const size = cells.length;
  const out = new Float64Array(size);
  kernel.at.forEach((k, j) => {
    const p = kernel.share[j];
    for (let c = 0; c < size; c++) {
      const x = cells[c];
      if (x !== 0) out[(c + k) % size] += x * p;
    }
  });
  return out;
}
