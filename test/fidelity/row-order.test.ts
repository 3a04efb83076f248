// Fidelity of one scenario against the same log with its rows in another order is the same
// report: the log's names are numbered by first-seen end, as discover numbers them
// (first-seen.ts), so its steps, paths of equal shares and warnings come in one order, and its
// sums over cases agree to the last bit. Before, the shuffled LoanApp log listed its steps in
// another order and its WIP per day differed in the last bit; the command listed the log's
// unmatched activities in the file's order.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { etomsim } from '../support/cli.js';
import { shuffledRows } from '../support/generated-logs.js';
import { scratchFolders } from '../support/scratch.js';

const LOAN = join(import.meta.dirname, '../../../shared/data/event-logs/loan-application.csv.gz');
const dir = scratchFolders('etomsim-fidelity-row-order-')();

test("the LoanApp log with its rows shuffled gives the same fidelity report, but for the log's file", async () => {
  const text = gunzipSync(readFileSync(LOAN)).toString('utf8');
  const path = join(dir, 'loan.csv');
  writeFileSync(path, text);
  const scenario = loadScenarioText(writeScenarioYaml(discover(await readEventLog(path), { minShare: 0.05 }), 'log.csv'), 'loan.yaml').set!
    .baseline;
  const report = async (file: string) => {
    const f = await fidelity(scenario, 'loan', await readEventLog(file), { replications: 2, seed: 1, slaHours: null });
    return JSON.stringify({ ...f, log: { ...f.log, file: null } });
  };
  const inOrder = await report(path);
  const other = join(dir, 'loan-7.csv');
  writeFileSync(other, shuffledRows(text, 7));
  expect(await report(other)).toBe(inOrder);
});

// The command lists the log's activities no task matches in the same order: by first-seen end,
// 'Fax it' (ending at 11:30) before 'Post it' (at 12:00), whether the file lists 'Post it' first or last.
test("the command's warnings list the log's activities by first-seen end, whatever the rows' order", () => {
  const scenario = join(dir, 'two-steps.yaml');
  writeFileSync(
    scenario,
    `name: Two steps
run: { horizon: 30d, replications: 2 }
resources: {}
arrivals: [ { flow: f, interarrival: 24h } ]
flows: { f: { start: intake, nodes: { intake: { duration: 2h } } } }
`,
  );
  const rows: string[] = [];
  for (let d = 8; d <= 12; d++)
    rows.push(
      `c${d},Post it,2024-01-${d}T11:30:00Z,2024-01-${d}T12:00:00Z`,
      `c${d},Fax it,2024-01-${d}T11:00:00Z,2024-01-${d}T11:30:00Z`,
      `c${d},intake,2024-01-${d}T09:00:00Z,2024-01-${d}T11:00:00Z`,
    );
  for (const [name, list] of [
    ['post-first', rows],
    ['post-last', [...rows].reverse()],
  ] as const) {
    const log = join(dir, `${name}.csv`);
    writeFileSync(log, `${['case_id,activity,start_time,end_time', ...list].join('\n')}\n`);
    const out = join(dir, name);
    const r = etomsim('fidelity', scenario, log, '--out', out, '-r', '2', '-q');
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'fidelity.json'), 'utf8')).log.activities_unmatched, name).toEqual(['Fax it', 'Post it']);
  }
});
