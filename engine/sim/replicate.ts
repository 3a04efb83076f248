// The pure entry point a worker calls: (model, replication, seed) -> statistics; and the same
// in slices, for the command line's own thread, which must also answer Ctrl-C (or another stop
// signal) while it simulates, or replays replications for the event logs.
import { metricLayout } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import { replicationKey } from '../random/stream.js';
import type { ReplicationStats } from './replication-summary.js';
import { Simulation } from './simulation.js';
import type { TaskObserver } from './task-observer.js';
import type { UnderLoweredBudget } from './thread-warm-ups.js';
import { DEFAULT_MAX_WIP } from './run-limits.js';
import { shelfIsEmpty, stockedSizes, stockPending, stockShelf } from './store-shelf.js';

/**
 * `maxWip`: cases in progress at once beyond which the replication stops with ReplicationStopped (run-limits.ts).
 * A pool thread's (worker.ts): advance is called as runReplicationInSlices calls it, without the pauses (SHORT_CALL_EVENTS
 * says why), its budget a small integer in every call as in the rehearsal's: one call of an Infinity deoptimised the
 * advance the rehearsal had compiled ("not a Smi"; docs/performance-notes.md, session 58). Slicing changes no event.
 * Hot path: CONTRIBUTING.md, rule 10.
 */
export function runReplication(model: Model, replication: number, seed: number, maxWip = DEFAULT_MAX_WIP): ReplicationStats {
  const key = replicationKey(seed, replication);
  const simulation = new Simulation(model, metricLayout(model), replication, key, null, maxWip);
  simulation.start();
  const shortCalls = shortCallsRun ? 0 : SHORT_CALLS;
  shortCallsRun = true;
  for (let calls = 0; !simulation.advance(calls < shortCalls ? SHORT_CALL_EVENTS : EVENTS_PER_LOOK); calls++);
  return simulation.finish();
}

/** The same replication, with every task shown to `observer` (for event logs): its statistics are those of runReplication. */
export function observeReplication(
  model: Model,
  replication: number,
  seed: number,
  observer: TaskObserver,
  maxWip = DEFAULT_MAX_WIP,
): ReplicationStats {
  const key = replicationKey(seed, replication);
  return new Simulation(model, metricLayout(model), replication, key, observer, maxWip).run();
}

/** A turn of the thread's event loop (a signal handler, a progress line): the `pause` between slices below. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The least a replication's completion stores (cycle times, MSER-5's batch ends) reserve for
 * them to be written ahead (about 190,000 completions). A threshold reasoned, not measured
 * across sizes: such a replication mostly runs past its second pause (slices of 50 ms), where
 * its stores move onto them; one that ends sooner leaves the stock written and unused (the
 * shelf's, for the thread's next replication).
 */
const STOCK_FROM = 1 << 20;

/**
 * True when the replication's completion stores are to be written ahead (store-shelf.ts,
 * stockShelf; Recorder.reservedBytes): they are large, and the shelf holds nothing (the thread's
 * first replication, or its first since emptyShelf: a later one's stores reuse the pages its
 * predecessor touched).
 */
function stockDue(simulation: Simulation): boolean {
  return shelfIsEmpty() && simulation.reservedStoreBytes().reduce((sum, bytes) => sum + bytes, 0) >= STOCK_FROM;
}

/** Where a replication in slices stands with its stores' stock: none to take (or taken), due at the next pause, being written. */
const STOCK = { none: 0, due: 1, pending: 2 } as const;

/**
 * Pauses per slice while the stock is being written. At one a slice (50 ms), the benchmark's
 * M/M/5 on a quiet host moved its stores at 487,424 events, its cycle times 244,000 values into
 * the quarter of 253,504 they awaited the stock with, and now and then past it (then they grow
 * to the whole reservation, held twice until the move); at ten, at 61,440 events
 * (docs/performance-notes.md, session 24).
 */
const PENDING_LOOKS = 10n;

/** Events between two looks at the clock: a few hundred microseconds of simulation. */
const EVENTS_PER_LOOK = 4096;

/**
 * The thread's first replication, in slices or not, calls `Simulation.advance` for SHORT_CALL_EVENTS
 * at a time for its first SHORT_CALLS calls (262,144 events; in slices the clock is still looked at
 * every EVENTS_PER_LOOK), so that V8 compiles advance once, for its calls, instead of twice. V8 marks
 * a hot function and starts its compile at the function's next call; a frame that goes on
 * looping meanwhile, or starts before the compiled code is in place, is compiled again on-stack
 * (OSR) for the rest of its loop. Called for 4,096 events from the first, advance was still in
 * its first call when V8 found it hot: one TurboFan compile for that call, one as a function
 * when it was called again (`--trace-opt`; every other function of the loop compiled once). A
 * call of 256 events returns soon after the mark, and calls stay that short long after V8's
 * compile of the loop is in place on an idle host (at load 20-40 on 2 cores the compile took
 * longer in 1 run of 4, and advance was compiled on-stack as before). Only in the first: the
 * thread's later replications find advance compiled, and short calls in each (the bundled fiber
 * scenario's eight, from a helper) made V8 compile the helper too, advance inlined into it.
 * Hot path: CONTRIBUTING.md, rule 10.
 */
