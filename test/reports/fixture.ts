// A small results file written by hand, so that every number a chart or table shows can be
// worked out on paper: two variants, one flow with an SLA, two teams, an eTOM process.
import type { VariantInputs } from '../../engine/results/inputs.js';
import type { SizingCandidate, SizingResult } from '../../engine/results/sizing.js';
import type { Comparison, FlowBlock, ResourceBlock, Results, Stat, VariantBlock } from '../../engine/results/types.js';

/** A stat over 3 replications whose 95% interval is mean ± half. */
export function stat(mean: number | null, half: number | null = null): Stat {
  return {
    mean,
    sd: mean === null ? null : 0,
    n: mean === null ? 0 : 3,
    ci95: mean === null || half === null ? null : [mean - half, mean + half],
  };
}

function flow(cycleMean: number, sla: number): FlowBlock {
  return {
    arrived: stat(100),
    completed: stat(96, 2),
    cancelled: stat(0),
    throughput_per_day: stat(12, 0.5),
    wip: stat(20, 1),
    cycle_time: { mean: stat(cycleMean, 1), p50: stat(30, 1), p90: stat(80, 2), p95: stat(90, 3) },
    sla_attainment: stat(sla, 0.05),
    cost_per_case: stat(150, 10),
    // the critical-path parts add up to 40 h; join is the forks' slack, outside the sum
    breakdown: { service: stat(3.5), wait: stat(16), off_shift: stat(20), join: stat(4), automated: stat(0.5) },
    open_at_horizon: stat(0),
    open_age: stat(null),
    nodes: {
      capture: { visits: stat(110), wait: stat(2, 0.5), service: stat(0.5, 0.1), wait_hours: stat(220), service_hours: stat(55) },
      route: { visits: stat(110) },
      install: { visits: stat(100), wait: stat(10, 1), service: stat(3, 0.2), wait_hours: stat(1000), service_hours: stat(300) },
    },
  };
}

function team(utilization: number, half: number): ResourceBlock {
  return {
    utilization: stat(utilization, half),
    queue_length: stat(3, 0.5),
    wait: stat(2, 0.3),
    busy_hours: stat(48),
    available_hours: stat(96),
    cost: stat(3840),
    wait_hours: stat(200),
    wait_share: stat(0.4),
    bottleneck: { sole: stat(0.3), shifting: stat(0.1) },
  };
}

/** The scenario behind the figures: capture by the desk (automated in the redesign), a rework decision, the install by the techs. */
function inputs(automatedCapture: boolean): VariantInputs {
  const capture = {
    kind: 'task' as const,
    etom: '1.1.1.5',
    resource: automatedCapture ? null : 'desk',
    duration: { kind: 'constant' as const, value: automatedCapture ? 0.05 : 0.5 },
    next: 'route',
  };
  return {
    calendars: { office: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 })) },
    resources: {
      desk: { capacity: 2, cost_per_hour: 40, calendar: 'office', shifts: null, hours_per_week: 100 },
      techs: { capacity: 4, cost_per_hour: 65, calendar: null, shifts: null, hours_per_week: 672 },
    },
    arrivals: [{ flow: 'order', rate_per_hour: 0.5, interarrival: { kind: 'exponential', mean: 2 }, profile: null, priority: 0 }],
    flows: {
      order: {
        etom: '1.1.1.5',
        sla: 120,
        start: 'capture',
        cancel_after: null,
        nodes: {
          capture,
          route: {
            kind: 'decision',
            etom: null,
            branch: [
              { to: 'install', p: 0.9 },
              { to: 'capture', p: 0.1 },
            ],
          },
          install: { kind: 'task', etom: null, resource: 'techs', duration: { kind: 'exponential', mean: 3 }, next: null },
        },
      },
    },
    changes: automatedCapture
      ? [
          { path: 'flows.order.nodes.capture.resource', baseline: 'desk', variant: null },
          {
            path: 'flows.order.nodes.capture.duration',
            baseline: { kind: 'constant', value: 0.5 },
            variant: { kind: 'constant', value: 0.05 },
          },
        ]
      : [],
  };
}

