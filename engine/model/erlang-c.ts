// Erlang C (M/M/c in steady state): the probability that an arrival waits, the mean wait,
// and the fewest servers meeting a service criterion, as workforce-management tools staff an
// interval. Invariant: every function takes the offered load a = arrival rate x mean work
// (erlangs) and returns the steady-state answer, which exists only for c > a.

/** Probability that an arrival waits with c servers and an offered load of a erlangs; 1 when c <= a (no steady state). */
export function erlangC(c: number, a: number): number {
  if (a <= 0) return 0;
  if (c <= a) return 1;
  // Erlang B by its recurrence (stable for any c), then C = B / (1 - (a/c)(1 - B)).
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b / (1 - (a / c) * (1 - b));
}

/** Mean wait in queue (in the unit of `meanWork`) with c servers, a erlangs, each job `meanWork` long; Infinity when c <= a. */
export function erlangCWait(c: number, a: number, meanWork: number): number {
  if (a <= 0) return 0;
  if (c <= a) return Infinity;
  return (erlangC(c, a) * meanWork) / (c - a);
}

/**
 * Share of arrivals that wait at most `t` (the service level, in the unit of `meanWork`):
 * 1 - C(c, a) e^{-(c - a) t / meanWork}; 0 when c <= a (no steady state), 1 without load.
 */
export function erlangCServiceLevel(c: number, a: number, meanWork: number, t: number): number {
  if (a <= 0) return 1;
  if (c <= a) return 0;
  return 1 - erlangC(c, a) * Math.exp((-(c - a) * t) / meanWork);
}

/** What an interval's staffing must meet; each optional: without any, only c > a (a steady state). */
export interface StaffingCriterion {
  /** mean wait in queue at most this (hours) */
  maxWait: number | null;
  /** busy share of the servers at most this */
  maxUtilization: number | null;
  /** at least `share` of arrivals start within `within` hours (a service level); absent: none */
  serviceLevel?: { share: number; within: number };
}

/** The fewest servers with c > a that meet the criterion; 0 when there is no load. */
export function erlangCStaffing(a: number, meanWork: number, criterion: StaffingCriterion): number {
  if (!(a > 0)) return 0;
  let c = Math.floor(a) + 1;
  const u = criterion.maxUtilization;
  if (u !== null && u > 0) c = Math.max(c, Math.ceil(a / u - 1e-9)); // a / c <= u, forgiving rounding at an exact fit
  const w = criterion.maxWait;
  if (w !== null && w <= 0) return Infinity; // some wait remains with any finite number of servers
  if (w !== null) while (erlangCWait(c, a, meanWork) > w) c++; // the wait falls to 0 as c grows: this ends
  const sl = criterion.serviceLevel;
  if (sl !== undefined && sl.share >= 1) return Infinity; // C(c, a) > 0 for any finite c: some wait beyond any bound remains
  if (sl !== undefined) while (erlangCServiceLevel(c, a, meanWork, sl.within) < sl.share) c++; // rises to 1 as c grows: this ends
  return c;
}
