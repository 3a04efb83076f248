// A store of a value per completed case that cannot grow (no memory left, or past the longest
// typed array) is the run's length exhausting memory: a failure coded as a worker out of memory,
// which the command line tells with what to change, not an internal error of etomsim.
import { expect, test } from 'vitest';
import { outOfMemory } from '../../engine/failure.js';
import { GrowableArray, grownCopy, StoreOutgrown } from '../../engine/sim/growable.js';

/** A store maker that, like a system out of memory, refuses more than `most` values. */
const upTo = (most: number) => (size: number) => {
  if (size > most) throw new RangeError('Array buffer allocation failed');
  return new Float64Array(size);
};

test('a growable store that cannot grow throws StoreOutgrown, coded out of memory, having kept what it held', () => {
  const store = new GrowableArray(upTo(32), 0, 16);
  for (let k = 0; k < 32; k++) store.push(k);
  const err = (() => {
    try {
      store.push(32);
    } catch (e) {
      return e;
    }
  })();
  expect(err).toBeInstanceOf(StoreOutgrown);
  expect(outOfMemory(err)).toBe(true);
  expect((err as Error).message).toBe(
    "a replication keeps a value per completed case (the exact percentiles and MSER-5's warm-up read them), and its store of 32 could not grow to 512 bytes: out of memory; a shorter run.horizon, or fewer arrivals per replication (more replications instead), keeps it smaller",
  );
  expect(((err as Error).cause as Error).message).toBe('Array buffer allocation failed');
  expect(Array.from(store.view())).toEqual(Array.from({ length: 32 }, (_, k) => k));
});

test("past the longest typed array (V8's own RangeError), the same failure; any other error is passed on as it is", () => {
  const data = new Float32Array([1, 2, 3]);
  expect(() => grownCopy(data, 2 ** 33, (n) => new Float32Array(n))).toThrow(StoreOutgrown);
  const copy = grownCopy(data, 8, (n) => new Float32Array(n));
  expect(Array.from(copy)).toEqual([1, 2, 3, 0, 0, 0, 0, 0]);
  const bug = new TypeError('not a store');
  expect(() =>
    grownCopy(data, 8, () => {
      throw bug;
    }),
  ).toThrow(bug);
});
