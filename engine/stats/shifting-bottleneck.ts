// The shifting-bottleneck method of Roser, Nakano & Tanaka (2002), "Shifting bottleneck
// detection", Winter Simulation Conference. At each instant the bottleneck is the resource
// whose current active period (the whole uninterrupted period containing the instant) is
// the longest; where the active period of the bottleneck overlaps that of the previous or
// the next bottleneck, the two are "shifting" during the overlap, and otherwise the
// bottleneck is "sole". Long active periods mean the resource holds the others up longest.

/** One resource's active periods: sorted, non-overlapping, within [from, to]. */
export interface ActivePeriods {
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
}

/** A stretch of time with one bottleneck. */
export interface BottleneckSpell {
  start: number;
  end: number;
  resource: number;
  /** the bottleneck's active period overlaps that of the bottleneck before or after it */
  shifting: boolean;
}

export interface ShiftingBottleneck {
  /** per resource: share of (to - from) as the sole bottleneck */
  sole: number[];
  /** per resource: share of (to - from) as a shifting bottleneck (never also counted as sole) */
  shifting: number[];
  /** in time order; instants where no resource is active have no spell */
  timeline: BottleneckSpell[];
}

/** Every resource's periods in flat arrays, so the sweep allocates nothing per period. */
interface Periods {
  start: Float64Array;
  end: Float64Array;
  length: Float64Array;
  resource: Int32Array;
}

/** Maximal stretches [from, to) during which one active period is the bottleneck, in time order. */
interface Reigns {
  count: number;
  period: Int32Array;
  from: Float64Array;
  to: Float64Array;
}

export function shiftingBottleneck(periods: ActivePeriods[], from: number, to: number): ShiftingBottleneck {
  const all = flatten(periods);
  const reigns = momentaryBottlenecks(all, byStart(all, periods));
  const sole = new Array<number>(periods.length).fill(0);
  const shifting = new Array<number>(periods.length).fill(0);
  const timeline: BottleneckSpell[] = [];
  const spell = (start: number, end: number, resource: number, isShifting: boolean) => {
    if (!(end > start)) return;
    const last = timeline[timeline.length - 1];
    if (last && last.end === start && last.resource === resource && last.shifting === isShifting) last.end = end;
    else timeline.push({ start, end, resource, shifting: isShifting });
    if (!isShifting) sole[resource] += end - start;
  };
  const count = reigns.count;
  for (let k = 0; k < count; k++) {
    const p = reigns.period[k];
    const r = all.resource[p];
    const a = reigns.from[k];
    const b = reigns.to[k];
    // Overlaps with the previous and the next bottleneck's period (empty: lo >= hi).
    const prev = k > 0 && all.resource[reigns.period[k - 1]] !== r ? reigns.period[k - 1] : -1;
    const next = k + 1 < count && all.resource[reigns.period[k + 1]] !== r ? reigns.period[k + 1] : -1;
    const beforeLo = prev < 0 ? 0 : Math.max(all.start[prev], all.start[p]);
    const beforeHi = prev < 0 ? 0 : Math.min(all.end[prev], all.end[p]);
    const afterLo = next < 0 ? 0 : Math.max(all.start[p], all.start[next]);
    const afterHi = next < 0 ? 0 : Math.min(all.end[p], all.end[next]);
    const before = beforeHi > beforeLo;
    const after = afterHi > afterLo;
    const both = before && after ? Math.max(0, Math.min(beforeHi, afterHi) - Math.max(beforeLo, afterLo)) : 0;
    shifting[r] += (before ? beforeHi - beforeLo : 0) + (after ? afterHi - afterLo : 0) - both;
    // The overlap with the previous bottleneck can only reach into this reign from its start,
    // and the overlap with the next one only from its end: the reign is head, middle, tail.
    const headEnd = before ? Math.min(b, Math.max(a, beforeHi)) : a;
    const tailStart = after ? Math.max(headEnd, Math.min(b, afterLo)) : b;
    spell(a, headEnd, r, true);
    spell(headEnd, tailStart, r, false);
    spell(tailStart, b, r, true);
  }
  const window = to - from;
  const share = (hours: number) => (window > 0 ? hours / window : 0);
  return { sole: sole.map(share), shifting: shifting.map(share), timeline };
}

