// A step served by one person who comes in on some days only, from a log of completion times:
// cases queue for her between her days, and the discovered scenario must make them wait as
// long as the log's did. Generated log: clerks register each case at a working hour (Monday to
// Friday 09:00-17:00); Ann checks them, first come first served, 6 to 18 minutes each, on the
// working days she is in (three in ten, at random), from 09:00 until the day's queue is done.
// Only completions are logged, as most systems do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { distMean } from '../../engine/random/distributions.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { replicate } from '../support/simulate.js';
import { seededDraws } from '../support/seeded-draws.js';

const dir = mkdtempSync(join(tmpdir(), 'etomsim-one-person-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2024, 0, 8);

/** A sample's mean and the standard error of it. */
function meanAndSe(xs: readonly number[]): { mean: number; se: number } {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  return { mean, se: Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1) / n) };
}

/** The log, and each case's time from its registration to its check (h): its wait for Ann and her work. */
function annLog(weeks: number) {
  const { random } = seededDraws(17);
  const at = (h: number) => new Date(MONDAY + h * HOUR).toISOString();
  const registered: number[] = [];
  for (let day = 0; day < weeks * 5; day++) {
    const open = Math.floor(day / 5) * 168 + (day % 5) * 24 + 9;
    for (let k = 0; k < 4; k++) registered.push(open + 8 * random());
  }
  registered.sort((a, b) => a - b);
  const rows = ['case,activity,resource,end'];
  const waits: number[] = [];
  let next = 0; // the first case not yet checked
  for (let day = 0; day < weeks * 5 && next < registered.length; day++) {
    if (random() >= 0.3) continue;
    const open = Math.floor(day / 5) * 168 + (day % 5) * 24 + 9;
    let t = open;
    while (next < registered.length && registered[next] < open + 8) {
      t = Math.max(t, registered[next]) + 0.1 + 0.2 * random();
      rows.push(`${next},register,clerk${next % 3},${at(registered[next])}`, `${next},check,Ann,${at(t)}`);
      waits.push(t - registered[next]);
      next++;
    }
  }
  const path = join(dir, 'ann.csv');
  writeFileSync(path, rows.join('\n'));
  return { path, waits };
}

describe('a step whose one person comes in on some days', () => {
  // Before, her first check of a day was taken to have started at her last completion, days
  // earlier: her days away became work (a check lasted 1.47 h on average, for 0.2 h of work),
  // her one unit seemed busy through them, no delay was found, and the simulated cases queued
  // behind those long checks: 209.5 h (se 54.1) from registration to check against the log's 80.3 h.
  test("the simulated cases wait for her as long as the log's did", async () => {
    const { path, waits } = annLog(40);
    const found = discover(await readEventLog(path), { minShare: 0.05 });
    const loaded = loadScenarioText(writeScenarioYaml(found, path), 'ann.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const scenario = loaded.set!.baseline;
    const flow = scenario.flows[0].name;
    // 'register' only opens cases: it takes no time, so a case's cycle time is its wait for Ann and her check
    const log = meanAndSe(waits);
    const sim = meanAndSe(replicate(scenario, 5, 3).values(`flows.${flow}.cycle_time.mean`));
    // A queue that does not settle spreads its replications so widely that any mean passes the
    // interval below (1fad141's scenario: 209.5 h, se 54.1, within it), so the simulated mean must
    // first be known as well as the log's (now se 0.5 h against 3.3 h): it fails here on 1fad141.
    expect(sim.se).toBeLessThan(log.se);
    // within the 99.9% interval of the difference of the two means
    expect(Math.abs(sim.mean - log.mean)).toBeLessThan(3.29 * Math.hypot(log.se, sim.se));
    // her check's own time is what it was: 0.2 h on average, not her days away
    const check = found.activities.find((a) => a.name === 'check')!;
    expect(distMean(check.duration.dist)).toBeLessThan(0.3);
  });
});
