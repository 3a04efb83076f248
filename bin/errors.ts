// The exit codes of results-format.md: 2 for invalid input (scenario or options), 1 for an
// internal failure. A UsageError carries a message for a person; anything else is a bug.

import { outOfMemory } from '../engine/failure.js';

export const EXIT = { ok: 0, internal: 1, invalid: 2, unmet: 3, interrupted: 130 } as const;

export class UsageError extends Error {}

/**
 * Bad input located in a file other than a scenario (an event log's row and column, a line of an
 * XML log, a database's table and row): its message is those lines, `FILE:ROW:COL: MESSAGE (at
 * WHERE)`, printed as they are, as a scenario's problems are, without the command-line prefix and
 * the pointer to --help that a mistyped option gets. The command exits 2.
 */
export class LocatedInputError extends Error {}

/** A scenario with errors: its problems are printed already, one line each; the command exits 2. */
export class InvalidScenario extends Error {}

/** An output built as one string (a JSON file, a CSV table) longer than V8 holds: said as such (exit 1), not as a bug. */
export class OutputTooLarge extends Error {}

/** V8's refusal of a string (or array) longer than it holds: 2^29 - 24 characters, about 512 MiB. */
export function tooLong(err: unknown): boolean {
  return err instanceof RangeError && /Invalid string length|Invalid array length/.test(err.message);
}

/** What a command tells when an output was too long to build: what, that nothing was written, and what to do. */
export function tooLargeMessage(what: string): string {
  return `${what} is too large to build: it is one text, and V8 holds at most 512 MiB of characters in one; nothing was written. Run fewer replications or fewer variants (-v NAME)`;
}

/** `build()`, its too-long string, or a thread of it out of memory, told as an OutputTooLarge naming `what` (results.json, the report). */
export async function building<T>(what: string, build: () => T | Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (err) {
    if (tooLong(err)) throw new OutputTooLarge(tooLargeMessage(what));
    // a thread of the report (its charts, its process maps' layout) past its heap: the output's size, not the
    // simulation's, which the generic message blamed ('fewer --workers'); 3,000 variants took 3 GB to report
    if (outOfMemory(err)) throw new OutputTooLarge(outOfMemoryMessage(what, err));
    throw err;
  }
}

/** What a command tells when a thread building an output ran out of memory: what, that nothing was written, and what makes it smaller. */
export function outOfMemoryMessage(what: string, err: unknown): string {
  const cause = err instanceof Error ? err.message : String(err);
  return `${what} ran out of memory as it was built (${cause}); nothing was written. Fewer variants ('run -v NAME'), or report formats without charts (--formats csv,md), make it smaller`;
}
