// Per-replication statistics: the simulation reports what happened, the recorder applies
// the warm-up rule and keeps running sums (plus one number per completed case for the
// percentiles). `finish` turns them into the replication's metric vector.
import { FLOW, KPI, NODE, RESOURCE, SERVED, type MetricLayout } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import { mser5 } from '../stats/mser.js';
import { quantileSorted } from '../stats/percentile.js';
import { sortNonNegative32 } from '../stats/radix-sort.js';
import { ShiftingBottleneckSweep } from '../stats/shifting-bottleneck.js';
import { unitHoursBetween } from '../scenario/roster.js';
import type { WorkCalendar } from './calendar.js';
import type { Clock } from './clock.js';
import type { CaseTable } from './cases.js';
import { BREAKDOWN_PARTS, type Token } from './entities.js';
import { float32, float64, GrowableArray } from './growable.js';
import { TimeAverage } from './time-average.js';

/** Percentiles 0..100 of each flow's cycle time: enough for an ECDF, bounded in size. */
export const QUANTILE_POINTS = 101;
/** MSER-5 works on batches of five completions. */
const BATCH = 5;

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
}

export class Recorder {
  private readonly queueLength: TimeAverage[];
  private readonly wip: TimeAverage[];
  private readonly metrics: Float64Array;
  private readonly series: Float64Array;
  /**
   * Cycle times in completion order from time 0, for MSER-5 and the percentiles. Stored as
   * 32-bit floats: half the memory and half the sorting passes, for percentiles within 6e-8 of
   * their double value; the mean and the SLA share are summed exactly in doubles as cases end.
   */
  private readonly cycles: GrowableArray<Float32Array>[];
  private readonly cycleSum: Float64Array; // per flow, in the window
  private readonly withinSla: Float64Array; // per flow, in the window
  private readonly batchEnds: GrowableArray[];
  private readonly firstInWindow: number[];
  private readonly kpiValues: GrowableArray<Float32Array>[][];
  private readonly kpiSum: Float64Array[]; // per flow, per kpi
  private readonly kpiWithinSla: Float64Array[];
  private readonly nodeWaits: Float64Array; // per node: waits ended in the window
  private readonly waitSum: Float64Array;
  private readonly waitCount: Float64Array;
  private readonly busyHours: Float64Array;
  private readonly busyByFlow: Float64Array; // resources x flows
  private readonly breakdown: Float64Array; // flows x BREAKDOWN parts, summed over completed cases
  private readonly saturatedSince: Float64Array; // per resource; NaN while not saturated
  private readonly bottlenecks: ShiftingBottleneckSweep;
  private readonly warmup: number;
  private readonly horizon: number;

  constructor(
    private readonly model: Model,
    private readonly layout: MetricLayout,
    private readonly clock: Clock,
    /** per resource: its working calendar, for the busy working hours inside the window */
    private readonly calendars: WorkCalendar[],
    private readonly cases: CaseTable,
  ) {
    const { warmup, horizon, seriesBins, seriesBinHours } = model;
    this.warmup = warmup;
    this.horizon = horizon;
    this.metrics = new Float64Array(layout.paths.length);
    const nf = model.flows.length;
    const nr = model.resources.length;
    this.series = new Float64Array((2 * nf + 2 * nr) * seriesBins);
    const bins = (i: number) => this.series.subarray(i * seriesBins, (i + 1) * seriesBins);
    this.queueLength = model.resources.map((_, r) => new TimeAverage(clock, warmup, horizon, bins(nf + r), seriesBinHours));
    this.wip = model.flows.map(() => new TimeAverage(clock, warmup, horizon));
    this.cycles = model.flows.map(() => new GrowableArray(float32));
    this.cycleSum = new Float64Array(nf);
    this.withinSla = new Float64Array(nf);
    this.batchEnds = model.flows.map(() => new GrowableArray(float64, 256));
    this.firstInWindow = model.flows.map(() => -1);
    this.kpiValues = model.flows.map((f) => f.kpis.map(() => new GrowableArray(float32, 256)));
    this.kpiSum = model.flows.map((f) => new Float64Array(f.kpis.length));
    this.kpiWithinSla = model.flows.map((f) => new Float64Array(f.kpis.length));
    this.nodeWaits = new Float64Array(model.nodes.length);
    this.waitSum = new Float64Array(nr);
    this.waitCount = new Float64Array(nr);
    this.busyHours = new Float64Array(nr);
    this.busyByFlow = new Float64Array(nr * nf);
    this.breakdown = new Float64Array(nf * BREAKDOWN_PARTS);
    this.saturatedSince = new Float64Array(nr).fill(NaN);
    this.bottlenecks = new ShiftingBottleneckSweep(nr, (start, end, r) => this.bottleneckSpell(start, end, r));
  }

