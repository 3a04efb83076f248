// Instances of one case at one instant (traces.ts orderTies): one order for every case, decided by
// the pair's order where apart, else by the file's listing where one-sided beyond chance, else by
// mean place and name. Exact cases on hand-made logs of completion times only.
import { expect, test } from 'vitest';
import { orderTies } from '../../engine/discovery/traces.js';
import type { EventLog } from '../../engine/interchange/event-log.js';

/** A completion-only log of `cases`, each a list of [activity, end], listed in that order. */
function logOf(activities: string[], cases: [string, number][][]): { log: EventLog; events: number[][] } {
  const activityOf: number[] = [];
  const end: number[] = [];
  const caseOf: number[] = [];
  const events = cases.map((list, c) =>
    list.map(([a, t]) => {
      activityOf.push(activities.indexOf(a));
      end.push(t);
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

test('a step of no time listed after the step it follows, case after case, stays after it', () => {
  // a -> b -> end in 15 of 50 cases, a -> end in 35; end at its predecessor's instant (15 > 3.29 * sqrt(15))
  const cases: [string, number][][] = [];
  for (let c = 0; c < 50; c++) cases.push(c % 10 < 3 ? [['a', 1], ['b', 2], ['end', 2]] : [['a', 1], ['end', 1]]);
  const { log, events } = logOf(['a', 'b', 'end'], cases);
  expect(orderTies(log, events)).toBe(0);
  expect(new Set(names(log, events))).toEqual(new Set(['a b end', 'a end']));
  // listed the other way round, it comes first: the file is the only account here
  const back = logOf(['a', 'b', 'end'], cases.map((list) => (list.length === 3 ? [list[0], list[2], list[1]] : list)));
  orderTies(back.log, back.events);
  expect(new Set(names(back.log, back.events))).toEqual(new Set(['a end b', 'a end']));
});

test('a pair listed in both orders, or too few times to tell, is ordered by mean place, then name', () => {
  // x and y at one instant, listed x first in 6 cases and y first in 4: no sign test passes
  const cases: [string, number][][] = [];
  for (let c = 0; c < 10; c++) cases.push(c < 6 ? [['s', 0], ['x', 1], ['y', 1]] : [['s', 0], ['y', 1], ['x', 1]]);
  const { log, events } = logOf(['s', 'x', 'y'], cases);
  orderTies(log, events);
  expect(new Set(names(log, events))).toEqual(new Set(['s x y']));
  // y first in all 3 (3 < 3.29 * sqrt(3)): not enough, by name still
  const few = logOf(['s', 'x', 'y'], [0, 1, 2].map(() => [['s', 0], ['y', 1], ['x', 1]]));
  orderTies(few.log, few.events);
  expect(new Set(names(few.log, few.events))).toEqual(new Set(['s x y']));
});

test("where the pair is apart in other cases, their order there decides, whatever the file's listing", () => {
  // y before x where apart (2 cases); at one instant, listed x first in 20 cases
  const cases: [string, number][][] = [
    [['y', 1], ['x', 2]],
    [['y', 1], ['x', 3]],
  ];
  for (let c = 0; c < 20; c++) cases.push([['x', 1], ['y', 1]]);
  const { log, events } = logOf(['x', 'y'], cases);
  expect(orderTies(log, events)).toBe(40);
  expect(new Set(names(log, events))).toEqual(new Set(['y x']));
});
