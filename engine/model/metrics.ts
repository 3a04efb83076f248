// Where each per-replication number lives. A replication returns one Float64Array; this
// layout gives each slot the dotted path of results.json (the same paths that comparisons and
// sizing targets use), in the catalogue's order, so summaries never need to know what a slot means.
import { CATALOGUE, type MetricKind, OFF_SHIFT } from './metric-catalogue.js';
import { NODE_KIND, type ModelLayout } from './model.js';
import { HOURS_PER_WEEK } from '../week.js';

export { FLOW, KPI, NODE, RESOURCE, SERVED, SHIFT } from './metric-catalogue.js';

export interface MetricLayout {
  /** Dotted path of each slot; null for a slot the model does not report (an SLA share without an SLA). */
  paths: (string | null)[];
  flowBase: number[];
  kpiBase: number[][]; // per flow, per kpi
  nodeBase: number[];
  /** per node: per team of its skill pool (in the pool's order), the base of its `served_by` block; empty without a pool */
  servedBase: number[][];
  resourceBase: number[];
  /**
   * per resource: the bases of its per-shift blocks, one per shift of its roster in the roster's
   * order, then its off-shift line when the shifts leave some hour of the week uncovered; empty without a roster
   */
  shiftBase: number[][];
}

export function metricLayout(model: ModelLayout): MetricLayout {
  const paths: (string | null)[] = [];
  const block = (prefix: string, kinds: Record<string, MetricKind>, reported: (kind: MetricKind) => boolean) => {
    const base = paths.length;
    for (const kind of Object.values(kinds)) paths.push(reported(kind) ? `${prefix}.${kind.stat}` : null);
    return base;
  };
  const flowBase: number[] = [];
  const kpiBase: number[][] = [];
  for (const f of model.flows) {
    const p = `flows.${f.name}`;
    flowBase.push(block(p, CATALOGUE.flow, (k) => k.only !== 'with_sla' || !Number.isNaN(f.sla) || f.slaDays > 0));
    kpiBase.push(
      f.kpis.map((kpi) =>
        block(`${p}.kpis.${kpi.name}`, CATALOGUE.kpi, (k) => k.only !== 'with_sla' || !Number.isNaN(kpi.sla) || kpi.slaDays > 0),
      ),
    );
  }
  const nodeBase: number[] = [];
  const servedBase: number[][] = [];
  for (const n of model.nodes) {
    const p = `flows.${model.flows[n.flow].name}.nodes.${n.name}`;
    const task = n.kind === NODE_KIND.task;
    const cancellable = task && model.flows[n.flow].cancelAfter !== Infinity;
    const reported = (k: MetricKind) => (k.only === 'task' ? task : k.only === 'cancellable' ? cancellable : true);
    nodeBase.push(block(p, CATALOGUE.node, reported));
    servedBase.push((n.pool ?? []).map((r) => block(`${p}.served_by.${model.resources[r].name}`, CATALOGUE.served, reported)));
  }
  const resourceBase = model.resources.map((r) => block(`resources.${r.name}`, CATALOGUE.resource, () => true));
  const shiftBase = model.resources.map((r) => {
    if (r.shifts === null) return [];
    const reported = (k: MetricKind) => k.only !== 'with_wait_target' || !Number.isNaN(r.waitTarget);
    const lines = r.shifts.map((_, k) => block(`resources.${r.name}.shifts.${k}`, CATALOGUE.shift, reported));
    if (!coversWeek(r.shifts)) lines.push(block(`resources.${r.name}.shifts.${OFF_SHIFT}`, CATALOGUE.shift, reported));
    return lines;
  });
  return { paths, flowBase, kpiBase, nodeBase, servedBase, resourceBase, shiftBase };
}

/** Whether every moment of the week is inside some shift (pieces folded into the week, as ModelResource.shifts). */
function coversWeek(shifts: readonly { start: number; end: number }[][]): boolean {
  const pieces = shifts.flat().sort((a, b) => a.start - b.start);
  let reached = 0;
  for (const p of pieces) {
    if (p.start > reached) return false;
    if (p.end > reached) reached = p.end;
  }
  return reached >= HOURS_PER_WEEK;
}
