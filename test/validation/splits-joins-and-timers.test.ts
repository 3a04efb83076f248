// Routing, synchronisation and timers against closed forms no other test checked: a decision
// splitting a Poisson stream (independent M/M/1s, the cycle time their mixture), a fork onto two
// M/M/1 stations joined again (the fork-join queue, whose mean response Flatto and Hahn found
// exactly for two stations), `until: case_age` behind a loaded M/M/1 (the cycle max(T, D)), and
// a batch on M/M/c (its waits sums of c mu's exponential gaps). As in closed-form.test.ts,
// theory must lie inside the replications' own 99.9% interval, and each interval is bounded so
// the test has power.
import { describe, expect, test } from 'vitest';
import type { DistSpec, NodeSpec } from '../../engine/scenario/types.js';
import { OFFICE, constant, decision, every, exp, flow, inOffice, poisson, scenario, task, team } from '../support/build.js';
import { quantileOf } from '../support/queueing.js';
import { expectSampleWithinInterval, expectWithinInterval, ratioOf, replicate } from '../support/simulate.js';

describe('a decision splits a Poisson stream into independent Poisson streams', () => {
  test('40% to a desk of mean 1 h, 60% to one of mean 1.2 h: each is M/M/1 on its share, and the cycle time is the mixture of their exponential sojourns', () => {
    const [pa, pb] = [0.4, 0.6];
    const [mua, mub] = [1, 1 / 1.2];
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 61 },
      resources: [team('a', 1), team('b', 1)],
      arrivals: [poisson('f', 1)],
      flows: [
        flow('f', [
          decision('route', [
            { to: 'x', p: pa },
            { to: 'y', p: pb },
          ]),
          task('x', exp(1 / mua), 'a'),
          task('y', exp(1 / mub), 'b'),
        ]),
      ],
    });
    const r = replicate(s);
    const [ra, rb] = [mua - pa, mub - pb]; // each sojourn exponential at mu - lambda p
    expectWithinInterval(r, 'flows.f.nodes.x.wait', pa / mua / ra, 0.08); // 0.667 h
    expectWithinInterval(r, 'flows.f.nodes.y.wait', pb / mub / rb, 0.1); // 3.086 h
    expectWithinInterval(r, 'resources.a.utilization', pa / mua, 0.02);
    expectWithinInterval(r, 'resources.b.utilization', pb / mub, 0.02);
    expectSampleWithinInterval('x visits / arrived', ratioOf(r, 'flows.f.nodes.x.visits', 'flows.f.arrived'), pa, 0.015);
    const survival = (t: number) => pa * Math.exp(-ra * t) + pb * Math.exp(-rb * t);
    expectWithinInterval(r, 'flows.f.cycle_time.mean', pa / ra + pb / rb, 0.06); // 3.238 h
    expectWithinInterval(r, 'flows.f.cycle_time.p50', quantileOf(survival, 0.5), 0.04); // 1.980 h
    expectWithinInterval(r, 'flows.f.cycle_time.p90', quantileOf(survival, 0.9), 0.08); // 7.837 h
  });
});

describe('a fork onto two M/M/1 stations, joined again (the fork-join queue)', () => {
  test("each branch is M/M/1; the case ends at the later, with mean (12 - rho) / 8 / (mu - lambda) (Flatto and Hahn), below two independent sojourns' 1.5 / (mu - lambda): the stations' queues are correlated", () => {
    const [lambda, mu] = [0.5, 1];
    const rho = lambda / mu;
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 62 },
      resources: [team('x', 1), team('y', 1)],
      arrivals: [poisson('f', lambda)],
      flows: [
        flow('f', [
          { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'done' },
          task('a', exp(1 / mu), 'x', 'done'),
          task('b', exp(1 / mu), 'y', 'done'),
          task('done', constant(0), null),
        ]),
      ],
    });
    const r = replicate(s);
    const sojourn = 1 / (mu - lambda); // 2 h
    // Flatto and Hahn (1984), as Thomasian's survey of fork-join queues states it (ACM Computing Surveys 47(2), 2014, eq. 6)
    const forkJoin = ((12 - rho) / 8) * sojourn; // 2.875 h
    for (const node of ['a', 'b']) expectWithinInterval(r, `flows.f.nodes.${node}.wait`, rho * sojourn, 0.1); // 1 h
    expectWithinInterval(r, 'flows.f.cycle_time.mean', forkJoin, 0.03);
    // independent stations would give 3 h: the interval tells the two apart
    expect(1.5 * sojourn - forkJoin).toBeGreaterThan(r.halfWidth('flows.f.cycle_time.mean'));
    // the earlier branch waits at the join for the later: E|T1 - T2| = 2 E max - E T1 - E T2
    expectWithinInterval(r, 'flows.f.breakdown.join', 2 * forkJoin - 2 * sojourn, 0.04); // 1.75 h
  });
});

