// The charts' shared queue, taken from both ends: whatever the order of takes from the front
// and the back, and wherever the end is set, each chart is taken exactly once, the front in
// increasing order and the back in decreasing order, and nothing past the end; before the end is
// known the front runs ahead of the charts handed (a thread then waits for the spec).
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { endAt, MAX_CHARTS, newChartQueue, takeFirst, takeLast } from '../../reports/chart-queue.js';

describe('the chart queue', () => {
  test('the front before the end is known, then both ends until they meet', () => {
    const queue = new Int32Array(newChartQueue());
    expect([takeFirst(queue), takeFirst(queue)]).toEqual([0, 1]);
    expect(endAt(queue, 6)).toBe(4); // charts 2-5 untaken
    expect([takeLast(queue), takeLast(queue), takeFirst(queue), takeLast(queue)]).toEqual([5, 4, 2, 3]);
    expect([takeFirst(queue), takeLast(queue)]).toEqual([-1, -1]);
  });

  test('a front already past the end leaves nothing to take from the back', () => {
    const queue = new Int32Array(newChartQueue());
    expect([takeFirst(queue), takeFirst(queue), takeFirst(queue)]).toEqual([0, 1, 2]); // a thread waiting for chart 2's spec
    expect(endAt(queue, 2)).toBe(0);
    expect([takeLast(queue), takeFirst(queue)]).toEqual([-1, -1]);
    expect(endAt(new Int32Array(newChartQueue()), 0)).toBe(0);
  });

  test('any interleaving of takes: each chart once, the front ascending, the back descending', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.nat(45), fc.array(fc.boolean(), { maxLength: 100 }), (early, count, takes) => {
        const queue = new Int32Array(newChartQueue());
        const front: number[] = [];
        for (let i = 0; i < Math.min(early, count + 1); i++) front.push(takeFirst(queue));
        const untaken = endAt(queue, count);
        expect(untaken).toBe(Math.max(0, count - front.length));
        const back: number[] = [];
        for (const fromFront of [...takes, ...Array<boolean>(count).fill(true)]) {
          const i = fromFront ? takeFirst(queue) : takeLast(queue);
          if (i >= 0) (fromFront ? front : back).push(i);
        }
        const taken = [...front, ...back].filter((i) => i < count);
        expect(taken.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
        expect(front).toEqual([...front].sort((a, b) => a - b));
        expect(back).toEqual([...back].sort((a, b) => b - a));
        expect([takeFirst(queue), takeLast(queue)]).toEqual([-1, -1]);
      }),
    );
  });

  test('an end beyond what the queue can hold is refused', () => {
    expect(() => endAt(new Int32Array(newChartQueue()), MAX_CHARTS + 1)).toThrow(RangeError);
    expect(endAt(new Int32Array(newChartQueue()), MAX_CHARTS)).toBe(MAX_CHARTS);
  });
});
