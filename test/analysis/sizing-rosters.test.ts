// Sizing a rostered team as a whole (without --per-shift): one more unit is one more person on
// every shift, so where shifts overlap the team's largest capacity at any moment rises by as
// many units as shifts overlap. What is reported and bounded is that largest capacity of the
// roster actually simulated, never the search's own counter.
import { describe, expect, it } from 'vitest';
import { sizeTeams, type SizingOptions } from '../../engine/analysis/sizing.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { exp, flow, scenario, task, team } from '../support/build.js';
import { sizingTables, wholeRosterNote } from '../../reports/sizing-tables.js';

const options = { resources: null, maxCapacity: null, replications: 4, seed: 5, workers: 1 } satisfies Partial<SizingOptions>;
const everyDay = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
const shift = (from: number, to: number, capacity: number) => ({
  periods: everyDay.map((d) => ({ start: d + from, end: d + to })),
  capacity,
});

/** Early 06:00-14:00 and late 10:00-18:00, 2 each (4 on at 10:00-14:00), 20 an hour; calls 06:00-18:00 only. */
function overlapping(maxCapacity?: number): Scenario {
  return scenario({
    run: { horizon: 1000, warmup: 48, replications: 4, seed: 5 },
    resources: [team('desk', 4, { costPerHour: 20, shifts: [shift(6, 14, 2), shift(10, 18, 2)], ...(maxCapacity ? { maxCapacity } : {}) })],
    arrivals: [
      {
        flow: 'calls',
        ordinal: 0,
        interarrival: exp(1 / 3),
        fromRate: true,
        profile: { days: [1, 1, 1, 1, 1, 1, 1], hours: Array.from({ length: 24 }, (_, h) => (h >= 6 && h < 17 ? 1 : 0)) },
        priority: 0,
      },
    ],
    flows: [flow('calls', [task('answer', exp(1), 'desk')])],
  });
}

describe('sizing a roster with overlapping shifts as a whole', () => {
  const targets = ['resources.desk.wait <= 0.3'];
  /** Each shift has u units, 56 h a week at 20 an hour: 2 x 56 x 20 x u a week, and 2u on at once from 10:00 to 14:00. */
  const unitsPerShift = (costPerWeek: number) => costPerWeek / (2 * 56 * 20);

  it('reports each candidate’s largest capacity at any moment, the one its cost implies', async () => {
    const result = await sizeTeams(overlapping(12), { ...options, targets });
    expect(result.candidates.length).toBeGreaterThan(2);
    for (const c of result.candidates) {
      expect(Number.isInteger(unitsPerShift(c.cost_per_week))).toBe(true);
      expect(c.capacities.desk).toBe(2 * unitsPerShift(c.cost_per_week));
    }
    // 4 and 3 units a shift miss a mean wait of 0.3 h; 5 and 5 (10 on at once) meet it
    expect(result.chosen?.capacities).toEqual({ desk: 10 });
    expect(result.lower_bounds).toEqual({ desk: 6 });
  });

  // s35y F1: "desk 4 -> 10" read as six more people; it is three more on each of the two shifts
  it('gives each candidate its shifts as simulated (units added to every shift), and the reports say so', async () => {
    const result = await sizeTeams(overlapping(12), { ...options, targets });
    for (const c of result.candidates) {
      const each = unitsPerShift(c.cost_per_week);
      expect(c.shift_capacities).toEqual({ desk: [each, each] });
    }
    expect(result.current.shift_capacities).toEqual({ desk: [2, 2] });
    expect(result.chosen?.shift_capacities).toEqual({ desk: [5, 5] });
    const staffing = sizingTables(result)[0];
    expect(staffing.rows[0].slice(0, 3)).toEqual(['desk', '4 (2/2)', '10 (5/5)']);
    expect(wholeRosterNote(result)).toBe(
      "Sized as a whole, a roster has the same units added to (or taken from) every shift, none below 0: desk 2/2 -> 5/5 (3 units more on each shift). A team's capacity is its roster's largest at any moment, which moves by k a unit where k shifts overlap; size --per-shift sizes each shift on its own.",
    );
    expect(wholeRosterNote({ ...result, per_shift: true })).toBeNull();
  });

  it('keeps the largest within max_capacity, and says the maximum is what limits it', async () => {
    // 9 allows 4 a shift (8 on at once), not 5 (10)
    const result = await sizeTeams(overlapping(9), { ...options, targets });
    expect(result.chosen).toBeNull();
    expect(Math.max(...result.candidates.map((c) => c.capacities.desk))).toBe(8);
    expect(result.max_capacity).toEqual({ desk: 9 });
    // its best mean meets the wait target (s35y F7: the interval's width is said first), and the maximum keeps more units out
    expect(result.diagnosis[0].best_mean).toBeLessThanOrEqual(0.3);
    expect(result.diagnosis[0].causes).toEqual(['interval', 'maximum']);
    expect(result.diagnosis[0].limits[1]).toBe("at the maximum capacity (desk at 9): raise --max-capacity or the team's max_capacity");
  });
});
