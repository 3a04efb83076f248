// The time average of a level (a team's queue length) over the measured window [warmup, horizon],
// and optionally per time bin over the whole run for the report's time series and per hour of the
// week for its typical week (TimeAverage). The level is integrated lazily: each change closes the
// previous segment. (A flow's work in progress is summed per case instead: Tallies.wipMean.)
//
// Invariant: `stretchEnd` bounds a stretch that starts at or before `last`, lies inside the
// window and inside one bin and one hour of the week (-Infinity when none is known). A segment
// ending by then adds one product to three sums held in fields; any other takes
// `segmentAcross`, which then locates the next stretch (hot path: CONTRIBUTING.md, rule 3).
// `binArea` and `weekArea` are the current bin's and hour's areas as they stand: the arrays
// hold them from when the stretch ends. Every sum takes the same additions in the same order
// as if each change added into the arrays, so every area is the same to the last bit.

import { TIME_ZERO, type Clock } from './clock.js';
import type { HourOfWeekArea } from './hour-of-week.js';

/** Where what is not kept (no series, no week) is written back: never read. */
const sink = () => new Float64Array(1);

export class TimeAverage {
  private level = 0;
  private last = TIME_ZERO;
  private area = TIME_ZERO;
  private stretchEnd = Number.NEGATIVE_INFINITY;
  /** `binSlots[bin]` and `weekSlots[weekSlot]` while the stretch lasts (hot path: CONTRIBUTING.md, rule 1) */
  private binArea = TIME_ZERO;
  private weekArea = TIME_ZERO;
  /** the bins (`bins`, or a sink) and the hour-of-week areas (`week.area`, or a sink) */
  private readonly binSlots: Float64Array;
  private readonly weekSlots: Float64Array;
  /** the week's current slot, and where its stretch ends (+Infinity without a week) */
  private weekSlot = 0;
  private hourEnd = Number.NaN;
  /** The bin that `last` falls in, and where it ends: most changes stay inside it. */
  private bin = 0;
  private binEnd = Number.NaN; // a double from the start (hot path: CONTRIBUTING.md, rule 1)
  /** doubles, whatever number the caller passes (hot path: CONTRIBUTING.md, rule 1) */
  private readonly warmup: number = Number.NaN;
  private readonly horizon: number = Number.NaN;

  constructor(
    private readonly clock: Clock,
    warmup: number,
    horizon: number,
    /** Area per bin of `binWidth` hours from time 0, or null when no series is kept. */
    private readonly bins: Float64Array | null = null,
    private readonly binWidth = 24,
    /** Area per hour of the week over the window, or null when none is kept. */
    private readonly week: HourOfWeekArea | null = null,
  ) {
    this.warmup = warmup;
    this.horizon = horizon;
    this.binSlots = bins ?? sink();
    this.weekSlots = week?.area ?? sink();
    // Placed here by the methods the run uses, so V8 sees these fields change from the start (hot path: CONTRIBUTING.md, rule 9).
    if (bins === null) this.binEnd = Number.POSITIVE_INFINITY;
    else this.locateBin(0);
    this.loadBin();
    this.loadWeek();
  }

  /** The level changes by `delta` now. */
  add(delta: number): void {
    const now = this.clock.now;
    const level = this.level;
    if (level !== 0) {
      if (now <= this.stretchEnd) {
        const area = level * (now - this.last);
        this.area += area;
        this.binArea += area;
        this.weekArea += area;
      } else this.segmentAcross(level);
    }
    this.last = now;
    this.level = level + delta;
  }

  /**
   * A segment from `last` until now past the stretch. Most end in the next hour of the window,
   * inside the same bin: the week's part splits at the hour, as `HourOfWeekArea.add` would.
   * (A stretch that ends on its hour and started before its end lies in an hour, not the warm-up.)
   */
  private segmentAcross(level: number): void {
    const now = this.clock.now;
    const last = this.last;
    const hourEnd = this.hourEnd;
    const next = hourEnd + 1;
    if (this.stretchEnd === hourEnd && last < hourEnd && now <= next && next <= this.binEnd && next <= this.horizon) {
      const area = level * (now - last);
      this.area += area;
      this.binArea += area;
      this.weekSlots[this.weekSlot] = this.weekArea + level * (hourEnd - last);
      this.weekSlot = this.week!.nextHour();
      this.weekArea = this.weekSlots[this.weekSlot] + level * (now - hourEnd);
      this.hourEnd = next;
      this.stretchEnd = next;
    } else this.segmentAnywhere(level, last, now);
  }

