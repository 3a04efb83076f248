// Deadlines and service levels against closed forms that no other test checked: `cancel_after`
// on a loaded single server (cases cut in service), the share of waits within a team's wait
// target (Erlang C's tail), and SLAs in working days and automated tasks on a calendar with
// Poisson arrivals at every hour of the week, each worked out over the week independently of
// the engine; where no closed form is known (cases cut while waiting behind a higher priority on
// two servers), against an independent simulator (test/support/reference-queue.ts). As in
// closed-form.test.ts, theory (or the other simulator's mean) must lie inside the 99.9%
// interval the replications give, and each interval is bounded so the test has power.
import { describe, expect, test } from 'vitest';
import { OFFICE, constant, exp, flow, inOffice, poisson, scenario, task, team } from '../support/build.js';
import { mm1Deadline, mmcWaitWithin } from '../support/queueing.js';
import { type ReferenceClass, referenceQueue } from '../support/reference-queue.js';
import { expectSampleWithinInterval, expectSamplesAgree, expectWithinInterval, ratioOf, replicate } from '../support/simulate.js';
import { twoShiftDesk } from '../support/two-shift-desk.js';

describe('cancel_after on one server at any load (M/M/1 with a deadline on the time in system)', () => {
  // Below, at and above the server's capacity: the deadline keeps even the last stable.
  for (const lambda of [0.8, 1, 1.25]) {
    test(`${lambda} cases an hour, 1 h of exponential work, cancelled 3 h after arrival: cut share, waits, cycle, utilisation, work in progress`, () => {
      const deadline = 3;
      const theory = mm1Deadline(lambda, 1, deadline); // at 0.8: cut 0.1957, wait 0.869 h, cycle 1.351 h, busy 0.643
      const s = scenario({
        run: { horizon: 30_000, warmup: 500, replications: 10, seed: 5 },
        resources: [team('desk', 1)],
        arrivals: [poisson('f', lambda)],
        flows: [flow('f', [task('w', exp(1), 'desk')], { cancelAfter: deadline })],
      });
      const r = replicate(s);
      const share = (path: string) => ratioOf(r, path, 'flows.f.arrived');
      expectSampleWithinInterval('cancelled / arrived', share('flows.f.cancelled'), theory.cut, 0.05);
      // no case leaves the queue: each is cut in service, if at all
      expect(r.values('flows.f.nodes.w.cut_waits')).toEqual(Array(10).fill(0));
      expectSampleWithinInterval('cut in service / arrived', share('flows.f.nodes.w.cut_visits'), theory.cut, 0.05);
      expectWithinInterval(r, 'flows.f.nodes.w.wait', theory.wait, 0.04); // the cut cases' waits included
      expectWithinInterval(r, 'resources.desk.wait', theory.wait, 0.04);
      expectWithinInterval(r, 'flows.f.cycle_time.mean', theory.completedCycle, 0.02);
      expectWithinInterval(r, 'resources.desk.utilization', theory.utilization, 0.02); // cut work included
      expectWithinInterval(r, 'flows.f.wip', theory.wip, 0.03);
      expectWithinInterval(r, 'flows.f.throughput_per_day', 24 * lambda * (1 - theory.cut), 0.02);
    });
  }

  test('the closed form itself: a deadline far beyond every wait is M/M/1; at the critical load it is the limit from either side', () => {
    const far = mm1Deadline(0.8, 1, 400);
    expect(far.cut).toBeLessThan(1e-30);
    expect(far.wait).toBeCloseTo(0.8 / 0.2, 9);
    expect(far.completedCycle).toBeCloseTo(1 / 0.2, 9);
    expect(far.utilization).toBeCloseTo(0.8, 12);
    const at = mm1Deadline(1, 1, 3);
    for (const near of [mm1Deadline(1 - 1e-4, 1, 3), mm1Deadline(1 + 1e-4, 1, 3)]) {
      expect(near.cut).toBeCloseTo(at.cut, 3);
      expect(near.wait).toBeCloseTo(at.wait, 3);
    }
    expect(at.cut).toBeCloseTo(0.25, 12); // P0 = 1 / (1 + D) = 1/4, e^0 = 1
  });
});