  /** A case of `flow` entered the system (its arrival) or left it (completed or cancelled): the flow's work in progress. */
  enterSystem(flow: number): void {
    this.wip[flow].add(1);
  }

  leaveSystem(flow: number): void {
    this.wip[flow].add(-1);
  }

  /** A case joined or left the queue of `resource`: its queue length. */
  joinQueue(resource: number): void {
    this.queueLength[resource].add(1);
  }

  leaveQueue(resource: number): void {
    this.queueLength[resource].add(-1);
  }

  countArrival(flow: number): void {
    if (this.clock.now >= this.warmup) this.metrics[this.layout.flowBase[flow] + FLOW.arrived]++;
  }

  /** The token's wait at a node ended: its task starts now (automated tasks wait 0). */
  endWait(node: number, resource: number, token: Token): void {
    const now = this.clock.now;
    if (now < this.warmup) return;
    const wait = resource < 0 ? 0 : now - token.enqueued;
    const base = this.layout.nodeBase[node];
    this.metrics[base + NODE.waitHours] += wait;
    this.nodeWaits[node]++;
    if (resource >= 0) {
      this.waitSum[resource] += wait;
      this.waitCount[resource]++;
    }
  }

  /** The token's task ended now, after `token.work` working hours. */
  endService(node: number, token: Token): void {
    if (this.clock.now < this.warmup) return;
    const base = this.layout.nodeBase[node];
    this.metrics[base + NODE.visits]++;
    this.metrics[base + NODE.serviceHours] += token.work;
    if (this.layout.servedBase[node].length > 0) this.served(node, token);
  }

  /** A pooled task: which of its teams served it. */
  private served(node: number, token: Token): void {
    const base = this.layout.servedBase[node][this.model.nodes[node].pool!.indexOf(token.team)];
    this.metrics[base + SERVED.visits]++;
    this.metrics[base + SERVED.serviceHours] += token.work;
  }

  /** A decision or fork was passed: a visit without wait or service. */
  countPass(node: number): void {
    if (this.clock.now >= this.warmup) this.metrics[this.layout.nodeBase[node] + NODE.visits]++;
  }

  /** A unit of `resource` worked for `flow` from when the token took it until now: its working hours inside the window. */
  bookBusyTime(resource: number, flow: number, token: Token): void {
    const from = Math.max(token.since, this.warmup);
    const to = Math.min(this.clock.now, this.horizon);
    if (!(to > from)) return;
    const hours = this.calendars[resource].workingBetween(from, to);
    this.busyHours[resource] += hours;
    this.busyByFlow[resource * this.model.flows.length + flow] += hours;
  }

