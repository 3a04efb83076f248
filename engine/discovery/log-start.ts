// Cases already under way when the log opens (left-censored): a log cut out of a running
// process shows such a case from a later step on, and read as it stands that step looks like
// an arrival in mid-flow: arrivals inflated at later steps, start branches the process does not
// have, two passes of a loop seen as one of each (which reads the loop as concurrency), and a
// parallel block's branches whose steps fell before the window seen as empty. Mirror of
// exits-seen.ts at the other edge of the window. Invariant: a case is taken as under
// way only when its first step rarely opens a case the log shows whole, and the log's own times
// say its start may lie before the window, or when it is of the crowd a start's first instances
// show near the log's opening, as its leads explain (opening-crowd.ts), earliest first: its
// arrival is not counted, its entry is not a transition from the start, and its instances'
// durations and later routing are kept. A log of periods apart (an export of January and one of
// March) opens again after each break: the first rule holds at each period's opening, as at the
// log's (s37c F1: the cases under way when March opened counted as arrivals of its first days).
import type { EventLog, LogNote } from '../interchange/event-log.js';
import { quantileSorted } from '../stats/percentile.js';
import { arrivalBreaks } from './arrival-breaks.js';
import { openingCrowd } from './opening-crowd.js';
import { entryHours } from './week-clock.js';

/** The share of a step's lead times (previous end to its end) within which a predecessor may precede the window. */
const LEAD_QUANTILE = 0.99;

export interface LogStart {
  /** per case (events' index): 1 when the case was under way when the log, or a period of it, opened */
  underWay: Uint8Array;
  count: number;
  /** of `count`, those under way when a period after a break opened */
  afterBreaks: number;
}

/** The instant a case's instance e began: the earliest of its start, enabling and end the log gives. */
function began(log: EventLog, e: number): number {
  let at = log.end[e];
  if (!Number.isNaN(log.start[e]) && log.start[e] < at) at = log.start[e];
  if (!Number.isNaN(log.enabled[e]) && log.enabled[e] < at) at = log.enabled[e];
  return at;
}

/**
 * The instants the log's periods open at (ms, ascending): its first completion, and the first
 * completion after each break among its completions (arrival-breaks.ts' test, over the log's
 * completions: the export's own clock). Not its cases' beginnings: the cases under way when a
 * period opens began in the break, by the times the log gives their first steps (an enabling, a
 * start), and filled it (one-off: fiber's log exported for 47 and 69 days, 44 days apart: no break among
 * the cases' beginnings, its rate 24% low).
 */
function periodOpenings(log: EventLog, events: number[][], logStart: number): number[] {
  const openings = [logStart];
  let n = 0;
  for (const list of events) n += list.length;
  if (n < 3) return openings;
  const clock = new Float64Array(n);
  let k = 0;
  for (const list of events) for (const e of list) clock[k++] = entryHours(log, e, log.end[e]);
  clock.sort();
  const breaks = arrivalBreaks(clock, clock[0], clock[n - 1]);
  for (const b of breaks) {
    // the instant of the completion that ends the break (its hours are the week clock's, not the instant's)
    let opening = Number.NaN;
    for (const list of events)
      for (const e of list) if (entryHours(log, e, log.end[e]) === b.toH && !(log.end[e] >= opening)) opening = log.end[e];
    if (opening > openings[openings.length - 1]) openings.push(opening);
  }
  return openings;
}

