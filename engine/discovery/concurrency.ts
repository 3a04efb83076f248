// Which activities run in parallel. Two activities are concurrent when, among the cases that
// contain both, their instances overlap in time in at least OVERLAP_SHARE of them (interval
// logs), or, among the cases with exactly one instance of each, each order occurs in at least
// ORDER_SHARE of them (the alpha-algorithm's "both orders", made robust to noise). Cases with
// repeated instances are left out of the order count: A B A is rework, not parallelism.
import type { EventLog } from '../interchange/event-log.js';

export const OVERLAP_SHARE = 0.1;
export const ORDER_SHARE = 0.1;

export interface Concurrency {
  concurrent(a: number, b: number): boolean;
  pairs: [number, number][];
}

export function concurrencyOracle(log: EventLog, events: number[][], start: Float64Array | null): Concurrency {
  const m = log.activities.length;
  const both = new Float64Array(m * m);
  const overlap = new Float64Array(m * m);
  const before = new Float64Array(m * m); // [a*m+b]: cases (each once) where a precedes b
  const once = new Float64Array(m * m);
  const count = new Int32Array(m);
  const seen: number[] = [];
  const overlaps = new Overlaps(log);
  for (const list of events) {
    seen.length = 0;
    for (const e of list) {
      const a = log.activityOf[e];
      if (count[a]++ === 0) seen.push(a);
    }
    for (const a of seen) for (const b of seen) if (a < b) both[a * m + b]++;
    // overlaps: each unordered pair counted once per case
    if (start !== null) for (const key of overlaps.of(list, start)) overlap[key]++;
    for (let i = 0; i < list.length; i++) {
      const a = log.activityOf[list[i]];
      if (count[a] !== 1) continue;
      for (let j = i + 1; j < list.length; j++) {
        const b = log.activityOf[list[j]];
        if (count[b] !== 1) continue;
        before[a * m + b]++;
        once[Math.min(a, b) * m + Math.max(a, b)]++;
      }
    }
    for (const a of seen) count[a] = 0;
  }
  const matrix = new Uint8Array(m * m);
  const pairs: [number, number][] = [];
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const k = a * m + b;
      if (both[k] === 0) continue;
      const byOverlap = overlap[k] / both[k] >= OVERLAP_SHARE;
      const n = once[k];
      const byOrder = n > 0 && Math.min(before[a * m + b], before[b * m + a]) / n >= ORDER_SHARE;
      if (byOverlap || byOrder) {
        matrix[a * m + b] = matrix[b * m + a] = 1;
        pairs.push([a, b]);
      }
    }
  }
  return { concurrent: (a, b) => matrix[a * m + b] === 1, pairs };
}

/**
 * The activity pairs (min * m + max) of which some two instances in one case overlap strictly:
 * start[y] < end[x] and start[x] < end[y] (an instance with no start, NaN, overlaps none). As
 * every end is at or after its start, a sweep in order of start finds them: an instance
 * overlaps an earlier-starting one exactly when that one ends after it starts, and one starting
 * at the same instant when both last a while. Keeping the latest end per activity so far makes
 * the case's cost O(n d) for n instances of d activities, where comparing every pair was O(n²):
 * a step run 32,000 times at once in a case took discover 3.9 s here.
 */
export class Overlaps {
  private readonly m: number;
  /** per activity, the latest end among the instances of earlier starts swept so far (valid for `swept` only) */
  private readonly latestEnd: Float64Array;
  private readonly swept: number[] = [];
  private readonly isSwept: Uint8Array;

  constructor(private readonly log: EventLog) {
    this.m = log.activities.length;
    this.latestEnd = new Float64Array(this.m);
    this.isSwept = new Uint8Array(this.m);
  }

  of(list: number[], start: Float64Array): Set<number> {
    const { log, m, latestEnd, swept, isSwept } = this;
    const end = log.end;
    const activityOf = log.activityOf;
    const pairs = new Set<number>();
    const mark = (a: number, b: number) => {
      if (a !== b) pairs.add(a < b ? a * m + b : b * m + a);
    };
    const order = list.filter((e) => !Number.isNaN(start[e])).sort((x, y) => start[x] - start[y]);
    for (let i = 0; i < order.length; ) {
      const at = start[order[i]];
      let next = i;
      while (next < order.length && start[order[next]] === at) next++;
      const lasting = new Set<number>(); // activities of this instant's instances that last a while
      for (let k = i; k < next; k++) {
        const b = activityOf[order[k]];
        for (const a of swept) if (latestEnd[a] > at) mark(a, b);
        if (end[order[k]] > at) lasting.add(b);
      }
      for (const a of lasting) for (const b of lasting) if (a < b) mark(a, b);
      for (let k = i; k < next; k++) {
        const a = activityOf[order[k]];
        if (isSwept[a] === 0) {
          isSwept[a] = 1;
          swept.push(a);
          latestEnd[a] = end[order[k]];
        } else if (end[order[k]] > latestEnd[a]) latestEnd[a] = end[order[k]];
      }
      i = next;
    }
    for (const a of swept) isSwept[a] = 0;
    swept.length = 0;
    return pairs;
  }
}
