// The wait no size shortens (off-shift-wait.ts), worked by hand for a team open 8 hours a week: its
// tasks join round the clock, and those joining while it is closed wait for its one opening.
import { describe, expect, it } from 'vitest';
import { offShiftWait, onShiftPeriods } from '../../engine/analysis/off-shift-wait.js';
import type { Scenario, WeeklyPeriod } from '../../engine/scenario/types.js';
import { exp, flow, poisson, scenario, task, team } from '../support/build.js';

/** A desk on a calendar of `periods`, one task an hour round the clock, an hour's work each. */
function nightDesk(periods: WeeklyPeriod[]): Scenario {
  return scenario({
    calendars: [{ name: 'night', periods }],
    resources: [team('desk', 2, { calendar: 'night' })],
    arrivals: [poisson('f', 1)],
    flows: [flow('f', [task('a', exp(1), 'desk')])],
  });
}

describe('the off-shift wait of a calendar open across Sunday midnight', () => {
  it('is the closed hours over the week, each joining task waiting for Sunday 22:00 (s61: Monday read as closed)', () => {
    // sun 22:00-06:00 (hours 166 to 174): closed from Monday 06:00 to Sunday 22:00, 160 h. A task joins at a uniform
    // time of the week; 160/168 of them join closed and wait for 22:00 Sunday, 80 h on average: 76.19 h over all
    const across = nightDesk([{ start: 166, end: 174 }]);
    expect(onShiftPeriods(across, 0)).toEqual([
      { start: 166, end: 168 },
      { start: 0, end: 6 },
    ]);
    const estimate = offShiftWait(across, 0)!;
    expect(estimate.share).toBeCloseTo(160 / 168, 9);
    expect(estimate.hours).toBeCloseTo((160 / 168) * 80, 9);
    // the same hours written as two periods give the same
    const split = nightDesk([
      { start: 0, end: 6 },
      { start: 166, end: 168 },
    ]);
    expect(offShiftWait(split, 0)).toEqual(estimate);
  });
});
