// The variability of the arrivals to each team (offeredLoadWithArrivals' arrivalScv), against the
// Queueing Network Analyzer's approximations worked by hand, and against exact results where
// the approximations are exact (Burke's theorem: an M/M/1's departures are Poisson).
import { describe, expect, test } from 'vitest';
import { departureScv, interarrivalScv } from '../../engine/model/arrival-variability.js';
import { offeredLoadWithArrivals } from '../../engine/model/offered-load.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';

function scenarioOf(yaml: string): Scenario {
  const { set, diagnostics } = loadScenarioText(yaml, 'test.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return set!.baseline;
}

/** Each team's arrivalScv. */
function arrivalScv(yaml: string): Record<string, number> {
  return Object.fromEntries(offeredLoadWithArrivals(scenarioOf(yaml)).map((l) => [l.resource, l.arrivalScv]));
}

const RUN = 'name: test\nrun: { horizon: 1000h, warmup: 100h, replications: 2, seed: 1 }';

/** One team `agents` of `units`, serving one task of `work`, its cases arriving as `arrivals`. */
const single = (arrivals: string, work = '{ exponential: { mean: 1h } }', units = 1) => `
${RUN}
resources:
  agents: { capacity: ${units} }
arrivals:
${arrivals}
flows:
  calls:
    start: serve
    nodes:
      serve: { resource: agents, duration: ${work} }
`;

describe("a stream's own variability", () => {
  test('Poisson 1, constant gaps 0, gamma and Erlang by their moments, a weekly profile 1', () => {
    expect(arrivalScv(single('  - { flow: calls, rate: 0.5/h }')).agents).toBeCloseTo(1, 12);
    expect(arrivalScv(single('  - { flow: calls, interarrival: 2h }')).agents).toBe(0);
    expect(arrivalScv(single('  - { flow: calls, interarrival: { gamma: { mean: 2h, sd: 4h } } }')).agents).toBeCloseTo(4, 12);
    expect(arrivalScv(single('  - { flow: calls, interarrival: { erlang: { k: 4, mean: 2h } } }')).agents).toBeCloseTo(0.25, 12);
    const profiled = single('  - { flow: calls, rate: 0.5/h, profile: { days: { sat: 0.2, sun: 0.2 } } }');
    expect(arrivalScv(profiled).agents).toBeCloseTo(1, 12);
    expect(interarrivalScv({ kind: 'uniform', min: 0, max: 2 })).toBeCloseTo(1 / 3, 12);
  });

  test('streams merge as their rate-weighted mix: 1/h of constant gaps and 3/h of Poisson give 0.75', () => {
    const yaml = single('  - { flow: calls, interarrival: 1h }\n  - { flow: calls, rate: 3/h }', '{ exponential: { mean: 6m } }');
    expect(arrivalScv(yaml).agents).toBeCloseTo(0.75, 12);
  });

  test('a team offered no tasks: NaN', () => {
    const yaml = single('  - { flow: calls, rate: 0.5/h }').replace(
      'agents: { capacity: 1 }',
      'agents: { capacity: 1 }\n  idle: { capacity: 1 }',
    );
    expect(arrivalScv(yaml).idle).toBeNaN();
  });
});

describe('through the flow', () => {
  test('a decision splits at random: a share p of constant gaps has p x 0 + 1 - p', () => {
    const yaml = `
${RUN}
resources:
  a: { capacity: 1 }
  b: { capacity: 1 }
arrivals:
  - { flow: calls, interarrival: 1h }
flows:
  calls:
    start: route
    nodes:
      route: { branch: [{ p: 0.3, to: to_a }, { p: 0.7, to: to_b }] }
      to_a: { resource: a, duration: 1h }
      to_b: { resource: b, duration: 1h }
`;
    const scv = arrivalScv(yaml);
    expect(scv.a).toBeCloseTo(0.7, 12);
    expect(scv.b).toBeCloseTo(0.3, 12);
  });

  test("Burke: an M/M/1's departures are Poisson, and a team after it sees c² = 1", () => {
    const yaml = `
${RUN}
resources:
  first: { capacity: 1 }
  second: { capacity: 1 }
arrivals:
  - { flow: calls, rate: 0.8/h }
flows:
  calls:
    start: one
    nodes:
      one: { resource: first, duration: { exponential: { mean: 1h } }, next: two }
      two: { resource: second, duration: 30m }
`;
    expect(arrivalScv(yaml).second).toBeCloseTo(1, 12);
  });

  test('after an M/D/c at rho, 1 - rho² / sqrt(c): the team before smooths the stream', () => {
    const tandem = (units: number) => `
${RUN}
resources:
  first: { capacity: ${units} }
  second: { capacity: 1 }
arrivals:
  - { flow: calls, rate: ${0.8 * units}/h }
flows:
  calls:
    start: one
    nodes:
      one: { resource: first, duration: 1h, next: two }
      two: { resource: second, duration: 30m }
`;
    expect(arrivalScv(tandem(1)).second).toBeCloseTo(1 - 0.64, 12);
    expect(arrivalScv(tandem(4)).second).toBeCloseTo(1 - 0.64 / 2, 12);
  });

  test('a line of teams with constant work: the k-th sees (1 - rho²)^k, each smoothing the stream a little more', () => {
    const teams = 60;
    const rho = 0.7;
    const names = Array.from({ length: teams }, (_, k) => `t${k}`);
    const yaml = `
${RUN}
resources:
${names.map((n) => `  ${n}: { capacity: 1 }`).join('\n')}
arrivals:
  - { flow: calls, rate: ${rho}/h }
flows:
  calls:
    start: s0
    nodes:
${names.map((n, k) => `      s${k}: { resource: ${n}, duration: 1h${k + 1 < teams ? `, next: s${k + 1}` : ''} }`).join('\n')}
`;
    const scv = arrivalScv(yaml);
    for (const k of [0, 1, 2, 10, teams - 1]) expect(scv[`t${k}`]).toBeCloseTo((1 - rho * rho) ** k, 10);
  });

  test('a rework loop through one team: the fixed point of the two linear equations', () => {
    // Poisson arrivals at 0.3/h, constant work of 1 h, a share p = 0.4 sent back: the team sees
    // lambda = 0.5/h, rho = 0.5. Its arrivals c_a = (1 - p) 1 + p (p d + 1 - p), its departures
    // d = 1 + (1 - rho²)(c_a - 1) + rho² (0 - 1): two linear equations, solved here by substitution.
    const p = 0.4;
    const rho = 0.5;
    const yaml = `
${RUN}
resources:
  agents: { capacity: 1 }
arrivals:
  - { flow: calls, rate: 0.3/h }
flows:
  calls:
    start: serve
    nodes:
      serve: { resource: agents, duration: 1h, next: check }
      check: { branch: [{ p: ${p}, to: serve }, { p: ${1 - p}, to: done }] }
      done: { duration: 0h }
`;
    // c_a = 1 - p + p (1 - p) + p² d, d = 1 - rho² + (1 - rho²)(c_a - 1) = (1 - rho²) c_a
    const k = 1 - rho * rho;
    const ca = (1 - p + p * (1 - p)) / (1 - p * p * k);
    expect(arrivalScv(yaml).agents).toBeCloseTo(ca, 10);
    expect(departureScv(ca, rho, 1, 0)).toBeCloseTo(k * ca, 12);
  });
});
