// The warm-up check: the median of the replications' MSER-5 points, per flow of each variant.
import { describe, expect, test } from 'vitest';
import { advisedWarmup, settlingOf, warmupCheck, type WarmupInput } from '../../engine/results/warmup-check.js';
import { offeredLoadWithArrivals } from '../../engine/model/offered-load.js';
import { mmc } from '../support/build.js';

/** A variant's run in which replication k's MSER-5 point for flow f is points[f][k]. */
function run(name: string, warmup: number, points: Record<string, number[]>): WarmupInput {
  const flows = Object.keys(points).map((n) => ({ name: n }));
  const count = Math.max(...Object.values(points).map((p) => p.length));
  const reps = Array.from({ length: count }, (_, k) => ({ mserWarmup: Float64Array.from(flows, (f) => points[f.name][k]) }));
  return { name, model: { warmup, flows }, reps };
}

describe('warm-up check', () => {
  test('one replication far out does not decide: 19 of 20 say no truncation', () => {
    const check = warmupCheck([run('baseline', 480, { repair: [...Array(17).fill(0), 1478.2, 0, 0] })]);
    expect(check).toEqual({
      warmup: 480,
      suggested: { baseline: { repair: 0 } },
      suggested_warmup: 0,
      sufficient: true,
      bin_hours: 0,
      batch_hours: 0,
      series: {},
    }); // no series given: no Welch check
  });

  test('a transient that most replications show: the median names the warm-up to use', () => {
    const check = warmupCheck([run('baseline', 24, { order: [90, 110, 0, 100, 130] })]);
    expect(check.suggested.baseline.order).toBe(100);
    expect(check.suggested_warmup).toBe(100);
    expect(check.sufficient).toBe(false);
  });

  test('an even count takes the mean of the two middle points', () => {
    expect(warmupCheck([run('baseline', 0, { order: [10, 40, 20, 30] })]).suggested.baseline.order).toBe(25);
  });

  test('the largest suggestion over flows and variants is judged against the scenario warm-up', () => {
    const check = warmupCheck([
      run('baseline', 50, { install: [40, 40, 40], repair: [0, 0, 0] }),
      run('zero_touch', 50, { install: [60, 70, 0], repair: [0, 0, 0] }),
    ]);
    expect(check.suggested).toEqual({ baseline: { install: 40, repair: 0 }, zero_touch: { install: 60, repair: 0 } });
    expect(check.suggested_warmup).toBe(60);
    expect(check.sufficient).toBe(false);
    expect(warmupCheck([run('baseline', 60, { install: [60, 60, 60] })]).sufficient).toBe(true); // equal is enough
  });

  test('replications with too few completions for MSER-5 are left out; none at all: no suggestion', () => {
    expect(warmupCheck([run('baseline', 0, { order: [NaN, 8, NaN, 12] })]).suggested.baseline.order).toBe(10);
    const none = warmupCheck([run('baseline', 0, { order: [NaN, NaN] })]);
    expect(none.suggested.baseline.order).toBeNull();
    expect(none.suggested_warmup).toBeNull();
    expect(none.sufficient).toBe(true);
  });

  test('where a transient is confirmed, the advice is at least two relaxation times of the slowest team, or the point if later', () => {
    const run = { warmup: 0, horizon: 2000, replications: 3, seed: 1 };
    // M/M/1 at 90%: relaxation 4 x 0.9 / 0.1^2 = 360 h (relaxation.ts), rounded to whole hours from its float noise
    const busy = settlingOf({ offeredLoad: offeredLoadWithArrivals(mmc(0.9, 1, 1, run)) });
    expect(busy).toEqual({ resource: 'agents', warmup: 720 });
    expect(advisedWarmup(144, busy)).toBe(720); // Welch's point on an empty start: about 0.4 relaxation times
    expect(advisedWarmup(800, busy)).toBe(800); // a later point stands
    // at 50% the queue settles in 8 h: MSER's point stands
    const light = settlingOf({ offeredLoad: offeredLoadWithArrivals(mmc(0.5, 1, 1, run)) });
    expect(light).toEqual({ resource: 'agents', warmup: 16 });
    expect(advisedWarmup(48, light)).toBe(48);
    // without offered loads (or no stable team offered work): the point
    expect(settlingOf({})).toBeNull();
    expect(advisedWarmup(48, null)).toBe(48);
  });
});
