// The seeded draws every test generator (logs, models, scenarios) takes its randomness from: the
// same numbers for the same seed on every machine, and none repeating within a test's reach.
//
// Invariant: exact integer arithmetic. A linear congruential generator (a = 1103515245,
// c = 12345, m = 2^31) whose product is taken modulo 2^32 (Math.imul) has the full period 2^31
// for every seed. Worked in doubles, as the tests drew before session 50, the product overflows
// their 53 bits and rounds, the rounding feeds back into the state, and the draws fall into a
// cycle of 10,466 (of 220 from seed 9): a log of more than some 2,000 cases repeated itself.
// Sessions 50-52 kept those draws (`rounded`) for the tests whose shapes were found on them, until
// each was worked again on exact ones (docs/discovery-notes.md, sessions 50-52).

/** Uniforms in [0, 1) and exponentials of a given mean, drawn from `seed`. */
export function seededDraws(seed: number): { random: () => number; exponential: (mean: number) => number } {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff) / 2147483648;
  return { random, exponential: (mean: number) => -mean * Math.log(1 - random()) };
}
