// The simulation's current time, shared by the loop and everything that records against it.
// Reading it from here, rather than passing it to every call, keeps the hot loop from boxing
// a double at each call that V8 does not inline.

/**
 * Zero, for fields that will hold fractional hours. V8 gives a field the representation of
 * the first value stored in it: a field that starts as the integer 0 and later holds 2.5
 * changes its object's shape mid-run, and the next replication's objects then throw away
 * the optimised loop (measured: its second replication 20-40 ms slower). -0 is a double
 * that equals 0 in every comparison and in any sum with another number; but -0 + -0 and
 * -0 / x stay -0, which toLocaleString prints as "-0", so a field that may never change
 * must not reach a result unnormalised (x + 0 turns -0 into 0 and leaves the rest alone).
 */
export const TIME_ZERO = -0;

export class Clock {
  now = TIME_ZERO;
}