const SHORT_CALL_EVENTS = 256;
const SHORT_CALLS = 1024;
/** Whether this thread has begun a replication, in slices or not: only its first makes the short calls. */
let shortCallsRun = false;

/** What a caller of runReplicationInSlices may give beside the replication, each absent by default. */
export interface SliceOptions {
  /** about how long a slice runs between two pauses, in ms (50) */
  sliceMs?: number;
  /** the observer every task is shown to (an event log's replay), which makes it observeReplication's */
  observer?: TaskObserver | null;
  /** the caller's lowered V8 interrupt budget for the horizon's warm-up at a pause (thread-warm-ups.ts) */
  underLowered?: UnderLoweredBudget | null;
  /**
   * lowers the caller's V8 interrupt budget for the first slice of the thread's first replication, when its stores are
   * stocked (a large one), and returns what sets it back at the first pause (null: not lowered): the loop's functions
   * found hot sooner (bin/v8-flags.ts, lowerLoopStartBudget)
   */
  loopStartLowered?: (() => (() => void) | null) | null;
}

/**
 * runReplication's statistics (observeReplication's, given an `observer`), simulated in slices
 * of about `sliceMs`, with `pause()` awaited between them: the thread's event loop runs there (a
 * signal handler, a progress line, the event logs' replay answering a stop signal,
 * bin/stop-signals.ts), and a pause that throws stops the replication. Slicing changes no event.
 */
export async function runReplicationInSlices(
  model: Model,
  replication: number,
  seed: number,
  maxWip: number,
  pause: () => Promise<void>,
  { sliceMs = 50, observer = null, underLowered = null, loopStartLowered = null }: SliceOptions = {},
): Promise<ReplicationStats> {
  const simulation = new Simulation(model, metricLayout(model), replication, replicationKey(seed, replication), observer, maxWip);
  // an observed replay (an event log's) stocks no stores ahead: its stores are as observeReplication's
  let stock: (typeof STOCK)[keyof typeof STOCK] = observer === null && stockDue(simulation) ? STOCK.due : STOCK.none;
  // A store stocked for is not also given its whole reservation meanwhile (growable.ts, awaitedGrowth)
  if (stock === STOCK.due) simulation.awaitStoreReservations(stockedSizes(simulation.reservedStoreBytes()));
  // A replication large enough for the stock warms the horizon's statistics up once the stock is settled (taken
  // or not), at a pause, rather than as it starts: their compiles would go before the loop's (thread-warm-ups.ts,
  // warmUpHorizon). One that reaches its horizon sooner runs them cold.
  let horizonWarmUp = stock === STOCK.due;
  simulation.start(horizonWarmUp);
  // process.hrtime, not `performance`: the first use of that global loads perf_hooks, eleven
  // internal modules (process.moduleLoadList); about 5 M instructions of a 2-hour M/M/5 run,
  // within callgrind's run-to-run noise here (53ed6f8).
  const slice = BigInt(Math.round(sliceMs * 1e6));
  let due = process.hrtime.bigint() + slice;
  const shortCalls = shortCallsRun ? 0 : SHORT_CALLS;
  // Only a first replication large enough for the stock, as measured (a short one was not: left as it was), and after
  // start: the rehearsal and the thread's warm-ups run under the budget they were measured at.
  let restoreBudget = shortCallsRun || stock !== STOCK.due || loopStartLowered === null ? null : loopStartLowered();
  shortCallsRun = true;
  let calls = 0;
  while (!simulation.advance(calls < shortCalls ? SHORT_CALL_EVENTS : EVENTS_PER_LOOK)) {
    if (calls++ < shortCalls && calls % (EVENTS_PER_LOOK / SHORT_CALL_EVENTS) !== 0) continue; // a look every EVENTS_PER_LOOK still
    if (process.hrtime.bigint() < due) continue;
    restoreBudget?.();
    restoreBudget = null;
    await pause();
    // The stores' pages are written on libuv's pool from the first pause on, when V8's compiles of
    // the loop, which the other core runs meanwhile, are mostly done; at the first pause after,
    // the stores move onto them (store-shelf.ts). The pages written before stay this thread's faults.
    if (stock === STOCK.due) {
      const sizes = simulation.reservedStoreBytes();
      const stocked = stockedSizes(sizes);
      stock = stockShelf(sizes) ? STOCK.pending : STOCK.none;
      // The stores left unstocked (none where /dev/zero does not open) grow to their whole reservation again
      simulation.awaitStoreReservations(stock === STOCK.pending ? stocked : []);
    } else if (stock === STOCK.pending && !stockPending()) {
      simulation.rehomeStores();
      stock = STOCK.none;
    }
    if (horizonWarmUp && stock === STOCK.none) {
      simulation.warmUpHorizon(underLowered);
      horizonWarmUp = false;
    }
    // While the stock is written, a look every tenth of a slice: the stores move soon after it is
    // done, before they fill the quarter they await it with (growable.ts, awaitedGrowth)
    due = process.hrtime.bigint() + (stock === STOCK.pending ? slice / PENDING_LOOKS : slice);
  }
  restoreBudget?.(); // a replication that ends within its first slice
  return simulation.finish();
}
