// Milestone KPIs (`kpis:` of a flow): from the moment a case enters node `from` (its arrival
// for `start`) to the moment it leaves node `to`, the first time each, for cases that reach both.
// Invariant: which KPIs start or end where is read from the model once, here; the simulation
// calls enter and leave only where a KPI starts or ends (`startAtArrival` below, the nodes'
// `kpiFrom` and `kpiTo`, which compile.ts sets from the same `kpis`). A node belongs to
// one flow (compile.ts numbers each flow's nodes apart), so a node's KPI indexes are its flow's.
import type { Model } from '../model/model.js';
import type { Clock } from './clock.js';
import type { CaseTable } from './cases.js';
import type { Recorder } from './recorder.js';

export class Milestones {
  /** per flow: 1 when one of its KPIs starts at a case's arrival */
  readonly startAtArrival: Uint8Array;
  /** the indexes, in their flow's `kpis`, of the KPIs starting at arrival (per flow), starting at a node, ending at one (per node) */
  private readonly fromArrival: number[][];
  private readonly from: number[][];
  private readonly to: number[][];

  constructor(
    model: Model,
    private readonly clock: Clock,
    private readonly recorder: Recorder,
    private readonly cases: CaseTable,
  ) {
    this.fromArrival = model.flows.map((f) => f.kpis.flatMap((kpi, k) => (kpi.from < 0 ? [k] : [])));
    this.from = model.nodes.map(() => []);
    this.to = model.nodes.map(() => []);
    for (const f of model.flows) {
      f.kpis.forEach((kpi, k) => {
        if (kpi.from >= 0) this.from[kpi.from].push(k);
        if (kpi.to >= 0) this.to[kpi.to].push(k);
      });
    }
    this.startAtArrival = Uint8Array.from(this.fromArrival, (kpis) => (kpis.length > 0 ? 1 : 0));
  }

  /** The case enters node `nodeId` (-1: it arrives): start the KPIs measured from there. */
  enter(c: number, nodeId: number): void {
    const kpis = nodeId < 0 ? this.fromArrival[this.cases.flow[c]] : this.from[nodeId];
    const from = this.cases.kpiFrom;
    const base = c * this.cases.kpisPerFlow;
    for (let i = 0; i < kpis.length; i++) {
      const slot = base + kpis[i];
      if (Number.isNaN(from[slot])) from[slot] = this.clock.now;
    }
  }

  /** The case leaves node `nodeId`: KPIs measured to there end, the first time only. */
  leave(c: number, nodeId: number): void {
    const kpis = this.to[nodeId];
    const done = this.cases.kpiDone;
    const base = c * this.cases.kpisPerFlow;
    for (let i = 0; i < kpis.length; i++) {
      const k = kpis[i];
      if (done[base + k]) continue;
      done[base + k] = 1;
      if (!Number.isNaN(this.cases.kpiFrom[base + k])) this.recorder.endMilestone(c, k);
    }
  }
}
