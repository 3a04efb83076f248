// What a delay step is measured in, and from: its clock (engine/discovery/delay-clock.ts), a
// delay that elapses in hours of the clock (a customer's reply) getting no calendar and its mean
// back, one that elapses in its team's open hours keeping the team's calendar and its mean; and
// its start, where the discovered flow starts it. Generated logs: for the clock, clerks on Monday
// to Friday 09:00-17:00, each case's intake at a working hour, its decision when its delay has
// ended and the clerks are open (never all busy: each case has a clerk of its own).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cdfOf, delayClock, type DelayEnd } from '../../engine/discovery/delay-clock.js';
import type { FitResult } from '../../engine/discovery/fit.js';
import { discover } from '../../engine/discovery/discover.js';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { WorkCalendar } from '../../engine/sim/calendar.js';
import { replicate } from '../support/simulate.js';
import { seededDraws } from '../support/seeded-draws.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-delay-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2024, 0, 8);
const office = new WorkCalendar([0, 1, 2, 3, 4].map((d) => ({ start: d * 24 + 9, end: d * 24 + 17 })));

/** A sample's mean and the standard error of it. */
function meanAndSe(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return { mean, se: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) / n) };
}

/**
 * The log's mean cycle time of `flow` against the simulation's (5 replications), each with its
 * standard error: `gap` within 3.29 `se` is inside the 99.9% interval of their difference.
 */
function cycleTimeAgainstLog(scenario: Scenario, flow: string, cycles: readonly number[]) {
  const log = meanAndSe(cycles);
  const sim = meanAndSe(replicate(scenario, 5, 7).values(`flows.${flow}.cycle_time.mean`));
  return { logMean: log.mean, simMean: sim.mean, gap: Math.abs(sim.mean - log.mean), se: Math.hypot(log.se, sim.se) };
}

/** Seeded uniforms in [0, 1): the generated logs' randomness, the same every run. */
const lcg = (seed: number): (() => number) => seededDraws(seed).random;

/** Hours after the first Monday as an ISO timestamp, a log's time column. */
const at = (h: number) => new Date(MONDAY + h * HOUR).toISOString();

/** `rows` (a CSV with its header) as the log file `name`.csv of the test's folder: its path. */
function logFile(name: string, rows: readonly string[]): string {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, rows.join('\n'));
  return path;
}

/** The log at `path` discovered, written as YAML and loaded back without an error: its baseline, and what discover found. */
async function discoveredFrom(path: string, read: Parameters<typeof readEventLog>[1] = undefined) {
  const found = discover(await readEventLog(path, read), { minShare: 0.05 });
  const loaded = loadScenarioText(writeScenarioYaml(found, path), path.replace(/\.csv$/, '.yaml'));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { found, scenario: loaded.set!.baseline };
}

/** Delays drawn by `draw` (hours), in the clock's hours or the office's, for `cases` cases; cycle times (h) beside the log. */
function delayLog(name: string, clock: 'wall' | 'team', draw: (random: () => number) => number, { cases = 600, seed = 11 } = {}) {
  const random = lcg(seed);
  const rows = ['case,activity,role,resource,start,end'];
  const cycles: number[] = [];
  for (let c = 0; c < cases; c++) {
    const day = Math.floor(c / 6);
    const week = Math.floor(day / 5);
    const intake = week * 168 + (day % 5) * 24 + 9 + (c % 6) + random(); // 09:00-16:00
    const enabled = intake + 0.5;
    const delay = draw(random);
    const ends = clock === 'wall' ? enabled + delay : office.addWorkingTime(enabled, delay);
    const decide = office.isWorking(ends) ? ends : office.nextPeriodStart(ends);
    rows.push(`${c},intake,clerk,p${c},${at(intake)},${at(enabled)}`, `${c},decide,clerk,p${c},${at(decide)},${at(decide + 0.5)}`);
    cycles.push(decide + 0.5 - intake);
  }
  return { path: logFile(name, rows), cycles };
}

async function discovered(clock: 'wall' | 'team', mean: number) {
  const { path, cycles } = delayLog(`delays-${clock}`, clock, (random) => -mean * Math.log(1 - random()));
  const { found, scenario } = await discoveredFrom(path);
  const wait = scenario.flows[0].nodes.find((n) => n.name === 'wait_before_decide');
  if (wait?.kind !== 'task') throw new Error('no delay step before decide');
  const decide = found.activities.find((a) => a.name === 'decide')!;
  return { decide, wait, ...cycleTimeAgainstLog(scenario, scenario.flows[0].name, cycles) };
}