describe('cancel_after with priorities on two servers, against an independent simulator', () => {
  test('urgent cases (0.8 an hour, cancelled after 4 h) before normal ones (1.2 an hour, after 3 h): cut shares, waits, cycles, utilisation', () => {
    const classes: ReferenceClass[] = [
      { lambda: 0.8, priority: 2, deadline: 4 },
      { lambda: 1.2, priority: 0, deadline: 3 },
    ];
    const run = { horizon: 15_000, warmup: 500, replications: 10, seed: 4 };
    const r = replicate(
      scenario({
        run,
        resources: [team('desk', 2)],
        arrivals: classes.map((k, i) => poisson(`c${i}`, k.lambda, { priority: k.priority })),
        flows: classes.map((k, i) => flow(`c${i}`, [task('w', exp(1), 'desk')], { cancelAfter: k.deadline })),
      }),
    );
    const other = Array.from({ length: 20 }, (_, i) => referenceQueue(classes, 2, 1, run, 1000 + i));
    // an urgent case waits only behind cases that arrived before it, all gone by its deadline:
    // never cut while waiting (in either simulator); a normal one is, behind urgent arrivals
    expect(r.values('flows.c0.nodes.w.cut_waits')).toEqual(Array(10).fill(0));
    expect(other.map((o) => o.classes[0].cutWaitShare)).toEqual(Array(20).fill(0));
    classes.forEach((_, i) => {
      const theirs = (stat: 'cancelledShare' | 'cutWaitShare' | 'wait' | 'cycle') => other.map((o) => o.classes[i][stat]);
      expectSamplesAgree(
        `c${i} cancelled / arrived`,
        ratioOf(r, `flows.c${i}.cancelled`, `flows.c${i}.arrived`),
        theirs('cancelledShare'),
        i ? 0.04 : 0.12,
      ); // 0.037, 0.272
      expectSamplesAgree(`c${i} wait`, r.values(`flows.c${i}.nodes.w.wait`), theirs('wait'), 0.05); // 0.466 h, 0.920 h
      expectSamplesAgree(`c${i} cycle`, r.values(`flows.c${i}.cycle_time.mean`), theirs('cycle'), 0.02); // 1.328 h, 1.395 h
    });
    expectSamplesAgree(
      'c1 cut while waiting / arrived',
      ratioOf(r, 'flows.c1.nodes.w.cut_waits', 'flows.c1.arrived'),
      other.map((o) => o.classes[1].cutWaitShare),
      0.1,
    ); // 0.088
    expectSamplesAgree(
      'utilisation',
      r.values('resources.desk.utilization'),
      other.map((o) => o.utilization),
      0.01,
    ); // 0.820
  });
});

describe("a team's waits within its wait target: Erlang C's tail, shift by shift", () => {
  // test/support/two-shift-desk.ts: M/M/3 at 10 calls an hour, then M/M/2 at 4, 0.2 h each.
  for (const within of [0, 0.1]) {
    test(`the share of the tasks started within ${within} h is 1 - C(c, a) e^{-(c mu - lambda) t} on each shift`, () => {
      const s = twoShiftDesk(3, 2, 60, 10);
      s.resources[0].waitTarget = within;
      const r = replicate(s);
      // 0: 0.556 and 0.771 (the share that does not wait at all); 0.1: 0.730 and 0.875
      expectWithinInterval(r, 'resources.desk.shifts.0.within_target', mmcWaitWithin(10, 5, 3, within), 0.03);
      expectWithinInterval(r, 'resources.desk.shifts.1.within_target', mmcWaitWithin(4, 5, 2, within), 0.03);
    });
  }
});

/** The close (17:00) of the n-th office working day after the day of hour t: the working-days SLA's deadline, by counting days. */
const closeOfWorkingDay = (t: number, n: number) => {
  let day = Math.floor(t / 24);
  for (let counted = 0; counted < n; ) if (++day % 7 < 5) counted++;
  return day * 24 + 17;
};

