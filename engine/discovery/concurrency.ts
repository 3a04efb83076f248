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
  for (const list of events) {
    seen.length = 0;
    for (const e of list) {
      const a = log.activityOf[e];
      if (count[a]++ === 0) seen.push(a);
    }
    for (const a of seen) for (const b of seen) if (a < b) both[a * m + b]++;
    // overlaps: each unordered pair counted once per case
    const marked = new Set<number>();
    if (start !== null) {
      for (let i = 0; i < list.length; i++) {
        const x = list[i];
        for (let j = i + 1; j < list.length; j++) {
          const y = list[j];
          if (start[y] >= log.end[x]) continue;
          const a = log.activityOf[x];
          const b = log.activityOf[y];
          if (a === b) continue;
          const key = Math.min(a, b) * m + Math.max(a, b);
          // strict overlap of positive-length intervals
          if (start[y] < log.end[x] && start[x] < log.end[y] && !marked.has(key)) {
            marked.add(key);
            overlap[key]++;
          }
        }
      }
    }
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
