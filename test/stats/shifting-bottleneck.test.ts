import { describe, expect, it } from 'vitest';
import {
  shiftingBottleneck,
  ShiftingBottleneckSweep,
  timelineOf,
  type ActivePeriods,
  type BottleneckSpell,
} from '../../engine/stats/shifting-bottleneck.js';
import { seededDraws } from '../support/seeded-draws.js';

const periods = (...pairs: [number, number][]): ActivePeriods => ({ starts: pairs.map((p) => p[0]), ends: pairs.map((p) => p[1]) });

describe('shiftingBottleneck: hand-worked cases', () => {
  it('one resource is the sole bottleneck whenever it is active', () => {
    const r = shiftingBottleneck([periods([0, 2], [5, 6])], 0, 10);
    expect(r.sole).toEqual([0.3]);
    expect(r.shifting).toEqual([0]);
    expect(r.timeline).toEqual([
      { start: 0, end: 2, resource: 0, shifting: false },
      { start: 5, end: 6, resource: 0, shifting: false },
    ]);
  });

  it('a longer period that starts takes over, and the overlap is shifting for both', () => {
    // A [0,10] (10 h), B [8,20] (12 h): B is the bottleneck from 8; they overlap on [8,10].
    const r = shiftingBottleneck([periods([0, 10]), periods([8, 20])], 0, 20);
    expect(r.sole).toEqual([8 / 20, 10 / 20]);
    expect(r.shifting).toEqual([2 / 20, 2 / 20]);
    expect(r.timeline).toEqual([
      { start: 0, end: 8, resource: 0, shifting: false },
      { start: 8, end: 10, resource: 1, shifting: true },
      { start: 10, end: 20, resource: 1, shifting: false },
    ]);
  });

  it('a shorter overlapping period waits until the longer one ends', () => {
    // A [0,10] (10 h) stays the bottleneck over B [8,12] (4 h); the overlap [8,10] lies in A's reign.
    const r = shiftingBottleneck([periods([0, 10]), periods([8, 12])], 0, 20);
    expect(r.sole).toEqual([8 / 20, 2 / 20]);
    expect(r.shifting).toEqual([2 / 20, 2 / 20]);
    expect(r.timeline).toEqual([
      { start: 0, end: 8, resource: 0, shifting: false },
      { start: 8, end: 10, resource: 0, shifting: true },
      { start: 10, end: 12, resource: 1, shifting: false },
    ]);
  });

  it('breaks ties in length by the lower resource index', () => {
    const first = shiftingBottleneck([periods([0, 4]), periods([2, 6])], 0, 8);
    expect(first.timeline.map((s) => [s.start, s.end, s.resource, s.shifting])).toEqual([
      [0, 2, 0, false],
      [2, 4, 0, true],
      [4, 6, 1, false],
    ]);
    const second = shiftingBottleneck([periods([2, 6]), periods([0, 4])], 0, 8);
    expect(second.timeline.map((s) => [s.start, s.end, s.resource, s.shifting])).toEqual([
      [0, 2, 1, false],
      [2, 4, 0, true],
      [4, 6, 0, false],
    ]);
  });

  it('has no bottleneck while nothing is active, and no shifting across such a gap', () => {
    const r = shiftingBottleneck([periods([0, 3]), periods([5, 9])], 0, 10);
    expect(r.sole).toEqual([0.3, 0.4]);
    expect(r.shifting).toEqual([0, 0]);
    expect(r.timeline).toHaveLength(2);
  });

  it('periods of the same resource that touch are one sole spell, not a shift', () => {
    const r = shiftingBottleneck([periods([0, 3], [3, 5])], 0, 10);
    expect(r.sole).toEqual([0.5]);
    expect(r.shifting).toEqual([0]);
    expect(r.timeline).toEqual([{ start: 0, end: 5, resource: 0, shifting: false }]);
  });

  it('works through a three-machine example in the style of the paper', () => {
    // Lengths: M0 6, 4, 10; M1 8, 6; M2 5, 2. Worked by hand:
    // reigns M0 [0,4) M1 [4,12) M0 [12,13) M2 [13,16) M1 [16,20) M0 [20,30);
    // overlaps of successive bottlenecks [4,6] [10,12] [13,14] [16,18] [20,22].
    const r = shiftingBottleneck([periods([0, 6], [10, 14], [20, 30]), periods([4, 12], [16, 22]), periods([13, 18], [26, 28])], 0, 30);
    expect(r.sole.map((x) => x * 30)).toEqual([13, 6, 2]);
    expect(r.shifting.map((x) => x * 30)).toEqual([7, 8, 3]);
    expect(r.timeline.map((s) => [s.start, s.end, s.resource, s.shifting])).toEqual([
      [0, 4, 0, false],
      [4, 6, 1, true],
      [6, 10, 1, false],
      [10, 12, 1, true],
      [12, 13, 0, false],
      [13, 14, 2, true],
      [14, 16, 2, false],
      [16, 18, 1, true],
      [18, 20, 1, false],
      [20, 22, 0, true],
      [22, 30, 0, false],
    ]);
  });

  it('counts an overlap with both neighbours once where the two overlaps meet', () => {
    // B [0,10] then A [2,14] (longer) then C [5,25] (longer still): A's overlaps [2,10] and [5,14] share [5,10].
    const r = shiftingBottleneck([periods([2, 14]), periods([0, 10]), periods([5, 25])], 0, 25);
    expect(r.shifting.map((x) => x * 25)).toEqual([12, 8, 9]);
    expect(r.timeline.map((s) => [s.start, s.end, s.resource, s.shifting])).toEqual([
      [0, 2, 1, false],
      [2, 5, 0, true],
      [5, 14, 2, true],
      [14, 25, 2, false],
    ]);
    expect(r.sole.map((x) => x * 25)).toEqual([0, 2, 11]);
  });

  it('gives zero shares for an empty window', () => {
    const r = shiftingBottleneck([periods(), periods()], 0, 10);
    expect(r).toEqual({ sole: [0, 0], shifting: [0, 0], timeline: [] });
  });
});

