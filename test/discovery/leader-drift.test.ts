// A mix of leaders that changes over the log (leader-drift.ts): discovery pools every pass of a
// parallel block, so a step that leads only from some point on is written at the whole log's
// share, which neither part of the log ran; the user is told, with the test's p-value. Generated
// logs (test/support/generated-logs.ts' choiceBlockLog, (A | R) || B? entered after X, a case
// every 36 s, the leader 15 min after X without B and 2 h with it, B leading after an exponential
// 12 h, exported when the 1,200th case arrived): R leading only from the 600th case on (the log's
// middle) is found on every seed (p 7e-5 to 2.5e-4 on six; from the 400th, on five of six, p 3.4e-5
// to 6.7e-4 and 0.0031: the batches' 18 degrees of freedom, and a change inside the first half,
// cost power); R leading from the start is found no more often than the test's level allows.
// Compared by entry over every pass, the stationary log's second half is short of B (its passes
// entered late have not shown B yet): on six seeds p 2.5e-4, 3.9e-4, 3.3e-3, 4.1e-3, 0.061, 0.35;
// the passes compared within the window, 0.25 to 0.82 on four (docs/discovery-notes.md, session 50).
// And steady queues (a || b, 3 units each, simulated): who starts first follows the queues, so a
// pass's leader tracks the previous pass's; tested by batches the drift is found no more often
// than the level allows, at 70% and 90% load (a test of the passes as independent found it in
// 4 and 7 of 10 logs).
// A pass is in the log as its leader's only once the log shows who led it (Pass.led: its leader
// ended and no other lane's head can still run having started first); the passes are compared
// within a window of that instant, so that every pass compared is in the log whenever it entered.
// Read at the leader's own end (before session 52), a log where B's passes show who led them 8 h
// after B's start (A, following, runs 8 h there) lost every B-led pass of its last 8 h and found
// drift on every seed (p 1e-9 to 2e-6); read at Pass.led, none.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { discover, discoverBlocks } from '../../engine/discovery/discover.js';
import { BATCHES, DRIFT_LEVEL, type DriftPass, type LeaderDrift, leaderDrift } from '../../engine/discovery/leader-drift.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { tTwoSidedP } from '../../engine/stats/t-quantile.js';
import { choiceBlockLog, exportedAt as exported, leaderWaitLog } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';
import { parallelQueueCsv } from '../support/simulated-log.js';

const LOAN = join(import.meta.dirname, '../../../shared/data/event-logs/loan-application.csv.gz');
const dir = scratchFolders('etomsim-leader-drift-')();
const HOUR = 3_600_000;
const NOTE = 'parallel blocks whose mix of leaders changes over the log';

/** The block's drift test and the note, on choiceBlockLog at `seed` (R leading from case `rFrom`; `mid` false: the block opens the case). */
async function drift(seed: number, rFrom: number | undefined, mid = true) {
  const { csv } = choiceBlockLog(2000, mid, { gapHours: 0.01, leadHours: mid ? [0.25, 2] : undefined, rFrom, seed });
  const path = join(dir, `${mid}-${rFrom}-${seed}.csv`);
  writeFileSync(path, exported(csv, 1200));
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const openings = [...(mid ? found.leads : found.openings).values()];
  expect(openings).toHaveLength(1);
  const [opening] = openings;
  const r = opening.opener.indexOf(found.log.activities.indexOf('R'));
  return { test: opening.drift!, r, note: found.notes.find((n) => n.kind.startsWith(NOTE)) };
}

