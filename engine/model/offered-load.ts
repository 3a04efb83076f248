// Offered load: the working hours per week that arrivals bring to each team, from the
// expected visits per case (a linear system over the flow's routing) and mean durations.
// It warns of unstable runs and gives team sizing its lower bound. A skill pool's work is
// given to its teams in preference order, each up to its unit-hours; but a pool's teams are
// judged stable as the pooled servers they are (teamSets, exactly by max-flows in
// pool-levels.ts): any set of teams against the work only they can take, so a preferred team
// filled to its unit-hours by that split is no instability while the pool as a whole has room. A stream with `cases`
// is finite: it counts at the rate that brings its cases (at most N) over the run's horizon,
// not at the rate it has while it lasts, so a burst whose work fits in the horizon is no
// claim of a queue growing for ever (a stream with only `after` runs for ever once started:
// its full rate). A batch (interarrival 0 with `cases`: arrival-profile.ts isBatch) is such a
// stream whose N cases come at one instant: it has no rate, and counts as its N over the horizon.
import { wholeNumber } from '../number-format.js';
import { distMean, distVariance } from '../random/distributions.js';
import type { ArrivalSpec, CalendarSpec, FlowSpec, Scenario } from '../scenario/types.js';
import { batchRate, isBatch, streamFactors } from './arrival-profile.js';
import { flowArrivals } from './flow-arrivals.js';
import { coverage, shiftHours, unitHoursPerWeek, weeklyCapacity } from '../scenario/roster.js';
import { arrivalVariability, type TeamService } from './arrival-variability.js';
import { type PoolTask, poolLevels } from './pool-levels.js';
import {
  componentsInTopologicalOrder,
  type FlowRouting,
  readFlowRoutingEdges,
  type RoutingEdge,
  routingEdges,
  solveComponent,
} from './routing-chain.js';
import { mixtureKernel, reachedHours, reachMixtures, type StepWaits } from './reach-time.js';
import { HOURS_PER_WEEK } from '../week.js';

export interface ResourceLoad {
  resource: string;
  /** working hours of demand per week */
  demandPerWeek: number;
  /** of it, the hours a week of tasks only this team serves (no other team can take them) */
  exclusiveDemandPerWeek: number;
  /** hours a week of pooled tasks this team may serve, whole (other teams of the pool may take any part) */
  poolableDemandPerWeek: number;
  /**
   * its hours a week in the most even split of its skill pools' work (pool-levels.ts: its
   * level x its unit-hours), where demandPerWeek follows the pools' preference order and fills a
   * preferred team to its unit-hours; for a team in no pool, demandPerWeek. What sizing starts a
   * pool's team from. Where work only teams without unit-hours can take: demandPerWeek
   */
  pooledDemandPerWeek: number;
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
  /**
   * The stability test's view of the team (the team alone for a team in no skill pool, whose
   * ratio is then its utilization): for a team of a pool, its level in the pools' density
   * decomposition (pool-levels.ts), the share of its unit-hours it works in the most even split
   * the pools allow. At or above 1 the set is the overloaded teams tasks join it to, on the work
   * only they can take; below it, the teams at its level it shares work with, on what reaches
   * them once busier teams are full. At or above 1 the set's queues grow without bound; below
   * it, however the weekly split fills a preferred team, they do not.
   */
  stability: TeamSetLoad;
}

/**
 * A set of teams judged together: a skill pool's waiting case is taken by whichever of its
 * teams frees a unit first, so teams that share pools serve as one pool of servers. Their
 * queues can keep up if and only if every set of them has more unit-hours than the work only
 * that set can take (Hall's condition on the pools): its own tasks and the pools made of its
 * teams alone; a max-flow checks it at any number of teams (pool-levels.ts).
 */
export interface TeamSetLoad {
  /** the teams, in the scenario's order: the team alone, or with teams it shares skill pools with */
  teams: string[];
  /**
   * working hours a week that only these teams can do: their own tasks and the pools of them
   * alone, whole; below 100%, with the teams busier than them full: also the pools they share with those
   */
  demandPerWeek: number;
  /** their unit-hours a week, summed */
  unitHoursPerWeek: number;
  /** demand / unit-hours (Infinity for work and no unit-hours, 0 for neither) */
  ratio: number;
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
  /**
   * At or above capacity only through the streams with `cases` (finiteOverloads): its queue
   * grows until the run ends, as that work stops coming, rather than without bound
   */
  untilRunEnds: boolean;
}

