// keepLoopPasses weighs each fold by solving its loop's routing chain; past its budget every folded path
// out of a loop comes back unweighed, which gives the loop its unfolded rows, so the rule's bound holds
// (a tangled log's loop of hundreds of steps would otherwise take hours of solves).
import { describe, expect, test } from 'vitest';
import { END, START } from '../../engine/discovery/flow-structure.js';
import { type FoldedPath, keepLoopPasses } from '../../engine/discovery/loop-passes.js';
import { DENSE_UP_TO } from '../../engine/model/routing-chain.js';

/** A loop 0 -> 1 -> 2 -> 0 with a rare exit at 0 (folded), then 3, whose rare path to 4 (no loop) is folded too. */
function chain() {
  const unfolded = new Map<number, Map<number, number>>([
    [START, new Map([[0, 100]])],
    [
      0,
      new Map([
        [1, 95],
        [END, 5],
      ]),
    ],
    [1, new Map([[2, 100]])],
    [
      2,
      new Map([
        [0, 60],
        [3, 40],
      ]),
    ],
    [
      3,
      new Map([
        [END, 97],
        [4, 3],
      ]),
    ],
    [4, new Map([[END, 3]])],
  ]);
  const transitions = new Map([...unfolded].map(([from, row]) => [from, new Map(row)]));
  transitions.get(0)!.delete(END);
  transitions.get(3)!.delete(4);
  const folded: FoldedPath[] = [
    { from: 0, to: END, count: 5, total: 100 },
    { from: 3, to: 4, count: 3, total: 100 },
  ];
  return { unfolded, transitions, folded };
}

describe('keepLoopPasses and its budget', () => {
  test('within the budget the rule weighs: the loop exit whose fold would lengthen the loop is kept, with its passes', () => {
    const { unfolded, transitions, folded } = chain();
    const kept = keepLoopPasses(transitions, unfolded, folded, 5, 0.05);
    expect(kept.map((k) => [k.from, k.to])).toEqual([[0, END]]);
    expect(kept[0].step).not.toBeNull();
    // without the exit a case reaching 0 goes round 1/0.4 = 2.5 times; with it 1/(1 - 0.95 * 0.6) = 2.33
    expect(kept[0].folded).toBeCloseTo(2.5, 12);
    expect(kept[0].unfolded).toBeCloseTo(1 / (1 - 0.95 * 0.6), 12);
    expect(folded).toEqual([{ from: 3, to: 4, count: 3, total: 100 }]);
  });

  test('past the budget every folded path out of a loop comes back unweighed; one out of no loop stays folded', () => {
    const { unfolded, transitions, folded } = chain();
    const kept = keepLoopPasses(transitions, unfolded, folded, 5, 0.05, 0);
    expect(kept).toEqual([{ from: 0, to: END, count: 5, total: 100, step: null, unfolded: Number.NaN, folded: Number.NaN }]);
    for (const step of [0, 1, 2]) expect(transitions.get(step)).toEqual(unfolded.get(step));
    expect(folded).toEqual([{ from: 3, to: 4, count: 3, total: 100 }]);
    expect(transitions.get(3)!.has(4)).toBe(false);
  });

  test('a budget that covers the first weighing but not the tries falls back the same way', () => {
    const { unfolded, transitions, folded } = chain();
    // 27 a weighing of the 3-step loop: the unfolded passes and one look, then no try of a path
    const kept = keepLoopPasses(transitions, unfolded, folded, 5, 0.05, 2 * 27);
    expect(kept.map((k) => [k.from, k.to, k.step])).toEqual([[0, END, null]]);
    for (const step of [0, 1, 2]) expect(transitions.get(step)).toEqual(unfolded.get(step));
  });

  test('a loop of more than DENSE_UP_TO steps is never weighed (its solve is a step at a time): its rare exits come back', () => {
    const k = DENSE_UP_TO + 1;
    const unfolded = new Map<number, Map<number, number>>([[START, new Map([[0, 1000]])]]);
    for (let i = 0; i < k; i++)
      unfolded.set(
        i,
        new Map([
          [(i + 1) % k, 990],
          [END, 10],
        ]),
      );
    const transitions = new Map([...unfolded].map(([from, row]) => [from, new Map(row)]));
    const folded: FoldedPath[] = [];
    for (let i = 0; i < k; i += 50) {
      transitions.get(i)!.delete(END);
      folded.push({ from: i, to: END, count: 10, total: 1000 });
    }
    const kept = keepLoopPasses(transitions, unfolded, folded, k, 0.05);
    expect(kept.map((p) => [p.from, p.step])).toEqual([0, 50, 100, 150, 200].map((from) => [from, null]));
    expect(folded).toEqual([]);
    for (let i = 0; i < k; i++) expect(transitions.get(i)).toEqual(unfolded.get(i));
  });
});
