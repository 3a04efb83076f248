// A parallel block whose branch starts with a block of its own (A || ((N1 || N2) -> M)), opening
// the case or entered after a step (test/support/generated-logs.ts' nestedHeadLog: A, N1 or N2
// starts first and the others wait from its start). Before session 44 the inner block's steps
// kept one delay each, pooled over every pass: N1 waited 8 h in the fork of the cases it had
// opened itself, and A's wait was measured only where A's branch did not open (1,000 cases:
// cycle time mean 8.99 h against the log's 6.36 h, KS 0.19; entered after a step, 12.01 h
// against 8.70 h, KS 0.29). Now the inner block's branches are lanes of the outer one
// (extraneous-delays.ts' lanesOf): each of A, N1 and N2 may open (or lead), in its fork it starts
// at once, and the others wait as measured in the passes it opened, through a copy of the inner
// block's fork per lane.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { reached } from '../support/discovered.js';
import type { FlowSpec } from '../../engine/scenario/types.js';
import { deepNestedLog, nestedHeadLog } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';
import { meanOf, replicate, standardErrorOf } from '../support/simulate.js';

const dir = scratchFolders('etomsim-nested-lanes-')();

const CASES = 400;

async function discovered(mid: boolean) {
  const { csv, waits, leader, cycles } = nestedHeadLog(CASES, mid);
  const path = join(dir, `nested-${mid}.csv`);
  writeFileSync(path, csv);
  const yaml = writeScenarioYaml(discover(await readEventLog(path), { minShare: 0.05 }), path);
  const loaded = loadScenarioText(yaml, 'nested.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { yaml, scenario: loaded.set!.baseline, flow: loaded.set!.baseline.flows[0], waits, leader, cycles };
}

const parallelOf = (flow: FlowSpec, name: string) => {
  const n = flow.nodes.find((x) => x.name === name);
  return n?.kind === 'fork' ? n.parallel : undefined;
};

/** A fork's branches as a set: their order is the block's, which follows the log (N2 || N1 on exact draws at seed 47), and means nothing. */
const branchesOf = (flow: FlowSpec, name: string) => [...(parallelOf(flow, name) ?? [])].sort();

for (const mid of [false, true]) {
  const verb = mid ? 'leads' : 'opens';
  test(`a block nested at a branch's head (${mid ? 'entered after a step' : 'opening the case'}): its branches open or lead as the outer block's, each fork starting its own at once`, async () => {
    const { yaml, flow, waits, leader } = await discovered(mid);
    // a decision among the three leaders, in the generator's counts
    const decision = flow.nodes.find((n) => n.name === (mid ? 'lead_of_parallel_1' : 'opening_of_parallel_1'));
    expect(decision?.kind).toBe('decision');
    const shares = decision?.kind === 'decision' ? decision.branch.map((b) => b.p) : [];
    const count = (who: string) => leader.filter((l) => l === who).length / CASES;
    expect(shares).toEqual([count('A'), count('N1'), count('N2')]);
    // each leader's fork starts it at once: A, or the inner block's copy that starts N1 or N2
    const [a, nested] = parallelOf(flow, `parallel_1_when_a_${verb}`) ?? [];
    expect(a).toBe('a');
    // where A led, the inner block is led by N1 in every pass (N2 follows N1): its delay from A's
    // start, then N1 at once and N2's delay from N1's start (drawn apart, both waited 8 h, KS 0.12-0.14)
    expect([...reached(flow, nested)]).toEqual([`parallel_2_when_a_${verb}`]);
    expect(branchesOf(flow, `parallel_2_when_a_${verb}`)).toEqual(['n1', `wait_before_n2_when_n1_leads_in_parallel_1_when_a_${verb}`]);
    expect(branchesOf(flow, `parallel_2_when_n1_${verb}`)).toEqual(['n1', `wait_before_n2_when_n1_${verb}`]);
    expect(branchesOf(flow, `parallel_2_when_n2_${verb}`)).toEqual(['n2', `wait_before_n1_when_n2_${verb}`]);
    // the inner block's own fork is not written: only its copies enter it
    expect(parallelOf(flow, 'parallel_2')).toBeUndefined();
    // A's delay where N1 led is its wait from N1's start in those passes: the exponential's (or the
    // gamma's) maximum likelihood mean is the mean of the generator's waits above the 1-minute floor (within 1%)
    const led = waits.A.filter((w, c) => leader[c] === 'N1' && w > 1 / 60);
    const fitted = new RegExp(
      `^ +wait_before_a_when_n1_${verb}:\\n(?: +[#d].*\\n)* +duration: \\{ (?:exponential|gamma): \\{ mean: ([\\d.]+)[ ,]`,
      'm',
    ).exec(yaml);
    expect(fitted).not.toBeNull();
    expect(Math.abs(Number(fitted![1]) - meanOf(led)) / meanOf(led)).toBeLessThan(0.01);
  });

  test(`the same (${mid ? 'entered after a step' : 'opening the case'}): the simulated mean cycle time meets the log's`, async () => {
    const { scenario, cycles } = await discovered(mid);
    // within the 99.9% interval of the two means' difference
    const sims = replicate(scenario, 5, 3).values('flows.process.cycle_time.mean');
    expect(Math.abs(meanOf(sims) - meanOf(cycles)), `log ${meanOf(cycles)} h, simulated ${meanOf(sims)} h`).toBeLessThan(
      3.29 * Math.hypot(standardErrorOf(cycles), standardErrorOf(sims)),
    );
  });
}

// Two deep (A || ((B || ((C || D) -> E)) -> F)): where A opened and B led the middle block, C and D
// were read as its lanes, each drawn from B's start, both waiting hours apart where D follows C
// within minutes (1,000 cases: cycle time mean 9.93 h against the log's 8.75 h, KS 0.08). Now the
// innermost block is read in its turn, led by C from B's start (Opening.inner at every depth).
test('blocks nested two deep: the innermost is led by its own first step in each copy, and the simulated mean cycle time meets the log', async () => {
  const { csv, cycles } = deepNestedLog(1000);
  const path = join(dir, 'deep.csv');
  writeFileSync(path, csv);
  const yaml = writeScenarioYaml(discover(await readEventLog(path), { minShare: 0.05 }), path);
  const loaded = loadScenarioText(yaml, 'deep.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const flow = loaded.set!.baseline.flows[0];
  // where A opened and B led the middle block, the innermost is entered through C's delay from B's start, then C at once, D from C's start
  const middle = parallelOf(flow, 'parallel_2_when_a_opens_when_b_leads') ?? [];
  expect(middle).toContain('b');
  const inner = middle.filter((x) => x !== 'b');
  expect(inner).toHaveLength(1);
  expect([...reached(flow, inner[0])]).toEqual(['parallel_3_when_b_leads']);
  expect(branchesOf(flow, 'parallel_3_when_b_leads')).toEqual(['c', expect.stringMatching(/^wait_before_d_when_c_leads_in_/)]);
  const sims = replicate(loaded.set!.baseline, 5, 3).values('flows.process.cycle_time.mean');
  expect(Math.abs(meanOf(sims) - meanOf(cycles)), `log ${meanOf(cycles)} h, simulated ${meanOf(sims)} h`).toBeLessThan(
    3.29 * Math.hypot(standardErrorOf(cycles), standardErrorOf(sims)),
  );
});
