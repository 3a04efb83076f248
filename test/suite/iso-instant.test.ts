// test/support/iso-instant.ts, which writes the generated logs' millions of timestamps, holds its
// invariant: the same text as `new Date(ms).toISOString()` for every ms, its cached day included
// (instants that go back and forth across midnight), fractions of a millisecond floored as a
// Date's time value truncates them, and the years toISOString writes with a sign left to it.
import { expect, test } from 'vitest';
import { isoInstant } from '../support/iso-instant.js';
import { seededDraws } from '../support/seeded-draws.js';

const DAY = 86_400_000;
const LAST = Date.UTC(10000, 0, 1);

test("isoInstant is toISOString's text: edges, midnights crossed both ways, a seeded sample across 1970-9999", () => {
  const edges = [
    0,
    0.4,
    999.999,
    DAY - 1,
    DAY,
    DAY + 0.5,
    Date.UTC(2024, 1, 29, 23, 59, 59, 999),
    LAST - 1,
    LAST,
    LAST + 1,
    -1,
    -0.5,
    -DAY,
  ];
  const around = Date.UTC(2026, 0, 5);
  const backAndForth = [around - 1, around, around - 1, around + 1, around - DAY, around];
  const u = seededDraws(59);
  const sample = Array.from({ length: 20_000 }, () => u.random() * LAST);
  for (const ms of [...edges, ...backAndForth, ...sample]) expect(isoInstant(ms), String(ms)).toBe(new Date(ms).toISOString());
  expect(() => isoInstant(Number.NaN)).toThrow(RangeError); // as toISOString of an invalid Date
});