  /** The case completed now; its last token's history is where its cycle time went. */
  completeCase(c: number, token: Token): void {
    const now = this.clock.now;
    const flow = this.cases.flow[c];
    const cycles = this.cycles[flow];
    const cycle = now - this.cases.arrival[c];
    if (now >= this.warmup) {
      if (this.firstInWindow[flow] < 0) this.firstInWindow[flow] = cycles.length;
      this.cycleSum[flow] += cycle;
      if (cycle <= this.model.flows[flow].sla) this.withinSla[flow]++; // never true for NaN, no SLA
      for (let i = 0; i < BREAKDOWN_PARTS; i++) this.breakdown[flow * BREAKDOWN_PARTS + i] += token.time[i];
    }
    cycles.push(cycle);
    if (cycles.length % BATCH === 0) this.batchEnds[flow].push(now);
    const bins = this.model.seriesBins;
    const bin = Math.floor(now / this.model.seriesBinHours);
    if (bin < bins) {
      this.series[flow * bins + bin]++;
      this.series[(this.model.flows.length + 2 * this.model.resources.length + flow) * bins + bin] += cycle;
    }
  }

  /** The case is still open at the horizon: its cycle time is censored at its age so far. */
  open(flow: number, arrival: number): void {
    const base = this.layout.flowBase[flow];
    this.metrics[base + FLOW.openAtHorizon]++;
    this.metrics[base + FLOW.openAge] += this.horizon - arrival; // a sum until finishFlow turns it into a mean
  }

  /** A resource became saturated (on) or stopped being so (off): its active periods, within the window. */
  markSaturated(resource: number, on: boolean): void {
    if (on) {
      this.saturatedSince[resource] = this.clock.now;
      return;
    }
    this.closeActive(resource, this.clock.now);
  }

  private closeActive(resource: number, now: number): void {
    const from = Math.max(this.saturatedSince[resource], this.warmup);
    const to = Math.min(now, this.horizon);
    this.saturatedSince[resource] = NaN;
    if (!(to > from)) return; // also false for NaN: it was not active
    this.bottlenecks.add(resource, from, to);
    if (this.bottlenecks.due) this.bottlenecks.settle(this.frontier());
  }

  /** The earliest start of a period still open (now, when none is): the bottleneck is known up to there. */
  private frontier(): number {
    let t = this.clock.now;
    for (let r = 0; r < this.saturatedSince.length; r++) {
      if (this.saturatedSince[r] < t) t = this.saturatedSince[r]; // NaN (not saturated) never compares below
    }
    return Math.max(t, this.warmup); // periods are recorded from the warm-up on
  }

  countCancellation(flow: number): void {
    if (this.clock.now >= this.warmup) this.metrics[this.layout.flowBase[flow] + FLOW.cancelled]++;
  }

  /** The case's milestone `kpi` ends now. */
  endMilestone(c: number, kpi: number): void {
    const now = this.clock.now;
    if (now < this.warmup) return;
    const flow = this.cases.flow[c];
    const value = now - this.cases.kpiFrom[c * this.cases.kpisPerFlow + kpi];
    this.kpiValues[flow][kpi].push(value);
    this.kpiSum[flow][kpi] += value;
    if (value <= this.model.flows[flow].kpis[kpi].sla) this.kpiWithinSla[flow][kpi]++;
  }

  finish(replication: number, events: number): ReplicationStats {
    const availableHours = this.model.resources.map((r, i) =>
      r.roster
        ? unitHoursBetween(r.roster, this.warmup, this.horizon)
        : r.capacity * this.calendars[i].workingBetween(this.warmup, this.horizon),
    );
    const quantiles = new Float64Array(this.model.flows.length * QUANTILE_POINTS).fill(NaN);
    // MSER-5 reads the cycle times in completion order, before they are sorted in place.
    const mserWarmup = Float64Array.from(this.model.flows, (_, f) => this.mserWarmup(f));
    this.model.flows.forEach((_, f) => this.finishFlow(f, quantiles));
    this.model.nodes.forEach((_, n) => this.finishNode(n));
    this.model.resources.forEach((_, r) => this.finishResource(r, availableHours[r]));
    this.model.flows.forEach((_, f) => this.finishCost(f));
    this.finishWaitShares();
    this.finishBottlenecks();
    this.finishSeries();
    return {
      replication,
      events,
      metrics: this.metrics,
      quantiles,
      series: this.series,
      mserWarmup,
    };
  }