describe('leaderDrift on passes worked by hand', () => {
  /** `n` passes of leader k entered from `from` h, one every 0.1 h, each showing who led it `led` h after its entry. */
  const run = (k: number, n: number, from: number, led = 0.1): DriftPass[] =>
    Array.from({ length: n }, (_, i) => {
      const entry = Math.round((from + 0.1 * i) * HOUR);
      return { entry, led: entry + Math.round(led * HOUR), k };
    });
  /** 20 batches of 4 passes, leader 1 leading `ones[b]` of batch b's (its first), leader 0 the rest. */
  const batches = (ones: readonly number[]): DriftPass[] => ones.flatMap((c, b) => [...run(1, c, b), ...run(0, 4 - c, b + 0.1 * c)]);

  test("leader 1's batch shares 1/4, 1/2 alternating, then 1/2, 3/4: t = 3 sqrt 2 on 18 degrees of freedom", () => {
    // each half's squares about its mean 10 x (1/8)^2 = 5/32; pooled variance (5/16) / 18, the means' difference's
    // (5/16) / 18 x (1/10 + 1/10) = 1/288: t = (5/8 - 3/8) / (1 / (12 sqrt 2)) = 3 sqrt 2
    const ones = [...Array.from({ length: 10 }, (_, b) => 1 + (b % 2)), ...Array.from({ length: 10 }, (_, b) => 2 + (b % 2))];
    const passes = [...batches(ones), ...run(0, 1, 100)];
    // the pass entered at 100 h: shown 0.1 h later, within the window, but not entered a window before the end: out
    const d = leaderDrift(passes, 2, 100 * HOUR + 0.1 * HOUR - 1)!;
    expect(d.window).toBeCloseTo(0.1 * HOUR, 6);
    expect([d.passes, d.first, d.second, d.tested]).toEqual([[40, 40], [25, 15], [15, 25], 1]);
    // the two leaders' shares are one test: leader 0's t is -3 sqrt 2, leader 1's +3 sqrt 2, p the same
    expect(Math.abs(d.t)).toBeCloseTo(3 * Math.SQRT2, 12);
    expect(d.p).toBeCloseTo(tTwoSidedP(3 * Math.SQRT2, BATCHES - 2), 15);
    // a 25-point rise in 80 passes: the batches vary less than independent passes would (a chi-square of the counts as
    // independent, [[25, 15], [15, 25]]: 4 x 5^2 / 20 = 5, p 0.025)
    expect(d.p).toBeGreaterThan(3e-4);
    expect(d.p).toBeLessThan(6e-4);
    // the pass at 100 h in (its entry a window before the end): 81 passes, the batches cut anew
    expect(leaderDrift(passes, 2, 100 * HOUR + 0.1 * HOUR)!.passes).toEqual([41, 40]);
  });

  test('the same shares in every batch: nothing drifts (p 1); a step from one leader to the other: p 0', () => {
    const steady = leaderDrift(batches(new Array(20).fill(2)), 2, 100 * HOUR)!;
    expect([steady.t, steady.p]).toEqual([0, 1]);
    const step = leaderDrift(batches([...new Array(10).fill(0), ...new Array(10).fill(4)]), 2, 100 * HOUR)!;
    expect([Math.abs(step.t), step.p]).toEqual([Number.POSITIVE_INFINITY, 0]);
  });

  test('a pass that shows who led it later after its entry than the window (the 90th percentile) is not compared, whenever it entered', () => {
    // 36 passes of leader 0 shown 0.1 h after entry, 4 of leader 1 shown 5 h after: the window is 0.59 h (the 90th
    // percentile of 40, a tenth of the way from the 36th to the 37th)
    const passes = [...run(0, 36, 0), ...run(1, 4, 0.05, 5)];
    expect(leaderDrift(passes, 2, 50 * HOUR)).toBeNull(); // leader 1 none compared: one column, nothing to compare
  });

  test('a rare leader pooled with the others; three leaders tested: p three times the least', () => {
    // leaders 1 and 2 with 6 passes each: pooled into one column of 12, two columns tested as one
    const pooled = leaderDrift([...run(0, 20, 0), ...run(1, 6, 2), ...run(2, 6, 2.6), ...run(0, 20, 3.2)], 3, 100 * HOUR)!;
    expect([pooled.first, pooled.second, pooled.tested]).toEqual([[20, 6, 0], [20, 0, 6], 1]);
    // leader 2 in 10 passes alone: three leaders tested, p three times the least t-test's
    const three = batches([...new Array(10).fill(1), ...new Array(10).fill(2)]).map((p, i) => (i % 8 === 7 ? { ...p, k: 2 } : p));
    const d = leaderDrift(three, 3, 100 * HOUR)!;
    expect(d.tested).toBe(3);
    expect(d.p).toBeCloseTo(Math.min(1, 3 * tTwoSidedP(d.t, BATCHES - 2)), 15);
  });

  test(`fewer than ${BATCHES} passes compared: nothing to test`, () => {
    expect(leaderDrift([...run(0, 10, 0), ...run(1, 9, 1)], 2, 100 * HOUR)).toBeNull();
  });
});

