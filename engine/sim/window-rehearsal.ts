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
// Its length follows from what it must show completeCase (recorder.ts), which the loop calls out of line.
// V8 records a function's type feedback only once it has given the function a feedback vector, after some
// FEEDBACK_CALLS calls; what runs before is not recorded. So the rehearsal runs until, after completeCase's
// FEEDBACK_CALLS-th call, a case that arrived before its window opened has completed in it (as every one of
// a replication's first completions in its window has), and more than FEEDBACK_CALLS cases have completed in
// it (the history's sums, which each of them adds, have their feedback too). A fixed count of completions met that by
// the model's chance: after 16, completeCase optimised as the window opened deoptimised there in the bundled
// fault-to-repair (its cases begun before the window completed before completeCase had its vector) and
// shared-field-force (none of its 16 had begun before; its `run -r 2` deoptimised so too). Whether a
// completion met its SLA is the model's data, not a phase of the run: a rehearsal of a few thousand events
// rarely sees a case miss one, and does not wait for it (test/sim/rehearsal-feedback.test.ts).
//
// Invariant: nothing simulated depends on the rehearsal. It is a Simulation of its own (clock,
// draws, cases, tallies); its statistics are dropped and its stores go to the shelf
// (store-shelf.ts), whose buffers no reader sees beyond what it wrote itself.
import type { Model } from '../model/model.js';

/** Cases expected to arrive before the rehearsal's window opens: queues and tasks are under way when it opens. */
export const REHEARSAL_ARRIVALS = 32;
/**
 * Calls after which V8 has given a function its feedback vector: once it has run some 8 times its bytecode
 * (`--interrupt-budget-factor-for-feedback-allocation`, 8 in Node 20's V8), and a completion runs
 * completeCase from its start to its one return.
 */
export const FEEDBACK_CALLS = 8;
/** The rehearsal ends once it has shown completeCase what it must (RehearsalProgress), or after this many events (a model whose cases take long to complete). */
export const REHEARSAL_EVENTS = 4096;

/** A rehearsal's completions so far (Recorder.completionTally): every flow's together. */
export interface CompletionTally {
  /** cases completed, before the window or in it: completeCase's calls */
  completed: number;
  /** of them, in the window */
  inWindow: number;
  /** the hours before the window of those in it that arrived before it opened: more after each such completion */
  preWindowHours: number;
}

/**
 * Whether a rehearsal has shown completeCase each way its calls in the window go, each after the function's
 * feedback vector was in place (the module's header). The rehearsal records its tally between its slices of
 * events, so that a slice's completions count as if they all came at its end (the rehearsal is longer for
 * it, never shorter), and then asks whether it has come far enough.
 */
export class RehearsalProgress {
  /** the first tally recorded once completeCase had been called FEEDBACK_CALLS times; null before */
  private fed: CompletionTally | null = null;
  /** the last tally recorded; null before the first */
  private latest: CompletionTally | null = null;

  /** Records the rehearsal's tally now: the first at or past FEEDBACK_CALLS completions is where completeCase's feedback begins. */
  record(tally: CompletionTally): void {
    if (this.fed === null && tally.completed >= FEEDBACK_CALLS) this.fed = tally;
    this.latest = tally;
  }

  /** Whether, since the tally where completeCase's feedback began, the window has seen more than FEEDBACK_CALLS completions and one of a case begun before it. */
  reached(): boolean {
    const { fed, latest } = this;
    if (fed === null || latest === null) return false;
    return latest.inWindow > Math.max(fed.inWindow, FEEDBACK_CALLS) && latest.preWindowHours > fed.preWindowHours;
  }
}

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