  /** MSER-5 over every completion from time 0; the truncation point becomes a completion time. */
  private mserWarmup(f: number): number {
    const series = this.cycles[f].view();
    if (series.length < 2 * BATCH) return NaN;
    const { batchTruncate } = mser5(series);
    return batchTruncate === 0 ? 0 : this.batchEnds[f].view()[batchTruncate - 1];
  }

  private finishFlow(f: number, quantiles: Float64Array): void {
    const m = this.metrics;
    const base = this.layout.flowBase[f];
    const flow = this.model.flows[f];
    const all = this.cycles[f].view();
    const inWindow = this.firstInWindow[f] < 0 ? all.subarray(all.length) : all.subarray(this.firstInWindow[f]);
    const sorted = sortNonNegative32(inWindow);
    const n = sorted.length;
    m[base + FLOW.completed] = n;
    m[base + FLOW.throughput] = n / ((this.horizon - this.warmup) / 24);
    m[base + FLOW.wip] = this.wip[f].finish();
    m[base + FLOW.cycleMean] = n > 0 ? this.cycleSum[f] / n : NaN;
    m[base + FLOW.cycleP50] = quantileSorted(sorted, 0.5);
    m[base + FLOW.cycleP90] = quantileSorted(sorted, 0.9);
    m[base + FLOW.cycleP95] = quantileSorted(sorted, 0.95);
    m[base + FLOW.sla] = Number.isNaN(flow.sla) || n === 0 ? NaN : this.withinSla[f] / n;
    for (let i = 0; i < BREAKDOWN_PARTS; i++)
      m[base + FLOW.breakdownService + i] = n > 0 ? this.breakdown[f * BREAKDOWN_PARTS + i] / n : NaN;
    if (n > 0) for (let q = 0; q < QUANTILE_POINTS; q++) quantiles[f * QUANTILE_POINTS + q] = quantileSorted(sorted, q / 100);
    const open = m[base + FLOW.openAtHorizon];
    m[base + FLOW.openAge] = open > 0 ? m[base + FLOW.openAge] / open : NaN;
    flow.kpis.forEach((k, i) => this.finishKpi(f, i, k.sla));
  }

  private finishKpi(f: number, k: number, sla: number): void {
    const m = this.metrics;
    const base = this.layout.kpiBase[f][k];
    const sorted = sortNonNegative32(this.kpiValues[f][k].view());
    const n = sorted.length;
    m[base + KPI.count] = n;
    m[base + KPI.mean] = n > 0 ? this.kpiSum[f][k] / n : NaN;
    m[base + KPI.p50] = quantileSorted(sorted, 0.5);
    m[base + KPI.p90] = quantileSorted(sorted, 0.9);
    m[base + KPI.p95] = quantileSorted(sorted, 0.95);
    m[base + KPI.sla] = Number.isNaN(sla) || n === 0 ? NaN : this.kpiWithinSla[f][k] / n;
  }

  private finishNode(n: number): void {
    const m = this.metrics;
    const base = this.layout.nodeBase[n];
    const waits = this.nodeWaits[n];
    const visits = m[base + NODE.visits];
    m[base + NODE.wait] = waits > 0 ? m[base + NODE.waitHours] / waits : NaN;
    m[base + NODE.service] = this.model.nodes[n].duration && visits > 0 ? m[base + NODE.serviceHours] / visits : NaN;
    for (const served of this.layout.servedBase[n]) m[served + SERVED.share] = visits > 0 ? m[served + SERVED.visits] / visits : NaN;
  }

