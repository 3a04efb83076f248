// FollowTally's weights (engine/discovery/extraneous-delays.ts): where the log's end cut a pass of a
// block entered after a step, each leader's shares are read from every pass, each weighing as the
// inverse of its chance to show what it shows by the log's end E, 1 / G(E - y) (y: that instance's
// end after the block's entry, G the entries' law by Lynden-Bell's product-limit estimator). Two
// guards, each worked by hand on a log of 30 cases an hour apart: no pass weighs more than the
// passes the reading shows (30), and an entry whose risk set holds only its own pass (a hole) is
// skipped in G's product, where its factor, 0, made a pass shown earlier weigh infinitely (the cap
// of 8 it had before session 50 then decided its weight).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { END } from '../../engine/discovery/flow-structure.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-pass-weights-')();

/**
 * 30 cases an hour apart: X (10 min) at hour i, the block (A || B?) entered at its end (x_i = i + 1/6), A leading
 * 15 min later and B, in cases 0, 3, ..., 27, 5 min after A's start; C 30 min after A's start. Case 0's A waits
 * `wait0` hours instead, its B starting `b0` hours after its A and its C 15 min after its B's end. Case 29 shows
 * only X and A, at the log's end: cut (exits-seen.ts), its A's start (hour 29 5/12) the cutoff, its A's end the log's
 * end E (29 7/12); the cutoff's rule reads the 29 passes before it. A pass is in the log once its A has ended, by E:
 * entered by V = E - (A's end - entry), 29 1/6 for a 15-min wait (every entry). The other passes weigh alike: a
 * 15-min wait's A 1 (no entry after 29 1/6), its B (ended 1/2 h after the entry) 1 / (1 - 1/29) = 29/28. Returns
 * A's passes read, by B and END, and its counts as written (Opening.follow).
 */
async function followOfB(name: string, wait0: number, b0: number) {
  const hour = 3_600_000;
  const at = (h: number) => new Date(Date.UTC(2024, 0, 1) + h * hour).toISOString();
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const row = (c: number, activity: string, from: number, minutes: number, who: string) =>
    rows.push(`c${c},${activity},${at(from)},${at(from + minutes / 60)},${who}`);
  for (let c = 0; c < 30; c++) {
    row(c, 'X', c, 10, 'xena');
    const a0 = c + 1 / 6 + (c === 0 ? wait0 : 0.25);
    row(c, 'A', a0, 10, 'ann');
    if (c === 29) continue;
    const b = a0 + (c === 0 ? b0 : 5 / 60);
    if (c % 3 === 0) row(c, 'B', b, 10, 'bob');
    row(c, 'C', c === 0 ? b + 1 / 4 : a0 + 0.5, 15, 'cy');
  }
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, `${rows.join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  expect(found.notes.find((n) => n.kind.startsWith("cases cut by the log's end"))?.count).toBe(1);
  const [opening] = [...found.leads.values()];
  const step = (x: string) => found.log.activities.indexOf(x);
  const a = opening.opener.indexOf(step('A'));
  const laneB = opening.lane[opening.opener.indexOf(step('B'))];
  const read = opening.passesRead[a].get(laneB)!;
  const follow = opening.follow[a].get(laneB)!;
  return { read: [read.get(step('B')), read.get(END)], begun: follow.get(step('B')), skipped: follow.get(END) };
}

test('a pass shown later after its entry than a run of small risk sets allows weighs as many passes as the reading shows, 30, not 58', async () => {
  // Case 0's A waits 27.5 h (V_0 = 1 11/12, between x_1 and x_2) and its B starts an hour after its A (ending at
  // 28 5/6). Lynden-Bell's risk sets: at x_1 cases 0 and 1 (factor 1/2), at x_j (j >= 2) cases 1 to j (case 0 seen only
  // up to V_0; (j - 1) / j), so G below x_j is (j - 1) / 29 and below x_1 1/58. Case 0's A (E - y = V_0) weighs 29; its
  // B (E - y = 11/12, below x_1) 58, at most the 30 passes the reading shows: 30. A's passes weigh 29 + 29 = 58, those
  // that began B 30 + 9 * 29/28: B 29 * 1101 / 1624 of the 29 passes read (19.661), END 29 * 523 / 1624. A cap of 29:
  // 29 * 1073 / 1624; of 31: 29 * 1129 / 1624; none: B's weights outweigh A's, B 29, END none; the fixed 8 before
  // session 50 (case 0 weighing 8 for both): 29 * 485 / 1036 (13.576).
  const { read, begun, skipped } = await followOfB('cap', 27.5, 1);
  expect(read).toEqual([10, 19]);
  expect(begun).toBeCloseTo((29 * 1101) / 1624, 9);
  expect(skipped).toBeCloseTo((29 * 523) / 1624, 9);
});

test("a pass whose leader waited longer than every other pass could show: the hole after it skipped, it weighs 29 (the log's 30), not the cap", async () => {
  // Case 0's A waits 28.5 h (V_0 = 11/12, before x_1), its B 5 min after its A (ending 28 11/12). At x_1 the risk set
  // holds case 1 alone (case 0 seen only up to V_0): a hole, its factor 1 - 1/1 = 0 skipped; at x_j (j >= 2) cases 1 to
  // j, (j - 1) / j, so G below x_2, and below x_1, is 1/29. Case 0's A (E - y = 11/12) and its B (5/6) weigh 29 each
  // (a pass waiting so long shows only where it entered first of the 30: the log's weight is 30). A's passes weigh 58,
  // those that began B 29 + 9 * 29/28: B 29 * 1073 / 1624 of the 29 passes read (19.161), END 29 * 551 / 1624. With the
  // factor kept G is 0 there: case 0 weighing the cap, 30, B 29 * 1101 / 1652 (19.328); at the fixed 8 before session
  // 50, 29 * 485 / 1036 (13.576).
  const { read, begun, skipped } = await followOfB('hole', 28.5, 5 / 60);
  expect(read).toEqual([10, 19]);
  expect(begun).toBeCloseTo((29 * 1073) / 1624, 9);
  expect(skipped).toBeCloseTo((29 * 551) / 1624, 9);
});
