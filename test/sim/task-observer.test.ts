// The event hook: every task's start and end, in the order the simulation makes them, with
// the times worked out by hand; and an observed replication's statistics equal an unobserved one's.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { observeReplication, runReplication } from '../../engine/sim/replicate.js';
import type { TaskObserver } from '../../engine/sim/task-observer.js';
import type { Scenario, ShiftSpec } from '../../engine/scenario/types.js';
import { constant, every, flow, mmc, scenario, task, team } from '../support/build.js';

const monday = (from: number, to: number, capacity: number): ShiftSpec => ({ periods: [{ start: from, end: to }], capacity });

function observe(s: Scenario, replication = 0, seed = 1): { seen: string[]; metrics: Float64Array } {
  const model = compileModel(s);
  const name = (node: number) => model.nodes[node].name;
  const seen: string[] = [];
  const observer: TaskObserver = {
    taskStart: (c, node, _team, enabled, start) => seen.push(`start ${c} ${name(node)} ${enabled} ${start}`),
    taskEnd: (c, node, _team, enabled, start, end, work) =>
      seen.push(`end ${c} ${name(node)} ${enabled} ${start} ${end}${work === end - start ? '' : ` work ${work}`}`),
    taskSuspend: (c, node, _team, enabled, start, at) => seen.push(`suspend ${c} ${name(node)} ${enabled} ${start} ${at}`),
    taskResume: (c, node, _team, enabled, start, at) => seen.push(`resume ${c} ${name(node)} ${enabled} ${start} ${at}`),
    taskAbandoned: (c, node, _team, at) => seen.push(`abandon ${c} ${name(node)} ${at}`),
    caseEnd: (c, f, at, cancelled) => seen.push(`${cancelled ? 'cancel' : 'complete'} ${c} ${model.flows[f].name} ${at}`),
  };
  return { seen, metrics: observeReplication(model, replication, seed, observer).metrics };
}

describe('the task observer', () => {
  test('a queue at one desk, then an automated step: every start and end with its enabled time', () => {
    const s = scenario({
      run: { horizon: 5, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('order', 1)],
      flows: [flow('order', [task('a', constant(1.5), 'desk', 'b'), task('b', constant(0.25), null)])],
    });
    expect(observe(s).seen).toEqual([
      'start 0 a 1 1',
      'end 0 a 1 1 2.5',
      'start 1 a 2 2.5', // the freed unit goes to the waiting case before this one moves on
      'start 0 b 2.5 2.5',
      'end 0 b 2.5 2.5 2.75',
      'complete 0 order 2.75',
      'end 1 a 2 2.5 4',
      'start 2 a 3 4',
      'start 1 b 4 4',
      'end 1 b 4 4 4.25',
      'complete 1 order 4.25',
      // case 2's task ends at 5.5, past the horizon; cases 3 and 4 are still waiting
    ]);
  });

  test('a cancelled case gives up its task in progress', () => {
    const s = scenario({
      run: { horizon: 15, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [every('order', 10)],
      flows: [flow('order', [task('a', constant(3), 'desk')], { cancelAfter: 2 })],
    });
    expect(observe(s).seen).toEqual(['start 0 a 10 10', 'abandon 0 a 12', 'cancel 0 order 12']);
  });

  test("a roster's capacity drop suspends the latest task; it resumes when a unit is free, before the queue", () => {
    // Monday: 2 units until 10:00, then 1. Cases every 4.5 h need 7 h each (see rosters.test.ts).
    const s = scenario({
      run: { horizon: 19, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 2, { shifts: [monday(0, 20, 1), monday(0, 10, 1)] })],
      arrivals: [every('a', 4.5)],
      flows: [flow('a', [task('work', constant(7), 'desk')])],
    });
    expect(observe(s).seen).toEqual([
      'start 0 work 4.5 4.5',
      'start 1 work 9 9',
      'suspend 1 work 9 9 10',
      'end 0 work 4.5 4.5 11.5',
      'resume 1 work 9 9 11.5',
      'complete 0 a 11.5',
      'end 1 work 9 9 17.5 work 7', // 1 h before the pause, 6 h after
      'start 2 work 13.5 17.5',
      'complete 1 a 17.5',
    ]);
  });

  test('observing changes no statistic', () => {
    const s = mmc(4.5, 1, 5, { horizon: 500, warmup: 50, replications: 1, seed: 3 });
    const model = compileModel(s);
    const { seen, metrics } = observe(s, 2, 3);
    expect(seen.length).toBeGreaterThan(2000);
    expect(Array.from(metrics)).toEqual(Array.from(runReplication(model, 2, 3).metrics));
  });
});