/** The mean over the week's instants t (Poisson arrivals see it uniformly) of f(t), by the midpoint rule. */
const overTheWeek = (f: (t: number) => number, step: number) => {
  let sum = 0;
  let n = 0;
  for (let t = step / 2; t < 168; t += step, n++) sum += f(t);
  return sum / n;
};

describe('working days and office hours, from Poisson arrivals at every hour of the week', () => {
  test('an SLA of 2 working days on the flow, and of 1 on a milestone from its second step: the share of cases inside, over the week', () => {
    // The case takes 5 h, then an exponential 20 h, automated (no queue): it meets the flow's SLA when
    // 5 + S <= the deadline of its arrival's day, and the milestone's when S <= that of the day it
    // reached the second step. Friday's and the weekend's arrivals wait for Monday and Tuesday.
    const s = scenario({
      run: { horizon: 168 * 400, warmup: 168, replications: 10, seed: 8 },
      calendars: [OFFICE],
      resources: [],
      arrivals: [poisson('a', 0.5)],
      flows: [
        flow('a', [task('first', constant(5), null, 'second'), task('second', exp(20), null)], {
          slaWorkingDays: { days: 2, calendar: 'office' },
          kpis: [{ name: 'second', from: 'second', to: 'second', sla: null, slaWorkingDays: { days: 1, calendar: 'office' } }],
        }),
      ],
    });
    const r = replicate(s);
    const inside = (from: number, deadline: number) => 1 - Math.exp(-Math.max(0, deadline - from) / 20);
    const flowShare = overTheWeek((t) => inside(t + 5, closeOfWorkingDay(t, 2)), 1 / 240); // 0.938
    const milestoneShare = overTheWeek((t) => inside(t + 5, closeOfWorkingDay(t + 5, 1)), 1 / 240); // 0.808
    expectWithinInterval(r, 'flows.a.sla_attainment', flowShare, 0.005);
    expectWithinInterval(r, 'flows.a.kpis.second.sla_attainment', milestoneShare, 0.006);
    // one day less, or a day's close at 24:00, moves each share outside the interval
    expect(Math.abs(overTheWeek((t) => inside(t + 5, closeOfWorkingDay(t, 2) + 7), 1 / 240) - flowShare)).toBeGreaterThan(
      r.halfWidth('flows.a.sla_attainment'),
    );
    expect(Math.abs(overTheWeek((t) => inside(t + 5, closeOfWorkingDay(t, 1)), 1 / 240) - flowShare)).toBeGreaterThan(
      r.halfWidth('flows.a.sla_attainment'),
    );
  });

  test('an automated exponential task of 4 office hours takes E int_0^inf e^{-O(t, x) / 4} dx of the clock, O the office hours in (t, t + x]', () => {
    const s = scenario({
      run: { horizon: 168 * 300, warmup: 168, replications: 10, seed: 9 },
      calendars: [OFFICE],
      resources: [],
      arrivals: [poisson('a', 1)],
      flows: [flow('a', [{ kind: 'task', name: 'w', etom: null, duration: exp(4), resource: null, calendar: 'office', next: null }])],
    });
    const r = replicate(s);
    // P(the task lasts beyond x) = P(its work exceeds the office hours in (t, t + x]); the office is
    // open or closed for whole hours, so the integral is taken exactly hour by hour
    const clock = overTheWeek((t) => {
      let office = 0;
      let mean = 0;
      for (let from = t; office < 4 * 40; from = Math.floor(from) + 1) {
        const length = Math.floor(from) + 1 - from;
        const atStart = Math.exp(-office / 4);
        if (inOffice(from)) {
          mean += 4 * atStart * (1 - Math.exp(-length / 4));
          office += length;
        } else mean += atStart * length;
      }
      return mean;
    }, 1 / 16); // 24.94 h
    expectWithinInterval(r, 'flows.a.cycle_time.mean', clock, 0.01);
    expectWithinInterval(r, 'flows.a.breakdown.automated', 4, 0.01);
    expectWithinInterval(r, 'flows.a.breakdown.off_shift', clock - 4, 0.01);
  });
});
