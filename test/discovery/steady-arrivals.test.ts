// Steady arrivals (engine/discovery/steady-arrivals.ts): the profile's hours made sharp, worked out
// by hand; arrivals on a schedule found steady at the log's volume; a Poisson stream, too few gaps,
// or a profile the calendar cannot carry, not.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { MAX_MISPLACED, misplaced, periodsOf, sharpHours, steadyArrivals } from '../../engine/discovery/steady-arrivals.js';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { WorkCalendar } from '../../engine/sim/calendar.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-steady-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const weekdays = [1, 1, 1, 1, 1, 0, 0];
/** hours 08-15 at the peak, 07 at a quarter, 16 at half */
const office = Array.from({ length: 24 }, (_, h) => (h >= 8 && h <= 15 ? 1 : h === 7 ? 0.25 : h === 16 ? 0.5 : 0));

/** Every `gap` hours from 08:00 to 16:00 on weekdays, for `weeks` weeks (hours from Monday 00:00). */
function schedule(gap: number, weeks: number): number[] {
  const out: number[] = [];
  for (let w = 0; w < weeks; w++) for (let d = 0; d < 5; d++) for (let t = 8; t < 16 - 1e-9; t += gap) out.push(168 * w + 24 * d + t);
  return out;
}

describe('the sharp calendar of a profile', () => {
  test('a run of hours opens its first hour for the last share of it and its last hour for the first', () => {
    // 07:45 (0.25 of hour 7, at its end) to 16:30 (0.5 of hour 16, at its start)
    expect(sharpHours(weekdays, office)).toEqual({ days: [0, 1, 2, 3, 4], hours: [[7.75, 16.5]] });
  });

  test('a run through midnight has no edge there: a night shift keeps its hours, a full day with its quiet edges at midnight is every hour', () => {
    const night = Array.from({ length: 24 }, (_, h) => (h >= 22 || h === 0 ? 0.5 : h < 5 ? 1 : h === 5 ? 0.25 : 0));
    // 22:30 to midnight, and midnight to 05:15: the calendar joins them (before: 23:30-00:30 closed, the half-busy hours either side of midnight taken for edges)
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], night)).toEqual({
      days: [0, 1, 2, 3, 4, 5, 6],
      hours: [
        [0, 5.25],
        [22.5, 24],
      ],
    });
    const allDay = Array.from({ length: 24 }, (_, h) => (h === 0 || h === 23 ? 0.5 : 1));
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], allDay)).toBeNull();
  });

  test('a lone hour opens from its start for its share; every hour of every day is no calendar', () => {
    const lone = Array.from({ length: 24 }, (_, h) => (h === 12 ? 0.5 : 0));
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], lone)).toEqual({ days: [0, 1, 2, 3, 4, 5, 6], hours: [[12, 12.5]] });
    expect(sharpHours([1, 1, 1, 1, 1, 1, 1], new Array(24).fill(1))).toBeNull();
  });

  test('misplaced: 0 for a 0/1 profile; for nights at a tenth of the days, the share the calendar moves', () => {
    const sharp = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0));
    expect(misplaced(weekdays, sharp, periodsOf(sharpHours(weekdays, sharp)!))).toBeCloseTo(0, 12);
    // days 1 for 8 hours, nights 0.1 for 16: the profile puts 8 / 9.6 of each day's cases in the day, an all-day calendar 1/3
    const nights = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0.1));
    expect(misplaced(weekdays, nights, [{ start: 0, end: 168 }])).toBeGreaterThan(MAX_MISPLACED);
    const week = Array.from({ length: 168 }, (_, h) => weekdays[Math.floor(h / 24)] * nights[h % 24]);
    const total = week.reduce((a, b) => a + b, 0);
    const expected = week.reduce((s, f) => s + Math.abs(f / total - 1 / 168), 0) / 2;
    expect(misplaced(weekdays, nights, [{ start: 0, end: 168 }])).toBeCloseTo(expected, 12);
  });
});

