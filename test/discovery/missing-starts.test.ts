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

/**
 * A case every 30 minutes on average, round the clock from Monday 2024-01-01: A (exponential, mean
 * 30 min), then a wait of mean 2 h with its team free (an extraneous delay: each task taken by the
 * first of its team's clerks free then, a new one where none is), then B (exponential, mean 1 h);
 * each start of A and B left empty with probability `lost` (the same draws whatever `lost`: the
 * same log but for its empty starts).
 */
function delayedLog(cases: number, lost: number): string {
  const { random, exponential } = seededDraws(621);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  const freeAt = { A: [] as number[], B: [] as number[] };
  const clerk = (team: 'A' | 'B', at: number, until: number): string => {
    let k = freeAt[team].findIndex((t) => t <= at);
    if (k < 0) k = freeAt[team].push(0) - 1;
    freeAt[team][k] = until;
    return `${team.toLowerCase()}${k}`;
  };
  let t = Date.UTC(2024, 0, 1, 0);
  for (let c = 0; c < cases; c++) {
    t += exponential(0.5) * HOUR;
    const aEnd = t + exponential(0.5) * HOUR;
    const bStart = aEnd + exponential(2) * HOUR;
    const bEnd = bStart + exponential(1) * HOUR;
    for (const [name, s, e] of [
      ['A', t, aEnd],
      ['B', bStart, bEnd],
    ] as const)
      rows.push(`c${c},${name},${random() >= lost ? isoInstant(s) : ''},${isoInstant(e)},${clerk(name, s, e)}`);
  }
  return `${rows.join('\n')}\n`;
}

test("a step's waits are its instances' with a start, where some have none: the delay before B as the whole log's", async () => {
  const read = async (lost: number) => {
    const path = join(dir, `delayed-${lost}.csv`);
    writeFileSync(path, delayedLog(2000, lost));
    return discover(await readEventLog(path), { minShare: 0.05 }).activities.find((a) => a.name === 'B')!.delay!;
  };
  const whole = await read(0);
  const missing = await read(0.3);
  // the waits with a start (some 1,400) are a sample of the whole log's 2,000: their means differ by
  // at most 3.29 standard errors of a subsample's mean about the whole's (sd 2 h: 2 * sqrt(1 / 1400 -
  // 1 / 2000) = 0.029 h, so 0.095 h), the same bound for the fits; and a fit's mean is within 3.29
  // standard errors of the generator's 2 h (2 / sqrt(1400) = 0.053 h, so 0.18 h). Before, each B
  // without a start waited to its end, its work (1 h) read as delay: 2.28 h against 1.97 h.
  expect(Math.abs(missing.meanWait - whole.meanWait), `${missing.meanWait} h against ${whole.meanWait} h`).toBeLessThan(0.1);
  const mean = distMean(missing.fit.dist);
  expect(Math.abs(mean - distMean(whole.fit.dist)), `fitted ${mean} h against ${distMean(whole.fit.dist)} h`).toBeLessThan(0.1);
  expect(Math.abs(mean - 2), `fitted ${mean} h`).toBeLessThan(0.2);
  expect(missing.share).toBeGreaterThan(0.9);
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

/**
 * A case every 1.25 h on average, round the clock from Monday 2024-01-01: A (1 min, automated),
 * then B by its one clerk, bob (exponential, mean 1 h: 80% busy), first come first served, so B
 * waits only behind the cases before it; each start of B left empty with probability `lost` (the
 * same draws whatever `lost`).
 */
function queuedLog(cases: number, lost: number): string {
  const { random, exponential } = seededDraws(631);
  const rows = ['case_id,activity,start_time,end_time,resource'];
  let t = Date.UTC(2024, 0, 1, 0);
  let free = t;
  for (let c = 0; c < cases; c++) {
    t += exponential(1.25) * HOUR;
    const aEnd = t + 60_000;
    const bStart = Math.max(aEnd, free);
    free = bStart + exponential(1) * HOUR;
    rows.push(`c${c},A,${isoInstant(t)},${isoInstant(aEnd)},`);
    rows.push(`c${c},B,${random() >= lost ? isoInstant(bStart) : ''},${isoInstant(free)},bob`);
  }
  return `${rows.join('\n')}\n`;
}

test('an instance without a start holds its unit from the earliest it could start: a queue behind it is not read as delay', async () => {
  const delayOfB = async (lost: number) => {
    const path = join(dir, `queued-${lost}.csv`);
    writeFileSync(path, queuedLog(2000, lost));
    return discover(await readEventLog(path), { minShare: 0.05 }).activities.find((a) => a.name === 'B')!.delay;
  };
  // the whole log: B's waits are bob's queue, no delay
  expect(await delayOfB(0)).toBeNull();
  // before: each B without a start held bob at its end alone, bob looked free while it worked, and
  // the waits behind it read as a delay (share 0.45, mean 2.5 h); held from its end less B's mean
  // span, still share 0.22 (a long one's early part looked free)
  expect(await delayOfB(0.3)).toBeNull();
});
