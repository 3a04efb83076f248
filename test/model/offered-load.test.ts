// Expected visits per case and the offered load per team, against hand calculations.
import { describe, expect, test } from 'vitest';
import { expectedVisits, offeredLoad } from '../../engine/model/offered-load.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { constant, exp, flow, scenario, task, team } from '../support/build.js';

describe('expected visits', () => {
  test('a rework loop with p = 0.2 is visited 1 / 0.8 times; a fork sends one token per branch and goes on once', () => {
    const f = flow('o', [
      task('work', constant(1), 'desk', 'check'),
      {
        kind: 'decision',
        name: 'check',
        etom: null,
        branch: [
          { to: 'work', p: 0.2 },
          { to: 'split', p: 0.8 },
        ],
      },
      { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'end' },
      task('a', constant(1), 'desk', 'end'),
      task('b', constant(1), null, 'end'),
      task('end', constant(0), null),
    ] as NodeSpec[]);
    expect(expectedVisits(f).map((v) => Number(v.toFixed(12)))).toEqual([1.25, 1.25, 1, 1, 1, 1]);
  });
});

describe('offered load', () => {
  test('demand in working hours per week against what the team offers, with its shifts', () => {
    const s = scenario({
      calendars: [{ name: 'office', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 })) }],
      resources: [team('desk', 2, { calendar: 'office' })],
      arrivals: [{ flow: 'o', ordinal: 0, interarrival: exp(2), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('o', [task('work', exp(0.5), 'desk')])],
    });
    const [desk] = offeredLoad(s);
    // 84 cases a week x 0.5 h = 42 h, against 2 x 50 h
    expect(desk.demandPerWeek).toBeCloseTo(42, 9);
    expect(desk.hoursPerUnit).toBe(50);
    expect(desk.utilization).toBeCloseTo(0.42, 9);
    expect(desk.minimumUnits).toBe(1);
  });
});
