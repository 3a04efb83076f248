// Milestone KPIs (`kpis:` of a flow): from the moment a case enters node `from` (its arrival
// for `start`) to the moment it leaves node `to`, the first time each, for cases that reach both.
import type { Model } from '../model/model.js';
import type { Clock } from './clock.js';
import type { Case } from './entities.js';
import type { Recorder } from './recorder.js';

export class Milestones {
  constructor(
    private readonly model: Model,
    private readonly clock: Clock,
    private readonly recorder: Recorder,
  ) {}

  /** The case enters node `nodeId` (-1: it arrives): start the KPIs measured from there. */
  enter(c: Case, nodeId: number): void {
    const kpis = this.model.flows[c.flow].kpis;
    for (let k = 0; k < kpis.length; k++) {
      if (kpis[k].from === nodeId && Number.isNaN(c.kpiFrom[k])) c.kpiFrom[k] = this.clock.now;
    }
  }

  /** The case leaves node `nodeId`: KPIs measured to there end, the first time only. */
  leave(c: Case, nodeId: number): void {
    const kpis = this.model.flows[c.flow].kpis;
    for (let k = 0; k < kpis.length; k++) {
      if (kpis[k].to !== nodeId || c.kpiDone[k]) continue;
      c.kpiDone[k] = 1;
      if (!Number.isNaN(c.kpiFrom[k])) this.recorder.kpi(c, k);
    }
  }
}
