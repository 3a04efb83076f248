// Where each per-replication number lives. A replication returns one Float64Array; this
// layout names its slots with the dotted paths of results.json (the same paths that
// comparisons and sizing targets use), so summaries never need to know what a slot means.
import { NODE_KIND, type Model } from './model.js';

export const FLOW = {
  arrived: 0,
  completed: 1,
  cancelled: 2,
  throughput: 3,
  wip: 4,
  cycleMean: 5,
  cycleP50: 6,
  cycleP90: 7,
  cycleP95: 8,
  sla: 9,
  costPerCase: 10,
  breakdown: 11, // five slots, in BREAKDOWN order
  openAtHorizon: 16,
  openAge: 17,
} as const;
const FLOW_PATHS = [
  'arrived',
  'completed',
  'cancelled',
  'throughput_per_day',
  'wip',
  'cycle_time.mean',
  'cycle_time.p50',
  'cycle_time.p90',
  'cycle_time.p95',
  'sla_attainment',
  'cost_per_case',
  'breakdown.service',
  'breakdown.wait',
  'breakdown.off_shift',
  'breakdown.join',
  'breakdown.automated',
  'open_at_horizon',
  'open_age',
];

export const KPI = { mean: 0, p50: 1, p90: 2, p95: 3, sla: 4, count: 5 } as const;
const KPI_PATHS = ['mean', 'p50', 'p90', 'p95', 'sla_attainment', 'count'];

export const NODE = { visits: 0, wait: 1, service: 2, waitHours: 3, serviceHours: 4 } as const;
const NODE_PATHS = ['visits', 'wait', 'service', 'wait_hours', 'service_hours'];

export const RESOURCE = {
  utilization: 0,
  queueLength: 1,
  wait: 2,
  busyHours: 3,
  availableHours: 4,
  cost: 5,
  waitHours: 6,
  waitShare: 7,
  soleBottleneck: 8,
  shiftingBottleneck: 9,
} as const;
const RESOURCE_PATHS = [
  'utilization',
  'queue_length',
  'wait',
  'busy_hours',
  'available_hours',
  'cost',
  'wait_hours',
  'wait_share',
  'bottleneck.sole',
  'bottleneck.shifting',
];

export interface MetricLayout {
  /** Dotted path of each slot; null for a slot the model does not report (an SLA share without an SLA). */
  paths: (string | null)[];
  flowBase: number[];
  kpiBase: number[][]; // per flow, per kpi
  nodeBase: number[];
  resourceBase: number[];
}

export function metricLayout(model: Model): MetricLayout {
  const paths: (string | null)[] = [];
  const block = (prefix: string, names: string[], skip: (name: string) => boolean) => {
    const base = paths.length;
    for (const n of names) paths.push(skip(n) ? null : `${prefix}.${n}`);
    return base;
  };
  const never = () => false;
  const flowBase: number[] = [];
  const kpiBase: number[][] = [];
  for (const f of model.flows) {
    const p = `flows.${f.name}`;
    flowBase.push(block(p, FLOW_PATHS, (n) => n === 'sla_attainment' && Number.isNaN(f.sla)));
    kpiBase.push(f.kpis.map((k) => block(`${p}.kpis.${k.name}`, KPI_PATHS, (n) => n === 'sla_attainment' && Number.isNaN(k.sla))));
  }
  // Decisions and forks take no time: only their visits are reported.
  const nodeBase = model.nodes.map((n) =>
    block(`flows.${model.flows[n.flow].name}.nodes.${n.name}`, NODE_PATHS, (name) => n.kind !== NODE_KIND.task && name !== 'visits'),
  );
  const resourceBase = model.resources.map((r) => block(`resources.${r.name}`, RESOURCE_PATHS, never));
  return { paths, flowBase, kpiBase, nodeBase, resourceBase };
}
