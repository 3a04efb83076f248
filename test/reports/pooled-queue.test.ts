// A skill pool's waiting case is in the queue of every team of its pool at once, and counted in
// each team's queue length (s36f F4): the teams' figures do not add up to the cases waiting. The
// Teams table shows each team's figure as measured and says so in the column's head. Two teams
// of one unit share one task's work at 90% load, nothing else queues at either: every waiting
// case is in both queues for as long as it waits, so the two queue lengths are one figure.
import { describe, expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { POOLED_QUEUE, kpiTables } from '../../reports/tables.js';
import { resultsOfSet } from '../support/results.js';

const POOL = `name: Pool
run: { horizon: 2000h, warmup: 100h, replications: 3, seed: 5 }
resources:
  a: { capacity: 1 }
  b: { capacity: 1 }
arrivals: [ { flow: f, rate: 1.8/h } ]
flows:
  f:
    start: s
    nodes:
      s: { resource: { any: [a, b] }, duration: { exponential: { mean: 1h } } }
`;

describe("a skill pool's queue", () => {
  test('counted in each of its teams: the same figure twice, and the Teams table says so', async () => {
    const { set } = loadScenarioText(POOL, 'pool.yaml');
    const results = await resultsOfSet(set!);
    const { a, b } = results.variants.baseline.resources;
    // M/M/2 at 90% (Erlang C 16.2/19): 7.67 cases waiting, the pool's queue, within reach of each team's interval
    const [low, high] = a.queue_length.ci95!;
    expect(low - (high - low)).toBeLessThan((16.2 / 19) * 9);
    expect(high + (high - low)).toBeGreaterThan((16.2 / 19) * 9);
    expect(b.queue_length.mean).toBeCloseTo(a.queue_length.mean!, 9);
    const teams = kpiTables(results).find((t) => t.title === 'Teams')!;
    expect(teams.head).toContain(POOLED_QUEUE);
    expect(teams.head).not.toContain('queue length');
  });

  test('without a pool the head is the catalogue label', async () => {
    const { set } = loadScenarioText(POOL.replace('{ any: [a, b] }', 'a').replace('rate: 1.8/h', 'rate: 0.9/h'), 'one.yaml');
    const results = await resultsOfSet(set!);
    const teams = kpiTables(results).find((t) => t.title === 'Teams')!;
    expect(teams.head).toContain('queue length');
    expect(teams.head).not.toContain(POOLED_QUEUE);
  });
});
