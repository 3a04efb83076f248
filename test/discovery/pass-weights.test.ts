// FollowTally's weights (engine/discovery/extraneous-delays.ts): where the log's end cut a pass of a
// block entered after a step, the passes whose leader started before it count, each weighing as the
// inverse of its chance to be counted, the block's entries by the cutoff over those by the cutoff
// less the leader's wait, at most MAX_WEIGHT (8). A log worked by hand, where one pass's weight is 30
// and the cap binds: its lane's counts are those of a weight of 8 exactly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { END } from '../../engine/discovery/flow-structure.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-pass-weights-')();

test('a pass whose leader waited nearly as long as the cutoff is after the first entry weighs 8, not 30', async () => {
  // 30 cases an hour apart: X (10 min) at hour i, the block (A || B?) entered at its end, A leading 15 min later and B,
  // in cases 0, 3, ..., 27, 5 min after A's start; C 30 min after A's start. Case 0's A waits 28.5 h instead. Case 29
  // shows only X and A, at the log's end: cut (exits-seen.ts), its A's start (hour 29 5/12) the cutoff. Counted: the
  // 29 passes before it. A 15-min wait weighs the entries by the cutoff (30) over those by the cutoff less 15 min (30):
  // 1. Case 0's weighs 30 (entries by 29 5/12 h) over 1 (entries by 11/12 h), capped at 8. B begun in 10 passes of
  // weights 8 and 1 (nine), skipped in 19 of weight 1: B 29 * 17 / 36 = 13.694, END 29 * 19 / 36 = 15.306 (uncapped
  // 29 * 39 / 58 = 19.5; a cap of 7, 13.257; of 9, 14.108).
  const hour = 3_600_000;
  const at = (h: number) => new Date(Date.UTC(2024, 0, 1) + h * hour).toISOString();
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const row = (c: number, activity: string, from: number, minutes: number, who: string) =>
    rows.push(`c${c},${activity},${at(from)},${at(from + minutes / 60)},${who}`);
  for (let c = 0; c < 30; c++) {
    row(c, 'X', c, 10, 'xena');
    const a0 = c + 1 / 6 + (c === 0 ? 28.5 : 0.25);
    row(c, 'A', a0, 10, 'ann');
    if (c === 29) continue;
    if (c % 3 === 0) row(c, 'B', a0 + 5 / 60, 10, 'bob');
    row(c, 'C', a0 + 0.5, 15, 'cy');
  }
  const path = join(dir, 'hand.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  expect(found.notes.find((n) => n.kind.startsWith("cases cut by the log's end"))?.count).toBe(1);
  const [opening] = [...found.leads.values()];
  const step = (x: string) => found.log.activities.indexOf(x);
  const a = opening.opener.indexOf(step('A'));
  const laneB = opening.lane[opening.opener.indexOf(step('B'))];
  const read = opening.passesRead[a].get(laneB)!;
  expect([read.get(step('B')), read.get(END)]).toEqual([10, 19]);
  const follow = opening.follow[a].get(laneB)!;
  expect(follow.get(step('B'))).toBeCloseTo((29 * 17) / 36, 9);
  expect(follow.get(END)).toBeCloseTo((29 * 19) / 36, 9);
});
