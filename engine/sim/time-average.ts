// The time average of a level (queue length, work in progress) over the measured window
// [warmup, horizon], and optionally per time bin over the whole run for the report's
// time series and per hour of the week for its typical week. The level is integrated
// lazily: each change closes the previous segment.

import { TIME_ZERO, type Clock } from './clock.js';
import type { HourOfWeekArea } from './hour-of-week.js';

export class TimeAverage {
  private level = 0;
  private last = TIME_ZERO;
  private area = TIME_ZERO;

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
    this.binEnd = binWidth;
  }

  /** The bin that `last` falls in, and where it ends: most changes stay inside it. */
  private bin = 0;
  private binEnd: number;

  /** The level changes by `delta` now. */
  add(delta: number): void {
    const now = this.clock.now;
    const level = this.level;
    if (level !== 0) {
      const last = this.last;
      if (last >= this.warmup && now <= this.horizon) this.area += level * (now - last);
      else this.clipped(last, now);
      if (this.bins !== null) {
        if (now <= this.binEnd) this.bins[this.bin] += level * (now - last);
        else this.spread(last, now);
      }
      if (this.week !== null) this.week.add(level, last, now);
    }
    this.last = now;
    this.level = level + delta;
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
    this.bin = Math.floor(to / this.binWidth);
    this.binEnd = (this.bin + 1) * this.binWidth;
  }
}