  /** `unitHours`: the unit-hours available in the window (with a roster, the capacity varying over it). */
  private finishResource(r: number, unitHours: number): void {
    const m = this.metrics;
    const base = this.layout.resourceBase[r];
    m[base + RESOURCE.utilization] = unitHours > 0 ? this.busyHours[r] / unitHours : NaN;
    m[base + RESOURCE.queueLength] = this.queueLength[r].finish();
    m[base + RESOURCE.wait] = this.waitCount[r] > 0 ? this.waitSum[r] / this.waitCount[r] : NaN;
    m[base + RESOURCE.busyHours] = this.busyHours[r];
    m[base + RESOURCE.availableHours] = unitHours;
    m[base + RESOURCE.cost] = unitHours * this.model.resources[r].costPerHour;
    m[base + RESOURCE.waitHours] = this.waitSum[r];
  }

  /** Each team's share of all the time cases spent waiting in queues. */
  private finishWaitShares(): void {
    const total = this.waitSum.reduce((a, b) => a + b, 0);
    this.model.resources.forEach((_, r) => {
      this.metrics[this.layout.resourceBase[r] + RESOURCE.waitShare] = total > 0 ? this.waitSum[r] / total : NaN;
    });
  }

  /** Roser's shifting bottleneck over the window, as shares of it. */
  private finishBottlenecks(): void {
    this.model.resources.forEach((_, r) => this.closeActive(r, this.horizon));
    const shares = this.bottlenecks.finish(this.horizon - this.warmup);
    this.model.resources.forEach((_, r) => {
      const base = this.layout.resourceBase[r];
      this.metrics[base + RESOURCE.soleBottleneck] = shares.sole[r];
      this.metrics[base + RESOURCE.shiftingBottleneck] = shares.shifting[r];
    });
  }

  /** Bottleneck hours per team and series bin (finishSeries turns them into shares of the bin). */
  private bottleneckSpell(start: number, end: number, resource: number): void {
    const { flows, resources, seriesBins, seriesBinHours } = this.model;
    const offset = (flows.length + resources.length + resource) * seriesBins;
    for (let t = start; t < end; ) {
      const bin = Math.floor(t / seriesBinHours);
      const to = Math.min(end, (bin + 1) * seriesBinHours);
      this.series[offset + bin] += to - t;
      t = to;
    }
  }

  /** Staffed cost is charged to flows in proportion to the working hours they used. */
  private finishCost(f: number): void {
    const m = this.metrics;
    const nf = this.model.flows.length;
    let cost = 0;
    this.model.resources.forEach((_, r) => {
      const busy = this.busyHours[r];
      if (busy > 0) cost += (m[this.layout.resourceBase[r] + RESOURCE.cost] * this.busyByFlow[r * nf + f]) / busy;
    });
    const completed = m[this.layout.flowBase[f] + FLOW.completed];
    m[this.layout.flowBase[f] + FLOW.costPerCase] = completed > 0 ? cost / completed : NaN;
  }

  /** Cycle-time sums become means per completion; completions per bin become completions per day; queue areas become mean lengths; bottleneck hours, shares. */
  private finishSeries(): void {
    const { seriesBins, seriesBinHours, horizon } = this.model;
    const nf = this.model.flows.length;
    const cycles = (nf + 2 * this.model.resources.length) * seriesBins;
    for (let i = 0; i < nf * seriesBins; i++) {
      const completed = this.series[i]; // still a count
      this.series[cycles + i] = completed > 0 ? this.series[cycles + i] / completed : NaN;
    }
    const width = (bin: number) => Math.min(seriesBinHours, horizon - bin * seriesBinHours);
    for (let s = 0; s < this.model.flows.length + 2 * this.model.resources.length; s++) {
      const perDay = s < this.model.flows.length;
      for (let b = 0; b < seriesBins; b++) {
        const i = s * seriesBins + b;
        this.series[i] = perDay ? (this.series[i] * 24) / width(b) : this.series[i] / width(b);
      }
    }
  }
}