describe('the clock a delay step runs in', () => {
  test('a delay in hours of the clock (mean 30 h) gets no calendar, and the cycle time comes back', async () => {
    const { decide, wait, gap, se } = await discovered('wall', 30);
    expect(decide.delay?.clock?.clock).toBe('wall');
    expect(wait.calendar ?? null).toBeNull();
    // within the 99.9% interval of the difference of two means (in the team's hours, as before: 39.4 h against 45.7 h, -14%)
    expect(gap).toBeLessThan(3.29 * se);
  });

  test("a delay in the team's hours (mean 10 of them) keeps the team's calendar, and the cycle time comes back", async () => {
    const { decide, wait, gap, se } = await discovered('team', 10);
    expect(decide.delay?.clock?.clock).toBe('team');
    expect(wait.calendar).toBe('clerk_hours');
    expect(gap).toBeLessThan(3.29 * se);
  });
});

describe("the clock's evidence is the fits', not the floor's", () => {
  // Each clock is scored with a fit on half the delays; a held-out end the fit gives no
  // probability counts as 1e-9 (-20.7). The uniform, the lowest AIC of most team halves here,
  // gives none past its bounds (the half's range, widened by 1/(n - 1) of it each side): with
  // those bounds scoring, 5 of 30 logs went to hours of the clock on the draws before session 50,
  // 36 of these 300 (12%), on 1 to 6 held-out ends past the team's fit's bounds. Scored by the
  // lowest AIC on (0, inf), 13 of the 300 (4.3%): 8 delays a half sometimes favour the clock's
  // hours (seed 6: log-likelihood -43.3 against the team's -44.6). At most 25 lost: the 99.9%
  // quantile of a binomial of 300 at 4.3%, which 36 exceeds.
  test("uniform delays of 4-12 of the team's hours, 16 cases a log: no more of 300 logs go to the clock's hours than 16 cases explain", async () => {
    const lost: number[] = [];
    for (let seed = 1; seed <= 300; seed++) {
      const { path } = delayLog(`uniform-${seed}`, 'team', (random) => 4 + 8 * random(), { cases: 16, seed });
      const clock = discover(await readEventLog(path), { minShare: 0.05 }).activities.find((a) => a.name === 'decide')?.delay?.clock;
      if (clock?.clock !== 'team') lost.push(seed);
    }
    expect(lost.length, `lost: seeds ${lost.join(', ')}`).toBeLessThanOrEqual(25);
  });

  // The running example's 'check ticket' had 3 delays: a half of 2 (and one of 1) is fitted by
  // their mean, whose step gave the held-out ends the floor but for one team's cell it fell in:
  // its team's hours on -41.4 against -62.2, a count of floors.
  test('halves too small to fit decide nothing: the clock, with no calendar to name', () => {
    const end = (team: number, wall: number): DelayEnd => ({
      wall,
      wallClosed: null,
      team,
      wallCell: [Math.floor(wall), Math.floor(wall) + 1],
      teamCell: [Math.floor(team), Math.floor(team) + 1],
      cell: [Math.floor(wall), Math.floor(wall) + 1],
      at: wall,
    });
    // the first and last ends' team mean, 3.5, falls in the middle one's team cell [3, 4); their wall mean, 20, not in its [30, 31)
    const ends = [end(3, 10), end(3.2, 30.2), end(4, 30)];
    const clock = delayClock(ends);
    expect(clock).toEqual({ clock: 'wall', logLik: { wall: 0, team: 0 }, n: 3, scored: 0 });
    // with a fourth, the first half (0 and 2) is fitted still on 2: nothing scored either
    expect(delayClock([...ends, end(5, 31)]).scored).toBe(0);
  });
});

