// The arrival streams of each flow, grouped once per scenario's list of streams: the checks
// that ask for one flow's streams at a time (offered load, expected arrivals, arrival
// variability) ask for every flow's, and filtering the whole list each time cost flows x
// streams (a scenario of 100,000 flows and streams ran `validate` for minutes).
//
// Invariant: each flow's streams are in the order of the scenario's list (sums over them add
// in the same order as a filter of the list did, so every result keeps its bits); a scenario's
// arrivals are not changed once read, so the grouping is kept for the list it was made of.
import type { ArrivalSpec } from '../scenario/types.js';

const NONE: readonly ArrivalSpec[] = [];
const grouped = new WeakMap<readonly ArrivalSpec[], Map<string, ArrivalSpec[]>>();

/** The streams of `arrivals` that bring cases of `flow`, in their order in the list. */
export function flowArrivals(arrivals: readonly ArrivalSpec[], flow: string): readonly ArrivalSpec[] {
  let byFlow = grouped.get(arrivals);
  if (byFlow === undefined) {
    byFlow = new Map();
    for (const a of arrivals) {
      const list = byFlow.get(a.flow);
      if (list === undefined) byFlow.set(a.flow, [a]);
      else list.push(a);
    }
    grouped.set(arrivals, byFlow);
  }
  return byFlow.get(flow) ?? NONE;
}
