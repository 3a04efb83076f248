// A parallel block entered after a step that also opens a few cases (test/support/generated-logs.ts'
// midBlockLog opening every 25th case: 4% of them, below the 5% a path from the start is folded
// at). A and B, heading its lanes, each opened some of those cases, so their waits were measured
// from the arrival (DelayFacts.atArrival), and discover wrote each one's decision and delay step
// before it, which only the folded start -> block led to: until session 62 `discover` exited 1,
// "internal error: the discovered scenario does not validate: node 'a_delayed' is never reached"
// (as it did on 3 of 112 generated sparse logs of 20-300 activities, the smallest of 50). A wait
// at the arrival is now written only where the flow's start, as kept, enters its step; the
// block's forks keep theirs.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { formatDiagnostic } from '../../engine/scenario/diagnostics.js';
import { midBlockLog } from '../support/generated-logs.js';
import { discoveredYaml } from '../support/discovered.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-rare-opening-')();

const CASES = 50;

test('a block entered after a step and opening a few cases: its start folded, no wait written that only the fold led to', async () => {
  const yaml = await discoveredYaml(dir, 'rare-opening.csv')(midBlockLog(CASES, 25).csv, 'rare-opening.csv');
  const loaded = loadScenarioText(yaml, 'rare-opening.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  // the two cases the block opened (the 13th by A, the 38th by B) are a path from the start folded as rare
  expect(yaml).toContain('# rare path folded (below 5% of the times its step is left): start -> parallel_1 (2 of 50)');
  expect(yaml).toMatch(/^ {4}start: x$/m);
  // the block is written by its leading branch, each fork's waits as measured in the passes it led
  expect(yaml).toMatch(/^ +parallel_1_when_a_leads:\n(?: +#.*\n)* +parallel: \[a, (?:b_delayed|wait_before_b)_when_a_leads\]$/m);
  expect(yaml).toMatch(/^ +parallel_1_when_b_leads:\n(?: +#.*\n)* +parallel: \[(?:a_delayed|wait_before_a)_when_b_leads, b\]$/m);
  // and no decision or delay step of A's or B's own, which nothing but the folded start would reach
  expect(yaml).not.toMatch(/^ +(?:wait_before_[ab]|[ab]_delayed):$/m);
});