describe('rework whose chance depends on the visit, on one server (a multiclass queue in product form)', () => {
  test('a second pass for half the cases and never a third (p [0.5, 0]) on M/M/1: first and second passes are two classes of one FIFO station of one exponential rate, so the number present is M/M/1 at the load of 1.5 passes a case (BCMP), as with a geometric p of 1/3', () => {
    const [lambda, mean] = [0.5, 0.8];
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 66 },
      resources: [team('desk', 1)],
      arrivals: [poisson('f', lambda)],
      flows: [
        flow('f', [
          task('work', exp(mean), 'desk', 'check'),
          {
            kind: 'decision',
            name: 'check',
            etom: null,
            branch: [
              { to: 'work', p: 1 / 3, byVisit: [0.5, 0] },
              { to: 'done', p: 2 / 3, byVisit: [0.5, 1] },
            ],
          },
          task('done', constant(0), null),
        ]),
      ],
    });
    const r = replicate(s);
    const passes = lambda * 1.5;
    const rho = passes * mean; // 0.6; a geometric p of 0.5 (2 passes a case) would load it 0.8 and keep a case 8 h
    const present = rho / (1 - rho);
    expectWithinInterval(r, 'flows.f.wip', present, 0.08); // 1.5 cases
    expectWithinInterval(r, 'flows.f.cycle_time.mean', present / lambda, 0.08); // Little: 3 h
    expectWithinInterval(r, 'flows.f.nodes.work.wait', rho / (1 / mean - passes), 0.1); // a pass waits 1.2 h
    expectWithinInterval(r, 'resources.desk.queue_length', (rho * rho) / (1 - rho), 0.12); // 0.9
    expectWithinInterval(r, 'resources.desk.utilization', rho, 0.02);
  });
});

describe('arrivals and a team on one calendar: M/M/1 in open time', () => {
  test("Poisson gaps in office hours onto a one-person office team: in open hours it is M/M/1 at 40%, so the case's wait on shift is M/M/1's, and its clock time that of an exponential of rate 0.6 counted in office hours from an open instant", () => {
    const [lambda, rate] = [0.4, 0.6];
    const s = scenario({
      run: { horizon: 168 * 500, warmup: 168, replications: 20, seed: 67 },
      calendars: [OFFICE],
      resources: [team('desk', 1, { calendar: 'office' })],
      arrivals: [poisson('f', lambda, { calendar: 'office' })],
      flows: [flow('f', [task('w', exp(1), 'desk')])],
    });
    const r = replicate(s);
    const wq = lambda / rate; // 0.667 h
    expectWithinInterval(r, 'flows.f.breakdown.wait', wq, 0.08);
    expectWithinInterval(r, 'flows.f.breakdown.service', 1, 0.02);
    expectWithinInterval(r, 'resources.desk.utilization', lambda, 0.03);
    // the queue is frozen while closed, at its value at a closing, a fixed open-time instant: Lq on the clock too
    expectWithinInterval(r, 'resources.desk.queue_length', lambda * wq, 0.12); // 0.267
    // E int_0^inf e^{-rate O(t, x)} dx over the open instants t (the arrivals see open time uniformly),
    // O the office hours in (t, t + x], taken exactly hour by hour as the office opens and closes on the hour
    let sum = 0;
    let n = 0;
    for (let t = 1 / 32; t < 168; t += 1 / 16) {
      if (!inOffice(t)) continue;
      let office = 0;
      let clock = 0;
      for (let from = t; office < 40 / rate; from = Math.floor(from) + 1) {
        const length = Math.floor(from) + 1 - from;
        const atStart = Math.exp(-rate * office);
        if (inOffice(from)) {
          clock += (atStart * (1 - Math.exp(-rate * length))) / rate;
          office += length;
        } else clock += atStart * length;
      }
      sum += clock;
      n++;
    }
    expectWithinInterval(r, 'flows.f.cycle_time.mean', sum / n, 0.06); // 7.00 h
    expectWithinInterval(r, 'flows.f.breakdown.off_shift', sum / n - wq - 1, 0.06); // 5.33 h
  });
});

