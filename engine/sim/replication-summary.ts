// A replication's statistics, assembled once at the horizon from what the recorder tallied:
// sums become means, counts become rates and shares, cycle times become percentiles, areas
// become time averages. The result leaves the simulation here, so this is also the one
// place where the -0 of TIME_ZERO (CONTRIBUTING.md, hot-path rule 1) is turned into 0.
// Invariant: it reads the tallies and never changes them.
import { FLOW, KPI, NODE, RESOURCE, SERVED, SHIFT } from '../model/metrics.js';
import { unitHoursBetween } from '../scenario/roster.js';
import { mser5 } from '../stats/mser.js';
import { quantilesOf32 } from '../stats/order-statistics.js';
import { BREAKDOWN_PARTS } from './entities.js';
import { hourOfWeekExposure } from './hour-of-week.js';
import { HOURS_PER_WEEK } from '../week.js';
import { BATCH, type ClosedTallies } from './recorder.js';

/** Percentiles 0..100 of each flow's cycle time: enough for an ECDF, bounded in size. */
export const QUANTILE_POINTS = 101;

/** A KPI's p50, p90 and p95; a flow's, then its QUANTILE_POINTS (q / 100 as the ECDF has always been computed). */
export const KPI_QUANTILES = [0.5, 0.9, 0.95];
export const FLOW_QUANTILES = [...KPI_QUANTILES, ...Array.from({ length: QUANTILE_POINTS }, (_, q) => q / 100)];

export interface ReplicationStats {
  replication: number;
  events: number;
  metrics: Float64Array; // slots named by MetricLayout.paths
  quantiles: Float64Array; // flows x QUANTILE_POINTS
  /** per series bin: flows' completions per day, resources' mean queue length, resources' share of time as the bottleneck,
   *  flows' mean cycle time of the cases completed in the bin (NaN: none) */
  series: Float64Array;
  /** per flow: the warm-up (hours) that MSER-5 suggests from the cycle times in completion order; NaN when too few */
  mserWarmup: Float64Array;
  /** resources x 168: the mean queue length at each hour of the week (Monday 00:00 first) over the window; NaN for an hour the window does not reach */
  queueByHourOfWeek: Float64Array;
}

/** The replication's metric vector, from the tallies closed at the horizon (`Recorder.closeAtHorizon`). */
export function summariseReplication(t: ClosedTallies, replication: number, events: number): ReplicationStats {
  const { model } = t;
  const metrics = t.metrics.slice();
  placeFlowAndNodeTallies(t, metrics);
  const series = t.series.slice();
  const quantiles = new Float64Array(model.flows.length * QUANTILE_POINTS).fill(NaN);
  // MSER-5 reads the cycle times in completion order.
  const mserWarmup = Float64Array.from(model.flows, (_, f) => mserWarmupOf(t, f));
  model.flows.forEach((_, f) => summariseFlow(t, metrics, quantiles, f));
  model.nodes.forEach((_, n) => summariseNode(t, metrics, n));
  model.resources.forEach((_, r) => summariseResource(t, metrics, r));
  model.resources.forEach((_, r) => summariseShifts(t, metrics, r));
  model.flows.forEach((_, f) => summariseCost(t, metrics, f));
  summariseWaitShares(t, metrics);
  summariseBottlenecks(t, metrics);
  summariseSeries(t, series);
  const queueByHourOfWeek = summariseHourOfWeek(t);
  for (const values of [metrics, quantiles, series, mserWarmup, queueByHourOfWeek]) withoutNegativeZero(values);
  return { replication, events, metrics, quantiles, series, mserWarmup, queueByHourOfWeek };
}

/** The counts and sums the recorder kept per flow and node (Tallies.arrived, nodes) into their metric slots, which held 0 until now. */
function placeFlowAndNodeTallies(t: ClosedTallies, m: Float64Array): void {
  t.model.flows.forEach((_, f) => {
    m[t.layout.flowBase[f] + FLOW.arrived] = t.arrived[f];
  });
  t.model.nodes.forEach((_, n) => {
    const base = t.layout.nodeBase[n];
    m[base + NODE.visits] = t.nodes[n].visits;
    m[base + NODE.waitHours] = t.nodes[n].waitHours;
    m[base + NODE.serviceHours] = t.nodes[n].serviceHours;
    m[base + NODE.waits] = t.nodes[n].waits;
    m[base + NODE.cutVisits] = t.nodes[n].cutVisits;
    m[base + NODE.cutServiceHours] = t.nodes[n].cutServiceHours;
    m[base + NODE.cutWaits] = t.nodes[n].cutWaits;
    m[base + NODE.cutWaitHours] = t.nodes[n].cutWaitHours;
  });
}

