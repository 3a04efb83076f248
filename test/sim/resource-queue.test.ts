import { describe, expect, test } from 'vitest';
import { Fifo } from '../../engine/sim/fifo.js';
import { ResourceQueue } from '../../engine/sim/resource-queue.js';

describe('Fifo', () => {
  test('first in, first out across growth and wrap-around; retain keeps the order', () => {
    const q = new Fifo();
    for (let i = 0; i < 100; i++) q.push(i, i * 10);
    for (let i = 0; i < 50; i++) q.shift(); // the head has moved: later pushes wrap around
    for (let i = 100; i < 180; i++) q.push(i, i * 10);
    q.retain((token) => token % 3 === 0);
    const out: [number, number][] = [];
    while (q.length > 0) {
      out.push([q.headId(), q.headTicket()]);
      q.shift();
    }
    const expected = Array.from({ length: 130 }, (_, k) => 50 + k)
      .filter((t) => t % 3 === 0)
      .map((t) => [t, t * 10]);
    expect(out).toEqual(expected);
  });
});

describe('ResourceQueue', () => {
  test('serves the highest priority level first, then first come, first served', () => {
    const q = new ResourceQueue(2);
    q.push(1, 10, 1);
    q.push(0, 20, 2);
    q.push(1, 11, 3);
    q.push(0, 21, 4);
    const live = { isLive: () => true };
    expect([q.pop(live), q.pop(live), q.pop(live), q.pop(live), q.pop(live)]).toEqual([20, 21, 10, 11, -1]);
  });

  test('forgotten entries stop counting, are skipped, and are swept out when they pile up', () => {
    const q = new ResourceQueue(1);
    const cancelled = new Set<number>();
    const isLive = { isLive: (token: number) => !cancelled.has(token) };
    for (let t = 0; t < 1000; t++) q.push(0, t, t);
    for (let t = 0; t < 1000; t++) {
      if (t % 10 === 0) continue;
      cancelled.add(t);
      q.forget(isLive);
    }
    expect(q.waiting).toBe(100);
    const served: number[] = [];
    for (let token = q.pop(isLive); token >= 0; token = q.pop(isLive)) served.push(token);
    expect(served).toEqual(Array.from({ length: 100 }, (_, k) => 10 * k));
    expect(q.waiting).toBe(0);
  });
});