describe('a delay is measured from where its flow starts it', () => {
  // W, X, Y, Z after an intake, each in the order observed but for one swap of neighbours in 45%
  // of the cases (W X, X Y or Y Z): the log's concurrency holds for W-X, X-Y and Y-Z, a path with no
  // parallel cut, so the flow runs them in sequence. Measured from the log's enabling (the latest end
  // of a step not concurrent with it), Z's wait ran from X's end, 21 h, then from Y's in the
  // simulation: cases came out 40.8 h long against the log's 24.1 h.
  test('steps the log calls concurrent but the flow runs in sequence: the cycle time comes back', async () => {
    const random = lcg(5);
    const rows = ['case,activity,resource,start,end'];
    const cycles: number[] = [];
    const offsets = [1, 3, 20, 24];
    for (let c = 0; c < 800; c++) {
      const t0 = c * 0.85 + random() * 0.5; // at every hour of the week: teams work around the clock
      const order = ['W', 'X', 'Y', 'Z'];
      const u = random();
      const swap = u < 0.15 ? 0 : u < 0.3 ? 1 : u < 0.45 ? 2 : -1;
      if (swap >= 0) [order[swap], order[swap + 1]] = [order[swap + 1], order[swap]];
      rows.push(`${c},I,p${c},${at(t0)},${at(t0 + 0.1)}`);
      let end = t0 + 0.1;
      order.forEach((a, k) => {
        const from = t0 + offsets[k] + random() - 0.5;
        rows.push(`${c},${a},p${c},${at(from)},${at(from + 0.1)}`);
        end = from + 0.1;
      });
      cycles.push(end - t0);
    }
    const { scenario } = await discoveredFrom(logFile('no-cut', rows));
    expect(scenario.flows[0].nodes.some((n) => n.kind === 'fork')).toBe(false);
    // Z comes at a fixed age, 24 h, and its age reads its ends far better than a delay from Y (held out,
    // Vuong's z 71); but Z is on a loop of the flow (the swaps), which keeps the delay: read as an age it came out 26.8 h
    expect(scenario.flows[0].nodes.some((n) => n.kind === 'task' && n.until === 'case_age')).toBe(false);
    const { gap, se } = cycleTimeAgainstLog(scenario, scenario.flows[0].name, cycles);
    expect(gap).toBeLessThan(3.29 * se);
  });
});

describe('a delay is measured from where its own flow starts it', () => {
  // Two flows share steps A and B. In 'together' A and B run in parallel after an intake I; in
  // 'inTurn' B follows A. In both, B starts 2 h after the step its flow starts it after. With one
  // concurrency relation for the whole log, 'inTurn' ran A and B in parallel too, and its B's
  // delay was measured from I's end, A's 5 h in it (half the delays 7 h instead of 2 h).
  test("with --flow, a pair parallel in one flow is not parallel in another's measure", async () => {
    const random = lcg(9);
    const rows = ['case,kind,activity,resource,start,end'];
    const cycles = { together: [] as number[], inTurn: [] as number[] };
    for (let c = 0; c < 800; c++) {
      const kind = c % 2 === 0 ? 'together' : 'inTurn';
      const t0 = c * 0.85 + random() * 0.5; // every hour of the week: no calendar
      const row = (a: string, from: number, to: number) => rows.push(`${c},${kind},${a},p${c},${at(from)},${at(to)}`);
      row('I', t0, t0 + 0.1);
      const aEnd = t0 + 0.1 + 5 + random() * 0.2;
      row('A', t0 + 0.1, aEnd);
      const bFrom = (kind === 'together' ? t0 + 0.1 : aEnd) + 2 + random() * 0.2;
      row('B', bFrom, bFrom + 0.1);
      const eFrom = Math.max(aEnd, bFrom + 0.1);
      row('E', eFrom, eFrom + 0.1);
      cycles[kind].push(eFrom + 0.1 - t0);
    }
    const { scenario } = await discoveredFrom(logFile('two-flows', rows), { columns: { flow: 'kind' } });
    const flowNamed = (name: string) => scenario.flows.find((f) => f.name.toLowerCase().includes(name.toLowerCase()))!;
    expect(flowNamed('together').nodes.some((n) => n.kind === 'fork')).toBe(true);
    expect(flowNamed('inTurn').nodes.some((n) => n.kind === 'fork')).toBe(false);
    const { gap, se } = cycleTimeAgainstLog(scenario, flowNamed('inTurn').name, cycles.inTurn);
    expect(gap).toBeLessThan(3.29 * se);
  });
});

