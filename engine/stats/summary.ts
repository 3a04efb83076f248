import { JOHNSON_MIN_VALUES, johnsonInterval } from './skewness.js';
import { tQuantile } from './t-quantile.js';

/** The intervals a run gives: Student's t alone (the default), or also Johnson's modified t for skewed samples
 *  (`run --interval johnson`), beside the t interval, never instead of it: ci95 is the core's Student-t interval. */
export const INTERVAL_METHODS = ['t', 'johnson'] as const;
export type IntervalMethod = (typeof INTERVAL_METHODS)[number];

/** A metric summarised over replications: the "STAT" of results.json. */
export interface Stat {
  mean: number | null;
  sd: number | null;
  n: number;
  ci95: [number, number] | null;
  /** with `interval: 'johnson'` only (the key is absent otherwise): Johnson's modified-t 95% interval; null when n < 2 */
  ci95_johnson?: [number, number] | null;
  /**
   * fidelity.json only, beside a measure the log has too (the key is absent otherwise): the 95%
   * prediction interval of one more replication, mean +- t(n-1) sd sqrt(1 + 1/n), where one log,
   * itself one realisation, lies when the scenario wrote it; null when n < 2
   */
  one_log95?: [number, number] | null;
}

/** The values that are observations: NaN marks a replication that gave none. */
export function observed(values: ArrayLike<number>): number[] {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) kept.push(values[i]);
  }
  return kept;
}

/** Whether every value is a finite number (no ±Infinity): what a mean and an interval can be made of. */
export function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** The arithmetic mean (NaN for no values). */
export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample standard deviation (divisor n - 1), from deviations about the mean rather than raw squares, for accuracy. */
function sampleSd(values: readonly number[], centre: number): number {
  let squares = 0;
  for (const v of values) squares += (v - centre) * (v - centre);
  return Math.sqrt(squares / (values.length - 1));
}

/** Student-t 95% interval of the mean. */
function ci95(centre: number, sd: number, n: number): [number, number] {
  if (sd === 0) return [centre, centre];
  const halfWidth = (tQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return [centre - halfWidth, centre + halfWidth];
}

/** Summary over replications. NaN entries mean "no observation in that replication" and are left out;
 *  n counts the rest. mean, sd and the intervals null when n = 0 or when an observation is infinite; sd is the sample sd (n-1), null when n < 2;
 *  ci95 is mean ± t(0.975, n-1)·sd/√n, null when n < 2, whatever `interval` says. When sd is 0 the interval is [mean, mean].
 *  With `interval: 'johnson'` the stat also has ci95_johnson, Johnson's modified-t interval from JOHNSON_MIN_VALUES (4) values; with 2 or 3
 *  (no third moment, or none to tell from noise) the t interval; null when n < 2. */
export function summarize(values: ArrayLike<number>, interval: IntervalMethod = 't'): Stat {
  const kept = observed(values);
  const n = kept.length;
  const johnson = interval === 'johnson';
  // n = 0, or an infinite value (a cost that overflowed a double): no number summarises them, and
  // a stat says so with nulls rather than with an Infinity JSON writes as null beside an sd of 0
  if (n === 0 || !allFinite(kept))
    return johnson ? { mean: null, sd: null, n, ci95: null, ci95_johnson: null } : { mean: null, sd: null, n, ci95: null };
  // A metric that never varies must report exactly its value and no spread, which
  // summing would not guarantee: (0.1 + 0.1 + 0.1) / 3 is not 0.1.
  if (isConstant(kept)) {
    const value = kept[0];
    const stat: Stat = n === 1 ? { mean: value, sd: null, n, ci95: null } : { mean: value, sd: 0, n, ci95: [value, value] };
    if (johnson) stat.ci95_johnson = stat.ci95 === null ? null : [value, value];
    return stat;
  }
  const centre = mean(kept);
  const sd = sampleSd(kept, centre);
  const t = ci95(centre, sd, n);
  if (!johnson) return { mean: centre, sd, n, ci95: t };
  return { mean: centre, sd, n, ci95: t, ci95_johnson: n >= JOHNSON_MIN_VALUES ? johnsonInterval(kept)! : [t[0], t[1]] };
}
