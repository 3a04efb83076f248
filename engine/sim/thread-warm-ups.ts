// A thread's warm-ups: code that a replication runs rarely or late, run first on scratch values
// while the thread's functions are still cold, so that V8 has their type feedback before it
// optimises the loop (hot path: CONTRIBUTING.md, rule 9). Two kinds, each once a thread, when a
// model first reaches it (Simulation.start() calls warmUpThread before every replication):
//
// - The loop's rare statistics. Some of what the recorder does comes first only after thousands
//   of events in a busy model: an average's first series bin closing, the bottleneck sweep's
//   first dropping of a period that ended beneath another. By then V8 has optimised the loop
//   without type feedback for it, and the first time it runs the function deoptimises and runs
//   unoptimised until compiled again (`node dist/bench/deopts.js teams 100 1000000` lists them).
// - The horizon's long loops. A replication's statistics run once, at its end: MSER-5 over every
//   cycle time and the percentiles by counting (replication-summary.ts), each a loop over every
//   completion. Cold, V8 runs such a loop unoptimised (Ignition, then Sparkplug) until the code
//   it compiles on-stack for it arrives, and with the other core busy that can be most of the
//   loop. So a thread about to simulate a replication with many completions first runs them on
//   small scratch samples: V8 gathers their type feedback there, finds them hot and compiles
//   them on its own thread while the simulation runs, and the long calls at the horizon start
//   in optimised code. Those compiles (about 20 ms of the other core for M/M/5) would queue
//   before the loop's own, which run as the replication starts, so the command line's own
//   thread, which simulates in slices, runs this warm-up at a pause once the loop is compiled
//   (replicate.ts, runReplicationInSlices; warmUpHorizon), and there, where the command line lowers
//   V8's interrupt budget for it (UnderLoweredBudget), on an eighth of the scratch values
//   (engine/stats/warm-up-scale.ts): V8 finds the loops hot after as many calls, each an eighth of the work.
//
// - The event queue's sift from its root. Most pops are followed by a push that takes the root's
//   place, sifted down at the loop's next hasDue (event-queue.ts settle); a pop followed by no push
//   (a case leaving a flow, a team with nothing queued) removes the root there, the last entry
//   sifted down. Either sift, in a calendar model, may first meet equal times only after the loop
//   is optimised (fiber: advance deoptimised for want of siftRootDown's feedback, session 39;
//   fault-to-repair, shared-field-force: push, which sifted then, deoptimised, session 51).
// - A calendar's week end: the next shift start after a week's last is the next week's first
//   (WorkCalendar.nextPeriodStart), asked first some days in (fault-to-repair: advance deoptimised).
//
// (The warm-up's end, a phase of the run rather than a statistic, is rehearsed on a scratch
// simulation: window-rehearsal.ts.)
//
// Invariant: nothing simulated depends on the scratch calls. They make and read only their own
// scratch objects and values and drop their results; the counts they leave in
// order-statistics.ts's buffer are cleared by each call before it counts.
import type { Model } from '../model/model.js';
import { warmUpMser5 } from '../stats/mser.js';
import { warmUpOrderStatistics } from '../stats/order-statistics.js';
import type { WarmUpScale } from '../stats/warm-up-scale.js';
import { warmUpSweep } from '../stats/shifting-bottleneck.js';
import { WorkCalendar } from './calendar.js';
import { Clock } from './clock.js';
import { EventQueue } from './event-queue.js';
import { FLOW_QUANTILES, KPI_QUANTILES } from './replication-summary.js';
import { TimeAverage } from './time-average.js';
import { HOURS_PER_WEEK } from '../week.js';

/**
 * Scratch calls of each rare path of the loop: V8 allocates a function's feedback vector only
 * after a few calls (`--lazy-feedback-allocation`), and what runs before records nothing.
 */
const RARE_PATH_CALLS = 24;

/**
 * The expected completions of a flow from which a replication warms the horizon's statistics
 * up: below it the cold calls at the horizon cost less than the scratch calls.
 */
export const WARM_FROM = 100_000;

/**
 * Scratch calls of each of the horizon's statistics: enough for V8 to find every loop hot
 * (MSER-5's after 8 on its 1,027 values, the percentiles' first pass, the last, after 9:
 * warmUpOrderStatistics' keys make its walk as quick to be found hot), and few more, since a
 * call after that runs unoptimised until the compiled code arrives.
 */
