// A team whose every activity discover leaves out (only paths rarer than --min-share led to it)
// serves no written task: discover leaves it out, with its hours, and names it in a comment
// (written, every validate and run of the discovered scenario warned that it served no case).
// The activities it leaves out are data, the flow's `discovery: left_out` (etomsim addition),
// which fidelity reads to say the log's activities that are no task are discover's fold: edit
// the file's comments away and the warning stays; remove the field and it says only "no task".
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
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

/**
 * 60 cases intake (desk) -> work (back office), two of them escalated (escalation) between and two
 * others with a call back (desk) and a write-up (back office) in parallel there: each 2 of 60
 * passes, below 5%, so discover leaves out the step and the parallel block.
 */
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
    if (c === 20 || c === 50) {
      rows.push(`c${c},Call back,desk,${at(t)},${at(t + 3_600_000)}`, `c${c},Write up,back office,${at(t + 600_000)},${at(t + 4_320_000)}`);
      t += 4_320_000;
    }
    step('work', 'back office', 1 + (c % 4) * 0.25);
  }
  const path = join(dir, 'escalated.csv');
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

test('a team no written task names is left out with its calendar, and a comment names it', async () => {
  const log = writeLog();
  const yaml = writeScenarioYaml(discover(await readEventLog(log), { minShare: 0.05 }), log);
  const loaded = loadScenarioText(yaml, 'escalated.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const baseline = loaded.set!.baseline;
  // the left-out step, and both activities of the left-out parallel block, as data
  expect(baseline.flows.map((f) => f.leftOut)).toEqual([
    [
      { activity: 'Escalate', why: 'rare_paths' },
      { activity: 'Call back', why: 'rare_paths' },
      { activity: 'Write up', why: 'rare_paths' },
    ],
  ]);
  // and as the published schema has it
  const schema = new Ajv({ allErrors: true }).compile(
    JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/scenario.schema.json', import.meta.url)), 'utf8')),
  );
  expect([schema(parse(yaml)), schema.errors ?? []]).toEqual([true, []]);
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

test("fidelity's warning of activities that are no task reads what discover left out from the scenario's data, not its comments", () => {
  const log = writeLog();
  const scenario = join(dir, 'escalated.yaml');
  expect(etomsim('discover', log, '--out', scenario, '-q').status).toBe(0);
  const warned = (file: string, out: string) => {
    const r = etomsim('fidelity', file, log, '--out', join(dir, out), '-r', '2');
    expect(r.status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, out, 'fidelity.json'), 'utf8'));
    expect(r.stderr).toBe(`warning: ${json.warnings[0].message}\n`);
    return json.warnings[0].message;
  };
  const foldWarning =
    "3 of the log's 5 activities are no task of the scenario: discover left them out, as only paths rarer than its --min-share led to them (the scenario's flows list them under discovery: left_out), so the simulated log has none of them and its paths and steps cannot match the log's: 'Escalate', 'Call back', 'Write up'";
  expect(warned(scenario, 'fid')).toBe(foldWarning);
  // every comment of the file edited away: the same warning
  const text = readFileSync(scenario, 'utf8');
  expect(text).toContain('left out, with their hours');
  const uncommented = join(dir, 'uncommented.yaml');
  writeFileSync(
    uncommented,
    text
      .split('\n')
      .filter((l) => !/^\s*#/.test(l))
      .map((l) => l.replace(/ # .*$/, ''))
      .join('\n'),
  );
  expect(readFileSync(uncommented, 'utf8')).not.toMatch(/#|rare path|left out/);
  expect(warned(uncommented, 'fid-uncommented')).toBe(foldWarning);
  // the field removed, the comments kept (a scenario discovered before the field): only "no task"
  const withoutField = join(dir, 'without-field.yaml');
  const removed = text.replace(/^ {4}discovery:\n(?: {6}.*\n)+/m, '');
  expect(removed).not.toBe(text);
  writeFileSync(withoutField, removed);
  expect(warned(withoutField, 'fid-without-field')).toBe(
    "3 of the log's 5 activities are no task of the scenario, so the simulated log has none of them and its paths and steps cannot match the log's: 'Escalate', 'Call back', 'Write up'",
  );
  // one entry removed: discover's fold is said of the other two
  writeFileSync(withoutField, text.replace(/^ {8}- \{ activity: "Escalate", why: rare_paths \}\n/m, ''));
  expect(warned(withoutField, 'fid-partly')).toMatch(
    /^3 of the log's 5 activities are no task of the scenario: discover left 2 of them out, as only paths rarer than its --min-share led to them \(the scenario's flows list them under discovery: left_out\), /,
  );
});
