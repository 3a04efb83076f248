// A stable team near saturation whose queue settles too slowly for the measured window: the
// heavy-traffic relaxation time 2 (c_a^2 + c_s^2) rho^2 / (lambda (1 - rho)^2) against the window
// (c_a^2, c_s^2: the variance over mean squared of the times between its arrivals and of its
// tasks' work; 1 for Poisson arrivals and exponential work), from a scenario file to the warning in results.json.
import { describe, expect, test } from 'vitest';
import { offeredLoadWithArrivals } from '../../engine/model/offered-load.js';
import { relaxationTime, slowSettling, WINDOW_RELAXATIONS } from '../../engine/results/relaxation.js';
import { collectWarnings } from '../../engine/results/warnings.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { constant, exp, flow, mmc, scenario, task, team } from '../support/build.js';
import { resultsOf } from '../support/results.js';

const run = { horizon: 1000, warmup: 100, replications: 2, seed: 1 };

function loadOf(scenario: Scenario, team = 'agents') {
  return offeredLoadWithArrivals(scenario).find((l) => l.resource === team)!;
}

describe('relaxationTime', () => {
  test('M/M/1: 4 rho / (1 - rho)^2 mean task times, from the offered load', () => {
    // lambda = rho tasks an hour, mean task 1 h: 360 h at 90%, 1,520 h at 95%, 9,800 h at 98%
    for (const [rho, hours] of [
      [0.9, 360],
      [0.95, 1520],
      [0.98, 9800],
    ])
      expect(relaxationTime(loadOf(mmc(rho, 1, 1, run)))).toBeCloseTo(hours, 6);
    // the same load with a task of 2 h at half the rate takes twice as long to settle
    expect(relaxationTime(loadOf(mmc(0.475, 0.5, 1, run)))).toBeCloseTo(3040, 6);
  });

  test('M/M/c: the units do not enter, only the rate and the load', () => {
    // 3 units, 2.85 tasks an hour of 1 h: 95% load, 4 x 0.95^2 / (2.85 x 0.05^2)
    expect(relaxationTime(loadOf(mmc(2.85, 1, 3, run)))).toBeCloseTo((4 * 0.95 ** 2) / (2.85 * 0.05 ** 2), 6);
  });

  test("the work's variability: constant work (M/D/1) settles in half the time, a mix of tasks by its moments", () => {
    const single = (work: ReturnType<typeof exp>) =>
      scenario({
        run,
        resources: [team('agents', 1)],
        arrivals: [{ flow: 'calls', ordinal: 0, interarrival: exp(1 / 0.95), fromRate: true, profile: null, priority: 0 }],
        flows: [flow('calls', [task('serve', work, 'agents')])],
      });
    expect(loadOf(mmc(0.95, 1, 1, run)).workScv).toBeCloseTo(1, 12);
    expect(loadOf(single(constant(1))).workScv).toBe(0);
    expect(relaxationTime(loadOf(single(constant(1))))).toBeCloseTo(1520 / 2, 6);
    // lognormal of mean 1 h and sd 2 h: c^2 = 4, (1 + 4) / 2 times the exponential's
    const lognormal = loadOf(single({ kind: 'lognormal', mean: 1, sd: 2 }));
    expect(lognormal.workScv).toBeCloseTo(4, 12);
    expect(relaxationTime(lognormal)).toBeCloseTo((1520 * 5) / 2, 6);
    // two constant tasks of 1 h and 3 h, one of each per case: mean 2, second moment 5, c^2 = 5/4 - 1
    const mix = scenario({
      run,
      resources: [team('agents', 1)],
      arrivals: [{ flow: 'calls', ordinal: 0, interarrival: exp(10), fromRate: true, profile: null, priority: 0 }],
      flows: [flow('calls', [task('first', constant(1), 'agents', 'second'), task('second', constant(3), 'agents')])],
    });
    expect(loadOf(mix).workScv).toBeCloseTo(0.25, 12);
    // 0.2 tasks an hour, rho = 0.4; half of them arrive as Poisson (c_a² 1), half as the team's own
    // departures (c_d² = 1 + (1 - rho²)(c_a² - 1) + rho² (c_s² - 1)): c_a² = 1 + rho² (c_s² - 1) / (1 + rho²)
    const ca = 1 + (0.16 * (0.25 - 1)) / (1 + 0.16);
    expect(loadOf(mix).arrivalScv).toBeCloseTo(ca, 10);
    expect(relaxationTime(loadOf(mix))).toBeCloseTo((2 * (ca + 0.25) * 0.16) / (0.2 * 0.36), 6);
  });

  test("the arrivals' variability: constant gaps (D/M/1) settle in half the time, bunched ones (c_a² = 4) in 2.5 times", () => {
    const arriving = (interarrival: ReturnType<typeof exp>) =>
      scenario({
        run,
        resources: [team('agents', 1)],
        arrivals: [{ flow: 'calls', ordinal: 0, interarrival, fromRate: false, profile: null, priority: 0 }],
        flows: [flow('calls', [task('serve', exp(1), 'agents')])],
      });
    const regular = loadOf(arriving(constant(1 / 0.95)));
    expect(regular.arrivalScv).toBe(0);
    expect(relaxationTime(regular)).toBeCloseTo(1520 / 2, 6);
    const bunched = loadOf(arriving({ kind: 'gamma', mean: 1 / 0.95, sd: 2 / 0.95 }));
    expect(bunched.arrivalScv).toBeCloseTo(4, 12);
    expect(relaxationTime(bunched)).toBeCloseTo((1520 * 5) / 2, 6);
  });

  test('no tasks, or at least the capacity: no steady state to relax to', () => {
    expect(relaxationTime(loadOf(mmc(1, 1, 1, run)))).toBeNaN();
    expect(relaxationTime(loadOf(mmc(1.2, 1, 1, run)))).toBeNaN();
    expect(relaxationTime({ ...loadOf(mmc(0.5, 1, 1, run)), tasksPerWeek: 0, utilization: 0 })).toBeNaN();
  });

  test('slowSettling names the team whose relaxation time is more than a fourth of the window, and only it', () => {
    const load = loadOf(mmc(0.95, 1, 1, run));
    const tau = relaxationTime(load);
    const of = (window: number) =>
      slowSettling([{ name: 'v', model: { warmup: 50, horizon: 50 + window }, offeredLoad: [load, loadOf(mmc(0.5, 1, 1, run))] }]);
    expect(of(WINDOW_RELAXATIONS * tau * 0.99)).toEqual([
      {
        variant: 'v',
        resource: 'agents',
        utilization: expect.closeTo(0.95, 12),
        with: [],
        relaxation: tau,
        workScv: expect.closeTo(1, 12),
        arrivalScv: expect.closeTo(1, 12),
        window: WINDOW_RELAXATIONS * tau * 0.99,
      },
    ]);
    expect(of(WINDOW_RELAXATIONS * tau * 1.01)).toEqual([]);
  });
});

