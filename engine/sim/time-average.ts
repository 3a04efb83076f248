// The time average of a level (a team's queue length) over the measured window [warmup, horizon],
// and optionally per time bin over the whole run for the report's time series and per hour of the
// week for its typical week (TimeAverage). (A flow's work in progress is summed per case instead:
// Tallies.wipMean.)
//
// The run is cut into cells at every bin's end, at the warm-up and the horizon and, inside the
// window when the week is kept, at every hour: each cell lies in one bin, one hour of the week and
// one side of the window's edges. A cell's area is booked once, as the first change after it (or
// the horizon) closes it: where the level was L at the cell's start s, a cell [s, e] whose changes
// of d_i came at t_i has the area L (e - s) + sum of d_i (e - t_i) (by parts: each change counts
// from its time to the cell's end). So a change inside the current cell, nearly every change, adds
// or subtracts one difference into one field (hot path: CONTRIBUTING.md, rule 3); `cross` closes
// the cell, books the whole cells after it at the level held, and opens the cell of now.
//
// Invariant: the current cell is [cellStart, cellEnd] with the level `cellLevel` at its start and
// `sum` over its changes so far; after the horizon it is unbounded and books nothing. Every area is
// the sum of its cells' areas: the same estimator as integrating the level segment by segment, its
// roundings in another order (the last bits; docs/performance-notes.md, session 45).

import { HOURS_PER_WEEK } from '../week.js';
import { TIME_ZERO, type Clock } from './clock.js';

/** Where what is not kept (no series, no week) is written: never read. */
const sink = () => new Float64Array(1);

/** Where the current cell lies: before the window, inside it, after the horizon. A const enum, each use its number in the built code (NODE_KIND, model.ts). */
// biome-ignore lint/suspicious/noConstEnum: tsc writes the numbers into dist/, which the bundle is made from; under vitest, esbuild keeps it an object, which the same uses read
const enum PHASE {
  before = 0,
  inside = 1,
  after = 2,
}

export class TimeAverage {
  private level = 0;
  /** the level at the current cell's start, and the sum of its changes' d (cellEnd - t) */
  private cellLevel = 0;
  private sum = TIME_ZERO;
  /** doubles from the start (hot path: CONTRIBUTING.md, rule 1) */
  private cellStart = TIME_ZERO;
  private cellEnd = Number.NaN;
  private area = TIME_ZERO;
  private phase: PHASE = PHASE.before;
  /** the window's edge ahead: the warm-up before it, the horizon inside it, +Infinity after */
  private edge = Number.NaN;
  /** the current cell's bin, and where the bin ends (+Infinity without a series) */
  private bin = 0;
  private binEnd = Number.NaN;
  /** the current cell's hour of the week, and where the hour ends (+Infinity without a week or outside the window) */
  private slot = 0;
  private hourEnd = Number.NaN;
  /** the first of the bin's end and the window's edge (+Infinity after the horizon): where a cell ends but at an hour's */
  private stop = Number.NaN;
  /** the bins (`bins`, or a sink) and the hours of the week (`week`, or a sink) */
  private readonly binSlots: Float64Array;
  private readonly weekSlots: Float64Array;
  /** doubles, whatever number the caller passes (hot path: CONTRIBUTING.md, rule 1) */
  private readonly warmup: number = Number.NaN;
  private readonly horizon: number = Number.NaN;
  private readonly binWidth: number = Number.NaN;

  constructor(
    private readonly clock: Clock,
    warmup: number,
    horizon: number,
    /** Area per bin of `binWidth` hours from time 0, or null when no series is kept. */
    private readonly bins: Float64Array | null = null,
    binWidth = 24,
    /** Area per hour of the week over the window (HOURS_PER_WEEK slots, Monday 00:00 first: hour-of-week.ts), or null when none is kept. */
    private readonly week: Float64Array | null = null,
  ) {
    this.warmup = warmup;
    this.horizon = horizon;
    this.binWidth = binWidth;
    this.binSlots = bins ?? sink();
    this.weekSlots = week ?? sink();
    // Placed here by the method the run uses, so V8 sees these fields change from the start (hot path: CONTRIBUTING.md, rule 9).
    this.locate(0);
  }

  /** The level rises by one now. */
  increment(): void {
    const now = this.clock.now;
    const end = this.cellEnd;
    if (now <= end) this.sum += end - now;
    else this.cross(1);
    this.level++;
  }

  /** The level falls by one now. */
  decrement(): void {
    const now = this.clock.now;
    const end = this.cellEnd;
    if (now <= end) this.sum -= end - now;
    else this.cross(-1);
    this.level--;
  }

