// A step's durations are measured in the working hours of the team that did each instance
// (review s35x F3): a pool's night team's instances in its own night hours, not in the day team's
// (where they measured 0 h); an instance worked wholly outside its own team's hours is counted in
// hours of the clock, with a note, never as 0 h. Generated log: every instance takes exactly 30
// minutes, so any other duration is a measuring error. An instance still running at the log's end
// is aged in its own team's hours too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { shuffledRows } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-pool-durations-')();
const MONDAY = Date.UTC(2024, 0, 8);
const at = (hours: number) => new Date(MONDAY + hours * 3_600_000).toISOString();

test("each instance in its own team's hours: a night team's work is not 0 h in the day team's, and work outside its team's hours is clock time", async () => {
  const rows = ['case,activity,role,resource,start,end'];
  let c = 0;
  const fix = (role: string, resource: string, from: number) => rows.push(`c${c++},fix,${role},${resource},${at(from)},${at(from + 0.5)}`);
  for (let day = 0; day < 28; day++) {
    const weekday = day % 7 < 5;
    // the day desk, Monday to Friday 09:00-17:00: a fix every 40 minutes
    if (weekday) for (let t = 9; t < 16.5; t += 2 / 3) fix('day', `d${c % 2}`, 24 * day + t);
    // the night desk, every night 22:30, 23:30 and 00:30
    for (const t of [22.5, 23.5, 24.5]) fix('night', 'n1', 24 * day + t);
  }
  fix('day', 'd0', 24 * 12 + 12); // one Saturday noon: outside the day desk's hours
  const path = join(dir, 'pool.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const name = (t: number) => found.teams.teams[t].name;
  const day = found.teams.teams.find((t) => t.name === 'day')!;
  const night = found.teams.teams.find((t) => t.name === 'night')!;
  expect(day.calendar).toEqual({ days: [0, 1, 2, 3, 4], hours: [[9, 17]] });
  expect(night.calendar).toEqual({ days: [0, 1, 2, 3, 4, 5, 6], hours: [[22, 25]] });
  const activity = found.activities.find((a) => a.name === 'fix')!;
  expect(activity.pool!.map((p) => name(p.team))).toEqual(['day', 'night']);
  // every instance 30 minutes: the night's not 0 h (measured in the day desk's hours), nor Saturday's
  expect(activity.duration.dist).toEqual({ kind: 'constant', value: 0.5 });
  const note = found.notes.find((n) => n.kind === "instances worked wholly outside their team's discovered hours")!;
  expect(note.count).toBe(1);
  expect(note.example).toBe(`case c${c - 1}, fix by day`);
});

// s36e: an instance still running at the log's end was timed in its activity's first team's hours,
// so a pool's night team's instance running on a Sunday night had worked 0 h (the day team's
// closed): its age, the evidence that the step lasts longer, was lost. Its team is the one its role
// names, else the one its resource is a member of (s37f F3: an instance without its role, by the
// night's n1, was timed in the day team's hours, as before s36e).
test.each([
  ['its role names', 'night', 'n2'],
  ['its resource is a member of', '', 'n1'],
])("a pool's instance still running at the log's end is aged in the hours of the team %s", async (_, role, resource) => {
  const rows = ['case,activity,role,resource,lifecycle,timestamp'];
  let c = 0;
  const done: number[] = []; // in the log's order: 15 to 39 minutes
  let logEnd = 0;
  const fix = (role: string, resource: string, from: number) => {
    const hours = 0.25 + ((c * 7) % 10) * 0.04;
    done.push(hours);
    logEnd = Math.max(logEnd, from + hours);
    rows.push(`c${c},fix,${role},${resource},start,${at(from)}`, `c${c++},fix,${role},${resource},complete,${at(from + hours)}`);
  };
  for (let day = 0; day < 28; day++) {
    if (day % 7 < 5) for (let t = 9; t < 16.5; t += 2 / 3) fix('day', `d${c % 2}`, 24 * day + t);
    for (const t of [22.25, 23, 23.75]) fix('night', 'n1', 24 * day + t);
  }
  // the last night's (a Sunday's) instance started at 23:54 never completes
  const started = 24 * 27 + 23.9;
  rows.push(`c${c++},fix,${role},${resource},start,${at(started)}`);
  const path = join(dir, `pool-running-${resource}.csv`);
  writeFileSync(path, `${rows.join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const night = found.teams.teams.find((t) => t.name === 'night')!;
  expect(night.calendar).toEqual({ days: [0, 1, 2, 3, 4, 5, 6], hours: [[22, 25]] });
  const activity = found.activities.find((a) => a.name === 'fix')!;
  expect(found.notes.find((n) => n.kind === "instances still running at the log's end")?.count).toBe(1);
  // the running one's age: the night team's hours from 23:54 to the log's last end (all open
  // hours); in the day team's, 0 (closed on Sunday night). The exponential's censored fit says it:
  // its mean is the completed hours and the ages over the completions (censored-fit.ts)
  const exponential = activity.duration.tried.find((t) => t.family === 'exponential')!.dist as { mean: number };
  const completed = done.reduce((sum, x) => sum + x, 0);
  expect(activity.instances).toBe(done.length);
  expect(done.length * exponential.mean - completed).toBeCloseTo(logEnd - started, 6);
  expect(logEnd - started).toBeGreaterThan(0.1);
});

// The note's example is the earliest instance worked outside its team's hours, not the file's first:
// the same log in any row order names the same one (session 42; it named the file's first).
test("the example of work outside its team's hours is the earliest such instance, whatever the row order", async () => {
  const rows = ['case,activity,role,resource,start,end'];
  let c = 0;
  const fix = (resource: string, from: number) => rows.push(`c${c++},fix,day,${resource},${at(from)},${at(from + 0.5)}`);
  for (let day = 0; day < 28; day++) if (day % 7 < 5) for (let t = 9; t < 16.5; t += 2 / 3) fix(`d${c % 2}`, 24 * day + t);
  fix('d0', 24 * 12 + 12); // Saturday of the second week, noon: first in the file
  const earliest = `c${c}`;
  fix('d1', 24 * 5 + 12); // Saturday of the first week, noon: earlier, last in the file
  const text = `${rows.join('\n')}\n`;
  for (const [file, csv] of [
    ['in-order.csv', text],
    ['shuffled.csv', shuffledRows(text, 4)],
  ]) {
    const path = join(dir, file);
    writeFileSync(path, csv);
    const found = discover(await readEventLog(path), { minShare: 0.05 });
    const note = found.notes.find((n) => n.kind === "instances worked wholly outside their team's discovered hours")!;
    expect(note.count, file).toBe(2);
    expect(note.example, file).toBe(`case ${earliest}, fix by day`);
  }
});
