// Stop signals: Ctrl-C (SIGINT), SIGTERM (what `timeout`, `kill`, a container's stop and a
// cancelled CI job send) and SIGHUP (the terminal closed) end a command alike, at once, and
// the process ends by the signal itself, as a shell expects of a stopped program (status 130,
// 143, 129 as a shell reports it; a shell's loop around etomsim stops on Ctrl-C with it).
//
// Node answers a signal it listens for only when its event loop turns, and a command is busy
// for long stretches without one (discover's fits, a report built, a results file checked): a
// listener held through them kept the process running to its end, output written, and exiting
// as stopped only then (a 73 s discover stopped 40 s in ran to its end). So the signals are
// listened for only while a command holds what a stop must mend: simulation threads or a
// queue's connection (bin/runner.ts), replications simulated in this thread in slices
// (fidelity's, engine/sim/replicate.ts), a staging folder that event logs stream into (run.ts).
// The stoppers registered then are called once, for at most STOP_GRACE_MS, the staging folders
// and temporary files of writes under way removed (engine/io/atomic.ts), then the signal is
// raised again with Node's default action. Otherwise the default action ends the process the
// moment the signal comes, whatever the thread is doing: that is sound because no output is
// half written where a reader looks (each is built whole, then written under a temporary name
// and renamed into place); a kill in the middle of that write leaves only the hidden
// temporary, named with its owner, which the next write beside it removes (as after SIGKILL).
//
// Invariant: the listeners are off once nothing is registered and the returned release has
// been awaited (it lets a signal that came meanwhile, waiting in the event loop, be answered
// first): a busy stretch after it is stopped by the kernel. `etomsim worker` stops in its own
// way (bin/commands/worker.ts). A second signal during a stop ends the process at once.
import { removePending } from '../engine/io/atomic.js';

/** The status a shell reports of a command each signal stops: 128 + the signal's number. */
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
 * Handles the stop signals until the returned release is called: on one, `stop` (default:
 * nothing more than the removal and the exit) is called with it, for at most STOP_GRACE_MS.
 * The release's promise settles once the listeners are off (at once while others hold them):
 * await it before a busy stretch, which a signal then ends at once.
 */
export function whileStoppable(stop: Stopper = () => {}): () => Promise<void> {
  if (!listening) {
    for (const signal of SIGNALS) process.on(signal, handlers[signal]);
    listening = true;
  }
  stoppers.add(stop);
  return () => {
    if (!stoppers.delete(stop) || stoppers.size > 0) return Promise.resolve();
    // A signal that came during a synchronous stretch waits in the event loop's poll phase: the
    // listeners are kept past one more of them so that it is answered (the process exits as
    // stopped), not dropped with them.
    return new Promise((resolve) =>
      setImmediate(() =>
        setImmediate(() => {
          if (received !== null) return; // stopping: the process exits, and nothing more is begun; a second signal exits at once
          if (stoppers.size === 0 && listening) {
            for (const signal of SIGNALS) process.removeListener(signal, handlers[signal]);
            listening = false;
          } // else in use again
          resolve();
        }),
      ),
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

/** Ends the process by the signal, with Node's default action: its listeners off, raised again (an exit of the same status, should another listener hold it). */
function exitNow(signal: StopSignal): never {
  removePending();
  for (const s of SIGNALS) process.removeListener(s, handlers[s]);
  process.kill(process.pid, signal);
  process.exit(STOP_SIGNALS[signal]);
}
