// A log with a case dated 1970-01-01 (epoch 0, a ticketing system's "no date") and one dated
// 9999-12-31 ("open-ended"): discover took each as real, a period of decades or millennia and an
// arrival rate near zero (s33x F14). Such cases are left out, named in a note, and the rest of
// the log discovers exactly as it does without them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { farFence } from '../../engine/discovery/far-dates.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { simulatedCsv } from '../support/simulated-log.js';
import { scratchFolders } from '../support/scratch.js';

const folder = scratchFolders('etomsim-far-dates-');

const SCENARIO = `name: Tickets
run: { horizon: 14d, replications: 1 }
resources:
  desk: { capacity: 3 }
arrivals: [ { flow: ticket, rate: 2/h } ]
flows:
  ticket:
    start: triage
    nodes:
      triage: { resource: desk, duration: { exponential: { mean: 20m } }, next: fix }
      fix: { resource: desk, duration: { exponential: { mean: 40m } } }
`;

const stray = (id: string, day: string) =>
  [
    `${id},triage,desk,${day}T08:00:00.000Z,${day}T08:00:00.000Z,${day}T08:25:00.000Z,ticket`,
    `${id},fix,desk,${day}T08:25:00.000Z,${day}T08:30:00.000Z,${day}T09:40:00.000Z,ticket`,
  ].join('\n');

test('a case dated 1970 and one dated 9999 are left out with a note naming them: arrivals, period and durations as without them', async () => {
  const dir = folder();
  const csv = simulatedCsv(loadScenarioText(SCENARIO, 's.yaml').set!.baseline, 0, 3);
  const clean = join(dir, 'clean.csv');
  const dirty = join(dir, 'dirty.csv');
  writeFileSync(clean, csv);
  writeFileSync(dirty, `${csv}${stray('epoch', '1970-01-01')}\n${stray('open', '9999-12-31')}\n`);
  const without = discover(await readEventLog(clean), { minShare: 0.05 });
  const withStray = discover(await readEventLog(dirty), { minShare: 0.05 });
  expect(withStray.log.cases.length).toBe(without.log.cases.length + 2);
  const { steady: _s, ...arrivals } = withStray.flows[0].arrivals;
  const { steady: _t, ...expected } = without.flows[0].arrivals;
  expect(arrivals).toEqual(expected);
  expect(withStray.flows[0].arrivals.steady).toEqual(without.flows[0].arrivals.steady);
  expect([withStray.firstMs, withStray.lastMs]).toEqual([without.firstMs, without.lastMs]);
  expect(withStray.flows[0].cycleHours).toEqual(without.flows[0].cycleHours);
  expect(withStray.activities.map((a) => [a.name, a.instances, a.duration.dist])).toEqual(
    without.activities.map((a) => [a.name, a.instances, a.duration.dist]),
  );
  const note = withStray.notes.find((n) => n.kind.startsWith('cases dated far from the rest of the log'));
  expect(note?.count).toBe(2);
  const rows = csv.trimEnd().split('\n').length; // header and entries: the strays' first rows follow
  expect(note?.handling).toContain(`case epoch (row ${rows + 1}, 1970-01-01)`);
  expect(note?.handling).toContain(`case open (row ${rows + 3}, 9999-12-31)`);
  expect(without.notes.some((n) => n.kind.startsWith('cases dated far'))).toBe(false);
});