describe('a delay that few cases have', () => {
  // One case in ten waits for something other than its clerk, 100 h on average: 10 h a case,
  // most of the cycle time. A delay step was written only where 20% of the instances waited so;
  // the share is now --min-share's, below which a path is folded as rare.
  test('10% of the cases waiting 100 h: a delay step, and the cycle time comes back', async () => {
    const random = lcg(23);
    const rows = ['case,activity,resource,start,end'];
    const cycles: number[] = [];
    for (let c = 0; c < 1500; c++) {
      const t0 = c * 0.85 + random() * 0.5; // every hour of the week: no calendar
      const delay = random() < 0.1 ? -100 * Math.log(1 - random()) : 0;
      const from = t0 + 0.5 + delay;
      rows.push(`${c},intake,p${c},${at(t0)},${at(t0 + 0.5)}`, `${c},decide,p${c},${at(from)},${at(from + 0.5)}`);
      cycles.push(from + 0.5 - t0);
    }
    const { scenario } = await discoveredFrom(logFile('few-wait', rows));
    expect(scenario.flows[0].nodes.some((n) => n.name === 'wait_before_decide')).toBe(true);
    const { gap, se } = cycleTimeAgainstLog(scenario, scenario.flows[0].name, cycles);
    expect(gap).toBeLessThan(3.29 * se);
  });
});

describe('a delay step whose end is a case age', () => {
  // Cases around the clock (each with a clerk of its own: no queueing, no calendar): an intake, a
  // 'resolve' a delay after it (exponential, mean 40 h, at most 250 h), then a 'close' at a fixed
  // age, 300 h after the intake (within an hour), or, in the control, a delay of 200-300 h after
  // 'resolve'. Read as a delay from 'resolve', the first close adds resolve's spread to its own:
  // the simulated p90 cycle time overshoots the log's.
  function closeLog(name: string, close: 'age' | 'delay') {
    const random = lcg(close === 'age' ? 3 : 4);
    const rows = ['case,activity,role,resource,start,end'];
    const cycles: number[] = [];
    for (let c = 0; c < 600; c++) {
      const t0 = c * 1.3 + random() * 0.5;
      const resolve = t0 + 0.1 + Math.min(250, -40 * Math.log(1 - random()));
      const closing = close === 'age' ? t0 + 300 + random() : resolve + 0.5 + 200 + 100 * random();
      const row = (a: string, from: number, to: number) => rows.push(`${c},${a},clerk,p${c},${at(from)},${at(to)}`);
      row('intake', t0, t0 + 0.1);
      row('resolve', resolve, resolve + 0.5);
      row('close', closing, closing + 0.1);
      cycles.push(closing + 0.1 - t0);
    }
    return { path: logFile(name, rows), cycles };
  }

  const p90 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(0.9 * (xs.length - 1))];

  test("a close at a fixed age is read as one (until: case_age), and the cycle time's mean and p90 come back", async () => {
    const { path, cycles } = closeLog('age-close', 'age');
    const { found, scenario } = await discoveredFrom(path);
    const close = found.activities.find((a) => a.name === 'close')!;
    expect(close.delay?.age?.chosen).toBe(true);
    expect(found.activities.find((a) => a.name === 'resolve')!.delay?.age?.chosen).toBe(false);
    const wait = scenario.flows[0].nodes.find((n) => n.name === 'wait_before_close');
    expect(wait).toMatchObject({ kind: 'task', until: 'case_age' });
    const { gap, se } = cycleTimeAgainstLog(scenario, scenario.flows[0].name, cycles);
    expect(gap).toBeLessThan(3.29 * se);
    // every case closes 300-301 h after its intake: so does the simulation's p90 (its replications' mean)
    const simP90 = (s: Scenario) => meanAndSe(replicate(s, 5, 7).values(`flows.${s.flows[0].name}.cycle_time.p90`)).mean;
    expect(p90(cycles)).toBeGreaterThan(300);
    expect(p90(cycles)).toBeLessThan(301.2);
    expect(Math.abs(simP90(scenario) - p90(cycles))).toBeLessThan(2);
    // read as a delay from 'resolve' (the same fit's draws, until removed), it is far off
    const asDelay = {
      ...scenario,
      flows: [{ ...scenario.flows[0], nodes: scenario.flows[0].nodes.map((n) => (n === wait ? { ...n, until: null } : n)) }],
    };
    expect(simP90(asDelay) - p90(cycles)).toBeGreaterThan(50);
  });

  // The case's first step also comes back after a wait (half the cases take in again, 20-40 h
  // after their first intake, the clerk free): that delay is measured on the second passes only,
  // as a case arrives when its first step starts. Written before the flow's start (as it was),
  // every simulated case waited it at its arrival: its age ran on before its first step, and a
  // close at a fixed age came that much earlier after it (helpdesk's 'Closed': mean cycle time
  // 934 h against the log's 981 h; 988 h with the start entering the step itself).
  test("a delay measured on a step's later passes is not waited at the case's arrival", async () => {
    const random = lcg(5);
    const rows = ['case,activity,role,resource,start,end'];
    for (let c = 0; c < 600; c++) {
      const t0 = c * 1.3 + random() * 0.5;
      const row = (a: string, from: number, to: number) => rows.push(`${c},${a},clerk,p${c},${at(from)},${at(to)}`);
      row('intake', t0, t0 + 0.1);
      let last = t0 + 0.1;
      if (c % 2 === 0) {
        const again = last + 20 + 20 * random();
        row('intake', again, again + 0.1);
        last = again + 0.1;
      }
      const resolve = last + 0.1 + Math.min(150, -40 * Math.log(1 - random()));
      row('resolve', resolve, resolve + 0.5);
      const closing = t0 + 300 + random();
      row('close', closing, closing + 0.1);
    }
    const path = logFile('intake-again', rows);
    const { found, scenario } = await discoveredFrom(path);
    const intake = found.activities.find((a) => a.name === 'intake')!;
    expect(intake.delay).toMatchObject({ atArrival: false });
    expect(found.activities.find((a) => a.name === 'close')!.delay?.age?.chosen).toBe(true);
    const flow = scenario.flows[0];
    // the flow starts at the step itself; its delay is where a case comes back to it
    expect(flow.start).toBe('intake');
    const toWait = flow.nodes.filter((n) => n.kind === 'decision' && n.branch.some((b) => b.to === 'wait_before_intake'));
    expect(toWait.map((n) => n.name)).toEqual(['after_intake']);
    // every case closes 300-301 h after its first intake, in the log and simulated (without the mend: 270 h, its delay's mean short)
    const f = await fidelity(scenario, scenario.name, await readEventLog(path), { replications: 3, seed: 1, slaHours: null });
    expect(f.cycle_time.log.mean).toBeGreaterThan(300);
    expect(f.cycle_time.log.mean).toBeLessThan(301.2);
    expect(Math.abs((f.cycle_time.simulation.mean.mean ?? Number.NaN) - f.cycle_time.log.mean)).toBeLessThan(2);
  });

  test('a close a delay after the step before it stays a delay', async () => {
    const { path, cycles } = closeLog('delay-close', 'delay');
    const { found, scenario } = await discoveredFrom(path);
    expect(found.activities.find((a) => a.name === 'close')!.delay?.age?.chosen).toBe(false);
    expect(scenario.flows[0].nodes.some((n) => n.kind === 'task' && n.until === 'case_age')).toBe(false);
    const { gap, se } = cycleTimeAgainstLog(scenario, scenario.flows[0].name, cycles);
    expect(gap).toBeLessThan(3.29 * se);
  });
});

