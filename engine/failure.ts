// Failures a user can act on, told apart from bugs by a code on the error: a worker that ran
// out of memory, and a replication the simulator stopped (engine/sim/run-limits.ts, with the
// default cap on work in progress here, where the command line can read it). Codes
// cross threads and machines in the error's text, the only part that survives: a worker
// thread's structured clone keeps an error's message and stack but not its own properties,
// and BullMQ keeps a failed job's reason. Free of imports, so that the command line can check
// a failure without loading the simulation.

export const WORKER_OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';
export const REPLICATION_STOPPED = 'ETOMSIM_REPLICATION_STOPPED';
/** The Redis that carries a queued run stopped answering for longer than the client waits (engine/cluster/queue.ts). */
export const QUEUE_LOST = 'ETOMSIM_QUEUE_LOST';
/** A queue job or its result over the bound of what one may carry (engine/cluster/job-size.ts): the run's input, exit 2. */
export const JOB_TOO_LARGE = 'ETOMSIM_JOB_TOO_LARGE';

/**
 * The cases in progress at once, per replication, past which it is stopped (`--max-wip`
 * changes it): about 0.6 GB in a simple flow, where 2,000,000 cases took 1.2 GB (measured,
 * `node dist/bench/probe.js wip-large 6000000` under /usr/bin/time), against V8's 4 GB heap.
 */
export const DEFAULT_MAX_WIP = 1_000_000;

/** A replication that threw, or whose worker died: which one, for the report of the failure. */
export class ReplicationFailed extends Error {
  override readonly name = 'ReplicationFailed';

  constructor(
    readonly task: { variant: string; replication: number; seed: number },
    cause: unknown,
  ) {
    super(
      `replication ${task.replication + 1} of ${task.variant} (run seed ${task.seed}) failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      {
        cause,
      },
    );
  }
}

/** A worker hit its heap limit, somewhere in this error's causes: the model, not etomsim, is usually what to change. */
export function outOfMemory(err: unknown): boolean {
  return hasCode(err, WORKER_OUT_OF_MEMORY);
}

/** The simulator stopped a replication that would not end well (work in progress past its cap, a clock standing still). */
export function replicationStopped(err: unknown): boolean {
  return hasCode(err, REPLICATION_STOPPED);
}

/** A queued run whose Redis went away: the message says what to do; no bug of etomsim's. */
export function queueLost(err: unknown): boolean {
  return hasCode(err, QUEUE_LOST);
}

/** A queue job or its result refused as larger than a job may carry, by the client or by a worker. */
export function jobTooLarge(err: unknown): boolean {
  return hasCode(err, JOB_TOO_LARGE);
}

function hasCode(err: unknown, code: string): boolean {
  for (let e = err; e instanceof Error; e = e.cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

/** The error as text that keeps its code: `[CODE] message`, or the message alone when it has none. */
export function codeInText(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? `[${code}] ${message}` : message;
}

/** The other side of `codeInText`: an error with the message and its code. */
export function codeFromText(text: string): Error {
  const coded = /^\[([A-Z_]+)\] ([\s\S]*)$/.exec(text);
  if (!coded) return new Error(text);
  return Object.assign(new Error(coded[2]), { code: coded[1] });
}

/** A thread's error whose text carries a code (see `codeInText`): with its code again; any other error as it is. */
export function recoverCode(err: unknown): unknown {
  return err instanceof Error && /^\[[A-Z_]+\] /.test(err.message) ? codeFromText(err.message) : err;
}
