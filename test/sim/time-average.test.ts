// The time average of a level against a naive integration of the same step function: the
// window's area, each series bin's and each hour of the week's, with changes that fall in the
// warm-up, on bin and hour boundaries (bins that end on an hour and bins that do not), after
// long spells at level 0, and at the horizon; with and without series and hours of the week;
// segments that end in the next hour (TimeAverage's fast path, also across the end of the week
// inside a bin) and segments at level > 0 that span several hours (which must not take it).
import { describe, expect, test } from 'vitest';
import { Clock } from '../../engine/sim/clock.js';
import { HOURS_PER_WEEK } from '../../engine/week.js';
import { TimeAverage } from '../../engine/sim/time-average.js';
import { seededDraws } from '../support/seeded-draws.js';

/** The level changes by `delta` now: `delta` increments or decrements (a queue's changes are of one). */
function change(average: TimeAverage, delta: number): void {
  for (let k = 0; k < delta; k++) average.increment();
  for (let k = 0; k < -delta; k++) average.decrement();
}

/**
 * A level over [0, 400) with series bins of `binWidth` hours and hours of the week, for the
 * cases worked out by hand: `at(t, delta)` changes it by `delta` at time t.
 */
function handWorked(binWidth: number) {
  const clock = new Clock();
  const binArea = new Float64Array(Math.ceil(400 / binWidth));
  const week = new Float64Array(HOURS_PER_WEEK);
  const average = new TimeAverage(clock, 0, 400, binArea, binWidth, week);
  const at = (t: number, delta: number) => {
    clock.now = t;
    change(average, delta);
  };
  return { average, week, binArea, at };
}

/**
 * A deterministic pseudo-random walk of (time, delta) changes, never below 0, pulled back
 * towards 0 so that it often sits there, sometimes for long quiet spells. Short steps are up to
 * `step` hours: above 1, a level > 0 is held across two or more hour boundaries.
 */
function walk(seed: number, horizon: number, step = 0.3): [number, number][] {
  const next = seededDraws(seed).random;
  const out: [number, number][] = [];
  let t = 0;
  let level = 0;
  for (;;) {
    const u = next();
    // mostly short steps, some exactly on whole hours (hour boundaries), long spells only at level 0
    t = u < 0.1 ? Math.ceil(t) : level === 0 && u < 0.2 ? t + 40 * next() : t + step * next();
    if (t > horizon) return out;
    const delta = level === 0 || next() < 0.4 ? 1 : -1;
    level += delta;
    out.push([t, delta]);
  }
}

/** How far `a` is from `b`, relative to `b` (0 when both are 0). */
function relative(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.abs(b);
}

/** The level after the i-th change. */
function levelAfter(changes: [number, number][], i: number): number {
  let level = 0;
  for (let k = 0; k <= i; k++) level += changes[k][1];
  return level;
}

/** The same areas, segment by segment, each clipped by hand. */
function naive(changes: [number, number][], warmup: number, horizon: number, binWidth: number, bins: number) {
  const binArea = new Float64Array(bins);
  const week = new Float64Array(HOURS_PER_WEEK);
  let area = 0;
  let level = 0;
  let last = 0;
  const segment = (from: number, to: number) => {
    if (level === 0) return;
    const a = Math.max(from, warmup);
    const b = Math.min(to, horizon);
    if (b > a) area += level * (b - a);
    for (let k = 0; k < bins; k++) {
      const lo = Math.max(from, k * binWidth);
      const hi = Math.min(to, (k + 1) * binWidth, horizon);
      if (hi > lo) binArea[k] += level * (hi - lo);
    }
    for (let hour = Math.floor(a); hour < b; hour++) {
      const lo = Math.max(a, hour);
      const hi = Math.min(b, hour + 1);
      if (hi > lo) week[hour % HOURS_PER_WEEK] += level * (hi - lo);
    }
  };
  for (const [t, delta] of changes) {
    segment(last, t);
    last = t;
    level += delta;
  }
  segment(last, horizon);
  return { mean: area / (horizon - warmup), bins: binArea, week };
}

