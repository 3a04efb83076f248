// An arrival stream's `after` and `cases` (scenario-format.md): no case before `after`, the
// first one interarrival after it, and at most `cases` from the stream; both keep the stream's
// random numbers (its k-th gap is the same with or without them).
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import type { ArrivalSpec, Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import { constant, every, exp, flow, scenario, task, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

/** One flow of an automated step of no time: each case's one task starts at its arrival. */
function oneStep(arrivals: ArrivalSpec[], horizon: number): Scenario {
  return scenario({
    run: { horizon, warmup: 0, replications: 5, seed: 7 },
    resources: [],
    arrivals,
    flows: [flow('f', [task('step', constant(0), null)])],
  });
}

/** The arrival times of replication `replication`, in order. */
function arrivalTimes(s: Scenario, replication = 0): number[] {
  const times: number[] = [];
  observeReplication(compileModel(s), replication, s.run.seed, {
    taskStart(_c, _node, _team, _enabled, start) {
      times.push(start);
    },
    taskEnd() {},
    taskSuspend() {},
    taskResume() {},
    taskAbandoned() {},
    caseEnd() {},
  });
  return times;
}

const poisson = (mean: number, extra: Partial<ArrivalSpec> = {}): ArrivalSpec => ({
  flow: 'f',
  ordinal: 0,
  interarrival: exp(mean),
  fromRate: true,
  profile: null,
  priority: 0,
  ...extra,
});

describe('an arrival stream that starts later and stops after N cases', () => {
  test('deterministic: interarrival 1 h, after 10 h, 5 cases: arrivals at exactly 11, 12, 13, 14, 15 h', () => {
    const s = oneStep([{ ...every('f', 1), after: 10, cases: 5 }], 100);
    expect(arrivalTimes(s)).toEqual([11, 12, 13, 14, 15]);
    expect(replicate(s).values('flows.f.arrived')).toEqual([5, 5, 5, 5, 5]);
  });

  test('two streams of one flow: its arrivals are theirs together, from 0 (their counts at the horizon) and after a warm-up', () => {
    const streams = [
      { ...every('f', 1, 0), cases: 5 }, // 1, 2, 3, 4, 5 h
      { ...every('f', 2, 1), cases: 3 }, // 2, 4, 6 h
    ];
    expect(replicate(oneStep(streams, 100)).values('flows.f.arrived')).toEqual([8, 8, 8, 8, 8]);
    const warm = oneStep(streams, 100);
    warm.run = { ...warm.run, warmup: 2.5 };
    expect(replicate(warm).values('flows.f.arrived')).toEqual([5, 5, 5, 5, 5]); // 3, 4, 5 and 4, 6 h
  });

  test('deterministic: after alone starts the stream later, up to the horizon', () => {
    expect(arrivalTimes(oneStep([{ ...every('f', 2), after: 93 }], 100))).toEqual([95, 97, 99]);
  });

  test('a Poisson stream with cases brings exactly that many when the horizon is long', () => {
    const s = oneStep([poisson(0.5, { cases: 250 })], 10_000); // 250 cases take 125 h on average
    expect(replicate(s, 20).values('flows.f.arrived')).toEqual(Array(20).fill(250));
  });

  test("cases keeps the stream's random numbers: the first N arrivals of the unbounded stream, exactly", () => {
    const free = arrivalTimes(oneStep([poisson(0.5)], 200), 3);
    const bounded = arrivalTimes(oneStep([poisson(0.5, { cases: 40 })], 200), 3);
    expect(free.length).toBeGreaterThan(40);
    expect(bounded).toEqual(free.slice(0, 40));
  });

  test("after keeps the stream's random numbers: every arrival moved by after, gaps unchanged", () => {
    const free = arrivalTimes(oneStep([poisson(1)], 400), 2);
    const later = arrivalTimes(oneStep([poisson(1, { after: 100 })], 400), 2);
    const kept = free.filter((t) => t + 100 <= 400);
    expect(later.length).toBe(kept.length);
    later.forEach((t, k) => expect(t).toBeCloseTo(kept[k] + 100, 9));
    expect(later[0]).toBeGreaterThan(100);
  });

  test('a profiled stream: thinning starts at after, and stops at cases', () => {
    const profile = { days: [1, 1, 1, 1, 1, 0, 0], hours: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 1 : 0)) };
    const s = oneStep([poisson(0.25, { profile, after: 30, cases: 60 })], 24 * 14);
    for (let r = 0; r < 5; r++) {
      const times = arrivalTimes(s, r);
      expect(times.length).toBe(60); // about 400 in the open hours of the two weeks
      expect(times[0]).toBeGreaterThan(32); // Tuesday 08:00, the first open hour after 30 h
      for (const t of times) expect(t % 24 >= 8 && t % 24 < 18).toBe(true);
    }
  });

  test('a batch (interarrival 0 with cases): its N cases all at exactly after, none later', () => {
    const s = oneStep([{ ...every('f', 0), interarrival: constant(0), after: 10, cases: 7 }], 100);
    for (let r = 0; r < 5; r++) expect(arrivalTimes(s, r)).toEqual(Array(7).fill(10));
    expect(replicate(s).values('flows.f.arrived')).toEqual([7, 7, 7, 7, 7]);
    // after 0: all at time 0
    expect(arrivalTimes(oneStep([{ ...every('f', 0), interarrival: constant(0), cases: 3 }], 100))).toEqual([0, 0, 0]);
  });

  test('a batch of N into c units of constant work s: the k-th (from 0) ends at after + s (floor(k / c) + 1)', () => {
    const [n, c, s, after] = [7, 3, 2, 5];
    const sc = scenario({
      run: { horizon: 100, warmup: 0, replications: 2, seed: 3 },
      resources: [team('desk', c)],
      arrivals: [{ ...every('f', 0), interarrival: constant(0), after, cases: n }],
      flows: [flow('f', [task('work', constant(s), 'desk')])],
    });
    const ends: number[] = [];
    observeReplication(compileModel(sc), 0, sc.run.seed, {
      taskStart() {},
      taskEnd(_c, _node, _team, _enabled, _start, end) {
        ends.push(end);
      },
      taskSuspend() {},
      taskResume() {},
      taskAbandoned() {},
      caseEnd() {},
    });
    // 5 + 2 for the first three, 9 for the next three, 11 for the last
    const expected = Array.from({ length: n }, (_, k) => after + s * (Math.floor(k / c) + 1));
    expect(ends).toEqual(expected);
    // cycle times 2, 2, 2, 4, 4, 4, 6: mean 24 / 7, the same in every replication (nothing is random)
    const cycle = expected.reduce((sum, t) => sum + (t - after), 0) / n;
    const result = replicate(sc);
    expect(result.values('flows.f.completed')).toEqual([n, n]);
    for (const mean of result.values('flows.f.cycle_time.mean')) expect(mean).toBeCloseTo(cycle, 12);
    // the queue's waits 0, 0, 0, 2, 2, 2, 4
    for (const wait of result.values('resources.desk.wait')) expect(wait).toBeCloseTo(10 / 7, 12);
  });

  test('two streams of one flow count their cases apart', () => {
    const s = oneStep(
      [
        { ...every('f', 1), cases: 3 },
        { ...every('f', 1, 1), after: 50, cases: 2 },
      ],
      100,
    );
    expect(arrivalTimes(s)).toEqual([1, 2, 3, 51, 52]);
  });
});
