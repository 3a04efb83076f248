// The same log with its rows in another order discovers the same scenario: the names a reader
// numbers as its rows bring them are numbered by first-seen end, then name (first-seen.ts), and
// a step's delays are sampled and halved in time (extraneous-delays.ts). Before session 41 the
// LoanApp log shuffled listed its concurrent pairs, its teams and their calendars and the
// parallel block's branches in another order, and its delay clocks' held-out likelihoods
// differed (-62.5 against -62.8 for one). A branch's exits of equal counts are ordered by the
// earliest case to take each (by arrival, then case name): the file's order does not decide.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { numberedByFirstSeen } from '../../engine/discovery/first-seen.js';
import type { EventLog } from '../../engine/interchange/event-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { shuffledRows } from '../support/generated-logs.js';
import { discoveredYaml } from '../support/discovered.js';
import { scratchFolders } from '../support/scratch.js';

const LOAN = join(import.meta.dirname, '../../../shared/data/event-logs/loan-application.csv.gz');
const dir = scratchFolders('etomsim-row-order-')();

/** The scenario discovered from the CSV `text`, named as one source whatever its file. */
const scenarioOf = discoveredYaml(dir, 'log.csv');

test('the LoanApp log with its rows shuffled discovers the same scenario, byte for byte', async () => {
  const text = gunzipSync(readFileSync(LOAN)).toString('utf8');
  const inOrder = await scenarioOf(text, 'loan.csv');
  for (const seed of [7, 11]) expect(await scenarioOf(shuffledRows(text, seed), `loan-${seed}.csv`), `seed ${seed}`).toBe(inOrder);
});

// Cases 1-4 go from A to B or C, two each, and B and C end in parallel steps P and Q. Case 1
// (the earliest) takes C: C is the first exit of A at equal counts, whichever rows come first;
// the parallel block lists P before Q, P ending first (the reversed rows bring Q first: before
// session 41 its branches came in that order there). The rows are listed in both orders.
test("a step's exits of equal counts are ordered by the earliest case to take each; a block's branches by first-seen end", async () => {
  const at = (h: number) => new Date(Date.UTC(2024, 0, 8, 9) + h * 3_600_000).toISOString();
  const rows = [
    [1, 'A', 0, 1],
    [1, 'C', 1, 2],
    [1, 'P', 2, 3],
    [1, 'Q', 2, 3.5],
    [2, 'A', 1, 2],
    [2, 'B', 2, 3],
    [2, 'Q', 3, 4],
    [2, 'P', 3, 4.5],
    [3, 'A', 2, 3],
    [3, 'B', 3, 4],
    [3, 'P', 4, 5],
    [3, 'Q', 4, 5.5],
    [4, 'A', 3, 4],
    [4, 'C', 4, 5],
    [4, 'P', 5, 6.5],
    [4, 'Q', 5, 6],
  ].map(([c, a, s, e]) => `case ${c},${a},${at(s as number)},${at(e as number)}`);
  const header = 'case_id,activity,start_time,end_time';
  const forward = await scenarioOf(`${[header, ...rows].join('\n')}\n`, 'ties.csv');
  const backward = await scenarioOf(`${[header, ...rows.reverse()].join('\n')}\n`, 'ties-reversed.csv');
  expect(backward).toBe(forward);
  const nodes = loadScenarioText(forward, 'ties.yaml').set!.baseline.flows[0].nodes;
  const decision = nodes.find((n) => n.kind === 'decision');
  expect(decision).toMatchObject({
    branch: [
      { to: 'c', p: 0.5 },
      { to: 'b', p: 0.5 },
    ],
  });
  expect(nodes.find((n) => n.kind === 'fork')).toMatchObject({ parallel: ['p', 'q'] });
});

// Names by their first entry's end, ties by name, a name no entry carries last (by name); the
// entries keep their order, each pointing at its own name still.
test('names are numbered by first-seen end, then name, unused ones last; entries keep their names', () => {
  const activities = ['late', 'zeta', 'unused b', 'alpha', 'unused a'];
  const activityOf = Int32Array.from([0, 1, 3, 1, 0]);
  const end = Float64Array.from([50, 10, 10, 5, 20]);
  const none = new Int32Array(5).fill(-1);
  const log = {
    size: 5,
    cases: ['c'],
    caseOf: new Int32Array(5),
    activities,
    activityOf,
    resources: [],
    resourceOf: none,
    roles: [],
    roleOf: none,
    flows: [],
    flowOf: none,
    end,
  } as unknown as EventLog;
  const out = numberedByFirstSeen(log);
  // zeta first ends at 5, alpha at 10, late at 20
  expect(out.activities).toEqual(['zeta', 'alpha', 'late', 'unused a', 'unused b']);
  expect(Array.from(out.activityOf, (a) => out.activities[a])).toEqual(Array.from(activityOf, (a) => activities[a]));
  expect(out.cases).toBe(log.cases);
  // already in that order: the log itself
  expect(numberedByFirstSeen(out)).toBe(out);
  // ties at one end by name
  const tied = numberedByFirstSeen({ ...log, end: new Float64Array(5).fill(7) } as EventLog);
  expect(tied.activities).toEqual(['alpha', 'late', 'zeta', 'unused a', 'unused b']);
});
