// Offered load: the working hours per week that arrivals bring to each team, from the
// expected visits per case (a linear system over the flow's routing) and mean durations.
// It warns of unstable runs and gives team sizing its lower bound. A skill pool's work is
// given to its teams in preference order, each up to its unit-hours. A stream with `cases`
// is finite: it counts at the rate that brings its cases (at most N) over the run's horizon,
// not at the rate it has while it lasts, so a burst whose work fits in the horizon is no
// claim of a queue growing for ever (a stream with only `after` runs for ever once started:
// its full rate).
import { distMean, distVariance } from '../random/distributions.js';
import type { ArrivalSpec, CalendarSpec, FlowSpec, Scenario } from '../scenario/types.js';
import { streamFactors } from './arrival-profile.js';
import { coverage, shiftHours, unitHoursPerWeek, weeklyCapacity } from '../scenario/roster.js';
import { arrivalVariability, type TeamService } from './arrival-variability.js';
import { componentsInTopologicalOrder, type FlowRouting, routingEdges, solveComponent } from './routing-chain.js';

export interface ResourceLoad {
  resource: string;
  /** working hours of demand per week */
  demandPerWeek: number;
  /** of it, the hours a week of tasks only this team serves (no other team can take them) */
  exclusiveDemandPerWeek: number;
  /** hours a week of pooled tasks this team may serve, whole (other teams of the pool may take any part) */
  poolableDemandPerWeek: number;
  /** tasks offered per week (expected visits to its tasks); of a pooled task, the team's share */
  tasksPerWeek: number;
  /**
   * The squared coefficient of variation of one task's work here (variance / mean², over the
   * mix of its tasks weighted by tasksPerWeek's visits): 1 for exponential work, 0 for
   * constant; NaN when it is offered none
   */
  workScv: number;
  /** working hours one unit offers per week (with a roster: the hours any shift covers) */
  hoursPerUnit: number;
  /** units (with a roster: the most at any moment) */
  capacity: number;
  /** unit-hours the team offers per week: capacity x hours per unit, or the roster's integral */
  unitHoursPerWeek: number;
  /** unit-hours per week that one more unit adds: one more person in every shift, for a roster */
  hoursPerAddedUnit: number;
  rostered: boolean;
  /** demand / unit-hours per week: above 1 the queue grows without bound */
  utilization: number;
  /** the fewest units, on shift whenever any is, that keep utilization below 1 */
  minimumUnits: number;
}

/** A team's offered load with the variability of its arrivals, which the relaxation-time check reads. */
export interface LoadWithArrivals extends ResourceLoad {
  /**
   * The squared coefficient of variation of the times between the tasks that reach it, by the
   * Queueing Network Analyzer's approximations (arrival-variability.ts): 1 for Poisson arrivals
   * straight from a `rate:` stream, less for regular ones, more for bunched ones; NaN when it is
   * offered none
   */
  arrivalScv: number;
}

export function offeredLoad(scenario: Scenario): ResourceLoad[] {
  return loadsOf(scenario).loads;
}

/**
 * offeredLoad with each team's arrivalScv: apart, as only the simulation's checks read it and
 * the sweeps cost a cold `validate` more than the rest of the offered load (fiber: about 12 of
 * its 14 ms under a profiler, one-off, 2026-12-01).
 */
export function offeredLoadWithArrivals(scenario: Scenario): LoadWithArrivals[] {
  const { loads, routings, work, shares } = loadsOf(scenario);
  const arrivals = arrivalVariability(
    scenario,
    routings,
    new Map<string, TeamService>(loads.map((l) => [l.resource, l])),
    work.map((w, i) => ({ flow: w.flow, node: w.node, teams: w.teams, shares: shares[i] })),
  );
  return loads.map((load) => ({ ...load, arrivalScv: arrivals.get(load.resource)! }));
}

