// A leader's own waits on a cut log are drawn by their passes' weights (extraneous-delays.ts'
// drawnByWeight) into an unweighed sample the fits read as so many observations: its size is
// Kish's effective count, so a heavy pass drawn several times over does not count as several.
// Worked by hand.
import { expect, test } from 'vitest';
import { drawnByWeight } from '../../engine/discovery/extraneous-delays.js';

test('five passes weighing 1, 1, 1, 1, 4: three drawn (64 / 20), the heavy one twice, at (i + 1/2) 8/3 along the running sum', () => {
  // running sums 1, 2, 3, 4, 8 at positions 10..14; draws at 1.33 (position 11), 4 and 6.67 (position 14)
  const weight: number[] = [];
  weight[10] = 1;
  weight[11] = 1;
  weight[12] = 1;
  weight[13] = 1;
  weight[14] = 4;
  expect(drawnByWeight([10, 11, 12, 13, 14], weight)).toEqual([11, 14, 14]);
});

test('passes that weigh alike are the sample as measured, not drawn (null), whatever the weight', () => {
  expect(drawnByWeight([0, 1, 2], [1, 1, 1])).toBeNull();
  expect(drawnByWeight([0, 1, 2], [3.5, 3.5, 3.5])).toBeNull();
});

test('the effective count is never more than the passes measured, and at least one', () => {
  const weight = [1, 2, 3, 50, 1, 1, 7, 1];
  const list = weight.map((_, i) => i);
  const total = weight.reduce((a, b) => a + b, 0);
  const squares = weight.reduce((a, b) => a + b * b, 0);
  const drawn = drawnByWeight(list, weight) ?? [];
  expect(drawn).toHaveLength(Math.round((total * total) / squares));
  expect(drawn.length).toBeLessThanOrEqual(list.length);
  expect(drawn.every((p, i) => i === 0 || p >= drawn[i - 1])).toBe(true); // in time, as measured
  expect(drawnByWeight([4], [9])).toBeNull();
});
