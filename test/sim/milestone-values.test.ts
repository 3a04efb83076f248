// A milestone's value is never negative (recorder.ts endMilestone): the percentiles order values by their
// bit patterns, in which a negative float sorts after every positive one. It began when the case first
// entered `from` and ends the first time it leaves `to`, once begun, and the clock never goes back; a
// value below 0 is the simulation's fault, stopped with a message rather than read as another percentile.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout } from '../../engine/model/metrics.js';
import { replicationKey } from '../../engine/random/stream.js';
import type { CaseTable } from '../../engine/sim/cases.js';
import type { Clock } from '../../engine/sim/clock.js';
import type { Recorder } from '../../engine/sim/recorder.js';
import { Simulation } from '../../engine/sim/simulation.js';
import { constant, every, flow, scenario, task, team } from '../support/build.js';

/** One case every 10 hours through `a` (2 h) then `b` (3 h); the milestone from `b` to `a` ends before it could begin. */
function backAndForth() {
  return scenario({
    run: { horizon: 100, warmup: 0, replications: 1, seed: 1 },
    resources: [team('desk', 1)],
    arrivals: [every('f', 10)],
    flows: [
      flow('f', [task('a', constant(2), 'desk', 'b'), task('b', constant(3), 'desk')], {
        kpis: [
          { name: 'a_to_b', from: 'a', to: 'b', sla: null },
          { name: 'b_to_a', from: 'b', to: 'a', sla: null },
        ],
      }),
    ],
  });
}

describe("a milestone's values", () => {
  test('are the hours from entering `from` to leaving `to`, and a milestone whose `to` comes first measures nothing', () => {
    const model = compileModel(backAndForth());
    const simulation = new Simulation(model, metricLayout(model), 0, replicationKey(1, 0));
    simulation.start();
    simulation.advance(Number.POSITIVE_INFINITY);
    const { recorder } = simulation as unknown as { recorder: Recorder };
    // cases at 10, 20, ..., 90 h (the one at 100 h arrives at the horizon): a_to_b is a's 2 h and b's 3 h
    expect(Array.from(recorder.kpiValues[0][0].view())).toEqual(Array(9).fill(5));
    expect(recorder.kpiValues[0][1].view().length).toBe(0);
  });

  test('a value below 0 (a clock gone back) stops the run, naming the milestone and its hours', () => {
    const model = compileModel(backAndForth());
    const simulation = new Simulation(model, metricLayout(model), 0, replicationKey(1, 0));
    simulation.start();
    const internals = simulation as unknown as { recorder: Recorder; clock: Clock; cases: CaseTable };
    // on to the first case's entry into `a` (at 10 h): its a_to_b has begun
    while (!(internals.clock.now >= 10)) simulation.advance(1);
    expect(internals.cases.kpiFrom[0]).toBe(10);
    internals.clock.now = 11;
    expect(() => internals.recorder.endMilestone(0, 0)).not.toThrow(); // 1 h: as it should be
    internals.clock.now = 9.5;
    expect(() => internals.recorder.endMilestone(0, 0)).toThrow(
      "milestone 'a_to_b' of flow 'f' ended at hour 9.5 before it began at hour 10: the simulation's clock went back, a fault of etomsim's, not of the scenario",
    );
  });
});
