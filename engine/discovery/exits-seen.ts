// The exits of cases the log's end may have cut: the last instance of a case that may have been
// open when the log was exported shows no exit, as what followed it is after the log's end.
// Invariant: an exit is left out of the shares only where the step rarely ends a case (below
// --min-share of the cases whose follow-up the log shows), so only what the export cut is left
// out; every other exit counts.
import type { EventLog, LogNote } from '../interchange/event-log.js';
import { quantileSorted } from '../stats/percentile.js';
import { agree } from '../plural.js';

/** The share of the times the log shows a next instance after a step that the window below covers. */
const FOLLOW_QUANTILE = 0.99;

/**
 * Which instances' exits the log shows (1), and which not (0): the last instance of a case that
 * may have been open when the log was exported. Such a log shows each open case up to its last
 * completed instance; read as it stands, that step leads to the end, so a step that never ends
 * a case gets an exit to the end (a 48-hour wait in a 4-week log: 9% of the cases leaving after
 * their first step, which none does). A case may be open when its last instance (of step a)
 * ended less than the 99th percentile of the time the log takes to show a next instance after
 * a (from a's end to the next instance's end, where one follows) before the log's last end. Its
 * exit is not counted when a ends fewer than `minShare` of the cases whose whole follow-up the
 * log shows (its instances that ended earlier): below that share an exit to the end would be
 * folded as rare anyway, so only what the export cut is left out. A step that ends more cases
 * keeps every exit (the few cut in the window bias its share little), and so does a step never
 * followed in the log, or followed up in fewer of its instances than the window holds.
 */
export function exitsSeen(log: EventLog, events: number[][], minShare: number, notes: LogNote[]): Uint8Array {
  let logEnd = -Infinity;
  for (const list of events) for (const e of list) if (log.end[e] > logEnd) logEnd = log.end[e];
  const m = log.activities.length;
  const gaps: number[][] = Array.from({ length: m }, () => []);
  for (const list of events)
    for (let k = 0; k + 1 < list.length; k++) gaps[log.activityOf[list[k]]].push(log.end[list[k + 1]] - log.end[list[k]]);
  const window = gaps.map((g) => {
    if (g.length === 0) return Number.NEGATIVE_INFINITY;
    g.sort((x, y) => x - y);
    return quantileSorted(g, FOLLOW_QUANTILE);
  });
  const cut = (e: number) => log.end[e] + window[log.activityOf[e]] > logEnd;
  // per step, among its instances the log follows up: how many, and how many end their case;
  // and how many the window cuts
  const followed = new Float64Array(m);
  const ending = new Float64Array(m);
  const cutCount = new Float64Array(m);
  for (const list of events) {
    list.forEach((e, k) => {
      if (cut(e)) {
        cutCount[log.activityOf[e]]++;
        return;
      }
      followed[log.activityOf[e]]++;
      if (k === list.length - 1) ending[log.activityOf[e]]++;
    });
  }
  // A step the log follows up less often than it cuts is one whose instances mostly fall in
  // the window: what the followed few do says little of the rest (a log of the cases closed
  // in its last months, the few closures followed up from before), so its exits are kept.
  const judged = (a: number) => followed[a] > 0 && followed[a] >= cutCount[a] && ending[a] / followed[a] < minShare;
  const seen = new Uint8Array(log.size).fill(1);
  let open = 0;
  let example = '';
  for (const list of events) {
    if (list.length === 0) continue;
    const last = list[list.length - 1];
    const a = log.activityOf[last];
    if (cut(last) && judged(a)) {
      seen[last] = 0;
      open++;
      example ||= `row ${log.row[last]}`;
    }
  }
  if (open > 0)
    notes.push({
      kind: "cases cut by the log's end (their last step ended too near it to show what followed, and rarely ends a case)",
      one: "case cut by the log's end (its last step ended too near it to show what followed, and rarely ends a case)",
      count: open,
      handling: `taken as open when the log was exported: ${agree(open, 'its', 'their')} exit to the end is not counted in the shares`,
      example,
    });
  return seen;
}
