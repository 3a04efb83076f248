// FollowTally's weights (engine/discovery/extraneous-delays.ts): where the log's end cut a pass of a
// block entered after a step, each leader's shares are read from every pass, each weighing as the
// inverse of its chance to show what it shows by the log's end E, 1 / G(E - y) (y: that instance's
// end after the block's entry, G the entries' law by Lynden-Bell's product-limit estimator), at most
// MAX_WEIGHT (8). A log worked by hand, where one pass's weight is 29 / 3 and the cap binds: its
// lane's counts are those of a weight of 8 exactly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { END } from '../../engine/discovery/flow-structure.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-pass-weights-')();

test("a pass whose leader waited long after the block's first entry weighs 8, not 29 / 3", async () => {
  // 30 cases an hour apart: X (10 min) at hour i, the block (A || B?) entered at its end (x_i = i + 1/6), A leading
  // 15 min later and B, in cases 0, 3, ..., 27, 5 min after A's start; C 30 min after A's start. Case 0's A waits 26 h
  // instead. Case 29 shows only X and A, at the log's end: cut (exits-seen.ts), its A's start (hour 29 5/12) the
  // cutoff, its A's end the log's end E (29 7/12); the cutoff's rule reads the 29 passes before it. A pass is in the log
  // once its A has ended, by E: entered by V = E - (A's end - entry), 29 1/6 for a 15-min wait (every entry), 3 5/12 for
  // case 0's (x_0 to x_3). Lynden-Bell's G: at x_j (j >= 1) the risk set is the entries by x_j whose V reaches it, j + 1
  // up to x_3 (case 0 among them), j from x_4 on; G(v) the product of 1 - 1 / R_j over the entries after v. A 15-min
  // wait's A weighs 1 (no entry after 29 1/6); its B (ended 1/2 h after the entry) 1 / (1 - 1/29) = 29/28; case 0's A,
  // and its B (3 1/3), 1 / prod_{j=4..29} (j - 1) / j = 29 / 3, capped at 8. A's passes weigh 8 + 28 + 1 (case 29's,
  // read from every pass) = 37, those that began B 8 + 9 * 29 / 28: B 29 * 485 / 1036 = 13.576 of the 29 passes read,
  // END 29 * 551 / 1036 = 15.424 (uncapped 29 * 165 / 336 = 14.241; a cap of 7, 29 * 457 / 1008 = 13.148; of 9,
  // 29 * 513 / 1064 = 13.982).
  const hour = 3_600_000;
  const at = (h: number) => new Date(Date.UTC(2024, 0, 1) + h * hour).toISOString();
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const row = (c: number, activity: string, from: number, minutes: number, who: string) =>
    rows.push(`c${c},${activity},${at(from)},${at(from + minutes / 60)},${who}`);
  for (let c = 0; c < 30; c++) {
    row(c, 'X', c, 10, 'xena');
    const a0 = c + 1 / 6 + (c === 0 ? 26 : 0.25);
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
  expect(follow.get(step('B'))).toBeCloseTo((29 * 485) / 1036, 9);
  expect(follow.get(END)).toBeCloseTo((29 * 551) / 1036, 9);
});
