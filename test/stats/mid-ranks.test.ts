// The mid-ranks of a sample (engine/stats/mid-ranks.ts): a value's rank is the count of values below it plus (1 + the
// count equal to it) / 2, below and equal as < and === say; checked on exact cases and against that count by brute force.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { midRanks, RankScratch } from '../../engine/stats/mid-ranks.js';

const ranksOf = (values: readonly number[], n = values.length) => {
  const ranks = new Float64Array(n);
  midRanks(Float64Array.from(values), n, ranks);
  return Array.from(ranks);
};

/** By definition: the count of values below, plus (1 + the count equal, itself included) / 2. */
const byCount = (values: ArrayLike<number>, n: number) =>
  Array.from({ length: n }, (_, i) => {
    let below = 0;
    let equal = 0;
    for (let j = 0; j < n; j++)
      if (values[j] < values[i]) below++;
      else if (values[j] === values[i]) equal++;
    return below + (equal + 1) / 2;
  });

describe('mid-ranks', () => {
  test('distinct values: their places in order, 1-based', () => {
    expect(ranksOf([0.3, -2, 7, 1e-300, -1e-300])).toEqual([4, 1, 5, 3, 2]);
  });

  test('ties share their places’ mean rank', () => {
    expect(ranksOf([2, 1, 2, 3, 1, 2])).toEqual([4, 1.5, 4, 6, 1.5, 4]);
    expect(ranksOf([5, 5, 5, 5])).toEqual([2.5, 2.5, 2.5, 2.5]);
  });

  test('-0 is 0, infinities are the ends, and only the first n values are ranked', () => {
    expect(ranksOf([0, -0, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0])).toEqual([4, 4, 2, 6, 1, 4]);
    expect(ranksOf([3, 1, 2, -50, -60], 3)).toEqual([3, 1, 2]);
    expect(ranksOf([], 0)).toEqual([]);
  });

  test('as the count says on random samples with many ties, of every sign and size, one after another', () => {
    // one after another in one scratch, as the warm-up check sorts: a smaller sample after a larger one must not read it
    const uniform = seedrandom('etomsim-mid-ranks');
    const scratch = new RankScratch();
    const common = [0, -0, 1, -1, 0.1 + 0.2, 0.3, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Number.POSITIVE_INFINITY];
    for (const n of [300, 7, 1, 2000, 40, 0, 513]) {
      const values = Float64Array.from({ length: n + 5 }, () =>
        uniform() < 0.5 ? common[Math.floor(uniform() * common.length)] : (uniform() - 0.5) * 10 ** Math.floor(uniform() * 40 - 20),
      );
      const ranks = new Float64Array(n);
      midRanks(values, n, ranks, scratch);
      expect(Array.from(ranks)).toEqual(byCount(values, n));
    }
  });
});
