// A rostered team's waits split by the shift on when each task joined its queue
// (`resources.T.shifts.S`): a deterministic day worked by hand, with two overlapping shifts
// and hours when none is on; an M/M/c check per shift against Erlang C on shifts long against
// the service time; the same results whatever the number of workers.
import { describe, expect, test } from 'vitest';
import { runExperiment } from '../../dist/engine/experiment/experiment.js';
import { buildResults } from '../../dist/engine/results/build.js';
import type { ExperimentOptions } from '../../engine/experiment/experiment.js';
import { compileModel } from '../../engine/model/compile.js';
import { metricLabel } from '../../reports/format.js';
import { metricLayout } from '../../engine/model/metrics.js';
import type { Results } from '../../engine/results/types.js';
import type { Scenario, ShiftSpec } from '../../engine/scenario/types.js';
import { constant, every, flow, scenario, task, team } from '../support/build.js';
import { mmcWait } from '../support/queueing.js';
import { twoShiftDesk } from '../support/two-shift-desk.js';
import { expectWithinInterval, replicate } from '../support/simulate.js';

const days = [0, 1, 2, 3, 4, 5, 6].map((d) => d * 24);
const daily = (from: number, to: number, capacity: number): ShiftSpec => ({
  periods: days.map((d) => ({ start: d + from, end: d + to })),
  capacity,
});

/**
 * One desk: an early shift 06:00-14:00 and a late one 12:00-22:00 (both on from 12:00 to
 * 14:00), one person each; nobody from 22:00 to 06:00. A case every 4 h (04:00, 08:00, ...,
 * 00:00), each 1.5 h of work. The first day (Monday) is the warm-up.
 */
function desk(waitTarget: number | null): Scenario {
  return scenario({
    run: { horizon: 168, warmup: 24, replications: 1, seed: 1 },
    resources: [team('__proto__', 2, { shifts: [daily(6, 14, 1), daily(12, 22, 1)], waitTarget })],
    arrivals: [every('a', 4)],
    flows: [flow('a', [task('work', constant(1.5), '__proto__')])],
  });
}

describe('waits per shift, worked by hand', () => {
  // From Tuesday on, every day alike: the 00:00 case waits for 06:00 (6 h) and ends 07:30; the
  // 04:00 case starts 07:30 (3.5 h), ends 09:00; the 08:00 case (early shift) waits for it (1 h);
  // 12:00 (both shifts on), 16:00 and 20:00 (late shift) start at once, the last ending 21:30.
  // Six days in the window (Tuesday to Sunday).
  const r = replicate(desk(0.5));
  const at = (line: string, stat: string) => r.values(`resources.__proto__.shifts.${line}.${stat}`)[0];

  test('each shift counts the tasks that joined while it was on, an overlap in both', () => {
    expect(at('0', 'tasks')).toBe(12); // 08:00 and 12:00
    expect(at('1', 'tasks')).toBe(18); // 12:00, 16:00 and 20:00
    expect(at('off_shift', 'tasks')).toBe(12); // 00:00 and 04:00
    expect(r.values('flows.a.nodes.work.visits')[0]).toBe(36);
  });

  test('their mean wait, and the share within the wait target', () => {
    expect(at('0', 'wait_hours')).toBe(6);
    expect(at('0', 'wait')).toBe(0.5);
    expect(at('1', 'wait')).toBe(0);
    expect(at('off_shift', 'wait')).toBe((6 + 3.5) / 2);
    expect(r.values('resources.__proto__.wait')[0]).toBe((6 + 3.5 + 1) / 6);
    expect(at('0', 'within_target')).toBe(0.5); // 0 h within 0.5 h, 1 h not
    expect(at('1', 'within_target')).toBe(1);
    expect(at('off_shift', 'within_target')).toBe(0);
  });

  test('without a wait target there is no share; a roster covering the week has no off-shift line', () => {
    const paths = metricLayout(compileModel(desk(null))).paths;
    expect(paths).toContain('resources.__proto__.shifts.0.wait');
    expect(paths.filter((p) => p?.endsWith('.within_target'))).toEqual([]);
    const allDay = desk(null);
    allDay.resources[0].shifts = [daily(0, 14, 1), daily(12, 24, 1)];
    const allDayPaths = metricLayout(compileModel(allDay)).paths;
    expect(allDayPaths).toContain('resources.__proto__.shifts.1.tasks');
    expect(allDayPaths.some((p) => p?.includes('.shifts.off_shift.'))).toBe(false);
    // a team without a roster has no lines
    const flat = { ...allDay, resources: [team('__proto__', 2)] };
    expect(metricLayout(compileModel(flat)).paths.some((p) => p?.includes('.shifts.'))).toBe(false);
  });

  test('labels name the shift by its index in the roster, as sizing.json and a target do', () => {
    expect(metricLabel('resources.__proto__.shifts.0.wait')).toBe('__proto__ · shift 0 wait');
    expect(metricLabel('resources.noc.shifts.off_shift.within_target')).toBe('noc · off shift share started within the wait target');
  });
});

/** M/M/3 at 10 calls an hour, then M/M/2 at 4 an hour, 0.2 h each (test/support/two-shift-desk.ts): 60 weeks, 10 replications. */
const mmcDesk = () => twoShiftDesk(3, 2, 60, 10);

describe('each shift’s mean wait is Erlang C’s for its capacity and arrival rate', () => {
  test('M/M/3 at 10 an hour, M/M/2 at 4 an hour', () => {
    const r = replicate(mmcDesk());
    expectWithinInterval(r, 'resources.desk.shifts.0.wait', mmcWait(10, 5, 3), 0.1);
    expectWithinInterval(r, 'resources.desk.shifts.1.wait', mmcWait(4, 5, 2), 0.1);
  });
});

describe('determinism', () => {
  const options = (workers: number): ExperimentOptions => ({
    replications: 4,
    seed: 3,
    workers,
    variants: null,
    precision: null,
    maxReplications: 4,
  });
  const results = async (workers: number): Promise<Results> => {
    const s = mmcDesk();
    s.run.horizon = 168 * 4;
    const out = await runExperiment({ file: 'desk', baseline: s, variants: [] }, options(workers));
    return buildResults({
      scenario: 'desk',
      description: null,
      version: 'test',
      seed: 3,
      workers: out.workers,
      wallSeconds: out.wallSeconds,
      runs: out.runs,
      precision: out.precision,
    });
  };
  const withoutTiming = (r: Results) => JSON.stringify({ ...r, engine: { ...r.engine, workers: 0, timing: null } });

  test('one worker and two give the same per-shift lines', async () => {
    const one = await results(1);
    const two = await results(2);
    expect(one.variants.baseline.resources.desk).toHaveProperty(['shifts', '1', 'wait']);
    expect(withoutTiming(two)).toBe(withoutTiming(one));
  });
});
