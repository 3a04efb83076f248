// A simulated event log of a scenario as CSV text (PM4Py's column names), for round trips:
// discovery's input whose true parameters are known. One replication, observed task by task.
import { arrivalsUntil as withArrivalsUntil, compileModel } from '../../engine/model/compile.js';
import { NODE_KIND } from '../../engine/model/model.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { observeReplication } from '../../engine/sim/replicate.js';
import { exp, flow, scenario, task, team } from './build.js';
import { isoInstant } from './iso-instant.js';

const START = Date.UTC(2026, 0, 5); // a Monday

/** `arrivalsUntil`: the hour after which no case arrives (the scenario's horizon by default). */
export function simulatedCsv(scenario: Scenario, replication = 0, seed = 1, arrivalsUntil?: number): string {
  const compiled = compileModel(scenario);
  const model = arrivalsUntil === undefined ? compiled : withArrivalsUntil(compiled, arrivalsUntil);
  const iso = (h: number) => isoInstant(START + h * 3_600_000);
  const rows: string[] = ['case:concept:name,concept:name,org:group,enabled_timestamp,start_timestamp,time:timestamp,flow'];
  observeReplication(model, replication, seed, {
    taskStart() {},
    taskEnd(caseSerial, node, _team, enabled, start, end) {
      const n = model.nodes[node];
      if (n.kind !== NODE_KIND.task) return;
      const team = n.resource < 0 ? '' : model.resources[n.resource].name;
      rows.push(`${caseSerial},${n.name},${team},${iso(enabled)},${iso(start)},${iso(end)},${model.flows[n.flow].name}`);
    },
    taskSuspend() {},
    taskResume() {},
    taskAbandoned() {},
    caseEnd() {},
  });
  return `${rows.join('\n')}\n`;
}

/**
 * A steady queue's log: Poisson arrivals at `load` of a || b's capacity, each 3 units serving an
 * exponential 1 h, 1,500 h, simulated with `seed`: which branch starts first follows the queues
 * and does not drift (test/discovery/leader-drift.test.ts' null, discover-blocks.test.ts' steady log).
 */
export function parallelQueueCsv(load: number, seed: number): string {
  const s = scenario({
    run: { horizon: 1500, warmup: 0, replications: 1, seed },
    resources: [team('ta', 3), team('tb', 3)],
    arrivals: [{ flow: 'intake', ordinal: 0, interarrival: exp(1 / (3 * load)), fromRate: true, profile: null, priority: 0 }],
    flows: [
      flow('intake', [
        { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'done' },
        task('a', exp(1), 'ta', 'done'),
        task('b', exp(1), 'tb', 'done'),
        task('done', exp(0.1), null),
      ]),
    ],
  });
  return simulatedCsv(s, 0, seed);
}

/** Two steps of fixed durations, a case every 5 hours for 30 days: a log of it is matched exactly by the scenario. */
export const DETERMINISTIC = `name: Deterministic
run: { horizon: 30d, replications: 3 }
resources: {}
arrivals: [ { flow: f, interarrival: 5h } ]
flows:
  f:
    start: intake
    nodes:
      intake: { duration: 2h, next: work }
      work: { duration: 30m }
`;

/**
 * A 40-hour wait between two steps in a 10-day log: the cases that arrive in its last two days
 * are still waiting when the log ends, so it shows only their 2-hour intake (47 cases, one
 * every 5 h from 5 h to 235 h: 39 whole, 8 cut). Discovery and fidelity must both read them as
 * open, not ended.
 */
export const WAITING_AT_LOG_END = `name: Waiting
run: { horizon: 10d, replications: 2 }
resources: {}
arrivals: [ { flow: f, interarrival: 5h } ]
flows:
  f:
    start: intake
    nodes:
      intake: { duration: 2h, next: wait }
      wait: { duration: 40h, next: work }
      work: { duration: 30m }
`;
