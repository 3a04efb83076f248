// Offered load: the working hours per week that arrivals bring to each team, from the
// expected visits per case (a linear system over the flow's routing) and mean durations.
// It warns of unstable runs and gives team sizing its lower bound. A skill pool's work is
// given to its teams in preference order, each up to its unit-hours.
import { distMean } from '../random/distributions.js';
import type { FlowSpec, Scenario } from '../scenario/types.js';
import { weeklyFactors } from './compile.js';
import { coverage, shiftHours, unitHoursPerWeek, weeklyCapacity } from '../scenario/roster.js';
import { componentsInTopologicalOrder, routingEdges, solveComponent } from './routing-chain.js';

export interface ResourceLoad {
  resource: string;
  /** working hours of demand per week */
  demandPerWeek: number;
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

export function offeredLoad(scenario: Scenario): ResourceLoad[] {
  const demand = new Map(scenario.resources.map((r) => [r.name, 0]));
  const pooled: { teams: string[]; hours: number }[] = [];
  for (const flow of scenario.flows) {
    const casesPerWeek = scenario.arrivals.filter((a) => a.flow === flow.name).reduce((sum, a) => sum + arrivalsPerWeek(a), 0);
    const visits = expectedVisits(flow);
    flow.nodes.forEach((node, i) => {
      if (node.kind !== 'task' || node.resource === null) return;
      const hours = casesPerWeek * visits[i] * distMean(node.duration);
      if (node.pool && node.pool.length > 1) pooled.push({ teams: node.pool, hours });
      else demand.set(node.resource, demand.get(node.resource)! + hours);
    });
  }
  const supplies = new Map(scenario.resources.map((r) => [r.name, supplyOf(r, scenario)]));
  // A pool's work goes to its teams in preference order, each up to what it has left; what
  // none has room for goes to the last listed, which then shows as overloaded.
  for (const { teams, hours } of pooled) {
    let left = hours;
    teams.forEach((team, i) => {
      const room = Math.max(0, supplies.get(team)!.unitHours - demand.get(team)!);
      const taken = i === teams.length - 1 ? left : Math.min(left, room);
      demand.set(team, demand.get(team)! + taken);
      left -= taken;
    });
  }
  return scenario.resources.map((r) => {
    const roster = r.shifts ? weeklyCapacity(r.shifts) : null;
    const { hoursPerUnit, unitHours: supply } = supplies.get(r.name)!;
    const demandPerWeek = demand.get(r.name)!;
    return {
      resource: r.name,
      demandPerWeek,
      hoursPerUnit,
      capacity: r.capacity,
      unitHoursPerWeek: supply,
      hoursPerAddedUnit: r.shifts ? r.shifts.reduce((sum, shift) => sum + shiftHours(shift), 0) : hoursPerUnit,
      rostered: roster !== null,
      utilization: supply > 0 ? demandPerWeek / supply : demandPerWeek > 0 ? Infinity : 0,
      minimumUnits: hoursPerUnit > 0 ? Math.floor(demandPerWeek / hoursPerUnit) + 1 : Infinity,
    };
  });
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

function arrivalsPerWeek(a: Scenario['arrivals'][number]): number {
  const perHour = 1 / distMean(a.interarrival);
  if (!a.profile) return perHour * 168;
  return weeklyFactors(a.profile).reduce((s, f) => s + f * perHour, 0);
}

/**
 * Expected visits to each node per case: v = e_start + Mᵀv, where M holds the routing
 * weights (routing-chain.ts). Solved one strongly connected component (a loop, or a single
 * node) at a time in topological order: what flows into a component is known once its
 * predecessors are, so only loops need a (small, dense) system and a long flow costs linear time.
 */
export function expectedVisits(flow: FlowSpec): number[] {
  const n = flow.nodes.length;
  const out = routingEdges(flow);
  const visits = new Array<number>(n).fill(0);
  const inflow = new Float64Array(n);
  inflow[flow.nodes.findIndex((node) => node.name === flow.start)] = 1;
  for (const component of componentsInTopologicalOrder(out)) {
    const solved = solveComponent(component, out, (node) => inflow[node]);
    const inside = new Set(component);
    component.forEach((node, r) => {
      visits[node] = solved[r];
      for (const { to, w } of out[node]) if (!inside.has(to)) inflow[to] += w * solved[r];
    });
  }
  return visits;
}