  /**
   * A change by `delta` past the current cell: the cell is booked, then each whole cell up to now at the level held
   * (none at level 0: the cell of now is found at once), and the change opens the cell of now.
   */
  private cross(delta: number): void {
    const now = this.clock.now;
    this.book(this.cellLevel * (this.cellEnd - this.cellStart) + this.sum);
    const level = this.level;
    if (level === 0) this.locate(now);
    else {
      this.step();
      while (now > this.cellEnd) {
        this.book(level * (this.cellEnd - this.cellStart));
        this.step();
      }
    }
    this.cellLevel = level;
    this.sum = delta * (this.cellEnd - now);
  }

  /** The run reached the horizon: the current cell and those after it up to the horizon are booked. Call once. */
  close(): void {
    if (this.phase !== PHASE.after) {
      this.book(this.cellLevel * (this.cellEnd - this.cellStart) + this.sum);
      const level = this.level;
      this.step();
      // after the horizon the cell is unbounded
      while (level !== 0 && this.cellEnd !== Number.POSITIVE_INFINITY) {
        this.book(level * (this.cellEnd - this.cellStart));
        this.step();
      }
    }
    this.phase = PHASE.after;
    this.cellEnd = Number.POSITIVE_INFINITY;
    this.sum = TIME_ZERO;
  }

  /** The average over the window, after `close` (-0 when the level was never raised: see replication-summary.ts). */
  mean(): number {
    return meanOver(this.area, this.warmup, this.horizon);
  }

  /** The current cell's area into the sums of its bin, its hour and the window (none after the horizon; none of 0, so that a sum never raised keeps its -0). */
  private book(area: number): void {
    if (area === 0 || this.phase === PHASE.after) return;
    if (this.bin < this.binSlots.length) this.binSlots[this.bin] += area;
    if (this.phase === PHASE.inside) {
      this.area += area;
      this.weekSlots[this.slot] += area;
    }
  }

  /**
   * The cell after the current one, from its end. Most cells end at an hour's end alone (the week's, one a simulated
   * hour): one test of `stop` stands for the bin's end and the window's edge, which passStop passes (hot path:
   * CONTRIBUTING.md, rule 3).
   */
  private step(): void {
    const t = this.cellEnd;
    if (t === this.hourEnd) {
      this.slot = this.slot === HOURS_PER_WEEK - 1 ? 0 : this.slot + 1;
      this.hourEnd = t + 1;
    }
    if (t === this.stop) this.passStop(t);
    this.cellStart = t;
    this.closeCell();
  }

  /** The cell that starts at t, at the bin's end or the window's edge (or both). */
  private passStop(t: number): void {
    if (t === this.binEnd) {
      this.bin++;
      this.binEnd = (this.bin + 1) * this.binWidth;
    }
    if (t === this.edge) this.enterPhase(this.phase === PHASE.before ? PHASE.inside : PHASE.after, t);
    this.placeStop();
  }

  /** The cell that starts at time t, found afresh: where the level is 0, so that where the cell starts does not count. */
  private locate(t: number): void {
    const width = this.binWidth;
    if (this.bins === null) this.binEnd = Number.POSITIVE_INFINITY;
    else {
      let bin = Math.floor(t / width) + 0; // + 0: -0 (TIME_ZERO) is bin 0, a small integer
      if (t >= (bin + 1) * width)
        bin++; // the division rounded down across the bin's end
      else if (t < bin * width) bin--; // or up across its start
      this.bin = bin;
      this.binEnd = (bin + 1) * width;
    }
    this.enterPhase(t < this.warmup ? PHASE.before : t <= this.horizon ? PHASE.inside : PHASE.after, t);
    this.cellStart = t;
    this.placeStop();
    this.closeCell();
  }

  /** The phase from time t on: inside the window, the hours of the week from t's (when kept). */
  private enterPhase(phase: PHASE, t: number): void {
    this.phase = phase;
    this.hourEnd = Number.POSITIVE_INFINITY;
    if (phase === PHASE.before) this.edge = this.warmup;
    else if (phase === PHASE.inside) {
      this.edge = this.horizon;
      if (this.week !== null) {
        const hour = Math.floor(t) + 0;
        this.slot = hour % HOURS_PER_WEEK;
        this.hourEnd = hour + 1;
      }
    } else this.edge = Number.POSITIVE_INFINITY;
  }

  /** Where the next cell ends but at an hour's end: the first of the bin's end and the window's edge (never, after the horizon). */
  private placeStop(): void {
    const edge = this.edge;
    const binEnd = this.binEnd;
    this.stop = this.phase === PHASE.after ? Number.POSITIVE_INFINITY : binEnd < edge ? binEnd : edge;
  }

  /** The current cell ends at the first of its hour's end and `stop` (never, after the horizon: both +Infinity then). */
  private closeCell(): void {
    const hourEnd = this.hourEnd;
    const stop = this.stop;
    this.cellEnd = hourEnd < stop ? hourEnd : stop;
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
