// The flow of a case the log shows by something other than its entries: an instance still
// running at its end, an abort, or its arrival alone. One rule for every reader of such cases
// (abandonment limits, unseen arrivals, patience), so that they never place one case in two flows.
// Invariant: a case with entries is in its entries' flow; else a log with a flow column places it
// by its value (NO_FLOW for none); else its activity's flow, the flow of the last case (in the
// log's case order) with an entry of that activity; -1 where nothing places it.
import type { EventLog } from '../interchange/event-log.js';
import { NO_FLOW } from './traces.js';

/** What the log shows of a case: its id, its flow column's value ('' without one), and an activity it started or was given up at. */
export interface CaseSeen {
  caseId: string;
  flow: string;
  activity: string;
}

export interface FlowPlacement {
  /** the flow of a case seen by an instance or an abort (its entries', its flow column's, or its activity's) */
  ofCase(seen: CaseSeen): number;
  /**
   * the flow of a case shown by its arrival alone (no activity to go by): its flow column's, or
   * the one flow of a log without the column; -1 with several flows and no column
   */
  ofArrival(flow: string): number;
}

/** `flowOf`, `flowNames`: each case's flow and the flows' names (traces.ts' assignFlows). */
export function flowPlacement(log: EventLog, events: number[][], flowOf: Int32Array, flowNames: string[]): FlowPlacement {
  let caseIndex: Map<string, number> | undefined;
  let activityFlow: Map<string, number> | undefined;
  const byColumn = (flow: string) => flowNames.indexOf(flow === '' ? NO_FLOW : flow);
  const byActivity = (activity: string) => {
    if (activityFlow === undefined) {
      const map = new Map<string, number>();
      events.forEach((list, c) => {
        for (const e of list) map.set(log.activities[log.activityOf[e]], flowOf[c]);
      });
      activityFlow = map;
    }
    return activityFlow.get(activity) ?? -1;
  };
  return {
    ofCase(seen) {
      caseIndex ??= new Map(log.cases.map((c, i) => [c, i]));
      const c = caseIndex.get(seen.caseId);
      if (c !== undefined && events[c].length > 0) return flowOf[c];
      return log.flows.length > 0 ? byColumn(seen.flow) : byActivity(seen.activity);
    },
    ofArrival(flow) {
      return log.flows.length > 0 ? byColumn(flow) : flowNames.length === 1 ? 0 : -1;
    },
  };
}
