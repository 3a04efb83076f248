// Milestone KPIs (`kpis:` of a flow): from the moment a case enters node `from` (its arrival
// for `start`) to the moment it leaves node `to`, the first time each, for cases that reach both.
import type { Model } from '../model/model.js';
import type { Clock } from './clock.js';
import type { CaseTable } from './cases.js';
import type { Recorder } from './recorder.js';

export class Milestones {
  constructor(
    private readonly model: Model,
    private readonly clock: Clock,
    private readonly recorder: Recorder,
    private readonly cases: CaseTable,
  ) {}

  /** The case enters node `nodeId` (-1: it arrives): start the KPIs measured from there. */
  enter(c: number, nodeId: number): void {
    const kpis = this.model.flows[this.cases.flow[c]].kpis;
    const from = this.cases.kpiFrom;
    const base = c * this.cases.kpisPerFlow;
    for (let k = 0; k < kpis.length; k++) {
      if (kpis[k].from === nodeId && Number.isNaN(from[base + k])) from[base + k] = this.clock.now;
    }
  }

  /** The case leaves node `nodeId`: KPIs measured to there end, the first time only. */
  leave(c: number, nodeId: number): void {
    const kpis = this.model.flows[this.cases.flow[c]].kpis;
    const done = this.cases.kpiDone;
    const base = c * this.cases.kpisPerFlow;
    for (let k = 0; k < kpis.length; k++) {
      if (kpis[k].to !== nodeId || done[base + k]) continue;
      done[base + k] = 1;
      if (!Number.isNaN(this.cases.kpiFrom[base + k])) this.recorder.endMilestone(c, k);
    }
  }
}
