// A step's durations are measured in the working hours of the team that did each instance
// (review s35x F3): a pool's night team's instances in its own night hours, not in the day team's
// (where they measured 0 h); an instance worked wholly outside its own team's hours is counted in
// hours of the clock, with a note, never as 0 h. Generated log: every instance takes exactly 30
// minutes, so any other duration is a measuring error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
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
