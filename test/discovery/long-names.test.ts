// Names discover builds of task names (a delay step per opening branch,
// `wait_before_<task>_when_<opener>_opens`) ran past the 60 characters a task's own name is cut
// to: 130 in PM4Py's interleavings_receipt_odd. They are cut to 60 now: the fixed words whole,
// each task name cut to its share, then 6 hex digits of a hash of the uncut name, so the same
// log gives the same names and two steps whose names share a long head still differ.
// The log: test/support/generated-logs.ts' openingBlockLog, its steps renamed.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { openingBlockLog, shuffledRows } from '../support/generated-logs.js';
import { replicate } from '../support/simulate.js';
import { discoveredYaml } from '../support/discovered.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-long-names-')();

// 70 characters each, the first 66 alike: their slugs, cut to 60, are one text
const HEAD = 'Determine whether the request needs a stop advice before sending it ';
const A = `${HEAD}(A)`;
const B = `${HEAD}(B)`;

const scenarioText = discoveredYaml(dir, 'long-names.csv');

const renamed = (csv: string) => csv.replace(/,A,/g, `,"${A}",`).replace(/,B,/g, `,"${B}",`);

test('names built of long task names are at most 60 characters, unique, and the scenario runs', async () => {
  const { csv } = openingBlockLog(200);
  const yaml = await scenarioText(renamed(csv), 'long.csv');
  const loaded = loadScenarioText(yaml, 'long.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const names = loaded.set!.baseline.flows.flatMap((f) => f.nodes.map((n) => n.name));
  expect(names.filter((n) => n.length > 60)).toEqual([]);
  expect(new Set(names).size).toBe(names.length);
  // both steps are tasks of their own, each its activity
  const tasks = loaded.set!.baseline.flows[0].nodes.filter((n) => n.kind === 'task' && n.resource !== null);
  expect(tasks.map((t) => (t.kind === 'task' ? t.activity : undefined)).sort()).toEqual([A, B]);
  // a delay step per opening branch keeps its words: wait_before_<A's head>_when_<B's head>_opens_<hash>
  const waits = names.filter((n) => /^wait_before_determine_\w+_when_determine_\w+_opens_[0-9a-f]{6}$/.test(n));
  expect(waits.length).toBe(2);
  expect(replicate(loaded.set!.baseline, 1, 1).values('flows.process.cycle_time.mean')[0]).toBeGreaterThan(0);
});

test('the same log with its rows shuffled gives the same names, byte for byte', async () => {
  const { csv } = openingBlockLog(200);
  const inOrder = await scenarioText(renamed(csv), 'in-order.csv');
  expect(await scenarioText(shuffledRows(renamed(csv), 5), 'shuffled.csv')).toBe(inOrder);
});