function loadsOf(scenario: Scenario) {
  const routings = scenario.flows.map((flow) => flowRouting(flow));
  const work = taskWork(
    scenario,
    routings.map((r) => r.visits),
  );
  const { demand, supplies, shares } = allocate(scenario, work);
  const tasks = new Map(scenario.resources.map((r) => [r.name, 0]));
  // each team's tasks' first and second moments of work, summed over its visits, for workScv
  const moments = new Map(scenario.resources.map((r) => [r.name, { first: 0, second: 0 }]));
  work.forEach((w, i) =>
    w.teams.forEach((team, k) => {
      const visits = w.visitsPerWeek * shares[i][k];
      tasks.set(team, tasks.get(team)! + visits);
      const m = moments.get(team)!;
      m.first += visits * w.meanHours;
      m.second += visits * (w.varianceHours + w.meanHours * w.meanHours);
    }),
  );
  const exclusive = new Map(scenario.resources.map((r) => [r.name, 0]));
  const poolable = new Map(scenario.resources.map((r) => [r.name, 0]));
  for (const w of work) {
    const into = w.teams.length === 1 ? exclusive : poolable;
    for (const team of w.teams) into.set(team, into.get(team)! + hoursPerWeek(w));
  }
  const loads = scenario.resources.map((r): ResourceLoad => {
    const roster = r.shifts ? weeklyCapacity(r.shifts) : null;
    const { hoursPerUnit, unitHours: supply } = supplies.get(r.name)!;
    const demandPerWeek = demand.get(r.name)!;
    return {
      resource: r.name,
      demandPerWeek,
      exclusiveDemandPerWeek: exclusive.get(r.name)!,
      poolableDemandPerWeek: poolable.get(r.name)!,
      tasksPerWeek: tasks.get(r.name)!,
      workScv: squaredVariation(tasks.get(r.name)!, moments.get(r.name)!),
      hoursPerUnit,
      capacity: r.capacity,
      unitHoursPerWeek: supply,
      hoursPerAddedUnit: r.shifts ? r.shifts.reduce((sum, shift) => sum + shiftHours(shift), 0) : hoursPerUnit,
      rostered: roster !== null,
      utilization: supply > 0 ? demandPerWeek / supply : demandPerWeek > 0 ? Infinity : 0,
      minimumUnits: hoursPerUnit > 0 ? Math.floor(demandPerWeek / hoursPerUnit) + 1 : Infinity,
    };
  });
  return { loads, routings, work, shares };
}

/** variance / mean² of a task's work, from `visits` and the sums over them of its work and squared work; NaN without work. */
function squaredVariation(visits: number, sums: { first: number; second: number }): number {
  if (!(visits > 0 && sums.first > 0)) return Number.NaN;
  const mean = sums.first / visits;
  return Math.max(0, sums.second / visits / (mean * mean) - 1); // rounding may leave a constant's -1e-16
}

/** What arrivals in each hour of the week bring to one team: index 0 is Monday 00:00-01:00. */
export interface HourlyLoad {
  resource: string;
  /** task visits per hour brought by the cases arriving in that hour */
  visits: Float64Array;
  /** working hours per hour brought by them: the offered load in erlangs */
  work: Float64Array;
}

/**
 * The offered load by hour of the week, as workforce-management tools take it: the work a
 * case brings is counted in the hour the case arrives (not when its later steps are
 * reached), and a pool's work goes to its teams in the shares the weekly fill gives them
 * (`pooled` 'shared'); or none of it to any ('none': the work only each team can do), or all
 * of it to each ('whole': the most each may take).
 */
export function hourlyLoad(scenario: Scenario, pooled: 'shared' | 'none' | 'whole' = 'shared'): HourlyLoad[] {
  const work = taskWork(scenario);
  const { shares } = allocate(scenario, work);
  const out = new Map(
    scenario.resources.map((r) => [r.name, { resource: r.name, visits: new Float64Array(168), work: new Float64Array(168) }]),
  );
  const rates = new Map(scenario.flows.map((f) => [f.name, flowRates(scenario, f.name)]));
  work.forEach((w, i) => {
    const rate = rates.get(w.flow)!;
    w.teams.forEach((team, k) => {
      const load = out.get(team)!;
      const share = w.teams.length === 1 || pooled === 'shared' ? shares[i][k] : pooled === 'whole' ? 1 : 0;
      if (share === 0) return;
      for (let h = 0; h < 168; h++) {
        load.visits[h] += rate[h] * w.visitsPerCase * share;
        load.work[h] += rate[h] * w.visitsPerCase * w.meanHours * share;
      }
    });
  });
  return [...out.values()];
}

