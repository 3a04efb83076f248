// How variable the arrivals to each team are: the squared coefficient of variation (variance
// over squared mean, c²) of the times between the tasks that reach it, by the Queueing Network
// Analyzer's approximations (Whitt 1983, "The Queueing Network Analyzer", sections 4.2-4.4):
// - a stream's own c² is its interarrival distribution's (a weekly profile thins a Poisson
//   process: 1; a calendar pauses the stream's own gaps while closed: theirs); a batch of N
//   cases at one instant (arrival-profile.ts isBatch) counts at its N over the horizon, as
//   offered load does, with the c² of batches of N (Poisson batches of constant size N: its
//   counts' variance over mean is N, section 4.3's batch arrivals);
// - streams that merge give their rate-weighted mix of c²;
// - a share p of a stream split off at random (a decision's branch) has p c² + 1 - p;
// - a team of m units at utilization rho, its work's c² being c_s², passes on
//   1 + (1 - rho²)(c_a² - 1) + rho²(c_s² - 1) / sqrt(m): near saturation its departures follow
//   its work, lightly loaded its arrivals; a step without a team (automated, a decision, a fork)
//   passes its arrivals on, and a fork's join sees its fork's cases (routing-chain.ts).
// The relaxation-time warning reads it (results/relaxation.ts): bunched arrivals (c² above 1)
// make a queue settle more slowly, regular ones (below 1) faster.
// Invariant: a team offered tasks gets a finite c² >= 0; one offered none, NaN. The equations
// are linear with every loop's gain below 1 (a rework loop's branch p < 1, and 1 - rho² < 1
// through a team), so the sweeps below converge; a sweep changes no value by more than
// TOLERANCE at the end, or MAX_SWEEPS ran (the last values stand: a warning's estimate).
import { distMean, distVariance } from '../random/distributions.js';
import type { DistSpec, Scenario } from '../scenario/types.js';
import { batchRate, isBatch, streamFactors } from './arrival-profile.js';
import { flowArrivals } from './flow-arrivals.js';
import type { FlowRouting } from './routing-chain.js';

/** What the departures of a team depend on. */
export interface TeamService {
  utilization: number;
  /** units (a roster's most at any moment) */
  capacity: number;
  /** its tasks' work's c², NaN when it has none */
  workScv: number;
}

/** A team's task: which flow and node, and the share of its visits each of its teams takes. */
export interface TaskTeams {
  flow: string;
  /** index in the flow's nodes */
  node: number;
  teams: readonly string[];
  shares: readonly number[];
}

const TOLERANCE = 1e-12;
const MAX_SWEEPS = 10_000;

/** The mean of a weekly profile's factors: what it scales its stream's rate by over the week. */
function meanFactor(factors: ArrayLike<number>): number {
  let sum = 0;
  for (let h = 0; h < factors.length; h++) sum += factors[h];
  return sum / factors.length;
}

/** c² of an interarrival distribution: 1 for exponential, 0 for constant. */
export function interarrivalScv(d: DistSpec): number {
  const mean = distMean(d);
  return mean > 0 ? distVariance(d) / (mean * mean) : 1;
}

/** QNA's departure c² of a team (Whitt 1983, eq. 4.4 for m servers); utilization at or past 1 counts as 1. */
export function departureScv(arrivalScv: number, utilization: number, units: number, workScv: number): number {
  if (!(workScv >= 0)) return arrivalScv;
  const rho = Math.min(utilization, 1);
  return 1 + (1 - rho * rho) * (arrivalScv - 1) + (rho * rho * (workScv - 1)) / Math.sqrt(Math.max(units, 1));
}

/** One step of a flow as the sweeps read it: its inflows by step index, and its teams by index. */
interface Step {
  /** tasks an hour reaching it */
  total: number;
  /** from outside (the flow's arrivals, at its start): their rate times their c² */
  externalWeighted: number;
  from: { step: number; rate: number; w: number }[];
  teams: { team: number; rate: number; share: number }[];
}

/**
 * Each team's arrival c², by name (NaN for a team offered no tasks). `routings`: per flow, its
 * routing edges, their components in topological order and each node's expected visits per
 * case (offered-load.ts' flowRouting), read here as solved there.
 */
