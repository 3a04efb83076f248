// Discover's first stage (discover.ts' discoverBlocks: the log read up to its flows' chains and
// their parallel blocks' passes), which fidelity calls for its warning of a drifting mix of
// leaders in place of a whole discover: its blocks, their leaders' passes and drift tests, and so
// the drifting blocks (leader-drift.ts' driftingBlocks), are the very ones discover returns, on
// logs that drift and logs that do not; the blocks opening the cases (Discovery.openings) and
// those entered after a step (.leads) alike. Generated logs (choiceBlockLog, as
// test/discovery/leader-drift.test.ts reads them: (A | R) || B?, entered after X or opening the
// case, a case every 36 s, exported at the 1,200th case; R leading only from the 600th case on
// drifts), a steady queue's (a || b simulated at 90% load) and LoanApp's (p 0.022 since session
// 52, not drifting: leader-drift.test.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { type Discovery, discover, discoverBlocks } from '../../engine/discovery/discover.js';
import type { Opening } from '../../engine/discovery/extraneous-delays.js';
import { driftingBlocks } from '../../engine/discovery/leader-drift.js';
import type { EventLog } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { choiceBlockLog, exportedAt } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';
import { parallelQueueCsv } from '../support/simulated-log.js';

const LOAN = join(import.meta.dirname, '../../../shared/data/event-logs/loan-application.csv.gz');
const dir = scratchFolders('etomsim-discover-blocks-')();
const OPTIONS = { minShare: 0.05 };

/** What a block's reading holds of its leaders: which steps, the passes each led, its drift test. */
const leaders = (blocks: Iterable<Opening>) => [...blocks].map((o) => ({ opener: o.opener, opened: o.opened, drift: o.drift }));

/** The stage's reading and the whole discover's of `log`: their blocks' leaders and their drifting blocks, each side by side. */
function bothReadings(log: EventLog) {
  const stage = discoverBlocks(log, OPTIONS);
  const whole: Discovery = discover(log, OPTIONS);
  const blocksOf = (r: { openings: Map<unknown, Opening>; leads: Map<unknown, Opening> }) => [...r.openings.values(), ...r.leads.values()];
  return {
    stage: {
      activities: stage.log.activities,
      openings: leaders(stage.passes.openings.values()),
      leads: leaders(stage.passes.leads.values()),
      drifting: driftingBlocks(blocksOf(stage.passes), stage.log.activities),
    },
    whole: {
      activities: whole.log.activities,
      openings: leaders(whole.openings.values()),
      leads: leaders(whole.leads.values()),
      drifting: driftingBlocks(blocksOf(whole), whole.log.activities),
    },
  };
}

async function choiceLog(mid: boolean, rFrom: number | undefined, seed: number): Promise<EventLog> {
  const { csv } = choiceBlockLog(2000, mid, { gapHours: 0.01, leadHours: mid ? [0.25, 2] : undefined, rFrom, seed });
  const path = join(dir, `${mid}-${rFrom}-${seed}.csv`);
  writeFileSync(path, exportedAt(csv, 1200));
  return readEventLog(path);
}

for (const mid of [true, false])
  test(`R leading from the 600th case (the block ${mid ? 'entered after X' : 'opening the case'}): the stage's drifting block is discover's`, async () => {
    const { stage, whole } = bothReadings(await choiceLog(mid, 600, 1));
    expect(stage).toEqual(whole);
    // not an empty agreement: the one block, where discover reads it, drifts
    expect((mid ? stage.leads : stage.openings).length).toBe(1);
    expect((mid ? stage.openings : stage.leads).length).toBe(0);
    expect(stage.drifting).toHaveLength(1);
    expect(stage.drifting[0].leaders).toEqual(['A', 'R', 'B']);
  });

for (const mid of [true, false])
  test(`R leading from the start (the block ${mid ? 'entered after X' : 'opening the case'}): the stage's blocks are discover's, none drifting`, async () => {
    const { stage, whole } = bothReadings(await choiceLog(mid, undefined, 1));
    expect(stage).toEqual(whole);
    expect(stage.openings.length + stage.leads.length).toBe(1);
    expect([...stage.openings, ...stage.leads][0].drift).not.toBeNull(); // tested, and found steady
    expect(stage.drifting).toEqual([]);
  });

test("a steady queue (a || b at 90% load, 1,500 h) and LoanApp's log: the stage's blocks and drift tests are discover's, none drifting", async () => {
  const path = join(dir, 'queue.csv');
  writeFileSync(path, parallelQueueCsv(0.9, 1));
  for (const log of [await readEventLog(path), await readEventLog(LOAN)]) {
    const { stage, whole } = bothReadings(log);
    expect(stage).toEqual(whole);
    // LoanApp's three checks read as test/discovery/leader-drift.test.ts reads them: p 0.022, not drifting
    expect([...stage.openings, ...stage.leads].filter((o) => o.drift !== undefined && o.drift !== null)).toHaveLength(1);
    expect(stage.drifting).toEqual([]);
  }
}, 60_000);
