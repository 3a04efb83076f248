// Whether a time measured on the simulation's clock is within a limit, up to the clock's own
// rounding. A case's times are differences of clock instants (its end minus its arrival) and each
// instant is a sum of durations in doubles, so a case that takes exactly its SLA can measure a
// rounding longer: 6 min of work from an arrival at 2.1 h ends at 2.2 h, 0.10000000000000009 h
// after it, and an SLA of 6 min compared exactly counted 80% of such cases late. Invariant: the
// slack is 2^-40 of the instant, 8,192 times the most one sum of doubles rounds off there (2^-53
// of it: room for as many roundings along a case's path), and never a time a scenario can mean:
// 29 microseconds at a year of simulated time, a third of a second at the longest horizon (1e8 h).

/**
 * The clock's rounding at an instant, as a share of it: 2^-40, about 9.1e-13. A time measured up to
 * `now` is within a limit when `measured <= limit + now * CLOCK.rounding` (false for a NaN limit, none
 * set), written out where it is tested, since a helper would box the doubles it is passed (hot path:
 * CONTRIBUTING.md, rule 2). A const enum, so that each use is the number itself in the built code: a
 * module's constant is a context load in the bundle, and a heap number's map check and load (some 8
 * instructions at each completion of a flow with an SLA; hot path: CONTRIBUTING.md, rule 3).
 */
// biome-ignore lint/suspicious/noConstEnum: tsc writes the numbers into dist/, which the bundle is made from; under vitest, esbuild keeps it an object, which the same uses read
export const enum CLOCK {
  rounding = 2 ** -40,
}