/** The definition applied literally, instant by instant over the elementary intervals between all endpoints. */
function bruteForce(all: [number, number][][], from: number, to: number) {
  const points = [...new Set(all.flat(2))].sort((a, b) => a - b);
  type Reign = { r: number; p: [number, number]; a: number; b: number };
  const reigns: Reign[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const mid = (a + b) / 2;
    let best: Reign | null = null;
    for (let r = 0; r < all.length; r++) {
      for (const p of all[r]) {
        if (!(p[0] <= mid && mid < p[1])) continue;
        const better = best === null || p[1] - p[0] > best.p[1] - best.p[0] || (p[1] - p[0] === best.p[1] - best.p[0] && r < best.r);
        if (better) best = { r, p, a, b };
      }
    }
    if (best === null) continue;
    const last = reigns[reigns.length - 1];
    if (last && last.p === best.p && last.b === a) last.b = b;
    else reigns.push(best);
  }
  const shiftSets: [number, number][][] = all.map(() => []);
  for (let k = 0; k + 1 < reigns.length; k++) {
    const [x, y] = [reigns[k], reigns[k + 1]];
    if (x.r === y.r) continue;
    const lo = Math.max(x.p[0], y.p[0]);
    const hi = Math.min(x.p[1], y.p[1]);
    if (hi > lo) {
      shiftSets[x.r].push([lo, hi]);
      shiftSets[y.r].push([lo, hi]);
    }
  }
  const inSet = (set: [number, number][], t: number) => set.some(([lo, hi]) => lo <= t && t < hi);
  const sole = all.map(() => 0);
  const shifting = all.map(() => 0);
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const mid = (a + b) / 2;
    all.forEach((_, r) => {
      if (inSet(shiftSets[r], mid)) shifting[r] += b - a;
    });
    const reign = reigns.find((x) => x.a <= mid && mid < x.b);
    if (reign && !inSet(shiftSets[reign.r], mid)) sole[reign.r] += b - a;
  }
  return { sole: sole.map((x) => x / (to - from)), shifting: shifting.map((x) => x / (to - from)) };
}

function randomPeriods(seed: number, resources: number, horizon: number): [number, number][][] {
  const next = seededDraws(seed).random;
  return Array.from({ length: resources }, () => {
    const list: [number, number][] = [];
    let t = Math.floor(next() * 6) / 2;
    while (t < horizon) {
      const end = Math.min(horizon, t + 0.5 + Math.floor(next() * 12) / 2); // half hours: plenty of ties
      list.push([t, end]);
      t = end + Math.floor(next() * 8) / 2; // sometimes touching
    }
    return list;
  });
}

