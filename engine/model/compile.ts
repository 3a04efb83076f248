// Scenario (names, specs) -> Model (ids, samplers). Validation has already guaranteed that
// every reference resolves, so a missing name here is a bug, not a user error.
import { compileSampler, DIST } from '../random/distributions.js';
import { hashString } from '../random/hash.js';
import { weekPieces, weeklyCapacity } from '../scenario/roster.js';
import { pAtVisit, visitClasses } from '../scenario/visit-shares.js';
import {
  type ArrivalSpec,
  FROM_ARRIVAL,
  type FlowSpec,
  type NodeSpec,
  type ResourceSpec,
  type Scenario,
  type WorkingDaysSla,
} from '../scenario/types.js';
import { weeklyFactors } from './arrival-profile.js';
import { expectedArrivals, offeredLoad, type ResourceLoad } from './offered-load.js';
import {
  NODE_KIND,
  NODE_KIND_NAMED,
  type Model,
  type ModelArrival,
  type ModelFlow,
  type ModelLayout,
  type ModelNode,
  type ModelResource,
} from './model.js';
import { onCycles } from './routing-chain.js';
import { HOURS_PER_WEEK } from '../week.js';

const MAX_SERIES_BINS = 200;

/**
 * `loads`: the scenario's offeredLoad, when the caller has computed it already (experimentVariants
 * computes it, with the arrivals' variability, for the run's stability checks): one pass, not two.
 */
export function compileModel(scenario: Scenario, loads: readonly ResourceLoad[] = offeredLoad(scenario)): Model {
  return compile(scenario, loads);
}

/** The model with no case arriving after hour `until` (ModelArrival.until), its horizon unchanged: a log's window replayed (fidelity). */
export function arrivalsUntil(model: Model, until: number): Model {
  return { ...model, arrivals: model.arrivals.map((a) => ({ ...a, until })) };
}

/**
 * The model's structure (flows, nodes, teams, series bins) for what reads only that, such as
 * results.json's size bound: compileModel's values, without what only a simulation reads (its
 * samplers, random streams, arrivals, calendars, rosters and offered rates). A `validate` lays
 * out the baseline and every variant, and compiling them whole cost the fiber scenario's about
 * 9 M of its 313 M instructions (test/model/compile-layout.test.ts holds it to compileModel).
 */
export function compileLayout(scenario: Scenario): ModelLayout {
  const resourceIds = indexByName(scenario.resources);
  const nodes: ModelLayout['nodes'] = [];
  const flows = scenario.flows.map((f, flow) => {
    for (const spec of f.nodes) {
      nodes.push({
        name: spec.name,
        flow,
        kind: NODE_KIND_NAMED[spec.kind],
        etom: spec.etom,
        pool: spec.kind === 'task' ? poolOf(spec, resourceIds) : null,
      });
    }
    return {
      name: f.name,
      etom: f.etom,
      sla: f.sla ?? NaN,
      slaDays: f.slaWorkingDays?.days ?? 0,
      cancelAfter: f.cancelAfter ?? Infinity,
      kpis: f.kpis.map((k) => ({ name: k.name, sla: k.sla ?? NaN, slaDays: k.slaWorkingDays?.days ?? 0 })),
    };
  });
  return {
    horizon: scenario.run.horizon,
    warmup: scenario.run.warmup,
    seriesBins: seriesBinsOf(scenario.run.horizon).seriesBins,
    resources: scenario.resources.map((r) => ({ name: r.name, ...shiftsOf(r) })),
    flows,
    nodes,
  };
}

function compile(scenario: Scenario, loads: readonly ResourceLoad[]): Model {
  const calendarIds = indexByName(scenario.calendars);
  const resourceIds = indexByName(scenario.resources);
  const flowIds = indexByName(scenario.flows);
  const nodes: ModelNode[] = [];
  const flows = scenario.flows.map((f, i) =>
    compileFlow(f, i, nodes, resourceIds, calendarIds, expectedArrivals(scenario, f.name, scenario.run.horizon)),
  );
  const priorities = [...new Set(scenario.arrivals.map((a) => a.priority))].sort((a, b) => b - a);
  const model: Model = {
    name: scenario.name,
    horizon: scenario.run.horizon,
    warmup: scenario.run.warmup,
    calendars: scenario.calendars.map((c) => c.periods.map((p) => ({ ...p }))),
    calendarNames: scenario.calendars.map((c) => c.name),
    resources: scenario.resources.map((r, id) => ({
      id,
      name: r.name,
      capacity: r.capacity,
      costPerHour: r.costPerHour,
      calendar: r.calendar === null ? -1 : lookup(calendarIds, r.calendar),
      roster: r.shifts ? weeklyCapacity(r.shifts) : null,
      ...shiftsOf(r),
      ...offeredRates(loads[id]),
    })),
    flows,
    nodes,
    arrivals: scenario.arrivals.map((a) => compileArrival(a, lookup(flowIds, a.flow), priorities, scenario.run.horizon, calendarIds)),
    priorities,
    ...seriesBinsOf(scenario.run.horizon),
  };
  for (const f of flows) {
    const again = revisitedNodes(model, f.id);
    for (let local = 0; local < again.length; local++) if (again[local] === 1) nodes[f.nodes[local]].revisits = true;
  }
  for (const n of nodes) n.plainTask = n.kind === NODE_KIND.task && n.resource >= 0 && n.pool === null && !n.kpiFrom && !n.revisits;
  return model;
}

