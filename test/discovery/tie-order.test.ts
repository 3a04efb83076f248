// Instances of one case at one instant (traces.ts orderTies): one order for every case, decided by
// the pair's order where apart, else by the file's listing where one-sided beyond chance, else by
// mean place and name. Exact cases on hand-made logs of completion times only.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { orderTies, TIE_ACTIVITIES } from '../../engine/discovery/traces.js';
import type { EventLog } from '../../engine/interchange/event-log.js';

/** A completion-only log of `cases`, each like 'a@1 b@2 end@2' (activity@end), listed in that order. */
function logOf(activities: string[], cases: string[]): { log: EventLog; events: number[][] } {
  const activityOf: number[] = [];
  const end: number[] = [];
  const caseOf: number[] = [];
  const events = cases.map((text, c) =>
    text.split(' ').map((entry) => {
      const [a, t] = entry.split('@');
      activityOf.push(activities.indexOf(a));
      end.push(Number(t));
      caseOf.push(c);
      return activityOf.length - 1;
    }),
  );
  const size = activityOf.length;
  const log = {
    size,
    cases: cases.map((_, c) => `case ${c}`),
    caseOf: Int32Array.from(caseOf),
    activities,
    activityOf: Int32Array.from(activityOf),
    start: new Float64Array(size).fill(Number.NaN),
    end: Float64Array.from(end),
  } as unknown as EventLog;
  return { log, events };
}
const names = (log: EventLog, events: number[][]) => events.map((list) => list.map((e) => log.activities[log.activityOf[e]]).join(' '));
const times = (n: number, text: string) => Array.from({ length: n }, () => text);

test('a step of no time listed after the step it follows, case after case, stays after it', () => {
  // a -> b -> end in 15 cases, a -> end in 35; end at its predecessor's instant (15 > 3.29 * sqrt(15))
  const cases = [...times(15, 'a@1 b@2 end@2'), ...times(35, 'a@1 end@1')];
  const { log, events } = logOf(['a', 'b', 'end'], cases);
  expect(orderTies(log, events)).toBe(0);
  expect(new Set(names(log, events))).toEqual(new Set(['a b end', 'a end']));
  // listed the other way round, it comes first: the file is the only account here
  const back = logOf(['a', 'b', 'end'], [...times(15, 'a@1 end@2 b@2'), ...times(35, 'a@1 end@1')]);
  orderTies(back.log, back.events);
  expect(new Set(names(back.log, back.events))).toEqual(new Set(['a end b', 'a end']));
});

test('a pair listed in both orders, or too few times to tell, is ordered by mean place, then name', () => {
  // x and y at one instant, listed x first in 6 cases and y first in 4: no sign test passes
  const { log, events } = logOf(['s', 'x', 'y'], [...times(6, 's@0 x@1 y@1'), ...times(4, 's@0 y@1 x@1')]);
  orderTies(log, events);
  expect(new Set(names(log, events))).toEqual(new Set(['s x y']));
  // y first in all 3 (3 < 3.29 * sqrt(3)): not enough, by name still
  const few = logOf(['s', 'x', 'y'], times(3, 's@0 y@1 x@1'));
  orderTies(few.log, few.events);
  expect(new Set(names(few.log, few.events))).toEqual(new Set(['s x y']));
});

test("where the pair is apart in other cases, their order there decides, whatever the file's listing", () => {
  // y before x where apart (2 cases); at one instant, listed x first in 20 cases
  const { log, events } = logOf(['x', 'y'], ['y@1 x@2', 'y@1 x@3', ...times(20, 'x@1 y@1')]);
  expect(orderTies(log, events)).toBe(40);
  expect(new Set(names(log, events))).toEqual(new Set(['y x']));
});