describe('shiftingBottleneck: properties on random periods', () => {
  it('agrees with the definition applied instant by instant, and its shares add up', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const resources = 1 + (seed % 5);
      const horizon = 40;
      const all = randomPeriods(seed, resources, horizon);
      const r = shiftingBottleneck(
        all.map((list) => periods(...list)),
        0,
        horizon,
      );
      const expected = bruteForce(all, 0, horizon);
      r.sole.forEach((x, i) => expect(x).toBeCloseTo(expected.sole[i], 12));
      r.shifting.forEach((x, i) => expect(x).toBeCloseTo(expected.shifting[i], 12));

      // at most one sole bottleneck at a time
      expect(r.sole.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-12);
      // a resource is sole or shifting only while active, never both at once
      all.forEach((list, i) => {
        const active = list.reduce((sum, [a, b]) => sum + b - a, 0) / horizon;
        expect(r.sole[i] + r.shifting[i]).toBeLessThanOrEqual(active + 1e-12);
      });
      // the timeline is ordered, disjoint, and covers exactly the instants when something is active
      for (let k = 1; k < r.timeline.length; k++) expect(r.timeline[k].start).toBeGreaterThanOrEqual(r.timeline[k - 1].end);
      const covered = r.timeline.reduce((sum, s) => sum + s.end - s.start, 0);
      const points = [...new Set(all.flat(2))].sort((a, b) => a - b);
      let anyActive = 0;
      for (let i = 0; i + 1 < points.length; i++) {
        const mid = (points[i] + points[i + 1]) / 2;
        if (all.some((list) => list.some(([a, b]) => a <= mid && mid < b))) anyActive += points[i + 1] - points[i];
      }
      expect(covered).toBeCloseTo(anyActive, 9);
      // sole time in the timeline is the sole share
      all.forEach((_, i) => {
        const soleSpells = r.timeline.filter((s) => s.resource === i && !s.shifting).reduce((sum, s) => sum + s.end - s.start, 0);
        expect(soleSpells / horizon).toBeCloseTo(r.sole[i], 12);
      });
    }
  });

  it('handles many periods (200,000 hours of eight resources)', () => {
    const all = randomPeriods(7, 8, 200_000);
    const r = shiftingBottleneck(
      all.map((list) => periods(...list)),
      0,
      200_000,
    );
    expect(r.sole.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    const active = all.map((list) => list.reduce((sum, [a, b]) => sum + b - a, 0) / 200_000);
    r.sole.forEach((x, i) => expect(x + r.shifting[i]).toBeLessThanOrEqual(active[i] + 1e-12));
  });
});

/**
 * Replays the periods as a simulation reports them, settling after every closed period up
 * to the frontier (the earliest start of those still open, or now), once the batch threshold
 * says so (at 1, every close triggers a sweep; by default the first batch is 16 and each
 * doubles up to 4,096).
 */
function streamed(all: [number, number][][], minBatch?: number, alone = false) {
  const timeline: BottleneckSpell[] = [];
  const sweep = new ShiftingBottleneckSweep(all.length, timelineOf(timeline), minBatch);
  const closes = all.flatMap((list, r) => list.map(([a, b]) => ({ r, a, b }))).sort((x, y) => x.b - y.b || x.r - y.r);
  let maxHeld = 0;
  let settledAlone = 0;
  closes.forEach(({ r, a, b }, i) => {
    // With `alone`, a period that closes while no other has started and not closed yet goes to settleAlone, as the recorder sends it.
    const othersOpen = closes.some((c, j) => j > i && c.a < b);
    if (alone && !othersOpen && sweep.settleAlone(r, a, b)) {
      settledAlone++;
      return;
    }
    sweep.add(r, a, b);
    if (!sweep.due) return;
    let frontier = b;
    for (let j = i + 1; j < closes.length; j++) frontier = Math.min(frontier, closes[j].a); // still open, or yet to start
    sweep.settle(frontier);
    maxHeld = Math.max(maxHeld, sweep.held);
  });
  const shares = sweep.finish(1); // a window of 1 h: shares are the hours, as in `whole` below
  return { ...shares, timeline, maxHeld, settledAlone };
}

/** 40 random sets of 1-5 teams, streamed at four batch sizes (with settleAlone when `alone`), against one whole sweep; how many periods settled alone. */
function expectSameAsOneSweep(alone: boolean): number {
  let settledAlone = 0;
  for (let seed = 1; seed <= 40; seed++) {
    const all = randomPeriods(seed, 1 + (seed % 5), 60);
    const whole = shiftingBottleneck(
      all.map((list) => periods(...list)),
      0,
      1,
    );
    for (const minBatch of [1, 3, 40, undefined]) {
      const live = streamed(all, minBatch, alone);
      expect(live.sole).toEqual(whole.sole);
      expect(live.shifting).toEqual(whole.shifting);
      expect(live.timeline).toEqual(whole.timeline);
      settledAlone += live.settledAlone;
    }
  }
  return settledAlone;
}

