// A log whose first case arrives a millisecond before midnight (or before the hour): the day (the
// hour) it opens in is inside the log's period for that millisecond only, and holds its first
// arrival because that arrival opens the period, whatever the rate. Measured as count over
// exposure, that day's rate was 1 in 1 ms, 3,600,000 an hour: the profile test rejected a
// constant rate and `discover` wrote a rate above the 1,000,000 an hour a scenario allows, then
// stopped on "internal error" (found in session 63). Such an edge slot now takes the rate of the
// slot the period runs on into, pooled with it: the rate is the log's count over its period.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { etomsim } from '../support/cli.js';
import { seededDraws } from '../support/seeded-draws.js';
import { scratchFolders } from '../support/scratch.js';

const folder = scratchFolders('etomsim-edge-slivers-');

/** A CSV log of one-step cases, each arriving (its step starting) at the instant given, done 10 minutes later: its path. */
function csvLog(arrivals: readonly string[]): string {
  const rows = ['case,activity,resource,start,end'];
  arrivals.forEach((at, k) => rows.push(`c${k},triage,desk,${at},${new Date(Date.parse(at) + 600_000).toISOString()}`));
  const file = join(folder(), 'log.csv');
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
}

async function discovered(arrivals: readonly string[]) {
  const file = csvLog(arrivals);
  const found = discover(await readEventLog(file), { minShare: 0.05 });
  const loaded = loadScenarioText(writeScenarioYaml(found, file), 'found.yaml');
  return { arrivals: found.flows[0].arrivals, errors: loaded.diagnostics.filter((d) => d.severity === 'error') };
}

test('a first case 1 ms before midnight, the next a day later: 2 in 24 h, not 3,600,000 an hour, and the scenario validates', async () => {
  const { arrivals, errors } = await discovered(['2026-01-01T23:59:59.999Z', '2026-01-02T23:59:59.999Z']);
  expect(errors).toEqual([]);
  expect(arrivals.peakRatePerHour).toBeCloseTo(2 / 24, 12);
  // Thursday (1 ms of the period) takes Friday's rate: both days of the log, at one rate
  expect(arrivals.days).toEqual([0, 0, 0, 1, 1, 0, 0]);
  expect(arrivals.profileTests.days.df).toBe(0);
});

test('a last case 1 ms after midnight: the day it closes in takes the rate of the day before', async () => {
  const { arrivals, errors } = await discovered(['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.001Z']);
  expect(errors).toEqual([]);
  expect(arrivals.peakRatePerHour).toBeCloseTo(2 / 24, 6);
  expect(arrivals.days).toEqual([0, 0, 0, 1, 1, 0, 0]);
});

test('a log of 3 hours opening 1 ms before an hour and closing 1 ms after one: 5 cases in 3 h, every hour alike', async () => {
  const { arrivals, errors } = await discovered([
    '2026-01-01T10:59:59.999Z',
    '2026-01-01T11:30:00.000Z',
    '2026-01-01T12:30:00.000Z',
    '2026-01-01T13:30:00.000Z',
    '2026-01-01T14:00:00.001Z',
  ]);
  expect(errors).toEqual([]);
  expect(arrivals.peakRatePerHour).toBeCloseTo(5 / 3, 6);
  // hours 10 and 14 (1 ms each) pooled into 11 and 13: three hours measured, 2, 1 and 2 arrivals
  expect(arrivals.profileTests.hours.df).toBe(2);
  expect(arrivals.profileTests.hours.kept).toBe(false);
  expect(arrivals.hours.filter((h) => h > 0)).toEqual([1, 1, 1, 1, 1]);
});

test('a day whose first and last arrivals fall in one hour, 1 ms of it each: that hour takes the rate of the next, once', async () => {
  // from Thursday 12:59:59.999 to Friday 12:00:00.001, 40 arrivals in hour 13 and one in each
  // other: hour 12 (2 ms of the period) is pooled into 13 and takes its rate, not 11's too
  const thu = (h: number, ms: number) => new Date(Date.UTC(2026, 0, 1, h) + ms).toISOString();
  const busy = Array.from({ length: 40 }, (_, k) => thu(13, 30_000 + k * 80_000));
  const quiet = Array.from({ length: 22 }, (_, k) => thu(14 + k, 1_800_000));
  const { arrivals, errors } = await discovered([thu(12, 3_599_999), ...busy, ...quiet, thu(36, 1)]);
  expect(errors).toEqual([]);
  expect(arrivals.profileTests.hours.kept).toBe(true);
  expect(arrivals.profileTests.hours.df).toBe(22);
  expect(arrivals.hours[13]).toBe(1);
  expect(arrivals.hours[12]).toBe(1);
  expect(arrivals.hours[11]).toBeLessThan(0.05);
});

test('an edge hour over which the mean rate expects an arrival or more keeps a rate of its own', async () => {
  // 60 arrivals a minute apart from 10:00, then 31 20 s apart from 11:00: hour 11 is 10 minutes of
  // the period, over which the mean rate (91 in 70 minutes) expects 13 arrivals
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 10) + ms).toISOString();
  const arrivals = [
    ...Array.from({ length: 60 }, (_, k) => at(k * 60_000)),
    ...Array.from({ length: 31 }, (_, k) => at(3_600_000 + k * 20_000)),
  ];
  const { arrivals: a, errors } = await discovered(arrivals);
  expect(errors).toEqual([]);
  expect(a.profileTests.hours.df).toBe(1); // hours 10 and 11, each its own
  expect(a.profileTests.hours.kept).toBe(true); // 60 in an hour against 31 in 10 minutes
});

test('a log whose arrivals do come faster than a scenario runs is refused (exit 2, its first row), not an internal error', () => {
  // 1,001 cases at random within the 3.6 s before 11:00 (the first at its start) and one an hour
  // after the first: the edge hour expects 1.002 arrivals at the mean rate, so it keeps its own
  // rate, 1,001 in 0.001 h (at random, not a steady stream, which is written as a gap)
  const { random } = seededDraws(5);
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 10, 59, 56, 400) + ms).toISOString();
  const within = Array.from({ length: 1000 }, () => Math.floor(random() * 3600)).sort((x, y) => x - y);
  const log = csvLog([at(0), ...within.map(at), at(3_600_000)]);
  const out = join(folder(), 'found.yaml');
  const r = etomsim('discover', log, '--out', out);
  const head = `${log}:2:1: flow 'process': 1,002 cases from 2026-01-01T10:59:56.400Z to 2026-01-01T11:59:56.400Z arrive at `;
  const tail = ' an hour at their peak, more than the 1,000,000 a scenario runs (at case)\n';
  expect(r.stderr.slice(0, head.length)).toBe(head);
  expect(r.stderr.slice(-tail.length)).toBe(tail);
  expect(Number(r.stderr.slice(head.length, -tail.length).replaceAll(',', ''))).toBeGreaterThan(1_000_000);
  expect(r.status).toBe(2);
  expect(existsSync(out)).toBe(false);
});
