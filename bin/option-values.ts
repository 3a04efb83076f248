// The coerces of the command line's option values that more than one route reads (yargs' in
// bin/main.ts, plainRun's in bin/plain-run.ts): a value refused is a UsageError naming the option.
import { wholeNumber } from '../engine/number-format.js';
import { type Limit, MAX_REPLICATIONS } from '../engine/scenario/limits.js';
import { UsageError } from './errors.js';

export const positiveInt = (name: string, limit?: Limit) => (v: unknown) => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} takes a whole number of at least 1 (got '${v}')`);
  if (limit && n > limit.max) throw new UsageError(`--${name} takes at most ${wholeNumber(limit.max)} (${limit.why}; got '${v}')`);
  return n;
};

export const integer = (name: string) => (v: unknown) => {
  if (v === undefined) return undefined;
  // Number('') and Number(' ') are 0: an empty value is no number, not zero
  const n = typeof v === 'string' && v.trim() === '' ? Number.NaN : Number(v);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} takes a whole number up to 2^53 (got '${v}')`);
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
