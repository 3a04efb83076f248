// The censored warning's arithmetic (engine/results/censoring.ts): the share of cases open at the
// horizon, and how far counting them at their age so far would raise the reported mean cycle
// time, which is the mean over the replications that completed a case.
import { describe, expect, test } from 'vitest';
import { censoring } from '../../engine/results/censoring.js';

const twenty = <T>(value: T, last: T) => [...Array(19).fill(value), last];

describe('censoring', () => {
  test('by hand: 2 of 10 open at twice the mean age raise the mean by 20% and are a fifth of the cases', () => {
    const c = censoring([8, 8], [10, 10], [2, 2], [20, 20])!;
    expect(c.share).toBeCloseTo(0.2, 12);
    expect(c.rise).toBeCloseTo((8 * 10 + 2 * 20) / 10 / 10 - 1, 12);
    expect(c.material).toBe(true);
  });

  test('a replication that completed none is in the share, and compared with the mean of those that did', () => {
    // 19 replications with 100 completed (mean 10 h) and 3 open of 10.5 h; one with none completed and 5 open of
    // 10 h, as old as the others' cycle times. The reported mean is 10 h (19 replications); counted at their ages,
    // the 20 replications' means average 10.0 h too: no rise. Summing the 20 against the 19 read it as 5% (s61F).
    const c = censoring(twenty(100, 0), twenty(10, Number.NaN), twenty(3, 5), twenty(10.5, 10))!;
    expect(c.share).toBeCloseTo((19 * (3 / 103) + 1) / 20, 12); // 7.8%: under the tenth that is material in any case
    expect(c.rise).toBeLessThan(0.005);
    expect(c.material).toBe(false);
  });

  test("open cases balanced by those in progress at the window's start are no excess, and their rise no bias", () => {
    // 8 completed and 2 open of 10 arrived: 0 in progress at the start, every open case in excess (as without arrivals)
    expect(censoring([8, 8], [10, 10], [2, 2], [20, 20], [10, 10], [0, 0])).toEqual(censoring([8, 8], [10, 10], [2, 2], [20, 20]));
    // 10 arrived, 1 cancelled, 8 completed and 3 open: 2 were in progress at the start, 1 of the 3 open in excess
    const c = censoring([8, 8], [10, 10], [3, 3], [20, 20], [10, 10], [1, 1])!;
    expect(c.share).toBeCloseTo(3 / 11, 12);
    expect(c.excess).toBeCloseTo(1 / 11, 12);
    expect(c.rise).toBeCloseTo((8 * 10 + 3 * 20) / 11 / 10 - 1, 12);
    expect(c.biasedRise).toBeCloseTo(c.rise / 3, 12);
    expect(c.material).toBe(true); // 9% in excess, under the tenth, but raising the mean by 9%
    // as many open as were in progress: no excess however many
    const balanced = censoring([50, 50], [10, 10], [50, 50], [30, 30], [50, 50], [0, 0])!;
    expect([balanced.share, balanced.excess, balanced.biasedRise, balanced.material]).toEqual([0.5, 0, 0, false]);
  });

  test('no replication completed a case: the rise is unbounded and the share decides', () => {
    const c = censoring([0, 0], [Number.NaN, Number.NaN], [4, 2], [30, 10])!;
    expect(c.share).toBe(1);
    expect(c.rise).toBe(Number.POSITIVE_INFINITY);
    expect(c.material).toBe(true);
  });
});
