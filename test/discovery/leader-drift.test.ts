// A mix of leaders that changes over the log (leader-drift.ts): discovery pools every pass of a
// parallel block, so a step that leads only from some point on is written at the whole log's
// share, which neither part of the log ran; the user is told, with the test's p-value. Generated
// logs (test/support/generated-logs.ts' choiceBlockLog, (A | R) || B? entered after X, a case
// every 36 s, the leader 15 min after X without B and 2 h with it, B leading after an exponential
// 12 h, exported when the 1,200th case arrived): R leading only from the 400th case on is found
// on every seed; R leading from the start is found no more often than the test's level allows.
// Compared by entry over every pass, the stationary log's second half is short of B (its passes
// entered late have not shown B yet): on six seeds p 2.5e-4, 3.9e-4, 3.3e-3, 4.1e-3, 0.061, 0.35;
// the passes compared within the window, 0.25 to 0.82 on four (docs/discovery-notes.md, session 50).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { DRIFT_LEVEL, type DriftPass, leaderDrift } from '../../engine/discovery/leader-drift.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { chiSquaredTail } from '../../engine/stats/chi-squared-tail.js';
import { choiceBlockLog } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-leader-drift-')();
const HOUR = 3_600_000;
const NOTE = 'parallel blocks whose mix of leaders changes over the log';

/** The log as exported when its `at`th case arrived: the instances ended by then. */
function exported(csv: string, at: number): string {
  const [header, ...lines] = csv.trimEnd().split('\n');
  const first = new Map<string, number>();
  for (const line of lines) {
    const [c, , from] = line.split(',');
    first.set(c, Math.min(first.get(c) ?? Number.POSITIVE_INFINITY, Date.parse(from)));
  }
  const exportedAt = [...first.values()].sort((x, y) => x - y)[at];
  return `${[header, ...lines.filter((line) => Date.parse(line.split(',')[3]) <= exportedAt)].join('\n')}\n`;
}

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
  /** `n` passes of leader k entered from `from` h, one every 0.1 h, each shown `shown` h after its entry. */
  const run = (k: number, n: number, from: number, shown = 0.1): DriftPass[] =>
    Array.from({ length: n }, (_, i) => {
      const entry = Math.round((from + 0.1 * i) * HOUR);
      return { entry, shown: entry + Math.round(shown * HOUR), k };
    });

  test('30 and 10 passes of two leaders, then 10 and 30: chi-square 20 on 1 degree of freedom', () => {
    // first half: leader 0 30 passes, leader 1 10; second the other way; expected 20 a cell, (10^2 / 20) x 4 = 20
    const passes = [...run(0, 30, 0), ...run(1, 10, 3), ...run(0, 10, 4), ...run(1, 30, 5), ...run(0, 1, 100)];
    const d = leaderDrift(passes, 2, 100 * HOUR + 0.1 * HOUR)!;
    expect(d.window).toBeCloseTo(0.1 * HOUR, 6);
    expect([d.passes, d.first, d.second]).toEqual([
      [40, 41],
      [30, 10],
      [11, 30],
    ]);
    // the pass entered at 100 h: ended 0.1 h later, within the window, but not entered a window before the end: out
    const without = leaderDrift(passes, 2, 100 * HOUR + 0.1 * HOUR - 1)!;
    expect([without.passes, without.first, without.second]).toEqual([
      [40, 40],
      [30, 10],
      [10, 30],
    ]);
    expect(without.statistic).toBeCloseTo(20, 10);
    expect(without.df).toBe(1);
    expect(without.p).toBe(chiSquaredTail(20, 1));
  });

  test('a pass shown later after its entry than the window (the 90th percentile) is not compared, whenever it entered', () => {
    // 36 passes of leader 0 shown 0.1 h after entry, 4 of leader 1 shown 5 h after: the window is 0.59 h (the 90th
    // percentile of 40, a tenth of the way from the 36th to the 37th)
    const passes = [...run(0, 36, 0), ...run(1, 4, 0.05, 5)];
    expect(leaderDrift(passes, 2, 50 * HOUR)).toBeNull(); // leader 1 none compared: one column, nothing to compare
  });

  test('a rare leader pooled with the others: columns of at least 10 passes', () => {
    // leaders 1 and 2 with 6 passes each: pooled into one column of 12
    const passes = [...run(0, 20, 0), ...run(1, 6, 2), ...run(2, 6, 2.6), ...run(0, 20, 3.2)];
    const d = leaderDrift(passes, 3, 100 * HOUR)!;
    expect(d.df).toBe(1);
    expect([d.first, d.second]).toEqual([
      [20, 6, 0],
      [20, 0, 6],
    ]);
    // the table [[20, 6], [20, 6]]: the halves' mixes the same
    expect(d.statistic).toBeCloseTo(0, 12);
  });
});

test(`R leading only from the 400th case on: the drift found on every seed (p below ${DRIFT_LEVEL}), R's share rising, and noted`, async () => {
  for (const seed of [1, 2, 3, 4]) {
    const { test: d, r, note } = await drift(seed, 400);
    expect(d.p, `seed ${seed}`).toBeLessThan(DRIFT_LEVEL);
    expect(d.second[r] / d.passes[1], `seed ${seed}: R's share in the second half`).toBeGreaterThan(d.first[r] / d.passes[0] + 0.1);
    expect(note?.count).toBe(1);
    expect(note?.handling).toMatch(/^'A' \/ 'R' \/ 'B' leading .* of the first half's passes, .* of the second's \(.* passes, p = /);
  }
});

test(`R leading from the start (the block entered after X, or opening the case): found no more often than the level allows`, async () => {
  // 12 logs: at a level of 0.001 none alarms but with a chance of 1 - 0.999^12 = 1.2%, two with 7e-5; below 0.1, more
  // than 5 with 4e-4 (binomial)
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
