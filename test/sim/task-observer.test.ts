// The event hook: every task's start and end, in the order the simulation makes them, with
// the times worked out by hand; and an observed replication's statistics equal an unobserved one's.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { observeReplication, runReplication } from '../../engine/sim/replicate.js';
import type { TaskObserver } from '../../engine/sim/task-observer.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { constant, every, flow, mmc, scenario, task, team } from '../support/build.js';

function observe(s: Scenario, replication = 0, seed = 1): { seen: string[]; metrics: Float64Array } {
  const model = compileModel(s);
  const name = (node: number) => model.nodes[node].name;
  const seen: string[] = [];
  const observer: TaskObserver = {
    taskStart: (c, node, _team, enabled, start) => seen.push(`start ${c} ${name(node)} ${enabled} ${start}`),
    taskEnd: (c, node, _team, enabled, start, end, work) =>
      seen.push(`end ${c} ${name(node)} ${enabled} ${start} ${end}${work === end - start ? '' : ` work ${work}`}`),
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

  test('observing changes no statistic', () => {
    const s = mmc(4.5, 1, 5, { horizon: 500, warmup: 50, replications: 1, seed: 3 });
    const model = compileModel(s);
    const { seen, metrics } = observe(s, 2, 3);
    expect(seen.length).toBeGreaterThan(2000);
    expect(Array.from(metrics)).toEqual(Array.from(runReplication(model, 2, 3).metrics));
  });
});
