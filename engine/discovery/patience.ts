// A flow's patience, the `cancel_after` a log shows: the ages from arrival at which its cases
// were given up (`pi_abort`). Invariant: a flow gets one only when every case of it given up went
// at one age (within PATIENCE_SPREAD) and no case of it, given up or not, lasted longer (nothing
// outlived that deadline); every flow with a case given up gets a note either way.
import { largest, smallest } from '../lists.js';
import type { EventLog, LogNote } from '../interchange/event-log.js';
import type { FlowPlacement } from './case-flow.js';
import { arrivalOf, cycleMs } from './case-times.js';
import { significantText } from '../number-format.js';

const HOUR = 3_600_000;
/** Ages at which a flow's cases were given up that differ by at most this (hours: a minute) are one patience, a cancel_after. */
const PATIENCE_SPREAD = 1 / 60;

/**
 * Each flow's patience (null where it has none given up, or no one age), in `flows`' order, and
 * its note: a case's age at its `pi_abort` (its first) counts from its arrival, the earliest
 * instant of the case, its abort's included.
 */
export function findPatience(
  log: EventLog,
  events: number[][],
  casesOf: number[][][],
  placement: FlowPlacement,
  start: Float64Array,
  flows: readonly { name: string }[],
  notes: LogNote[],
): ({ hours: number; cases: number } | null)[] {
  const out: ({ hours: number; cases: number } | null)[] = flows.map(() => null);
  if (!log.aborts.some((a) => !Number.isNaN(a.at))) return out;
  const index = new Map(log.cases.map((name, c) => [name, c]));
  const ages: number[][] = flows.map(() => []);
  for (const a of log.aborts) {
    if (Number.isNaN(a.at)) continue;
    const c = index.get(a.caseId);
    const arrival = c !== undefined && events[c].length > 0 ? Math.min(a.first, arrivalOf(log, events[c], start)) : a.first;
    const f = placement.ofCase(a);
    if (f >= 0) ages[f].push((a.at - arrival) / HOUR);
  }
  flows.forEach((flow, f) => {
    const given = ages[f];
    if (given.length === 0) return;
    const low = smallest(given);
    const high = largest(given);
    let longest = 0;
    for (const list of casesOf[f]) longest = Math.max(longest, cycleMs(log, list, start) / HOUR);
    const one = high - low <= PATIENCE_SPREAD && longest <= high + PATIENCE_SPREAD;
    if (one) out[f] = { hours: high, cases: given.length };
    notes.push({
      kind: `cases of flow '${flow.name}' given up (pi_abort)`,
      one: `case of flow '${flow.name}' given up (pi_abort)`,
      count: given.length,
      handling: one
        ? `each at ${significantText(high, 6)} h from its arrival, and no case lasted longer: written as the flow's cancel_after`
        : `at ages from ${significantText(low, 4)} to ${significantText(high, 4)} h from their arrival${longest > high + PATIENCE_SPREAD ? `, and a case lasted ${significantText(longest, 4)} h` : ''}: no one cancel_after gives that, so abandonment is not modelled (the scenario's cases all run to their end)`,
      example: '',
    });
  });
  return out;
}
