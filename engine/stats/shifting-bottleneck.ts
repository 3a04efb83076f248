// The shifting-bottleneck method of Roser, Nakano & Tanaka (2002), "Shifting bottleneck
// detection", Winter Simulation Conference. At each instant the bottleneck is the resource
// whose current active period (the whole uninterrupted period containing the instant) is
// the longest; where the active period of the bottleneck overlaps that of the previous or
// the next bottleneck, the two are "shifting" during the overlap, and otherwise the
// bottleneck is "sole". Long active periods mean the resource holds the others up longest.
//
// The sweep runs while the simulation does. The bottleneck at an instant is known once every
// period containing it has ended, that is, up to the earliest start of the periods still
// open (the frontier). Periods wholly before the frontier are settled and forgotten, so the
// memory held is the periods that reach past it, not every period of the run.

/** A stretch of time with one bottleneck. */
export interface BottleneckSpell {
  start: number;
  end: number;
  resource: number;
  /** the bottleneck's active period overlaps that of the bottleneck before or after it */
  shifting: boolean;
}

/** Receives the spells in time order, as they are settled: an object with a method (hot path: CONTRIBUTING.md, rule 5). */
export interface SpellSink {
  addSpell(start: number, end: number, resource: number, shifting: boolean): void;
}

/** Hours each resource spent as sole and as shifting bottleneck (never both at once). */
interface BottleneckHours {
  sole: Float64Array;
  shifting: Float64Array;
}

/** Per resource, the share of a window spent as sole and as shifting bottleneck. */
export interface BottleneckShares {
  sole: number[];
  shifting: number[];
}

/** Settle once this many closed periods wait (from FIRST_BATCH, doubling), or twice as many as the last settlement kept. */
const MIN_BATCH = 4096;
/** The first settlement comes early, so that it has run before the loop is optimised (hot path: CONTRIBUTING.md, rule 9). */
const FIRST_BATCH = 16;

export class ShiftingBottleneckSweep {
  private readonly periods: PeriodBuffer[];
  /** The waiting periods merged, and the heap that sweeps them: kept and grown, so settling allocates nothing (hot path: CONTRIBUTING.md, rule 4). */
  private readonly all = new Periods();
  private readonly active = new PeriodHeap(this.all);
  private settledUntil = -Infinity;
  private waiting = 0;
  private batch: number;
  private readonly minBatch: number;
  private readonly hours: BottleneckHours;
  /** The reign settled last waits for its successor to be classified; `earlier` is the reign before it. */
  private readonly last = new Reign();
  private readonly earlier = new Reign();
  private readonly next = new Reign();

  constructor(
    resources: number,
    private readonly onSpell: SpellSink | null = null,
    minBatch = MIN_BATCH,
  ) {
    this.periods = Array.from({ length: resources }, () => new PeriodBuffer());
    this.hours = { sole: new Float64Array(resources), shifting: new Float64Array(resources) };
    this.batch = Math.min(minBatch, FIRST_BATCH);
    this.minBatch = minBatch;
  }

  /** A closed active period of `resource`; each resource's periods come in time order and do not overlap. */
  add(resource: number, start: number, end: number): void {
    this.periods[resource].push(start, end);
    this.waiting++;
  }

  /**
   * A closed period of `resource` while no other resource's is open. When no period waits either
   * (every one added has been settled and ended by the last frontier), nothing else can reign
   * or overlap up to its end: the reign before it is classified, it is one sole spell, and the
   * time up to its end is settled at once, without merging or the heap (M/M/5's one team takes
   * this path for every period). Returns false, doing nothing, when periods wait: add it then.
   * Exactly as the sweep would: the reign before ends by this period's start (else it would be
   * held, and wait), so their periods do not overlap, nor this one's and any later period's.
   */
  settleAlone(resource: number, start: number, end: number): boolean {
    if (this.waiting > 0) return false;
    const last = this.last;
    if (last.resource >= 0) {
      this.classify(last, this.earlier, this.next.set(resource, start, end, start, end));
      last.resource = -1; // later periods start after this one ends: none has an overlap with it to classify
    }
    this.spell(start, end, resource, false);
    this.settledUntil = end;
    return true;
  }

  /** Closed periods held: those not yet settled, or reaching past the last frontier. */
  get held(): number {
    return this.periods.reduce((sum, b) => sum + b.length - b.head, 0);
  }

