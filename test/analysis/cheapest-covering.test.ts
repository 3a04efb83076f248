// The lowest-cost choice among shift patterns (shift-staffing.ts' covering, where `size --per-shift`
// starts) against every staffing enumerated: rosters of three or four overlapping shifts of unequal
// lengths, some on several days, under offered loads drawn hour by hour, each interval asking Erlang
// C's steady-state minimum (floor(a) + 1). The covering must meet every interval's requirement and
// cost no more shift-hours than the cheapest staffing the enumeration finds.
import { describe, expect, it } from 'vitest';
import { shiftStaffing } from '../../engine/analysis/shift-staffing.js';
import type { HourlyLoad } from '../../engine/model/offered-load.js';
import { shiftHours } from '../../engine/scenario/roster.js';
import type { ShiftSpec } from '../../engine/scenario/types.js';
import { seededDraws } from '../support/seeded-draws.js';

const WINDOW = { from: 0, to: 1680 }; // ten weeks: every loaded hour expects hundreds of visits, none is "no load"

/** A shift on the given days (0 Monday) from `from` to `to` o'clock. */
const shift = (days: number[], from: number, to: number): ShiftSpec => ({
  periods: days.map((d) => ({ start: d * 24 + from, end: d * 24 + to })),
  capacity: 1,
});

/** Up to 4 erlangs in each hour from 06:00 to 22:00, Monday and Tuesday; every visit an hour long. */
function drawnLoad(seed: number): HourlyLoad {
  const { random } = seededDraws(seed);
  const work = new Float64Array(168);
  for (const day of [0, 1]) for (let h = 6; h < 22; h++) work[day * 24 + h] = Math.floor(random() * 40) / 10;
  return { resource: 'desk', visits: work.slice(), work };
}

const PATTERNS: ShiftSpec[][] = [
  // early, middle, late on both days
  [shift([0, 1], 6, 14), shift([0, 1], 10, 18), shift([0, 1], 14, 22)],
  // a long day shift, a Monday-only peak shift, a late shift and a short evening shift
  [shift([0, 1], 6, 18), shift([0], 11, 15), shift([0, 1], 13, 22), shift([1], 17, 22)],
];

describe('the cheapest covering of the intervals’ Erlang C requirements', () => {
  it('is never dearer than any staffing that covers them, and covers them itself', () => {
    let compared = 0;
    for (const [p, shifts] of PATTERNS.entries()) {
      const hours = shifts.map(shiftHours);
      for (let seed = 1; seed <= 12; seed++) {
        const s = shiftStaffing(shifts, drawnLoad(100 * p + seed), { maxWait: null, maxUtilization: null }, WINDOW);
        const loaded = s.intervals.filter((iv) => iv.required > 0);
        // the premise: requirements are Erlang C's for a steady state, and some intervals need several shifts together
        for (const iv of loaded) expect(iv.required).toBe(Math.floor(iv.load) + 1);
        expect(loaded.some((iv) => iv.shifts.length > 1)).toBe(true);
        const covers = (x: readonly number[]) => loaded.every((iv) => iv.shifts.reduce((sum, j) => sum + x[j], 0) >= iv.required);
        const cost = (x: readonly number[]) => x.reduce((sum, units, j) => sum + units * hours[j], 0);
        expect(s.exact).toBe(true);
        expect(covers(s.covering)).toBe(true);
        // every staffing of 0 to 5 units a shift (an interval asks at most 4, so more never helps)
        let cheapest = Infinity;
        const x = new Array<number>(shifts.length).fill(0);
        const walk = (j: number): void => {
          if (j === shifts.length) {
            if (covers(x)) cheapest = Math.min(cheapest, cost(x));
            return;
          }
          for (let v = 0; v <= 5; v++) {
            x[j] = v;
            walk(j + 1);
          }
        };
        walk(0);
        expect(cost(s.covering), `pattern ${p}, seed ${seed}: ${s.covering}`).toBe(cheapest);
        // and each shift at least its `alone` bound, the most an interval it alone covers asks
        s.covering.forEach((units, j) => expect(units).toBeGreaterThanOrEqual(s.alone[j]));
        compared++;
      }
    }
    expect(compared).toBe(24);
  });
});
