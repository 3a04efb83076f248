// `etomsim bottlenecks` rests on replications like `run`'s: what run would warn of them (an
// unstable team, cases open at the horizon...) is on its console and in bottlenecks.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { repairDesk } from '../support/repair-desk.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-bottlenecks-warnings-');

/** One desk offered 120% of its capacity: no steady state, and a growing crowd open at the horizon. */
const OVERLOADED = `name: Overloaded
run: { horizon: 30d, warmup: 2d, replications: 3, seed: 4 }
resources:
  desk: { capacity: 1 }
arrivals: [ { flow: calls, rate: 1.2/h } ]
flows:
  calls:
    start: answer
    nodes:
      answer: { resource: desk, duration: { exponential: { mean: 1h } } }
`;

test('an overloaded team: bottlenecks warns as run does, on the console and in bottlenecks.json', () => {
  const dir = tmp();
  const file = join(dir, 'overloaded.yaml');
  writeFileSync(file, OVERLOADED);
  const r = etomsim('bottlenecks', file, '--workers', '1', '--out', join(dir, 'out'));
  expect(r.status).toBe(0);
  const report = JSON.parse(readFileSync(join(dir, 'out', 'bottlenecks.json'), 'utf8')) as {
    warnings: { code: string; subject: string }[];
  };
  const codes = report.warnings.map((w) => w.code);
  expect(codes).toContain('unstable');
  expect(codes).toContain('censored');
  expect(report.warnings.find((w) => w.code === 'unstable')!.subject).toBe('resources.desk');
  expect(r.stdout).toMatch(/Warnings \(\d+\): where these numbers may not mean what they seem to/);
  expect(r.stdout).toContain('warning: baseline: ');
});

test("a team without cost_per_hour beside a costed one: bottlenecks gives run's cost warning, from the teams' costs alone", () => {
  const dir = tmp();
  const file = join(dir, 'costs.yaml');
  writeFileSync(file, repairDesk('{ horizon: 200h, warmup: 20h, replications: 2, seed: 3 }', { desk: ', cost_per_hour: 30' }));
  const bottlenecks = etomsim('bottlenecks', file, '--workers', '1', '--out', join(dir, 'b'));
  const run = etomsim('run', file, '--workers', '1', '--no-report', '--out', join(dir, 'r'));
  expect([bottlenecks.status, run.status]).toEqual([0, 0]);
  const cost = (path: string) =>
    (JSON.parse(readFileSync(path, 'utf8')) as { warnings: { code: string; message: string }[] }).warnings.filter((w) => w.code === 'cost');
  const [warned] = cost(join(dir, 'b', 'bottlenecks.json'));
  expect(warned).toMatchObject({ variant: 'baseline', subject: null });
  expect(warned.message).toMatch(/^techs has no cost_per_hour while other teams have one/);
  expect(cost(join(dir, 'b', 'bottlenecks.json'))).toEqual(cost(join(dir, 'r', 'results.json')));
});
