// A known scenario round-tripped through its own event log (session 61): two teams in tandem, one
// always at work and one on office hours, a parallel split, a decision, exponential and lognormal
// steps and Poisson arrivals; its CSV and XES logs (as `run --event-log` writes them) discovered,
// and what discovery recovered compared with the truth, each parameter within the interval one
// log of that size draws it in: the arrival rate and its flat profile, each step's law and mean,
// the branch share, the parallel block, the teams' sizes and the office team's calendar. Then
// fidelity: the discovered scenario against the log fits by every one-log interval, and the
// truth with its always-open team halved does not (docs/discovery-notes.md, "A tandem of two
// teams round-tripped").
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type Discovery, discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { type Fidelity, fidelity } from '../../engine/fidelity/fidelity.js';
import type { EventLog } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { distMean } from '../../engine/random/distributions.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { Scenario } from '../../engine/scenario/types.js';
import { madeOnce } from '../support/made-once.js';
import { ownLogs } from '../support/own-logs.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-tandem-');

/** z of a two-sided 99.9% interval */
const Z = 3.29;
const WEEKS = 16;

// field: 2 units round the clock at about 37% (0.4 cases an hour, 1.83 h of its work each);
// office: 3 units Monday to Friday 08:00-17:00 at about 64% of its 135 unit-hours a week
// (67 cases a week, 1.28 h of its work each), so its queue carries over nights and weekends.
const TRUTH = (field: number) => `name: Tandem truth
time_unit: hours
run: { horizon: ${WEEKS}w, warmup: 0h, replications: 1, seed: 3, start: "2026-01-05T00:00:00Z" }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-17:00" }
resources:
  field: { capacity: ${field} }
  office: { capacity: 3, calendar: office }
arrivals: [ { flow: order, rate: 0.4/h } ]
flows:
  order:
    start: intake
    nodes:
      intake: { resource: field, duration: { exponential: { mean: 30m } }, next: split }
      split: { parallel: [survey, design], join: decide }
      survey: { resource: field, duration: { lognormal: { mean: 1h, sd: 30m } }, next: decide }
      design: { resource: office, duration: { exponential: { mean: 45m } }, next: decide }
      decide: { branch: [ { to: rework, p: 0.35 }, { to: activate, p: 0.65 } ] }
      rework: { resource: office, duration: { lognormal: { mean: 90m, sd: 45m } }, next: activate }
      activate: { resource: field, duration: { exponential: { mean: 20m } } }
`;

/** Each step's law in the truth: family, mean and sd in hours, and its team. */
const STEPS: Record<string, { family: string; mean: number; sd: number; team: string }> = {
  intake: { family: 'exponential', mean: 0.5, sd: 0.5, team: 'field' },
  survey: { family: 'lognormal', mean: 1, sd: 0.5, team: 'field' },
  design: { family: 'exponential', mean: 0.75, sd: 0.75, team: 'office' },
  rework: { family: 'lognormal', mean: 1.5, sd: 0.75, team: 'office' },
  activate: { family: 'exponential', mean: 1 / 3, sd: 1 / 3, team: 'field' },
};
/** families of two parameters that hold the exponential as a special case (shape 1) */
const NESTING_EXPONENTIAL = ['gamma', 'weibull'];

