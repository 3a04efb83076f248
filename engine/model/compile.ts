// Scenario (names, specs) -> Model (ids, samplers). Validation has already guaranteed that
// every reference resolves, so a missing name here is a bug, not a user error.
import { compileSampler } from '../random/distributions.js';
import { hashString } from '../random/hash.js';
import { weeklyCapacity } from '../scenario/roster.js';
import type { ArrivalSpec, FlowSpec, NodeSpec, Scenario } from '../scenario/types.js';
import { weeklyFactors } from './arrival-profile.js';
import { expectedArrivals, offeredLoad, type ResourceLoad } from './offered-load.js';
import { NODE_KIND, type Model, type ModelArrival, type ModelFlow, type ModelNode } from './model.js';

const MAX_SERIES_BINS = 200;

export function compileModel(scenario: Scenario): Model {
  return compile(scenario, offeredLoad(scenario));
}

/**
 * The model's structure (flows, nodes, teams, series bins) for what reads only that, such as
 * results.json's size bound: its teams' offered rates are NaN, not worked out (the offered
 * load's routing sweeps cost a `validate` of 10,000 nodes as much as the rest of the compile).
 * Never simulated: a replication's messages read those rates.
 */
export function compileLayout(scenario: Scenario): Model {
  return compile(scenario, null);
}

function compile(scenario: Scenario, loads: ResourceLoad[] | null): Model {
  const calendarIds = indexByName(scenario.calendars);
  const resourceIds = indexByName(scenario.resources);
  const flowIds = indexByName(scenario.flows);
  const nodes: ModelNode[] = [];
  const flows = scenario.flows.map((f, i) =>
    compileFlow(f, i, nodes, resourceIds, expectedArrivals(scenario, f.name, scenario.run.horizon)),
  );
  const priorities = [...new Set(scenario.arrivals.map((a) => a.priority))].sort((a, b) => b - a);
  const days = scenario.run.horizon / 24;
  const binDays = Math.max(1, Math.ceil(days / MAX_SERIES_BINS));
  return {
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
      ...(loads === null ? { offeredPerHour: NaN, capacityPerHour: NaN } : offeredRates(loads[id])),
    })),
    flows,
    nodes,
    arrivals: scenario.arrivals.map((a) => compileArrival(a, lookup(flowIds, a.flow), priorities)),
    priorities,
    seriesBinHours: binDays * 24,
    seriesBins: Math.ceil(scenario.run.horizon / (binDays * 24)),
  };
}

/** Tasks per hour offered to a team and that it can do, at the mean duration of what it is offered. */
function offeredRates(load: ResourceLoad): { offeredPerHour: number; capacityPerHour: number } {
  const offeredPerHour = load.tasksPerWeek / 168;
  if (load.tasksPerWeek === 0) return { offeredPerHour, capacityPerHour: NaN };
  const hoursPerTask = load.demandPerWeek / load.tasksPerWeek;
  return { offeredPerHour, capacityPerHour: hoursPerTask > 0 ? load.unitHoursPerWeek / 168 / hoursPerTask : Infinity };
}

function compileFlow(flow: FlowSpec, id: number, nodes: ModelNode[], resourceIds: Map<string, number>, arrivals: number): ModelFlow {
  const first = nodes.length;
  const localIds = new Map(flow.nodes.map((n, i) => [n.name, first + i]));
  const node = (name: string) => lookup(localIds, name);
  flow.nodes.forEach((spec, local) => nodes.push(compileNode(spec, flow.name, id, first + local, local, node, resourceIds)));
  return {
    id,
    name: flow.name,
    etom: flow.etom,
    sla: flow.sla ?? NaN,
    start: node(flow.start),
    cancelAfter: flow.cancelAfter ?? Infinity,
    kpis: flow.kpis.map((k) => ({
      name: k.name,
      from: k.from === 'start' ? -1 : node(k.from),
      to: node(k.to),
      sla: k.sla ?? NaN,
    })),
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
): ModelNode {
  const base: ModelNode = {
    id,
    name: spec.name,
    flow,
    local,
    kind: NODE_KIND[spec.kind],
    etom: spec.etom,
    resource: -1,
    pool: null,
    duration: null,
    next: -1,
    branchTo: [],
    branchCum: [],
    parallel: [],
    join: -1,
    durationHash: hashString(`duration:${flowName}:${spec.name}`),
    branchHash: hashString(`branch:${flowName}:${spec.name}`),
  };
  switch (spec.kind) {
    case 'task':
      base.resource = spec.resource === null ? -1 : lookup(resourceIds, spec.resource);
      if (spec.pool && spec.pool.length > 1) base.pool = spec.pool.map((name) => lookup(resourceIds, name));
      base.duration = compileSampler(spec.duration);
      base.next = spec.next === null ? -1 : node(spec.next);
      break;
    case 'decision': {
      let cum = 0;
      for (const b of spec.branch) {
        cum += b.p;
        base.branchTo.push(node(b.to));
        base.branchCum.push(cum);
      }
      base.branchCum[base.branchCum.length - 1] = 1; // sums within 1e-9 of 1: never fall off the end
      break;
    }
    case 'fork':
      base.parallel = spec.parallel.map(node);
      base.join = node(spec.join);
      break;
  }
  return base;
}

function compileArrival(a: ArrivalSpec, flow: number, priorities: number[]): ModelArrival {
  const profile = a.profile ? weeklyFactors(a.profile) : null;
  return {
    flow,
    interarrival: compileSampler(a.interarrival),
    profile,
    profileMax: profile ? Math.max(...profile) : 1,
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
