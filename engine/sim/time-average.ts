// The time average of a level (queue length, work in progress) over the measured window
// [warmup, horizon], and optionally per time bin over the whole run for the report's
// time series and per hour of the week for its typical week. The level is integrated
// lazily: each change closes the previous segment.
//
// Invariant: `stretchEnd` bounds a stretch that starts at or before `last`, lies inside the
// window and inside one bin and one hour of the week (-Infinity when none is known). A segment
// ending by then adds one product to three sums; any other takes `segmentAcross`, which then
// locates the next stretch (hot path: CONTRIBUTING.md, rule 3).

import { TIME_ZERO, type Clock } from './clock.js';
import type { HourOfWeekArea } from './hour-of-week.js';

/** Where the fast path adds what is not kept (no series, no week): never read. */
const sink = () => new Float64Array(1);

export class TimeAverage {
  private level = 0;
  private last = TIME_ZERO;
  private area = TIME_ZERO;
  private stretchEnd = Number.NEGATIVE_INFINITY;
  /** the bins the fast path adds to: `bins`, or a sink */
  private readonly binSlots: Float64Array;
  /** the hour-of-week areas the fast path adds to, and the slot of the current stretch */
  private readonly weekSlots: Float64Array;
  private weekSlot = 0;

  constructor(
    private readonly clock: Clock,
    private readonly warmup: number,
    private readonly horizon: number,
    /** Area per bin of `binWidth` hours from time 0, or null when no series is kept. */
    private readonly bins: Float64Array | null = null,
    private readonly binWidth = 24,
    /** Area per hour of the week over the window, or null when none is kept. */
    private readonly week: HourOfWeekArea | null = null,
  ) {
    this.binSlots = bins ?? sink();
    // Placed here by the method the run uses, so V8 sees these fields change from the start (hot path: CONTRIBUTING.md, rule 9).
    if (bins === null) this.binEnd = Number.POSITIVE_INFINITY;
    else this.locateBin(0);
    this.weekSlots = week?.area ?? sink();
  }

  /** The bin that `last` falls in, and where it ends: most changes stay inside it. */
  private bin = 0;
  private binEnd = Number.NaN; // a double from the start (hot path: CONTRIBUTING.md, rule 1)

  /** The level changes by `delta` now. */
  add(delta: number): void {
    const now = this.clock.now;
    const level = this.level;
    if (level !== 0) {
      if (now <= this.stretchEnd) {
        const area = level * (now - this.last);
        this.area += area;
        this.binSlots[this.bin] += area;
        this.weekSlots[this.weekSlot] += area;
      } else this.segmentAcross(level, this.last, now);
    }
    this.last = now;
    this.level = level + delta;
  }

  /** A segment that may leave the window, its bin or its hour: each sum takes its own part; then the stretch at `now`. */
  private segmentAcross(level: number, last: number, now: number): void {
    if (last >= this.warmup && now <= this.horizon) this.area += level * (now - last);
    else this.clipped(last, now);
    if (this.bins !== null) {
      if (now <= this.binEnd) this.bins[this.bin] += level * (now - last);
      else this.spread(last, now);
    }
    let end = this.binEnd < this.horizon ? this.binEnd : this.horizon;
    if (this.week !== null) {
      this.week.add(level, last, now);
      this.weekSlot = this.week.slot;
      if (this.week.end < end) end = this.week.end;
    }
    this.stretchEnd = now >= this.warmup && now <= end ? end : Number.NEGATIVE_INFINITY;
  }

  /** The run reached the horizon: the last segment counts up to it. Call once. */
  close(): void {
    if (this.level !== 0) {
      this.clipped(this.last, this.horizon);
      if (this.bins !== null) this.spread(this.last, this.horizon);
      if (this.week !== null) this.week.add(this.level, this.last, this.horizon);
    }
    this.last = this.horizon;
  }

  /** The average over the window, after `close` (-0 when the level was never raised: see replication-summary.ts). */
  mean(): number {
    const width = this.horizon - this.warmup;
    return width > 0 ? this.area / width : Number.NaN;
  }

  /** A segment that reaches outside [warmup, horizon]: only its part inside counts. */
  private clipped(last: number, now: number): void {
    const from = last < this.warmup ? this.warmup : last;
    const to = now > this.horizon ? this.horizon : now;
    if (to > from) this.area += this.level * (to - from);
  }

  /** A segment across bin boundaries (or after a quiet spell): split it bin by bin. */
  private spread(from: number, until: number): void {
    const bins = this.bins!;
    const to = until > this.horizon ? this.horizon : until;
    let t = from;
    let bin = Math.floor(t / this.binWidth);
    while (t < to && bin < bins.length) {
      const end = Math.min(to, (bin + 1) * this.binWidth);
      bins[bin] += this.level * (end - t);
      t = end;
      if (t === (bin + 1) * this.binWidth) bin++;
    }
    this.locateBin(to);
  }

  /** The bin that time t falls in, and where it ends. */
  private locateBin(t: number): void {
    this.bin = Math.floor(t / this.binWidth);
    this.binEnd = (this.bin + 1) * this.binWidth;
  }
}
