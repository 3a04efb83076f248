// scenario-writer.ts' openersKept: a step heading a lane that no kept fork begins (`unbegun`), where
// every kept fork is of that lane, keeps the most common folded leader of another lane, whose fork
// then begins the step at its share (session 48's rule). The shape: lanes A | S and B | T, opening the
// case; A opens 92% of the cases (B or T following it, by halves; S after A in A's lane in 10% of
// them), B or T the rest, each rare enough to fold; where B or T opens, its partner in A's lane is A
// in the first 250 cases and S from then on (S heading 6% of the lane's starts, never opening). The
// log's end cuts a case A opened at the 200th arrival (its B or T ending just before the export).
// FollowTally reads B's and T's shares from every pass (session 49), so their passes begin A's lane
// with S too; but A's fork reaches S (A -> S in its lane), so s48g's rule keeps neither (a fork is
// kept for a step no common fork reaches, not one none begins its lane with), and no kept fork
// begins S. Without S after A (session 49's s49f shape), T's and B's forks reach S and are kept by
// that rule: this one does not come into it there.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { lanesOf } from '../../engine/discovery/extraneous-delays.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scratchFolders } from '../support/scratch.js';
import { seededDraws } from '../support/seeded-draws.js';

const dir = scratchFolders('etomsim-folded-leader-')();

/** The log above: 1,500 cases 12 min apart, exported at the 1,400th's arrival, case 200's B or T ending 10 min before. */
function foldedLeaderLog(): string {
  const { random, exponential } = seededDraws(61);
  const hour = 3_600_000;
  const t0 = Date.UTC(2024, 0, 1);
  const exportedAt = t0 + 1400 * 0.2 * hour;
  const rows: [string, string, number, number, string][] = [];
  for (let c = 0; c < 1500; c++) {
    const t = t0 + c * 0.2 * hour;
    const row = (activity: string, from: number, minutes: number, who: string) => {
      rows.push([`c${c}`, activity, from, from + minutes * 60_000, `${who}${c % 3}`]);
      return from + minutes * 60_000;
    };
    const follow = t + (5 / 60 + exponential(1 / 3)) * hour;
    let last: number;
    const u = random();
    const partner = random() < 0.5 ? 'B' : 'T';
    if (u < 0.92 || c === 200) {
      let a = row('A', t, 10, 'ann');
      if (random() < 0.1) a = row('S', a + exponential(0.25) * hour, 10, 'sam');
      const b = row(partner, c === 200 ? exportedAt - 20 * 60_000 : follow, 10, partner.toLowerCase());
      last = Math.max(a, b);
    } else {
      const b = row(partner, t, 10, partner.toLowerCase());
      const other = row(c < 250 ? 'A' : 'S', follow, 10, c < 250 ? 'ann' : 'sam');
      last = Math.max(b, other);
    }
    row('C', last + exponential(0.5) * hour, 15, 'cy');
  }
  const at = (ms: number) => new Date(ms).toISOString();
  const kept = rows.filter((r) => r[3] <= exportedAt).map(([c, a, from, to, who]) => `${c},${a},${at(from)},${at(to)},${who}`);
  return `case_id,activity,start_time,end_time,resource\n${kept.join('\n')}\n`;
}

test('a head no kept fork begins, every kept fork of its own lane: the most common folded leader of another lane is kept, and begins it', async () => {
  const path = join(dir, 'folded-leader.csv');
  writeFileSync(path, foldedLeaderLog());
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const [[block, opening]] = [...found.openings];
  const step = (x: string) => found.log.activities.indexOf(x);
  const [a, b, t, s] = ['A', 'B', 'T', 'S'].map((x) => opening.opener.indexOf(step(x)));
  const total = opening.opened.reduce((sum, n) => sum + n, 0);
  expect(opening.lane[a], 'A and S head one lane').toBe(opening.lane[s]);
  expect(opening.lane[b], 'B and T the other').toBe(opening.lane[t]);
  expect(opening.opened[a] / total, "A's share of the cases opened").toBeGreaterThan(0.05);
  expect(opening.opened[t] / total, "T's").toBeLessThan(0.05);
  expect(opening.opened[b], "B's: fewer than T's").toBeLessThan(opening.opened[t]);
  expect(opening.opened[s], 'cases S opened').toBe(0);
  // T's and B's passes began A's lane with S (read from every pass), and A's fork reaches S after A
  for (const k of [t, b]) expect(opening.follow[k].get(opening.lane[a])?.has(step('S'))).toBe(true);
  const lane = lanesOf(block, new Map())[opening.lane[a]];
  const at = (x: string) => lane.symbols.findIndex((y) => y.kind === 'activity' && y.activity === step(x));
  expect(lane.transitions.get(at('A'))?.has(at('S')), 'A -> S in its lane').toBe(true);
  const yaml = writeScenarioYaml(found, path);
  const loaded = loadScenarioText(yaml, join(dir, 'folded-leader.yaml'));
  expect(loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  // T, the more common of the two, kept: its fork begins A's lane with S at its share of T's passes read from every
  // pass (after S's delay, measured in T's passes after the cutoff that began it), and with A as the rest. Without the rule, only A's fork was kept, and the block was written unforked, its
  // lane begun with S as over every pass
  expect(yaml).toMatch(
    /parallel_1_when_t_opens_branch_1_start:\n.*\n\s+branch:\n\s+- \{ to: (?:s|(?:wait_before_s|s_delayed)_when_t_opens), p: .*\n\s+- \{ to: wait_before_a_when_t_opens, p: /,
  );
  expect(yaml).not.toMatch(/parallel_1_when_b_opens/);
  expect(yaml).toMatch(/parallel: \[a, parallel_1_when_a_opens_branch_2_start\]/);
});
