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
import { Clock } from './clock.js';
import { HourOfWeekArea } from './hour-of-week.js';
import { TimeAverage } from './time-average.js';

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

/**
 * Runs `add` on a scratch average whose level crosses a series bin at every change, `calls`
 * times. A replication's averages first cross a bin when its first day ends: in a busy model
 * (100 teams at 90 cases an hour) some 8,000 events in, after V8 has optimised the loop without
 * feedback for it, and `add` then deoptimises (hot path: CONTRIBUTING.md, rule 9). Nothing
 * simulated reads the scratch average.
 */
function warmUpTimeAverage(calls: number): void {
  const clock = new Clock();
  const binHours = 24; // a model's bins are whole days (model/compile.ts), so the field holds the same kind of number
  const horizon = (calls + 1) * binHours;
  const average = new TimeAverage(clock, 0, horizon, new Float64Array(calls + 1), binHours, new HourOfWeekArea(0, horizon));
  average.add(1);
  for (let c = 1; c <= calls; c++) {
    clock.now = c * binHours + 0.5;
    average.add(c % 2 === 1 ? 1 : -1); // Smis, as a queue's changes are: the level 2, 1, 2, ...
  }
}