/** One task's work per case: its expected visits and mean duration, and the teams that may do it (a pool's in order). */
interface TaskWork {
  flow: string;
  /** the task's index in the flow's nodes */
  node: number;
  teams: string[];
  visitsPerCase: number;
  meanHours: number;
  /** the variance of its duration, hours² */
  varianceHours: number;
  /** visits a week that arrivals bring to the task */
  visitsPerWeek: number;
}

/** The working hours a week that arrivals bring to the task. */
function hoursPerWeek(w: TaskWork): number {
  return w.visitsPerWeek * w.meanHours;
}

/** `visits`: per flow, each node's expected visits per case (expectedVisits). */
function taskWork(scenario: Scenario, flowVisits = scenario.flows.map((flow) => expectedVisits(flow))): TaskWork[] {
  const out: TaskWork[] = [];
  for (const [f, flow] of scenario.flows.entries()) {
    const casesPerWeek = flowRates(scenario, flow.name).reduce((sum, perHour) => sum + perHour, 0);
    const visits = flowVisits[f];
    flow.nodes.forEach((node, i) => {
      if (node.kind !== 'task' || node.resource === null) return;
      const meanHours = distMean(node.duration);
      out.push({
        flow: flow.name,
        node: i,
        teams: node.pool && node.pool.length > 1 ? node.pool : [node.resource],
        visitsPerCase: visits[i],
        meanHours,
        varianceHours: distVariance(node.duration),
        visitsPerWeek: casesPerWeek * visits[i],
      });
    });
  }
  return out;
}

/**
 * Each team's demand a week and each task's shares among its teams. A pool's work goes to its
 * teams in preference order, each up to what it has left after the tasks it alone does;
 * what none has room for goes to the last listed, which then shows as overloaded.
 */
function allocate(scenario: Scenario, work: TaskWork[]) {
  const demand = new Map(scenario.resources.map((r) => [r.name, 0]));
  const shares = work.map((w) => w.teams.map((): number => (w.teams.length === 1 ? 1 : 0)));
  for (const w of work) if (w.teams.length === 1) demand.set(w.teams[0], demand.get(w.teams[0])! + hoursPerWeek(w));
  const supplies = new Map(scenario.resources.map((r) => [r.name, supplyOf(r, scenario)]));
  work.forEach((w, i) => {
    if (w.teams.length === 1) return;
    let left = hoursPerWeek(w);
    w.teams.forEach((team, k) => {
      const room = Math.max(0, supplies.get(team)!.unitHours - demand.get(team)!);
      const taken = k === w.teams.length - 1 ? left : Math.min(left, room);
      demand.set(team, demand.get(team)! + taken);
      shares[i][k] = hoursPerWeek(w) > 0 ? taken / hoursPerWeek(w) : k === 0 ? 1 : 0;
      left -= taken;
    });
  });
  return { demand, supplies, shares };
}

/** The hours a unit is on shift in a week, and the team's unit-hours a week. */
function supplyOf(r: Scenario['resources'][number], scenario: Scenario): { hoursPerUnit: number; unitHours: number } {
  const roster = r.shifts ? weeklyCapacity(r.shifts) : null;
  const cal = scenario.calendars.find((c) => c.name === r.calendar);
  const onShift = roster ? coverage(roster) : cal ? cal.periods : [{ start: 0, end: 168 }];
  const hoursPerUnit = Math.min(
    168,
    onShift.reduce((s, p) => s + (p.end - p.start), 0),
  );
  return { hoursPerUnit, unitHours: roster ? unitHoursPerWeek(roster) : r.capacity * hoursPerUnit };
}

/**
 * The cases a flow's streams are expected to bring from time 0 (Monday 00:00) to `horizon`
 * hours: their hourly rates summed over the horizon's hours, whole weeks at once (a stream with
 * `after` from then on, one with `cases` at most that many). What the
 * simulation reserves room for in its per-completion stores (recorder.ts).
 */
