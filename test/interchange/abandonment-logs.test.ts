// Every case that arrived is in the event logs (s34x F11): a case cancelled before any task
// started, or open at the horizon without one, has its trace (XES) and its object (OCEL); every
// cancellation is a `pi_abort`, a task cut in service an `ate_abort`. Read back, discover counts
// the arrivals of the cases given up, and fidelity compares the arrivals and the cancellations.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { writeScenarioYaml } from '../../engine/discovery/scenario-writer.js';
import { fidelity } from '../../engine/fidelity/fidelity.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { etomsimWithin, resultsOnly } from '../support/cli.js';
import { ownLogs } from '../support/own-logs.js';
import { scratchFolders } from '../support/scratch.js';
import { parseXml, xesViolations } from './xes-structure.js';

const tmp = scratchFolders('etomsim-abandon-');

// s34x abandon2: tickets round the clock at 0.5/h (84 a week), a desk of 2 on weekdays 08:00-16:00,
// 30 min of work, given up after 4 h: those of nights and weekends abandon, two thirds of them.
const ABANDON = `name: Abandonment off shift
time_unit: hours
run: { horizon: 4w, warmup: 0h, replications: 1, seed: 1 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-16:00" }
resources:
  desk: { capacity: 2, calendar: office }
arrivals:
  - { flow: f, rate: 0.5/h }
flows:
  f:
    cancel_after: 4h
    start: w
    nodes:
      w: { resource: desk, duration: { exponential: { mean: 30m } } }
`;

const PER_WEEK = 0.5 * 168;
const WEEKS = 4;

describe('a cancelled or never-started case in the event logs', () => {
  test('XES: a trace per arrived case, a pi_abort per cancellation; OCEL: an object per case, the same aborts', () => {
    const dir = tmp();
    const file = join(dir, 'abandon.yaml');
    writeFileSync(file, ABANDON);
    const out = join(dir, 'out');
    const r = etomsimWithin(60_000, 'run', file, ...resultsOnly(out), '-q', '--event-log', 'xes,ocel');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const flow = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).variants.baseline.flows.f;
    const [arrived, completed, cancelled, open] = ['arrived', 'completed', 'cancelled', 'open_at_horizon'].map((k) => flow[k].mean);
    expect(cancelled).toBeGreaterThan(arrived / 2); // the case this is about: most of the demand abandons
    expect(open).toBeGreaterThan(0);

    const text = readFileSync(join(out, 'events/baseline.xes'), 'utf8');
    expect(xesViolations(text)).toEqual([]);
    const value = (e: { children: { attributes: Record<string, string> }[] }, key: string) =>
      e.children.find((c) => c.attributes.key === key)?.attributes.value;
    const traces = parseXml(text).children.filter((c) => c.name === 'trace');
    const status = (s: string) => traces.filter((t) => value(t, 'status') === s).length;
    expect(traces).toHaveLength(arrived);
    expect([status('completed'), status('cancelled'), status('open')]).toEqual([completed, cancelled, open]);
    const transitions = (t: (typeof traces)[number]) =>
      t.children.filter((c) => c.name === 'event').map((e) => value(e, 'lifecycle:transition'));
    // each cancelled trace ends in its one pi_abort, after an ate_abort when its task was cut in
    // service; a case that never started a task has that pi_abort alone, its arrival the task's enabled time
    for (const t of traces) {
      const events = transitions(t);
      const cancelledTrace = value(t, 'status') === 'cancelled';
      expect(events.filter((e) => e === 'pi_abort')).toHaveLength(cancelledTrace ? 1 : 0);
      if (cancelledTrace) expect(events.at(-1)).toBe('pi_abort');
      if (!cancelledTrace) expect(events).not.toContain('ate_abort');
      expect(value(t, 'arrival')).toMatch(/^2026-/);
    }
    const neverStarted = traces.filter((t) => transitions(t).join() === 'pi_abort');
    expect(neverStarted.length).toBeGreaterThan(cancelled / 2);
    for (const t of neverStarted) {
      const abort = t.children.find((c) => c.name === 'event')!;
      expect(value(abort, 'enabled_timestamp')).toBe(value(t, 'arrival'));
      expect(Date.parse(value(abort, 'time:timestamp')!) - Date.parse(value(t, 'arrival')!)).toBe(4 * 3_600_000);
    }
    expect(traces.filter((t) => value(t, 'status') === 'open' && transitions(t).length === 0).length).toBeGreaterThan(0);

    const ocel = JSON.parse(readFileSync(join(out, 'events/baseline.ocel.json'), 'utf8'));
    const lifecycle = (e: { attributes: { name: string; value: unknown }[] }) => e.attributes.find((a) => a.name === 'lifecycle')!.value;
    expect(ocel.objects.filter((o: { type: string }) => o.type === 'f')).toHaveLength(arrived);
    expect(ocel.events.filter((e: never) => lifecycle(e) === 'pi_abort')).toHaveLength(cancelled);
  });

  test("discover counts the arrivals of the cases given up, the rate the scenario's within the count's noise, and writes their cancel_after", async () => {
    const dir = tmp();
    const { paths } = await ownLogs(ABANDON, dir, ['xes', 'ocel'], 1);
    for (const path of paths) {
      const found = discover(await readEventLog(path), { minShare: 0.05 });
      const rate = found.flows[0].arrivals.meanPerWeek;
      // The count of a Poisson stream over the 4 weeks has sd sqrt(84 x 4): its rate per week, sd sqrt(84 / 4) = 4.6
      const sd = Math.sqrt(PER_WEEK / WEEKS);
      expect(Math.abs(rate - PER_WEEK), `${path}: ${rate.toFixed(1)} a week`).toBeLessThan(4 * sd);
      expect(found.notes.map((n) => n.kind)).toContain('cases seen only as given up (an abort event, no step completed)');
      // from the XES every case that arrived is counted, those open that never started a task by their trace's `arrival`
      if (path.endsWith('.xes')) expect(found.flows[0].arrivals.cases).toBe(readFileSync(path, 'utf8').match(/<trace>/g)!.length);
      // every case given up went 4 h after it arrived, and none lasted longer: the flow's cancel_after, written
      const patience = found.flows[0].patience!;
      expect(patience.hours).toBeCloseTo(4, 9);
      expect(patience.cases).toBe(found.log.aborts.filter((a) => !Number.isNaN(a.at)).length);
      const written = loadScenarioText(writeScenarioYaml(found, path), 'discovered.yaml');
      expect(written.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(written.set!.baseline.flows[0].cancelAfter).toBe(4);
    }
  });
});

