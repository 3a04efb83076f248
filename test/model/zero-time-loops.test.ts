// Expected passes round loops that take no time, against the absorbing chain worked by hand.
import { describe, expect, test } from 'vitest';
import { zeroTimeLoops } from '../../engine/model/zero-time-loops.js';
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
});
