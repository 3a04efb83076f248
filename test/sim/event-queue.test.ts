import { expect, test } from 'vitest';
import { EventQueue, MAX_EVENT_SUBJECT } from '../../engine/sim/event-queue.js';

/** Schedules an event as the simulation does: its time in `at`, then `push`. */
function push(q: EventQueue, time: number, kind: number, subject: number): void {
  q.at = time;
  q.push(kind, subject);
}

test('events come out by time, and simultaneous events in the order they were scheduled', () => {
  const q = new EventQueue();
  const times = [5, 1, 3, 3, 0, 3, 9, 1];
  times.forEach((t, i) => push(q, t, 0, i));
  const out: [number, number][] = [];
  while (q.length > 0) {
    q.pop();
    out.push([q.poppedTime, q.poppedSubject]);
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
  for (let i = 0; i < 5000; i++) push(q, rand() * 100, 1, i);
  for (let i = 0; i < 20000; i++) {
    q.pop();
    now = q.poppedTime;
    expect(now).toBeGreaterThanOrEqual(last);
    last = now;
    push(q, now + rand() * 10, 1, i);
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
      push(q, time, order % 6, order);
      pending.push({ time, order: order++ });
    } else if (r < 0.9) {
      pending.sort((a, b) => a.time - b.time || a.order - b.order);
      const first = pending.shift()!;
      q.pop();
      expect(q.poppedTime).toBe(first.time);
      expect(q.poppedSubject).toBe(first.order);
      expect(q.poppedKind).toBe(first.order % 6);
    } else if (r < 0.95) {
      // the earliest time in a window (after, upTo], the stale root of the last pop left out
      const after = Math.floor(rand() * 20) - 1;
      const upTo = after + Math.floor(rand() * 6);
      const inWindow = pending.filter((e) => e.time > after && e.time <= upTo);
      expect(q.earliestIn(after, upTo)).toBe(inWindow.reduce((m, e) => Math.min(m, e.time), Infinity));
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
  push(q, 3, 1, 1);
  expect(q.peekTime()).toBe(3);
  q.pop();
  expect(q.peekTime()).toBe(Infinity);
  expect(q.length).toBe(0);
});

test('an event keeps its kind and subject up to the largest of each', () => {
  const q = new EventQueue();
  push(q, 2, 7, MAX_EVENT_SUBJECT - 1);
  push(q, 1, 0, 0);
  q.pop();
  expect([q.poppedTime, q.poppedKind, q.poppedSubject]).toEqual([1, 0, 0]);
  q.pop();
  expect([q.poppedTime, q.poppedKind, q.poppedSubject]).toEqual([2, 7, MAX_EVENT_SUBJECT - 1]);
});

test('hasDue: an event pending at or before the horizon, none after it, none when empty', () => {
  const q = new EventQueue(10);
  expect(q.hasDue()).toBe(false);
  push(q, 10, 1, 1);
  push(q, 12, 1, 2);
  expect(q.hasDue()).toBe(true);
  q.pop();
  expect(q.poppedTime).toBe(10);
  expect(q.hasDue()).toBe(false); // 12 is past the horizon
  expect(q.length).toBe(1);
});

test('dueAtPoppedTime(But): whether another pending event (of another kind) shares the popped time, with the popped root still in place or not', () => {
  // Whole times, many ties; after each pop the look comes before any push (the root stale, as the
  // loop leaves it), and now and then after a push or a peek (the root replaced or removed).
  const q = new EventQueue();
  const pending: { time: number; order: number }[] = [];
  let seed = 11;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let order = 0;
  let popped = Number.NaN;
  let looks = 0;
  for (let step = 0; step < 20000; step++) {
    const r = rand();
    if (r < 0.45 || pending.length === 0) {
      const time = Number.isNaN(popped) ? Math.floor(rand() * 8) : popped + Math.floor(rand() * 3);
      push(q, time, order % 3, order);
      pending.push({ time, order: order++ });
    } else if (r < 0.9) {
      pending.sort((a, b) => a.time - b.time || a.order - b.order);
      popped = pending.shift()!.time;
      q.pop();
      expect(q.poppedTime).toBe(popped); // the order kept through the looks at a stale root
    } else q.peekTime();
    if (!Number.isNaN(popped)) {
      expect(q.dueAtPoppedTime()).toBe(pending.some((e) => e.time === popped));
      const kind = step % 3; // a kind to leave out (each event pushed has its order % 3)
      expect(q.dueAtPoppedTimeBut(kind)).toBe(pending.some((e) => e.time === popped && e.order % 3 !== kind));
      looks++;
    }
    expect(q.length).toBe(pending.length);
  }
  expect(looks).toBeGreaterThan(19000);
});

test('simultaneous events keep the order they were scheduled in across 2^22 pushes, where the sequence numbers start again', () => {
  // A few pending events at whole times, many ties, pushed and popped past the 4,194,304th push
  // (event-queue.ts, renumber); each pop checked against the earliest of a list by (time, order).
  const q = new EventQueue();
  const times: number[] = [];
  const orders: number[] = [];
  let seed = 13;
  const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  let order = 0;
  let now = 0;
  let wrong = 0;
  let pops = 0;
  while (order < 2 ** 22 + 20000) {
    if (times.length < 3 || (times.length < 9 && rand() < 0.5)) {
      const time = now + Math.floor(rand() * 3);
      push(q, time, order & 7, order);
      times.push(time);
      orders.push(order++);
    } else {
      let first = 0;
      for (let k = 1; k < times.length; k++)
        if (times[k] < times[first] || (times[k] === times[first] && orders[k] < orders[first])) first = k;
      q.pop();
      pops++;
      if (q.poppedTime !== times[first] || q.poppedSubject !== orders[first] || q.poppedKind !== (orders[first] & 7)) wrong++;
      now = times[first];
      times.splice(first, 1);
      orders.splice(first, 1);
    }
  }
  expect(pops).toBeGreaterThan(2 ** 22);
  expect(wrong).toBe(0);
  expect(q.length).toBe(times.length);
});