// A case open at the horizon that never started a task is an OCEL object with no event, its
// attributes dated at its arrival: read back, each OCEL form etomsim writes gives the cases the
// XES gives by its traces' `arrival` (the OCEL readers had read no object's dates: the cases
// were lost, and discover's rate was the rest's).
test('OCEL JSON and SQLite read back the cases open that never started a task, as XES does', async () => {
  const dir = tmp();
  const { paths } = await ownLogs(ABANDON, dir, ['xes', 'ocel', 'ocel-sqlite'], 1);
  const [xes, ...ocel] = await Promise.all(paths.map((p) => readEventLog(p)));
  const waiting = (log: typeof xes) => log.waiting.map((w) => [w.caseId, w.ms, w.flow]);
  expect(xes.waiting.length).toBeGreaterThan(0); // the case this is about
  const arrivals = discover(xes, { minShare: 0.05 }).flows[0].arrivals.cases;
  for (const [k, log] of ocel.entries()) {
    expect(waiting(log), paths[k + 1]).toEqual(waiting(xes));
    expect(discover(log, { minShare: 0.05 }).flows[0].arrivals.cases, paths[k + 1]).toBe(arrivals);
  }
});

// Deterministic: a case every 3 h from 01:00 needs 2 h of a desk of 1 open 08:00-16:00 on
// weekdays and is given up after 4 h. The scenario against its own log: the same arrivals and
// the same cancellations, exactly.
const STEADY = `name: Steady abandonment
run: { horizon: 3w, warmup: 0h, replications: 1, seed: 1 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-16:00" }
resources:
  desk: { capacity: 1, calendar: office }
arrivals: [ { flow: f, interarrival: 3h, after: 1h } ]
flows:
  f:
    cancel_after: 4h
    start: w
    nodes:
      w: { resource: desk, duration: 2h }
`;

test('fidelity compares the arrivals and the cancellations: a deterministic scenario against its own log matches them exactly', async () => {
  const dir = tmp();
  const { paths } = await ownLogs(STEADY, dir, ['xes'], 1);
  const scenario = loadScenarioText(STEADY, 'steady.yaml').set!.baseline;
  const f = await fidelity(scenario, 'Steady', await readEventLog(paths[0]), { replications: 2, seed: 1, slaHours: null });
  expect(f.cases_cancelled.log).toBeGreaterThan(f.cases_arrived.log / 2);
  expect(f.cases_arrived.log).toBeGreaterThan(f.cases.log);
  expect(f.cases_arrived.simulation.mean).toBe(f.cases_arrived.log);
  expect(f.cases_cancelled.simulation.mean).toBe(f.cases_cancelled.log);
});