describe('ShiftingBottleneckSweep: settling while the run goes on', () => {
  it('gives exactly what one sweep over all the periods gives, whenever it settles', () => {
    expectSameAsOneSweep(false);
  });

  it('gives exactly the same when periods that close alone are settled at once, between sweeps of the others', () => {
    const settledAlone = expectSameAsOneSweep(true);
    expect(settledAlone).toBeGreaterThan(100); // the path ran, for one resource and between others' overlaps
    // one resource: every period closes alone; with two touching, the second still is its own reign (merged by the sink)
    const one = streamed(
      [
        [
          [0, 2],
          [2, 3],
          [5, 6],
        ],
      ],
      undefined,
      true,
    );
    expect(one.settledAlone).toBe(3);
    expect(one.timeline).toEqual([
      { start: 0, end: 3, resource: 0, shifting: false },
      { start: 5, end: 6, resource: 0, shifting: false },
    ]);
    expect(one.sole).toEqual([4]);
  });

  it('gives the same with batches doubling from 16 to their size as with a sweep at every close', () => {
    const all = randomPeriods(7, 3, 2000); // about 3,000 periods: batches of 16, 32, 64, 128, then 200
    const every = streamed(all, 1);
    const doubling = streamed(all, 200);
    expect(all.flat().length).toBeGreaterThan(1000);
    expect(doubling.sole).toEqual(every.sole);
    expect(doubling.shifting).toEqual(every.shifting);
    expect(doubling.timeline).toEqual(every.timeline);
  });

  it('keeps its merged periods and heap between settlements: one after a larger one reads nothing the larger left', () => {
    // Resource 0's long period keeps 200 of resource 1's periods waiting, then they settle at once; later settlements hold a few.
    const all: [number, number][][] = [
      [
        [0, 1000],
        [2000, 2001],
      ],
      [],
    ];
    for (let k = 0; k < 200; k++) all[1].push([4 * k + 1, 4 * k + 3]);
    for (let k = 0; k < 50; k++) all[1].push([1500 + 4 * k, 1501 + 4 * k]);
    const whole = shiftingBottleneck(
      all.map((list) => periods(...list)),
      0,
      1,
    );
    for (const minBatch of [1, 2, 7, 300]) {
      const live = streamed(all, minBatch);
      expect(live.sole).toEqual(whole.sole);
      expect(live.shifting).toEqual(whole.shifting);
      expect(live.timeline).toEqual(whole.timeline);
    }
    // resource 0's long period, then each of the 50 later periods reigns, then resource 0's last
    expect(whole.timeline.length).toBe(52);
  });

  it('keeps only the periods that reach past the frontier, not every period of the run', () => {
    const all = randomPeriods(11, 4, 20_000); // about 10,000 periods
    const live = streamed(all, 16);
    expect(all.flat().length).toBeGreaterThan(8000);
    expect(live.maxHeld).toBeLessThan(64);
  });

  it('while a long period stays open, asks to settle again only once twice as many periods wait', () => {
    const sweep = new ShiftingBottleneckSweep(2, null, 4);
    sweep.add(1, 1, 2);
    sweep.add(1, 3, 4);
    sweep.add(1, 5, 6);
    sweep.add(1, 7, 8);
    expect(sweep.due).toBe(true);
    sweep.settle(0); // resource 0 has been active since 0: nothing can be settled
    expect(sweep.due).toBe(false);
    for (let k = 0; k < 3; k++) sweep.add(1, 10 + k, 10.5 + k);
    expect(sweep.due).toBe(false); // 7 wait
    sweep.add(1, 20, 21);
    expect(sweep.due).toBe(true); // 8 wait
    expect(sweep.held).toBe(8);
  });

  it('settles nothing before the earliest open period: a long period still decides what it overlaps', () => {
    // Resource 0 is active [0, 100]; resource 1 has short periods inside it. Settling at the
    // frontier 0 (resource 0 still open) must not name resource 1 the bottleneck anywhere.
    const timeline: BottleneckSpell[] = [];
    const sweep = new ShiftingBottleneckSweep(
      2,
      { addSpell: (start, end, resource, shifting) => timeline.push({ start, end, resource, shifting }) },
      1,
    );
    for (let k = 0; k < 10; k++) {
      sweep.add(1, 10 * k + 1, 10 * k + 5);
      sweep.settle(0);
    }
    expect(timeline).toEqual([]);
    sweep.add(0, 0, 100);
    sweep.settle(100);
    sweep.finish(100);
    expect(timeline).toEqual([{ start: 0, end: 100, resource: 0, shifting: false }]);
  });
});
