// A team on weeknights only (Monday to Friday, 22:00-06:00): its hours run through midnight on
// some days of the week, not all. Discovery read the hours of the day and the days of the week
// apart: Monday to Saturday (the last night ends on Saturday morning), each 00:00-06:00 and
// 22:00-24:00, which opened Monday 00:00-06:00 and Saturday 22:00-24:00 when nobody works. A
// weekend's tickets were then served from Monday 00:00, 22 h early, and the waits the log shows
// over those invented hours came back as a delay step (review s36e).
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { simulatedCsv } from '../support/simulated-log.js';
import { scratchFolders } from '../support/scratch.js';
import { replicate } from '../support/simulate.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const folder = scratchFolders('etomsim-night-shifts-');

const WEEKNIGHTS = `name: Weeknights
run: { horizon: 42d, replications: 1 }
calendars:
  weeknights: { days: [mon, tue, wed, thu, fri], hours: ["22:00-06:00"] }
resources:
  night_desk: { capacity: 2, calendar: weeknights }
arrivals: [ { flow: ticket, rate: 1/h } ]
flows:
  ticket:
    start: fix
    nodes:
      fix: { resource: night_desk, duration: { exponential: { mean: 15m } } }
`;

test("a weeknight team's hours come back as its nights, Monday to Friday 22:00-06:00, and its cases wait as long", async () => {
  const original = loadScenarioText(WEEKNIGHTS, 'weeknights.yaml').set!.baseline;
  const path = join(folder(), 'weeknights.csv');
  writeFileSync(path, simulatedCsv(original, 0, 3));
  const found = discover(await readEventLog(path), { minShare: 0.05 });
  const desk = found.teams.teams.find((t) => t.name === 'night_desk')!;
  expect(desk.calendar).toEqual({ days: [0, 1, 2, 3, 4], hours: [[22, 30]] });
  // no waiting left for a delay step to explain (before: 25% of the fixes, a Weibull of scale 34 h)
  expect(found.activities.map((a) => a.delay)).toEqual([null]);
  const loaded = loadScenarioText(writeScenarioYaml(found, path), 'weeknights-discovered.yaml');
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const discovered = { ...loaded.set!.baseline, run: original.run };
  const want = replicate(original, 6, 7);
  const got = replicate(discovered, 6, 7);
  for (const stat of ['mean', 'p90']) {
    const a = want.mean(`flows.ticket.cycle_time.${stat}`);
    const b = got.mean(`flows.process.cycle_time.${stat}`);
    expect(Math.abs(b / a - 1), `cycle time ${stat}: original ${a.toFixed(2)} h, discovered ${b.toFixed(2)} h`).toBeLessThan(0.1);
  }
});
