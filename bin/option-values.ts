// The coerces of the command line's option values that more than one route reads (yargs' in
// bin/main.ts, plainRun's in bin/plain-run.ts): a value refused is a UsageError naming the option.
import { wholeNumber } from '../engine/number-format.js';
import { type Limit, MAX_REPLICATIONS } from '../engine/scenario/limits.js';
import { UsageError } from './errors.js';

/**
 * A whole number as written in decimal digits (a minus sign first when `signed`), or NaN. Number()
 * alone read '0x10' as 16, '1e3' as 1000, '' as 0 and '-0' as -0: an option's count or seed is
 * written as a person writes one, and anything else is refused rather than guessed at.
 */
export function decimalInteger(v: unknown, signed = false): number {
  const text = String(v).trim();
  if (!(signed ? /^-?\d+$/ : /^\d+$/).test(text)) return Number.NaN;
  return Number(text) + 0; // -0 is 0
}

export const positiveInt = (name: string, limit?: Limit) => (v: unknown) => {
  if (v === undefined) return undefined;
  const n = decimalInteger(v);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--${name} takes a whole number of at least 1, in decimal digits (got '${v}')`);
  if (limit && n > limit.max) throw new UsageError(`--${name} takes at most ${wholeNumber(limit.max)} (${limit.why}; got '${v}')`);
  return n;
};

export const nonNegativeInt = (name: string) => (v: unknown) => {
  if (v === undefined) return undefined;
  const n = decimalInteger(v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} takes a whole number of at least 0, in decimal digits (got '${v}')`);
  return n;
};

/** Any whole number a double holds exactly, negative too, as a scenario's run.seed takes (engine/scenario/validate.ts). */
export const integer = (name: string) => (v: unknown) => {
  if (v === undefined) return undefined;
  const n = decimalInteger(v, true);
  if (!Number.isSafeInteger(n))
    throw new UsageError(`--${name} takes a whole number in decimal digits, from -(2^53 - 1) to 2^53 - 1, like 2026 (got '${v}')`);
  return n;
};

/**
 * Every command's --out, checked once (yargs' middleware, plainRun): an empty one, as an unset
 * shell variable gives (`--out "$OUTDIR"`), named the current folder and wrote the results into
 * it, or a file named ''.
 */
export function checkOut(out: unknown): void {
  if (typeof out === 'string' && out.trim() === '')
    throw new UsageError(
      `--out needs a folder or file name; got an empty one${out === '' ? '' : ` ('${out}')`} (an unset shell variable?)`,
    );
}

export const replicationsOption = positiveInt('replications', MAX_REPLICATIONS);
export const seedOption = integer('seed');
export const workersOption = positiveInt('workers');
export const maxReplicationsOption = positiveInt('max-replications', MAX_REPLICATIONS);
