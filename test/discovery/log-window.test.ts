// A log cut out of a running process (a window): fiber's own log with the warm-up's rows left
// out, so the log opens with cases under way and closes with cases open, as an operator's export
// of a running system does. The scenario that wrote it is the truth to recover: the flow starts
// where the scenario's does (no start branches into mid-flow), the rework loop is a loop (not a
// parallel block), no parallel branch is left early where the log's end cut it, and the arrival
// rate and the fallout share are the scenario's within their sampling error.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { distMean } from '../../engine/random/distributions.js';
import { type Chain, END, START } from '../../engine/discovery/flow-structure.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { writeEventLogs } from '../../engine/interchange/write-event-logs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { madeOnce } from '../support/made-once.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-log-window-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Fiber over 100 days, the first 30 its warm-up: the window is the 70 days after it. */
function fiber(): Scenario {
  const text = readFileSync(join(import.meta.dirname, '../../scenarios/fiber-order-to-activation.yaml'), 'utf8')
    .replace('horizon: 200d', 'horizon: 100d')
    .replace('warmup: 40d', 'warmup: 30d');
  return loadScenarioText(text, 'fiber.yaml').set!.baseline;
}

/**
 * The scenario's log as `run --event-log FORMAT --event-log-replications N` writes it: its path. Written once for
 * every test that exports the same scenario alike (the window and the two periods read fiber's of one replication,
 * each a copy of its own rows): keyed by what the export is made of, not the scenario's name, so that a scenario
 * changed under the same name is written anew, to a folder of its own.
 */
const exportedLogs = madeOnce<Promise<string>>();
function exportedLog(scenario: Scenario, replications: number, format: 'csv' | 'xes' = 'csv'): Promise<string> {
  const key = JSON.stringify([scenario, replications, format]);
  return exportedLogs(key, () => {
    const digest = createHash('sha256').update(key).digest('hex').slice(0, 12);
    const out = join(dir, `${scenario.name.replace(/\W+/g, '-')}-${replications}-${digest}`);
    mkdirSync(join(out, 'events'), { recursive: true });
    return writeEventLogs({
      variants: [{ name: 'baseline', scenario }],
      formats: [format],
      replications,
      seed: 1,
      target: (relative) => join(out, relative),
    }).then(([file]) => join(out, file));
  });
}

/** The scenario's CSV log (one replication), without the rows the warm-up completed: its path. */
async function windowedLog(scenario: Scenario): Promise<string> {
  const lines = readFileSync(await exportedLog(scenario, 1), 'utf8').split('\n');
  const warmup = lines[0].split(',').indexOf('warmup');
  expect(warmup).toBeGreaterThan(0);
  const kept = lines.filter((line, i) => i === 0 || (line !== '' && !line.includes('"') && line.split(',')[warmup] === 'false'));
  expect(kept.length).toBeLessThan(lines.length - 1000); // the warm-up's rows are gone
  const path = join(dir, 'window.csv');
  writeFileSync(path, `${kept.join('\n')}\n`);
  return path;
}

/** Expected arrivals a week (Poisson streams with their profiles). */
function weeklyVolume(scenario: Scenario): number {
  let total = 0;
  for (const a of scenario.arrivals) {
    if (a.interarrival.kind !== 'exponential') throw new Error('fiber and its discovery are Poisson');
    for (let h = 0; h < 168; h++)
      total += (a.profile ? a.profile.days[Math.floor(h / 24)] * a.profile.hours[h % 24] : 1) / a.interarrival.mean;
  }
  return total;
}

