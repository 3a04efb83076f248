// Discovery's two per-case sweeps give what the pairwise scans they replaced gave (kept here
// as the references): which activity pairs overlap in a case, and each instance's enabling
// time, over random cases with tied starts, zero-length instances and missing starts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { Overlaps } from '../../engine/discovery/concurrency.js';
import { enablingTimes } from '../../engine/discovery/traces.js';
import type { EventLog } from '../../engine/interchange/event-log.js';

const ACTIVITIES = 5;

/** A case of random instances: activity, start (or none) and length, on a coarse clock so that ties are common. */
const instances = fc.array(
  fc.record({
    activity: fc.integer({ min: 0, max: ACTIVITIES - 1 }),
    start: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 8 }),
    length: fc.constantFrom(0, 0, 1, 2, 5),
  }),
  { maxLength: 40 },
);

function logOf(rows: { activity: number; start: number | null; length: number }[]) {
  const start = Float64Array.from(rows, (r) => r.start ?? Number.NaN);
  const end = Float64Array.from(rows, (r) => (r.start ?? 6) + r.length);
  const log = {
    activities: Array.from({ length: ACTIVITIES }, (_, a) => `a${a}`),
    activityOf: Int32Array.from(rows, (r) => r.activity),
    end,
    enabled: new Float64Array(rows.length).fill(Number.NaN),
    row: Int32Array.from(rows, (_, i) => i + 2),
    size: rows.length,
  } as unknown as EventLog;
  return { log, start };
}

describe('Overlaps', () => {
  test('the pairs of activities with two strictly overlapping instances, as the pairwise scan finds them', () => {
    fc.assert(
      fc.property(instances, (rows) => {
        const { log, start } = logOf(rows);
        const list = rows.map((_, i) => i);
        const scanned = new Set<number>();
        for (const x of list)
          for (const y of list) {
            const a = log.activityOf[x];
            const b = log.activityOf[y];
            if (a < b && start[y] < log.end[x] && start[x] < log.end[y]) scanned.add(a * ACTIVITIES + b);
          }
        const overlaps = new Overlaps(log);
        expect([...overlaps.of(list, start)].sort()).toEqual([...scanned].sort());
        expect([...overlaps.of(list.reverse(), start)].sort()).toEqual([...scanned].sort()); // any order in, and reused
      }),
      { numRuns: 500 },
    );
  });
});

describe('enablingTimes', () => {
  test("each instance's: the latest end of an earlier instance of an activity it is not concurrent with", () => {
    const concurrency = fc.array(fc.boolean(), { minLength: ACTIVITIES * ACTIVITIES, maxLength: ACTIVITIES * ACTIVITIES });
    fc.assert(
      fc.property(fc.array(instances, { maxLength: 4 }), concurrency, (cases, matrix) => {
        const rows = cases.flat();
        const { log, start } = logOf(rows.map((r) => ({ ...r, start: r.start ?? 3 })));
        let next = 0;
        const events = cases.map((c) => c.map(() => next++));
        const concurrent = (a: number, b: number) => a !== b && matrix[Math.min(a, b) * ACTIVITIES + Math.max(a, b)];
        const expected = new Float64Array(log.size).fill(Number.NaN);
        for (const list of events)
          list.forEach((e, k) => {
            let best = -Infinity;
            for (let j = 0; j < k; j++)
              if (!concurrent(log.activityOf[list[j]], log.activityOf[e])) best = Math.max(best, log.end[list[j]]);
            if (k > 0 && best !== -Infinity) expected[e] = Math.min(best, start[e]);
          });
        expect(enablingTimes(log, events, start, concurrent, [])).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