/** A team's shifts folded into the week, and its wait target (results' per-shift lines: ModelResource). */
function shiftsOf(r: ResourceSpec): Pick<ModelResource, 'shifts' | 'waitTarget'> {
  return { shifts: r.shifts ? r.shifts.map((s) => weekPieces(s.periods)) : null, waitTarget: r.waitTarget ?? NaN };
}

/** Days to a bin of the time series: whole days, at most MAX_SERIES_BINS bins. */
export function seriesBinsOf(horizon: number): { seriesBinHours: number; seriesBins: number } {
  const binDays = Math.max(1, Math.ceil(horizon / 24 / MAX_SERIES_BINS));
  return { seriesBinHours: binDays * 24, seriesBins: Math.ceil(horizon / (binDays * 24)) };
}

/** Tasks per hour offered to a team and that it can do, at the mean duration of what it is offered. */
function offeredRates(load: ResourceLoad): { offeredPerHour: number; capacityPerHour: number } {
  const offeredPerHour = load.tasksPerWeek / HOURS_PER_WEEK;
  if (load.tasksPerWeek === 0) return { offeredPerHour, capacityPerHour: NaN };
  const hoursPerTask = load.demandPerWeek / load.tasksPerWeek;
  return { offeredPerHour, capacityPerHour: hoursPerTask > 0 ? load.unitHoursPerWeek / HOURS_PER_WEEK / hoursPerTask : Infinity };
}

/** An sla in working days as the model holds it: how many (0: none) and the calendar's index (-1: none). */
function workingDays(sla: WorkingDaysSla | null | undefined, calendarIds: Map<string, number>): { slaDays: number; slaCalendar: number } {
  return sla ? { slaDays: sla.days, slaCalendar: lookup(calendarIds, sla.calendar) } : { slaDays: 0, slaCalendar: -1 };
}

function compileFlow(
  flow: FlowSpec,
  id: number,
  nodes: ModelNode[],
  resourceIds: Map<string, number>,
  calendarIds: Map<string, number>,
  arrivals: number,
): ModelFlow {
  const first = nodes.length;
  const localIds = new Map(flow.nodes.map((n, i) => [n.name, first + i]));
  const node = (name: string) => lookup(localIds, name);
  flow.nodes.forEach((spec, local) => nodes.push(compileNode(spec, flow.name, id, first + local, local, node, resourceIds, calendarIds)));
  const kpis = flow.kpis.map((k) => ({
    name: k.name,
    from: k.from === FROM_ARRIVAL ? -1 : node(k.from),
    to: node(k.to),
    sla: k.sla ?? NaN,
    ...workingDays(k.slaWorkingDays, calendarIds),
  }));
  for (const k of kpis) {
    if (k.from >= 0) nodes[k.from].kpiFrom = true;
    nodes[k.to].kpiTo = true;
  }
  return {
    id,
    name: flow.name,
    etom: flow.etom,
    sla: flow.sla ?? NaN,
    ...workingDays(flow.slaWorkingDays, calendarIds),
    start: node(flow.start),
    cancelAfter: flow.cancelAfter ?? Infinity,
    kpis,
    nodes: flow.nodes.map((_, i) => first + i),
    expectedArrivals: arrivals,
  };
}

function compileNode(
  spec: NodeSpec,
  flowName: string,
  flow: number,
  id: number,
  local: number,
  node: (name: string) => number,
  resourceIds: Map<string, number>,
  calendarIds: Map<string, number>,
): ModelNode {
  const base: ModelNode = {
    id,
    name: spec.name,
    flow,
    local,
    kind: NODE_KIND_NAMED[spec.kind],
    etom: spec.etom,
    resource: -1,
    pool: null,
    duration: null,
    next: -1,
    branchTo: [],
    branchCum: [],
    visitCum: null,
    parallel: [],
    join: -1,
    durationHash: hashString(`duration:${flowName}:${spec.name}`),
    branchHash: hashString(`branch:${flowName}:${spec.name}`),
    calendar: -1,
    untilAge: false,
    outOfLine: false,
    kpiFrom: false,
    kpiTo: false,
    revisits: false,
    plainTask: false,
  };
  switch (spec.kind) {
    case 'task':
      base.resource = spec.resource === null ? -1 : lookup(resourceIds, spec.resource);
      base.pool = poolOf(spec, resourceIds);
      base.duration = compileSampler(spec.duration);
      base.next = spec.next === null ? -1 : node(spec.next);
      if (spec.calendar) base.calendar = lookup(calendarIds, spec.calendar);
      base.untilAge = spec.until === 'case_age';
      base.outOfLine = base.calendar >= 0 || base.untilAge;
      break;
    case 'decision': {
      for (const b of spec.branch) base.branchTo.push(node(b.to));
      const classes = visitClasses(spec.branch);
      if (classes === 1) base.branchCum = cumulative(spec.branch.map((b) => b.p));
      else base.visitCum = Array.from({ length: classes }, (_, k) => cumulative(spec.branch.map((b) => pAtVisit(b, k))));
      break;
    }
    case 'fork':
      base.parallel = spec.parallel.map(node);
      base.join = node(spec.join);
      break;
  }
  return base;
}