test('fidelity leaves the same cases out, with a warning and their ids: every figure as without them, where the window was 54 years', async () => {
  const dir = folder();
  const scenario = loadScenarioText(SCENARIO, 's.yaml').set!.baseline;
  const csv = simulatedCsv(scenario, 0, 3);
  const clean = join(dir, 'clean.csv');
  const dirty = join(dir, 'dirty.csv');
  writeFileSync(clean, csv);
  writeFileSync(dirty, `${csv}${stray('epoch', '1970-01-01')}\n${stray('open', '9999-12-31')}\n`);
  const options = { replications: 2, seed: 7, slaHours: 2 };
  const without = await fidelity(scenario, 'Tickets', await readEventLog(clean), options);
  const withStray = await fidelity(scenario, 'Tickets', await readEventLog(dirty), options);
  expect(withStray.log.cases_left_out).toEqual(['epoch', 'open']);
  expect(without.log.cases_left_out).toEqual([]);
  expect(withStray.warnings).toEqual([
    {
      code: 'cases_left_out',
      subject: 'log.cases_left_out',
      message: expect.stringMatching(
        /^2 cases dated far from the rest of the log .*: left out of the comparison, as discover leaves them out \(the window is the rest's\): case epoch \(row \d+, 1970-01-01\), case open \(row \d+, 9999-12-31\)$/,
      ),
    },
  ]);
  expect({ ...withStray, log: { ...withStray.log, file: '', cases_left_out: [] }, warnings: [] }).toEqual({
    ...without,
    log: { ...without.log, file: '' },
  });
});

test('the fence keeps a log spread evenly, in two periods, or in bursts; a stray date is cut on either side', () => {
  const day = 86_400_000;
  const even = Array.from({ length: 400 }, (_, i) => i * day); // over a year, no gap
  expect(farFence(even)).toEqual([-Infinity, Infinity]);
  // 20% of the cases two years before the rest: two periods of the log, not a stray date
  const periods = [...Array.from({ length: 20 }, (_, i) => i * day), ...Array.from({ length: 80 }, (_, i) => (800 + i) * day)];
  expect(farFence(periods)).toEqual([-Infinity, Infinity]);
  // a burst at one instant and a few cases ten months later: under a year away, kept
  const burst = [...Array.from({ length: 30 }, () => 0), 300 * day, 301 * day];
  expect(farFence(burst)).toEqual([-Infinity, Infinity]);
  const strays = [-40 * 365 * day, ...even, (399 + 10 * 365) * day]; // epoch 0 of a 2010 log; 2021 for 2012
  expect(farFence(strays)).toEqual([0, 399 * day]);
});

test('with --flow, a case left out for its far date makes no flow of its own: the log discovers as without it', async () => {
  // s36e: the left-out case (no entry kept) was given the flow '(none)', a flow of no case, whose
  // arrivals' first was undefined: discover stopped with an internal error.
  const dir = folder();
  const csv = simulatedCsv(loadScenarioText(SCENARIO, 's.yaml').set!.baseline, 0, 3);
  const clean = join(dir, 'clean.csv');
  const dirty = join(dir, 'dirty.csv');
  writeFileSync(clean, csv);
  writeFileSync(dirty, `${csv}${stray('epoch', '1970-01-01')}\n`);
  const options = { columns: { flow: 'flow' } };
  const without = discover(await readEventLog(clean, options), { minShare: 0.05 });
  const withStray = discover(await readEventLog(dirty, options), { minShare: 0.05 });
  expect(withStray.flows.map((f) => [f.name, f.cases])).toEqual([['ticket', without.flows[0].cases]]);
  expect(withStray.flows[0].arrivals).toEqual(without.flows[0].arrivals);
  expect(withStray.flows[0].chain).toEqual(without.flows[0].chain);
});

// A case seen only as given up (a pi_abort, no step completed) or by its arrival alone was never
// dated by the fence: one given up at 1970 in etomsim's own XES made a horizon of 56 years.
test('a case seen only as given up, dated 1970, is left out with the others: the period and the arrivals as without it', async () => {
  const dir = folder();
  const rows = ['case,activity,lifecycle,timestamp'];
  const at = (hours: number) => new Date(Date.UTC(2026, 0, 5) + hours * 3_600_000).toISOString();
  for (let c = 0; c < 40; c++) rows.push(`c${c},work,start,${at(4 * c)}`, `c${c},work,complete,${at(4 * c + 1)}`);
  const clean = join(dir, 'clean.csv');
  writeFileSync(clean, `${rows.join('\n')}\n`);
  const dirty = join(dir, 'dirty.csv');
  writeFileSync(dirty, `${rows.join('\n')}\nstray,work,pi_abort,1970-01-05T00:00:00.000Z\n`);
  const without = discover(await readEventLog(clean), { minShare: 0.05 });
  const withStray = discover(await readEventLog(dirty), { minShare: 0.05 });
  expect([withStray.firstMs, withStray.lastMs]).toEqual([without.firstMs, without.lastMs]);
  expect(withStray.flows[0].arrivals).toEqual(without.flows[0].arrivals);
  const note = withStray.notes.find((n) => n.kind.startsWith('cases dated far from the rest of the log'));
  expect(note?.count).toBe(1);
  expect(note?.handling).toContain('case stray (row 82, 1970-01-05)');
});