/** Each team's queue area per hour of the week over the window's hours in that hour of the week: its mean length there. */
function summariseHourOfWeek(t: ClosedTallies): Float64Array {
  const exposure = hourOfWeekExposure(t.warmup, t.horizon);
  const out = new Float64Array(t.queueByHourOfWeek.length * HOURS_PER_WEEK);
  t.queueByHourOfWeek.forEach((week, r) => {
    for (let h = 0; h < HOURS_PER_WEEK; h++) out[r * HOURS_PER_WEEK + h] = exposure[h] > 0 ? week[h] / exposure[h] : Number.NaN;
  });
  return out;
}

/** x + 0 turns -0 into 0 and leaves every other value, NaN included, as it is. */
function withoutNegativeZero(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) values[i] += 0;
}

/** MSER-5 over every completion from time 0; the truncation point becomes a completion time. */
function mserWarmupOf(t: ClosedTallies, f: number): number {
  const series = t.completions[f].cycles();
  if (series.length < 2 * BATCH) return Number.NaN;
  const { batchTruncate } = mser5(series);
  return batchTruncate === 0 ? 0 : t.completions[f].batchEnds.view()[batchTruncate - 1];
}

function summariseFlow(t: ClosedTallies, m: Float64Array, quantiles: Float64Array, f: number): void {
  const base = t.layout.flowBase[f];
  const flow = t.model.flows[f];
  const done = t.completions[f];
  const inWindow = done.cycles().subarray(done.beforeWindow);
  const p = quantilesOf32(inWindow, FLOW_QUANTILES, true); // read last: MSER-5 has read them (summariseReplication)
  const n = inWindow.length;
  m[base + FLOW.completed] = n;
  m[base + FLOW.throughput] = n / ((t.horizon - t.warmup) / 24);
  m[base + FLOW.wip] = t.wipMean(f);
  m[base + FLOW.cycleMean] = n > 0 ? done.cycleSum / n : Number.NaN;
  m[base + FLOW.cycleP50] = p[0];
  m[base + FLOW.cycleP90] = p[1];
  m[base + FLOW.cycleP95] = p[2];
  m[base + FLOW.sla] = (Number.isNaN(flow.sla) && flow.slaDays === 0) || n === 0 ? Number.NaN : done.withinSla / n;
  const history = done.history();
  for (let i = 0; i < BREAKDOWN_PARTS; i++) m[base + FLOW.breakdownService + i] = n > 0 ? history[i] / n : Number.NaN;
  if (n > 0) quantiles.set(p.subarray(3), f * QUANTILE_POINTS);
  const open = m[base + FLOW.openAtHorizon];
  m[base + FLOW.openAge] = open > 0 ? t.openAgeSum[f] / open : Number.NaN;
  flow.kpis.forEach((k, i) => summariseKpi(t, m, f, i, !Number.isNaN(k.sla) || k.slaDays > 0));
}

function summariseKpi(t: ClosedTallies, m: Float64Array, f: number, k: number, withSla: boolean): void {
  const base = t.layout.kpiBase[f][k];
  const values = t.kpiValues[f][k].view();
  const p = quantilesOf32(values, KPI_QUANTILES, true); // read no more
  const n = values.length;
  m[base + KPI.count] = n;
  m[base + KPI.mean] = n > 0 ? t.kpiSum[f][k] / n : Number.NaN;
  m[base + KPI.p50] = p[0];
  m[base + KPI.p90] = p[1];
  m[base + KPI.p95] = p[2];
  m[base + KPI.sla] = !withSla || n === 0 ? Number.NaN : t.kpiWithinSla[f][k] / n;
}

function summariseNode(t: ClosedTallies, m: Float64Array, n: number): void {
  const base = t.layout.nodeBase[n];
  const waits = t.nodes[n].waits;
  const visits = m[base + NODE.visits];
  m[base + NODE.wait] = waits > 0 ? m[base + NODE.waitHours] / waits : Number.NaN;
  m[base + NODE.service] = t.model.nodes[n].duration && visits > 0 ? m[base + NODE.serviceHours] / visits : Number.NaN;
  for (const served of t.layout.servedBase[n]) m[served + SERVED.share] = visits > 0 ? m[served + SERVED.visits] / visits : Number.NaN;
}

/** The unit-hours the team offered in the window: with a roster, its capacity varying over it. */
function availableHours(t: ClosedTallies, r: number): number {
  const resource = t.model.resources[r];
  return resource.roster
    ? unitHoursBetween(resource.roster, t.warmup, t.horizon)
    : resource.capacity * t.calendars[r].workingBetween(t.warmup, t.horizon);
}

