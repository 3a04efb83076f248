// Whether two numbers are the same quantity up to rounding: a value the scenario restates in
// another unit (0.1d and 2.4h, one warm-up) is not the same double after its conversion to hours.
// One rule for every comparison of scenario quantities: validate's warm-up and horizon check
// (scenario/warnings.ts) and the results' definition warning (results/warnings.ts) read a
// restated value alike. Invariant: symmetric, and exact equality always counts as the same.

/** Equal up to rounding (a relative 1e-9): 0.1d and 2.4h are the same warm-up, though not the same double. */
export function sameNumber(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}
