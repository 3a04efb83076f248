// Expected passes round loops that take no time, against the absorbing chain worked by hand.
import { describe, expect, test } from 'vitest';
import { readFlowZeroTimeLoops, zeroTimeLoops } from '../../engine/model/zero-time-loops.js';
import type { DistSpec, NodeSpec } from '../../engine/scenario/types.js';
import { constant, exp, flow, task } from '../support/build.js';

/** check (duration d) -> retry: back to check with probability 1 - exit, else on to work. */
function retryLoop(d: DistSpec, exit: number) {
  return flow('f', [
    task('check', d, null, 'retry'),
    {
      kind: 'decision',
      name: 'retry',
      etom: null,
      branch: [
        { to: 'check', p: 1 - exit },
        { to: 'work', p: exit },
      ],
    },
    task('work', exp(0.5), 'desk'),
  ] as NodeSpec[]);
}

describe('zero-time loops', () => {
  test('check -> retry, left with p = 1e-6: each of the two nodes is passed 1/p times, 2e6 passes from either', () => {
    const [loop, ...others] = zeroTimeLoops(retryLoop(constant(0), 1e-6));
    expect(others).toEqual([]);
    expect(loop.nodes).toEqual(['check', 'retry']);
    expect(loop.expectedPasses / 2e6).toBeCloseTo(1, 6);
  });

  test('a rework loop left with p = 0.8 makes 2.5 passes: below the warning, reported when asked for any', () => {
    expect(zeroTimeLoops(retryLoop(constant(0), 0.8))).toEqual([]);
    const [loop] = zeroTimeLoops(retryLoop(constant(0), 0.8), 0);
    expect(loop.expectedPasses).toBeCloseTo(2.5, 12);
  });

  test('a step of the loop that always takes time breaks it: no zero-time loop, however rarely it is left', () => {
    expect(zeroTimeLoops(retryLoop(exp(0.1), 1e-9), 0)).toEqual([]);
    expect(zeroTimeLoops(retryLoop(constant(0.01), 1e-9), 0)).toEqual([]);
  });

  test('a step that takes no time for a share of its draws: the loop goes on in zero time only that often', () => {
    // check is 0 for half its draws: from check, x_c = 1 + 0.5 x_r; x_r = 1 + (1 - 1e-6) x_c
    const [loop] = zeroTimeLoops(retryLoop({ kind: 'empirical', values: [0, 0, 1, 2] }, 1e-6), 0);
    const q = 0.5 * (1 - 1e-6);
    const fromRetry = (1 + (1 - 1e-6)) / (1 - q);
    expect(loop.expectedPasses).toBeCloseTo(Math.max(fromRetry, 1 + 0.5 * fromRetry), 9);
  });

  test('a loop of decisions only, and a decision that returns to itself', () => {
    const decisions = flow('f', [
      task('start', exp(1), 'desk', 'a'),
      { kind: 'decision', name: 'a', etom: null, branch: [{ to: 'b', p: 1 }] },
      {
        kind: 'decision',
        name: 'b',
        etom: null,
        branch: [
          { to: 'a', p: 0.9999 },
          { to: 'self', p: 0.0001 },
        ],
      },
      {
        kind: 'decision',
        name: 'self',
        etom: null,
        branch: [
          { to: 'self', p: 0.999 },
          { to: 'end', p: 0.001 },
        ],
      },
      task('end', exp(1), 'desk'),
    ] as NodeSpec[]);
    const loops = zeroTimeLoops(decisions, 0);
    expect(loops.map((l) => l.nodes)).toEqual([['a', 'b'], ['self']]);
    expect(loops[0].expectedPasses / (2 / 0.0001)).toBeCloseTo(1, 9);
    expect(loops[1].expectedPasses / 1000).toBeCloseTo(1, 9);
  });

  test('a flow read by validation is searched once: every threshold filters the one search as a search of its own would', () => {
    // three loops (2 / exit passes from the task when it always takes no time); the first's task takes no time for half its draws
    const exits = [0.5, 1e-3, 1e-7];
    const f = flow('f', [
      ...exits.flatMap((exit, i) => [
        task(`t${i}`, i === 0 ? { kind: 'empirical', values: [0, 1] } : constant(0), 'desk', `d${i}`),
        {
          kind: 'decision',
          name: `d${i}`,
          etom: null,
          branch: [
            { to: `t${i}`, p: 1 - exit },
            { to: i + 1 < exits.length ? `t${i + 1}` : 'end', p: exit },
          ],
        },
      ]),
      task('end', exp(1), 'desk'),
    ] as NodeSpec[]);
    for (const atLeast of [0, 1, 2.5, 1000, 1e6, 1e9, Number.POSITIVE_INFINITY, undefined]) {
      const alone = zeroTimeLoops(f, atLeast);
      expect(readFlowZeroTimeLoops(f, atLeast)).toEqual(alone);
      expect(readFlowZeroTimeLoops(f, atLeast)).toEqual(alone); // and again, from what was kept
    }
    expect(readFlowZeroTimeLoops(f, 0).map((l) => l.nodes)).toEqual([
      ['t0', 'd0'],
      ['t1', 'd1'],
      ['t2', 'd2'],
    ]);
    expect(readFlowZeroTimeLoops(f).map((l) => l.nodes)).toEqual([
      ['t1', 'd1'],
      ['t2', 'd2'],
    ]);
    // a flow whose node list is replaced is searched anew: the last loop made to take time
    f.nodes = f.nodes.map((n) => (n.name === 't2' ? task('t2', exp(1), 'desk', 'd2') : n));
    expect(readFlowZeroTimeLoops(f, 0)).toEqual(zeroTimeLoops(f, 0));
    expect(readFlowZeroTimeLoops(f, 0).map((l) => l.nodes)).toEqual([
      ['t0', 'd0'],
      ['t1', 'd1'],
    ]);
  });
});