  /** A segment that may leave the window, its bin or its hour: each sum takes its own part; then the stretch at `now`. */
  private segmentAnywhere(level: number, last: number, now: number): void {
    if (last >= this.warmup && now <= this.horizon) this.area += level * (now - last);
    else this.clipped(last, now);
    if (this.bins !== null) {
      if (now <= this.binEnd) this.binArea += level * (now - last);
      else this.spread(last, now);
    }
    // both sides loaded every time: the horizon's is first taken in the last bin, near the end of the run (hot path: CONTRIBUTING.md, rule 9)
    let end = Math.min(this.binEnd, this.horizon);
    if (this.week !== null) {
      this.addToWeek(level, last, now);
      if (this.hourEnd < end) end = this.hourEnd;
    }
    this.stretchEnd = now >= this.warmup && now <= end ? end : Number.NEGATIVE_INFINITY;
  }

  /** The run reached the horizon: the last segment counts up to it, and the arrays take the areas held. Call once. */
  close(): void {
    if (this.level !== 0) {
      this.clipped(this.last, this.horizon);
      if (this.bins !== null) this.spread(this.last, this.horizon);
      if (this.week !== null) this.addToWeek(this.level, this.last, this.horizon);
    }
    this.storeBin();
    this.storeWeek();
    this.last = this.horizon;
    this.stretchEnd = Number.NEGATIVE_INFINITY;
  }

  /** The average over the window, after `close` (-0 when the level was never raised: see replication-summary.ts). */
  mean(): number {
    return meanOver(this.area, this.warmup, this.horizon);
  }

  /** A segment that reaches outside [warmup, horizon]: only its part inside counts. */
  private clipped(last: number, now: number): void {
    const inside = lengthInside(last, now, this.warmup, this.horizon);
    if (inside > 0) this.area += this.level * inside;
  }

  /** A segment across bin boundaries (or after a quiet spell): split it bin by bin. */
  private spread(from: number, until: number): void {
    this.storeBin();
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
    this.loadBin();
  }

  /** The bin that time t falls in, and where it ends. */
  private locateBin(t: number): void {
    this.bin = Math.floor(t / this.binWidth);
    this.binEnd = (this.bin + 1) * this.binWidth;
  }

  /** The current bin's area into the field; past the last bin (at the horizon) nothing is kept. */
  private loadBin(): void {
    this.binArea = this.bin < this.binSlots.length ? this.binSlots[this.bin] : 0;
  }

  private storeBin(): void {
    if (this.bin < this.binSlots.length) this.binSlots[this.bin] = this.binArea;
  }

  /** The week splits the segment (the arrays hold every area meanwhile). */
  private addToWeek(level: number, last: number, now: number): void {
    this.storeWeek();
    this.week!.add(level, last, now);
    this.loadWeek();
  }

  /** The week's current slot and its area into the fields. */
  private loadWeek(): void {
    if (this.week !== null) {
      this.weekSlot = this.week.slot;
      this.hourEnd = this.week.end;
    } else this.hourEnd = Number.POSITIVE_INFINITY;
    this.weekArea = this.weekSlots[this.weekSlot];
  }

  private storeWeek(): void {
    this.weekSlots[this.weekSlot] = this.weekArea;
  }
}

/** The average of `area` over the window [warmup, horizon]; NaN for a window of no width. */
export function meanOver(area: number, warmup: number, horizon: number): number {
  const width = horizon - warmup;
  return width > 0 ? area / width : Number.NaN;
}

/** How much of [last, now] lies inside the window [warmup, horizon]: 0 for none (no area added, so a sum never raised keeps its -0). */
export function lengthInside(last: number, now: number, warmup: number, horizon: number): number {
  const from = last < warmup ? warmup : last;
  const to = now > horizon ? horizon : now;
  return to > from ? to - from : 0;
}
