// A visit cut short by its case's cancellation (`cancel_after`): one counting rule
// (results-format.md, node rows). `visits` and `service_hours` are the completed visits; the cut
// ones are in `cut_visits` and their work so far in `cut_service_hours`, so that a team's busy
// hours are its nodes' service hours plus their cut service hours, exactly, when no task straddles
// the window's edges; `wait` and `wait_hours` are over `waits`, the visits whose wait ended.
import { describe, expect, test } from 'vitest';
import { compileModel } from '../../engine/model/compile.js';
import { metricLayout } from '../../engine/model/metrics.js';
import { runReplication } from '../../engine/sim/replicate.js';
import type { ArrivalSpec, NodeSpec, ResourceSpec, Scenario } from '../../engine/scenario/types.js';
import { constant, every, exp, flow, OFFICE, scenario, task, team } from '../support/build.js';
import { resultsOf } from '../support/results.js';

/** Exponential gaps of `mean` hours, `cases` of them: the stream stops, so every task ends long before the horizon. */
const poisson = (name: string, mean: number, cases: number, priority = 0): ArrivalSpec => ({
  flow: name,
  ordinal: 0,
  interarrival: { kind: 'exponential', mean },
  fromRate: false,
  profile: null,
  priority,
  cases,
});

/** s34x's s3.yaml cut to a stopping stream: `hi` (priority 2, never cancelled) and `lo` (cancelled 3 h after arrival) share `desk`. */
function shared(desk: ResourceSpec, extra: Partial<Scenario> = {}, lo: NodeSpec = task('serve', exp(2 / 3), 'desk')): Scenario {
  return scenario({
    run: { horizon: 6 * 168, warmup: 0, replications: 3, seed: 7 },
    resources: [desk, team('spare', 1, { costPerHour: 25 })],
    arrivals: [poisson('hi', 2, 300, 2), poisson('lo', 1, 600)],
    flows: [flow('hi', [task('serve', exp(2 / 3), 'desk')]), flow('lo', [lo], { cancelAfter: 3 })],
    ...extra,
  });
}

const weekdays = [0, 1, 2, 3, 4];
const cases: [string, Scenario][] = [
  ['a team round the clock', shared(team('desk', 2, { costPerHour: 10 }))],
  ['a calendar team (pauses off hours)', shared(team('desk', 2, { costPerHour: 10, calendar: 'office' }), { calendars: [OFFICE] })],
  [
    'a roster (capacity drops pause tasks, some cut while paused)',
    shared(
      team('desk', 2, {
        costPerHour: 10,
        shifts: [
          { periods: weekdays.map((d) => ({ start: d * 24 + 8, end: d * 24 + 16 })), capacity: 2 },
          { periods: weekdays.map((d) => ({ start: d * 24 + 12, end: d * 24 + 20 })), capacity: 1 },
        ],
      }),
    ),
  ],
  [
    'a skill pool (served_by splits the cut hours too)',
    shared(team('desk', 2, { costPerHour: 10 }), {}, { ...task('serve', exp(2 / 3), 'desk'), pool: ['desk', 'spare'] } as NodeSpec),
  ],
];

