// Expected visits per case and the offered load per team, against hand calculations.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  expectedArrivals,
  expectedVisits,
  offeredLoad,
  offeredLoadWithArrivals,
  offeredLoadCache,
} from '../../engine/model/offered-load.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import type { NodeSpec } from '../../engine/scenario/types.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { constant, exp, flow, poisson, scenario, task, team } from '../support/build.js';
import { resultsOfSet } from '../support/results.js';

describe('expected visits', () => {
  test('a rework loop with p = 0.2 is visited 1 / 0.8 times; a fork sends one token per branch and goes on once', () => {
    const f = flow('o', [
      task('work', constant(1), 'desk', 'check'),
      {
        kind: 'decision',
        name: 'check',
        etom: null,
        branch: [
          { to: 'work', p: 0.2 },
          { to: 'split', p: 0.8 },
        ],
      },
      { kind: 'fork', name: 'split', etom: null, parallel: ['a', 'b'], join: 'end' },
      task('a', constant(1), 'desk', 'end'),
      task('b', constant(1), null, 'end'),
      task('end', constant(0), null),
    ] as NodeSpec[]);
    expect(expectedVisits(f).map((v) => Number(v.toFixed(12)))).toEqual([1.25, 1.25, 1, 1, 1, 1]);
  });
});

describe('offered load', () => {
  test('demand in working hours per week against what the team offers, with its shifts', () => {
    const s = scenario({
      calendars: [{ name: 'office', periods: [0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 8, end: d * 24 + 18 })) }],
      resources: [team('desk', 2, { calendar: 'office' })],
      arrivals: [{ flow: 'o', ordinal: 0, interarrival: exp(2), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('o', [task('work', exp(0.5), 'desk')])],
    });
    const [desk] = offeredLoad(s);
    // 84 cases a week x 0.5 h = 42 h, against 2 x 50 h
    expect(desk.demandPerWeek).toBeCloseTo(42, 9);
    expect(desk.hoursPerUnit).toBe(50);
    expect(desk.utilization).toBeCloseTo(0.42, 9);
    expect(desk.minimumUnits).toBe(1);
  });
});