/**
 * Which cases were under way at the log's start, or at the opening of a period of it after a
 * break (periodOpenings: each instance is judged against its own period's). The log opens at its
 * first completion (an export by completion time shows nothing ended before; a start or enabling
 * before that is of work begun earlier). A case's first instance e, of step a, may be a later step of a case begun
 * before the window when (i) e began before the log's first completion (its start or enabling,
 * as the log dates them), or (ii) e ended less than the 99th percentile of a's lead time (from
 * the previous instance's end in its case to its own end, over the log's instances that have
 * one) after the log's first completion: its predecessor may have ended before the window. It is
 * taken as under way when, besides, a opens fewer than `minShare` of the cases whose beginning
 * the log shows (a's first instances of a case beyond that lead, against all its instances there,
 * up to the end of the flow's last case's first instance: after it no case opens, whatever a does).
 * A step that opens more cases is a start of the flow: its cases keep their arrivals, and so do a
 * step's with too few instances beyond the lead to show one case opened at `minShare` (fewer than
 * 20 at 5%: session 55, a whole log's B judged on the one instance between its lead's 99th
 * percentile and the last case's arrival, which opened none, and its 252 first cases, 40% of those
 * it opens, taken as under way). `flowOf[c]`: the case's flow; steps are judged per flow
 * (a step that opens one flow may be a later step of another).
 *
 * Until session 53 a step was not judged where fewer of its instances were beyond the lead than
 * within (a step whose instances mostly fall in the lead says little by its later ones): in a log
 * not much longer than the process's leads (a day cut out of a process whose steps wait hours) no
 * later step was judged, and every case under way at the start counted as an arrival
 * (choiceBlockLog entered after X, a case every 3 min, the rows ended in a 30-h window: the rate
 * 6-24% high; session 52 in docs/discovery-notes.md). Where it fails: a step whose leads run past
 * the log's span has none of its instances beyond the lead, or few, most of them the cases it
 * seems to open; it is a start; and a step that does open some cases (a start) keeps the arrivals of
 * the cases under way first seen at it, but for the crowd of them near the opening that its leads
 * explain (crowdsAtOpening, session 54: the tail of a crowd whose leads run past the span stays).
 * And the lead's 99th percentile, read from the leads the opening lets show (none longer than the
 * time since it), runs short where they are long: a step's cases under way just beyond it read as
 * openings, and a step opening none may read as a start (the 30-h log, over seeds 1-30: B opening
 * 6 of its 108 instances beyond the lead, 10 of 118, in seeds 16 and 18, its 58 and 51 cases under
 * way kept; the rate pooled x1.022).
 * Tried in session 52: the share of a's instances opening a case read by Kaplan and Meier's product
 * limit over every instance's lead (a first instance censored at its time since the opening, as
 * exits-seen.ts reads exits); as good on the cut logs, but in a whole log one lead longer than any
 * first instance's time since the opening put the share at 0 and took a start's first cases as
 * under way (choice-block-window.test.ts' log opening the case: B, opening 40% of its cases, 236
 * taken so). And the lead's window read by Lynden-Bell's estimator for left-truncated leads (a lead
 * shows only if its predecessor ended after the opening: exits-seen.ts' truncatedQuantile, mirrored):
 * in that whole log B's window grew to nearly its span (one lead of 20.4 h in a 20.5-h log), its
 * instances beyond it were a few not opening a case, and its first cases were taken as under way.
 *
 * Session 52's change without the guard was reverted for the same failure in the plain window: in a
 * whole log, drained (the rows run on hours after the last case came in, each finishing its steps),
 * a step with leads of nearly the span has its instances beyond the lead only in that tail, where no
 * case opens (choice-block-window.test.ts' late-leader log, seeds 2 and 6: B's lead 20.9 and 21.5 h,
 * the last case opening 20.8 and 20.2 h after the log's, its 75 and 53 instances beyond all after
 * that), so B, opening 40% of its cases, read as opening none, its 249 and 229 first cases were taken
 * as under way, the block lost its entries from the start and no block opened the case. Now (session
 * 53) the instances beyond the lead count only up to the flow's last opening (seed 4: 54 of 118 there,
 * 22 opening a case). Tried in session 53 and dropped: a start's first instances near the opening cut
 * to the number its openings beyond the lead give by the hours (its openings a steady rate), the
 * excess taken as under way where beyond 3.29 standard errors: a 12-h log x1.14 -> 1.075, but in 6
 * of the late-leader whole logs over seeds 1-30 it took 32-61 true arrivals as under way (it rests on
 * a start's openings coming at a steady rate, which R's, only from the 400th case, and a weekly
 * profile's do not).
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
  if (logStart === Number.POSITIVE_INFINITY) return { underWay, count: 0, afterBreaks: 0 };
  const m = log.activities.length;
  const leads: number[][] = Array.from({ length: m }, () => []);
  for (const list of events)
    for (let k = 1; k < list.length; k++) leads[log.activityOf[list[k]]].push(log.end[list[k]] - log.end[list[k - 1]]);
  const lead = leads.map((l) => {
    if (l.length === 0) return Number.NEGATIVE_INFINITY;
    l.sort((x, y) => x - y);
    return quantileSorted(l, LEAD_QUANTILE);
  });
  // each instance against the opening of its period: the latest at or before its end
  const openings = periodOpenings(log, events, logStart);
  const openingOf = (e: number) => {
    let k = openings.length - 1;
    while (k > 0 && openings[k] > log.end[e]) k--;
    return openings[k];
  };
  const near = (e: number) => {
    const opened = openingOf(e);
    return began(log, e) < opened || log.end[e] - lead[log.activityOf[e]] < opened;
  };
  // per flow and step: instances beyond the lead, and those of them opening a case
  const key = (c: number, a: number) => flowOf[c] * m + a;
  const beyond = new Map<number, number>();
  const opens = new Map<number, number>();
  const add = (map: Map<number, number>, k: number) => map.set(k, (map.get(k) ?? 0) + 1);
  // per flow: the end of the last case's first instance; after it no case opens, whatever its steps do
  const lastOpening = new Map<number, number>();
  events.forEach((list, c) => {
    if (list.length === 0) return;
    const last = lastOpening.get(flowOf[c]);
    if (last === undefined || log.end[list[0]] > last) lastOpening.set(flowOf[c], log.end[list[0]]);
  });
  events.forEach((list, c) => {
    const last = lastOpening.get(flowOf[c]) ?? Number.NEGATIVE_INFINITY;
    list.forEach((e, k) => {
      if (near(e) || log.end[e] > last) return;
      const at = key(c, log.activityOf[e]);
      add(beyond, at);
      if (k === 0) add(opens, at);
    });
  });
  events.forEach((list, c) => {
    if (list.length === 0) return;
    const e = list[0];
    if (!near(e)) return;
    const at = key(c, log.activityOf[e]);
    const shown = beyond.get(at) ?? 0;
    // judged only on instances enough to show one case opened at minShare (a share of one instance is no share)
    if (shown * minShare >= 1 && (opens.get(at) ?? 0) / shown < minShare) underWay[c] = 1;
  });
  crowdsAtOpening(log, events, flowOf, logStart, lastOpening, openingOf, underWay);
  // A flow keeps at least one case whose beginning counts: a flow of cases all under way would
  // have no arrival to measure a rate from (a log of a few long cases, say), so none is taken so.
  const whole = new Set<number>();
  events.forEach((list, c) => {
    if (list.length > 0 && underWay[c] === 0) whole.add(flowOf[c]);
  });
  let count = 0;
  let example = '';
  let afterBreaks = 0;
  let exampleAfter = '';
  events.forEach((list, c) => {
    if (underWay[c] === 0) return;
    if (!whole.has(flowOf[c])) {
      underWay[c] = 0;
      return;
    }
    const e = list[0];
    const where = `row ${log.row[e]}: case ${log.cases[log.caseOf[e]]} opens with ${log.activities[log.activityOf[e]]}`;
    if (openingOf(e) > logStart) {
      afterBreaks++;
      exampleAfter ||= where;
    } else {
      count++;
      example ||= where;
    }
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
  if (afterBreaks > 0)
    notes.push({
      kind: "cases under way when a period of the log opens after a break (their first step rarely opens a case, and ended too near the period's start to show what came before)",
      one: "case under way when a period of the log opens after a break (its first step rarely opens a case, and ended too near the period's start to show what came before)",
      count: afterBreaks,
      handling:
        "taken as begun in the break: not counted as arrivals, their entry not a path from the start; their steps' durations and later paths are kept",
      example: exampleAfter,
    });
  return { underWay, count: count + afterBreaks, afterBreaks };
}

const HOUR = 3_600_000;

/**
 * The cases under way first seen at a start (a step casesUnderWayAtStart keeps, its first cases'
 * arrivals counted): per flow and step with leads, its first instances from the log's opening to the
 * flow's last opening, the earliest of them as many as openingCrowd reads as a crowd of cases under
 * way (a decay of the lead's shape that its leads could hold), taken as under way (`underWay` set).
 * Only at the log's opening, not a period's after a break (not measured there). Session 54: the
 * 12-h log's R and B (waits of 6-8 h and 12 h, their leads past the span: starts by
 * casesUnderWayAtStart's rule) had all their 117-225 first cases counted as arrivals, the rate
 * x1.14.
 */