/** A decision's cumulative probabilities; the last is 1, as they sum within 1e-9 of 1: a draw never falls off the end. */
function cumulative(ps: number[]): number[] {
  let cum = 0;
  const out = ps.map((p) => (cum += p));
  out[out.length - 1] = 1;
  return out;
}

/** A task's skill pool as team ids; null for one team or none. */
function poolOf(spec: NodeSpec & { kind: 'task' }, resourceIds: Map<string, number>): number[] | null {
  return spec.pool && spec.pool.length > 1 ? spec.pool.map((name) => lookup(resourceIds, name)) : null;
}

function compileArrival(
  a: ArrivalSpec,
  flow: number,
  priorities: number[],
  horizon: number,
  calendarIds: Map<string, number>,
): ModelArrival {
  const profile = a.profile ? weeklyFactors(a.profile) : null;
  const interarrival = compileSampler(a.interarrival);
  const cases = a.cases ?? Number.POSITIVE_INFINITY;
  const calendar = a.calendar ? lookup(calendarIds, a.calendar) : -1;
  return {
    flow,
    interarrival,
    profile,
    profileMax: profile ? Math.max(...profile) : 1,
    calendar,
    until: horizon,
    after: a.after ?? 0,
    cases,
    outOfLine: profile !== null || interarrival.kind !== DIST.exponential || cases !== Number.POSITIVE_INFINITY || calendar >= 0,
    priorityLevel: priorities.indexOf(a.priority),
    priority: a.priority,
    hash: hashString(`arrivals:${a.flow}:${a.ordinal}`),
  };
}

function indexByName(items: readonly { name: string }[]): Map<string, number> {
  return new Map(items.map((x, i) => [x.name, i]));
}

function lookup(ids: Map<string, number>, name: string): number {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`internal: unresolved reference '${name}' after validation`);
  return id;
}

/**
 * Per node of the flow (by local index), 1 where a case may enter it more than once, which is
 * where its visits must be counted (ModelNode.revisits): a visit is counted as a token enters a
 * node past any join that stops it (Simulation.enter), so a node is entered twice only by one
 * token coming round to it again, or by two tokens of the case. The first needs a cycle through
 * the node. For the second, the tokens' histories part at some fork, down two of its branches,
 * and meet again only at its join, where all but the last stop before the join is counted: so
 * the node is reachable from two branches of that fork by paths that do not pass its join. A
 * fork entered twice (a loop round it, or two branches of an outer fork leading to it) passes
 * on its count to its branches by these two rules. Every branch is followed, p = 0 or not, and
 * a token that would cross its join unmerged (a fork nested in another's branch whose branches
 * reach the outer join before their own) does so only on a cycle (graph-checks.ts' checkFork):
 * the rules mark a superset of the nodes entered twice, and a node left unmarked has visit 0
 * whether counted or not. A flow with no loop and no fork marks none (a single token in an
 * acyclic graph); one with a fork marks only what its branches share before the join, so the
 * tasks before the fork, its join and what follows stay plain (ModelNode.plainTask).
 */
export function revisitedNodes(model: Model, flow: number): Uint8Array {
  const nodes = model.flows[flow].nodes.map((id) => model.nodes[id]);
  const n = nodes.length;
  const successors = nodes.map((node) => {
    const to =
      node.kind === NODE_KIND.decision ? node.branchTo : node.kind === NODE_KIND.fork ? node.parallel : node.next >= 0 ? [node.next] : [];
    return to.map((id) => model.nodes[id].local);
  });
  const again = onCycles(successors);
  // Per fork, how many of its branches reach each node before the join (2 is as many as matter):
  // a walk stops at a node two branches reached already, as all after it is reached twice.
  // Each node is walked at most three times a fork, and only the nodes walked are cleared after it.
  const reached = new Uint8Array(n);
  const stamp = new Int32Array(n).fill(-1);
  let walk = 0;
  for (const fork of nodes) {
    if (fork.kind !== NODE_KIND.fork) continue;
    const join = model.nodes[fork.join].local;
    const walked: number[] = [];
    for (const child of fork.parallel) {
      const stack = [model.nodes[child].local];
      walk++;
      while (stack.length > 0) {
        const at = stack.pop()!;
        if (at === join || stamp[at] === walk || reached[at] >= 2) continue;
        stamp[at] = walk;
        if (reached[at]++ === 0) walked.push(at);
        else again[at] = 1;
        for (const to of successors[at]) stack.push(to);
      }
    }
    for (const at of walked) reached[at] = 0;
  }
  return again;
}