/**
 * Period ids in order of start. Each resource's periods are sorted already (and flattened in
 * resource order), so merging the runs costs O(n·k) for k resources, where a sort with a
 * comparator would cost O(n log n) calls back into JavaScript.
 */
function byStart(all: Periods, periods: ActivePeriods[]): Uint32Array {
  const order = new Uint32Array(all.start.length);
  const next = new Uint32Array(periods.length); // per resource, its next id to place
  const last = new Uint32Array(periods.length); // per resource, one past its last id
  let offset = 0;
  periods.forEach((p, r) => {
    next[r] = offset;
    offset += p.starts.length;
    last[r] = offset;
  });
  for (let i = 0; i < order.length; i++) {
    let best = -1;
    for (let r = 0; r < periods.length; r++) {
      if (next[r] < last[r] && (best < 0 || all.start[next[r]] < all.start[next[best]])) best = r;
    }
    order[i] = next[best]++;
  }
  return order;
}

function flatten(periods: ActivePeriods[]): Periods {
  const n = periods.reduce((sum, p) => sum + p.starts.length, 0);
  const all: Periods = { start: new Float64Array(n), end: new Float64Array(n), length: new Float64Array(n), resource: new Int32Array(n) };
  let i = 0;
  periods.forEach((p, r) => {
    for (let j = 0; j < p.starts.length; j++, i++) {
      all.start[i] = p.starts[j];
      all.end[i] = p.ends[j];
      all.length[i] = p.ends[j] - p.starts[j];
      all.resource[i] = r;
    }
  });
  return all;
}

/**
 * Sweep over period starts with a heap of the active periods, best on top. The bottleneck
 * can change only when a period starts (it may be longer) or the bottleneck's own period
 * ends; periods that ended underneath the top are dropped lazily when they surface.
 */
function momentaryBottlenecks(all: Periods, byStart: Uint32Array): Reigns {
  const n = all.start.length;
  const heap = new PeriodHeap(all);
  // A reign begins only where a period starts or the bottleneck's period ends: at most 2n.
  const reigns: Reigns = { count: 0, period: new Int32Array(2 * n), from: new Float64Array(2 * n), to: new Float64Array(2 * n) };
  let next = 0;
  let t = -Infinity;
  while (next < n || heap.size > 0) {
    if (heap.size === 0) t = Math.max(t, all.start[byStart[next]]);
    while (next < n && all.start[byStart[next]] <= t) heap.push(byStart[next++]);
    while (heap.size > 0 && all.end[heap.top()] <= t) heap.pop();
    if (heap.size === 0) continue;
    const top = heap.top();
    const until = Math.min(all.end[top], next < n ? all.start[byStart[next]] : Infinity);
    const last = reigns.count - 1;
    if (last >= 0 && reigns.period[last] === top && reigns.to[last] === t) reigns.to[last] = until;
    else {
      reigns.period[reigns.count] = top;
      reigns.from[reigns.count] = t;
      reigns.to[reigns.count++] = until;
    }
    t = until;
  }
  return reigns;
}

/** Binary max-heap of period ids: longer first, then the lower resource index. */
class PeriodHeap {
  private readonly items: Uint32Array;
  size = 0;

  constructor(private readonly all: Periods) {
    this.items = new Uint32Array(all.start.length);
  }

  top(): number {
    return this.items[0];
  }

  push(p: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(p, this.items[parent])) break;
      this.items[i] = this.items[parent];
      i = parent;
    }
    this.items[i] = p;
  }

  pop(): void {
    const last = this.items[--this.size];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const child = left + 1 < this.size && this.before(this.items[left + 1], this.items[left]) ? left + 1 : left;
      if (!this.before(this.items[child], last)) break;
      this.items[i] = this.items[child];
      i = child;
    }
    this.items[i] = last;
  }

  private before(p: number, q: number): boolean {
    const { length, resource } = this.all;
    return length[p] > length[q] || (length[p] === length[q] && resource[p] < resource[q]);
  }
}