function crowdsAtOpening(
  log: EventLog,
  events: number[][],
  flowOf: ArrayLike<number>,
  logStart: number,
  lastOpening: Map<number, number>,
  openingOf: (e: number) => number,
  underWay: Uint8Array,
): void {
  const m = log.activities.length;
  const firsts = new Map<number, { at: number; c: number }[]>();
  const leads = new Map<number, { lead: number[]; at: number[] }>();
  const judged = new Set<number>();
  events.forEach((list, c) => {
    const last = lastOpening.get(flowOf[c]) ?? Number.NEGATIVE_INFINITY;
    list.forEach((e, k) => {
      if (log.end[e] > last || openingOf(e) > logStart) return;
      const step = flowOf[c] * m + log.activityOf[e];
      const at = (log.end[e] - logStart) / HOUR;
      if (k === 0) {
        if (underWay[c] === 1) judged.add(step);
        const ofStep = firsts.get(step) ?? [];
        ofStep.push({ at, c });
        firsts.set(step, ofStep);
        return;
      }
      const seen = leads.get(step) ?? { lead: [], at: [] };
      seen.lead.push((log.end[e] - log.end[list[k - 1]]) / HOUR);
      seen.at.push(at);
      leads.set(step, seen);
    });
  });
  for (const [step, first] of firsts) {
    const seen = leads.get(step);
    if (seen === undefined || judged.has(step)) continue;
    const span = ((lastOpening.get(Math.floor(step / m)) ?? logStart) - logStart) / HOUR;
    const crowd = openingCrowd(
      first.map((f) => f.at),
      seen.lead,
      seen.at,
      span,
    );
    if (crowd === 0) continue;
    first.sort((x, y) => x.at - y.at);
    for (let k = 0; k < crowd; k++) underWay[first[k].c] = 1;
  }
}
