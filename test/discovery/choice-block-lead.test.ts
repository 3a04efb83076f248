// A parallel block one branch of which starts with a choice and the other may be skipped
// ((A | R) || B?), opening the case or entered after a step (test/support/generated-logs.ts'
// choiceBlockLog: A, R or B starts first and the other branch follows from its start, or is
// skipped). Before session 45 a block entered after a step with such a branch kept one delay per
// step, pooled over the passes it led and those it followed, drawn apart (1,000 cases: cycle time
// mean 10.21 h against the log's 7.52 h, KS 0.23); opening the case, the fork of the cases B
// opened could skip B, and B was done in the forks of A and R as often as over every case. Now
// each step heading a branch leads a fork of its own (extraneous-delays.ts' Opening), in which it
// starts at once (or after its delay from the step before), and the other branch begins, or is
// skipped, as it did in the passes that step led (Opening.follow).
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import type { FlowSpec } from '../../engine/scenario/types.js';
import { choiceBlockLog, shuffledRows } from '../support/generated-logs.js';
import { discoveredYaml, reached } from '../support/discovered.js';
import { scratchFolders } from '../support/scratch.js';
import { meanOf, replicate, standardErrorOf } from '../support/simulate.js';

const dir = scratchFolders('etomsim-choice-block-')();

const CASES = 400;

const scenarioText = discoveredYaml(dir, 'choice-block.csv');

async function discovered(mid: boolean) {
  const generated = choiceBlockLog(CASES, mid);
  const yaml = await scenarioText(generated.csv, `choice-${mid}.csv`);
  const loaded = loadScenarioText(yaml, 'choice.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { ...generated, yaml, scenario: loaded.set!.baseline, flow: loaded.set!.baseline.flows[0] };
}

const nodeOf = (flow: FlowSpec, name: string) => flow.nodes.find((x) => x.name === name);

for (const mid of [false, true]) {
  const verb = mid ? 'leads' : 'opens';
  const where = mid ? 'entered after a step' : 'opening the case';
  test(`a branch that starts with a choice or may be skipped (${where}): a fork per step that starts first, the other branch begun as in its passes`, async () => {
    const { flow, leader, firstStep, withB } = await discovered(mid);
    // a decision among the three steps that start first, each to its own fork, in the generator's counts
    const decision = nodeOf(flow, mid ? 'lead_of_parallel_1' : 'opening_of_parallel_1');
    expect(decision?.kind).toBe('decision');
    const shares = new Map(
      decision?.kind === 'decision' ? decision.branch.map((b) => [[...reached(flow, b.to)].join(), b.p] as const) : [],
    );
    const count = (who: string) => leader.filter((l) => l === who).length;
    expect(shares).toEqual(new Map(['a', 'b', 'r'].map((x) => [`parallel_1_when_${x}_${verb}`, count(x.toUpperCase()) / CASES])));
    for (const x of ['a', 'r', 'b']) {
      const fork = nodeOf(flow, `parallel_1_when_${x}_${verb}`);
      expect(fork?.kind).toBe('fork');
      const branches = fork?.kind === 'fork' ? fork.parallel : [];
      // the step that starts first is started by its fork itself: its branch is neither chosen again nor skipped
      expect(branches).toContain(x);
      expect(branches).toHaveLength(2);
      const other = branches.find((b) => b !== x)!;
      const begun = nodeOf(flow, other);
      expect(begun?.kind).toBe('decision');
      if (begun?.kind !== 'decision') continue;
      // the other branch begins as it did in the passes this step led: B, or the end of the
      // block (skipped), after A or R; A or R after B (each share exact to 6 decimals)
      const led = leader.flatMap((l, c) => (l === x.toUpperCase() ? [c] : []));
      const pOf = (target: string) => begun.branch.filter((b) => reached(flow, b.to).has(target)).reduce((s, b) => s + b.p, 0);
      if (x === 'b') expect(pOf('a')).toBeCloseTo(led.filter((c) => firstStep[c] === 'A').length / led.length, 6);
      else {
        const followed = led.filter((c) => withB[c]).length / led.length;
        expect(pOf('b')).toBeCloseTo(followed, 6);
        expect(pOf('b')).toBeLessThan(0.55); // pooled over every pass B is done in 60%
      }
    }
  });

  test(`the same (${where}): the simulated mean cycle time meets the log's`, async () => {
    const { scenario, cycles } = await discovered(mid);
    // within the 99.9% interval of the two means' difference
    const sims = replicate(scenario, 5, 3).values('flows.process.cycle_time.mean');
    expect(Math.abs(meanOf(sims) - meanOf(cycles)), `log ${meanOf(cycles)} h, simulated ${meanOf(sims)} h`).toBeLessThan(
      3.29 * Math.hypot(standardErrorOf(cycles), standardErrorOf(sims)),
    );
  });
}

test('the same log with its rows shuffled gives the same scenario, byte for byte (its leaders in one order)', async () => {
  const { csv } = choiceBlockLog(CASES, true);
  const inOrder = await scenarioText(csv, 'in-order.csv');
  for (const seed of [3, 19]) expect(await scenarioText(shuffledRows(csv, seed), `shuffled-${seed}.csv`), `seed ${seed}`).toBe(inOrder);
});
