// The simulation's current time, shared by the loop and everything that records against it,
// read from here rather than passed to every call (hot path: CONTRIBUTING.md, rule 6).

/** Zero as a double, for fields that will hold fractional hours (hot path: CONTRIBUTING.md, rule 1). */
export const TIME_ZERO = -0;

export class Clock {
  now = TIME_ZERO;
}