const MSER_CALLS = 10;
const ORDER_STATISTICS_CALLS = 10;

/** The warm-ups, one bit each in `warmed`. */
const SUMMARY = 1;
const TIME_AVERAGE = 2;
const SWEEP = 4;
const EVENT_QUEUE = 8;
const CALENDAR = 16;

/**
 * The warm-ups this thread has run (bits): each runs once a thread, before the first
 * replication whose model reaches it; later replications find its code compiled.
 */
let warmed = 0;

/**
 * Runs, once a thread, each warm-up that `model` reaches and the thread has not yet run: the
 * horizon's statistics if a flow expects WARM_FROM completions, the time average's bin closing
 * if the model has a team, the bottleneck sweep if it has two (one team settles alone,
 * settleAlone, without the sweep), the event queue's stale-root removal for every model, a
 * calendar's week end if the model has a calendar. With
 * `horizonLater` the horizon's are left to the caller (warmUpHorizon).
 */
export function warmUpThread(model: Model, horizonLater = false): void {
  if (!horizonLater) warmUpHorizon(model);
  if ((warmed & TIME_AVERAGE) === 0 && model.resources.length > 0) {
    warmed |= TIME_AVERAGE;
    warmUpTimeAverage(RARE_PATH_CALLS);
  }
  if ((warmed & SWEEP) === 0 && model.resources.length > 1) {
    warmed |= SWEEP;
    warmUpSweep(RARE_PATH_CALLS);
  }
  if ((warmed & EVENT_QUEUE) === 0) {
    warmed |= EVENT_QUEUE;
    warmUpRootSifts(RARE_PATH_CALLS);
  }
  if ((warmed & CALENDAR) === 0 && model.calendars.length > 0) {
    warmed |= CALENDAR;
    warmUpWeekEnd(RARE_PATH_CALLS);
  }
}

/**
 * Runs `work` under V8's interrupt budget divided by BUDGET_DIVISOR (engine/stats/warm-up-scale.ts), sets it back
 * after, and returns true; or returns false, running nothing, where it cannot. The command line's (bin/v8-flags.ts,
 * underLoweredBudget), for its own thread: the engine never sets a V8 flag, and a flag is the process's, so a caller
 * whose other threads run JavaScript meanwhile has none.
 */
export type UnderLoweredBudget = (work: () => void) => boolean;

/**
 * The horizon's statistics warmed up, once a thread, if a flow of `model` expects WARM_FROM
 * completions: warmUpThread's first warm-up, which a caller that simulates in slices may run at
 * a pause of the loop instead (replicate.ts, runReplicationInSlices). Their scratch calls make
 * V8 compile MSER-5's and the percentiles' loops on its own thread: about 20 ms of compiles
 * (`node dist/bench/warmup.js mm5 1000000`), which, queued as the replication starts, go before
 * the loop's own compiles, and the loop runs unoptimised meanwhile (hot path:
 * CONTRIBUTING.md, rule 10). At a pause, the loop's own compiles are done. `underLowered`, where
 * given and able, runs the calls on the eighth's scratch values under the lowered budget: the
 * same calls, the same loops compiled before the horizon, some 26 M instructions fewer run
 * unoptimised (docs/performance-notes.md, session 56).
 */
export function warmUpHorizon(model: Model, underLowered: UnderLoweredBudget | null = null): void {
  if ((warmed & SUMMARY) === 0 && model.flows.some((f) => f.expectedArrivals >= WARM_FROM)) {
    warmed |= SUMMARY;
    if (underLowered === null || !underLowered(() => warmUpStatistics('eighth'))) warmUpStatistics('full');
  }
}

/** MSER-5's and the percentiles' scratch calls, at `scale` (engine/stats/warm-up-scale.ts). */
function warmUpStatistics(scale: WarmUpScale): void {
  warmUpMser5(MSER_CALLS, scale);
  warmUpOrderStatistics(FLOW_QUANTILES, KPI_QUANTILES, ORDER_STATISTICS_CALLS, scale);
}

/**
 * Pushes `calls` events onto a scratch queue, three to an instant (so that a sift compares
 * equal times and their sequence numbers), pops and pushes `calls` times (the pushed event's
 * sift from the root, among equal times), then pops them all with no push between: each pop's
 * root is removed, the last entry sifted down, with both children, equal times and moves. Each
 * pop comes after hasDue, as in the loop, which settles the root (pop's own settle is for callers
 * that do not ask first, and stays out of the loop's code). Nothing simulated reads the scratch queue.
 */