export function offeredLoad(scenario: Scenario): ResourceLoad[] {
  return loadsOf(scenario).loads;
}

/**
 * offeredLoad with each team's arrivalScv: apart, as only the simulation's checks read it and
 * the sweeps cost a cold `validate` more than the rest of the offered load (fiber: about 12 of
 * its 14 ms under a profiler, one-off, 2026-12-01).
 */
export function offeredLoadWithArrivals(scenario: Scenario, parts: LoadParts = loadsOf(scenario)): LoadWithArrivals[] {
  const { loads, routings, work, shares } = parts;
  const arrivals = arrivalVariability(
    scenario,
    routings,
    new Map<string, TeamService>(loads.map((l) => [l.resource, l])),
    work.map((w, i) => ({ flow: w.flow, node: w.node, teams: w.teams, shares: shares[i] })),
  );
  const finite = finiteOverloads(scenario, loads);
  return loads.map((load) => ({ ...load, arrivalScv: arrivals.get(load.resource)!, untilRunEnds: finite.has(load.resource) }));
}

/**
 * Each scenario's offered load, computed once for whoever holds this: a run's warnings and its
 * experiment read the same scenarios (the baseline and its variants), and each pass cost the
 * fiber scenario's start-up a few ms. Owned by one command, over scenarios that no longer change
 * once loaded; a caller without one computes afresh.
 */
export interface OfferedLoads {
  /** offeredLoad(scenario) */
  of(scenario: Scenario): readonly ResourceLoad[];
  /** offeredLoadWithArrivals(scenario) */
  withArrivals(scenario: Scenario): LoadWithArrivals[];
}

/** A new OfferedLoads, empty: a scenario's load is computed when first asked for. */
export function offeredLoadCache(): OfferedLoads {
  const computed = new Map<Scenario, LoadParts>();
  const shared = new SharedParts();
  const partsOf = (scenario: Scenario): LoadParts => {
    let parts = computed.get(scenario);
    if (parts === undefined) computed.set(scenario, (parts = loadsOf(scenario, shared)));
    return parts;
  };
  return {
    of: (scenario) => partsOf(scenario).loads,
    withArrivals: (scenario) => offeredLoadWithArrivals(scenario, partsOf(scenario)),
  };
}

/**
 * The teams of `loads` (the scenario's offeredLoad) at or above capacity only through its
 * finite streams (`cases`), averaged over the horizon: without those streams they are below
 * it. Their queue grows until the run ends, not for ever; validate and results.json's
 * `unstable` warning say so in the same words.
 */
export function finiteOverloads(scenario: Scenario, loads: readonly ResourceLoad[]): Set<string> {
  const out = new Set<string>();
  if (!hasFiniteStreams(scenario) || !loads.some(overloaded)) return out;
  const unbounded = offeredLoad({ ...scenario, arrivals: scenario.arrivals.filter((a) => a.cases === undefined) });
  for (const load of loads) {
    if (!overloaded(load)) continue;
    if (!overloaded(unbounded.find((l) => l.resource === load.resource)!)) out.add(load.resource);
  }
  return out;
}

/**
 * The stability rule, in one place: a team is overloaded when some set of teams it is in (its
 * TeamSetLoad: itself alone, or with the teams it shares skill pools with), and in which it
 * must work all its unit-hours, is offered work and at least its unit-hours of it. validate's
 * warning and results.json's `unstable` read it.
 */
export function overloaded(load: ResourceLoad): boolean {
  return load.stability.ratio >= 1 && load.stability.demandPerWeek > 0;
}

/** Names for people, quoted with `quote`: "'a'", "'a' and 'b'", "'a', 'b' and 'c'". */
export function teamList(names: readonly string[], quote = ''): string {
  const quoted = names.map((n) => `${quote}${n}${quote}`);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
}

/** How validate and results.json say a team's queue (or a set of `teams` teams' queues) grows when only finite streams overload it (finiteOverloads). */
export function untilRunEndsText(horizon: number, teams = 1): string {
  const [they, their] = teams === 1 ? ['it', 'its queue grows'] : ['they', 'their queues grow'];
  return `the streams with \`cases\` bring more work than ${they} can do by the horizon (${wholeNumber(horizon)} h), so ${their} until the run ends`;
}

/** loadsOf's value: the offered load and what offeredLoadWithArrivals reads besides. */
type LoadParts = ReturnType<typeof loadsOf>;

