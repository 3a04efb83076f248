// The per-completion stores (cycle times, MSER-5's batch ends, milestone values) reserve at their
// first growth the room the model expects, so that a run does not copy them as they double.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout } from '../../engine/model/metrics.js';
import { expectedArrivals } from '../../engine/model/offered-load.js';
import { replicationKey } from '../../engine/random/stream.js';
import { awaitedGrowth, float64, GrowableArray } from '../../engine/sim/growable.js';
import { BATCH, type FlowCompletions, reservation } from '../../engine/sim/recorder.js';
import { Simulation } from '../../engine/sim/simulation.js';
import { exp, flow, mmc, scenario, task, team } from '../support/build.js';

describe('stores that reserve what the model expects', () => {
  test('a growable array starts with 16 entries (its growth runs early), grows first to its reservation, then doubles, keeping its values', () => {
    const a = new GrowableArray(float64, 1000);
    for (let i = 0; i < 16; i++) a.push(i);
    expect(a.capacity).toBe(16);
    a.push(16);
    expect(a.capacity).toBe(1000);
    for (let i = 17; i < 1001; i++) a.push(i);
    expect(a.capacity).toBe(2000);
    expect(Array.from(a.view())).toEqual(Array.from({ length: 1001 }, (_, i) => i));
    // without a reservation (or a smaller one) it doubles
    const b = new GrowableArray(float64, 20);
    for (let i = 0; i < 17; i++) b.push(i);
    expect(b.capacity).toBe(32);
  });

  test('a store whose reservation is written ahead grows to a quarter of it meanwhile, then to the reservation, keeping its values', () => {
    expect(awaitedGrowth(1000)).toBe(250);
    expect(awaitedGrowth(1001)).toBe(251);
    expect(awaitedGrowth(40)).toBe(16); // never below a store's first size...
    expect(awaitedGrowth(10)).toBe(10); // ...nor above its reservation
    const a = new GrowableArray(float64, 1000);
    a.awaitReservation();
    for (let i = 0; i < 17; i++) a.push(i);
    expect(a.capacity).toBe(250);
    for (let i = 17; i < 251; i++) a.push(i);
    expect(a.capacity).toBe(1000);
    expect(a.homeSize).toBe(1000);
    for (let i = 251; i < 1001; i++) a.push(i);
    expect(a.capacity).toBe(2000);
    expect(a.homeSize).toBe(2000); // outgrown: moved, it keeps its room
    expect(Array.from(a.view())).toEqual(Array.from({ length: 1001 }, (_, i) => i));
  });

  test('the cases expected: the streams’ rates over the horizon, whole weeks and the hours of the last one under their profile', () => {
    const weekdays = { days: [1, 1, 1, 1, 1, 0, 0], hours: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 18 ? 2 : 0)) };
    const s = scenario({
      run: { horizon: 2 * 168 + 9.5, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [
        { flow: 'f', ordinal: 0, interarrival: exp(0.5), fromRate: true, profile: weekdays, priority: 0 },
        { flow: 'f', ordinal: 1, interarrival: exp(4), fromRate: true, profile: null, priority: 0 },
        { flow: 'g', ordinal: 0, interarrival: exp(1), fromRate: true, profile: null, priority: 0 },
      ],
      flows: [flow('f', [task('a', exp(1), 'desk')]), flow('g', [task('b', exp(1), 'desk')])],
    });
    // f: 2/h x 2 at 10 weekday hours x 5 days per whole week, 1.5 h of Monday's 08:00-09:30 at 4/h; 0.25/h throughout
    const f = 2 * (4 * 10 * 5) + 4 * 1.5 + 0.25 * (2 * 168 + 9.5);
    expect(expectedArrivals(s, 'f', s.run.horizon)).toBeCloseTo(f, 9);
    expect(expectedArrivals(s, 'g', s.run.horizon)).toBeCloseTo(2 * 168 + 9.5, 9);
    expect(compileModel(s).flows.map((x) => x.expectedArrivals)).toEqual([
      expectedArrivals(s, 'f', s.run.horizon),
      expectedArrivals(s, 'g', s.run.horizon),
    ]);
  });

  test('the reservation: the expected count, 1% and four Poisson standard deviations more, within a cap; none without a figure', () => {
    expect(reservation(1_000_000)).toBe(1_010_000 + 4_000 + 16);
    expect(reservation(100)).toBe(101 + 40 + 16);
    expect(reservation(1e12)).toBe(1 << 23);
    expect(reservation(Number.NaN)).toBe(0);
    expect(reservation(0)).toBe(0);
  });

  test('a replication of M/M/1 fills its stores without outgrowing what it reserved', () => {
    const model = compileModel(mmc(2, 2.5, 1, { horizon: 5000, warmup: 500, replications: 1, seed: 3 }));
    const simulation = new Simulation(model, metricLayout(model), 0, replicationKey(3, 0));
    simulation.start();
    simulation.advance(Number.POSITIVE_INFINITY);
    const done = (simulation as unknown as { recorder: { completions: FlowCompletions[] } }).recorder.completions[0];
    const reserved = reservation(model.flows[0].expectedArrivals);
    expect(reserved).toBe(reservation(10_000));
    expect(done.cycleCount).toBeGreaterThan(9_000);
    expect(done.cycleTimes.length).toBe(reserved);
    expect(done.batchEnds.capacity).toBe(Math.ceil(reserved / BATCH));
    expect(done.batchEnds.length).toBe(Math.floor(done.cycleCount / BATCH));
    // at the horizon, summarised, the stores are released (store-shelf.ts) and left empty
    simulation.finish();
    expect(done.cycleCount).toBe(0);
    expect(done.cycleTimes.length).toBe(0);
    expect(done.batchEnds.capacity).toBe(0);
  });

  test.each([
    ['its reservation', Number.NaN],
    ['none, doubling from 16', 0],
  ])(
    'with %s, a store keeps each completion’s cycle time in order and every fifth one’s time as a batch end, with room for the next',
    (_, expected) => {
      const model = compileModel(mmc(2, 2.5, 1, { horizon: 700, warmup: 100, replications: 1, seed: 11 }));
      if (!Number.isNaN(expected)) model.flows[0].expectedArrivals = expected;
      const ends: { at: number; arrival: number }[] = [];
      const observer = {
        taskStart() {},
        taskEnd() {},
        taskSuspend() {},
        taskResume() {},
        taskAbandoned() {},
        caseEnd(_c: number, _f: number, at: number, cancelled: boolean, arrival: number) {
          if (!cancelled) ends.push({ at, arrival });
        },
      };
      const simulation = new Simulation(model, metricLayout(model), 0, replicationKey(11, 0), observer);
      simulation.start();
      const done = (simulation as unknown as { recorder: { completions: FlowCompletions[] } }).recorder.completions[0];
      const rooms = new Set<number>();
      while (!simulation.advance(1)) {
        expect(done.cycleTimes.length).toBeGreaterThan(done.cycleCount); // room for the next completion's
        rooms.add(done.cycleTimes.length);
      }
      expect(ends.length).toBeGreaterThan(1_000);
      expect(done.cycleCount).toBe(ends.length);
      expect(Array.from(done.cycles())).toEqual(ends.map((e) => Math.fround(e.at - e.arrival)));
      expect(Array.from(done.batchEnds.view())).toEqual(ends.filter((_, i) => i % BATCH === BATCH - 1).map((e) => e.at));
      expect(rooms.size).toBeGreaterThan(Number.isNaN(expected) ? 1 : 4); // grown as it filled: once to the reservation, or doubling
    },
  );
});