type Found = { log: EventLog; found: Discovery; scenario: Scenario };
const made = madeOnce<Promise<Found>>();
/** The truth's log in `format` (seed 3, one replication), its discovery and the scenario written from it, made once. */
function roundTrip(format: 'csv' | 'xes'): Promise<Found> {
  return made(format, async () => {
    const { paths } = await ownLogs(TRUTH(2), tmp(), [format], 3);
    const log = await readEventLog(paths[0]);
    const found = discover(log, { minShare: 0.05 });
    const loaded = loadScenarioText(writeScenarioYaml(found, paths[0]), 'found.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return { log, found, scenario: loaded.set!.baseline };
  });
}

const instancesOf = (log: EventLog, activity: string) => {
  const a = log.activities.indexOf(activity);
  let n = 0;
  for (let e = 0; e < log.size; e++) if (log.activityOf[e] === a) n++;
  return n;
};

describe.each(['csv', 'xes'] as const)("the truth's %s log, discovered", (format) => {
  test('gives back the arrival rate and its flat profile, the parallel block and the branch share', async () => {
    const { log, scenario } = await roundTrip(format);
    expect(scenario.arrivals).toHaveLength(1);
    const arrivals = scenario.arrivals[0];
    // Poisson: the count over the log's 16 weeks has sd sqrt(rate x hours)
    const rate = 1 / distMean(arrivals.interarrival);
    expect(Math.abs(rate - 0.4), `rate ${rate}/h`).toBeLessThan(Z * Math.sqrt(0.4 / (WEEKS * 168)));
    if (arrivals.profile) {
      expect(arrivals.profile.days.every((d) => d === 1)).toBe(true);
      expect(arrivals.profile.hours.every((h) => h === 1)).toBe(true);
    }
    const nodes = scenario.flows[0].nodes;
    expect(scenario.flows[0].start).toBe('intake');
    const fork = nodes.find((n) => n.kind === 'fork');
    expect(fork?.kind === 'fork' && [...fork.parallel].sort()).toEqual(['design', 'survey']);
    // the join leads to the decision, and no wait was invented (the teams' queues explain every wait)
    const decision = nodes.find((n) => n.kind === 'decision');
    expect(fork?.kind === 'fork' && fork.join).toBe(decision?.name);
    expect(nodes.filter((n) => n.name.includes('delay') || n.name.startsWith('wait_before_'))).toEqual([]);
    expect(nodes.map((n) => n.name).sort()).toEqual(
      ['activate', 'design', 'intake', 'rework', 'survey', fork!.name, decision!.name].sort(),
    );
    const toRework = decision?.kind === 'decision' ? decision.branch.find((b) => b.to === 'rework')!.p : Number.NaN;
    const passes = instancesOf(log, 'activate'); // every pass of the decision ends at activate
    expect(Math.abs(toRework - 0.35), `share to rework ${toRework}`).toBeLessThan(Z * Math.sqrt((0.35 * 0.65) / passes));
  });

  test("gives back each step's law and mean, and its team", async () => {
    const { found } = await roundTrip(format);
    expect(found.activities.map((a) => a.name).sort()).toEqual(Object.keys(STEPS).sort());
    for (const a of found.activities) {
      const truth = STEPS[a.name];
      const fit = a.duration;
      expect(found.teams.teams[a.team].name, a.name).toBe(truth.team);
      expect(a.delay, a.name).toBeNull();
      // the mean of n draws: sd / sqrt(n)
      const mean = distMean(fit.dist);
      expect(Math.abs(mean - truth.mean), `${a.name}: ${fit.family} mean ${mean} h from ${fit.n}`).toBeLessThan(
        (Z * truth.sd) / Math.sqrt(fit.n),
      );
      // The law: the truth's family chosen, or a family holding it as a special case whose better
      // likelihood a ratio test at 99.9% would not take over it (2 x the log-likelihood gain < 10.83,
      // the AIC gap less the extra parameter's 2).
      if (fit.family !== truth.family) {
        expect(truth.family === 'exponential' && NESTING_EXPONENTIAL.includes(fit.family), `${a.name}: ${fit.family}`).toBe(true);
        const own = fit.tried.find((t) => t.family === truth.family)!;
        expect(own.aic - fit.aic + 2, `${a.name}: exponential's AIC ${own.aic} against ${fit.aic}`).toBeLessThan(10.83);
      }
    }
  });

  test("gives back the teams' sizes, the always-open team without hours and the office team's calendar", async () => {
    const { found, scenario } = await roundTrip(format);
    const team = (name: string) => found.teams.teams.find((t) => t.name === name)!;
    expect(found.teams.teams.map((t) => t.name).sort()).toEqual(['field', 'office']);
    expect([team('field').capacity, team('field').calendar, team('field').roster]).toEqual([2, null, null]);
    expect([team('office').capacity, team('office').calendar, team('office').roster]).toEqual([
      3,
      { days: [0, 1, 2, 3, 4], hours: [[8, 17]] },
      null,
    ]);
    // as the scenario writes them
    const resource = (name: string) => scenario.resources.find((r) => r.name === name)!;
    expect([resource('field').capacity, resource('office').capacity]).toEqual([2, 3]);
  });
});

/** the log's figure against a measure's one-log interval: inside it or not */
const inside = (x: number, interval: readonly [number, number] | null | undefined) => !!interval && x >= interval[0] && x <= interval[1];
/**
 * The 99.9% interval one log lies in, from the replications' mean and sd (t of 19 degrees of
 * freedom, as Stat.one_log95's at 95%): the bar for the steps' figures, ten of them against a log.
 */
const oneLog999 = (s: Fidelity['cases']['simulation']): [number, number] => {
  const half = 3.883 * s.sd! * Math.sqrt(1 + 1 / s.n);
  return [s.mean! - half, s.mean! + half];
};
const REPLICATIONS = 20;

describe("fidelity against the truth's CSV log", () => {
  const measures = (f: Fidelity): [string, number, Fidelity['cases']['simulation']][] => [
    ['cases', f.cases.log, f.cases.simulation],
    ['cycle time mean', f.cycle_time.log.mean, f.cycle_time.simulation.mean],
    ['cycle time p90', f.cycle_time.log.p90, f.cycle_time.simulation.p90],
    ['sla', f.sla.log, f.sla.simulation],
    ['wip', f.wip.log_mean, f.wip.simulation_mean],
  ];
  const compared = madeOnce<Promise<Fidelity>>();
  const against = (what: 'discovered' | 'halved') =>
    compared(what, async () => {
      const { log, scenario } = await roundTrip('csv');
      const s = what === 'discovered' ? scenario : loadScenarioText(TRUTH(1), 'halved.yaml').set!.baseline;
      return fidelity(s, what, log, { replications: REPLICATIONS, seed: 2, slaHours: null });
    });

  test('the discovered scenario fits: every measure within the interval one log lies in, each step within 99.9%', async () => {
    const f = await against('discovered');
    expect(f.warnings).toEqual([]);
    for (const [name, log, sim] of measures(f)) expect(inside(log, sim.one_log95), `${name}: log ${log} in ${sim.one_log95}`).toBe(true);
    expect(f.steps.map((s) => s.activity).sort()).toEqual(Object.keys(STEPS).sort());
    for (const s of f.steps)
      for (const what of ['processing', 'waiting'] as const)
        expect(inside(s.log[what], oneLog999(s.simulation[what])), `${s.activity} ${what}: log ${s.log[what]}`).toBe(true);
  });

  test("the truth with its always-open team halved is far: the cycle time and that team's waits outside", async () => {
    const [good, halved] = [await against('discovered'), await against('halved')];
    // the demand is the same: the cases fit
    expect(inside(halved.cases.log, halved.cases.simulation.one_log95)).toBe(true);
    expect(inside(halved.cycle_time.log.mean, halved.cycle_time.simulation.mean.one_log95)).toBe(false);
    // the cycle times' distance: the halved scenario's interval wholly above the discovered one's
    expect(halved.cycle_time.ks.ci95![0]).toBeGreaterThan(good.cycle_time.ks.ci95![1]);
    // the steps field does, after the first (whose wait the log cannot show: a case arrives when it
    // starts): their waits below the interval one log lies in, as the command reads it ("outside")
    for (const activity of ['survey', 'activate']) {
      const s = halved.steps.find((x) => x.activity === activity)!;
      expect(s.log.waiting, `${activity}: ${s.simulation.waiting.one_log95}`).toBeLessThan(s.simulation.waiting.one_log95![0]);
    }
  });
});

// The tandem the other way round: the office team takes each case in (intake) and hands it to the
// field team, which is at work round the clock but gets its work in office hours only, and in the
// evenings its Monday backlog runs into. Its hours were read from when it works: Monday to Friday
// 08:00-19:00, so that in the simulation the backlog waited overnight where the log's did not (cycle
// time mean 37.6 h [one log 32.1, 43.1] against the log's 28.5 h, survey waiting 5.96 h against
// 2.58). The log shows the difference: never a closed hour with field's work held and nobody at it.
const OFFICE_FIRST = TRUTH(2)
  .replace('intake: { resource: field', 'intake: { resource: office')
  .replace('office: { capacity: 3, calendar: office }', 'office: { capacity: 4, calendar: office }');

describe('a team round the clock fed by an office-hours team', () => {
  const log = madeOnce<Promise<{ csv: string; path: string }>>();
  const written = () =>
    log('office-first', async () => {
      const { paths } = await ownLogs(OFFICE_FIRST, tmp(), ['csv'], 3);
      return { csv: readFileSync(paths[0], 'utf8'), path: paths[0] };
    });

  test('is discovered without hours (the office team with its own), and the discovered scenario fits the log', async () => {
    const { path } = await written();
    const read = await readEventLog(path);
    const found = discover(read, { minShare: 0.05 });
    const team = (name: string) => found.teams.teams.find((t) => t.name === name)!;
    expect(team('field').calendar).toBeNull();
    expect(team('office').calendar).toEqual({ days: [0, 1, 2, 3, 4], hours: [[8, 17]] });
    const text = writeScenarioYaml(found, path);
    // the arrivals are the intakes' enabled times, round the clock, not their starts in office hours,
    // and the scenario says so (before: "a case arrives when its first step starts")
    expect(text).toMatch(/\n {4}# \d+ case arrivals \(a case arrives when its first step is enabled, or else starts\)/);
    const scenario = loadScenarioText(text, 'found.yaml').set!.baseline;
    expect(scenario.arrivals[0].profile?.hours.every((h) => h === 1) ?? true).toBe(true);
    const f = await fidelity(scenario, 'office first', read, { replications: REPLICATIONS, seed: 2, slaHours: null });
    expect(inside(f.cycle_time.log.mean, f.cycle_time.simulation.mean.one_log95), `${f.cycle_time.simulation.mean.one_log95}`).toBe(true);
    for (const activity of ['survey', 'activate']) {
      const s = f.steps.find((x) => x.activity === activity)!;
      expect(
        inside(s.log.waiting, s.simulation.waiting.one_log95),
        `${activity}: log ${s.log.waiting} in ${s.simulation.waiting.one_log95}`,
      ).toBe(true);
    }
  });

  test('without enabled times the log cannot tell its hours from its demand: they are read from when it works, as before', async () => {
    const { csv } = await written();
    const rows = csv.split('\n');
    const column = rows[0].split(',').indexOf('enabled_timestamp');
    const path = join(tmp(), 'no-enabled.csv');
    writeFileSync(
      path,
      rows
        .map((r) =>
          r
            .split(',')
            .filter((_, k) => k !== column)
            .join(','),
        )
        .join('\n'),
    );
    const found = discover(await readEventLog(path), { minShare: 0.05 });
    expect(found.teams.teams.find((t) => t.name === 'field')!.calendar).toEqual({ days: [0, 1, 2, 3, 4], hours: [[8, 19]] });
    expect(writeScenarioYaml(found, path)).toMatch(/\n {4}# \d+ case arrivals \(a case arrives when its first step starts\)/);
  });
});
