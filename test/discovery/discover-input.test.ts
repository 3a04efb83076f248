// discover reads its log and writes nothing into it (engine/discovery/discover.ts): its readings
// work on copies of what they renumber, reclock or leave out, and numberedByFirstSeen and
// inWeekClock hand the log itself back where nothing needs it. Callers rely on that: a test reads
// one log for two readings (exits-seen.test's FollowTally test discovers the dense logs its test of
// the open cases reads, session 56). A discovery that wrote into the log would hand the later
// reading another log, silently: here it fails at the entry or name it changed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { choiceBlockLog, exportedAt } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-discover-input-')();

test.each([
  // every case whole, and the log exported while some 200 cases run (cases cut by its end: exits-seen's reading of them)
  ['whole', (csv: string) => csv],
  ['exported at the 400th of 600 arrivals', (csv: string) => exportedAt(csv, 400)],
])('discover leaves its log as it read it: %s', async (name, exported) => {
  const { csv } = choiceBlockLog(600, true, { gapHours: 0.005, followMeanHours: 3, seed: 1 });
  const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
  writeFileSync(path, exported(csv));
  const log = await readEventLog(path);
  const before = structuredClone(log);
  const found = discover(log, { minShare: 0.05 });
  expect(found.flows.length).toBeGreaterThan(0); // the premise: the log was discovered through
  expect(log).toEqual(before);
});
