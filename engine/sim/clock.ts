// The simulation's current time, shared by the loop and everything that records against it.
// Reading it from here, rather than passing it to every call, keeps the hot loop from boxing
// a double at each call that V8 does not inline.

export class Clock {
  now = 0;
}
