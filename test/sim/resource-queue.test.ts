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

  test('asks whether an entry is live only while a forgotten one may still be in the buffers', () => {
    // Entries go stale only through forget (a cancelled or pooled token's); with none forgotten, or every forgotten one
    // skipped already, the head is live and pop takes it without asking. It fails so when pop asks whatever the count
    // (the check below throws), and the next test when it trusts the head while a stale one is left.
    const q = new ResourceQueue(2);
    const never = {
      isLive: (): boolean => {
        throw new Error('asked with no stale entry in the buffers');
      },
    };
    for (let t = 0; t < 6; t++) q.push(t % 2, t, t);
    expect([q.pop(never), q.pop(never), q.pop(never)]).toEqual([0, 2, 4]);
    const cancelled = new Set([3]);
    const asked: number[] = [];
    const entries = {
      isLive: (token: number): boolean => {
        asked.push(token);
        return !cancelled.has(token);
      },
    };
    q.forget(entries);
    expect(q.pop(entries)).toBe(1); // asked: a stale entry is in the buffers
    expect(q.pop(entries)).toBe(5); // 3 asked and skipped; then none is stale: 5 taken unasked
    expect(asked).toEqual([1, 3]);
    q.push(0, 6, 6);
    expect(q.pop(never)).toBe(6); // the stale one is gone: not asked again
    expect(q.pop(never)).toBe(-1);
  });

  test('skips a forgotten entry left among live ones after others were served', () => {
    const q = new ResourceQueue(1);
    const cancelled = new Set<number>();
    const entries = { isLive: (token: number) => !cancelled.has(token) };
    for (let t = 0; t < 5; t++) q.push(0, t, t);
    expect(q.pop(entries)).toBe(0);
    cancelled.add(3);
    q.forget(entries);
    expect([q.pop(entries), q.pop(entries), q.pop(entries), q.pop(entries)]).toEqual([1, 2, 4, -1]);
    expect(q.waiting).toBe(0);
  });
});
