// Which activities run in parallel. Two activities are concurrent when, among the cases that
// contain both, their instances overlap in time in at least OVERLAP_SHARE of them (interval
// logs), or, among the cases with exactly one instance of each, each order occurs in at least
// ORDER_SHARE of them (the alpha-algorithm's "both orders", made robust to noise). Cases with
// repeated instances are left out of the order count: A B A is rework, not parallelism; so are
// cases under way when the log opened (log-start.ts), whose one instance of each may be the
// second pass of a loop whose first the log does not show: fiber's rework (design, hold,
// resolve, design again) seen from the hold on ordered the hold before the design, and its
// windowed log read the loop as a parallel block.
import type { EventLog } from '../interchange/event-log.js';

export const OVERLAP_SHARE = 0.1;
/** Not the literature's stricter dependency thresholds: measured, they fit no log better (docs/discovery-notes.md, *Both orders in 10% of cases*). */
export const ORDER_SHARE = 0.1;

export interface Concurrency {
  concurrent(a: number, b: number): boolean;
  /** the activities concurrent with `a` (none: an empty list), for walks that must not ask of every pair */
  partners(a: number): readonly number[];
  pairs: [number, number][];
}

const NO_PARTNERS: readonly number[] = [];

/**
 * The oracle of the cases `events` (a flow's, or the whole log's). Its counts are kept per pair
 * of activities that share a case, not per pair of the activities those cases have: a log of
 * thousands of activities, each case a few of them, has a few pairs per case, where a square
 * table (three of them, 5,000 activities: 600 MB) grew with the activities' square.
 */
export function concurrencyOracle(
  log: EventLog,
  events: number[][],
  start: Float64Array | null,
  /** true for a case whose beginning the log does not show: its overlaps count, its order not */
  partial: (list: number[]) => boolean = () => false,
): Concurrency {
  const m = log.activities.length;
  const local = new Int32Array(m).fill(-1); // log's activity -> its index among these cases' activities
  const acts: number[] = [];
  for (const list of events)
    for (const e of list) {
      const a = log.activityOf[e];
      if (local[a] < 0) local[a] = acts.push(a) - 1;
    }
  const k = acts.length;
  // per pair of local activities i < j met in one case, its slot in the counts
  const slots = new PairSlots(k);
  const both: number[] = []; // cases with both
  const lowerFirst: number[] = []; // cases (each once) where i precedes j
  const upperFirst: number[] = []; // ... where j precedes i
  const once: number[] = []; // cases with one instance of each
  const overlap = new Map<number, number>(); // the log's pair keys (Overlaps), few per case
  const count = new Int32Array(k);
  const seen: number[] = [];
  const overlaps = new Overlaps(log);
  for (const list of events) {
    seen.length = 0;
    for (const e of list) {
      const i = local[log.activityOf[e]];
      if (count[i]++ === 0) seen.push(i);
    }
    for (const i of seen)
      for (const j of seen) {
        if (i >= j) continue;
        const slot = slots.slot(i, j);
        if (slot < both.length) both[slot]++;
        else {
          both.push(1);
          lowerFirst.push(0);
          upperFirst.push(0);
          once.push(0);
        }
      }
    // overlaps: each unordered pair counted once per case
    if (start !== null) for (const key of overlaps.of(list, start)) overlap.set(key, (overlap.get(key) ?? 0) + 1);
    const ordered = !partial(list);
    for (let x = 0; ordered && x < list.length; x++) {
      const i = local[log.activityOf[list[x]]];
      if (count[i] !== 1) continue;
      for (let y = x + 1; y < list.length; y++) {
        const j = local[log.activityOf[list[y]]];
        if (count[j] !== 1) continue;
        // both have one instance in this case, so the pair has its slot (the loop above)
        const slot = i < j ? slots.slot(i, j) : slots.slot(j, i);
        if (i < j) lowerFirst[slot]++;
        else upperFirst[slot]++;
        once[slot]++;
      }
    }
    for (const i of seen) count[i] = 0;
  }
  const concurrentKeys = new Set<number>(); // a * m + b, both orders
  const pairs: [number, number][] = [];
  const partnersOf = new Map<number, number[]>();
  const partner = (a: number, b: number) => {
    const list = partnersOf.get(a);
    if (list === undefined) partnersOf.set(a, [b]);
    else list.push(b);
  };
  for (let slot = 0; slot < both.length; slot++) {
    const i = acts[slots.lower(slot)];
    const j = acts[slots.upper(slot)];
    const [a, b] = i < j ? [i, j] : [j, i];
    const byOverlap = (overlap.get(a * m + b) ?? 0) / both[slot] >= OVERLAP_SHARE;
    const n = once[slot];
    const byOrder = n > 0 && Math.min(lowerFirst[slot], upperFirst[slot]) / n >= ORDER_SHARE;
    if (byOverlap || byOrder) {
      concurrentKeys.add(a * m + b);
      concurrentKeys.add(b * m + a);
      pairs.push([a, b]);
      partner(a, b);
      partner(b, a);
    }
  }
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return {
    concurrent: (a, b) => concurrentKeys.has(a * m + b),
    partners: (a) => partnersOf.get(a) ?? NO_PARTNERS,
    pairs,
  };
}

