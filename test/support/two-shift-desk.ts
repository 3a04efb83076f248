// A desk of two shifts under a weekly rhythm, M/M/c per shift, for the tests of per-shift KPIs
// (test/sim/shift-kpis.test.ts) and of sizing per shift (test/analysis/shift-sizing.test.ts):
// one scenario, so that both read Erlang C against the same desk.
import type { Scenario } from '../../engine/scenario/types.js';
import { exp, flow, scenario, task, team } from './build.js';

/**
 * Monday 00:00 to Thursday 00:00 (72 h) 10 calls an hour to `first` agents, Thursday to Monday
 * (96 h) 4 an hour to `second`, 0.2 h each: 2 and 0.8 erlangs. Each shift lasts hundreds of
 * service times, so the handover's transient is a small part of its waits and each is close to
 * M/M/c in steady state. `weeks` of horizon after a week's warm-up, seed 11.
 */
export function twoShiftDesk(first: number, second: number, weeks: number, replications: number, costPerHour = 0): Scenario {
  return scenario({
    run: { horizon: 168 * weeks, warmup: 168, replications, seed: 11 },
    resources: [
      team('desk', Math.max(first, second), {
        costPerHour,
        shifts: [
          { periods: [{ start: 0, end: 72 }], capacity: first },
          { periods: [{ start: 72, end: 168 }], capacity: second },
        ],
      }),
    ],
    arrivals: [
      {
        flow: 'calls',
        ordinal: 0,
        interarrival: exp(1 / 10),
        fromRate: true,
        profile: { days: [1, 1, 1, 0.4, 0.4, 0.4, 0.4], hours: Array(24).fill(1) },
        priority: 0,
      },
    ],
    flows: [flow('calls', [task('answer', exp(0.2), 'desk')])],
  });
}
