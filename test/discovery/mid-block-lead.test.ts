// A parallel block entered after a step of its flow, one branch of which starts first and the
// others following (test/support/generated-logs.ts' midBlockLog: A leads 70% of the passes after
// about 4 h and B follows within the hour; B leads the rest after about 12 h). Before session 43
// each branch's first step took one delay pooled over the passes it led and those it followed,
// drawn apart, so simulated cases had both wait or neither (1,000 cases: cycle time mean 10.95 h
// against the log's 7.65 h, p90 21.4 h against 15.7 h, both outside one log's interval). Now the
// block is written by its leading branch (extraneous-delays.ts' leadingBlocks): a decision of the
// branch that starts first, its step's delay from the step before the block, and a fork per
// leading branch in which the others' first steps wait as they did from its start.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { midBlockLog, shuffledRows } from '../support/generated-logs.js';
import { discoveredYaml } from '../support/discovered.js';
import { scratchFolders } from '../support/scratch.js';
import { meanOf, replicate, standardErrorOf } from '../support/simulate.js';

const dir = scratchFolders('etomsim-mid-block-')();

const CASES = 400;

const scenarioText = discoveredYaml(dir, 'mid-block.csv');

test('a block entered after a step: the branch that starts first is decided, its wait runs from the step before, the other waits from its start', async () => {
  const { csv, cycles, waits, bFirst } = midBlockLog(CASES);
  const yaml = await scenarioText(csv, 'mid-block.csv');
  const scenario = loadScenarioText(yaml, 'mid-block.yaml').set!.baseline;
  // X leads to the decision of the leading branch, in the exact shares of the log's passes (the generator's count)
  expect(yaml).toMatch(/^ {6}x:\n(?: {8}.*\n)*? {8}next: lead_of_parallel_1$/m);
  const shares =
    /^ +lead_of_parallel_1:\n(?: +#.*\n)* +description: .*\n +branch:\n +- \{ to: (\w+), p: ([\d.]+) \}\n +- \{ to: (\w+), p: ([\d.]+) \}$/m.exec(
      yaml,
    );
  expect(shares?.slice(1)).toEqual([
    'a_delayed_leading_parallel_1',
    String(1 - bFirst / CASES),
    'wait_before_b_leading_parallel_1',
    String(bFirst / CASES),
  ]);
  // each fork starts its leader at once, the other through its delay from the leader's start
  expect(yaml).toMatch(/^ +wait_before_a_leading_parallel_1:\n(?: +[#dc].*\n)* +next: parallel_1_when_a_leads$/m);
  expect(yaml).toMatch(/^ +parallel_1_when_a_leads:\n(?: +#.*\n)* +parallel: \[a, wait_before_b_when_a_leads\]$/m);
  expect(yaml).toMatch(/^ +parallel_1_when_b_leads:\n(?: +#.*\n)* +parallel: \[wait_before_a_when_b_leads, b\]$/m);
  // A's delay when it leads is its wait from X's end in those passes: the exponential's maximum
  // likelihood mean is the mean of the generator's waits above the 1-minute floor, less what
  // fell while A's people were all busy (within 1%)
  const led = waits.A.filter((w, c) => w < waits.B[c] && w > 1 / 60);
  const fitted = /^ +wait_before_a_leading_parallel_1:\n(?: +[#d].*\n)* +duration: \{ exponential: \{ mean: ([\d.]+) \} \}$/m.exec(yaml);
  expect(fitted).not.toBeNull();
  expect(Math.abs(Number(fitted![1]) - meanOf(led)) / meanOf(led)).toBeLessThan(0.01);
  // and the simulated mean cycle time meets the log's: within the 99.9% interval of the two means' difference
  const sims = replicate(scenario, 5, 3).values('flows.process.cycle_time.mean');
  expect(Math.abs(meanOf(sims) - meanOf(cycles)), `log ${meanOf(cycles)} h, simulated ${meanOf(sims)} h`).toBeLessThan(
    3.29 * Math.hypot(standardErrorOf(cycles), standardErrorOf(sims)),
  );
});

test('the same log with its rows shuffled gives the same scenario, byte for byte', async () => {
  const { csv } = midBlockLog(CASES);
  const inOrder = await scenarioText(csv, 'in-order.csv');
  for (const seed of [7, 11]) expect(await scenarioText(shuffledRows(csv, seed), `shuffled-${seed}.csv`), `seed ${seed}`).toBe(inOrder);
});

test("fidelity: both steps' waits and the cycle time in one log's interval, the leading delays spoken for", async () => {
  const { csv } = midBlockLog(CASES);
  const path = join(dir, 'fidelity.csv');
  writeFileSync(path, csv);
  const log = await readEventLog(path);
  const scenario = loadScenarioText(writeScenarioYaml(discover(log, { minShare: 0.05 }), path), 'mid-block.yaml').set!.baseline;
  const f = await fidelity(scenario, 'mid-block', log, { replications: 10, seed: 1, slaHours: null });
  // a delay step leading to a fork of a step the log has is that step's wait, not a task the log lacks
  expect(f.warnings).toEqual([]);
  for (const name of ['A', 'B']) {
    const step = f.steps.find((s) => s.activity === name)!;
    const [lo, hi] = step.simulation.waiting.one_log95!;
    expect(step.log.waiting, `${name}: log ${step.log.waiting} h in one-log [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
    expect(step.log.waiting, `${name}: log ${step.log.waiting} h in one-log [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
  }
  for (const key of ['mean', 'p90'] as const) {
    const [lo, hi] = f.cycle_time.simulation[key].one_log95!;
    const at = f.cycle_time.log[key];
    expect(at, `cycle ${key}: log ${at} h in one-log [${lo}, ${hi}]`).toBeGreaterThanOrEqual(lo);
    expect(at, `cycle ${key}: log ${at} h in one-log [${lo}, ${hi}]`).toBeLessThanOrEqual(hi);
  }
});
