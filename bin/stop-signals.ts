// Stop signals: Ctrl-C (SIGINT), SIGTERM (what `timeout`, `kill`, a container's stop and a
// cancelled CI job send) and SIGHUP (the terminal closed) end a command alike: its simulation
// threads are stopped, the staging folders and temporary files of its writes under way are
// removed (engine/io/atomic.ts), and the process exits 128 + the signal's number (130, 143, 129).
// A stopped command so leaves its --out as it was and no hidden folder beside it, whichever of
// the three stopped it; left to Node, SIGTERM and SIGHUP ended the process at once, staging
// folder and all.
//
// Invariant: the signals are handled only while something is registered (a command of main.ts,
// a run, a runner), and one turn of the event loop after: `etomsim worker` stops in its own way
// (bin/commands/worker.ts). Whoever
// registered gets `stop` called once; the staging folders are removed at once, and again as the
// process exits, since a write under way (an event log's stream) may make its folder again in
// the meantime. A second signal exits at once.
import { removePending } from '../engine/io/atomic.js';

/** The exit status of a command each signal stops: 128 + the signal's number, as a shell reports it. */
export const STOP_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** How long the stoppers (closing a pool, a queue's connection) may take before the process exits anyway. */
const STOP_GRACE_MS = 2000;

/** What a command does on a stop, besides the removal and the exit: closes its pool, prints its line (a promise is awaited). */
type Stopper = (signal: StopSignal) => unknown;

const SIGNALS = Object.keys(STOP_SIGNALS) as StopSignal[];
const stoppers = new Set<Stopper>();
let listening = false;
let received: StopSignal | null = null;

const handlers = Object.fromEntries(SIGNALS.map((signal) => [signal, () => onSignal(signal)])) as Record<StopSignal, () => void>;

/**
 * Handles the stop signals until the returned function is called: on one, `stop` (default:
 * nothing more than the removal and the exit) is called with it, for at most STOP_GRACE_MS.
 */
export function whileStoppable(stop: Stopper = () => {}): () => void {
  if (!listening) {
    for (const signal of SIGNALS) process.on(signal, handlers[signal]);
    listening = true;
  }
  stoppers.add(stop);
  return () => {
    if (!stoppers.delete(stop) || stoppers.size > 0) return;
    // A signal that came during a synchronous stretch (a log read, a page built) waits in the
    // event loop's poll phase; the listeners are kept past one more of them so that it is answered
    // (the command's files are written by now: it still exits as stopped), not dropped with them.
    setImmediate(() =>
      setImmediate(() => {
        if (stoppers.size > 0 || received !== null || !listening) return; // in use again, or stopping: a second signal exits at once
        for (const signal of SIGNALS) process.removeListener(signal, handlers[signal]);
        listening = false;
      }),
    );
  };
}

/**
 * The exit status of the stop under way, or null: a command whose work failed because its
 * threads were stopped returns it, without a message (the failure is the stop's doing).
 */
export function stoppedStatus(): number | null {
  return received === null ? null : STOP_SIGNALS[received];
}

function onSignal(signal: StopSignal): void {
  if (received !== null) exitNow(received); // asked twice: do not wait for the threads
  received = signal;
  removePending();
  const stopping = [...stoppers].map((stop) => {
    try {
      return Promise.resolve(stop(signal));
    } catch (err) {
      return Promise.reject(err);
    }
  });
  void Promise.allSettled(stopping).then(() => exitNow(signal));
  setTimeout(() => exitNow(signal), STOP_GRACE_MS).unref();
}

function exitNow(signal: StopSignal): never {
  removePending();
  process.exit(STOP_SIGNALS[signal]);
}