function warmUpRootSifts(calls: number): void {
  const queue = new EventQueue();
  for (let c = calls; c > 0; c--) {
    queue.at = Math.floor(c / 3) + 0.5; // doubles, as a replication's times are
    queue.push(c & 7, c);
  }
  // Each pop followed by a push at the popped time or the next instant's, as the loop's: the pushed
  // event's sift (at the next hasDue) meets equal times, between the children and with the pushed
  // event (ties broken by the sequence), as a model's shift starts at the hour do.
  for (let c = calls; c > 0; c--) {
    queue.hasDue();
    queue.pop();
    queue.at = queue.poppedTime + (c & 1);
    queue.push(c & 7, c);
  }
  while (queue.hasDue()) queue.pop();
}

/**
 * warmUpTimeAverage's changes before the window, in `calls`: a rise from 0 there finds its cell through enterPhase's
 * shortest way (its first branch, then its return), and V8 gave enterPhase its feedback vector only after some 40 such
 * calls, as it gives one after some 8 runs of a function's whole bytecode (window-rehearsal.ts, FEEDBACK_CALLS): 12
 * or 24 rises left cross to deoptimise there, 48 did not (a child's `%OptimizeFunctionOnNextCall`, session 60).
 */
const BEFORE_WINDOW = 4;

/**
 * Raises and lowers a scratch average whose level crosses a series bin at every change: BEFORE_WINDOW
 * times `calls` before its window, rising from 0 at every other change, then `calls` times from
 * there into it, falling to 0 every fourth change, then closes it. A replication's averages first
 * cross a bin when its first day ends: in a busy model (100 teams at 90 cases an hour) some 8,000
 * events in, after V8 has optimised the loop without feedback for it, and `cross` then
 * deoptimises; entering the window (`step`) and finding the cell again after an empty queue
 * (`locate`) are as rare, and before the window rarer still, where a cell is a whole bin:
 * mm5-variant at 10,000 h (three-day bins, a 100-hour warm-up) deoptimised cross at a pool
 * thread's second replication, its queue empty as the first bin ended (docs/performance-notes.md,
 * session 60). Nothing simulated reads the scratch average.
 */
function warmUpTimeAverage(calls: number): void {
  const clock = new Clock();
  const binHours = 24; // a model's bins are whole days (model/compile.ts), so the field holds the same kind of number
  const before = BEFORE_WINDOW * calls;
  const horizon = (before + calls + 1) * binHours;
  const warmup = (before + 2) * binHours;
  const bins = new Float64Array(before + calls + 1);
  const average = new TimeAverage(clock, warmup, horizon, bins, binHours, new Float64Array(HOURS_PER_WEEK));
  for (let c = 1; c <= before; c++) {
    clock.now = c * binHours + 0.5;
    if (c % 2 === 1) average.increment();
    else average.decrement(); // the level 1, 0, 1, 0, ...: each rise from 0 finds its cell afresh
  }
  average.increment();
  for (let c = before + 1; c <= before + calls; c++) {
    clock.now = c * binHours + 0.5;
    if (c % 4 === 1 || c % 4 === 0) average.increment();
    else average.decrement(); // the level 2, 1, 0, 1, 2, ...
  }
  clock.now = horizon;
  average.close();
}

/**
 * Asks a scratch calendar of one shift a day, Monday to Friday, for the next shift's start at
 * `calls` times through its week and into the next: after Friday's shift the next start is
 * the next week's first (nextPeriodStart's wrap). A replication first asks so at its first
 * week's last shift start (the bundled fault-to-repair: some 130 hours in), after V8 has
 * optimised the loop, which inlines the call through scheduleShiftStart, without feedback for
 * it; the loop then deoptimised there. Nothing simulated reads the scratch calendar.
 */
function warmUpWeekEnd(calls: number): void {
  const calendar = new WorkCalendar(Array.from({ length: 5 }, (_, day) => ({ start: day * 24 + 8, end: day * 24 + 17 })));
  const step = (2 * HOURS_PER_WEEK) / calls;
  for (let c = 0; c < calls; c++) calendar.nextPeriodStart(c * step + 0.5); // doubles, as a replication's times are
}