/**
 * The parts of loadsOf that a variant shares with the baseline, each computed once for the
 * scenarios of one OfferedLoads: a flow's routing (a variant's flow is the baseline's own object
 * where its patch leaves the flow alone, read-once.ts, or has its routing where the patch changes
 * no link, start or p: durations and teams) and a flow's cases a week (its streams, calendars
 * and horizon the baseline's own). Computed from the same values, so the same numbers.
 */
class SharedParts {
  private readonly routings = new Map<string, { flow: FlowSpec; routing: FlowRouting }[]>();
  private readonly rates = new WeakMap<readonly ArrivalSpec[], WeakMap<readonly CalendarSpec[], Map<string, number>>>();

  routing(flow: FlowSpec): FlowRouting {
    let known = this.routings.get(flow.name);
    if (known === undefined) this.routings.set(flow.name, (known = []));
    for (const k of known) if (k.flow === flow || sameRouting(k.flow, flow)) return k.routing;
    // a validated flow's edges, which its zero-time loops' search read already
    const routing = flowRouting(flow, readFlowRoutingEdges(flow));
    known.push({ flow, routing });
    return routing;
  }

  casesPerWeek(scenario: Scenario, flow: string): number {
    let byCalendars = this.rates.get(scenario.arrivals);
    if (byCalendars === undefined) this.rates.set(scenario.arrivals, (byCalendars = new WeakMap()));
    let byFlow = byCalendars.get(scenario.calendars);
    if (byFlow === undefined) byCalendars.set(scenario.calendars, (byFlow = new Map()));
    const key = JSON.stringify([flow, scenario.run.horizon]);
    let cases = byFlow.get(key);
    if (cases === undefined) byFlow.set(key, (cases = casesPerWeek(scenario, flow)));
    return cases;
  }
}

/** Whether flowRouting reads the same of both flows: their start and each node's name, kind, links and p (routingEdges). */
function sameRouting(a: FlowSpec, b: FlowSpec): boolean {
  if (a.start !== b.start || a.nodes.length !== b.nodes.length) return false;
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.nodes.every((m, i) => {
    const n = b.nodes[i];
    if (m.name !== n.name) return false;
    if (m.kind === 'task') return n.kind === 'task' && m.next === n.next;
    if (m.kind === 'decision')
      return (
        n.kind === 'decision' &&
        m.branch.length === n.branch.length &&
        m.branch.every((x, k) => x.to === n.branch[k].to && x.p === n.branch[k].p)
      );
    return m.kind === 'fork' && n.kind === 'fork' && m.join === n.join && same(m.parallel, n.parallel);
  });
}