test('a tie of more than TIE_ACTIVITIES activities is ordered by place and name alone, its pairs not weighed (s61: quadratic, 4,000 took 6.9 s)', () => {
  // b listed before a at one instant in 15 cases (15 > 3.29 * sqrt(15)); a crowd of `size` activities holds both, after s
  const crowd = (size: number) => {
    const fillers = Array.from({ length: size - 2 }, (_, i) => `f${String(i).padStart(2, '0')}`);
    const { log, events } = logOf(
      ['s', 'a', 'b', ...fillers],
      [...times(15, 'b@1 a@1'), ['s@0', 'b@5', 'a@5', ...fillers.map((f) => `${f}@5`)].join(' ')],
    );
    orderTies(log, events);
    return names(log, events).at(-1)!.split(' ').slice(0, 4).join(' ');
  };
  // a's and b's mean place 1/16, the fillers' 1: after them
  expect(crowd(TIE_ACTIVITIES)).toBe('s b a f00');
  expect(crowd(TIE_ACTIVITIES + 1)).toBe('s a b f00');
  // 20,000 at one instant in one case (some 200 M pairs before): by name
  const many = Array.from({ length: 20_000 }, (_, i) => `a${i}`);
  const { log, events } = logOf(many, [
    many
      .map((a) => `${a}@1`)
      .reverse()
      .join(' '),
  ]);
  orderTies(log, events);
  expect(names(log, events)).toEqual([[...many].sort().join(' ')]);
});

test('past the most pairs weighed, a pair first met later has no evidence: ordered by place and name', () => {
  // b before a and d before c, each by the file's listing (15 > 3.29 * sqrt(15)); (a, b) met first
  const cases = [...times(15, 'b@1 a@1'), ...times(15, 'd@1 c@1')];
  for (const [pairs, order] of [
    [2, ['b a', 'd c']],
    [1, ['b a', 'c d']],
  ] as const) {
    const { log, events } = logOf(['a', 'b', 'c', 'd'], cases);
    orderTies(log, events, { activities: TIE_ACTIVITIES, pairs });
    expect(new Set(names(log, events)), `pairs ${pairs}`).toEqual(new Set(order));
  }
});

test('random logs with ties of up to 40 activities (fast-check, fixed seed): each case keeps its events and instants, one order per set of activities at one instant', () => {
  const ACTS = Array.from({ length: 45 }, (_, i) => `x${i}`);
  const caseArb = fc.array(fc.tuple(fc.nat(44), fc.nat(3)), { minLength: 1, maxLength: 60 });
  fc.assert(
    fc.property(fc.array(caseArb, { minLength: 1, maxLength: 12 }), (raw) => {
      // each case's entries in time order, as groupCases leaves them; an activity once an instant
      const cases = raw.map((entries) => {
        const byTime = new Map<number, Set<number>>();
        for (const [a, t] of entries) (byTime.get(t) ?? byTime.set(t, new Set()).get(t)!).add(a);
        return [...byTime.keys()]
          .sort((x, y) => x - y)
          .flatMap((t) => [...byTime.get(t)!].map((a) => `${ACTS[a]}@${t}`))
          .join(' ');
      });
      const { log, events } = logOf(ACTS, cases);
      const before = events.map((list) => [...list].sort((x, y) => x - y).join());
      orderTies(log, events);
      const orders = new Map<string, string>();
      events.forEach((list, c) => {
        expect([...list].sort((x, y) => x - y).join(), `case ${c}`).toBe(before[c]);
        for (let i = 1; i < list.length; i++) expect(log.end[list[i - 1]]).toBeLessThanOrEqual(log.end[list[i]]);
        for (let i = 0; i < list.length; ) {
          let j = i + 1;
          while (j < list.length && log.end[list[j]] === log.end[list[i]]) j++;
          const order = list.slice(i, j).map((e) => log.activityOf[e]);
          const set = [...order].sort((x, y) => x - y).join();
          expect(orders.get(set) ?? order.join(), `the activities ${set}`).toBe(order.join());
          orders.set(set, order.join());
          i = j;
        }
      });
    }),
    { seed: 61, numRuns: 300 },
  );
});
