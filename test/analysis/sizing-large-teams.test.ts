// Sizing teams whose offered load needs many units: a roster of tens of thousands (a national
// field force) gets its exact lower bound, and a load beyond the most units a team can have
// (engine/scenario/limits.ts) is refused with a message before anything is simulated, instead
// of a team whose unit count wraps in the simulator's 32-bit integers.
import { describe, expect, it } from 'vitest';
import { SizingError, sizeTeams, type SizingOptions } from '../../engine/analysis/sizing.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { exp, flow, scenario, task, team } from '../support/build.js';

const options = { resources: null, maxCapacity: null, replications: 2, seed: 3, workers: 1 } satisfies Partial<SizingOptions>;
const weekdays = (from: number, to: number) => [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + from, end: d * 24 + to }));

/** Jobs at `perHour` an hour taking `hours` each, for a team of 10 on 09:00-17:00 weekdays (40 h a week a unit), or always on. */
function fieldForce(perHour: number, hours: number, rostered: boolean, horizon: number): Scenario {
  return scenario({
    run: { horizon, warmup: 0, replications: 2, seed: 3 },
    resources: [team('techs', 10, { costPerHour: 20, ...(rostered ? { shifts: [{ periods: weekdays(9, 17), capacity: 10 }] } : {}) })],
    arrivals: [{ flow: 'jobs', ordinal: 0, interarrival: exp(1 / perHour), fromRate: true, profile: null, priority: 0 }],
    flows: [flow('jobs', [task('repair', exp(hours), 'techs')])],
  });
}

describe('sizing teams of many units', () => {
  it('a roster of more than 10,000 starts from its exact lower bound: the fewest units whose hours exceed the demand', async () => {
    // 1 job an hour of 12,000 h: 2,016,000 h a week against 40 h a unit -> more than 50,400 units
    const result = await sizeTeams(fieldForce(1, 12_000, true, 100), { ...options, targets: ['resources.techs.utilization <= 95%'] });
    expect(result.lower_bounds).toEqual({ techs: 50_401 });
    // within 100 h nothing has been worked off yet: the bound itself meets the cap, and nothing below it is tried
    expect(result.chosen?.capacities).toEqual({ techs: 50_401 });
    expect(result.candidates.every((c) => c.capacities.techs >= 50_401 || c === result.current)).toBe(true);
  });

  it('refuses a load that needs more units than a team can have, with or without a roster, per shift too', async () => {
    // 100,000 jobs an hour of 100,000 h: 1e10 erlangs
    const target = { ...options, targets: ['resources.techs.utilization <= 90%'] };
    const refused = /team 'techs': its offered load needs at least 10,000,000,00[01] units.*at most 1,000,000,000/;
    await expect(sizeTeams(fieldForce(1e5, 1e5, false, 0.01), target)).rejects.toThrow(refused);
    await expect(sizeTeams(fieldForce(1e5, 1e5, true, 0.01), target)).rejects.toThrow(SizingError);
    await expect(sizeTeams(fieldForce(1e5, 1e5, true, 0.01), { ...target, perShift: true })).rejects.toThrow(SizingError);
  });
});
