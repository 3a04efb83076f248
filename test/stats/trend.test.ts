import { describe, expect, test } from 'vitest';
import { leastSquaresSlope, trendAcrossReplications } from '../../engine/stats/trend.js';
import { normalDraws } from './normal-draws.js';

describe('trend across replications', () => {
  test('the least-squares slope by hand', () => {
    expect(leastSquaresSlope([0, 1, 2, 3], [1, 3, 5, 7])).toBe(2);
    expect(leastSquaresSlope([1, 1], [1, 2])).toBeNaN();
  });

  test('a steady climb in every replication is significant; noise about a level is not', () => {
    const draw = normalDraws('etomsim-trend');
    const times = Array.from({ length: 20 }, (_, i) => i * 10);
    const climbing = Array.from({ length: 10 }, () => times.map((t) => 5 + 0.1 * t + draw()));
    const flat = Array.from({ length: 10 }, () => times.map(() => 5 + draw()));
    const up = trendAcrossReplications(times, climbing)!;
    expect(up.significant).toBe(true);
    expect(up.rise).toBeCloseTo(19, 0);
    expect(trendAcrossReplications(times, flat)!.significant).toBe(false);
    expect(trendAcrossReplications(times, [times])).toBeNull(); // one replication: no test
  });
});
