// Fidelity's handovers (engine/fidelity/measures.ts' Handovers): the changes of team along a
// case's steps, log against simulation. The scenario that wrote a log fits it, in all and by pair
// of teams, near the closed form; a small log's counts are those by hand, its teams read and
// named as discover reads and names them; a log without a resource or role column has none to
// compare (null, not 0), and the console and page say so.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { etomsim } from '../support/cli.js';
import { ownLogs } from '../support/own-logs.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-handovers-');

// front takes each case in, back works it, and 30% go back to front for a recheck: 1 + 0.3
// handovers a case (front to back 1, back to front 0.3)
const TWO_TEAMS = `name: Two teams
run: { horizon: 4w, warmup: 0h, replications: 1, seed: 1, start: "2026-01-05T00:00:00Z" }
resources: { front: { capacity: 2 }, back: { capacity: 2 } }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: intake
    nodes:
      intake: { resource: front, duration: { exponential: { mean: 30m } }, next: work }
      work: { resource: back, duration: { exponential: { mean: 1h } }, next: route }
      route: { branch: [ { to: recheck, p: 0.3 }, { to: done, p: 0.7 } ] }
      recheck: { resource: front, duration: { exponential: { mean: 20m } }, next: done }
      done: { duration: { constant: 0 } }
`;

test("the scenario that wrote a log fits its handovers, in all and by pair, near the closed form's 1.3 a case", async () => {
  const { paths } = await ownLogs(TWO_TEAMS, tmp(), ['xes'], 3);
  const scenario = loadScenarioText(TWO_TEAMS, 'two.yaml').set!.baseline;
  const f = await fidelity(scenario, 'Two teams', await readEventLog(paths[0]), { replications: 20, seed: 2, slaHours: null });
  expect(f.handovers.basis).toBe('role');
  const h = f.handovers.per_case!;
  const inside = (x: number, i: readonly [number, number] | null | undefined) => !!i && x >= i[0] && x <= i[1];
  expect(inside(h.log, h.simulation.one_log95), `log ${h.log} in ${h.simulation.one_log95}`).toBe(true);
  // about 670 cases a replication: the mean of 20 within 0.03 of 1.3 (its sd about 0.004)
  expect(Math.abs(h.simulation.mean! - 1.3)).toBeLessThan(0.03);
  expect(Math.abs(h.log - 1.3)).toBeLessThan(0.06);
  expect(f.handovers.pairs.map((p) => [p.from, p.to])).toEqual([
    ['front', 'back'],
    ['back', 'front'],
  ]);
  for (const p of f.handovers.pairs) expect(inside(p.log, p.simulation.one_log95), `${p.from} to ${p.to}`).toBe(true);
  // every case counted goes from front to back once, but one still in intake at the log's end, on both sides
  expect(f.handovers.pairs[0].log).toBeGreaterThan(0.99);
  expect(f.handovers.pairs[0].log).toBeLessThan(1);
  expect(f.handovers.pairs[0].simulation.mean).toBeGreaterThan(0.99);
  expect(Math.abs(f.handovers.pairs[1].simulation.mean! - 0.3)).toBeLessThan(0.03);
  // the pairs add up to the total, on each side
  expect(f.handovers.pairs[0].log + f.handovers.pairs[1].log).toBeCloseTo(h.log, 12);
  expect(f.handovers.pairs[0].simulation.mean! + f.handovers.pairs[1].simulation.mean!).toBeCloseTo(h.simulation.mean!, 12);
});

// Three cases a day apart, each step an hour: c1 front, Back Office, front (2 handovers), c2
// front, an automated check (no role: passed over), front (none), c3 front, Back Office (1).
// 3 handovers over 3 cases; front to back_office 2/3, back_office to front 1/3 ('Back Office'
// named as discover names its team: slug).
const SMALL_LOG = `case_id,activity,role,start_time,end_time
c1,intake,front,2026-01-05T09:00:00Z,2026-01-05T10:00:00Z
c1,work,Back Office,2026-01-05T10:00:00Z,2026-01-05T11:00:00Z
c1,reply,front,2026-01-05T11:00:00Z,2026-01-05T12:00:00Z
c2,intake,front,2026-01-06T09:00:00Z,2026-01-06T10:00:00Z
c2,check,,2026-01-06T10:00:00Z,2026-01-06T11:00:00Z
c2,reply,front,2026-01-06T11:00:00Z,2026-01-06T12:00:00Z
c3,intake,front,2026-01-07T09:00:00Z,2026-01-07T10:00:00Z
c3,work,Back Office,2026-01-07T10:00:00Z,2026-01-07T11:00:00Z
`;

const SMALL_SCENARIO = `name: Small
run: { horizon: 1w, replications: 2, start: "2026-01-05T00:00:00Z" }
resources: { front: { capacity: 1 }, back_office: { capacity: 1 } }
arrivals: [ { flow: f, rate: 12/d } ]
flows:
  f:
    start: intake
    nodes:
      intake: { resource: front, duration: { constant: 1h }, next: work }
      work: { resource: back_office, duration: { constant: 1h }, next: reply }
      reply: { resource: front, duration: { constant: 1h } }
`;

test('a small log: its handovers by hand, an automated step passed over, its teams named as discover names them', async () => {
  const dir = tmp();
  const path = join(dir, 'small.csv');
  writeFileSync(path, SMALL_LOG);
  const scenario = loadScenarioText(SMALL_SCENARIO, 'small.yaml').set!.baseline;
  const f = await fidelity(scenario, 'Small', await readEventLog(path), { replications: 2, seed: 1, slaHours: null });
  expect(f.cases.log).toBe(3);
  expect(f.handovers.basis).toBe('role');
  expect(f.handovers.per_case!.log).toBe(1);
  expect(f.handovers.pairs.map((p) => [p.from, p.to, p.log])).toEqual([
    ['front', 'back_office', 2 / 3],
    ['back_office', 'front', 1 / 3],
  ]);
  // each simulated case goes front, back_office, front, as far as the log's end shows it: the pairs named as the log's
  expect(f.handovers.pairs.every((p) => p.simulation.mean! > 0.8 && p.simulation.mean! <= 1)).toBe(true);
  expect(f.handovers.per_case!.simulation.mean).toBeCloseTo(
    f.handovers.pairs[0].simulation.mean! + f.handovers.pairs[1].simulation.mean!,
    12,
  );
});

test('a log without a resource or role column: handovers not available (null, not 0), said on the console and the page', () => {
  const dir = tmp();
  const log = join(dir, 'plain.csv');
  writeFileSync(log, SMALL_LOG.replace(/,(front|Back Office|),/g, ',').replace('activity,role,', 'activity,'));
  const scenarioFile = join(dir, 'small.yaml');
  writeFileSync(scenarioFile, SMALL_SCENARIO);
  const out = join(dir, 'out');
  const r = etomsim('fidelity', scenarioFile, log, '--out', out, '-r', '2');
  expect(r.status, r.stderr).toBe(0);
  const json = JSON.parse(readFileSync(join(out, 'fidelity.json'), 'utf8'));
  expect(json.handovers).toEqual({ basis: 'none', per_case: null, pairs: [] });
  const said = 'not available (the log has no resource or role column, so no team to hand over between)';
  expect(r.stdout).toContain(`handovers per case: ${said}`);
  expect(readFileSync(join(out, 'fidelity.html'), 'utf8')).toContain(said);
});