function summariseResource(t: ClosedTallies, m: Float64Array, r: number): void {
  const base = t.layout.resourceBase[r];
  const unitHours = availableHours(t, r);
  const team = t.teams[r];
  m[base + RESOURCE.utilization] = unitHours > 0 ? team.busyHours / unitHours : Number.NaN;
  m[base + RESOURCE.queueLength] = t.queueLength[r].mean();
  m[base + RESOURCE.wait] = team.waits > 0 ? team.waitHours / team.waits : Number.NaN;
  m[base + RESOURCE.busyHours] = team.busyHours;
  m[base + RESOURCE.availableHours] = unitHours;
  m[base + RESOURCE.cost] = unitHours * t.model.resources[r].costPerHour;
  m[base + RESOURCE.idleCost] = Math.max(0, unitHours - team.busyHours) * t.model.resources[r].costPerHour;
  m[base + RESOURCE.waitHours] = team.waitHours;
}

/** A rostered team's lines per shift (and off shift): the mean wait and the share within the wait target of the tasks counted there. */
function summariseShifts(t: ClosedTallies, m: Float64Array, r: number): void {
  const withTarget = !Number.isNaN(t.model.resources[r].waitTarget);
  t.layout.shiftBase[r].forEach((base, k) => {
    const tasks = m[base + SHIFT.tasks];
    m[base + SHIFT.wait] = tasks > 0 ? m[base + SHIFT.waitHours] / tasks : Number.NaN;
    if (withTarget) m[base + SHIFT.withinTarget] = tasks > 0 ? t.shiftWithinTarget[r][k] / tasks : Number.NaN;
  });
}

/** Each team's share of all the time cases spent waiting in queues. */
function summariseWaitShares(t: ClosedTallies, m: Float64Array): void {
  const total = t.teams.reduce((sum, team) => sum + team.waitHours, 0);
  t.model.resources.forEach((_, r) => {
    m[t.layout.resourceBase[r] + RESOURCE.waitShare] = total > 0 ? t.teams[r].waitHours / total : Number.NaN;
  });
}

/** Roser's shifting bottleneck over the window, as shares of it. */
function summariseBottlenecks(t: ClosedTallies, m: Float64Array): void {
  const shares = t.bottleneckShares;
  t.model.resources.forEach((_, r) => {
    const base = t.layout.resourceBase[r];
    m[base + RESOURCE.soleBottleneck] = shares.sole[r];
    m[base + RESOURCE.shiftingBottleneck] = shares.shifting[r];
  });
}

/**
 * Staffed cost is charged to flows in proportion to the working hours they used (cost per case,
 * fully loaded: a team's idle hours too); the used cost per case, those hours alone at the
 * team's cost per hour (its idle hours are its idle_cost).
 */
function summariseCost(t: ClosedTallies, m: Float64Array, f: number): void {
  const nf = t.model.flows.length;
  let cost = 0;
  let used = 0;
  t.model.resources.forEach((team, r) => {
    const busy = t.teams[r].busyHours;
    const hours = t.busyByFlow[r * nf + f];
    if (busy > 0) cost += (m[t.layout.resourceBase[r] + RESOURCE.cost] * hours) / busy;
    used += team.costPerHour * hours;
  });
  const completed = m[t.layout.flowBase[f] + FLOW.completed];
  m[t.layout.flowBase[f] + FLOW.costPerCase] = completed > 0 ? cost / completed : Number.NaN;
  m[t.layout.flowBase[f] + FLOW.usedCostPerCase] = completed > 0 ? used / completed : Number.NaN;
}

/**
 * The series hold, per bin: completions, queue-length areas, bottleneck hours and cycle-time
 * sums. Completions become completions per day, areas mean lengths, hours shares of the bin,
 * and cycle-time sums means per completion.
 */
function summariseSeries(t: ClosedTallies, series: Float64Array): void {
  const { seriesBins, seriesBinHours, horizon } = t.model;
  const nf = t.model.flows.length;
  const cycles = (nf + 2 * t.model.resources.length) * seriesBins;
  for (let i = 0; i < nf * seriesBins; i++) {
    const completed = series[i]; // the count, before it becomes a rate below
    series[cycles + i] = completed > 0 ? series[cycles + i] / completed : Number.NaN;
  }
  const width = (bin: number) => Math.min(seriesBinHours, horizon - bin * seriesBinHours);
  for (let s = 0; s < nf + 2 * t.model.resources.length; s++) {
    const perDay = s < nf;
    for (let b = 0; b < seriesBins; b++) {
      const i = s * seriesBins + b;
      series[i] = perDay ? (series[i] * 24) / width(b) : series[i] / width(b);
    }
  }
}
