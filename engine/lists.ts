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

/** A list short enough to spread anywhere in a call stack. */
const SPREAD_CHUNK = 8192;

/**
 * Math.hypot(...values), for any number of values. Up to 8,192 values it is that call; a longer
 * list (whose spread may overflow the stack) goes through V8's own general algorithm, operation
 * for operation (src/builtins/math.tq, MathHypot, the path for more than 3 arguments): each |v|
 * divided by the largest, the squares summed in order with Kahan's compensation, then
 * sqrt(sum) * largest; Infinity if any is infinite, else NaN if any is NaN, 0 if all are zero.
 * So the answer is Math.hypot's bits at any length (pinned against the spread in
 * test/lists/lists.test.ts at 20,000 and 100,000 values).
 */
export function hypot(values: ArrayLike<number>): number {
  if (values.length <= SPREAD_CHUNK) return Math.hypot(...Array.from(values));
  let largestAbs = 0;
  let someNaN = false;
  for (let i = 0; i < values.length; i++) {
    const abs = Math.abs(values[i]!);
    if (Number.isNaN(abs)) someNaN = true;
    else if (abs > largestAbs) largestAbs = abs;
  }
  if (largestAbs === Number.POSITIVE_INFINITY) return largestAbs;
  if (someNaN) return Number.NaN;
  if (largestAbs === 0) return 0;
  let sum = 0;
  let compensation = 0;
  for (let i = 0; i < values.length; i++) {
    const scaled = Math.abs(values[i]!) / largestAbs;
    const summand = scaled * scaled - compensation;
    const preliminary = sum + summand;
    compensation = preliminary - sum - summand;
    sum = preliminary;
  }
  return Math.sqrt(sum) * largestAbs;
}