  /** Enough periods wait that settling them is worth a sweep. */
  get due(): boolean {
    return this.waiting >= this.batch;
  }

  /** Every period still open starts at or after `frontier` (and so will any later one): settle the time before it. */
  settle(frontier: number): void {
    if (frontier <= this.settledUntil) {
      // Nothing to settle (a long period still open): wait until as many periods again wait, not one more each time.
      this.batch = Math.max(this.batch, 2 * this.waiting);
      return;
    }
    flatten(this.periods, this.all);
    this.sweepReigns(this.settledUntil, frontier);
    this.settledUntil = frontier;
    this.waiting = 0;
    for (const buffer of this.periods) this.waiting += buffer.dropEndingBy(frontier);
    // The batch doubles up to its size, so the sweep's code warms up on small ones.
    this.batch = Math.max(Math.min(this.minBatch, 2 * this.batch), 2 * this.waiting);
  }

  /** After the last period: settle everything; shares of a window `hours` long (0 for an empty window). */
  finish(window: number): BottleneckShares {
    this.settle(Infinity);
    if (this.last.resource >= 0) this.classify(this.last, this.earlier, null);
    this.last.resource = -1;
    const share = (h: number) => (window > 0 ? h / window : 0);
    return { sole: Array.from(this.hours.sole, share), shifting: Array.from(this.hours.shifting, share) };
  }

  /**
   * Sweep [from, until) over period starts with the heap of the active periods, best on top. The
   * bottleneck can change only when a period starts (it may be longer) or the bottleneck's own
   * period ends; periods that ended underneath the top are dropped lazily when they surface.
   * Each stretch [t, to) with one bottleneck extends the last reign when it continues it (the
   * common case, kept here: no double crosses a call, hot path: CONTRIBUTING.md, rule 2), or
   * starts another.
   */
  private sweepReigns(from: number, until: number): void {
    const all = this.all;
    const heap = this.active;
    const last = this.last;
    const n = all.count;
    heap.clear();
    let next = 0;
    let t = from;
    while (t < until && (next < n || heap.size > 0)) {
      if (heap.size === 0) t = Math.max(t, all.start[next]);
      if (t >= until) return;
      while (next < n && all.start[next] <= t) heap.push(next++);
      while (heap.size > 0 && all.end[heap.top()] <= t) heap.pop();
      if (heap.size === 0) continue;
      const p = heap.top();
      const to = Math.min(all.end[p], next < n ? all.start[next] : Infinity, until);
      const r = all.resource[p];
      if (last.resource === r && last.start === all.start[p] && last.to === t) last.to = to;
      else this.startReign(this.next.set(r, all.start[p], all.end[p], t, to));
      t = to;
    }
  }

  /** Another reign starts: the last one's successor is known, so it is classified; `earlier` is the one before it. */
  private startReign(next: Reign): void {
    const last = this.last;
    if (last.resource >= 0) this.classify(last, this.earlier, next);
    this.earlier.copy(last);
    last.copy(next);
  }

  /** Split a reign into sole time and the overlaps with its neighbours' periods (empty when lo >= hi). */
  private classify(reign: Reign, prev: Reign, next: Reign | null): void {
    const r = reign.resource;
    const hasPrev = prev.resource >= 0 && prev.resource !== r;
    const hasNext = next !== null && next.resource !== r;
    const beforeLo = hasPrev ? Math.max(prev.start, reign.start) : 0;
    const beforeHi = hasPrev ? Math.min(prev.end, reign.end) : 0;
    const afterLo = hasNext ? Math.max(reign.start, next.start) : 0;
    const afterHi = hasNext ? Math.min(reign.end, next.end) : 0;
    const before = beforeHi > beforeLo;
    const after = afterHi > afterLo;
    const both = before && after ? Math.max(0, Math.min(beforeHi, afterHi) - Math.max(beforeLo, afterLo)) : 0;
    this.hours.shifting[r] += (before ? beforeHi - beforeLo : 0) + (after ? afterHi - afterLo : 0) - both;
    // The overlap with the previous bottleneck can only reach into this reign from its start,
    // and the overlap with the next one only from its end: the reign is head, middle, tail.
    const a = reign.from;
    const b = reign.to;
    const headEnd = before ? Math.min(b, Math.max(a, beforeHi)) : a;
    const tailStart = after ? Math.max(headEnd, Math.min(b, afterLo)) : b;
    this.spell(a, headEnd, r, true);
    this.spell(headEnd, tailStart, r, false);
    this.spell(tailStart, b, r, true);
  }

