// A parallel block the flow starts with: two steps either of which may open a case. The one that
// starts second waited from the case's arrival, and the discovered delay before it must be that
// wait in the share of cases that had it (extraneous-delays.ts' enabledAtArrival). Before, such a
// step's waits were unmeasured (every earlier step of its case runs in parallel with it): the delay
// was lost (this log: 0.17 h simulated against the log's 8 h), or, where a step outside the block
// came first in a few cases, taken from those alone and written for every case (PM4Py's
// interleavings_receipt_odd: 'T02' waiting 6 days in 61% of cases, the cycle time twice the log's).
// The log: test/support/generated-logs.ts' openingBlockLog.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { openingBlockLog } from '../support/generated-logs.js';
import { replicate } from '../support/simulate.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-opening-block-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CASES = 400;

test('the second step of a block that opens the case waits from the arrival, in the share of cases it did', async () => {
  const { csv, cycles, bFirst } = openingBlockLog(CASES);
  const path = join(dir, 'opening-block.csv');
  writeFileSync(path, csv);
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const yaml = writeScenarioYaml(found, path);
  const scenario = loadScenarioText(yaml, 'opening-block.yaml').set!.baseline;
  expect(yaml).toMatch(/^ +wait_before_a:$/m);
  // A waits in the cases B opened: its decision's share is theirs (exact count from the generator), within the
  // 99.9% interval of a share of 400
  const share = bFirst / CASES;
  const sd = Math.sqrt((share * (1 - share)) / CASES);
  const toWait = /\{ to: wait_before_a, p: ([\d.]+) \}/.exec(yaml);
  expect(toWait).not.toBeNull();
  expect(Math.abs(Number(toWait![1]) - share)).toBeLessThan(3.29 * sd);
  // and the simulated mean cycle time meets the log's: within the 99.9% interval of the two means' difference
  const logMean = cycles.reduce((s, x) => s + x, 0) / CASES;
  const logSe = Math.sqrt(cycles.reduce((s, x) => s + (x - logMean) ** 2, 0) / (CASES - 1) / CASES);
  const sims = replicate(scenario, 5, 3).values('flows.process.cycle_time.mean');
  const simMean = sims.reduce((s, x) => s + x, 0) / sims.length;
  const simSe = Math.sqrt(sims.reduce((s, x) => s + (x - simMean) ** 2, 0) / (sims.length - 1) / sims.length);
  expect(Math.abs(simMean - logMean)).toBeLessThan(3.29 * Math.hypot(logSe, simSe));
});