test(`R leading only from the 600th case on: the drift found on every seed (p below ${DRIFT_LEVEL}), R's share rising, and noted`, async () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    const { test: d, r, note } = await drift(seed, 600);
    expect(d.p, `seed ${seed}`).toBeLessThan(DRIFT_LEVEL);
    expect(d.second[r] / d.passes[1], `seed ${seed}: R's share in the second half`).toBeGreaterThan(d.first[r] / d.passes[0] + 0.1);
    expect(note?.count).toBe(1);
    expect(note?.handling).toMatch(/^'A' \/ 'R' \/ 'B' leading .* of the first half's passes, .* of the second's \(.* passes, p = /);
  }
});

test(`R leading from the start (the block entered after X, or opening the case): found no more often than the level allows`, async () => {
  // 12 logs: at a level of 0.001 none alarms but with a chance of 1 - 0.999^12 = 1.2%, two with 7e-5; below 0.1, more
  // than 5 with 5e-4 (binomial)
  const ps: number[] = [];
  for (const [seeds, mid] of [
    [[1, 2, 3, 4, 5, 6, 7, 8], true],
    [[1, 2, 3, 4], false],
  ] as const)
    for (const seed of seeds) {
      const { test: d, note } = await drift(seed, undefined, mid);
      ps.push(d.p);
      expect(note !== undefined, `seed ${seed}: noted`).toBe(d.p < DRIFT_LEVEL);
    }
  expect(ps.filter((p) => p < DRIFT_LEVEL).length, ps.join(', ')).toBeLessThanOrEqual(1);
  expect(ps.filter((p) => p < 0.1).length, ps.join(', ')).toBeLessThanOrEqual(5);
});

test("B's passes showing who led them 8 h after B's start (A following for 8 h): compared when the log shows the lead, no drift", async () => {
  // A || B after X, either leading half the passes 15 min after X on average, a case every 36 s, exported at the
  // 1,200th arrival (12 h); where B leads, A follows and runs 8 h, so such a pass shows B led only 8 h after B's start
  // (until then A could have started first and still run). Its leader's end, B's, is 10 min after its start, so
  // compared by that end (the window some 0.75 h) every B-led pass entered in the log's last 8 h is left out (not in
  // the log as led: FollowTally.notePass), the second half all but without B: p 7.9e-12, 4.4e-11, 7.0e-11, 2.7e-17,
  // 1.4e-10, 4.9e-9 on seeds 1-6. Compared by Pass.led (the window some 8.2 h): 0.31, 0.86, 0.43, 0.51, 0.027, 0.92,
  // B 31-42% of the second half's passes compared (fewer than it leads: the window keeps B's passes of short waits, as
  // steadily in either half). 6 logs: at a level of 0.001 two alarm with a chance of 1.5e-5; below 0.1, more than 4
  // with 5.5e-5 (binomial)
  const tests: LeaderDrift[] = [];
  const shareOfB: number[] = []; // B's share of the second half's passes compared
  for (let seed = 1; seed <= 6; seed++) {
    const { csv } = leaderWaitLog(2000, { gapHours: 0.01, aLeads: 0.5, aWaitHours: 0.25, bWaitHours: 0.25, aFollowingHours: 8, seed });
    const path = join(dir, `long-follower-${seed}.csv`);
    writeFileSync(path, exported(csv, 1200));
    // the drift is the blocks' reading (readBlockPasses), which discover's first stage makes as it is: no delay, team
    // or duration fitted (this test reads no note, which discover adds at its end)
    const found = discoverBlocks(await readEventLog(path), { minShare: 0.05 });
    const [opening] = [...found.passes.leads.values()];
    tests.push(opening.drift!);
    shareOfB.push(opening.drift!.second[opening.opener.indexOf(found.log.activities.indexOf('B'))] / opening.drift!.passes[1]);
  }
  const ps = tests.map((d) => d.p);
  expect(ps.filter((p) => p < DRIFT_LEVEL).length, ps.join(', ')).toBeLessThanOrEqual(1);
  expect(ps.filter((p) => p < 0.1).length, ps.join(', ')).toBeLessThanOrEqual(4);
  for (const [i, d] of tests.entries()) {
    expect(d.window, `seed ${i + 1}: the window, past B's passes' 8 h`).toBeGreaterThan(8 * HOUR);
    expect(shareOfB[i], `seed ${i + 1}: B's share of the second half's passes compared`).toBeGreaterThan(0.2);
  }
}, 120_000);

