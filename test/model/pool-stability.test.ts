// Teams that share skill pools are judged stable as the pooled servers they are: every set of
// them against the work only that set can take (offered-load.ts' teamSets), not the preferred
// team's weekly fill, which the split takes up to its unit-hours (s33x F11).
import { describe, expect, test } from 'vitest';
import { offeredLoad } from '../../engine/model/offered-load.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { resultsOfSet } from '../support/results.js';

/**
 * The reviewer's pool2: a desk of 10 in office hours (task a, 30 min, 1.25 visits a case) and
 * a night roster of 2 techs (168 unit-hours a week); task b (`b` hours, once a case) may go to
 * either, techs preferred. A case an hour.
 */
const pool2 = (b: string) => `name: Pool
time_unit: hours
run: { horizon: 60d, warmup: 5d, replications: 3, seed: 1 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: 08:00-18:00 }
resources:
  desk: { capacity: 10, cost_per_hour: 40, calendar: office }
  techs:
    cost_per_hour: 60
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: 20:00-08:00, capacity: 2 }
arrivals:
  - { flow: f, rate: 1/h }
flows:
  f:
    sla: 2d
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 30m } }, next: d }
      d: { branch: [{ to: b, p: 0.8 }, { to: a, p: 0.2 }] }
      b: { resource: { any: [techs, desk] }, duration: { exponential: { mean: ${b} } }, next: c }
      c: { duration: 5m }
`;
const loaded = (text: string) => loadScenarioText(text, 'pool.yaml');
const warnings = (text: string) => scenarioWarnings(loaded(text)).map((d) => d.message);