/** Cases triaged by a desk at 50% load, then fixed by two technicians at `load`. */
function yaml(load: number, warmup: string, horizon: string): string {
  return `name: Near saturation
time_unit: hours
run: { horizon: ${horizon}, warmup: ${warmup}, replications: 3, seed: 7 }
resources:
  desk: { capacity: 1 }
  techs: { capacity: 2 }
arrivals:
  - { flow: repair, rate: 1/h }
flows:
  repair:
    start: triage
    nodes:
      triage: { resource: desk, duration: { exponential: { mean: 30m } }, next: fix }
      fix: { resource: techs, duration: { exponential: { mean: ${2 * load}h } } }
`;
}

async function relaxationWarnings(text: string) {
  const { set, diagnostics } = loadScenarioText(text, 'near-saturation.yaml');
  expect(diagnostics).toEqual([]);
  const results = await resultsOf(set!.baseline);
  return results.warnings.filter((w) => w.code === 'warmup' && w.message.includes('relaxation time'));
}

describe('the warning, end to end', () => {
  test('95% load over a window of 900 h (relaxation 1,444 h): the technicians, not the desk', async () => {
    const found = await relaxationWarnings(yaml(0.95, '100h', '1000h'));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'warmup', variant: 'baseline', subject: 'resources.techs' });
    expect(found[0].message).toContain('95% of its capacity');
    expect(found[0].message).toContain('the measured window of 37.5 d');
    expect(found[0].message).toContain('95% of its capacity: so near saturation its queue takes about 60.2 d to forget how the run began');
  });

  test('at 50% load over a window of 9 h (relaxation 4 h): the same warning and advice, without calling the team near saturation', async () => {
    const found = await relaxationWarnings(yaml(0.5, '1h', '10h'));
    expect(found.map((w) => w.subject)).toEqual(['resources.desk', 'resources.techs']);
    for (const w of found) {
      expect(w.message).toContain('is offered 50% of its capacity: its queue takes about 4.0 h to forget how the run began');
      expect(w.message).toContain('the measured window of 9.0 h is shorter than 4 times that');
      expect(w.message).toContain('make the window at least 16.0 h.');
      expect(w.message).not.toContain('saturation');
    }
  });

  test('silent at 70% load over the same window (relaxation 22 h)', async () => {
    expect(await relaxationWarnings(yaml(0.7, '100h', '1000h'))).toEqual([]);
  });

  test('silent at 95% load over a window of 6,000 h, more than 4 relaxation times (5,776 h)', async () => {
    expect(await relaxationWarnings(yaml(0.95, '1000h', '7000h'))).toEqual([]);
  });
});

describe('near saturation by the load as printed', () => {
  const message = (utilization: number) => {
    const warmupCheck = { warmup: 0, suggested: {}, suggested_warmup: null, sufficient: true, bin_hours: 24, batch_hours: 24, series: {} };
    const slow = [
      { variant: 'baseline', resource: 'techs', utilization, with: [], relaxation: 100, workScv: 1, arrivalScv: 1, window: 50 },
    ];
    const [w] = collectWarnings({ variants: {}, instabilities: [], warmupCheck, slow, precision: null, interval: 't', replications: 20 });
    return w.message;
  };
  test.each([
    [0.8, '80%', true],
    [0.796, '80%', true],
    [0.794, '79%', false],
  ])('offered %s: printed %s, near saturation %s', (utilization, printed, near) => {
    expect(message(utilization)).toContain(
      `techs is offered ${printed} of its capacity: ${near ? 'so near saturation ' : ''}its queue takes about`,
    );
  });
});
