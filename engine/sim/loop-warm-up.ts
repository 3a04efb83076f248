// The loop's rare statistics taken before the loop is optimised. Some of what the recorder does
// comes first only after thousands of events in a busy model: an average's first series bin
// closing, the bottleneck sweep's first dropping of a period that ended beneath another. By
// then V8 has optimised the loop without type feedback for it, and the first time it runs the
// function deoptimises and runs unoptimised until compiled again (hot path: CONTRIBUTING.md,
// rule 9; `node dist/bench/deopts.js teams 100 1000000` lists them). So a thread's first
// replication runs each on scratch values first, while its functions are still cold.
//
// Invariant: nothing simulated depends on the scratch calls: they make their own objects and
// drop them.
import type { Model } from '../model/model.js';
import { warmUpSweep } from '../stats/shifting-bottleneck.js';
import { warmUpTimeAverage } from './time-average.js';

/**
 * Calls of each: V8 allocates a function's feedback vector only after a few calls
 * (`--lazy-feedback-allocation`), and what runs before records nothing.
 */
const CALLS = 24;

/** The thread has warmed the rare paths up. */
let warmed = false;

/** Runs the rare paths on scratch values, once a thread, for a model whose teams they reach. */
export function warmUpRarePaths(model: Model): void {
  if (warmed || model.resources.length === 0) return;
  warmed = true;
  warmUpTimeAverage(CALLS);
  if (model.resources.length > 1) warmUpSweep(CALLS); // one team settles alone (settleAlone), without the sweep
}
