// The concurrency oracle's rule recounted pair by pair, over random cases: two activities are
// concurrent where their instances overlap in at least OVERLAP_SHARE of the cases with both, or,
// among the cases (not under way at the log's opening) with one instance of each, each order
// comes in at least ORDER_SHARE of them. Of few activities and of more than its index of every
// pair holds (PairSlots' table): both ways of counting give the rule's pairs.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { concurrencyOracle, ORDER_SHARE, OVERLAP_SHARE, PairSlots } from '../../engine/discovery/concurrency.js';
import type { EventLog } from '../../engine/interchange/event-log.js';

interface Row {
  activity: number;
  start: number | null;
  length: number;
}

/** cases of instances whose activities lie near a base of their own, so that pairs recur among many activities */
function casesOf(activities: number) {
  const instance = fc.record({
    offset: fc.integer({ min: 0, max: 5 }),
    start: fc.option(fc.integer({ min: 0, max: 12 }), { freq: 8 }),
    length: fc.constantFrom(0, 1, 2, 5),
  });
  const oneCase = fc.record({
    base: fc.integer({ min: 0, max: activities - 6 }),
    rows: fc.array(instance, { minLength: 1, maxLength: 8 }),
    partial: fc.boolean(),
  });
  return fc.array(oneCase, { minLength: 1, maxLength: 60, size: 'max' }).map((cases) =>
    cases.map((c) => ({
      partial: c.partial && c.rows.length > 3,
      rows: c.rows.map((r) => ({ activity: c.base + r.offset, start: r.start, length: r.length })),
    })),
  );
}

function logOf(activities: number, cases: { rows: Row[] }[]) {
  const rows = cases.flatMap((c) => c.rows);
  const start = Float64Array.from(rows, (r) => r.start ?? Number.NaN);
  const log = {
    activities: Array.from({ length: activities }, (_, a) => `a${a}`),
    activityOf: Int32Array.from(rows, (r) => r.activity),
    end: Float64Array.from(rows, (r) => (r.start ?? 6) + r.length),
    size: rows.length,
  } as unknown as EventLog;
  let next = 0;
  const events = cases.map((c) => c.rows.map(() => next++));
  return { log, start, events };
}

/** The rule, pair by pair: every pair of activities met in one case, counted by scanning the case. */
function expectedPairs(log: EventLog, start: Float64Array, events: number[][], partial: Set<number[]>): [number, number][] {
  const act = (e: number) => log.activityOf[e];
  const out: [number, number][] = [];
  const met = new Set<number>();
  const m = log.activities.length;
  for (const list of events) for (const x of list) for (const y of list) if (act(x) < act(y)) met.add(act(x) * m + act(y));
  for (const key of [...met].sort((x, y) => x - y)) {
    const a = Math.floor(key / m);
    const b = key % m;
    let both = 0;
    let overlapping = 0;
    let once = 0;
    let aFirst = 0;
    let bFirst = 0;
    for (const list of events) {
      const as = list.filter((e) => act(e) === a);
      const bs = list.filter((e) => act(e) === b);
      if (as.length === 0 || bs.length === 0) continue;
      both++;
      if (as.some((x) => bs.some((y) => start[y] < log.end[x] && start[x] < log.end[y]))) overlapping++;
      if (as.length === 1 && bs.length === 1 && !partial.has(list)) {
        once++;
        if (list.indexOf(as[0]) < list.indexOf(bs[0])) aFirst++;
        else bFirst++;
      }
    }
    if (overlapping / both >= OVERLAP_SHARE || (once > 0 && Math.min(aFirst, bFirst) / once >= ORDER_SHARE)) out.push([a, b]);
  }
  return out;
}

describe('PairSlots', () => {
  for (const k of [40, 5000]) {
    test(`slots in the order first asked, the same slot for the same pair, of ${k} numbers (${k <= 512 ? 'indexed' : 'a table'})`, () => {
      // pairs of few first members, so that one's many partners share the table's probes
      const pair = fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: k - 11 })).map(([i, d]) => [i, i + d] as const);
      fc.assert(
        fc.property(fc.array(pair, { minLength: 1000, maxLength: 3000 }), (pairs) => {
          const slots = new PairSlots(k);
          const reference = new Map<string, number>();
          const expected: number[] = [];
          const got: number[] = [];
          for (const [i, j] of pairs) {
            const key = `${i},${j}`;
            if (!reference.has(key)) reference.set(key, reference.size);
            const slot = slots.slot(i, j);
            expected.push(reference.get(key)!, i, j);
            got.push(slot, slots.lower(slot), slots.upper(slot));
          }
          expect(got).toEqual(expected);
        }),
        { numRuns: 20 },
      );
    });
  }
});

describe('concurrencyOracle', () => {
  for (const activities of [8, 600]) {
    test(`the rule's pairs, its relation and each activity's partners, of ${activities} activities`, () => {
      fc.assert(
        fc.property(casesOf(activities), (cases) => {
          const { log, start, events } = logOf(activities, cases);
          const partial = new Set(events.filter((_, c) => cases[c].partial));
          const oracle = concurrencyOracle(log, events, start, (list) => partial.has(list));
          const expected = expectedPairs(log, start, events, partial);
          expect(oracle.pairs).toEqual(expected);
          for (const [a, b] of expected) expect(oracle.concurrent(a, b) && oracle.concurrent(b, a)).toBe(true);
          for (const a of new Set(log.activityOf)) {
            const partners = expected.flatMap(([x, y]) => (x === a ? [y] : y === a ? [x] : []));
            expect([...oracle.partners(a)].sort((x, y) => x - y)).toEqual(partners.sort((x, y) => x - y));
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});
