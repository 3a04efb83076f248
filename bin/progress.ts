// A one-line progress indicator on stderr, redrawn in place; silent when stderr is not a terminal.
// Redrawn at most ten times a second: a sizing search finishes thousands of short
// replications, and a terminal repainting each one slows the run it reports on.
// Invariant: the time shown is since the line was made (what the user has waited), the time
// left is at the pace of the replications alone, from the latest `update(0, ...)` (the caller's
// "none done yet", told as its replications begin): before session 53 it counted from the line's
// making, so a command's set-up (fidelity reading its log, a pool's workers starting) read as
// the first replications' time, and the estimate ran long.
import { fixedNumber } from '../engine/number-format.js';

const REDRAW_MS = 100;

export interface ProgressOutput {
  write(text: string): unknown;
}

export class Progress {
  private readonly started: number;
  /** where the replications' pace is measured from: the latest update with none done, else the line's making */
  private paceFrom: number;
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
    this.paceFrom = this.started;
  }

  update(done: number, total: number): void {
    if (!this.enabled) return;
    const at = this.now();
    if (done === 0) this.paceFrom = at; // read before the redraw's limit: a line not drawn still marks where replications began
    if (at - this.lastDrawn < REDRAW_MS && done < total) return;
    this.lastDrawn = at;
    const elapsed = (at - this.started) / 1000;
    const left = done > 0 ? ((at - this.paceFrom) / 1000 / done) * (total - done) : NaN;
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
