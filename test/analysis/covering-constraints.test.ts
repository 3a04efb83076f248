// The constraints that decide which staffings cover a roster's intervals (shift-staffing.ts'
// decidingConstraints), which sizing's placement compares to tell whether a new placement of the
// loads asks a search again: two interval lists with the same constraints are covered by exactly
// the same staffings (checked over every staffing of up to 5 units a shift), and lists with
// other constraints by other staffings.
import { describe, expect, it } from 'vitest';
import { decidingConstraints, type StaffingInterval } from '../../engine/analysis/shift-staffing.js';

/** Intervals of an hour each, [shifts on, requirement] in order. */
const intervals = (asks: [number[], number][]): StaffingInterval[] =>
  asks.map(([shifts, required], h) => ({ start: h, end: h + 1, load: required, meanWork: 1, shifts, required, negligible: false }));

/** Whether `x` (units per shift) gives every interval its requirement. */
const covers = (list: readonly StaffingInterval[], x: readonly number[]) =>
  list.every((iv) => iv.shifts.reduce((sum, j) => sum + x[j], 0) >= iv.required);

const staffings = [0, 1, 2, 3, 4, 5].flatMap((a) => [0, 1, 2, 3, 4, 5].map((b) => [a, b]));

describe('the constraints that decide a covering', () => {
  // a day shift (0) asking 3 at its peak and 1 in its tail, a night shift (1) asking 2, and their overlap asking 1
  const peak = intervals([
    [[0], 3],
    [[0], 1],
    [[0, 1], 1],
    [[1], 2],
  ]);

  it('a tail interval’s 1 becoming 0 beside the peak’s 3, or the overlap’s: the same constraints, covered by the same staffings', () => {
    const quieter = intervals([
      [[0], 3],
      [[0], 0],
      [[0, 1], 0],
      [[1], 2],
    ]);
    expect(peak.map((iv) => iv.required)).not.toEqual(quieter.map((iv) => iv.required)); // what session 43 compared
    expect(decidingConstraints(quieter)).toEqual(decidingConstraints(peak));
    expect(decidingConstraints(peak)).toEqual([
      { set: [0], need: 3 },
      { set: [1], need: 2 },
    ]);
    for (const x of staffings) expect(covers(quieter, x), `${x}`).toBe(covers(peak, x));
  });

  it('the overlap asking more than either shift alone, or the night asking less: other constraints, other staffings', () => {
    const overlap = intervals([
      [[0], 3],
      [[0], 1],
      [[0, 1], 6],
      [[1], 2],
    ]);
    const night = intervals([
      [[0], 3],
      [[0], 1],
      [[0, 1], 1],
      [[1], 1],
    ]);
    for (const other of [overlap, night]) {
      expect(decidingConstraints(other)).not.toEqual(decidingConstraints(peak));
      expect(staffings.some((x) => covers(other, x) !== covers(peak, x))).toBe(true);
    }
    // the overlap's 6 is implied by neither shift alone: it stays
    expect(decidingConstraints(overlap)).toContainEqual({ set: [0, 1], need: 6 });
  });
});