export function expectedArrivals(scenario: Scenario, flow: string, horizon: number): number {
  const bounded = (a: ArrivalSpec) => a.after !== undefined || a.cases !== undefined;
  let sum = casesUpTo(
    streamRates(
      scenario.arrivals.filter((a) => a.flow === flow && !bounded(a)),
      scenario.calendars,
    ),
    horizon,
  );
  // a stream with `after` or `cases`: its cases from `after` to the horizon, at most `cases`
  for (const a of scenario.arrivals) {
    if (a.flow !== flow || !bounded(a)) continue;
    const rates = streamRates([a], scenario.calendars);
    const after = Math.min(a.after ?? 0, horizon);
    sum += Math.min(a.cases ?? Number.POSITIVE_INFINITY, casesUpTo(rates, horizon) - casesUpTo(rates, after));
  }
  return sum;
}

/** The integral of hourly rates (by hour of the week) from time 0 to `horizon`, whole weeks at once. */
function casesUpTo(rates: Float64Array, horizon: number): number {
  const weeks = Math.floor(horizon / 168);
  let sum = weeks * rates.reduce((a, b) => a + b, 0);
  const rest = horizon - weeks * 168;
  for (let h = 0; h < rest; h++) sum += rates[h] * Math.min(1, rest - h);
  return sum;
}

/**
 * Cases of a flow arriving per hour, for each hour of the week (Monday 00:00 first), over the
 * long run: a stream with `cases` averaged over the horizon (its rates scaled so that they
 * bring, over the horizon, the cases expectedArrivals counts for it).
 */
function flowRates(scenario: Scenario, flow: string): Float64Array {
  const out = new Float64Array(168);
  const horizon = scenario.run.horizon;
  for (const a of scenario.arrivals) {
    if (a.flow !== flow) continue;
    const rates = streamRates([a], scenario.calendars);
    let scale = 1;
    if (a.cases !== undefined) {
      const whole = casesUpTo(rates, horizon);
      const brought = Math.min(a.cases, whole - casesUpTo(rates, Math.min(a.after ?? 0, horizon)));
      scale = whole > 0 ? brought / whole : 0;
    }
    for (let h = 0; h < 168; h++) out[h] += scale * rates[h];
  }
  return out;
}

/** Whether any stream of the scenario is finite (`cases`), so that its offered load is an average over the horizon. */
export function hasFiniteStreams(scenario: Scenario): boolean {
  return scenario.arrivals.some((a) => a.cases !== undefined);
}

/** Cases the streams bring per hour, for each hour of the week (Monday 00:00 first); `calendars`: the scenario's, which a stream's `calendar` names. */
function streamRates(arrivals: readonly ArrivalSpec[], calendars: readonly CalendarSpec[]): Float64Array {
  const out = new Float64Array(168);
  for (const a of arrivals) {
    const perHour = 1 / distMean(a.interarrival);
    const factors = streamFactors(a, calendars);
    for (let h = 0; h < 168; h++) out[h] += factors ? factors[h] * perHour : perHour;
  }
  return out;
}

/**
 * Expected visits to each node per case: v = e_start + Mᵀv, where M holds the routing
 * weights (routing-chain.ts). Solved one strongly connected component (a loop, or a single
 * node) at a time in topological order: what flows into a component is known once its
 * predecessors are, so only loops need a (small, dense) system and a long flow costs linear time.
 */
export function expectedVisits(flow: FlowSpec): number[] {
  return flowRouting(flow).visits;
}

/** expectedVisits with the routing it solved: its edges and components, which the arrivals' variability reads too. */
export function flowRouting(flow: FlowSpec): FlowRouting {
  const n = flow.nodes.length;
  const out = routingEdges(flow);
  const components = componentsInTopologicalOrder(out);
  const visits = new Array<number>(n).fill(0);
  const inflow = new Float64Array(n);
  inflow[flow.nodes.findIndex((node) => node.name === flow.start)] = 1;
  for (const component of components) {
    const solved = solveComponent(component, out, (node) => inflow[node]);
    const inside = new Set(component);
    component.forEach((node, r) => {
      visits[node] = solved[r];
      for (const { to, w } of out[node]) if (!inside.has(to)) inflow[to] += w * solved[r];
    });
  }
  return { edges: out, components, visits };
}
