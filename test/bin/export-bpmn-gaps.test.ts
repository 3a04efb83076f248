// export-bpmn of what BPSim cannot say: an automated task's calendar is written as etomsim's own
// attribute, and the command warns at the task's place in the file (exit 0, the file written).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-export-bpmn-gaps-');

const SCENARIO = `name: Office delay
run: { horizon: 100h, replications: 1 }
calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "09:00-17:00" } }
resources: { desk: { capacity: 2 } }
arrivals: [ { flow: f, rate: 1/h } ]
flows:
  f:
    start: wait
    nodes:
      wait: { calendar: office, duration: 10h, next: a }
      a: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

test("an automated task's calendar: written as etomsim:calendar, with a warning at its place; none with -q", () => {
  const dir = tmp();
  const file = join(dir, 'office.yaml');
  writeFileSync(file, SCENARIO);
  const out = join(dir, 'office.bpmn');
  const r = etomsim('export-bpmn', file, '--out', out);
  expect(r.status).toBe(0);
  expect(r.stderr).toBe(
    `${file}:10:15: warning: BPSim has no place for an automated task's hours: 'wait' is written with its calendar 'office' as etomsim:calendar, which import-bpmn reads back; a tool that reads BPSim alone runs it at every hour (at flows.f.nodes.wait.calendar)\n`,
  );
  expect(readFileSync(out, 'utf8')).toContain('etomsim:calendar="office"');
  const quiet = etomsim('export-bpmn', file, '--out', join(dir, 'quiet.bpmn'), '-q');
  expect(quiet.status).toBe(0);
  expect(quiet.stderr).toBe('');
});

test("an automated task's until: case_age: written as etomsim:until, with a warning at its place", () => {
  const dir = tmp();
  const file = join(dir, 'timer.yaml');
  // the desk keeps the office's hours, so that the calendar the timer no longer names is still used (an unused one is a validate warning)
  const timer = SCENARIO.replace('wait: { calendar: office, duration: 10h', 'wait: { until: case_age, duration: 10h').replace(
    'desk: { capacity: 2 }',
    'desk: { capacity: 4, calendar: office }',
  );
  writeFileSync(file, timer);
  const out = join(dir, 'timer.bpmn');
  const r = etomsim('export-bpmn', file, '--out', out);
  expect(r.status).toBe(0);
  expect(r.stderr).toBe(
    `${file}:10:15: warning: BPSim has no place for a timer on the case's age: 'wait' is written with etomsim:until="case_age" (and a note in its documentation), which import-bpmn reads back; a tool that reads BPSim alone runs its duration from the task's start, so the case waits that long again however old it is (at flows.f.nodes.wait.until)\n`,
  );
  expect(readFileSync(out, 'utf8')).toContain('etomsim:until="case_age"');
});
