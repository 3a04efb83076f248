// The clock discovery reads hours of the week in across a daylight-saving change
// (engine/discovery/week-clock.ts). Generated logs of eight weeks around Europe/Paris' change
// of 2024-03-31 (+01:00 to +02:00), timestamps written with their offsets: clerks who take a
// case at every hour of their day, Monday to Friday, 'check' for 30 minutes then 'file' for
// 20. One works a fixed clock (07:00-15:00 UTC, as the simulator that generated Simod's
// LoanApp): its wall clock shows 08:00-16:00 before the change and 09:00-17:00 after, which read
// in each event's own wall clock was their union, a nine-hour day ("08:00-17:00"), in a
// simulation that runs one fixed offset. The other works 08:00-16:00 on the wall clock on both
// sides, as people do, and keeps it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fitDurations } from '../../engine/discovery/censored-fit.js';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { inWeekClock } from '../../engine/discovery/week-clock.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-week-clock-')();
const HOUR = 3_600_000;
/** Monday 2024-03-04 00:00 UTC: four weeks before the change (Sunday 2024-03-31, 01:00 UTC) and four after */
const FIRST_MONDAY = Date.UTC(2024, 2, 4);
const CHANGE = Date.UTC(2024, 2, 31, 1);

/** An instant (ms) as Paris' wall clock writes it, with its offset. */
function paris(ms: number): string {
  const offset = ms < CHANGE ? 1 : 2;
  return `${new Date(ms + offset * HOUR).toISOString().slice(0, 19)}+0${offset}:00`;
}

/** An instant as a UTC export writes it. */
const utc = (ms: number) => new Date(ms).toISOString();

/**
 * `clock`: 'fixed', the day's first case at 07:00 UTC all along; 'wall', at 08:00 on Paris' wall
 * clock. Its times written with Paris' offsets, or `inUtc` as a UTC export writes them and read
 * with `timezone`.
 */
