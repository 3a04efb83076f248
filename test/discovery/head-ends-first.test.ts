// A parallel block whose leader A lasts exactly 3 h and whose other lane's head B, in half the
// passes, starts 5 min after A and lasts 10 min, so B ends long before A; the log is exported
// while some cases run. FollowTally reads a block's shares from every pass the log shows, each
// weighed by the inverse of its chance to show what it shows (extraneous-delays.ts): a pass shows
// B begun only once A's instance has ended too, so B's weight is taken at the later of the two
// ends (taken at B's own end, B after A came out 0.06 where the generator's share is 0.5: the
// session 49 review). The share of A's passes that began B, mean over seeds, is the generator's
// within the 99.9% t interval of the seeds' spread, and each seed's within 3.29 standard errors of
// its passes read (plain binomial: every pass A led shows what it shows 3 h 15 min after its
// entry, A's and B's end alike, so all weigh the same, whatever the weight, and the share is
// their plain ratio; Kish's effective count is the count). And A leads every pass the log shows: a pass
// whose A still runs at the export but whose B has ended shows B alone, and was read as led by B (seed 1: 76
// of 514 passes); a pass shows who led it only once no other lane's head can still run having started before
// its first, here B's start plus the 3 h the longest A ran, after the export (FollowTally.ledShown): left out.
// Each A in the log then leads its pass, its weight that of the A-led passes alone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { END } from '../../engine/discovery/flow-structure.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { tQuantile } from '../../engine/stats/t-quantile.js';
import { scratchFolders } from '../support/scratch.js';
import { seededDraws } from '../support/seeded-draws.js';

const dir = scratchFolders('etomsim-head-ends-first-')();
const HOUR = 3_600_000;
const CASES = 1000;
const EXPORTED_AT = 600;
const SHARE = 0.5;

/** Cases every 1.2 min on average: X (10 min), then A 15 min later for exactly 3 h, B in half of them; C after both. */
function log(seed: number): string[] {
  const { random } = seededDraws(seed);
  const rows: string[] = [];
  const t0 = Date.UTC(2024, 0, 1);
  let t = 0;
  for (let c = 0; c < CASES; c++) {
    t += -0.02 * Math.log(1 - random());
    const row = (step: string, from: number, hours: number) =>
      rows.push(`c${c},${step},${new Date(t0 + from * HOUR).toISOString()},${new Date(t0 + (from + hours) * HOUR).toISOString()},r${step}`);
    row('X', t, 1 / 6);
    const a = t + 1 / 6 + 0.25;
    row('A', a, 3);
    let end = a + 3;
    if (random() < SHARE) {
      row('B', a + 5 / 60, 1 / 6);
      end = Math.max(end, a + 5 / 60 + 1 / 6);
    }
    row('C', end + 1 / 12, 0.25);
  }
  return rows;
}

/** The instances that had ended when the `EXPORTED_AT`th case arrived. */
function exported(rows: string[]): string[] {
  const arrivals = rows.filter((r) => r.split(',')[1] === 'X').map((r) => Date.parse(r.split(',')[2]));
  const at = arrivals.sort((x, y) => x - y)[EXPORTED_AT];
  return rows.filter((r) => Date.parse(r.split(',')[3]) <= at);
}

async function shareOfB(rows: string[], name: string): Promise<{ share: number; passes: number }> {
  const path = join(dir, name);
  writeFileSync(path, `case_id,activity,start_time,end_time,resource\n${rows.join('\n')}\n`);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const openings = [...found.leads.values()];
  expect(openings).toHaveLength(1);
  const [opening] = openings;
  const step = (x: string) => found.log.activities.indexOf(x);
  const laneB = opening.lane[opening.opener.indexOf(step('B'))];
  const follow = opening.follow[opening.opener.indexOf(step('A'))].get(laneB);
  const begun = follow?.get(step('B')) ?? 0;
  const skipped = follow?.get(END) ?? 0;
  const passes = rows.filter((r) => r.split(',')[1] === 'A').length;
  expect(opening.opened[opening.opener.indexOf(step('A'))], `${name}: A's passes`).toBe(passes);
  expect(opening.opened[opening.opener.indexOf(step('B'))], `${name}: B's passes`).toBe(0);
  return { share: begun / (begun + skipped), passes };
}

test("a lane's head ending before its leader: A leads every pass, B after A is the generator's share, over eight seeds", async () => {
  const shares: number[] = [];
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    const { share, passes } = await shareOfB(exported(log(seed)), `cut-${seed}.csv`);
    const se = Math.sqrt((SHARE * (1 - SHARE)) / passes);
    expect(Math.abs(share - SHARE), `seed ${seed}: ${share.toFixed(3)} of ${passes} passes`).toBeLessThan(3.29 * se);
    shares.push(share);
  }
  const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
  const sd = Math.sqrt(shares.reduce((a, b) => a + (b - mean) ** 2, 0) / (shares.length - 1));
  expect(Math.abs(mean - SHARE), shares.map((x) => x.toFixed(3)).join(' ')).toBeLessThan(
    (tQuantile(0.9995, shares.length - 1) * sd) / Math.sqrt(shares.length),
  );
}, 300_000);
