// A team whose jobs fill its day: three technicians each start one job a weekday at about 08:00
// and finish it 6.5 to 8.5 hours later, in one go. Its hours were read from the hours its
// instances start and end in alone: 08:00-09:00 and 14:00-17:00, and each job's 6.5-8.5 hours
// became 1.5-3.5 hours of those (review s36e). Tasks left open overnight (started 16:00, ended
// 09:00 the next day) still say nothing of the night.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { distMean } from '../../engine/random/distributions.js';
import { scratchFolders } from '../support/scratch.js';
import { seededDraws } from '../support/seeded-draws.js';

const folder = scratchFolders('etomsim-team-hours-');
const HOUR = 3_600_000;
const MONDAY = Date.UTC(2024, 0, 8);

test('a team whose jobs run from 08:00 for 6.5 to 8.5 hours works 08:00-17:00, and its jobs take their hours', async () => {
  const { random } = seededDraws(7);
  const at = (ms: number) => new Date(ms).toISOString();
  const rows = ['case,activity,resource,start,end'];
  const lengths: number[] = [];
  let c = 0;
  for (let day = 0; day < 70; day++) {
    if (day % 7 >= 5) continue;
    for (const tech of ['t1', 't2', 't3']) {
      const start = MONDAY + day * 24 * HOUR + 8 * HOUR + random() * 0.5 * HOUR;
      const hours = 6.5 + 2 * random();
      lengths.push(hours);
      rows.push(`${c},log,desk,${at(start - HOUR)},${at(start - 0.9 * HOUR)}`, `${c},job,${tech},${at(start)},${at(start + hours * HOUR)}`);
      c++;
    }
    // one report a day written from 16:00 and closed the next morning at 09:00
    const from = MONDAY + day * 24 * HOUR + 16 * HOUR;
    rows.push(
      `${c},log,desk,${at(from - HOUR)},${at(from - 0.9 * HOUR)}`,
      `${c},report,t${1 + (day % 3)},${at(from)},${at(from + 17 * HOUR)}`,
    );
    c++;
  }
  const path = join(folder(), 'long-jobs.csv');
  writeFileSync(path, rows.join('\n'));
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const job = found.activities.find((a) => a.name === 'job')!;
  const team = found.teams.teams[job.team];
  expect(team.calendar).toEqual({ days: [0, 1, 2, 3, 4], hours: [[8, 17]] });
  const mean = lengths.reduce((s, x) => s + x, 0) / lengths.length;
  // every job within 08:00-17:00 of its day: its working hours are its hours, and the fitted
  // distribution's mean is theirs within a tenth of their spread (before: 2.5 h for 7.4)
  expect(Math.abs(distMean(job.duration.dist) - mean)).toBeLessThan(0.2);
});