describe('a finite stream (`cases`)', () => {
  // one desk, one unit, each case 1 h of constant work; a case every half hour while the stream lasts
  const burst = (cases: number | undefined, after?: number) =>
    scenario({
      run: { horizon: 1000, warmup: 0, replications: 2, seed: 1 },
      resources: [team('desk', 1)],
      arrivals: [
        {
          flow: 'o',
          ordinal: 0,
          interarrival: constant(0.5),
          fromRate: false,
          profile: null,
          priority: 0,
          ...(cases === undefined ? {} : { cases }),
          ...(after === undefined ? {} : { after }),
        },
      ],
      flows: [flow('o', [task('work', constant(1), 'desk')])],
    });

  test('counts its cases over the horizon, not its rate while it lasts', () => {
    // unbounded: 2 cases an hour, 336 h of work a week against 168
    expect(offeredLoad(burst(undefined))[0].utilization).toBe(2);
    // 100 cases over 1000 h: 100 h of work in 1000 h, 16.8 h a week
    const [hundred] = offeredLoad(burst(100));
    expect(hundred.demandPerWeek).toBeCloseTo(16.8, 12);
    expect(hundred.utilization).toBeCloseTo(0.1, 12);
    expect(hundred.tasksPerWeek).toBeCloseTo(16.8, 12);
    // 1500 cases: more work than 1000 h hold
    expect(offeredLoad(burst(1500))[0].utilization).toBeCloseTo(1.5, 12);
    // more cases than the horizon lets come (2 an hour from 400 h: 1200): those 1200
    expect(offeredLoad(burst(5000, 400))[0].utilization).toBeCloseTo(1.2, 12);
    // `after` alone starts a stream that never stops: its full rate
    expect(offeredLoad(burst(undefined, 400))[0].utilization).toBe(2);
  });

  test('a batch (interarrival 0 with cases) counts its N over the horizon, wherever its after', () => {
    const batch = (cases: number, after?: number) => {
      const s = burst(cases, after);
      return { ...s, arrivals: [{ ...s.arrivals[0], interarrival: constant(0) }] };
    };
    // 100 cases of 1 h over 1000 h: 0.1, 16.8 h and tasks a week, exactly as 100 spread ones
    for (const after of [undefined, 0, 400, 999]) {
      const [load] = offeredLoadWithArrivals(batch(100, after));
      expect(load.demandPerWeek).toBeCloseTo(16.8, 12);
      expect(load.utilization).toBeCloseTo(0.1, 12);
      expect(load.tasksPerWeek).toBeCloseTo(16.8, 12);
      // the c² of batches of 100 (a batch-Poisson stream's counts: variance over mean = N), no division by its 0 gap
      expect(load.arrivalScv).toBeCloseTo(100, 9);
    }
    // the room the simulation reserves: its N once the horizon passes its after, none before
    expect(expectedArrivals(batch(100, 400), 'o', 1000)).toBe(100);
    expect(expectedArrivals(batch(100, 400), 'o', 300)).toBe(0);
    // sizing's lower bound and the horizon-bound overload, as for any stream with cases
    const [over] = offeredLoadWithArrivals(batch(1500));
    expect(over.utilization).toBeCloseTo(1.5, 12);
    expect(over.minimumUnits).toBe(2);
    expect(over.untilRunEnds).toBe(true);
  });

  const yaml = (stream: string) => `name: Burst
run: { horizon: 1000h, replications: 2 }
resources: { desk: { capacity: 1 } }
arrivals:
${stream}
flows:
  o:
    start: work
    nodes:
      work: { resource: desk, duration: 1h }
`;
  const warnings = (text: string) => scenarioWarnings(loadScenarioText(text, 'burst.yaml')).map((d) => d.message);

  test('no instability is claimed when its work fits in the horizon; a burst that does not fit is said as such', () => {
    expect(warnings(yaml('  - { flow: o, interarrival: 30m, cases: 100 }'))).toEqual([]);
    expect(warnings(yaml('  - { flow: o, interarrival: 30m, cases: 1500 }'))).toEqual([
      "team 'desk' is offered 150% of its capacity (252.0 working hours a week for 1 x 168 h, over the horizon): the streams with `cases` bring more work than it can do by the horizon (1,000 h), so its queue grows until the run ends; give it at least 2 units or less work",
    ]);
    // a stream without `cases` beside it, overloading the desk alone: a queue that grows for ever
    expect(warnings(yaml('  - { flow: o, interarrival: 30m, cases: 100 }\n  - { flow: o, interarrival: 50m }'))).toEqual([
      "team 'desk' is offered 130% of its capacity (218.4 working hours a week for 1 x 168 h): its queue will grow without bound; give it at least 2 units or less work",
    ]);
    // a batch: its work fits (none), or does not (the same words as any stream with cases)
    expect(warnings(yaml('  - { flow: o, interarrival: 0, after: 100h, cases: 100 }'))).toEqual([]);
    expect(warnings(yaml('  - { flow: o, interarrival: 0, cases: 1500 }'))).toEqual([
      "team 'desk' is offered 150% of its capacity (252.0 working hours a week for 1 x 168 h, over the horizon): the streams with `cases` bring more work than it can do by the horizon (1,000 h), so its queue grows until the run ends; give it at least 2 units or less work",
    ]);
    // thousands grouped, as every figure etomsim prints
    expect(warnings(yaml('  - { flow: o, interarrival: 30s }'))[0]).toContain('(20,160.0 working hours a week for 1 x 168 h)');
  });

  test("results.json's unstable warning says a burst that does not fit as validate does", async () => {
    const unstable = async (stream: string) =>
      (await resultsOfSet(loadScenarioText(yaml(stream), 'burst.yaml').set!)).warnings.find((w) => w.code === 'unstable')!.message;
    const burst = await unstable('  - { flow: o, interarrival: 30m, cases: 1500 }');
    expect(burst).toContain('it is offered 150% of its capacity in working time, over the horizon');
    expect(burst).toContain(
      'The streams with `cases` bring more work than it can do by the horizon (1,000 h), so its queue grows until the run ends, and every figure depends on the horizon',
    );
    expect(burst).not.toContain('without a steady state');
    const forEver = await unstable('  - { flow: o, interarrival: 30m, cases: 100 }\n  - { flow: o, interarrival: 50m }');
    expect(forEver).toContain('it is offered 130% of its capacity in working time, and its queue rose by');
    expect(forEver).toContain('Its queue grows without a steady state, so every figure depends on the horizon');
  });
});