test('a windowed log: cases under way at its start are no arrivals, the loop is a loop, no branch is left early', async () => {
  const original = fiber();
  const path = await windowedLog(original);
  const log = await readEventLog(path);
  const found = discover(log, { minShare: 0.05 });
  const activity = (name: string) => log.activities.indexOf(name);
  const chain = found.flows[0].chain;
  const symbolOf = (c: Chain, name: string) => c.symbols.findIndex((s) => s.kind === 'activity' && s.activity === activity(name));

  // Every case enters at capture_order: the cases the window opened on in mid-flow (at their
  // design, hold, appointment...) were read as arrivals there, a start branch of 5.7% (160 days).
  const entries = [...(chain.transitions.get(START)?.keys() ?? [])];
  expect(entries).toEqual([symbolOf(chain, 'capture_order')]);

  // The rework loop (design, fallout hold, resolve, design again) is a loop of the flow's own
  // chain: two passes seen as one of each, the hold before the design, made them concurrent.
  for (const name of ['design_service', 'fallout_hold', 'resolve_fallout']) expect(symbolOf(chain, name), name).toBeGreaterThanOrEqual(0);
  const resolve = chain.transitions.get(symbolOf(chain, 'resolve_fallout'));
  expect([...(resolve?.keys() ?? [])]).toEqual([symbolOf(chain, 'design_service')]);

  // The fork of configure_service and reserve_port: in the port's branch every case goes on to
  // its appointment; the log's end cut the appointments under way, which read as the branch's end.
  const block = chain.symbols.find((s) => s.kind === 'block');
  expect(block?.kind).toBe('block');
  const branch = block!.kind === 'block' ? block!.block.branches.find((b) => symbolOf(b, 'reserve_port') >= 0) : undefined;
  expect(branch).toBeDefined();
  const afterPort = branch!.transitions.get(symbolOf(branch!, 'reserve_port'));
  expect([...(afterPort?.keys() ?? [])]).toEqual([symbolOf(branch!, 'appointment_lead')]);
  expect(afterPort?.has(END)).toBe(false);

  // The fallout share: 15% in the scenario, within 4 standard errors of a binomial share.
  const design = chain.transitions.get(symbolOf(chain, 'design_service'))!;
  let exits = 0;
  for (const c of design.values()) exits += c;
  const fallout = (design.get(symbolOf(chain, 'fallout_hold')) ?? 0) / exits;
  expect(Math.abs(fallout - 0.15)).toBeLessThan(4 * Math.sqrt((0.15 * 0.85) / exits));

  // The arrival rate: the scenario's weekly volume within 4 standard errors of a Poisson count
  // over the log's period (the under-way cases had added arrivals and moved its first one days
  // back, before the window).
  const text = writeScenarioYaml(found, path);
  const loaded = loadScenarioText(text, 'window-discovered.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const want = weeklyVolume(original);
  const got = weeklyVolume(loaded.set!.baseline);
  const arrived = found.flows[0].arrivals.cases;
  expect(Math.abs(got / want - 1), `weekly arrivals ${got.toFixed(1)} against ${want.toFixed(1)}`).toBeLessThan(4 / Math.sqrt(arrived));

  // fidelity reads the window as discover does: the cases under way at its start are left out
  // (the simulation starts empty, so it has none of them), and the scenario that wrote the log
  // fits it: its cases and mean cycle time within the one-log interval.
  const f = await fidelity(original, 'Fiber', log, { replications: 3, seed: 2, slaHours: null });
  const underWay = found.notes.find((n) => n.kind.startsWith('cases under way when the log opens'))!.count;
  expect(f.log.cases_under_way_at_start.length).toBe(underWay);
  expect(f.warnings.map((w) => w.code)).toContain('cases_under_way_at_start');
  for (const [what, logged, simulated] of [
    ['cases', f.cases.log, f.cases.simulation],
    ['mean cycle time', f.cycle_time.log.mean, f.cycle_time.simulation.mean],
  ] as const) {
    const [lo, hi] = simulated.one_log95!;
    expect(logged, `${what}: log ${logged}, simulated ${simulated.mean} [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
    expect(logged, `${what}: log ${logged}, simulated ${simulated.mean} [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
  }
});

// etomsim's log of three replications (`--event-log-replications 3`): each simulates the same
// dates, so read as one period the log had three times the arrivals (740.9 a week against
// 246.96), every team three times its units (the 99th percentile of instances at once) and
// waits taken for delays no busy team explains. The first replication is read alone.
test("etomsim's log of several replications: the first is read alone, its rate and teams the scenario's", async () => {
  const original = fiber();
  const path = await exportedLog(original, 3);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const loaded = loadScenarioText(writeScenarioYaml(found, path), 'replications-discovered.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const discovered = loaded.set!.baseline;
  const want = weeklyVolume(original);
  const got = weeklyVolume(discovered);
  expect(Math.abs(got / want - 1), `weekly arrivals ${got.toFixed(1)} against ${want.toFixed(1)}`).toBeLessThan(
    4 / Math.sqrt(found.flows[0].arrivals.cases),
  );
  const capacity = (s: Scenario) => new Map(s.resources.map((r) => [r.name, r.capacity]));
  expect(capacity(discovered)).toEqual(capacity(original));
  expect(found.notes.some((n) => n.kind.startsWith("replications of etomsim's own log") && n.count === 2)).toBe(true);
  // fidelity compares the same replication: the scenario that wrote the log brings its cases
  // (read whole, the log had three times the simulation's: 10,609 against 3,536)
  const f = await fidelity(original, 'Fiber', await readEventLog(path), { replications: 2, seed: 1, slaHours: null });
  expect(f.log.replications_left_out).toEqual([2, 3]);
  expect(f.warnings.map((w) => w.code)).toContain('replications_left_out');
  expect(
    Math.abs(f.cases.log / (f.cases.simulation.mean ?? 0) - 1),
    `log ${f.cases.log}, simulated ${f.cases.simulation.mean}`,
  ).toBeLessThan(4 / Math.sqrt(f.cases.log));
});

// A log of two periods 40 days apart (fiber's cases arriving in its first 30 days and in its
// last 30 of 100): measured over its whole span, the arrival rate was diluted by the break
// (150.3 a week against 246.96). The break is left out of the time the rate is measured over.
test('a log of two periods apart: the break between them is no time of arrivals', async () => {
  const original = fiber();
  const lines = readFileSync(await exportedLog(original, 1), 'utf8').split('\n');
  const header = lines[0].split(',');
  const caseColumn = header.indexOf('case:concept:name');
  const enabled = header.indexOf('enabled_timestamp');
  const rows = lines.slice(1).filter((line) => line !== '');
  const arrival = new Map<string, number>();
  for (const line of rows) {
    expect(line.includes('"')).toBe(false);
    const cells = line.split(',');
    const ms = Date.parse(cells[enabled]);
    arrival.set(cells[caseColumn], Math.min(arrival.get(cells[caseColumn]) ?? ms, ms));
  }
  let first = Number.POSITIVE_INFINITY;
  for (const ms of arrival.values()) first = Math.min(first, ms);
  const day = (id: string) => (arrival.get(id)! - first) / 86_400_000;
  const kept = rows.filter((line) => {
    const d = day(line.split(',')[caseColumn]);
    return d < 30 || d >= 70;
  });
  const path = join(dir, 'two-periods.csv');
  writeFileSync(path, `${[lines[0], ...kept].join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  expect(found.notes.filter((n) => n.kind.startsWith("breaks in the log's case arrivals")).map((n) => n.count)).toEqual([1]);
  const loaded = loadScenarioText(writeScenarioYaml(found, path), 'two-periods-discovered.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const want = weeklyVolume(original);
  const got = weeklyVolume(loaded.set!.baseline);
  expect(Math.abs(got / want - 1), `weekly arrivals ${got.toFixed(1)} against ${want.toFixed(1)}`).toBeLessThan(
    4 / Math.sqrt(found.flows[0].arrivals.cases),
  );

  // fidelity simulates through the break, as the process ran on, and compares no case arriving
  // in it, as the log has none: the scenario that wrote the log brings its cases (simulated
  // straight through, 3,534 against the log's 2,155) and its weekly arrivals.
  const f = await fidelity(original, 'Fiber', await readEventLog(path), { replications: 3, seed: 2, slaHours: null });
  expect(f.log.breaks.length).toBe(1);
  expect(f.warnings.map((w) => w.code)).toContain('breaks');
  const [lo, hi] = f.cases.simulation.one_log95!;
  expect(f.cases.log, `log ${f.cases.log}, simulated ${f.cases.simulation.mean} [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
  expect(f.cases.log, `log ${f.cases.log}, simulated ${f.cases.simulation.mean} [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
  const perWeek = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const logged = perWeek(f.arrivals_by_hour_of_week.log);
  expect(Math.abs(logged / want - 1), `weekly arrivals in the log's periods ${logged.toFixed(1)} against ${want.toFixed(1)}`).toBeLessThan(
    4 / Math.sqrt(f.cases.log),
  );
});

// Two exports of a desk, `run --event-log` at two dates ten weeks apart (each run five weeks from
// empty, the second's case ids renamed apart): the round trip, log -> discover -> fidelity,
// fits. Simulated straight through the break, the discovered scenario brought its five weeks of
// arrivals too.
const DESK = (start: string) => `name: Desk from ${start.slice(0, 10)}
time_unit: hours
run: { horizon: 5w, warmup: 0h, replications: 1, seed: 1, start: "${start}" }
resources:
  desk: { capacity: 2 }
arrivals:
  - { flow: f, rate: 2/h }
flows:
  f:
    start: w
    nodes:
      w: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

test('two runs ten weeks apart, one log: discovered and compared, the break left out, the counts agree', async () => {
  const [first, second] = await Promise.all(
    ['2026-01-05T00:00:00Z', '2026-03-16T00:00:00Z'].map(async (start) =>
      readFileSync(await exportedLog(loadScenarioText(DESK(start), `desk-${start.slice(0, 10)}.yaml`).set!.baseline, 1), 'utf8'),
    ),
  );
  const [header, ...rows] = first.trimEnd().split('\n');
  const caseColumn = header.split(',').indexOf('case:concept:name');
  const renamed = second
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) =>
      line
        .split(',')
        .map((cell, k) => (k === caseColumn ? `b-${cell}` : cell))
        .join(','),
    );
  const path = join(dir, 'two-runs.csv');
  writeFileSync(path, `${[header, ...rows, ...renamed].join('\n')}\n`);
  const log = await readEventLog(path);
  const found = discover(log, { minShare: 0.05 });
  expect(found.notes.filter((n) => n.kind.startsWith("breaks in the log's case arrivals")).map((n) => n.count)).toEqual([1]);
  const discovered = loadScenarioText(writeScenarioYaml(found, path), 'two-runs-discovered.yaml').set!.baseline;
  const f = await fidelity(discovered, 'Desk', log, { replications: 5, seed: 3, slaHours: null });
  expect(f.log.breaks.length).toBe(1);
  const [lo, hi] = f.cases.simulation.one_log95!;
  expect(f.cases.log, `log ${f.cases.log}, simulated ${f.cases.simulation.mean} [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
  expect(f.cases.log, `log ${f.cases.log}, simulated ${f.cases.simulation.mean} [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
  // a Poisson count's noise: the scenario's ten weeks of arrivals, 3,360
  expect(Math.abs(f.cases.simulation.mean! / 3360 - 1)).toBeLessThan(4 / Math.sqrt(3360));
  const [clo, chi] = f.cycle_time.simulation.mean.one_log95!;
  expect(f.cycle_time.log.mean).toBeGreaterThanOrEqual(clo);
  expect(f.cycle_time.log.mean).toBeLessThanOrEqual(chi);
});

// A timer on the case's age (closed 72 h after it arrived) after a 20-hour first step, in a log cut
// out of a running process: a case under way when the log opens shows from its second step on, so
// its age read from there is 20 hours and more short. Its ages are left out of the age's fit.
const TIMER = `name: Timer
time_unit: hours
run: { horizon: 6w, warmup: 2w, replications: 1, seed: 4 }
resources:
  clerks: { capacity: 60 }
  desk: { capacity: 40 }
arrivals:
  - { flow: f, rate: 1/h }
flows:
  f:
    start: a
    nodes:
      a: { resource: clerks, duration: 20h, next: b }
      b: { resource: desk, duration: { exponential: { mean: 24h } }, next: timer }
      timer: { until: case_age, duration: { normal: { mean: 72h, sd: 2h } }, next: c }
      c: { resource: desk, duration: 30m }
`;

test("a case-age timer in a windowed log: the ages of cases under way at its start are not the timer's", async () => {
  // a timer is no step a log records: its rows left out, its time is the wait before c
  const lines = readFileSync(await windowedLog(loadScenarioText(TIMER, 'timer.yaml').set!.baseline), 'utf8').split('\n');
  const activity = lines[0].split(',').indexOf('concept:name');
  const path = join(dir, 'timer-window.csv');
  writeFileSync(path, lines.filter((line) => line.split(',')[activity] !== 'timer').join('\n'));
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  expect(found.notes.find((n) => n.kind.startsWith('cases under way when the log opens'))?.count).toBeGreaterThan(20);
  const delay = found.activities.find((a) => a.name === 'c')!.delay!;
  expect(delay.age?.chosen).toBe(true);
  const mean = distMean(delay.fit.dist);
  // the timer's mean age within 4 standard errors of the normal's (sd 2 h) over the delays measured
  // (with the under-way cases' ages: an empirical fit of mean 71.55 h, three ages of 49.9-54.8 h in it)
  expect(Math.abs(mean - 72), `fitted ${delay.fit.family} mean ${mean} h`).toBeLessThan(4 * (2 / Math.sqrt(delay.age!.n)) + 0.05);
});

// The other edge of a case's time: a deadline (cancel_after 4 h) cuts the tasks still in service,
// each written as an `ate_abort` (XES). Left out of the durations, the step was fitted short (a
// normal of mean 0.39 h and sd 1.66 h, about 1.5 h truncated at 0, for exponential work of mean
// 3 h): the longer a task runs, the likelier the deadline falls in it. Each is a censored
// duration, at least its time at work until the abort.
const CUT = `name: Cut by a deadline
time_unit: hours
run: { horizon: 8w, warmup: 0h, replications: 1, seed: 1 }
resources:
  desk: { capacity: 10 }
arrivals:
  - { flow: f, rate: 0.5/h }
flows:
  f:
    cancel_after: 4h
    start: w
    nodes:
      w: { resource: desk, duration: { exponential: { mean: 3h } } }
`;

test('tasks a cancellation cut (ate_abort) are censored durations: the step is fitted its length', async () => {
  const original = loadScenarioText(CUT, 'cut.yaml').set!.baseline;
  const path = await exportedLog(original, 1, 'xes');
  const log = await readEventLog(path);
  expect(log.cutByAbort.length).toBeGreaterThan(50); // the case this is about: many tasks cut
  const found = discover(log, { minShare: 0.05 });
  const w = found.activities.find((a) => a.name === 'w')!;
  // the censored exponential's maximum-likelihood mean has a standard error of mean / sqrt(completions)
  const mean = distMean(w.duration.dist);
  expect(Math.abs(mean / 3 - 1), `fitted ${w.duration.family} mean ${mean} h`).toBeLessThan(4 / Math.sqrt(w.instances));
  expect(found.notes.find((n) => n.kind === 'instances cut by a cancellation (ate_abort, pi_abort)')?.count).toBe(log.cutByAbort.length);
});

// Two long cases, each opening with the step its later passes repeat: by the rule, both were
// under way at the log's start, which would leave the flow no arrival to measure a rate from.
// A flow keeps its cases' beginnings when all would be taken as under way.
test('a flow whose every case looks under way keeps their arrivals', async () => {
  const path = join(dir, 'two-long-cases.csv');
  const at = (h: number) => new Date(Date.UTC(2026, 0, 5) + h * 3_600_000).toISOString();
  const rows = [
    ['c1', 'y', 1],
    ['c1', 'x', 100],
    ['c1', 'y', 200],
    ['c2', 'y', 2],
    ['c2', 'x', 150],
    ['c2', 'y', 250],
  ];
  writeFileSync(path, `case,activity,end\n${rows.map(([c, a, h]) => `${c},${a},${at(h as number)}`).join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  expect(found.flows[0].arrivals.cases).toBe(2);
  expect(found.notes.some((n) => n.kind.startsWith('cases under way when the log opens'))).toBe(false);
});

// A log of two exports of one running process, 40 days apart, each of the events completed in
// its 35 days (s37c F1): cases arrive every 5 hours all along, intake 12 h then work 8 h. The
// second export shows two cases from 'work' on (c356, c357: their intake completed before it
// opened), under way when it opened, as a window's first days show at the log's start: no
// arrivals, by the same rule at each period's opening. Cases with an entry: k = 0..165 (an
// intake completed by 840 h) and k = 356..525 (a completion in 1,800-2,640 h), 336 in all.
describe('a log of two periods apart', () => {
  const HOUR = 3_600_000;
  const t0 = Date.UTC(2024, 0, 8);
  const at = (h: number) => new Date(t0 + h * HOUR).toISOString();
  function twoPeriods(): string {
    const rows = ['case_id,activity,start_time,end_time'];
    const inPeriod = (end: number) => end <= 840 || (end >= 1800 && end <= 2640);
    for (let k = 0; k * 5 <= 2640; k++) {
      const a = k * 5;
      if (inPeriod(a + 12)) rows.push(`c${k},intake,${at(a)},${at(a + 12)}`);
      if (inPeriod(a + 20)) rows.push(`c${k},work,${at(a + 12)},${at(a + 20)}`);
    }
    return `${rows.join('\n')}\n`;
  }

  test('the cases under way when the second opens are no arrivals, in discover and in fidelity', async () => {
    const path = join(dir, 'two-periods.csv');
    writeFileSync(path, twoPeriods());
    const log = await readEventLog(path);
    expect(log.cases.length).toBe(336);
    const d = discover(log, { minShare: 0.05 });
    expect(d.flows[0].arrivals.cases).toBe(334);
    expect(d.notes).toContainEqual(
      expect.objectContaining({
        kind: expect.stringMatching(/^cases under way when a period of the log opens after a break/),
        count: 2,
        example: expect.stringContaining('case c356 opens with work'),
      }),
    );
    expect(d.notes.map((n) => n.kind)).not.toContainEqual(expect.stringMatching(/^cases under way when the log opens/));
    const scenario = loadScenarioText(
      `name: Two periods
run: { horizon: 30d, replications: 1 }
resources: {}
arrivals: [ { flow: f, interarrival: 5h } ]
flows:
  f:
    start: intake
    nodes:
      intake: { duration: 12h, next: work }
      work: { duration: 8h }
`,
      't.yaml',
    ).set!.baseline;
    const f = await fidelity(scenario, 'Two periods', log, { replications: 1, seed: 1, slaHours: null });
    expect(f.log.cases_under_way_at_start).toEqual(['c356', 'c357']);
    expect(f.warnings.find((w) => w.code === 'cases_under_way_at_start')?.message).toMatch(
      /^2 cases under way when the log, or a period of it after a break, opens \(their first step rarely opens a case, and ended too near its start/,
    );
  });
});

// Cases the log shows only as given up are arrivals in fidelity's breaks as in discover's
// (s37c F3): a case every 5 hours for 100 days, intake 2 h, but those of days 30-70 given up
// before their intake (a pi_abort each, no entry). No break to either: before, fidelity found
// one of 40 days from the cases with entries alone, and compared none of those cases.
test('a stretch of cases seen only as given up is no break, in fidelity as in discover', async () => {
  const HOUR = 3_600_000;
  const t0 = Date.UTC(2024, 0, 8);
  const at = (h: number) => new Date(t0 + h * HOUR).toISOString();
  const rows = ['case_id,activity,lifecycle,timestamp'];
  for (let k = 0; k * 5 < 2400; k++) {
    const a = k * 5;
    if (a >= 720 && a < 1680) rows.push(`c${k},intake,pi_abort,${at(a)}`);
    else rows.push(`c${k},intake,start,${at(a)}`, `c${k},intake,complete,${at(a + 2)}`);
  }
  const path = join(dir, 'given-up.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  const log = await readEventLog(path);
  expect(log.aborts.length).toBe(192);
  const d = discover(log, { minShare: 0.05 });
  expect(d.notes.map((n) => n.kind)).not.toContainEqual(expect.stringMatching(/^breaks? in the log's case arrivals/));
  const scenario = loadScenarioText(
    `name: Given up
run: { horizon: 30d, replications: 1 }
resources: {}
arrivals: [ { flow: f, interarrival: 5h } ]
flows:
  f:
    start: intake
    nodes:
      intake: { duration: 2h }
`,
    'g.yaml',
  ).set!.baseline;
  const f = await fidelity(scenario, 'Given up', log, { replications: 1, seed: 1, slaHours: null });
  expect(f.log.breaks).toEqual([]);
  expect(f.warnings.map((w) => w.code)).not.toContain('breaks');
});