describe("a fit's distribution function, as wallSample reads a delay within closed hours", () => {
  /** A fit that took `family` among `tried` (in AIC order), each of the given D and distribution function. */
  const fitWith = (family: string, tried: { family: string; ks: number; cdf: (x: number) => number }[]): FitResult => ({
    dist: { kind: 'exponential', mean: 1 },
    n: 10,
    censored: 0,
    family,
    aic: 0,
    ks: 0,
    p: 1,
    tried: tried.map((t, i) => ({ ...t, dist: { kind: 'exponential', mean: 1 }, aic: i })),
    reason: '',
  });
  const lowestAic = () => 0.1;
  const taken = () => 0.2;
  const nearest = () => 0.3;

  test('the family the fit took, not the lowest AIC the test rejected (before session 57)', () => {
    const fit = fitWith('gamma', [
      { family: 'lognormal', ks: 0.4, cdf: lowestAic },
      { family: 'gamma', ks: 0.05, cdf: taken },
    ]);
    expect(cdfOf(fit)(1)).toBe(0.2);
  });

  test('the quantiles taken (the test rejects every family): the family of least D, not the lowest AIC', () => {
    const fit = fitWith('empirical', [
      { family: 'lognormal', ks: 0.4, cdf: lowestAic },
      { family: 'gamma', ks: 0.3, cdf: taken },
      { family: 'weibull', ks: 0.2, cdf: nearest },
    ]);
    expect(cdfOf(fit)(1)).toBe(0.3);
  });

  test('a constant: its step', () => {
    const fit: FitResult = { ...fitWith('constant', []), dist: { kind: 'constant', value: 2 } };
    expect([cdfOf(fit)(1.9), cdfOf(fit)(2)]).toEqual([0, 1]);
  });
});