export function arrivalVariability(
  scenario: Scenario,
  routings: readonly FlowRouting[],
  service: ReadonlyMap<string, TeamService>,
  tasks: readonly TaskTeams[],
): Map<string, number> {
  // The steps of every flow in one list, in each flow's topological order (a loop's in any
  // order: the sweeps settle it), with what the sweeps read set out once (rates are fixed;
  // only the c² move): a cold `validate` runs this too.
  const teamIndex = new Map(scenario.resources.map((r, i) => [r.name, i]));
  const steps: Step[] = [];
  scenario.flows.forEach((flow, f) => {
    const streams = flowArrivals(scenario.arrivals, flow.name);
    const rates = streams.map((a) => {
      if (isBatch(a)) return batchRate(a, scenario.run.horizon);
      const factors = streamFactors(a, scenario.calendars);
      return (factors ? meanFactor(factors) : 1) / distMean(a.interarrival);
    });
    const rate = rates.reduce((s, r) => s + r, 0);
    const streamScv = (a: (typeof streams)[number]) => (isBatch(a) ? a.cases! : a.profile ? 1 : interarrivalScv(a.interarrival));
    const scv = rate > 0 ? streams.reduce((s, a, i) => s + (rates[i] / rate) * streamScv(a), 0) : 1;
    const { edges, components, visits } = routings[f];
    const start = flow.nodes.findIndex((n) => n.name === flow.start);
    const nodeTeams = flow.nodes.map((): TaskTeams | null => null);
    for (const t of tasks) if (t.flow === flow.name) nodeTeams[t.node] = t;
    // per node: the nodes sending to it, with their weights, and its place among the steps
    const inflow = flow.nodes.map((): { from: number; w: number }[] => []);
    edges.forEach((list, from) => {
      for (const { to, w } of list) inflow[to].push({ from, w });
    });
    const stepOf = new Int32Array(flow.nodes.length);
    let next = steps.length;
    for (const component of components) for (const j of component) stepOf[j] = next++;
    for (const component of components)
      for (const j of component) {
        const external = j === start ? rate : 0;
        const from = inflow[j].map(({ from: i, w }) => ({ step: stepOf[i], rate: rate * visits[i] * w, w }));
        const total = external + from.reduce((sum, x) => sum + x.rate, 0);
        const t = nodeTeams[j];
        steps.push({
          total,
          externalWeighted: external * scv,
          from,
          teams:
            t === null
              ? []
              : t.teams.map((team, k) => ({ team: teamIndex.get(team)!, rate: rate * visits[j] * t.shares[k], share: t.shares[k] })),
        });
      }
  });
  // Each team's arrivals are its tasks' merged, weighted by the visits it takes: the sums are kept
  // as the sweeps go (Gauss-Seidel), so that a change reaches the steps after the team in the
  // same sweep: a flow without loops settles in two sweeps, however long.
  const teamRate = new Float64Array(scenario.resources.length);
  const teamWeighted = new Float64Array(scenario.resources.length);
  for (const step of steps)
    for (const { team, rate } of step.teams) {
      teamRate[team] += rate;
      teamWeighted[team] += rate; // every arrival c² starts at 1
    }
  const services = scenario.resources.map((r) => service.get(r.name));
  const teamDeparture = (r: number): number => {
    const scv = teamWeighted[r] / teamRate[r];
    const svc = services[r];
    return svc !== undefined && scv >= 0 ? departureScv(scv, svc.utilization, svc.capacity, svc.workScv) : 1;
  };
  const arrival = new Float64Array(steps.length).fill(1);
  const departure = new Float64Array(steps.length).fill(1);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let change = 0;
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      let weighted = step.externalWeighted;
      for (const { step: i, rate, w } of step.from) weighted += rate * (w * departure[i] + 1 - w);
      const a = step.total > 0 ? weighted / step.total : 1;
      change = Math.max(change, Math.abs(a - arrival[k]));
      let d = a;
      if (step.teams.length > 0) {
        d = 0;
        for (const { team, rate } of step.teams) teamWeighted[team] += rate * (a - arrival[k]);
        for (const { team, share } of step.teams) d += share * teamDeparture(team);
      }
      arrival[k] = a;
      change = Math.max(change, Math.abs(d - departure[k])); // a team's departures move with all its tasks' arrivals, not this step's alone
      departure[k] = d;
    }
    if (change <= TOLERANCE) break;
  }
  const teamArrival = (r: number) => (teamRate[r] > 0 ? teamWeighted[r] / teamRate[r] : Number.NaN);
  return new Map(scenario.resources.map((r, i) => [r.name, teamArrival(i)]));
}
