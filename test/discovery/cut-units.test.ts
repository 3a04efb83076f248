// A task a cancellation cut held its unit until the abort. A two-person desk under a deadline
// (cancel_after 4h, work of mean 3 h): about one task in five is cut in service, each written as
// an `ate_abort` (XES), no entry of the log. Left out of the desk's busy units, each read as a
// unit free, and the cases queued behind it as waiting for something else: a delay step before
// the desk's step for 22% of its cases (Weibull, scale 1.45 h), which the simulation then added
// to the queue the desk makes itself (throughput 7.70 a day against the scenario's 8.01; review s36e).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { writeEventLogs } from '../../engine/interchange/write-event-logs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-cut-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DESK = `name: Cut desk
time_unit: hours
run: { horizon: 8w, warmup: 0h, replications: 1, seed: 1 }
resources:
  desk: { capacity: 2 }
arrivals:
  - { flow: f, rate: 0.5/h }
flows:
  f:
    cancel_after: 4h
    start: w
    nodes:
      w: { resource: desk, duration: { exponential: { mean: 3h } } }
`;

test('tasks a deadline cut held their unit until the abort: no delay step for the queue behind them', async () => {
  const scenario = loadScenarioText(DESK, 'desk.yaml').set!.baseline;
  mkdirSync(join(dir, 'events'), { recursive: true });
  const [file] = await writeEventLogs({
    variants: [{ name: 'baseline', scenario }],
    formats: ['xes'],
    replications: 1,
    seed: 1,
    target: (relative) => join(dir, relative),
  });
  const log = await readEventLog(join(dir, file));
  expect(log.cutByAbort.length).toBeGreaterThan(50); // the case this is about: many tasks cut in service
  const found = discover(log, { minShare: 0.05 });
  expect(found.activities.map((a) => [a.name, a.delay])).toEqual([['w', null]]);
});
