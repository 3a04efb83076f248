// A log whose rows lost some of their starts (an export that dropped a start row, a complete whose
// start was never written): an instance without a start, where other instances of its step have
// one, took unknown time, not none. Before session 62 each was fitted as 0 h, so 30% of a step's
// starts missing made its mean 30% short; a step none of whose instances has a start (a milestone)
// still takes no time. fidelity measures the log's steps so too.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { distMean } from '../../engine/random/distributions.js';
import { fidelityOfDiscovered } from '../support/discovered.js';
import { isoInstant } from '../support/iso-instant.js';
import { scratchFolders } from '../support/scratch.js';
import { seededDraws } from '../support/seeded-draws.js';
import { meanOf, standardErrorOf } from '../support/simulate.js';

const dir = scratchFolders('etomsim-missing-starts-')();

const HOUR = 3_600_000;

/**
 * A case every 6 minutes on average, round the clock from Monday 2024-01-01: A (exponential, mean
 * 30 min, by one of ann0-ann5) then B (1 h, bob0-bob11) then M (a milestone: its end alone), each
 * start of A and B left empty with probability 0.3. Returns the CSV and the durations (hours) of
 * the instances of A and B whose start is written.
 */
function missingStartsLog(cases: number): { csv: string; kept: { A: number[]; B: number[] }; dropped: number } {
  const { random, exponential } = seededDraws(62);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const kept = { A: [] as number[], B: [] as number[] };
  let dropped = 0;
  let t = Date.UTC(2024, 0, 1, 0);
  for (let c = 0; c < cases; c++) {
    t += exponential(0.1) * HOUR;
    let s = t;
    for (const [name, mean, who] of [
      ['A', 0.5, `ann${c % 6}`],
      ['B', 1, `bob${c % 12}`],
    ] as const) {
      const e = s + exponential(mean) * HOUR;
      const written = random() >= 0.3;
      if (written) kept[name].push((e - s) / HOUR);
      else dropped++;
      rows.push(`c${c},${name},${written ? isoInstant(s) : ''},${isoInstant(e)},${who}`);
      s = e;
    }
    rows.push(`c${c},M,,${isoInstant(s)},`);
  }
  return { csv: `${rows.join('\n')}\n`, kept, dropped };
}

test("an instance without a start, where its step's others have one, is left out of the step's durations; a milestone takes none", async () => {
  const { csv, kept, dropped } = missingStartsLog(2000);
  const path = join(dir, 'missing-starts.csv');
  writeFileSync(path, csv);
  const log = await readEventLog(path);
  const found = discover(log, { minShare: 0.05 });
  expect(found.notes.find((n) => n.kind === 'instances without a start time')?.count).toBe(dropped + 2000);
  for (const name of ['A', 'B'] as const) {
    const step = found.activities.find((a) => a.name === name)!;
    // the durations fitted are those the log gives (before: every instance, 30% of them 0 h)
    expect(step.duration.n, name).toBe(kept[name].length);
    const mean = distMean(step.duration.dist);
    expect(Math.abs(mean - meanOf(kept[name])), `${name}: fitted ${mean} h`).toBeLessThan(3.29 * standardErrorOf(kept[name]));
  }
  const milestone = found.activities.find((a) => a.name === 'M')!;
  expect(distMean(milestone.duration.dist)).toBe(0);
  expect(milestone.duration.n).toBe(2000);
});

test("fidelity's processing and waiting of a step are its instances' with a start, where some have none", async () => {
  const { csv, kept } = missingStartsLog(600);
  const f = await fidelityOfDiscovered(dir, 'missing-starts-fidelity.csv', csv, 2);
  const step = (name: string) => f.steps.find((s) => s.activity === name)!.log;
  // spans to the millisecond the log writes (before: A's and B's 30% without a start each 0 h of
  // work, and B's a wait from A's end to its own end, where every B starts as A ends)
  expect(step('A').processing).toBeCloseTo(meanOf(kept.A), 6);
  expect(step('B').processing).toBeCloseTo(meanOf(kept.B), 6);
  expect(step('B').waiting).toBeCloseTo(0, 6);
  expect([step('A').n, step('B').n, step('M').n]).toEqual([600, 600, 600]);
  expect(step('M').processing).toBe(0);
});