const ageTimer = (age: DistSpec): NodeSpec => ({
  kind: 'task',
  name: 'close',
  etom: null,
  duration: age,
  resource: null,
  until: 'case_age',
  next: null,
});

describe('until: case_age behind a loaded queue', () => {
  test('M/M/1 at 50% (sojourn T exponential at rate 0.5), then a timer to the age of 3 h: the cycle is max(T, 3), its median the atom at 3 h, the timer takes E max(3 - T, 0)', () => {
    const [lambda, age] = [0.5, 3];
    const rate = 1 - lambda;
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 63 },
      resources: [team('desk', 1)],
      arrivals: [poisson('f', lambda)],
      flows: [flow('f', [task('w', exp(1), 'desk', 'close'), ageTimer(constant(age))], { sla: 4 })],
    });
    const r = replicate(s);
    const tail = Math.exp(-rate * age); // P(T > 3) = 0.223
    expectWithinInterval(r, 'flows.f.cycle_time.mean', age + tail / rate, 0.015); // 3.446 h
    // P(max(T, 3) <= 3) = 0.777: the median is the atom itself in every replication (up to the clock's rounding)
    for (const p50 of r.values('flows.f.cycle_time.p50')) expect(p50).toBeCloseTo(age, 9);
    expectWithinInterval(r, 'flows.f.cycle_time.p90', Math.log(10) / rate, 0.04); // 4.605 h
    expectWithinInterval(r, 'flows.f.sla_attainment', 1 - Math.exp(-rate * 4), 0.015); // 0.865
    expectWithinInterval(r, 'flows.f.nodes.close.service', age - (1 - tail) / rate, 0.02); // 1.446 h
  });

  test('with an exponential age of mean 3 h the cycle is the later of two independent exponentials: 1/a + 1/b - 1/(a + b)', () => {
    const [lambda, b] = [0.5, 1 / 3];
    const a = 1 - lambda;
    const s = scenario({
      run: { horizon: 40_000, warmup: 500, replications: 10, seed: 64 },
      resources: [team('desk', 1)],
      arrivals: [poisson('f', lambda)],
      flows: [flow('f', [task('w', exp(1), 'desk', 'close'), ageTimer(exp(1 / b))])],
    });
    const r = replicate(s);
    expectWithinInterval(r, 'flows.f.cycle_time.mean', 1 / a + 1 / b - 1 / (a + b), 0.015); // 3.8 h
    // the timer takes E max(A - T, 0) = P(A > T) E A = a / (a + b) / b
    expectWithinInterval(r, 'flows.f.nodes.close.service', a / (a + b) / b, 0.04); // 1.8 h
  });
});

describe('a batch on M/M/c', () => {
  test('30 cases at once onto 3 units of exponential work (mean 1 h): the (c + m)-th waits m gaps of 1/(c mu); the mean wait is sum m / (c mu N), the cycle one hour more', () => {
    const [n, c] = [30, 3];
    const s = scenario({
      run: { horizon: 200, warmup: 0, replications: 400, seed: 65 },
      resources: [team('desk', c)],
      arrivals: [{ ...every('f', 0), interarrival: constant(0), after: 2, cases: n }],
      flows: [flow('f', [task('w', exp(1), 'desk')])],
    });
    const r = replicate(s);
    expect(r.values('flows.f.completed')).toEqual(Array(400).fill(n));
    const wait = ((n - c) * (n - c + 1)) / 2 / c / n; // 4.2 h
    expectWithinInterval(r, 'flows.f.nodes.w.wait', wait, 0.045);
    expectWithinInterval(r, 'flows.f.cycle_time.mean', wait + 1, 0.04);
  });
});
