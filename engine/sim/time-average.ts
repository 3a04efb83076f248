// The time average of a level (queue length, work in progress) over the measured window
// [warmup, horizon], and optionally per time bin over the whole run for the report's
// time series. The level is integrated lazily: each change closes the previous segment.

import type { Clock } from './clock.js';

export class TimeAverage {
  private level = 0;
  private last = 0;
  private area = 0;

  constructor(
    private readonly clock: Clock,
    private readonly warmup: number,
    private readonly horizon: number,
    /** Area per bin of `binWidth` hours from time 0, or null when no series is kept. */
    private readonly bins: Float64Array | null = null,
    private readonly binWidth = 24,
  ) {}

  /** The level changes by `delta` now. */
  add(delta: number): void {
    const now = this.clock.now;
    if (this.level !== 0) this.close(now);
    this.last = now;
    this.level += delta;
  }

  /** The average over the window; call once, at the horizon. */
  finish(): number {
    if (this.level !== 0) this.close(this.horizon);
    this.last = this.horizon;
    const width = this.horizon - this.warmup;
    return width > 0 ? this.area / width : NaN;
  }

  private close(now: number): void {
    const from = this.last < this.warmup ? this.warmup : this.last;
    const to = now > this.horizon ? this.horizon : now;
    if (to > from) this.area += this.level * (to - from);
    if (this.bins) this.spread(this.last, now > this.horizon ? this.horizon : now);
  }

  private spread(from: number, to: number): void {
    const bins = this.bins!;
    let t = from;
    while (t < to) {
      const bin = Math.floor(t / this.binWidth);
      if (bin >= bins.length) return;
      const end = Math.min(to, (bin + 1) * this.binWidth);
      bins[bin] += this.level * (end - t);
      t = end;
    }
  }
}
