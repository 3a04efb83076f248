// The warm-up's end compiled before it comes. The recorder's verbs do nothing before the
// statistics' window opens (the warm-up, run.warmup) and their work after: a cold replication
// with a warm-up runs thousands of events before the first in-window task end, queue change or
// completion, by which time V8 has optimised the loop without type feedback for any of them.
// There each deoptimises the loop's functions that inlined it (the bundled fiber scenario: twelve,
// at its 40-day warm-up, about 12,000 events in: advance, enter, endTask, dispatch, startTask,
// arrive, bookBusyTime and the time averages), which then run unoptimised until compiled again
// (hot path: CONTRIBUTING.md, rules 9 and 10). So a thread's first replication of a model with a
// warm-up first rehearses: a scratch simulation of the same model whose window opens early,
// after about REHEARSAL_ARRIVALS arrivals, runs until cases complete inside it. The verbs' both
// sides, and the crossing of the window, run there, before the loop is optimised.
//
// Invariant: nothing simulated depends on the rehearsal. It is a Simulation of its own (clock,
// draws, cases, tallies); its statistics are dropped and its stores go to the shelf
// (store-shelf.ts), whose buffers no reader sees beyond what it wrote itself.
import type { Model } from '../model/model.js';

/** Cases expected to arrive before the rehearsal's window opens: queues and tasks are under way when it opens. */
export const REHEARSAL_ARRIVALS = 32;
/** The rehearsal ends once this many cases have completed in its window ... */
export const REHEARSAL_COMPLETIONS = 16;
/** ... or after this many events (a model whose cases take long to complete). */
export const REHEARSAL_EVENTS = 4096;

/** The thread has rehearsed: its later replications find the loop compiled. */
let rehearsed = false;

/**
 * Claims the thread's rehearsal for a replication of `model`: where its window opens (hours), after
 * which every later call returns NaN; or NaN, claiming nothing, when none is due: the thread has rehearsed already, the model has no warm-up, or the replication is
 * observed (an event log's, whose observer calls a rehearsal would not make). The time by which
 * REHEARSAL_ARRIVALS cases are expected, at the run's average rate; the warm-up itself when that
 * comes later, or when the model gives no expected arrivals.
 */
export function claimRehearsal(model: Model, observed: boolean): number {
  if (rehearsed || observed || !(model.warmup > 0)) return Number.NaN;
  rehearsed = true;
  const arrivals = model.flows.reduce((sum, f) => sum + f.expectedArrivals, 0);
  return arrivals > 0 ? Math.min(model.warmup, (REHEARSAL_ARRIVALS * model.horizon) / arrivals) : model.warmup;
}