for (const load of [0.7, 0.9])
  test(`steady queues at ${load * 100}% load (a || b): the drift found no more often than the level allows`, async () => {
    // 10 logs: at a level of 0.001 two alarm with a chance of 4.5e-5; below 0.1, more than 5 with 1.5e-4 (binomial)
    const ps: number[] = [];
    for (let seed = 1; seed <= 10; seed++) {
      const path = join(dir, `queue-${load}-${seed}.csv`);
      writeFileSync(path, parallelQueueCsv(load, seed));
      const found = discover(await readEventLog(path), { minShare: 0.05 });
      const blocks = [...found.openings.values(), ...found.leads.values()];
      expect(blocks, `seed ${seed}`).toHaveLength(1);
      const d = blocks[0].drift!;
      expect(d.passes[0] + d.passes[1], `seed ${seed}: passes compared`).toBeGreaterThan(1500 * 3 * load * 0.8);
      ps.push(d.p);
      expect(
        found.notes.some((n) => n.kind.startsWith(NOTE)),
        `seed ${seed}: noted`,
      ).toBe(d.p < DRIFT_LEVEL);
    }
    console.log(`load ${load}: p ${ps.map((p) => p.toPrecision(2)).join(', ')}`);
    expect(ps.filter((p) => p < DRIFT_LEVEL).length, ps.join(', ')).toBeLessThanOrEqual(1);
    expect(ps.filter((p) => p < 0.1).length, ps.join(', ')).toBeLessThanOrEqual(5);
  });

test("LoanApp's three checks: AML check leading less in the second half, the appraisal more, but p 0.022: not noted (README)", async () => {
  // compared by Pass.led since session 52 (the window 16.8 h: a pass shows its lead once the other checks have ended or
  // could not still run), where by the leader's end (0.46 h) it read [164, 190, 96] and [112, 185, 153], p 0.011
  const found = discover(await readEventLog(LOAN), { minShare: 0.05 });
  const [check] = [...found.openings.values(), ...found.leads.values()].filter((o) => o.drift);
  expect(check.opener.map((a) => found.log.activities[a])).toEqual(['AML check', 'Check credit history', 'Appraise property']);
  const d = check.drift!;
  expect([d.passes, d.first, d.second, d.tested]).toEqual([[450, 450], [153, 201, 96], [105, 193, 152], 3]);
  expect(d.p.toPrecision(2)).toBe('0.022');
  expect(found.notes.find((n) => n.kind.startsWith(NOTE))).toBeUndefined();
}, 60_000);
