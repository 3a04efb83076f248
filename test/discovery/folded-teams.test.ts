// A team whose every activity discover leaves out (only paths rarer than --min-share led to it)
// serves no written task: discover leaves it out, with its hours, and names it in a comment
// (written, every validate and run of the discovered scenario warned that it served no case);
// fidelity's warning of the log's activities that are no task says discover left them out.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { scenarioWarnings } from '../../engine/scenario/warnings.js';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const dir = scratchFolders('etomsim-folded-teams-')();

/** 60 cases intake (desk) -> work (back office), two of them escalated (escalation) between: 2 of 60 passes, below 5%. */
function writeLog(): string {
  const rows = ['case_id,activity,role,start_time,end_time'];
  const at = (ms: number) => new Date(ms).toISOString();
  for (let c = 0; c < 60; c++) {
    let t = Date.UTC(2024, 0, 8, 9) + c * 3 * 3_600_000 + (c % 7) * 600_000;
    const step = (activity: string, role: string, hours: number) => {
      rows.push(`c${c},${activity},${role},${at(t)},${at(t + hours * 3_600_000)}`);
      t += hours * 3_600_000;
    };
    step('intake', 'desk', 0.5 + (c % 5) * 0.1);
    if (c === 10 || c === 40) step('Escalate', 'escalation', 1);
    step('work', 'back office', 1 + (c % 4) * 0.25);
  }
  const path = join(dir, 'escalated.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

test('a team no written task names is left out with its calendar, and a comment names it', async () => {
  const log = writeLog();
  const yaml = writeScenarioYaml(discover(await readEventLog(log), { minShare: 0.05 }), log);
  expect(yaml).toContain('# step left out: only rare paths led to "Escalate"');
  const loaded = loadScenarioText(yaml, 'escalated.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const baseline = loaded.set!.baseline;
  expect(baseline.resources.map((r) => r.name).sort()).toEqual(['back_office', 'desk']);
  expect(baseline.calendars.map((c) => c.name).some((n) => n.startsWith('escalation'))).toBe(false);
  // the validator has nothing to say of unused teams or calendars (it warned of 'escalation' before)
  expect(
    scenarioWarnings(loaded)
      .map((d) => d.message)
      .filter((m) => /used by no/.test(m)),
  ).toEqual([]);
  expect(yaml).toMatch(/^ {2}# left out, with their hours: roles no written task names .*: "escalation" \(2 instances\)$/m);
});

test("fidelity's warning of activities that are no task says discover left them out", () => {
  const log = writeLog();
  const scenario = join(dir, 'escalated.yaml');
  expect(etomsim('discover', log, '--out', scenario, '-q').status).toBe(0);
  const r = etomsim('fidelity', scenario, log, '--out', join(dir, 'fid'), '-r', '2');
  expect(r.status).toBe(0);
  expect(r.stderr).toBe(
    "warning: 1 of the log's 3 activities is no task of the scenario: discover left it out, as only paths rarer than its --min-share led to it (the scenario's comments 'step left out' name it), so the simulated log has none of it and its paths and steps cannot match the log's: 'Escalate'\n",
  );
  expect(readFileSync(scenario, 'utf8')).toContain('left out, with their hours');
});