describe('steady arrivals', () => {
  const sharp = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0));

  test('two periods apart: the break is no gap and no open time, so the mean gap is the pace in the periods', () => {
    // a case every 30 minutes of office hours in weeks 0-2 and 9-11 (the break from the last case of
    // week 2 to the first of week 9): 224 and 240 cases, whose gaps within the periods are each 0.5 open hours (a night's too)
    // (from a Tuesday: a first case at the run's first opening has its stream start with the run)
    const times = schedule(0.5, 12)
      .filter((t) => t < 3 * 168 || t >= 9 * 168)
      .slice(16);
    const last = times.findIndex((t) => t >= 9 * 168) - 1;
    const gap = { fromH: times[last], toH: times[last + 1], expected: 600 };
    const found = steadyArrivals(times, times[0], times[times.length - 1], weekdays, sharp, [gap])!;
    expect(found.scv).toBe(0);
    expect(found.gaps).toBe(29 * 15); // each day's 15 gaps inside its open stretch
    expect(found.meanGap).toBeCloseTo(0.5, 5);
    // measured through it, the break's 6 weeks of open hours, 240, were spread over the cases' gaps
    const through = steadyArrivals(times, times[0], times[times.length - 1], weekdays, sharp)!;
    expect(through.meanGap).toBeCloseTo((0.5 * (times.length - 2) + 6 * 40 + 0.5) / (times.length - 1), 3);
  });

  test('a case every 30 minutes of office hours: c² 0, and the mean gap brings the count over the window', () => {
    // from a Tuesday: the stream starts a gap before the first case, on the Monday, and its n - 1 gaps
    // reach the last case: the window holds 19 days of 8 open hours less the last day's last half hour
    const times = schedule(0.5, 4).slice(16);
    const found = steadyArrivals(times, times[0], times[times.length - 1], weekdays, sharp)!;
    expect(found.scv).toBe(0);
    expect(found.calendar).toEqual({ days: [0, 1, 2, 3, 4], hours: [[8, 16]] });
    expect(found.gaps).toBe(19 * 15);
    // 303 gaps of 0.5 open hours (each night's too), written to six digits and WINDOW_SLACK short
    expect(found.meanGap).toBe(Math.floor(((152 - 0.5 - 0.0002) / 303) * 1e6) / 1e6);
    expect(found.meanGap).toBe(0.499999);
    expect(found.startsAt).toBeCloseTo(16 - found.meanGap, 9);
    // from the Monday 08:00: a gap before it is the Friday before, before the run's start (that
    // Monday 00:00): the stream starts with the run, and n gaps of it reach the last case
    const all = schedule(0.5, 4);
    const fromMonday = steadyArrivals(all, all[0], all[all.length - 1], weekdays, sharp)!;
    expect(fromMonday.startsAt).toBe(0);
    expect(fromMonday.meanGap).toBe(Math.floor(((160 - 0.5 - 0.0002) / 320) * 1e6) / 1e6);
  });

  test('too few gaps, a Poisson stream, or a profile the calendar cannot carry: none', () => {
    const few = schedule(0.5, 1).slice(0, 20);
    expect(steadyArrivals(few, few[0], few[few.length - 1], weekdays, sharp)).toBeNull();
    // exponential gaps (a fixed sequence of uniforms), in open time
    let x = 0.3;
    const poisson: number[] = [];
    const open = new WorkCalendar(periodsOf(sharpHours(weekdays, sharp)!));
    for (let t = 0; poisson.length < 2000; ) {
      x = (x * 9301 + 49297) % 233280;
      t = open.addWorkingTime(t, -0.25 * Math.log((x + 0.5) / 233280));
      poisson.push(t);
    }
    expect(steadyArrivals(poisson, poisson[0], poisson[poisson.length - 1], weekdays, sharp)).toBeNull();
    const times = schedule(0.5, 4);
    const nights = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 16 ? 1 : 0.1));
    expect(steadyArrivals(times, times[0], times[times.length - 1], weekdays, nights)).toBeNull();
    // a day at half the others' rate: a calendar would give it their volume
    expect(steadyArrivals(times, times[0], times[times.length - 1], [1, 1, 1, 1, 0.5, 0, 0], sharp)).toBeNull();
  });

  test('a sparse Poisson stream (a case a working day) is not steady, though its gaps within days have c² below 0.5', () => {
    // within a day of m cases the gaps' c² is about m / (m + 2): the normal test alone took this one (c² 0.49 over 99 gaps)
    let x = 8;
    const open = new WorkCalendar(periodsOf(sharpHours(weekdays, sharp)!));
    const times: number[] = [];
    for (let t = 0; times.length < 260; ) {
      x = (x * 9301 + 49297) % 233280;
      t = open.addWorkingTime(t, -8 * Math.log((x + 0.5) / 233280));
      times.push(t);
    }
    const gaps = times
      .slice(1)
      .flatMap((b, i) => (open.isWorking(times[i]) && b - times[i] - open.workingBetween(times[i], b) < 1e-9 ? [b - times[i]] : []));
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const scv = gaps.reduce((a, g) => a + (g - mean) ** 2, 0) / (gaps.length - 1) / mean ** 2;
    expect(scv).toBeLessThan(Math.min(0.5, 1 - (2.3263 * 2) / Math.sqrt(gaps.length)));
    expect(steadyArrivals(times, times[0], times[times.length - 1], weekdays, sharp)).toBeNull();
  });
});

// A log of cases at a constant pace, discovered and simulated over its own window by fidelity,
// brings its n cases: the stream's first case at the log's first, n - 1 gaps to its last (the mean
// gap was the window per case, and 300 cases 37 minutes apart came back as 301).
describe('a periodic log, discovered, brings its own number of cases', () => {
  const MONDAY = Date.UTC(2026, 0, 5);
  const at = (hours: number) => new Date(MONDAY + Math.round(hours * 3_600_000)).toISOString();
  async function casesOf(name: string, arrivals: readonly number[]) {
    const rows = ['case,activity,start,end', ...arrivals.map((t, c) => `c${c},check,${at(t)},${at(t + 1 / 6)}`)];
    const path = join(dir, `${name}.csv`);
    writeFileSync(path, `${rows.join('\n')}\n`);
    const log = await readEventLog(path);
    const found = discover(log, { minShare: 0.05 });
    expect(found.flows[0].arrivals.steady, name).not.toBeNull();
    const scenario = loadScenarioText(writeScenarioYaml(found, path), `${name}.yaml`).set!.baseline;
    const f = await fidelity(scenario, name, log, { replications: 2, seed: 1, slaHours: null });
    return { log: f.cases.log, simulation: f.cases.simulation.mean };
  }

  test('300 cases 37 minutes apart round the clock', async () => {
    const arrivals = Array.from({ length: 300 }, (_, c) => 8 + (37 * c) / 60);
    expect(await casesOf('every-37-minutes', arrivals)).toEqual({ log: 300, simulation: 300 });
  });

  test('a case every 30 minutes of office hours for four weeks, in a calendar of those hours', async () => {
    expect(await casesOf('office-half-hours', schedule(0.5, 4))).toEqual({ log: 320, simulation: 320 });
  });
});