describe('OfferedLoads: a command computes each scenario once', () => {
  test("variants that share the baseline's flow, streams or calendars, or change them: the same loads as each computed alone", () => {
    // the flow's routing and cases a week are computed once for the scenarios that share them (SharedParts):
    // a variant changing p, a duration, the horizon, a rate, a capacity or making the stream finite must get its own
    const fiber = readFileSync(fileURLToPath(new URL('../../scenarios/fiber-order-to-activation.yaml', import.meta.url)), 'utf8');
    const patches = {
      p: 'flows: { order_to_activation: { nodes: { fallout_check: { branch: [{ to: provision, p: 0.5 }, { to: fallout_hold, p: 0.5 }] } } } }',
      links:
        'flows: { order_to_activation: { nodes: { fallout_check: { branch: [{ to: fallout_hold, p: 0.85 }, { to: provision, p: 0.15 }] } } } }',
      duration: 'flows: { order_to_activation: { nodes: { design_service: { duration: { lognormal: null, constant: 2h } } } } }',
      rate: 'arrivals: [{ flow: order_to_activation, rate: 5/h }]',
      finite: 'arrivals: [{ flow: order_to_activation, rate: 3.5/h, cases: 400 }]',
      finite_later: 'arrivals: [{ flow: order_to_activation, rate: 3.5/h, cases: 400 }]\n      run: { horizon: 60d }',
      capacity: 'resources: { field_techs: { capacity: 2 } }',
    };
    const variants = Object.entries(patches)
      .map(([name, patch]) => `  ${name}:\n    patch:\n      ${patch}\n`)
      .join('');
    const loaded = loadScenarioText(`${fiber.slice(0, fiber.indexOf('\nvariants:\n'))}\nvariants:\n${variants}`, 'fiber.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const scenarios = [loaded.set!.baseline, ...loaded.set!.variants.map((v) => v.scenario)];
    const loads = offeredLoadCache();
    const alone = scenarios.map((s) => offeredLoadWithArrivals(s));
    scenarios.forEach((s, i) => expect(loads.withArrivals(s), loaded.set!.variants[i - 1]?.name ?? 'baseline').toEqual(alone[i]));
    // not vacuous: each variant's load differs from the baseline's
    for (let i = 1; i < scenarios.length; i++) expect(alone[i], loaded.set!.variants[i - 1].name).not.toEqual(alone[0]);
  });

  test("the fiber scenario's baseline and variants: the same loads as offeredLoad and offeredLoadWithArrivals, each computed once, and the same warnings", () => {
    const loaded = loadScenarioFile(fileURLToPath(new URL('../../scenarios/fiber-order-to-activation.yaml', import.meta.url)));
    const set = loaded.set!;
    const loads = offeredLoadCache();
    expect(scenarioWarnings(loaded, loads)).toEqual(scenarioWarnings(loaded));
    for (const scenario of [set.baseline, ...set.variants.map((v) => v.scenario)]) {
      const first = loads.of(scenario);
      expect(first).toEqual(offeredLoad(scenario));
      expect(loads.of(scenario)).toBe(first);
      expect(loads.withArrivals(scenario)).toEqual(offeredLoadWithArrivals(scenario));
    }
  });
});

describe('many flows', () => {
  // s63J: every flow's streams were found by filtering the whole list, flows x streams reads: a scenario of
  // 100,000 flows with a stream each ran `validate` for minutes (5,000 1.6 s, 10,000 5.5 s). Counted as the
  // list's items read, which no timing moves: linear in the streams now, 400 x 400 = 160,000 before.
  test("each flow's streams are read from the list a few times, not once per flow", () => {
    const n = 400;
    const flows = Array.from({ length: n }, (_, i) => flow(`f${i}`, [task('s', constant(0.5), 'desk')]));
    const streams = Array.from({ length: n }, (_, i) => poisson(`f${i}`, 0.01 * (1 + (i % 7))));
    let reads = 0;
    const counted = new Proxy(streams, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const s = scenario({ resources: [team('desk', 1_000)], arrivals: counted, flows });
    const cases = flows.map((f) => expectedArrivals(s, f.name, 1000));
    const [desk] = offeredLoadWithArrivals(s);
    expect(reads).toBeLessThan(10 * n);
    // and the same sums: each flow's rate over 1,000 h; the desk's half an hour a case, over a week
    expect(cases[3]).toBeCloseTo(0.04 * 1000, 9);
    const perWeek = flows.reduce((sum, _, i) => sum + 168 * 0.01 * (1 + (i % 7)), 0);
    expect(desk.demandPerWeek).toBeCloseTo(perWeek * 0.5, 6);
  });
});
