import { expect, test } from 'vitest';
import { EventQueue, MAX_EVENT_SUBJECT } from '../../engine/sim/event-queue.js';

test('events come out by time, and simultaneous events in the order they were scheduled', () => {
  const q = new EventQueue();
  const times = [5, 1, 3, 3, 0, 3, 9, 1];
  times.forEach((t, i) => q.push(t, 0, i));
  const out: [number, number][] = [];
  while (q.length > 0) {
    const t = q.pop();
    out.push([t, q.poppedSubject]);
  }
  expect(out).toEqual([
    [0, 4],
    [1, 1],
    [1, 7],
    [3, 2],
    [3, 3],
    [3, 5],
    [5, 0],
    [9, 6],
  ]);
});

test('grows past its initial size and stays ordered under interleaved pushes and pops', () => {
  const q = new EventQueue();
  let seed = 1;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let last = -Infinity;
  let now = 0;
  for (let i = 0; i < 5000; i++) q.push(rand() * 100, 1, i);
  for (let i = 0; i < 20000; i++) {
    now = q.pop();
    expect(now).toBeGreaterThanOrEqual(last);
    last = now;
    q.push(now + rand() * 10, 1, i);
  }
  expect(q.length).toBe(5000);
  expect(q.poppedKind).toBe(1);
});

test('pushes and pops in any interleaving give the order of a sorted list of (time, scheduling order)', () => {
  // Whole times, so that ties are frequent; each step pops, pushes or looks, at random.
  const q = new EventQueue();
  const pending: { time: number; order: number }[] = [];
  let seed = 7;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let order = 0;
  for (let step = 0; step < 20000; step++) {
    const r = rand();
    if (r < 0.45 || pending.length === 0) {
      const time = Math.floor(rand() * 20);
      q.push(time, order % 6, order);
      pending.push({ time, order: order++ });
    } else if (r < 0.9) {
      pending.sort((a, b) => a.time - b.time || a.order - b.order);
      const first = pending.shift()!;
      expect(q.pop()).toBe(first.time);
      expect(q.poppedSubject).toBe(first.order);
      expect(q.poppedKind).toBe(first.order % 6);
    } else {
      const earliest = pending.reduce((m, e) => Math.min(m, e.time), Infinity);
      expect(q.peekTime()).toBe(earliest);
    }
    if (pending.length === 0) expect(q.peekTime()).toBe(Infinity);
    expect(q.length).toBe(pending.length);
  }
});

test('an empty queue, new or emptied, peeks Infinity', () => {
  const q = new EventQueue();
  expect(q.peekTime()).toBe(Infinity);
  q.push(3, 1, 1);
  expect(q.peekTime()).toBe(3);
  q.pop();
  expect(q.peekTime()).toBe(Infinity);
  expect(q.length).toBe(0);
});

test('an event keeps its kind and subject up to the largest of each', () => {
  const q = new EventQueue();
  q.push(2, 7, MAX_EVENT_SUBJECT - 1);
  q.push(1, 0, 0);
  expect([q.pop(), q.poppedKind, q.poppedSubject]).toEqual([1, 0, 0]);
  expect([q.pop(), q.poppedKind, q.poppedSubject]).toEqual([2, 7, MAX_EVENT_SUBJECT - 1]);
});