describe('a visit cut by cancellation', () => {
  test.each(cases)('%s: each team busy hours = its nodes service_hours + cut_service_hours, per replication', (_, s) => {
    const model = compileModel(s);
    const { paths } = metricLayout(model);
    for (let rep = 0; rep < 3; rep++) {
      const m = runReplication(model, rep, 7).metrics;
      const at = (path: string) => {
        const i = paths.indexOf(path);
        expect(i, path).toBeGreaterThanOrEqual(0);
        return m[i];
      };
      const pooled = 'pool' in s.flows[1].nodes[0];
      const hi = at('flows.hi.nodes.serve.service_hours');
      const lo = pooled
        ? at('flows.lo.nodes.serve.served_by.desk.service_hours') + at('flows.lo.nodes.serve.served_by.desk.cut_service_hours')
        : at('flows.lo.nodes.serve.service_hours') + at('flows.lo.nodes.serve.cut_service_hours');
      expect(at('flows.lo.nodes.serve.cut_visits')).toBeGreaterThan(0); // the case is a real one
      expect(hi + lo).toBeCloseTo(at('resources.desk.busy_hours'), 9);
      if (pooled) {
        const spare =
          at('flows.lo.nodes.serve.served_by.spare.service_hours') + at('flows.lo.nodes.serve.served_by.spare.cut_service_hours');
        expect(spare).toBeCloseTo(at('resources.spare.busy_hours'), 9);
        expect(at('flows.lo.nodes.serve.served_by.spare.cut_service_hours')).toBeGreaterThan(0);
      }
      // every task started in the window ended in it, completed or cut: the waits are the visits plus the cut ones,
      // and the wait is the wait hours over them
      const waits = at('flows.lo.nodes.serve.waits');
      expect(waits).toBe(at('flows.lo.nodes.serve.visits') + at('flows.lo.nodes.serve.cut_visits'));
      expect(at('flows.lo.nodes.serve.wait') * waits).toBeCloseTo(at('flows.lo.nodes.serve.wait_hours'), 9);
      // a cancelled case of one task was cancelled in service or in the queue: every one in cut_visits or cut_waits;
      // one cut in the queue had waited since its arrival, its 3 h deadline (round the clock, none: the waits are short)
      const cutWaits = at('flows.lo.nodes.serve.cut_waits');
      if (s.calendars.length > 0) expect(cutWaits).toBeGreaterThan(0); // overnight, the queue outlasts the deadline
      expect(at('flows.lo.nodes.serve.cut_visits') + cutWaits).toBe(at('flows.lo.cancelled'));
      expect(at('flows.lo.nodes.serve.cut_wait_hours')).toBeCloseTo(3 * cutWaits, 9);
    }
  });

  test('deterministic: a case cut in the queue, one cut in service, one completed at its deadline (its own end wins)', () => {
    // h (never cancelled) holds the one unit 1-11; f's cases, at 2, 4 and 6 h, each 2 h of work, cancelled 8 h after arrival
    const s = scenario({
      run: { horizon: 100, warmup: 0, replications: 1, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [
        { ...every('h', 1), cases: 1 },
        { ...every('f', 2), cases: 3 },
      ],
      flows: [flow('h', [task('serve', constant(10), 'desk')]), flow('f', [task('serve', constant(2), 'desk')], { cancelAfter: 8 })],
    });
    const model = compileModel(s);
    const { paths } = metricLayout(model);
    const m = runReplication(model, 0, 1).metrics;
    const at = (stat: string) => m[paths.indexOf(`flows.f.${stat}`)];
    // the first waits 2-10 and is cut in the queue at its deadline: 8 h in no wait, in cut_wait_hours; the second
    // waits 4-11, works 11-12 and is cut at its deadline 12; the third waits 6-12 and ends at 14, its deadline
    expect([at('completed'), at('cancelled')]).toEqual([1, 2]);
    expect([at('nodes.serve.visits'), at('nodes.serve.waits'), at('nodes.serve.wait_hours')]).toEqual([1, 2, 13]);
    expect([at('nodes.serve.cut_visits'), at('nodes.serve.cut_service_hours')]).toEqual([1, 1]);
    expect([at('nodes.serve.cut_waits'), at('nodes.serve.cut_wait_hours')]).toEqual([1, 8]);
  });

  test('only the tasks of a flow with cancel_after report the five (results.json unchanged elsewhere)', () => {
    const { paths } = metricLayout(compileModel(cases[0][1]));
    const stats = (f: string) => paths.filter((p) => p?.startsWith(`flows.${f}.nodes.serve.`)).map((p) => p!.split('.').pop());
    expect(stats('hi')).toEqual(['visits', 'wait', 'service', 'wait_hours', 'service_hours']);
    expect(stats('lo')).toEqual([
      'visits',
      'wait',
      'service',
      'wait_hours',
      'service_hours',
      'waits',
      'cut_visits',
      'cut_service_hours',
      'cut_waits',
      'cut_wait_hours',
    ]);
  });

  test('the eTOM row carries the cut work and its cost: cost + cut_cost = the team busy hours x its cost per hour', async () => {
    const s = cases[0][1];
    const tagged = { ...s, flows: s.flows.map((f) => ({ ...f, etom: '1.1.2.2' })) };
    const results = await resultsOf(tagged);
    const v = results.variants.baseline;
    const row = v.etom['1.1.2.2'];
    const lo = v.flows.lo.nodes.serve;
    const mean = (stat: { mean: number | null } | undefined) => stat?.mean as number;
    expect(mean(row.cut_visits)).toBe(mean(lo.cut_visits));
    expect(mean(row.cut_service_hours)).toBeCloseTo(mean(lo.cut_service_hours), 9);
    expect(mean(row.cut_cost)).toBeCloseTo(10 * mean(lo.cut_service_hours), 6);
    expect(mean(row.cost) + mean(row.cut_cost)).toBeCloseTo(10 * mean(v.resources.desk.busy_hours), 6);
    expect(mean(Object.values(v.verticals)[0].cut_cost)).toBeCloseTo(mean(row.cut_cost), 6);
  });
});
