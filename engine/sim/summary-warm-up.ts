// The horizon's long loops compiled before the horizon. A replication's statistics run once, at
// its end: MSER-5 over every cycle time and the percentiles by counting (replication-summary.ts),
// each a loop over every completion. Cold, V8 runs such a loop unoptimised (Ignition, then
// Sparkplug) until the code it compiles on-stack for it arrives, and with the other core busy
// that can be most of the loop. So a thread about to simulate a replication with many
// completions first runs them on small scratch samples: V8 gathers their type feedback there,
// finds them hot and compiles them on its own thread while the simulation runs, and the long
// calls at the horizon start in optimised code.
//
// Invariant: nothing simulated depends on the scratch calls. They read only their own scratch
// values and their results are dropped; the counts they leave in order-statistics.ts's buffer
// are cleared by each call before it counts.
import type { Model } from '../model/model.js';
import { warmUpMser5 } from '../stats/mser.js';
import { warmUpOrderStatistics } from '../stats/order-statistics.js';
import { FLOW_QUANTILES } from './replication-summary.js';

/**
 * The expected completions of a flow from which a replication warms the statistics up: below
 * it the cold calls at the horizon cost less than the scratch calls.
 */
export const WARM_FROM = 100_000;

/**
 * Scratch calls of each: enough for V8 to find every loop hot (MSER-5's after 8 on its 1,027
 * values, the percentiles' walk over the buckets, the last, after 20), and few more, since a
 * call after that runs unoptimised until the compiled code arrives.
 */
const MSER_CALLS = 10;
const ORDER_STATISTICS_CALLS = 24;

/** The thread has warmed the statistics up: its later replications find them compiled. */
let warmed = false;

/** Runs the statistics on scratch values if a flow of `model` expects WARM_FROM completions and the thread has not yet. */
export function warmUpSummary(model: Model): void {
  if (warmed || !model.flows.some((f) => f.expectedArrivals >= WARM_FROM)) return;
  warmed = true;
  warmUpMser5(MSER_CALLS);
  warmUpOrderStatistics(FLOW_QUANTILES, ORDER_STATISTICS_CALLS);
}
