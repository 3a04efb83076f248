// Benchmark models, built in code so that the benchmark measures the engine, not the loader.
import { compileModel } from '../engine/model/compile.js';
import type { Model } from '../engine/model/model.js';
import { metricLayout } from '../engine/model/metrics.js';
import { replicationKey } from '../engine/random/stream.js';
import { formatDiagnostic } from '../engine/scenario/diagnostics.js';
import { loadScenarioFile } from '../engine/scenario/load.js';
import type { Scenario } from '../engine/scenario/types.js';
import { Simulation } from '../engine/sim/simulation.js';

/** M/M/c with Poisson arrivals at `lambda` per hour and exponential service of mean 1/mu hours. */
export function mmc(lambda: number, mu: number, c: number, horizon: number, warmup = 0): Scenario {
  return {
    name: `M/M/${c}`,
    description: null,
    timeUnit: 'hours',
    run: { horizon, warmup, replications: 1, seed: 1 },
    calendars: [],
    resources: [{ name: 'agents', capacity: c, costPerHour: 0, calendar: null }],
    arrivals: [
      { flow: 'calls', ordinal: 0, interarrival: { kind: 'exponential', mean: 1 / lambda }, fromRate: true, profile: null, priority: 0 },
    ],
    flows: [
      {
        name: 'calls',
        etom: null,
        sla: null,
        start: 'serve',
        cancelAfter: null,
        kpis: [],
        nodes: [
          { kind: 'task', name: 'serve', etom: null, duration: { kind: 'exponential', mean: 1 / mu }, resource: 'agents', next: null },
        ],
      },
    ],
  };
}

/**
 * `teams` teams of one agent at 90% load, reached from one Poisson stream by a decision
 * with a branch per team (equal shares): the flow has a node per team, but a case visits
 * two. About `events` events (an arrival and a task end per customer) whatever `teams` is,
 * so the CPU time per event shows what grows with the number of teams.
 */
export function manyTeams(teams: number, events: number): Scenario {
  const lambda = 0.9 * teams; // each team gets 0.9 an hour, served in 1 hour on average
  const names = Array.from({ length: teams }, (_, i) => `team_${i}`);
  return {
    name: `${teams} teams`,
    description: null,
    timeUnit: 'hours',
    run: { horizon: events / 2 / lambda, warmup: 0, replications: 1, seed: 1 },
    calendars: [],
    resources: names.map((name) => ({ name, capacity: 1, costPerHour: 0, calendar: null })),
    arrivals: [
      { flow: 'work', ordinal: 0, interarrival: { kind: 'exponential', mean: 1 / lambda }, fromRate: true, profile: null, priority: 0 },
    ],
    flows: [
      {
        name: 'work',
        etom: null,
        sla: null,
        start: 'route',
        cancelAfter: null,
        kpis: [],
        nodes: [
          { kind: 'decision', name: 'route', etom: null, branch: names.map((name) => ({ to: `at_${name}`, p: 1 / teams })) },
          ...names.map((name) => ({
            kind: 'task' as const,
            name: `at_${name}`,
            etom: null,
            duration: { kind: 'exponential' as const, mean: 1 },
            resource: name,
            next: null,
          })),
        ],
      },
    ],
  };
}

/**
 * The benchmark's probe models by name (bench/probe.ts, bench/deopts.ts):
 *   mm5 CUSTOMERS        M/M/5 at 90% load
 *   teams K EVENTS       manyTeams: a decision over K one-agent teams
 *   wip-small EVENTS     M/M/1000 at 90% load: about 900 cases in progress at any time
 *   wip-large EVENTS     M/M/1 offered twice its capacity: the queue grows to EVENTS/3 cases
 *   scenario FILE        a scenario file's baseline, its own seed and horizon (probeSimulation
 *                        only: the loader's work is the process's, not the replication's)
 */
export function probeModel(kind: string, n: number, b: number): Scenario {
  switch (kind) {
    case 'mm5':
      return mmc(4.5, 1, 5, n / 4.5);
    case 'teams':
      return manyTeams(n, b);
    case 'wip-small':
      return mmc(900, 1, 1000, n / 1800); // two events per customer at 900 an hour
    case 'wip-large':
      return mmc(2, 1, 1, n / 3); // three events an hour: two arrivals, one departure
    default:
      throw new Error(`unknown probe '${kind}'`);
  }
}

/**
 * The probe model's replication 0 (of seed 1, or of a scenario file's own seed), built as
 * `runReplication` builds it and not yet started: for the tools that run it in slices or stop
 * it before its statistics (probe.ts, deopts.ts, warmup.ts, allocations.ts). The arguments as
 * given on the command line: `scenario FILE`, or probeModel's kind and numbers.
 */
export function probeSimulation(kind: string, a: string | undefined, b: string | undefined): Simulation {
  if (kind === 'scenario') {
    const scenario = scenarioBaseline(a ?? '');
    return simulationOf(compileModel(scenario), scenario.run.seed);
  }
  return simulationOf(compileModel(probeModel(kind, Number(a), Number(b))), 1);
}

function simulationOf(model: Model, seed: number): Simulation {
  return new Simulation(model, metricLayout(model), 0, replicationKey(seed, 0));
}

function scenarioBaseline(file: string): Scenario {
  const loaded = loadScenarioFile(file);
  if (loaded.set === null) throw new Error(loaded.diagnostics.map(formatDiagnostic).join('\n'));
  return loaded.set.baseline;
}