  private spell(start: number, end: number, resource: number, shifting: boolean): void {
    if (!(end > start)) return;
    if (!shifting) this.hours.sole[resource] += end - start;
    if (this.onSpell !== null) this.onSpell.addSpell(start, end, resource, shifting);
  }
}

/**
 * Settles a scratch sweep `calls` times, each settlement dropping periods that ended beneath the
 * bottleneck's. A replication's sweep first does that when the longest open period ends after
 * a shorter one: in a model of many busy teams some 400,000 events in, long after V8 has
 * optimised the sweep without feedback for it, which then deoptimises (hot path:
 * CONTRIBUTING.md, rule 9). Nothing simulated reads the scratch sweep.
 */
export function warmUpSweep(calls: number): void {
  const resources = 8;
  const sweep = new ShiftingBottleneckSweep(resources, null);
  for (let c = 0; c < calls; c++) {
    const t = 20 * c;
    // each resource one period a call, of scattered starts and lengths: the longest open one
    // ends after shorter ones many times, the heap's every branch taken
    for (let r = 0; r < resources; r++) {
      const h = Math.imul(c * resources + r + 1, 0x9e3779b1) >>> 0;
      const start = t + (h % 7);
      sweep.add(r, start, start + 0.5 + ((h >>> 8) % 12));
    }
    sweep.settle(t + 20);
  }
  sweep.finish(20 * calls);
}

/** One resource's active periods: sorted, non-overlapping, within [from, to]. */
export interface ActivePeriods {
  starts: ArrayLike<number>;
  ends: ArrayLike<number>;
}

export interface ShiftingBottleneck extends BottleneckShares {
  /** in time order; instants where no resource is active have no spell */
  timeline: BottleneckSpell[];
}

/** All periods known at once (tests, offline use): shares of the window and the merged timeline. */
export function shiftingBottleneck(periods: ActivePeriods[], from: number, to: number): ShiftingBottleneck {
  const timeline: BottleneckSpell[] = [];
  const sweep = new ShiftingBottleneckSweep(periods.length, timelineOf(timeline));
  periods.forEach((p, r) => {
    for (let i = 0; i < p.starts.length; i++) sweep.add(r, p.starts[i], p.ends[i]);
  });
  return { ...sweep.finish(to - from), timeline };
}

/** A sink that appends each spell to `timeline`, merging it into the last when they join. */
export function timelineOf(timeline: BottleneckSpell[]): SpellSink {
  return {
    addSpell(start, end, resource, shifting) {
      const last = timeline[timeline.length - 1];
      if (last && last.end === start && last.resource === resource && last.shifting === shifting) last.end = end;
      else timeline.push({ start, end, resource, shifting });
    },
  };
}

/** A reign: the bottleneck's period [start, end] of `resource`, and the stretch [from, to) it reigned. */
class Reign {
  resource = -1;
  // Meaningless while resource is -1; NaN, not 0 (hot path: CONTRIBUTING.md, rule 1).
  start = NaN;
  end = NaN;
  from = NaN;
  to = NaN;

  set(resource: number, start: number, end: number, from: number, to: number): this {
    this.resource = resource;
    this.start = start;
    this.end = end;
    this.from = from;
    this.to = to;
    return this;
  }

  copy(other: Reign): void {
    this.set(other.resource, other.start, other.end, other.from, other.to);
  }
}

/** One resource's closed periods not yet settled, oldest first. */
class PeriodBuffer {
  starts = new Float64Array(4); // hot path: CONTRIBUTING.md, rule 9
  ends = new Float64Array(4);
  head = 0;
  length = 0;

  push(start: number, end: number): void {
    if (this.length === this.starts.length) this.makeRoom();
    this.starts[this.length] = start;
    this.ends[this.length++] = end;
  }

  /** Forget the periods over by `t` (ends are in order, as the periods are); the count kept. */
  dropEndingBy(t: number): number {
    while (this.head < this.length && this.ends[this.head] <= t) this.head++;
    return this.length - this.head;
  }