function loadsOf(scenario: Scenario, shared = new SharedParts()) {
  const routings = scenario.flows.map((flow) => shared.routing(flow));
  const work = taskWork(
    scenario,
    routings.map((r) => r.visits),
    (flow) => shared.casesPerWeek(scenario, flow),
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
  const { sets, shares: evenShares } = teamSets(scenario, work, exclusive, supplies);
  const loads = scenario.resources.map((r): ResourceLoad => {
    const roster = r.shifts ? weeklyCapacity(r.shifts) : null;
    const { hoursPerUnit, unitHours: supply } = supplies.get(r.name)!;
    const demandPerWeek = demand.get(r.name)!;
    return {
      resource: r.name,
      demandPerWeek,
      exclusiveDemandPerWeek: exclusive.get(r.name)!,
      poolableDemandPerWeek: poolable.get(r.name)!,
      pooledDemandPerWeek: evenShares.get(r.name) ?? demandPerWeek,
      tasksPerWeek: tasks.get(r.name)!,
      workScv: squaredVariation(tasks.get(r.name)!, moments.get(r.name)!),
      hoursPerUnit,
      capacity: r.capacity,
      unitHoursPerWeek: supply,
      hoursPerAddedUnit: r.shifts ? r.shifts.reduce((sum, shift) => sum + shiftHours(shift), 0) : hoursPerUnit,
      rostered: roster !== null,
      utilization: supply > 0 ? demandPerWeek / supply : demandPerWeek > 0 ? Infinity : 0,
      minimumUnits: hoursPerUnit > 0 ? Math.floor(demandPerWeek / hoursPerUnit) + 1 : Infinity,
      stability: sets.get(r.name)!,
    };
  });
  return { loads, routings, work, shares };
}

/** demand / supply, for a load's ratio: Infinity for work and no supply, 0 for neither. */
function ratioOf(demand: number, supply: number): number {
  return supply > 0 ? demand / supply : demand > 0 ? Infinity : 0;
}

/**
 * Each team's TeamSetLoad: the teams linked by skill pools fall into connected sets, each
 * judged exactly by its density decomposition (pool-levels.ts: max-flows, not every subset).
 * A team below 100% keeps its block's piece, at its level (the work that reaches it once the
 * busier teams are full, against its piece's unit-hours); a team at or above it, the set of
 * teams at or above its level that tasks join it to, against the work only they can take: the
 * overloaded set a minimum cut names, so that it is at least 100% and a team that only dilutes
 * it (takes no more than its unit-hours of what reaches the set) is not in it.
 * `exclusive`: each team's hours a week of the tasks it alone serves.
 */
function teamSets(
  scenario: Scenario,
  work: readonly TaskWork[],
  exclusive: ReadonlyMap<string, number>,
  supplies: ReadonlyMap<string, { unitHours: number }>,
): { sets: Map<string, TeamSetLoad>; shares: Map<string, number> } {
  const names = scenario.resources.map((r) => r.name);
  const index = new Map(names.map((n, i) => [n, i]));
  const parent = names.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (const w of work) for (let k = 1; k < w.teams.length; k++) parent[root(index.get(w.teams[k])!)] = root(index.get(w.teams[0])!);
  const components = new Map<number, number[]>();
  names.forEach((_, i) => {
    const r = root(i);
    if (!components.has(r)) components.set(r, []);
    components.get(r)!.push(i);
  });
  const own = names.map((n) => exclusive.get(n)!);
  const supply = names.map((n) => supplies.get(n)!.unitHours);
  const out = new Map<string, TeamSetLoad>();
  // a pool's team's hours in the most even split: its level x its unit-hours (none where its level is Infinity)
  const shares = new Map<string, number>();
  const setOf = (members: readonly number[], demand: number): TeamSetLoad => {
    const unitHours = members.reduce((sum, i) => sum + supply[i], 0);
    return { teams: members.map((i) => names[i]), demandPerWeek: demand, unitHoursPerWeek: unitHours, ratio: ratioOf(demand, unitHours) };
  };
  for (const members of components.values()) {
    if (members.length === 1) {
      out.set(names[members[0]], setOf(members, own[members[0]]));
      continue;
    }
    // the component's tasks by the teams that may take them (local indices, ascending), a team's own included
    const local = new Map(members.map((i, k) => [names[i], k]));
    const byTeams = new Map<string, PoolTask>();
    const add = (teams: number[], hours: number) => {
      const key = teams.join(',');
      const task = byTeams.get(key);
      if (task) task.hours += hours;
      else byTeams.set(key, { teams, hours });
    };
    members.forEach((i, k) => add([k], own[i]));
    for (const w of work)
      if (w.teams.length > 1 && local.has(w.teams[0]))
        add(
          [...new Set(w.teams.map((t) => local.get(t)!))].sort((a, b) => a - b),
          hoursPerWeek(w),
        );
    const tasks = [...byTeams.values()];
    const levels = poolLevels(
      members.map((i) => supply[i]),
      tasks,
    );
    members.forEach((i, k) => {
      const level = levels[k];
      if (Number.isFinite(level.level)) shares.set(names[i], level.level * supply[i]);
      const set = setOf(
        level.piece.map((j) => members[j]),
        level.demand,
      );
      if (!(set.ratio >= 1 && set.demandPerWeek > 0)) {
        out.set(names[i], set);
        return;
      }
      // overloaded: the teams as busy as it or busier that tasks join it to, on the work only they can take
      const busy = new Set(members.map((_, j) => j).filter((j) => levels[j].block <= level.block));
      const joined = new Set([k]);
      for (let grew = true; grew; ) {
        grew = false;
        for (const t of tasks)
          if (t.teams.every((j) => busy.has(j)) && t.teams.some((j) => joined.has(j)) && !t.teams.every((j) => joined.has(j))) {
            for (const j of t.teams) joined.add(j);
            grew = true;
          }
      }
      const piece = [...joined].sort((a, b) => a - b);
      const within = tasks.filter((t) => t.teams.every((j) => joined.has(j))).reduce((sum, t) => sum + t.hours, 0);
      out.set(
        names[i],
        setOf(
          piece.map((j) => members[j]),
          within,
        ),
      );
    });
  }
  return { sets: out, shares };
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
 * Per flow (by name), per node (by index): the visits a case makes there by hour of the week
 * (index 0: Monday 00:00-01:00), the flow's arrivals per hour moved on to the hours its cases are
 * expected to reach the node (reach-time.ts); null for a node never visited or no team's task.
 * The costly part of hourlyLoad (reachedHours), the same for each of its `pooled` readings: made
 * once per scenario (and per measured waits) and passed to each (fault-to-repair's three readings
 * in a `size --per-shift`: 186 -> 85 ms CPU, cold, median of 5, one-off, 2026-12-04).
 */
export type ReachPlacement = ReadonlyMap<string, readonly (Float64Array | null)[]>;

/**
 * Where the cases of each flow reach its teams' tasks, by hour of the week (ReachPlacement):
 * their arrival hours moved on by the steps before each (reach-time.ts: each way in by its own normal, session 44), in the open hours of a
 * step with closed hours (session 38), and with `waits` (per flow, a simulation's mean queue wait
 * per node: StepWaits, session 39) after the queues before it too.
 */
export function placeReach(scenario: Scenario, waits: ReadonlyMap<string, StepWaits> | null = null): ReachPlacement {
  const out = new Map<string, (Float64Array | null)[]>();
  for (const flow of scenario.flows) {
    const rate = flowRates(scenario, flow.name);
    const measured = waits?.get(flow.name) ?? null;
    // where a step before another keeps closed hours, the hours their cases reach the steps after it follow its open ones
    const inHours = reachedHours(scenario, flow, rate, measured);
    // else each way in by its own normal (a mixture; session 44: one normal of their pooled moments placed a step
    // reached 1 h or 72 h after a decision over the days between)
    const reach = inHours === null ? reachMixtures(flow, measured) : null;
    out.set(
      flow.name,
      flow.nodes.map((node, i) => {
        if (node.kind !== 'task' || node.resource === null) return null;
        if (inHours !== null) return inHours[i];
        if (reach === null || reach[i] === null) return null;
        // the visits of the cases arriving in each hour, spread over the hours they reach the task
        const kernel = mixtureKernel(reach[i]);
        const reaching = new Float64Array(HOURS_PER_WEEK);
        for (let k = 0; k < HOURS_PER_WEEK; k++) {
          if (kernel[k] === 0) continue;
          for (let h = 0; h < HOURS_PER_WEEK; h++) reaching[(h + k) % HOURS_PER_WEEK] += rate[h] * kernel[k];
        }
        return reaching;
      }),
    );
  }
  return out;
}

/**
 * The offered load by hour of the week, as workforce-management tools take it, each interval on
 * its own: the work of a task is counted in the hours its cases are expected to reach it
 * (`placed`: placeReach's; until session 37, the hour the case arrives, which held a team whose
 * work comes days after the order to the hours orders come in), and a pool's work goes to its
 * teams in the shares the weekly fill gives them (`pooled` 'shared'); or none of it to any
 * ('none': the work only each team can do), or all of it to each ('whole': the most each may take).
 */
export function hourlyLoad(
  scenario: Scenario,
  pooled: 'shared' | 'none' | 'whole' = 'shared',
  placed: ReachPlacement = placeReach(scenario),
): HourlyLoad[] {
  const work = taskWork(scenario);
  const { shares } = allocate(scenario, work);
  const out = new Map(
    scenario.resources.map((r) => [
      r.name,
      { resource: r.name, visits: new Float64Array(HOURS_PER_WEEK), work: new Float64Array(HOURS_PER_WEEK) },
    ]),
  );
  work.forEach((w, i) => {
    const reaching = placed.get(w.flow)?.[w.node] ?? null;
    if (reaching === null) return;
    w.teams.forEach((team, k) => {
      const load = out.get(team)!;
      const share = w.teams.length === 1 || pooled === 'shared' ? shares[i][k] : pooled === 'whole' ? 1 : 0;
      if (share === 0) return;
      for (let h = 0; h < HOURS_PER_WEEK; h++) {
        load.visits[h] += reaching[h] * w.visitsPerCase * share;
        load.work[h] += reaching[h] * w.visitsPerCase * w.meanHours * share;
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
function taskWork(
  scenario: Scenario,
  flowVisits = scenario.flows.map((flow) => expectedVisits(flow)),
  casesOf = (flow: string) => casesPerWeek(scenario, flow),
): TaskWork[] {
  const out: TaskWork[] = [];
  for (const [f, flow] of scenario.flows.entries()) {
    const casesPerWeek = casesOf(flow.name);
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
  const onShift = roster ? coverage(roster) : cal ? cal.periods : [{ start: 0, end: HOURS_PER_WEEK }];
  const hoursPerUnit = Math.min(
    HOURS_PER_WEEK,
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
  const streams = flowArrivals(scenario.arrivals, flow);
  let sum = casesUpTo(
    streamRates(
      streams.filter((a) => !bounded(a)),
      scenario.calendars,
    ),
    horizon,
  );
  // a stream with `after` or `cases`: its cases from `after` to the horizon, at most `cases`
  for (const a of streams) {
    if (!bounded(a)) continue;
    sum += streamCases(a, streamRates([a], scenario.calendars), horizon);
  }
  return sum;
}

/**
 * The cases one stream brings by `horizon` hours, `rates` its hourly rates (streamRates): those
 * from its `after` on, at most its `cases`. The one count of a bounded stream, which both
 * expectedArrivals (room reserved) and flowRates (the offered load's average) read.
 */
function streamCases(a: ArrivalSpec, rates: Float64Array, horizon: number): number {
  if (isBatch(a)) return batchRate(a, horizon) * horizon; // all N at `after`, which is before the horizon
  const after = Math.min(a.after ?? 0, horizon);
  return Math.min(a.cases ?? Number.POSITIVE_INFINITY, casesUpTo(rates, horizon) - casesUpTo(rates, after));
}

/** The integral of hourly rates (by hour of the week) from time 0 to `horizon`, whole weeks at once. */
function casesUpTo(rates: Float64Array, horizon: number): number {
  const weeks = Math.floor(horizon / HOURS_PER_WEEK);
  let sum = weeks * rates.reduce((a, b) => a + b, 0);
  const rest = horizon - weeks * HOURS_PER_WEEK;
  for (let h = 0; h < rest; h++) sum += rates[h] * Math.min(1, rest - h);
  return sum;
}

/**
 * Cases of a flow arriving per hour, for each hour of the week (Monday 00:00 first), over the
 * long run: a stream with `cases` averaged over the horizon (its rates scaled so that they
 * bring, over the horizon, the cases expectedArrivals counts for it); a batch's N, which come
 * at one instant, spread evenly over the hours of the horizon.
 */
function flowRates(scenario: Scenario, flow: string): Float64Array {
  const out = new Float64Array(HOURS_PER_WEEK);
  const horizon = scenario.run.horizon;
  for (const a of flowArrivals(scenario.arrivals, flow)) {
    if (isBatch(a)) {
      const perHour = batchRate(a, horizon);
      for (let h = 0; h < HOURS_PER_WEEK; h++) out[h] += perHour;
      continue;
    }
    const rates = streamRates([a], scenario.calendars);
    let scale = 1;
    if (a.cases !== undefined) {
      const whole = casesUpTo(rates, horizon);
      scale = whole > 0 ? streamCases(a, rates, horizon) / whole : 0;
    }
    for (let h = 0; h < HOURS_PER_WEEK; h++) out[h] += scale * rates[h];
  }
  return out;
}

/** A flow's cases a week over the long run: its flowRates summed. */
function casesPerWeek(scenario: Scenario, flow: string): number {
  return flowRates(scenario, flow).reduce((sum, perHour) => sum + perHour, 0);
}

/** Whether any stream of the scenario is finite (`cases`), so that its offered load is an average over the horizon. */
export function hasFiniteStreams(scenario: Scenario): boolean {
  return scenario.arrivals.some((a) => a.cases !== undefined);
}

/**
 * Cases the streams bring per hour, for each hour of the week (Monday 00:00 first); `calendars`:
 * the scenario's, which a stream's `calendar` names. A batch has no rate (streamCases counts it).
 */
function streamRates(arrivals: readonly ArrivalSpec[], calendars: readonly CalendarSpec[]): Float64Array {
  const out = new Float64Array(HOURS_PER_WEEK);
  for (const a of arrivals) {
    if (isBatch(a)) continue;
    const perHour = 1 / distMean(a.interarrival);
    const factors = streamFactors(a, calendars);
    for (let h = 0; h < HOURS_PER_WEEK; h++) out[h] += factors ? factors[h] * perHour : perHour;
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

/**
 * expectedVisits with the routing it solved: its edges and components, which the arrivals' variability reads too.
 * `out`: routingEdges(flow), made here unless given (readFlowRoutingEdges' for a validated flow).
 */
export function flowRouting(flow: FlowSpec, out: RoutingEdge[][] = routingEdges(flow)): FlowRouting {
  const n = flow.nodes.length;
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