function variant(description: string | null, cycleMean: number, sla: number, deskUtilization: number): VariantBlock {
  return {
    inputs: inputs(description !== null),
    description,
    flows: { order: flow(cycleMean, sla) },
    resources: { desk: team(deskUtilization, 0.02), techs: team(0.98, 0.04) },
    bottlenecks: {
      primary: 'desk',
      ranking: ['desk', 'techs'].map((resource) => ({
        resource,
        sole: stat(0.3),
        shifting: stat(0.1),
        wait_share: stat(0.4),
        utilization: stat(0.5),
      })),
    },
    etom: {
      '1.1.1.5': {
        name: 'Order Handling',
        level: 3,
        vertical: 'Fulfillment',
        visits: stat(110),
        wait_hours: stat(200),
        service_hours: stat(50),
        cost: stat(2000),
        wait: stat(2),
        service: stat(0.5),
        nodes: ['order.capture'],
      },
    },
    verticals: { Fulfillment: { visits: stat(110), wait_hours: stat(200), service_hours: stat(50), cost: stat(2000) } },
    replications: { 'flows.order.cycle_time.mean': [50, 52, null], 'resources.desk.utilization': [0.5, 0.49, 0.51] },
    charts: {
      bin_hours: 24,
      throughput_per_day: {
        order: [
          [10, 12, 8, 11],
          [14, 12, 10, 9],
          [12, 12, 12, 13],
        ],
      },
      queue_length: {
        desk: [
          [1, 2, 3, 4],
          [3, 2, 1, 0],
          [2, 2, 2, 2],
        ],
        techs: [
          [0, 0, 0, 0],
          [1, 1, 1, 1],
          [2, 2, 2, 2],
        ],
      },
      bottleneck_share: {
        desk: [
          [1, 0.5, 0, 0],
          [1, 1, 0, 0],
          [0.5, 0.5, 0.5, 0.5],
        ],
        techs: [
          [0, 0.5, 1, 1],
          [0, 0, 1, 1],
          [0.5, 0.5, 0.5, 0.5],
        ],
      },
      cycle_time_percentiles: { order: Array.from({ length: 101 }, (_, p) => p) },
      // the window [24, 96] reaches Tuesday 00:00 to Thursday 23:00; the desk's queue is r + 1 from 00:00 to 08:00 in replication r
      queue_length_hour_of_week: {
        desk: [0, 1, 2].map((r) => Array.from({ length: 168 }, (_, h) => (h < 24 || h >= 96 ? null : h % 24 < 8 ? r + 1 : 0))),
        techs: [0, 1, 2].map(() => Array.from({ length: 168 }, (_, h) => (h < 24 || h >= 96 ? null : 1))),
      },
    },
  };
}

function comparison(metric: string, baseline: number, value: number, ci95: [number, number] | null, significant: boolean): Comparison {
  const delta = value - baseline;
  const delta_pct_ci95 =
    ci95 === null || baseline === 0 ? null : ([(ci95[0] / baseline) * 100, (ci95[1] / baseline) * 100] as [number, number]);
  return {
    variant: 'redesign',
    against: 'baseline',
    metric,
    baseline,
    value,
    delta,
    delta_pct: baseline === 0 ? null : (delta / baseline) * 100,
    ci95,
    significant,
    delta_pct_ci95,
    significant_adjusted: metric.startsWith('flows.') ? significant : null,
  };
}

export function smallResults(): Results {
  return {
    format: 1,
    scenario: 'Order <handling> & co',
    description: 'A small, hand-made results file.',
    engine: { name: 'etomsim', version: '0.0.0-test', seed: 7, replications: 3, workers: 1, timing: { wall_s: 0.1, events: 1000 } },
    time_unit: 'hours',
    currency: 'EUR',
    horizon: 96,
    warmup: 24,
    slas: { order: 120 },
    precision: null,
    interval: 't',
    warmup_check: { warmup: 24, suggested: {}, suggested_warmup: null, sufficient: true, bin_hours: 24, batch_hours: 24, series: {} },
    warnings: [],
    variants: {
      baseline: variant(null, 52.1, 0.8, 0.5),
      redesign: variant('Automated capture', 39, 0.9, 0),
    },
    // deliberately not in reading order: throughput before cycle time
    comparisons: [
      comparison('flows.order.throughput_per_day', 12, 12.5, [-0.1, 1.1], false),
      comparison('flows.order.cycle_time.mean', 52.1, 39, [-14, -12.2], true),
      comparison('flows.order.cycle_time.p90', 80, 70, [-12, -8], true),
      comparison('flows.order.sla_attainment', 0.8, 0.9, [0.04, 0.16], true),
      comparison('resources.desk.utilization', 0.5, 0, [-0.52, -0.48], true),
      comparison('resources.desk.queue_length', 3, 0, [-3.5, -2.5], true),
      comparison('resources.techs.wait', 0, 0, null, false),
    ],
    sensitivity: [
      {
        resource: 'techs',
        capacity: 4,
        added_cost_per_week: 3120,
        key_flow: 'order',
        flows: {
          order: {
            mean: comparison('flows.order.cycle_time.mean', 52.1, 45, [-8, -6.2], true),
            p90: comparison('flows.order.cycle_time.p90', 80, 68, [-14, -10], true),
          },
        },
      },
      {
        resource: 'desk',
        capacity: 2,
        added_cost_per_week: 2000,
        key_flow: 'order',
        flows: { order: { mean: null, p90: comparison('flows.order.cycle_time.p90', 80, 79.6, [-1.2, 0.4], false) } },
      },
    ],
  };
}