  private makeRoom(): void {
    const kept = this.length - this.head;
    const size = kept * 2 > this.starts.length ? this.starts.length * 2 : this.starts.length;
    const starts = new Float64Array(size);
    const ends = new Float64Array(size);
    starts.set(this.starts.subarray(this.head, this.length));
    ends.set(this.ends.subarray(this.head, this.length));
    this.starts = starts;
    this.ends = ends;
    this.head = 0;
    this.length = kept;
  }
}

/** The waiting periods of every resource in flat arrays, in order of start: `count` of them, the arrays grown by doubling. */
class Periods {
  count = 0;
  start = new Float64Array(16); // hot path: CONTRIBUTING.md, rule 9
  end = new Float64Array(16);
  length = new Float64Array(16);
  resource = new Int32Array(16);

  /** Room for n periods (what the arrays held is not kept). */
  reserve(n: number): void {
    if (n <= this.start.length) return;
    const size = Math.max(n, 2 * this.start.length);
    this.start = new Float64Array(size);
    this.end = new Float64Array(size);
    this.length = new Float64Array(size);
    this.resource = new Int32Array(size);
  }
}

/**
 * Each resource's periods are sorted already, so this merges the runs into `all` with a heap of
 * the resources by their next start (ties: the lower resource index first): O(n log k) for n
 * periods of k resources, where scanning every resource for each period cost O(n·k).
 */
function flatten(buffers: PeriodBuffer[], all: Periods): void {
  const n = buffers.reduce((sum, b) => sum + b.length - b.head, 0);
  all.reserve(n);
  all.count = n;
  const runs = new RunHeap(buffers);
  for (let i = 0; i < n; i++) {
    const r = runs.top();
    const buffer = buffers[r];
    const j = runs.next[r];
    all.start[i] = buffer.starts[j];
    all.end[i] = buffer.ends[j];
    all.length[i] = all.end[i] - all.start[i];
    all.resource[i] = r;
    runs.advanceTop();
  }
}

/**
 * Binary min-heap of the resources with periods left to merge, by the start of their next one, then by index.
 * Each resource's next start is read from its buffer once, as it becomes the resource's key, not at
 * every comparison (its buffer, the buffer's starts and its index: three loads more each time):
 * the same comparisons, so the same order. `probe.js teams 100 600000` (62,000 periods merged):
 * flatten 56 -> 38 M instructions (docs/performance-notes.md, session 22).
 */
class RunHeap {
  /** per resource: the index of its next period in its buffer */
  readonly next: Int32Array;
  /** per resource: the start of its next period (while it has one) */
  private readonly key: Float64Array;
  private readonly items: Int32Array;
  private size = 0;

  constructor(private readonly buffers: PeriodBuffer[]) {
    this.next = Int32Array.from(buffers, (b) => b.head);
    this.key = Float64Array.from(buffers, (b) => (b.head < b.length ? b.starts[b.head] : Number.POSITIVE_INFINITY));
    this.items = new Int32Array(buffers.length);
    for (let r = 0; r < buffers.length; r++) if (this.next[r] < buffers[r].length) this.items[this.size++] = r;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  top(): number {
    return this.items[0];
  }

  /** The top resource's next period is taken: move on to its following one, or drop the resource when it has none. */
  advanceTop(): void {
    const r = this.items[0];
    const j = ++this.next[r];
    const buffer = this.buffers[r];
    if (j >= buffer.length) this.items[0] = this.items[--this.size];
    else this.key[r] = buffer.starts[j];
    this.siftDown(0);
  }

  private siftDown(i: number): void {
    const item = this.items[i];
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) break;
      const child = left + 1 < this.size && this.before(this.items[left + 1], this.items[left]) ? left + 1 : left;
      if (!this.before(this.items[child], item)) break;
      this.items[i] = this.items[child];
      i = child;
    }
    this.items[i] = item;
  }

  private before(a: number, b: number): boolean {
    const sa = this.key[a];
    const sb = this.key[b];
    return sa < sb || (sa === sb && a < b);
  }
}

/** Binary max-heap of period ids: longer first, then the lower resource index. Kept for every settlement, grown by doubling. */
class PeriodHeap {
  private items = new Int32Array(16); // hot path: CONTRIBUTING.md, rule 9
  size = 0;

  constructor(private readonly all: Periods) {}

  /** Empty, with room for every period of `all`. */
  clear(): void {
    this.size = 0;
    if (this.items.length < this.all.count) this.items = new Int32Array(this.all.start.length);
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
