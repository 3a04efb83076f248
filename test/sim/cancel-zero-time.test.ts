// A case that reaches its cancel_after deadline and goes on at that instant through steps that take
// no time (a task of 0 h, automated or on a team, a decision, a join) completes, whatever the clock's
// doubles round its arrival there to: a hair before the deadline, on it, or a hair after
// (engine/sim/clock-rounding.ts). Before, the hair before completed and the other two were cancelled.
import { describe, expect, test } from 'vitest';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { constant, every, flow, scenario, task, team } from '../support/build.js';
import { replicate } from '../support/simulate.js';

const decision = (name: string, to: string): NodeSpec => ({ kind: 'decision', name, etom: null, branch: [{ to, p: 1 }] });
const fork = (name: string, parallel: string[], join: string): NodeSpec => ({ kind: 'fork', name, etom: null, parallel, join });

const GAP = 0.7; // a case every 0.7 h for 1000 h: 1428 cases, arrivals at 0.7 k
const ARRIVALS = Array.from({ length: 1428 }, (_, k) => GAP * (k + 1));

/** Nodes reaching `then` at 0.3 h after the arrival: by one step of 0.3 h (on the deadline exactly), or by 0.1 h + 0.2 h. */
function reach(exact: boolean, then: string): NodeSpec[] {
  return exact ? [task('w', constant(0.3), null, then)] : [task('w', constant(0.1), null, 'x'), task('x', constant(0.2), null, then)];
}

/** What follows the deadline's instant: `z` takes `last` hours, reached directly, through a decision or as a join. */
const SHAPES: Record<string, (exact: boolean, last: number) => NodeSpec[]> = {
  automated: (exact, last) => [...reach(exact, 'z'), task('z', constant(last), null)],
  team: (exact, last) => [...reach(exact, 'z'), task('z', constant(last), 'desk')],
  decision: (exact, last) => [...reach(exact, 'd'), decision('d', 'z'), task('z', constant(last), null)],
  join: (exact, last) => [
    fork('f', ['w', 'b'], 'z'),
    ...reach(exact, 'z'),
    task('b', constant(0.05), null, 'z'),
    task('z', constant(last), null),
  ],
};

function outcomes(last: number): Record<string, number[]> {
  const flows = Object.entries(SHAPES).flatMap(([shape, nodes]) =>
    [true, false].map((exact) => flow(`${shape}_${exact ? 'exact' : 'sum'}`, nodes(exact, last), { cancelAfter: 0.3 })),
  );
  const r = replicate(
    scenario({
      run: { horizon: 1000, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 100)],
      arrivals: flows.map((f, i) => every(f.name, GAP, i)),
      flows,
    }),
  );
  return Object.fromEntries(
    flows.map((f) => [f.name, [r.values(`flows.${f.name}.completed`)[0], r.values(`flows.${f.name}.cancelled`)[0]]]),
  );
}

/** The same [completed, cancelled] for every flow `outcomes` runs. */
function each(outcome: number[]): Record<string, number[]> {
  return Object.fromEntries(Object.keys(SHAPES).flatMap((shape) => [`${shape}_exact`, `${shape}_sum`].map((f) => [f, outcome])));
}

describe('cancel_after at a deadline reached through steps that take no time', () => {
  test('the sums of 0.1 h and 0.2 h land on both sides of 0.3 h after the arrival on the clock', () => {
    const before = ARRIVALS.filter((t) => t + 0.1 + 0.2 < t + 0.3).length;
    const after = ARRIVALS.filter((t) => t + 0.1 + 0.2 > t + 0.3).length;
    expect(before).toBeGreaterThan(100);
    expect(after).toBeGreaterThan(100);
  });

  test('a zero-time step ending at the deadline: every case completes, on it or a rounding either side', () => {
    expect(outcomes(0)).toEqual(each([1428, 0]));
  });

  test('a step of a millisecond after the deadline: every case is cancelled, on it or a rounding either side', () => {
    expect(outcomes(1e-3 / 3600)).toEqual(each([0, 1428]));
  });
});
