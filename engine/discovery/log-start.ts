// Cases already under way when the log opens (left-censored): a log cut out of a running
// process shows such a case from a later step on, and read as it stands that step looks like
// an arrival in mid-flow: arrivals inflated at later steps, start branches the process does not
// have, two passes of a loop seen as one of each (which reads the loop as concurrency), and a
// parallel block's branches whose steps fell before the window seen as empty. Mirror of
// exits-seen.ts at the other edge of the window. Invariant: a case is taken as under
// way only when its first step rarely opens a case the log shows whole, and the log's own times
// say its start may lie before the window: its arrival is not counted, its entry is not a
// transition from the start, and its instances' durations and later routing are kept.
import type { EventLog, LogNote } from '../interchange/event-log.js';
import { quantileSorted } from '../stats/percentile.js';

/** The share of a step's lead times (previous end to its end) within which a predecessor may precede the window. */
const LEAD_QUANTILE = 0.99;

export interface LogStart {
  /** per case (events' index): 1 when the case was under way when the log opened */
  underWay: Uint8Array;
  count: number;
}

/**
 * Which cases were under way at the log's start. The log opens at its first completion (an
 * export by completion time shows nothing ended before; a start or enabling before that is of
 * work begun earlier). A case's first instance e, of step a, may be a later step of a case begun
 * before the window when (i) e began before the log's first completion (its start or enabling,
 * as the log dates them), or (ii) e ended less than the 99th percentile of a's lead time (from
 * the previous instance's end in its case to its own end, over the log's instances that have
 * one) after the log's first completion: its predecessor may have ended before the window. It is
 * taken as under way when, besides, a opens fewer than `minShare` of the cases whose beginning
 * the log shows (a's first instances of a case beyond that lead), and a has at least as many
 * instances beyond the lead as within it (a step whose instances mostly fall in the lead says
 * little by its later ones). A step that opens more cases is a start of the flow: its cases keep
 * their arrivals. `flowOf[c]`: the case's flow; steps are judged per flow (a step that opens one
 * flow may be a later step of another).
 */
export function casesUnderWayAtStart(
  log: EventLog,
  events: number[][],
  flowOf: ArrayLike<number>,
  minShare: number,
  notes: LogNote[],
): LogStart {
  const underWay = new Uint8Array(events.length);
  let logStart = Number.POSITIVE_INFINITY;
  for (const list of events) for (const e of list) if (log.end[e] < logStart) logStart = log.end[e];
  if (logStart === Number.POSITIVE_INFINITY) return { underWay, count: 0 };
  const m = log.activities.length;
  const leads: number[][] = Array.from({ length: m }, () => []);
  for (const list of events)
    for (let k = 1; k < list.length; k++) leads[log.activityOf[list[k]]].push(log.end[list[k]] - log.end[list[k - 1]]);
  const lead = leads.map((l) => {
    if (l.length === 0) return Number.NEGATIVE_INFINITY;
    l.sort((x, y) => x - y);
    return quantileSorted(l, LEAD_QUANTILE);
  });
  const began = (e: number) => {
    let at = log.end[e];
    if (!Number.isNaN(log.start[e]) && log.start[e] < at) at = log.start[e];
    if (!Number.isNaN(log.enabled[e]) && log.enabled[e] < at) at = log.enabled[e];
    return at;
  };
  const near = (e: number) => began(e) < logStart || log.end[e] - lead[log.activityOf[e]] < logStart;
  // per flow and step: instances beyond the lead, those of them opening a case, those within it
  const key = (c: number, a: number) => flowOf[c] * m + a;
  const beyond = new Map<number, number>();
  const opens = new Map<number, number>();
  const within = new Map<number, number>();
  const add = (map: Map<number, number>, k: number) => map.set(k, (map.get(k) ?? 0) + 1);
  events.forEach((list, c) => {
    list.forEach((e, k) => {
      const at = key(c, log.activityOf[e]);
      if (near(e)) add(within, at);
      else {
        add(beyond, at);
        if (k === 0) add(opens, at);
      }
    });
  });
  events.forEach((list, c) => {
    if (list.length === 0) return;
    const e = list[0];
    if (!near(e)) return;
    const at = key(c, log.activityOf[e]);
    const shown = beyond.get(at) ?? 0;
    if (shown === 0 || shown < (within.get(at) ?? 0) || (opens.get(at) ?? 0) / shown >= minShare) return;
    underWay[c] = 1;
  });
  // A flow keeps at least one case whose beginning counts: a flow of cases all under way would
  // have no arrival to measure a rate from (a log of a few long cases, say), so none is taken so.
  const whole = new Set<number>();
  events.forEach((list, c) => {
    if (list.length > 0 && underWay[c] === 0) whole.add(flowOf[c]);
  });
  let count = 0;
  let example = '';
  events.forEach((list, c) => {
    if (underWay[c] === 0) return;
    if (!whole.has(flowOf[c])) {
      underWay[c] = 0;
      return;
    }
    count++;
    const e = list[0];
    example ||= `row ${log.row[e]}: case ${log.cases[log.caseOf[e]]} opens with ${log.activities[log.activityOf[e]]}`;
  });
  if (count > 0)
    notes.push({
      kind: "cases under way when the log opens (their first step rarely opens a case, and ended too near the log's start to show what came before)",
      one: "case under way when the log opens (its first step rarely opens a case, and ended too near the log's start to show what came before)",
      count,
      handling:
        "taken as begun before the log: not counted as arrivals, their entry not a path from the start; their steps' durations and later paths are kept",
      example,
    });
  return { underWay, count };
}
