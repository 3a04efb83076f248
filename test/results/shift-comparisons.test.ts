// Per-shift waits in the comparisons (`resources.T.shifts.S.wait`, compared as the team's own
// wait is): a variant that moves a person between shifts is paired with the baseline shift by
// shift; one that redraws the shifts' hours is not, since its shift 0 is other hours. Worked by
// hand on test/sim/shift-kpis.test.ts's desk: a case every 4 h of 1.5 h, an early shift
// 06:00-14:00 and a late one 12:00-22:00, nobody from 22:00 to 06:00.
import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import type { Scenario, ShiftSpec } from '../../engine/scenario/types.js';
import { kpiTables } from '../../reports/tables.js';
import { constant, every, flow, scenario, task, team } from '../support/build.js';
import { resultsOf } from '../support/results.js';

const days = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
const daily = (from: number, to: number, capacity: number): ShiftSpec => ({
  periods: days.map((d) => ({ start: d + from, end: d + to })),
  capacity,
});

function desk(early: ShiftSpec, late: ShiftSpec): Scenario {
  return scenario({
    run: { horizon: 168, warmup: 24, replications: 3, seed: 1 },
    resources: [team('__proto__', 2, { shifts: [early, late] })],
    arrivals: [every('a', 4)],
    flows: [flow('a', [task('work', constant(1.5), '__proto__')])],
  });
}

function results(variants: { name: string; scenario: Scenario }[]): Promise<Results> {
  return resultsOf(desk(daily(6, 14, 1), daily(12, 22, 1)), variants);
}

describe('per-shift waits against the baseline', () => {
  // Baseline (shift-kpis.test.ts): early shift 0.5 h (08:00's case waits 1 h for 04:00's, 12:00's
  // none), late 0 h, off shift 4.75 h (00:00's 6 h, 04:00's 3.5 h). Both on the late shift, none
  // on the early one: 00:00's and 04:00's cases wait for 12:00 (12 h and 8 h: off shift 10 h) and
  // end 13:30, when 08:00's (5.5 h) and 12:00's (1.5 h) start: early 3.5 h; the late shift's
  // 12:00 (1.5 h), 16:00 and 20:00 (none): 0.5 h. Every day alike: each replication the same.
  test('moving the early person to the late shift: each shift paired with its own', async () => {
    const r = await results([{ name: 'late_heavy', scenario: desk(daily(6, 14, 0), daily(12, 22, 2)) }]);
    const change = (key: string) => r.comparisons.find((c) => c.metric === `resources.__proto__.shifts.${key}.wait`)!;
    expect([change('0').baseline, change('0').value, change('0').delta]).toEqual([0.5, 3.5, 3]);
    expect([change('1').baseline, change('1').value, change('1').delta]).toEqual([0, 0.5, 0.5]);
    expect([change('off_shift').baseline, change('off_shift').value, change('off_shift').delta]).toEqual([4.75, 10, 5.25]);
    // of the shift lines only the wait is compared, as of the team's own stats
    expect(r.comparisons.filter((c) => c.metric.includes('.shifts.')).map((c) => c.metric)).toEqual([
      'resources.__proto__.shifts.0.wait',
      'resources.__proto__.shifts.1.wait',
      'resources.__proto__.shifts.off_shift.wait',
    ]);
    // the gains table reads them as the team's other diagnostics, after its own wait
    const gains = kpiTables(r).find((t) => t.title === 'Gains against the baseline')!;
    const labels = gains.rows.map((row) => row[1]);
    expect(labels.slice(labels.indexOf('__proto__ · wait'))).toEqual([
      '__proto__ · wait',
      '__proto__ · cost (cost units, over the 6.00 d measured window)',
      '__proto__ · idle cost (cost units, over the 6.00 d measured window)',
      '__proto__ · shift 0 wait',
      '__proto__ · shift 1 wait',
      '__proto__ · off shift wait',
    ]);
    expect(gains.rows[labels.indexOf('__proto__ · shift 0 wait')].slice(2, 5)).toEqual(['0.50 h', '3.50 h', '+600.0% [+600.0%, +600.0%]']);
  });

  test('a variant that redraws the shifts is not paired shift by shift (its shift 0 is other hours)', async () => {
    const r = await results([{ name: 'later', scenario: desk(daily(7, 15, 1), daily(12, 22, 1)) }]);
    expect(r.comparisons.some((c) => c.metric.includes('.shifts.'))).toBe(false);
    expect(r.comparisons.some((c) => c.metric === 'resources.__proto__.wait')).toBe(true);
  });
});
