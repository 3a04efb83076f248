// Folds over lists whose length comes from a user's file or grows with a run (branches,
// shifts, activities, replications, rows). `Math.max(...list)`, `push(...list)` and the like
// pass every item as an argument on the stack, and Node 20 overflows it at about 125,000
// items ("Maximum call stack size exceeded"); these loop instead.
// Invariant: each returns exactly what the spread call returns for a list short enough to
// spread (same NaN and signed-zero answers, same order), so swapping one in changes no output.

/** Math.max(floor, ...values), for any number of values: -Infinity for none, NaN if any is NaN. */
export function largest(values: Iterable<number>, floor = Number.NEGATIVE_INFINITY): number {
  let most = floor;
  for (const v of values) most = Math.max(most, v);
  return most;
}

/** Math.min(ceiling, ...values), for any number of values: Infinity for none, NaN if any is NaN. */
export function smallest(values: Iterable<number>, ceiling = Number.POSITIVE_INFINITY): number {
  let least = ceiling;
  for (const v of values) least = Math.min(least, v);
  return least;
}

/** target.push(...items), for any number of items; returns target. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** A chunk small enough to spread anywhere in a call stack. */
const SPREAD_CHUNK = 8192;

/**
 * Math.hypot(...values), for any number of values: a list of up to 8,192 values gives exactly
 * Math.hypot's answer (its scaling keeps squares from overflowing); a longer one, the hypot of
 * its chunks' hypots.
 */
export function hypot(values: ArrayLike<number>): number {
  if (values.length <= SPREAD_CHUNK) return Math.hypot(...Array.from(values));
  const parts: number[] = [];
  for (let i = 0; i < values.length; i += SPREAD_CHUNK)
    parts.push(hypot(Array.prototype.slice.call(values, i, i + SPREAD_CHUNK) as number[]));
  return hypot(parts);
}
