// exits-seen.ts' window: the quantile of a step's gaps read by Lynden-Bell's product-limit estimator
// for right-truncated data, worked by hand.
import { expect, test } from 'vitest';
import { lawAt, truncatedLaw, truncatedQuantile } from '../../engine/discovery/exits-seen.js';
import { quantileSorted } from '../../engine/stats/percentile.js';

test('no bound below the longest gap: the gaps quantile, as before', () => {
  const gaps = [5, 1, 3, 2, 4];
  expect(truncatedQuantile(gaps, [9, 9, 9, 9, 5], 0.99)).toBe(quantileSorted([1, 2, 3, 4, 5], 0.99));
});

test('a gap an instance could not have shown weighs by the instances that could', () => {
  // gaps 1, 2, 3; the instance with gap 2 ended 2.5 before the log's end, so it could not show 3:
  // R(3) = {gap 1, gap 3}, F(3-) = 1/2; R(2) = {1, 2}, F(2-) = 1/4; R(1) = {1}, F(1-) = 0
  const gaps = [1, 2, 3];
  const bounds = [10, 2.5, 10];
  expect(truncatedQuantile(gaps, bounds, 0.99)).toBe(3);
  expect(truncatedQuantile(gaps, bounds, 0.5)).toBe(2);
  expect(truncatedQuantile(gaps, bounds, 0.3)).toBe(2);
  expect(truncatedQuantile(gaps, bounds, 0.25)).toBe(1);
  // read as complete, the same gaps' median is 2 and their 0.3 quantile 1.6
  expect(quantileSorted([1, 2, 3], 0.3)).toBeCloseTo(1.6, 12);
});

test('ties count together; a step never followed has no window', () => {
  // gaps 1, 1, 4: R(4) = 3 - #{bounds < 4} = 2 (one instance with gap 1 ended 2 before the end)
  expect(truncatedQuantile([1, 4, 1], [2, 8, 8], 0.6)).toBe(4); // F(4-) = 1/2
  expect(truncatedQuantile([1, 4, 1], [2, 8, 8], 0.5)).toBe(1);
  expect(truncatedQuantile([], [], 0.99)).toBe(Number.NEGATIVE_INFINITY);
});

test("the law's F at any point: the share of the gaps at or below it, 0 below the shortest", () => {
  // the gaps and bounds above: F(1) = 1/4, F(2) = 1/2, F(3) = 1
  const law = truncatedLaw([1, 2, 3], [10, 2.5, 10]);
  expect([...law.at]).toEqual([1, 2, 3]);
  expect([...law.cdf]).toEqual([0.25, 0.5, 1]);
  expect([0.5, 1, 1.5, 2, 2.9, 3, 100].map((x) => lawAt(law, x))).toEqual([0, 0.25, 0.25, 0.5, 0.5, 1, 1]);
  // no bound below the longest gap: the gaps' own law, ties together
  const own = truncatedLaw([2, 1, 2, 4], [9, 9, 9, 9]);
  expect([...own.at]).toEqual([1, 2, 4]);
  expect([...own.cdf]).toEqual([0.25, 0.75, 1]);
});

test('a gap only its own instance could show (a hole) is skipped: the gaps below it keep their law', () => {
  // gaps 1, 2, 2, 10, 12; the instances of 1 and the 2s ended 3, 3 and 4 before the log's end, 10's 20, 12's 30.
  // R(12) = {10, 12}: F(12-) = 1/2. R(10) = {10} alone (no shorter gap's instance could show 10): a hole, whose
  // factor 1 - 1/1 would put F at 0 below it; skipped, F(10-) = 1/2. R(2) = {1, 2, 2}: F(2-) = 1/2 (1 - 2/3) = 1/6
  const law = truncatedLaw([2, 12, 1, 10, 2], [3, 30, 3, 20, 4]);
  expect([...law.at]).toEqual([1, 2, 10, 12]);
  expect(law.cdf[0]).toBeCloseTo(1 / 6, 12);
  expect([...law.cdf.subarray(1)]).toEqual([1 / 2, 1 / 2, 1]);
  // the 0.4 quantile: 2 (with the factor kept, F(2) = 0 and it would be 10)
  expect(truncatedQuantile([2, 12, 1, 10, 2], [3, 30, 3, 20, 4], 0.4)).toBe(2);
});