describe('a skill pool judged as one pool of servers', () => {
  // a: 168 x 1.25 x 0.5 = 105 h a week (desk's own); b: 168 x 2 = 336 h, pooled; desk 10 x 50 h, techs 2 x 84 h
  test('a preferred team the split fills to its unit-hours is no instability while the pool has room', async () => {
    const [desk, techs] = offeredLoad(loaded(pool2('2h')).set!.baseline);
    // the weekly split still gives techs all it has: the allocation is unchanged
    expect(techs.utilization).toBeCloseTo(1, 12);
    for (const load of [desk, techs]) {
      expect(load.stability.teams).toEqual(['desk', 'techs']);
      expect(load.stability.demandPerWeek).toBeCloseTo(441, 9);
      expect(load.stability.unitHoursPerWeek).toBe(668);
      expect(load.stability.ratio).toBeCloseTo(441 / 668, 12);
    }
    // sizing's start: each team's share of the pools' work in the most even split, the pool's 66% of its unit-hours
    expect(techs.pooledDemandPerWeek).toBeCloseTo((168 * 441) / 668, 9);
    expect(desk.pooledDemandPerWeek).toBeCloseTo((500 * 441) / 668, 9);
    expect(warnings(pool2('2h'))).toEqual([]);
    const results = await resultsOfSet(loaded(pool2('2h')).set!);
    expect(results.warnings.filter((w) => w.code === 'unstable')).toEqual([]);
  });

  test('nor does the split make a preferred team near saturation read as settling slowly', async () => {
    // b of 55 min: 154 h a week, techs' split 92% of its 168, the pool 259 / 668 = 39%
    const [, techs] = offeredLoad(loaded(pool2('55m')).set!.baseline);
    expect(techs.utilization).toBeCloseTo(154 / 168, 9);
    expect(techs.stability.ratio).toBeCloseTo(259 / 668, 9);
    const results = await resultsOfSet(loaded(pool2('55m')).set!);
    expect(results.warnings.filter((w) => w.code === 'warmup' || w.code === 'unstable')).toEqual([]);
  });

  test('a pool whose summed unit-hours are short is warned of, for all its teams', async () => {
    // b of 4 h: 672 + 105 = 777 h a week against 668
    expect(warnings(pool2('4h'))).toEqual([
      "teams 'desk' and 'techs', which share skill pools, are offered 116% of their summed capacity (777.0 working hours a week of tasks only they can take, for 668 unit-hours a week between them): their queues will grow without bound; give them more unit-hours between them (more than 777 a week) or less work",
    ]);
    const unstable = (await resultsOfSet(loaded(pool2('4h')).set!)).warnings.filter((w) => w.code === 'unstable');
    expect(unstable.map((w) => w.subject)).toEqual(['resources.desk', 'resources.techs']);
    expect(unstable[1].message).toContain(
      'techs is unstable: with desk (sharing its skill pools) it is offered 116% of their summed capacity in working time (the work only they can take)',
    );
  });

  // three teams of 168 h a week each unit: a and b share a pool that only they can take, b and c another
  const three = (own: string) => `name: Three
run: { horizon: 20w, replications: 2 }
resources: { a: { capacity: 1 }, b: { capacity: 1 }, c: { capacity: 5 } }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f:
    start: x
    nodes:
      x: { resource: { any: [a, b] }, duration: ${own}, next: y }
      y: { resource: { any: [c, b] }, duration: 30m, next: z }
      z: { resource: a, duration: 10m }
`;

  test('every set of a pool is judged, not only the pool whole: two teams overloaded beside an idle third', () => {
    // x: 168 x 2 h = 336 plus z's 28 h, against a and b's 336: 108%
    const loads = offeredLoad(loaded(three('2h')).set!.baseline);
    expect(loads.map((l) => [l.resource, l.stability.teams, Number(l.stability.ratio.toFixed(6))])).toEqual([
      ['a', ['a', 'b'], Number((364 / 336).toFixed(6))],
      ['b', ['a', 'b'], Number((364 / 336).toFixed(6))],
      // c only dilutes {a, b} (448 / 1176 = 38% with it): with a and b full, y's 84 h reach it alone, against its 840
      // (before the density decomposition, its worst set that it did not dilute: with b, 84 / 1008)
      ['c', ['c'], Number((84 / 840).toFixed(6))],
    ]);
    expect(warnings(three('2h'))).toEqual([
      "teams 'a' and 'b', which share skill pools, are offered 108% of their summed capacity (364.0 working hours a week of tasks only they can take, for 336 unit-hours a week between them): their queues will grow without bound; give them more unit-hours between them (more than 364 a week) or less work",
    ]);
    // below: nothing
    expect(warnings(three('1h'))).toEqual([]);
  });

  test("a pool's member is still judged alone on the work only it can take", () => {
    // z of 3 h on a alone: 504 h a week against its 168, whatever the pools
    const text = three('1h').replace('duration: 10m', 'duration: 3h');
    const [a] = offeredLoad(loaded(text).set!.baseline);
    expect(a.stability).toEqual({ teams: ['a'], demandPerWeek: 504, unitHoursPerWeek: 168, ratio: 3 });
    expect(warnings(text)[0]).toBe(
      "team 'a' is offered 300% of its capacity (504.0 working hours a week of tasks no other team can take for 1 x 168 h): its queue will grow without bound; give it at least 4 units or less work",
    );
  });

  // s33r F2: t0 and t1 share a pool offered 4 h an hour of 1-hour work (200% of their two units); t1-t2 and
  // t2-t3 share pools of minute-long steps. {t0, t1, t3} is over 100% too, but only because of t0 and t1.
  test('a team that only dilutes an overloaded set is not called unstable with it', () => {
    const chain = `name: Chain
time_unit: hours
run: { horizon: 30d, warmup: 1d, replications: 2, seed: 1 }
resources: { t0: { capacity: 1 }, t1: { capacity: 1 }, t2: { capacity: 1 }, t3: { capacity: 1 } }
arrivals: [ { flow: f, rate: 4/h } ]
flows:
  f:
    start: hot
    nodes:
      hot: { resource: { any: [t0, t1] }, duration: { exponential: { mean: 1h } }, next: c1 }
      c1: { resource: { any: [t1, t2] }, duration: { exponential: { mean: 1m } }, next: c2 }
      c2: { resource: { any: [t2, t3] }, duration: { exponential: { mean: 1m } } }
`;
    const loads = offeredLoad(loaded(chain).set!.baseline);
    const stability = Object.fromEntries(loads.map((l) => [l.resource, l.stability]));
    expect(stability.t0.teams).toEqual(['t0', 't1']);
    expect(stability.t1.teams).toEqual(['t0', 't1']);
    expect(stability.t0.ratio).toBeCloseTo(672 / 336, 9); // the hot step's 4 h an hour against two units' 168 h a week each
    for (const idle of [stability.t2, stability.t3]) expect(idle.ratio).toBeLessThan(1);
    const said = warnings(chain).filter((m) => /offered/.test(m));
    expect(said.length).toBe(1);
    expect(said[0]).toMatch(/'t0' and 't1'/);
  });
  // s33 closing: a chain of 14 teams (one more than the subsets once enumerated, 2^12) with an overloaded pair inside
  test('an overloaded pair inside a chain of 14 teams is warned of: the check is exact at any size', () => {
    const n = 14;
    const nodes = Array.from(
      { length: n - 1 },
      (_, i) => `      c${i}: { resource: { any: [t${i}, t${i + 1}] }, duration: 1m${i < n - 2 ? `, next: c${i + 1}` : ''} }`,
    );
    const chain = `name: Long chain
time_unit: hours
run: { horizon: 30d, warmup: 1d, replications: 2, seed: 1 }
resources: { ${Array.from({ length: n }, (_, i) => `t${i}: { capacity: 1 }`).join(', ')} }
arrivals: [ { flow: f, rate: 4/h } ]
flows:
  f:
    start: hot
    nodes:
      hot: { resource: { any: [t6, t7] }, duration: { exponential: { mean: 1h } }, next: c0 }
${nodes.join('\n')}
`;
    // hot: 4 an hour x 1 h = 672 h a week, and c6's 4 x 1 min = 11.2 h, against t6 and t7's 2 x 168
    expect(warnings(chain)).toEqual([
      "teams 't6' and 't7', which share skill pools, are offered 203% of their summed capacity (683.2 working hours a week of tasks only they can take, for 336 unit-hours a week between them): their queues will grow without bound; give them more unit-hours between them (more than 683 a week) or less work",
    ]);
    const loads = offeredLoad(loaded(chain).set!.baseline);
    for (const load of loads) expect(load.stability.ratio >= 1).toBe(load.resource === 't6' || load.resource === 't7');
  });
  test('a team that must take more than its unit-hours of what reaches an overloaded set is named with it', () => {
    // x: 504 h a week on a and b's 336 (150%); y: 201.6 h that c must do alone while b is full, on its 168
    const text = `name: Spill
run: { horizon: 20w, replications: 2 }
resources: { a: { capacity: 1 }, b: { capacity: 1 }, c: { capacity: 1 } }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f:
    start: x
    nodes:
      x: { resource: { any: [a, b] }, duration: 3h, next: y }
      y: { resource: { any: [c, b] }, duration: 72m }
`;
    const said = warnings(text);
    expect(said.length).toBe(2);
    expect(said[0]).toMatch(/^teams 'a' and 'b', which share skill pools, are offered 150% /);
    expect(said[1]).toMatch(
      /^teams 'a', 'b' and 'c', which share skill pools, are offered 140% of their summed capacity \(705\.6 working hours/,
    );
  });
});
