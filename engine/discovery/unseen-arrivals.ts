// The arrivals of the cases the log holds no entry of: those seen only as steps still running at
// its end, only as given up (an abort event), or by their arrival alone (an open case that never
// started a step). Left out, the arrivals of a log's last days (as long as a first step lasts)
// went missing: a rate too low and a weekly profile falling towards the log's end. Invariant: each
// such case counts once, at the earliest instant the log gives of it, in the flow case-flow.ts
// places it in; a case placed in none is noted, never counted.
import type { EventLog, LogNote, UnfinishedInstance } from '../interchange/event-log.js';
import { agree } from '../plural.js';
import type { Arrival } from './arrival-facts.js';
import type { FlowPlacement } from './case-flow.js';

/**
 * Per flow, the arrivals of the cases the log shows only as instances still running at its end:
 * no event of theirs completed, so no entry holds them, yet each arrived when its first step
 * started. Left out, the arrivals of a log's last days (as long as a first step lasts) went
 * missing: a rate too low and a weekly profile falling towards the log's end. `flows`: how many.
 */
export function unseenArrivals(
  log: EventLog,
  events: number[][],
  unfinished: readonly UnfinishedInstance[],
  placement: FlowPlacement,
  flows: number,
  notes: LogNote[],
): Arrival[][] {
  const out: Arrival[][] = Array.from({ length: flows }, () => []);
  if (unfinished.length === 0 && log.aborts.length === 0 && log.waiting.length === 0) return out;
  const seen = new Set(log.cases.filter((_, c) => events[c].length > 0));
  const first = new Map<string, Arrival & { flow: number }>();
  let unplaced = 0;
  // A case given up (an abort event: etomsim writes one per cancelled case) arrived by the
  // earliest instant its aborts give (the enabled time of the task it waited for: its arrival,
  // when that was its first); with steps still running, by the earliest of both.
  const seenAs = [
    ...unfinished.map((u) => ({ caseId: u.caseId, flow: u.flow, activity: u.activity, ms: u.start, offset: u.offset, aborted: false })),
    ...log.aborts.map((a) => ({ caseId: a.caseId, flow: a.flow, activity: a.activity, ms: a.first, offset: a.offset, aborted: true })),
  ];
  const aborted = new Set<string>();
  for (const u of seenAs) {
    if (seen.has(u.caseId)) continue;
    const f = placement.ofCase(u);
    if (f < 0) {
      unplaced++;
      continue;
    }
    if (u.aborted) aborted.add(u.caseId);
    const known = first.get(u.caseId);
    if (known === undefined || u.ms < known.ms) first.set(u.caseId, { ms: u.ms, offset: u.offset, flow: f });
  }
  for (const a of first.values()) out[a.flow].push({ ms: a.ms, offset: a.offset });
  // a case shown by its arrival alone (no event: it never started a step), in a flow only where it names one or there is one
  let waiting = 0;
  let waitingUnplaced = 0;
  for (const w of log.waiting) {
    if (seen.has(w.caseId) || first.has(w.caseId)) continue;
    const f = placement.ofArrival(w.flow);
    if (f < 0) waitingUnplaced++;
    else {
      out[f].push({ ms: w.ms, offset: w.offset });
      waiting++;
    }
  }
  // where the log dates them: an XES trace's attribute, an OCEL case object's (ocel-log-reader.ts' addUndatedCases)
  const dated = log.format === 'ocel' ? "the case object's dated attribute" : "the trace's `arrival`";
  if (waiting + waitingUnplaced > 0)
    notes.push({
      kind: 'cases shown by their arrival alone (no event: open, no step started)',
      one: 'case shown by its arrival alone (no event: open, no step started)',
      count: waiting + waitingUnplaced,
      handling:
        waitingUnplaced === 0
          ? `${agree(waiting, 'its arrival', 'their arrivals')} counted (${dated}, as etomsim writes it)`
          : `${waiting} arrivals counted (${dated}, as etomsim writes it); ${waitingUnplaced} left out: with several flows and no --flow, nothing places such a case in one`,
      example: '',
    });
  const running = [...first.keys()].filter((c) => !aborted.has(c));
  if (running.length > 0)
    notes.push({
      kind: "cases seen only as steps still running at the log's end",
      one: "case seen only as a step still running at the log's end",
      count: running.length,
      handling: 'their arrivals counted (a case arrives when its first step starts); no entry holds them',
      example: `case ${running[0]}`,
    });
  if (aborted.size > 0)
    notes.push({
      kind: 'cases seen only as given up (an abort event, no step completed)',
      one: 'case seen only as given up (an abort event, no step completed)',
      count: aborted.size,
      handling:
        "their arrivals counted (at the abort's enabled time, when the log gives one, as etomsim's own logs do; whether their abandonment is modelled, a cancel_after, the flow's note of cases given up says)",
      example: `case ${[...aborted][0]}`,
    });
  if (unplaced > 0)
    notes.push({
      kind: "steps still running at the log's end of cases of no known flow",
      one: "step still running at the log's end of a case of no known flow",
      count: unplaced,
      handling: 'left out: no completed instance of that activity places it in a flow',
      example: '',
    });
  return out;
}