describe('time average', () => {
  const horizon = 1000;

  // Bins of 24 h end on an hour; bins of 2.5 h end inside one, so a stretch can end at either.
  // Bins of 48 h put the end of a week (168, 504, 840) inside a bin; steps of up to 2.2 h hold a
  // level > 0 across two or more hours.
  for (const [seed, warmup, binWidth, step] of [
    [1, 0, 24, 0.3],
    [2, 50.5, 24, 0.3],
    [3, 169, 2.5, 0.3],
    [4, 0.25, 2.5, 0.3],
    [5, 0, 48, 2.2],
    [6, 30.5, 48, 1.3],
  ] as const) {
    test(`window mean, bins and hours of the week match a naive integration (seed ${seed}, warm-up ${warmup} h, bins of ${binWidth} h, steps up to ${step} h)`, () => {
      const bins = Math.ceil(horizon / binWidth);
      const changes = walk(seed, horizon, step);
      expect(changes.length).toBeGreaterThan(600);
      expect(changes.filter((_, i) => levelAfter(changes, i) === 0).length).toBeGreaterThan(100);
      const clock = new Clock();
      const binArea = new Float64Array(bins);
      const week = new Float64Array(HOURS_PER_WEEK);
      const average = new TimeAverage(clock, warmup, horizon, binArea, binWidth, week);
      const plain = new TimeAverage(clock, warmup, horizon); // no series, no week: the same window mean
      const binsOnly = new Float64Array(bins);
      const withoutWeek = new TimeAverage(clock, warmup, horizon, binsOnly, binWidth); // a series, no week
      for (const [t, delta] of changes) {
        clock.now = t;
        change(average, delta);
        change(plain, delta);
        change(withoutWeek, delta);
      }
      average.close();
      plain.close();
      withoutWeek.close();
      const expected = naive(changes, warmup, horizon, binWidth, bins);
      // the same areas as the naive split, summed cell by cell: equal but for the last bits
      expect(relative(average.mean(), expected.mean)).toBeLessThan(1e-14);
      // cut into fewer cells (none at the hours, nor at the bins' ends): the same but for the last bits
      expect(relative(plain.mean(), expected.mean)).toBeLessThan(1e-14);
      expect(relative(withoutWeek.mean(), expected.mean)).toBeLessThan(1e-14);
      binArea.forEach((a, k) => expect(relative(a, expected.bins[k]), `bin ${k}`).toBeLessThan(1e-14));
      binsOnly.forEach((a, k) => expect(relative(a, expected.bins[k]), `bin ${k} without the week`).toBeLessThan(1e-14));
      for (let h = 0; h < HOURS_PER_WEEK; h++) expect(relative(week[h], expected.week[h]), `hour ${h}`).toBeLessThan(1e-14);
    });
  }

  test('a level raised only after a long spell at zero still counts from where it was raised', () => {
    const binWidth = 24;
    const bins = Math.ceil(horizon / binWidth);
    const clock = new Clock();
    const binArea = new Float64Array(bins);
    const week = new Float64Array(HOURS_PER_WEEK);
    const average = new TimeAverage(clock, 0, horizon, binArea, binWidth, week);
    clock.now = 1.5;
    change(average, 1);
    clock.now = 1.75;
    change(average, -1); // 0.25 in bin 0, hour 1
    clock.now = 100.25;
    change(average, 2); // raised again far away: bin 4, hour 100
    clock.now = 100.5;
    change(average, -2);
    average.close();
    expect(binArea[0]).toBe(0.25);
    expect(binArea[4]).toBe(0.5);
    expect(week[1]).toBe(0.25);
    expect(week[100]).toBe(0.5);
    expect(average.mean()).toBe(0.75 / horizon);
  });

  test('areas across hours, bins and the end of the week, worked out by hand', () => {
    const { average, week, binArea, at } = handWorked(1.5); // bins end inside hours as well as on them
    at(0.25, 1);
    at(0.75, 2); // 1 over [0.25, 0.75)
    at(2.5, -3); // 3 over [0.75, 2.5): across hours 1 and 2 and the bin boundary at 1.5
    at(166.5, 1);
    at(167.25, 1); // 1 over [166.5, 167.25)
    at(169.5, -2); // 2 over [167.25, 169.5): Sunday 23:00 into Monday 00:00 and 01:00 of the next week
    average.close();
    expect(Array.from(week.subarray(0, 3))).toEqual([1.25 + 2, 3 + 1, 1.5]); // hours 0, 1, 2 of both weeks
    expect(week[166]).toBe(0.5);
    expect(week[167]).toBe(0.25 + 1.5);
    expect(Array.from(binArea.subarray(0, 2))).toEqual([0.5 + 2.25, 3]);
    // hour 166.5 to 168 is bin 111 (166.5 to 168), then bin 112 (168 to 169.5)
    expect(Array.from(binArea.subarray(110, 114))).toEqual([0, 0.5 + 1.75, 3, 0]);
    expect(average.mean()).toBe((0.5 + 5.25 + 0.5 + 0.25 + 4.5) / 400);
  });

  test('a level never raised keeps an area of -0 (turned into 0 where statistics leave the simulation); one raised before the window counts only inside it', () => {
    const clock = new Clock();
    const never = new TimeAverage(clock, 10, 20);
    const once = new TimeAverage(clock, 10, 20);
    clock.now = 5;
    change(never, 0);
    change(once, 2); // 2 from 5, before the window
    clock.now = 12.5;
    change(once, -1); // 1 from 12.5
    clock.now = 30; // past the horizon: counts up to 20 only
    change(once, -1);
    never.close();
    once.close();
    expect(never.mean()).toBe(-0);
    expect(once.mean()).toBe((2 * 2.5 + 1 * 7.5) / 10);
  });

  test('a segment from Sunday 23:00 into Monday 00:00 inside one bin, and one across three hours, worked out by hand', () => {
    const { average, week, binArea, at } = handWorked(48); // the week's end (168) lies inside bin 3, [144, 192)
    at(167.25, 1);
    at(167.5, 1); // 1 over [167.25, 167.5): the stretch now ends at 168
    at(168.5, -1); // 2 over [167.5, 168.5): into the next hour, which is hour 0 of the week
    at(168.75, 0); // 1 over [168.5, 168.75): the stretch now ends at 169
    at(170.5, -1); // 1 over [168.75, 170.5): past the next hour, into hours 1 and 2
    average.close();
    expect(week[167]).toBe(0.25 + 1);
    expect(Array.from(week.subarray(0, 4))).toEqual([1 + 0.25 + 0.25, 1, 0.5, 0]);
    expect(Array.from(binArea.subarray(2, 5))).toEqual([0, 0.25 + 2 + 0.25 + 1.75, 0]);
    expect(average.mean()).toBe(4.25 / 400);
  });
  test('cells cut at a fractional warm-up, at every hour and bin, a change at the end of an hour, a level held across a bin and one open at the horizon, worked out by hand', () => {
    const clock = new Clock();
    const binArea = new Float64Array(2); // [0, 24) and [24, 48), cut at the horizon, 30
    const week = new Float64Array(HOURS_PER_WEEK);
    const average = new TimeAverage(clock, 2.5, 30, binArea, 24, week);
    const at = (t: number, delta: number) => {
      clock.now = t;
      change(average, delta);
    };
    at(1, 1); // 1 over [1, 3): in the warm-up until 2.5
    at(3, 1); // 2 over [3, 4)
    at(4, -1); // on hour 3's end: 1 over [4, 4.5)
    at(4.5, 1); // 2 over [4.5, 26.25): across 21 hours and the bin's end at 24
    at(26.25, -2);
    at(29.5, 1); // 1 over [29.5, 30), open at the horizon
    average.close();
    expect(Array.from(binArea)).toEqual([2 + 2 + 0.5 + 2 * 19.5, 2 * 2.25 + 0.5]);
    const expected = new Float64Array(HOURS_PER_WEEK);
    expected[2] = 0.5;
    expected[3] = 2;
    expected[4] = 0.5 + 2 * 0.5;
    for (let h = 5; h <= 25; h++) expected[h] = 2;
    expected[26] = 2 * 0.25;
    expected[29] = 0.5;
    expect(Array.from(week)).toEqual(Array.from(expected));
    expect(average.mean()).toBe((0.5 + 2 + 0.5 + 2 * 21.75 + 0.5) / 27.5);
  });
});