async function clerkLog(clock: 'fixed' | 'wall', inUtc = false, timezone?: string) {
  const write = inUtc ? utc : paris;
  const rows = ['case_id,activity,resource,role,start_time,end_time'];
  let c = 0;
  for (let day = 0; day < 56; day++) {
    if (day % 7 >= 5) continue;
    const midnight = FIRST_MONDAY + day * 24 * HOUR;
    const firstUtc = clock === 'fixed' ? 7 : midnight < CHANGE ? 7 : 6;
    for (let k = 0; k < 8; k++) {
      const t = midnight + (firstUtc + k) * HOUR;
      rows.push(`c${c},check,p${k % 2},clerk,${write(t)},${write(t + 0.5 * HOUR)}`);
      rows.push(`c${c},file,p${k % 2},clerk,${write(t + 0.5 * HOUR)},${write(t + (50 / 60) * HOUR)}`);
      c++;
    }
  }
  const path = join(dir, `${clock}${inUtc ? '-utc' : ''}.csv`);
  writeFileSync(path, `${rows.join('\n')}\n`);
  const log = await readEventLog(path, { timezone });
  const text = writeScenarioYaml(discover(log, { minShare: 0.05 }), path);
  expect(loadScenarioText(text, `${clock}.yaml`).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { log, text };
}

describe('hours of the week across a daylight-saving change', () => {
  test("a fixed clock's timetable is read in the simulation's fixed offset: its eight hours, not the union of the two wall clocks", async () => {
    const { log, text } = await clerkLog('fixed');
    const clock = inWeekClock(log);
    expect(clock).toMatchObject({ clock: 'fixed', offset: 60 });
    expect(clock.entropy.fixed).toBeLessThan(clock.entropy.event);
    expect(text).toContain('clerk_hours: { days: [mon, tue, wed, thu, fri], hours: ["08:00-16:00"] }');
    expect(text).toContain('start: "2024-03-04T00:00:00+01:00"');
    // said in the scenario's header: the 320 events after the change (of 640) were in +02:00
    expect(text).toMatch(
      /^# Data: 320 events in another UTC offset than the log's first \(\+01:00: a daylight-saving change\): hours of the week read in \+01:00 throughout/m,
    );
    // the arrivals, a steady stream (one an hour), in the same hours of the day
    expect(text).toContain('process_arrivals: { days: [mon, tue, wed, thu, fri], hours: ["08:01-16:00"] }');
  });

  test("a UTC export read with --timezone keeps the zone's wall clock: either timetable comes back as from Paris' offsets", async () => {
    // before session 62 the zone was read for times without an offset only: the people's 8-hour
    // day, at 07:00 UTC before the change and 06:00 after, was read in UTC as their union
    const wall = await clerkLog('wall', true);
    expect(wall.text).toContain('clerk_hours: { days: [mon, tue, wed, thu, fri], hours: ["06:00-15:00"] }');
    const inParis = await clerkLog('wall', true, 'Europe/Paris');
    expect(inWeekClock(inParis.log).clock).toBe('event');
    expect(inParis.text).toContain('clerk_hours: { days: [mon, tue, wed, thu, fri], hours: ["08:00-16:00"] }');
    expect(inParis.text).toContain('start: "2024-03-04T00:00:00+01:00"');
    // and a fixed clock, read so, is found fixed in the first offset, as from the offsets written
    const fixed = await clerkLog('fixed', true, 'Europe/Paris');
    expect(inWeekClock(fixed.log)).toMatchObject({ clock: 'fixed', offset: 60 });
    expect(fixed.text).toContain('clerk_hours: { days: [mon, tue, wed, thu, fri], hours: ["08:00-16:00"] }');
  });

  test("a wall clock's timetable keeps each event's own offset, as before", async () => {
    const { log, text } = await clerkLog('wall');
    expect(inWeekClock(log).clock).toBe('event');
    expect(text).toContain('clerk_hours: { days: [mon, tue, wed, thu, fri], hours: ["08:00-16:00"] }');
    expect(text).not.toMatch(/daylight-saving/);
  });
});

// An instance across the change keeps both its offsets (s37f F1): read in its end's, a start
// before the change was an hour late. Clerks on Paris' wall clock, 08:00-16:00 every day for
// eight weeks, and three reviews left open over the night of the change, from Saturday 15:00
// (+01:00) to Sunday 09:00 (+02:00): two hours of the team's (15:00-16:00 and 08:00-09:00),
// not one (16:00 read for the start, after the team's day). The same log as a CSV of starts and
// ends, and as an XES of lifecycle start and complete events.
describe('an instance across a daylight-saving change', () => {
  test.each(['csv', 'xes'] as const)('%s: its start is read in its own offset: two working hours, not one', async (format) => {
    const rows: [caseId: string, activity: string, resource: string, start: string, end: string][] = [];
    let c = 0;
    for (let day = 0; day < 56; day++) {
      const midnight = FIRST_MONDAY + day * 24 * HOUR;
      const firstUtc = midnight < CHANGE ? 7 : 6; // 08:00 on the wall clock
      for (let k = 0; k < 8; k++) {
        const t = midnight + (firstUtc + k) * HOUR;
        rows.push([`c${c++}`, 'check', `p${k % 2}`, paris(t), paris(t + 0.5 * HOUR)]);
      }
    }
    const saturday = Date.UTC(2024, 2, 30, 14); // 15:00 +01:00
    const sunday = Date.UTC(2024, 2, 31, 7); // 09:00 +02:00
    for (let k = 0; k < 3; k++) rows.push([`r${k}`, 'review', `p${k % 2}`, paris(saturday), paris(sunday)]);
    expect(rows.at(-1)).toEqual(['r2', 'review', 'p0', '2024-03-30T15:00:00+01:00', '2024-03-31T09:00:00+02:00']);
    const path = join(dir, `across.${format}`);
    const event = (a: string, r: string, t: string, at: string) =>
      `<event><string key="concept:name" value="${a}"/><string key="org:resource" value="${r}"/><string key="org:role" value="clerk"/><string key="lifecycle:transition" value="${t}"/><date key="time:timestamp" value="${at}"/></event>`;
    writeFileSync(
      path,
      format === 'csv'
        ? `case_id,activity,resource,role,start_time,end_time\n${rows.map(([id, a, r, s, e]) => `${id},${a},${r},clerk,${s},${e}`).join('\n')}\n`
        : `<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n${rows
            .map(
              ([id, a, r, s, e]) =>
                `<trace><string key="concept:name" value="${id}"/>${event(a, r, 'start', s)}${event(a, r, 'complete', e)}</trace>`,
            )
            .join('\n')}\n</log>\n`,
    );
    const log = await readEventLog(path);
    expect(log.size).toBe(rows.length);
    const d = discover(log, { minShare: 0.05 });
    expect(inWeekClock(log).clock).toBe('event');
    expect(d.teams.teams[0].periods).toEqual(Array.from({ length: 7 }, (_, day) => ({ start: day * 24 + 8, end: day * 24 + 16 })));
    const review = d.activities.find((a) => a.name === 'review')!;
    expect(review.duration.n).toBe(3);
    expect(review.duration.dist).toEqual({ kind: 'constant', value: 2 });
  });
});

// An instance still running at the log's end is censored at its age: its working hours from its
// start to the log's end. Across a change each instant reads in its own offset (before session
// 39 the log's end read in the start's). Clerks on Paris' wall clock, 08:00-16:00 every day for
// four weeks, each case a 30-minute check and its filing the next day; reviews of exactly one
// hour, Saturdays 15:00-16:00, filed on Sunday (cycles of a day: a review 17 h old is no
// abandoned one, ABANDON_CYCLES); three more
// started Saturday 2024-03-30 15:00 (+01:00) and never completed, and the log's last event ends
// Sunday 09:00 (+02:00): aged two of the team's hours (15:00-16:00, 08:00-09:00), not one (09:00
// +02:00 read in +01:00 is 08:00, the team's day not yet begun). So are two started then and
// cut by an abort (ate_abort) at that instant: the abort in its own offset.
test("an instance running at the log's end across a daylight-saving change is aged in each instant's own offset", async () => {
  const LAST = Date.UTC(2024, 2, 31, 7); // Sunday 09:00 +02:00, the log's end
  const event = (a: string, r: string, t: string, at: string) =>
    `<event><string key="concept:name" value="${a}"/><string key="org:resource" value="${r}"/><string key="org:role" value="clerk"/><string key="lifecycle:transition" value="${t}"/><date key="time:timestamp" value="${at}"/></event>`;
  const trace = (id: string, events: string[]) => `<trace><string key="concept:name" value="${id}"/>${events.join('')}</trace>`;
  const traces: string[] = [];
  const wall = (midnight: number, hour: number) => {
    const winter = midnight + (hour - 1) * HOUR; // Paris' hour on that day, as ms
    return winter < CHANGE ? winter : winter - HOUR;
  };
  for (let day = 0; day < 28; day++) {
    const midnight = FIRST_MONDAY + day * 24 * HOUR;
    const next = midnight + 24 * HOUR;
    for (let k = 0; k < 8; k++) {
      const t = wall(midnight, 8 + k);
      const filed = wall(next, 8 + k);
      if (t + 0.5 * HOUR > LAST) continue;
      const events = [event('check', `p${k % 2}`, 'start', paris(t)), event('check', `p${k % 2}`, 'complete', paris(t + 0.5 * HOUR))];
      if (filed + 0.5 * HOUR <= LAST)
        events.push(event('file', `p${k % 2}`, 'start', paris(filed)), event('file', `p${k % 2}`, 'complete', paris(filed + 0.5 * HOUR)));
      traces.push(trace(`c${day}-${k}`, events));
    }
    if (day % 7 !== 5) continue;
    const review = wall(midnight, 15);
    for (let k = 0; k < 3; k++) {
      const r = `p${k % 2}`;
      const events = [event('review', r, 'start', paris(review))];
      if (day < 26)
        events.push(
          event('review', r, 'complete', paris(review + HOUR)),
          event('file', r, 'start', paris(wall(next, 8))),
          event('file', r, 'complete', paris(wall(next, 8) + 0.5 * HOUR)),
        );
      traces.push(trace(`r${day}-${k}`, events));
    }
    if (day === 26)
      for (const k of [0, 1])
        traces.push(trace(`a${k}`, [event('review', `p${k}`, 'start', paris(review)), event('review', `p${k}`, 'ate_abort', paris(LAST))]));
  }
  // the log's last end: a check on Sunday 31 March, 08:30-09:00 (+02:00)
  traces.push(trace('last', [event('check', 'p0', 'start', paris(LAST - 0.5 * HOUR)), event('check', 'p0', 'complete', paris(LAST))]));
  expect(paris(LAST)).toBe('2024-03-31T09:00:00+02:00');
  const path = join(dir, 'running-across.xes');
  writeFileSync(path, `<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n${traces.join('\n')}\n</log>\n`);
  const log = await readEventLog(path);
  expect(log.unfinished.map((u) => new Date(u.start).toISOString())).toEqual(Array(3).fill('2024-03-30T14:00:00.000Z'));
  const d = discover(log, { minShare: 0.05 });
  expect(inWeekClock(log).clock).toBe('event');
  expect(d.teams.teams[0].periods).toEqual(Array.from({ length: 7 }, (_, day) => ({ start: day * 24 + 8, end: day * 24 + 16 })));
  const review = d.activities.find((a) => a.name === 'review')!;
  expect(review.duration.censored).toBe(5);
  // 9 completed of 1 h, the 3 running and the 2 cut at least 2 h each (at 1 h, the fit was the lognormal of mean 1 and sd 0)
  expect(review.duration.dist).toEqual(fitDurations(Array(9).fill(1), Array(5).fill(2)).dist);
  expect(review.duration.dist).not.toEqual(fitDurations(Array(9).fill(1), [2, 2, 2, 1, 1]).dist);
});
