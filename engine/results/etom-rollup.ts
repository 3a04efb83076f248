// Results the way operators govern their processes: per eTOM process (the node's `etom`
// tag, else its flow's) and per vertical (Fulfillment, Assurance, ...). Each replication's
// node totals are summed first, then summarised, so intervals stay honest.
import { compareEtomIds, findProcess, verticalsOf } from '../etom/catalog.js';
import { metricLayout, NODE, SERVED } from '../model/metrics.js';
import { type Model, NODE_KIND } from '../model/model.js';
import type { ReplicationStats } from '../sim/replication-summary.js';
import { summarize as summarizeOver, type IntervalMethod, type Stat } from '../stats/summary.js';
import { record } from '../records.js';

export interface ProcessTotals {
  visits: Stat;
  wait_hours: Stat;
  service_hours: Stat;
  /** working hours at a team times its cost per hour */
  cost: Stat;
  /**
   * etomsim addition (session 35), only where a node of the process has `cancel_after` on its flow: the visits a
   * cancellation cut short in service, their work, and that work's cost (as `cost`); `service_hours` plus
   * `cut_service_hours` is all the work the teams did on the process
   */
  cut_visits?: Stat;
  cut_service_hours?: Stat;
  cut_cost?: Stat;
}

export interface EtomBlock extends ProcessTotals {
  name: string | null; // null when the id is not in the catalog
  level: number | null;
  vertical: string | null;
  /**
   * Mean wait and service per visit, hours, as a node's own `wait` and `service` (summariseNode), over all the
   * process's tasks: `wait` is `wait_hours` over the waits that ended in the window (the nodes' `waits`: a visit still
   * in service at the horizon waited too), `service` is `service_hours` over the tasks' completed visits (a decision's
   * or fork's passes, in `visits`, have no service). Per replication, then summarised: a process of one task has that
   * task's figures exactly; one without tasks, none (null).
   */
  wait: Stat;
  service: Stat;
  nodes: string[]; // FLOW.NODE
}

export interface EtomRollup {
  etom: Record<string, EtomBlock>;
  verticals: Record<string, ProcessTotals>;
}

const UNKNOWN_VERTICAL = 'Unclassified';

/** `interval` 'johnson': each stat also has Johnson's interval (ci95_johnson), as the variant's own stats. */
export function rollupByEtom(model: Model, reps: ReplicationStats[], interval: IntervalMethod = 't'): EtomRollup {
  const summarize = (values: ArrayLike<number>) => summarizeOver(values, interval);
  const layout = metricLayout(model);
  const groups = new Map<string, number[]>(); // process id -> node ids
  for (const node of model.nodes) {
    const tag = node.etom ?? model.flows[node.flow].etom;
    if (tag === null) continue;
    const id = findProcess(tag)?.id ?? tag;
    groups.set(id, [...(groups.get(id) ?? []), node.id]);
  }
  /** per replication, the sum over `nodes` of a node slot */
  const sums = (nodes: number[], slot: number) =>
    reps.map((r) => nodes.reduce((s, n) => s + nonNaN(r.metrics[layout.nodeBase[n] + slot]), 0));
  /**
   * A node's service hours (`cut`: those cut short by a cancellation) at its team's cost per hour; a pooled task's at
   * the cost of the team that served each.
   */
  const serviceCost = (metrics: Float64Array, n: number, cut = false) => {
    const { resource, pool } = model.nodes[n];
    const served = cut ? SERVED.cutServiceHours : SERVED.serviceHours;
    if (pool !== null)
      return pool.reduce((sum, r, i) => sum + nonNaN(metrics[layout.servedBase[n][i] + served]) * model.resources[r].costPerHour, 0);
    const slot = cut ? NODE.cutServiceHours : NODE.serviceHours;
    return resource < 0 ? 0 : nonNaN(metrics[layout.nodeBase[n] + slot]) * model.resources[resource].costPerHour;
  };
  /** The cut work's totals, where a node of `nodes` can be cut short (its flow has cancel_after): none else. */
  const cutTotals = (nodes: number[]) =>
    nodes.some((n) => model.nodes[n].kind === NODE_KIND.task && model.flows[model.nodes[n].flow].cancelAfter !== Infinity)
      ? {
          cut_visits: summarize(sums(nodes, NODE.cutVisits)),
          cut_service_hours: summarize(sums(nodes, NODE.cutServiceHours)),
          cut_cost: summarize(reps.map((r) => nodes.reduce((sum, n) => sum + serviceCost(r.metrics, n, true), 0))),
        }
      : {};
  const etom = record<EtomBlock>();
  const verticalNodes = new Map<string, number[]>();
  for (const [id, nodes] of [...groups].sort(([a], [b]) => compareEtomIds(a, b))) {
    const process = findProcess(id);
    const vertical = verticalsOf(id)[0] ?? UNKNOWN_VERTICAL;
    verticalNodes.set(vertical, [...(verticalNodes.get(vertical) ?? []), ...nodes]);
    const visits = sums(nodes, NODE.visits);
    const wait = sums(nodes, NODE.waitHours);
    const service = sums(nodes, NODE.serviceHours);
    const waits = sums(nodes, NODE.waits);
    const taskVisits = sums(
      nodes.filter((n) => model.nodes[n].kind === NODE_KIND.task),
      NODE.visits,
    );
    etom[id] = {
      name: process?.name ?? null,
      level: process?.level ?? null,
      vertical: process ? vertical : null,
      visits: summarize(visits),
      wait_hours: summarize(wait),
      service_hours: summarize(service),
      cost: summarize(reps.map((r) => nodes.reduce((sum, n) => sum + serviceCost(r.metrics, n), 0))),
      ...cutTotals(nodes),
      wait: summarize(wait.map((w, i) => (waits[i] > 0 ? w / waits[i] : NaN))),
      service: summarize(service.map((s, i) => (taskVisits[i] > 0 ? s / taskVisits[i] : NaN))),
      nodes: nodes.map((n) => `${model.flows[model.nodes[n].flow].name}.${model.nodes[n].name}`),
    };
  }
  const verticals = record<ProcessTotals>();
  for (const [vertical, nodes] of verticalNodes) {
    verticals[vertical] = {
      visits: summarize(sums(nodes, NODE.visits)),
      wait_hours: summarize(sums(nodes, NODE.waitHours)),
      service_hours: summarize(sums(nodes, NODE.serviceHours)),
      cost: summarize(reps.map((r) => nodes.reduce((sum, n) => sum + serviceCost(r.metrics, n), 0))),
      ...cutTotals(nodes),
    };
  }
  return { etom, verticals };
}

/** Decisions and forks have no wait or service slot: they add nothing. */
function nonNaN(x: number): number {
  return Number.isNaN(x) ? 0 : x;
}
