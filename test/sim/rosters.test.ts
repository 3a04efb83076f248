// Rosters (`shifts`): capacity that varies over the week. Deterministic cases worked by hand,
// and the equivalence of a one-shift roster with a calendar team.
import { describe, expect, test } from 'vitest';
import type { Scenario, ShiftSpec } from '../../engine/scenario/types.js';
import { constant, every, exp, flow, scenario, task, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

const monday = (from: number, to: number, capacity: number): ShiftSpec => ({ periods: [{ start: from, end: to }], capacity });

/**
 * Monday only: 2 units from 00:00 to 10:00 (two overlapping shifts), 1 from 10:00 to 20:00,
 * none for the rest of the week. A case every 4.5 h from 04:30, each needing 7 h.
 */
function mondayDesk(horizon: number): Scenario {
  return scenario({
    run: { horizon, warmup: 0, replications: 1, seed: 1 },
    resources: [team('desk', 2, { costPerHour: 10, shifts: [monday(0, 20, 1), monday(0, 10, 1)] })],
    arrivals: [every('a', 4.5)],
    flows: [flow('a', [task('work', constant(7), 'desk')])],
  });
}

describe('a capacity drop pauses the latest task, which resumes before the queue', () => {
  // c1 arrives 4.5, starts, would end 11.5. c2 arrives 9, takes the second unit, would end 16.
  // 10:00 capacity 1: c2 (the unit taken last) pauses with 6 h left. 11.5: c1 ends; c2
  // resumes at once and ends 17.5.
  // c3 (13.5) waits for c2 and starts 17.5; c4 arrives 18. 20:00 capacity 0: c3 pauses with
  // 4.5 h left. Nothing works until next Monday 00:00 (t = 168): c3 resumes first, then c4
  // takes the second unit; c3 ends 172.5.
  test('on Monday: completions, busy hours, available unit-hours, waits, queue, cost', () => {
    const r = replicate(mondayDesk(40));
    expect(r.values('flows.a.arrived')[0]).toBe(8); // 4.5 .. 36
    expect(r.values('flows.a.completed')[0]).toBe(2);
    expect(r.values('flows.a.cycle_time.mean')[0]).toBe((7 + 8.5) / 2);
    // c2: 7 h of work plus 1.5 h paused (10:00 to 11:30)
    expect(r.values('flows.a.breakdown.service')[0]).toBe(7);
    expect(r.values('flows.a.breakdown.off_shift')[0]).toBe(1.5 / 2);
    expect(r.values('flows.a.breakdown.wait')[0]).toBe(0);
    // busy: c1 7 h, c2 1 h + 6 h, c3 2.5 h (17.5 to 20); available 2 x 10 + 1 x 10 unit-hours
    expect(r.values('resources.desk.busy_hours')[0]).toBe(16.5);
    expect(r.values('resources.desk.available_hours')[0]).toBe(30);
    expect(r.values('resources.desk.utilization')[0]).toBe(16.5 / 30);
    expect(r.values('resources.desk.cost')[0]).toBe(300);
    // waits of the tasks started: c1 0, c2 0, c3 4 (13.5 to 17.5)
    expect(r.values('resources.desk.wait')[0]).toBeCloseTo(4 / 3, 12);
    // queued: c3 13.5-17.5; c4 18-40, c5 22.5-40, c6 27-40, c7 31.5-40, c8 36-40
    expect(r.values('resources.desk.queue_length')[0]).toBeCloseTo((4 + 22 + 17.5 + 13 + 8.5 + 4) / 40, 12);
  });

  test('the next Monday: the paused task resumes first, its pause counted as time off shift', () => {
    const r = replicate(mondayDesk(173));
    // c3 ends 172.5 (cycle 159: waited 4 h on shift, paused 148 h, worked 7 h); c4 would end 175
    expect(r.values('flows.a.completed')[0]).toBe(3);
    expect(r.values('flows.a.cycle_time.mean')[0]).toBeCloseTo((7 + 8.5 + 159) / 3, 12);
    expect(r.values('flows.a.breakdown.off_shift')[0]).toBeCloseTo((0 + 1.5 + 148) / 3, 12);
    expect(r.values('flows.a.breakdown.wait')[0]).toBeCloseTo(4 / 3, 12);
    // c4 waited 18 to 168 and started then; c5 (22.5) takes c3's unit at 172.5
    expect(r.values('flows.a.nodes.work.wait')[0]).toBeCloseTo((0 + 0 + 4 + 150 + 150) / 5, 12);
    // busy: 16.5 on the first Monday, then c3 4.5 h, c4 5 h (168 to 173) and c5 0.5 h
    expect(r.values('resources.desk.busy_hours')[0]).toBeCloseTo(16.5 + 4.5 + 5 + 0.5, 12);
    expect(r.values('resources.desk.available_hours')[0]).toBe(30 + 2 * 5);
  });

  test('a shift running past midnight and overlapping shifts add up', () => {
    const s = scenario({
      run: { horizon: 24 * 7 * 2, warmup: 24 * 7, replications: 1, seed: 1 },
      resources: [
        team('noc', 3, {
          costPerHour: 1,
          shifts: [
            { periods: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ start: d * 24 + 6, end: d * 24 + 22 })), capacity: 3 },
            { periods: [0, 1, 2, 3, 4, 5, 6].map((d) => ({ start: d * 24 + 22, end: d * 24 + 30 })), capacity: 1 },
          ],
        }),
      ],
      arrivals: [every('a', 1000)],
      flows: [flow('a', [task('work', constant(1), 'noc')])],
    });
    const r = replicate(s);
    // one week in the window: 7 x (16 x 3 + 8 x 1) unit-hours
    expect(r.values('resources.noc.available_hours')[0]).toBe(7 * (16 * 3 + 8));
    expect(r.values('resources.noc.cost')[0]).toBe(7 * (16 * 3 + 8));
  });
});