/** The same results as an older etomsim wrote them: no eTOM roll-ups, no cycle-time breakdown, no sensitivity, no inputs. */
export function withoutOptionalSections(results: Results): Results {
  const copy = structuredClone(results);
  delete copy.sensitivity;
  for (const v of Object.values(copy.variants) as Partial<VariantBlock>[]) {
    delete v.etom;
    delete v.verticals;
    delete v.inputs;
    if (v.charts) delete v.charts.queue_length_hour_of_week;
    for (const f of Object.values(v.flows ?? {}) as Partial<FlowBlock>[]) delete f.breakdown;
  }
  return copy;
}

export const SIZING_PATH = 'flows.order.cycle_time.p90';

/** A staffing of `techs` units whose p90 cycle time is `p90` ± 12 h. */
export function sizingCandidate(techs: number, p90: number, meets: boolean): SizingCandidate {
  return {
    capacities: { techs },
    cost_per_hour: techs * 10,
    cost_per_week: techs * 1680,
    meets,
    metrics: { [SIZING_PATH]: { mean: p90, ci95: [p90 - 12, p90 + 12] } },
    targets: [{ target: `${SIZING_PATH} <= 5d`, path: SIZING_PATH, op: '<=', value: 120, unit: 'duration', bound: p90 + 12, met: meets }],
  };
}

/** A sizing.json by hand: three staffings of the techs, the second chosen. */
export function smallSizing(): SizingResult {
  const candidates = [sizingCandidate(3, 168, false), sizingCandidate(4, 96, true), sizingCandidate(5, 72, true)];
  return {
    sizing_format: 1,
    scenario: 'test',
    targets: [`${SIZING_PATH} <= 5d`],
    resources: ['techs'],
    lower_bounds: { techs: 3 },
    max_capacity: { techs: 14 },
    replications: 10,
    seed: 1,
    confidence: { joint: 0.95, per_target: 0.95, targets: 1 },
    chosen: candidates[1],
    verification: { seed: 2654435762, replications: 10, meets: true, targets: candidates[1].targets },
    current: candidates[0],
    cost_difference_per_week: candidates[1].cost_per_week - candidates[0].cost_per_week,
    diagnosis: [],
    candidates,
    per_shift: false,
    shifts: [],
    erlang_c_intervals: {},
    erlang_c_exact: {},
    currency: null,
  };
}

/** The stats perShiftSizing sets: the day and night shifts' waits and the flow's SLA attainment. */
export const PER_SHIFT_PATHS = {
  DAY_WAIT: 'resources.techs.shifts.0.wait',
  NIGHT_WAIT: 'resources.techs.shifts.1.wait',
  SLA: 'flows.order.sla_attainment',
} as const;
const { DAY_WAIT, NIGHT_WAIT, SLA } = PER_SHIFT_PATHS;

/** smallSizing sized per shift: the day shift's wait reached below 0, the SLA attainment past 100%; Johnson's beside t's under `johnson`. */
export function perShiftSizing(johnson: boolean): SizingResult {
  const base = smallSizing();
  const metrics = (c: SizingCandidate): SizingCandidate => ({
    ...c,
    metrics: {
      ...c.metrics,
      [DAY_WAIT]: { mean: 0.14, ci95: [-0.01, 0.28], ...(johnson ? { ci95_johnson: [-0.02, 0.27] } : {}) },
      [NIGHT_WAIT]: { mean: 1.97, ci95: [1.58, 2.35], ...(johnson ? { ci95_johnson: [1.6, 2.4] } : {}) },
      [SLA]: { mean: 0.97, ci95: [0.93, 1.01], ...(johnson ? { ci95_johnson: [0.94, 1.02] } : {}) },
    },
  });
  const candidates = base.candidates.map(metrics);
  const shift = (i: number) => ({
    team: 'techs',
    shift: i,
    periods: [{ start: i === 0 ? 6 : 23, end: i === 0 ? 22 : 29 }],
    hours_per_week: i === 0 ? 112 : 42,
    erlang_c: 2,
    lower_bound: 2,
    max_capacity: 11,
    current: 3,
    recommended: 4,
    cost_per_week: { current: 1, recommended: 2, difference: 1 },
  });
  return {
    ...base,
    ...(johnson ? { interval: 'johnson' as const } : {}),
    targets: [`${NIGHT_WAIT} <= 15m`],
    candidates,
    current: candidates[0],
    chosen: candidates[1],
    per_shift: true,
    shifts: [shift(0), shift(1)],
  };
}
