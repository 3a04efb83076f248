// A one-line progress indicator on stderr, redrawn in place; silent when stderr is not a terminal.
// Redrawn at most ten times a second: a sizing search finishes thousands of short
// replications, and a terminal repainting each one slows the run it reports on.
import { fixedNumber } from '../engine/number-format.js';

const REDRAW_MS = 100;

export interface ProgressOutput {
  write(text: string): unknown;
}

export class Progress {
  private readonly started: number;
  private lastDrawn = -Infinity;
  private drawn = false;

  constructor(
    private readonly enabled: boolean,
    // stderr as it is written to, not as the run starts: Node makes process.stderr when it is
    // first asked for, which a quiet run or one whose stderr is no terminal never needs (its
    // cost: bin/etomsim.cjs, which attaches its handler then)
    private readonly out: ProgressOutput = { write: (text) => process.stderr.write(text) },
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const at = this.now();
    if (at - this.lastDrawn < REDRAW_MS && done < total) return;
    this.lastDrawn = at;
    const elapsed = (at - this.started) / 1000;
    const left = done > 0 ? (elapsed / done) * (total - done) : NaN;
    const eta = Number.isFinite(left) ? `, about ${fixedNumber(left, 0)} s left` : '';
    this.out.write(`\r\x1b[Kreplications ${done}/${total}, ${fixedNumber(elapsed, 1)} s${eta}`);
    this.drawn = true;
  }

  /** Erase the line before the results are printed. */
  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}