describe('a one-shift roster is a calendar team', () => {
  test('the same results as capacity and calendar, on a random day-shift desk', () => {
    const office = [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 }));
    const common = {
      run: { horizon: 24 * 7 * 6, warmup: 24 * 7, replications: 3, seed: 7 },
      arrivals: [{ ...every('a', 1), interarrival: exp(1 / 0.5) }],
      flows: [flow('a', [task('work', exp(1.5), 'desk')])],
    };
    const withCalendar = replicate(
      scenario({ ...common, calendars: [{ name: 'office', periods: office }], resources: [team('desk', 2, { calendar: 'office' })] }),
    );
    const withRoster = replicate(scenario({ ...common, resources: [team('desk', 2, { shifts: [{ periods: office, capacity: 2 }] })] }));
    for (const path of [
      'flows.a.cycle_time.mean',
      'flows.a.completed',
      'resources.desk.utilization',
      'resources.desk.queue_length',
      'flows.a.breakdown.off_shift',
    ]) {
      const a = withCalendar.values(path);
      const b = withRoster.values(path);
      a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 6));
    }
  });
});

describe('a task whose work ends at the instant capacity drops ends then: it is not paused (engine/sim/rosters.ts pauseLatest)', () => {
  const weekdays = (from: number, to: number) => [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + from, end: d * 24 + to }));

  test('ten 1 h cases at Monday 09:00 on one person 09:00-17:00: the eighth ends at 17:00 and the last two on Tuesday, as with a calendar', () => {
    const common = {
      run: { horizon: 48, warmup: 0, replications: 1, seed: 1 },
      arrivals: [{ ...every('a', 0), after: 9, cases: 10 }],
      flows: [flow('a', [task('work', constant(1), 'desk')])],
    };
    const withCalendar = replicate(
      scenario({
        ...common,
        calendars: [{ name: 'office', periods: weekdays(9, 17) }],
        resources: [team('desk', 1, { calendar: 'office' })],
      }),
    );
    const withRoster = replicate(
      scenario({ ...common, resources: [team('desk', 1, { shifts: [{ periods: weekdays(9, 17), capacity: 1 }] })] }),
    );
    // cycles 1 to 8 h on Monday, 25 and 26 h on Tuesday (the eighth was paused with no work left until Tuesday 09:00: 10.3 h)
    for (const r of [withCalendar, withRoster]) expect(r.values('flows.a.cycle_time.mean')).toEqual([(36 + 25 + 26) / 10]);
    for (const path of ['flows.a.breakdown.off_shift', 'flows.a.breakdown.wait', 'resources.desk.busy_hours', 'resources.desk.wait'])
      expect(withRoster.values(path), path).toEqual(withCalendar.values(path));
  });

  test('a drop from 2 to 1 at 13:00 as the later task ends: it ends, and the earlier one works on, to 17:00 when the day ends', () => {
    const s = scenario({
      run: { horizon: 40, warmup: 0, replications: 1, seed: 1 },
      resources: [
        team('desk', 2, {
          shifts: [
            { periods: weekdays(9, 17), capacity: 1 },
            { periods: weekdays(9, 13), capacity: 1 },
          ],
        }),
      ],
      arrivals: [
        { ...every('long', 9), cases: 1 },
        { ...every('short', 10), cases: 1 },
      ],
      flows: [flow('long', [task('work', constant(8), 'desk')]), flow('short', [task('work', constant(3), 'desk')])],
    });
    const r = replicate(s);
    // paused at 13:00 with no work left, the short task waited for the unit the long one held to 17:00, then for Tuesday 09:00 (23 h)
    expect(r.values('flows.short.cycle_time.mean')).toEqual([3]);
    expect(r.values('flows.long.cycle_time.mean')).toEqual([8]);
    expect(r.values('flows.long.breakdown.off_shift')).toEqual([0]);
    expect(r.values('resources.desk.busy_hours')).toEqual([11]);
  });
});
