// A parallel block the flow starts with: two steps either of which may open a case. The one that
// starts second waited from the case's arrival. Before session 41 such a step's waits were
// unmeasured (every earlier step of its case runs in parallel with it): the delay was lost (this
// log: 0.17 h simulated against the log's 8 h), or, where a step outside the block came first in a
// few cases, taken from those alone and written for every case (PM4Py's interleavings_receipt_odd:
// 'T02' waiting 6 days in 61% of cases, the cycle time twice the log's). Session 41 measured them
// from the arrival but decided each branch's delay apart, so in 13% of simulated cases both waited
// and in 13% neither, where the log has exactly one step opening each case; now the scenario
// decides which branch opens (its share of the cases) and the other's delay as measured in the
// cases that branch opened (extraneous-delays.ts' Opening).
// The log: test/support/generated-logs.ts' openingBlockLog.
import { expect, test } from 'vitest';
import { distMean } from '../../engine/random/distributions.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { openingBlockLog, shuffledRows, threeBranchOpeningLog } from '../support/generated-logs.js';
import { replicate } from '../support/simulate.js';
import { discoveredYaml } from '../support/discovered.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-opening-block-')();

const CASES = 400;

const scenarioText = discoveredYaml(dir, 'opening-block.csv');

test('a block that opens the case: which branch opens it is decided first, then the other waits as it did in the cases that branch opened', async () => {
  const { csv, cycles, waits, bFirst } = openingBlockLog(CASES);
  const yaml = await scenarioText(csv, 'opening-block.csv');
  const scenario = loadScenarioText(yaml, 'opening-block.yaml').set!.baseline;
  // the flow starts by deciding the opening branch, in the exact shares of the log's cases (the generator's count)
  expect(yaml).toMatch(/^ {4}start: opening_of_parallel_1$/m);
  const bOpens = /\{ to: parallel_1_when_b_opens, p: ([\d.]+) \}/.exec(yaml);
  const aOpens = /\{ to: parallel_1_when_a_opens, p: ([\d.]+) \}/.exec(yaml);
  expect(Number(bOpens?.[1])).toBe(bFirst / CASES);
  expect(Number(aOpens?.[1])).toBe(1 - bFirst / CASES);
  // where A opens, B waits 15 min from the arrival in every case (no decision: it always waits), A not at all
  expect(yaml).toMatch(/^ +parallel: \[wait_before_b_when_a_opens, a\]$/m);
  expect(yaml).toMatch(/^ +wait_before_b_when_a_opens:\n(?: +[#d].*\n)* +duration: 0\.25\n +next: b$/m);
  // where B opens, A waits 10 min + an exponential 48 h: the waits measured are the generator's own
  // in those cases (their count, and their mean to the written 6 figures), and the law fitted to
  // them has their mean within 3.29 standard errors (the family of lowest AIC: at 57 waits on
  // exact draws a Weibull's 545.57 against the exponential's 545.85, whose mean is theirs exactly)
  expect(yaml).toMatch(/^ +parallel: \[b, wait_before_a_when_b_opens\]$/m);
  const aWaits = waits.A.filter((_, c) => waits.B[c] === 0);
  expect(aWaits.length).toBe(bFirst);
  const measured = /^ +# \(mean wait from enabling to start ([\d.]+) h\); (\d+) observations;.*\n +wait_before_a_when_b_opens:$/m.exec(
    yaml,
  );
  expect(measured).not.toBeNull();
  expect(Number(measured![2])).toBe(bFirst);
  const mean = aWaits.reduce((s, x) => s + x, 0) / aWaits.length;
  expect(Math.abs(Number(measured![1]) - mean) / mean).toBeLessThan(1e-5);
  const wait = scenario.flows[0].nodes.find((n) => n.name === 'wait_before_a_when_b_opens');
  if (wait?.kind !== 'task') throw new Error('no delay step before A where B opens');
  const se = Math.sqrt(aWaits.reduce((s, x) => s + (x - mean) ** 2, 0) / (bFirst - 1) / bFirst);
  expect(Math.abs(distMean(wait.duration) - mean)).toBeLessThan(3.29 * se);
  // and the simulated mean cycle time meets the log's: within the 99.9% interval of the two means' difference
  const logMean = cycles.reduce((s, x) => s + x, 0) / CASES;
  const logSe = Math.sqrt(cycles.reduce((s, x) => s + (x - logMean) ** 2, 0) / (CASES - 1) / CASES);
  const sims = replicate(scenario, 5, 3).values('flows.process.cycle_time.mean');
  const simMean = sims.reduce((s, x) => s + x, 0) / sims.length;
  const simSe = Math.sqrt(sims.reduce((s, x) => s + (x - simMean) ** 2, 0) / (sims.length - 1) / sims.length);
  expect(Math.abs(simMean - logMean)).toBeLessThan(3.29 * Math.hypot(logSe, simSe));
});

test('the same log with its rows shuffled gives the same scenario, byte for byte', async () => {
  const { csv } = openingBlockLog(CASES);
  const inOrder = await scenarioText(csv, 'in-order.csv');
  for (const seed of [3, 5]) expect(await scenarioText(shuffledRows(csv, seed), `shuffled-${seed}.csv`), `seed ${seed}`).toBe(inOrder);
});

test('three branches: a fork per opening step in its share of the cases, the other two through their delays, the cycle time as the log', async () => {
  // enough cases that the check tells delays drawn branch by branch apart: they came to 5.5 h against
  // the log's 6.1 h (one-off, session 41's discover), where the 99.9% interval of the difference is +-0.4 h
  const cases = 3000;
  const { csv, cycles, opened } = threeBranchOpeningLog(cases);
  const yaml = await scenarioText(csv, 'three-branches.csv');
  const scenario = loadScenarioText(yaml, 'three-branches.yaml').set!.baseline;
  for (const [step, others] of [
    ['a', ['b', 'c']],
    ['b', ['a', 'c']],
    ['c', ['a', 'b']],
  ] as const) {
    const p = new RegExp(`\\{ to: parallel_1_when_${step}_opens, p: ([\\d.]+) \\}`).exec(yaml);
    expect(Math.abs(Number(p?.[1]) - opened[step.toUpperCase() as 'A' | 'B' | 'C'] / cases), step).toBeLessThan(1e-6);
    const fork = new RegExp(`^ +parallel_1_when_${step}_opens:\\n(?: +#.*\\n)* +parallel: \\[(.*)\\]$`, 'm').exec(yaml);
    expect(fork?.[1].split(', ').sort(), step).toEqual([step, ...others.map((o) => `wait_before_${o}_when_${step}_opens`)].sort());
  }
  const logMean = cycles.reduce((s, x) => s + x, 0) / cases;
  const logSe = Math.sqrt(cycles.reduce((s, x) => s + (x - logMean) ** 2, 0) / (cases - 1) / cases);
  const sims = replicate(scenario, 5, 3).values('flows.process.cycle_time.mean');
  const simMean = sims.reduce((s, x) => s + x, 0) / sims.length;
  const simSe = Math.sqrt(sims.reduce((s, x) => s + (x - simMean) ** 2, 0) / (sims.length - 1) / sims.length);
  expect(Math.abs(simMean - logMean), `log ${logMean} h, simulated ${simMean} h`).toBeLessThan(3.29 * Math.hypot(logSe, simSe));
});