/** Up to this many activities PairSlots indexes every pair (a megabyte): a lookup is one load. */
const INDEXED_UP_TO = 512;

/**
 * Slots 0, 1, 2... given to pairs of numbers i < j < k in the order first asked. Of few numbers,
 * an index of every pair; of more, an open-addressing table of those asked (linear probing, at
 * most half full). A Map of i * k + j took a dense log's oracle from 25 to 40 ms (fiber's CSV: 39
 * to 60 ms), the table alone to 35 (56).
 */
export class PairSlots {
  /** of k up to INDEXED_UP_TO: per pair i * k + j, its slot (-1: none yet) */
  private readonly index: Int32Array | null;
  private size = 0;
  private mask = 1023;
  /** per table cell: the pair's i + 1 (0: empty), its j and its slot */
  private firsts = new Int32Array(1024);
  private seconds = new Int32Array(1024);
  private slots = new Int32Array(1024);
  /** per slot: its pair */
  private readonly lowers: number[] = [];
  private readonly uppers: number[] = [];

  constructor(private readonly k: number) {
    this.index = k <= INDEXED_UP_TO ? new Int32Array(k * k).fill(-1) : null;
  }

  /** the slot of the pair (i, j), a new one if it had none */
  slot(i: number, j: number): number {
    const index = this.index;
    if (index !== null) {
      const at = i * this.k + j;
      if (index[at] >= 0) return index[at];
      index[at] = this.size;
      this.lowers.push(i);
      this.uppers.push(j);
      return this.size++;
    }
    let cell = cellOf(i, j) & this.mask;
    for (;;) {
      const first = this.firsts[cell];
      if (first === 0) break;
      if (first === i + 1 && this.seconds[cell] === j) return this.slots[cell];
      cell = (cell + 1) & this.mask;
    }
    const slot = this.size++;
    this.firsts[cell] = i + 1;
    this.seconds[cell] = j;
    this.slots[cell] = slot;
    this.lowers.push(i);
    this.uppers.push(j);
    if (2 * this.size > this.mask) this.grow();
    return slot;
  }

  lower(slot: number): number {
    return this.lowers[slot];
  }

  upper(slot: number): number {
    return this.uppers[slot];
  }

  private grow(): void {
    const cells = 2 * (this.mask + 1);
    this.mask = cells - 1;
    this.firsts = new Int32Array(cells);
    this.seconds = new Int32Array(cells);
    this.slots = new Int32Array(cells);
    for (let slot = 0; slot < this.size; slot++) {
      const i = this.lowers[slot];
      const j = this.uppers[slot];
      let cell = cellOf(i, j) & this.mask;
      while (this.firsts[cell] !== 0) cell = (cell + 1) & this.mask;
      this.firsts[cell] = i + 1;
      this.seconds[cell] = j;
      this.slots[cell] = slot;
    }
  }
}

/** A pair's hash, its bits mixed so that the low ones, the table's cell, depend on all of i's and j's. */
function cellOf(i: number, j: number): number {
  let h = Math.imul(i, 0x9e3779b1) ^ j;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b);
  return h ^ (h >>> 13);
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

/**
 * The activity pairs concurrent in some flow, each once, in the order the flows and their
 * oracles list them; of `m` activities, a pair's key is a * m + b, as the oracles' are.
 */
export function concurrentPairsOfFlows(orders: readonly Concurrency[], m: number): [number, number][] {
  const seen = new Set<number>();
  const out: [number, number][] = [];
  for (const o of orders)
    for (const [a, b] of o.pairs) {
      const key = a * m + b;
      if (!seen.has(key)) {
        seen.add(key);
        out.push([a, b]);
      }
    }
  return out;
}
