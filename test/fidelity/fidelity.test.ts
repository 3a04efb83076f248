// Fidelity: a deterministic scenario against its own simulated log matches exactly, also when
// a roster pauses its tasks (processing is work on both sides, cycle times spans); the
// measures' distances are right on known samples; the report escapes what the log names.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { arrivalWindow, type Fidelity, fidelity } from '../../engine/fidelity/fidelity.js';
import { earthMovers, histogramEmd } from '../../engine/fidelity/measures.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { writeEventLogs } from '../../engine/interchange/write-event-logs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { renderFidelityHtml, fidelityCharts, fidelityTables } from '../../reports/fidelity-html.js';
import { DETERMINISTIC, simulatedCsv, WAITING_AT_LOG_END } from '../support/simulated-log.js';
import { noteLines } from '../../bin/commands/discover.js';
import { scratchFolders } from '../support/scratch.js';
import { etomsim } from '../support/cli.js';
import { ownLogs } from '../support/own-logs.js';

const tmp = scratchFolders('etomsim-fidelity-');

const dir = tmp();

describe('a deterministic scenario against its own log', () => {
  test("every distance is 0 and every mean is the scenario's", async () => {
    const scenario = loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline;
    const path = join(dir, 'deterministic.csv');
    writeFileSync(path, simulatedCsv(scenario));
    const log = await readEventLog(path);
    const f = await fidelity(scenario, 'Deterministic', log, { replications: 3, seed: 1, slaHours: 2.5 });
    expect(f.cases.simulation.mean).toBe(f.cases.log);
    expect(f.cycle_time.log.mean).toBeCloseTo(2.5, 9);
    expect(f.cycle_time.simulation.mean.mean).toBeCloseTo(2.5, 9);
    expect(f.cycle_time.emd_hours.mean).toBeCloseTo(0, 9);
    expect(f.cycle_time.ks.mean).toBe(0);
    expect(f.steps.map((s) => [s.activity, s.log.processing, s.simulation.processing.mean])).toEqual([
      ['intake', 2, 2],
      ['work', 0.5, 0.5],
    ]);
    expect(f.paths.total_variation.mean).toBe(0);
    expect(f.arrivals_by_hour_of_week.emd_hours.mean).toBeCloseTo(0, 9);
    expect(f.sla).toMatchObject({ hours: 2.5, log: 1, simulation: { mean: 1 } });
    expect(f.wip.simulation_mean.mean).toBeCloseTo(f.wip.log_mean, 9);
    expect(f.throughput_per_week.simulation).toEqual(f.throughput_per_week.log);
  });
});

// The command's progress line (bin/progress.ts) is drawn when fidelity first tells its progress:
// until session 52 that came after the log's measures and its discovered blocks (LoanApp's log: about a
// second of CPU with nothing on the terminal), now before anything of the log is read. It tells 0 done
// again as its replications begin, where the line's time left measures their pace from: until
// session 53 the log's reading counted as replications' time (fails with that call left out, or
// made before the log's measures or its blocks are read: the reads after it are then more than a
// replication's).
test('fidelity tells its progress (0 done) before it reads anything of the log, again as its replications begin, and after each', async () => {
  const scenario = loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline;
  const path = join(dir, 'progress.csv');
  writeFileSync(path, simulatedCsv(scenario));
  const log = await readEventLog(path);
  const seen: string[] = [];
  // the log as fidelity reads it, each reading of a field noted (one of a run of the same field's)
  const watched = new Proxy(log, {
    get(target, key, receiver) {
      if (seen.at(-1) !== `read ${String(key)}`) seen.push(`read ${String(key)}`);
      return Reflect.get(target, key, receiver);
    },
  });
  await fidelity(scenario, 'Deterministic', watched, {
    replications: 2,
    seed: 1,
    slaHours: 2.5,
    onProgress: (done, total) => seen.push(`progress ${done}/${total}`),
  });
  expect(seen[0]).toBe('progress 0/2');
  expect(seen.some((s) => s.startsWith('read '))).toBe(true);
  expect(seen.filter((s) => s.startsWith('progress'))).toEqual(['progress 0/2', 'progress 0/2', 'progress 1/2', 'progress 2/2']);
  // from the second 0 done to the first replication's end, the log is read as the second replication reads it: nothing of its reading
  const [, begun, first, second] = seen.flatMap((s, k) => (s.startsWith('progress') ? [k] : []));
  expect(seen.slice(begun + 1, first)).toEqual(seen.slice(first + 1, second));
});

// A log of completions only dates a case from its first completion: its first step's time is
// not in its cycle time. The simulated cases were dated from their first step's start, so the
// scenario that wrote the log measured 2.5 h against the log's 0.5 h (and cases of one event,
// 0 h in the log, as long as their step in the simulation).
test('a log of completions only: the simulated cases are dated from their first completion too', async () => {
  const scenario = loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline;
  const [header, ...rows] = simulatedCsv(scenario).trimEnd().split('\n');
  const names = header.split(',');
  const keep = ['case:concept:name', 'concept:name', 'time:timestamp'].map((n) => names.indexOf(n));
  const path = join(dir, 'completions.csv');
  writeFileSync(path, [keep.map((k) => names[k]), ...rows.map((r) => keep.map((k) => r.split(',')[k]))].map((r) => r.join(',')).join('\n'));
  const log = await readEventLog(path);
  expect(log.completionOnly).toBe(true);
  const f = await fidelity(scenario, 'Deterministic', log, { replications: 2, seed: 1, slaHours: 1 });
  expect(f.cycle_time.log.mean).toBeCloseTo(0.5, 9);
  expect(f.cycle_time.simulation.mean.mean).toBeCloseTo(0.5, 9);
  expect(f.cycle_time.emd_hours.mean).toBeCloseTo(0, 9);
  expect(f.arrivals_by_hour_of_week.emd_hours.mean).toBeCloseTo(0, 9);
});

// WAITING_AT_LOG_END's log measures its 8 cut cases to its end. The scenario that wrote the log,
// observed as the log was, matches it exactly; measured to their whole ends (as fidelity did),
// its cycle times were longer than the log's.
test('cases open when the log ends: the simulation is observed as the log was', async () => {
  const scenario = loadScenarioText(WAITING_AT_LOG_END, 'w.yaml').set!.baseline;
  const path = join(dir, 'waiting.csv');
  writeFileSync(path, simulatedCsv(scenario));
  const log = await readEventLog(path);
  const f = await fidelity(scenario, 'Waiting', log, { replications: 2, seed: 1, slaHours: 3 });
  // 47 cases (one every 5 h from 5 h to 235 h): the 39 that arrive by 195 h whole (42.5 h), the
  // 8 after them still waiting at the end (only their 2-hour intake shown)
  expect(f.log.cases).toBe(47);
  expect(f.cycle_time.log.mean).toBeCloseTo((39 * 42.5 + 8 * 2) / 47, 9);
  expect(f.cycle_time.simulation.mean.mean).toBeCloseTo(f.cycle_time.log.mean, 9);
  expect(f.cycle_time.emd_hours.mean).toBeCloseTo(0, 9);
  expect(f.paths.total_variation.mean).toBe(0);
  expect(f.sla).toMatchObject({ hours: 3, log: 8 / 47, simulation: { mean: 8 / 47 } });
  expect(f.wip.simulation_mean.mean).toBeCloseTo(f.wip.log_mean, 9);
});

// A desk that takes each case's intake (1 h) and, 99.5 h later, its close (2 h): a close waits
// half an hour behind the intake of the case that arrived 100 h after it. The log's cases
// stop arriving at 240 h (48 cases), so its last 20 closes wait for nothing. The simulation
// stops its arrivals there too and matches the log exactly; it went on bringing cases after
// the log's last one, whose intakes delayed those 20 closes (cycle time mean 102.95 h against
// the log's 102.79 h) and cost time for cases never measured.
const STOPPED = `name: Stopped
run: { horizon: 20d, replications: 2 }
resources: { desk: { capacity: 1 } }
arrivals: [ { flow: f, interarrival: 5h } ]
flows:
  f:
    start: intake
    nodes:
      intake: { resource: desk, duration: 1h, next: wait }
      wait: { duration: 99.5h, next: close }
      close: { resource: desk, duration: 2h }
`;

test("the simulation's cases arrive until the log's last arrival, as the log's did", async () => {
  const scenario = loadScenarioText(STOPPED, 's.yaml').set!.baseline;
  const path = join(dir, 'stopped.csv');
  writeFileSync(path, simulatedCsv(scenario, 0, 1, 240));
  const log = await readEventLog(path);
  const f = await fidelity(scenario, 'Stopped', log, { replications: 2, seed: 1, slaHours: 103 });
  expect(f.log.cases).toBe(48);
  expect(f.cases).toMatchObject({ log: 48, simulation: { mean: 48 } });
  // 28 cases whose close waited half an hour (3 + 99.5 + 0.5 h), 20 that did not
  expect(f.cycle_time.log.mean).toBeCloseTo((28 * 103 + 20 * 102.5) / 48, 9);
  expect(f.cycle_time.simulation.mean.mean).toBeCloseTo(f.cycle_time.log.mean, 9);
  expect(f.cycle_time.emd_hours.mean).toBeCloseTo(0, 9);
  expect(f.sla).toMatchObject({ hours: 103, log: 1, simulation: { mean: 1 } });
  expect(f.wip.simulation_mean.mean).toBeCloseTo(f.wip.log_mean, 9);
});

// A desk with no one from 20:00 to 21:00: the 18:00 case works 18:00-20:00, pauses, resumes
// at 21:00 and ends at 23:00, 4 h of work in a 5 h span; the others run straight through.
const PAUSED = `name: Paused
run: { horizon: 21d, replications: 2, start: "2026-01-05T00:00:00Z" }
resources:
  desk:
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-20:00", capacity: 1 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "21:00-24:00", capacity: 1 }
arrivals: [ { flow: f, interarrival: 6h } ]
flows:
  f:
    start: work
    nodes:
      work: { resource: desk, duration: 4h }
`;

test('a roster that pauses tasks: processing is the work on both sides, the cycle time the span', async () => {
  const scenario = loadScenarioText(PAUSED, 'paused.yaml').set!.baseline;
  const [file] = await writeEventLogs({
    variants: [{ name: 'baseline', scenario }],
    formats: ['xes'],
    replications: 1,
    seed: 1,
    target: (name) => join(dir, name.replace('events/', 'paused-')),
  });
  const log = await readEventLog(join(dir, file.replace('events/', 'paused-')));
  expect(Array.from(log.suspended).filter((ms) => ms > 0).length).toBeGreaterThan(10); // one a day
  const f = await fidelity(scenario, 'Paused', log, { replications: 2, seed: 1, slaHours: 4.5 });
  expect(f.steps.map((s) => [s.activity, s.log.processing, s.simulation.processing.mean])).toEqual([['work', 4, 4]]);
  expect(f.cycle_time.log.mean).toBeGreaterThan(4); // a quarter of the cases span the pause
  expect(f.cycle_time.simulation.mean.mean).toBeCloseTo(f.cycle_time.log.mean, 9);
  expect(f.cycle_time.emd_hours.mean).toBeCloseTo(0, 9);
  expect(f.sla.log).toBeCloseTo(0.75, 1); // the paused cases (a quarter) miss 4.5 h
  expect(f.sla.simulation.mean).toBeCloseTo(f.sla.log, 9);
});

// The same desk as a calendar team (00:00-20:00 and 21:00-24:00 every day): etomsim's own log
// now records its pause as a roster's, and a log without pauses (another source's, or an older
// etomsim's) shows the 18:00 case's 5 h span: the simulation is read as each log is.
test('a calendar team: processing is the work against a log that records pauses, the span against one that does not', async () => {
  const CALENDAR = PAUSED.replace(
    /resources:[\s\S]*?arrivals:/,
    `calendars: { desk: { days: [mon, tue, wed, thu, fri, sat, sun], hours: ["00:00-20:00", "21:00-24:00"] } }
resources: { desk: { capacity: 1, calendar: desk } }
arrivals:`,
  );
  const scenario = loadScenarioText(CALENDAR, 'calendar.yaml').set!.baseline;
  const { paths } = await ownLogs(CALENDAR, tmp(), ['xes'], 1);
  const own = await fidelity(scenario, 'Calendar', await readEventLog(paths[0]), { replications: 2, seed: 1, slaHours: 4.5 });
  expect(own.steps.map((s) => [s.activity, s.log.processing, s.simulation.processing.mean])).toEqual([['work', 4, 4]]);
  const plain = join(tmp(), 'calendar.csv');
  writeFileSync(plain, simulatedCsv(scenario)); // task rows only, no pauses
  const other = await fidelity(scenario, 'Calendar', await readEventLog(plain), { replications: 2, seed: 1, slaHours: 4.5 });
  const [step] = other.steps;
  expect(step.log.processing).toBeGreaterThan(4); // a quarter of the tasks span the closed hour
  expect(step.simulation.processing.mean).toBeCloseTo(step.log.processing, 9);
});

test("earth mover's distance on known samples", () => {
  expect(earthMovers([0, 1, 2], [1, 2, 3])).toBeCloseTo(1, 12); // a shift by 1
  expect(earthMovers([0, 0], [0, 4])).toBeCloseTo(2, 12); // half the mass moves 4
  expect(histogramEmd([1, 0, 0], [0, 0, 1])).toBe(2); // all the mass moves two bins
});

test('the report escapes names from the log and the scenario', async () => {
  const text = DETERMINISTIC.replace('name: Deterministic', 'name: "<b>Evil</b> & co"');
  const scenario = loadScenarioText(text, 'e.yaml').set!.baseline;
  const path = join(dir, 'evil.csv');
  writeFileSync(path, simulatedCsv(scenario).replace(/,intake,/g, ',"<script>alert(1)</script>",'));
  const f = await fidelity(scenario, scenario.name, await readEventLog(path), { replications: 2, seed: 1, slaHours: null });
  const html = renderFidelityHtml(f, fidelityCharts(f));
  expect(html).not.toContain('<script>alert(1)');
  expect(html).not.toContain('<b>Evil');
  expect(html).toContain('&lt;b&gt;Evil&lt;/b&gt; &amp; co');
  expect(f.log.activities_unmatched).toEqual(['<script>alert(1)</script>']);
});

test("the page's counts of the log read as the console's, with thousands separators (s59H: '9369' beside '9,315.7')", async () => {
  // a case every 30 minutes for 30 days: 1,440 cases, each through both steps
  const scenario = loadScenarioText(DETERMINISTIC.replace('interarrival: 5h', 'interarrival: 30m'), 'many.yaml').set!.baseline;
  const path = join(dir, 'many.csv');
  writeFileSync(path, simulatedCsv(scenario));
  const f = await fidelity(scenario, scenario.name, await readEventLog(path), { replications: 1, seed: 1, slaHours: null });
  expect(f.cases.log).toBeGreaterThanOrEqual(1000);
  const [cycle, steps] = fidelityTables(f);
  const logColumn = (t: { head: string[]; rows: string[][] }, head: string) => t.rows.map((r) => r[t.head.indexOf(head)]);
  expect(logColumn(cycle, 'log')[0]).toBe(f.cases.log.toLocaleString('en-US'));
  expect(logColumn(cycle, 'log')[0]).toMatch(/^\d,\d{3}$/);
  expect(logColumn(steps, 'instances (log)')).toEqual(f.steps.map((s) => s.log.n.toLocaleString('en-US')));
});

describe('a log whose cases arrive at one instant', () => {
  test('one case, or every case at one instant, is refused at the log (exit 2, nothing written): its arrival window has no length', () => {
    // since the simulated arrivals stop at the log's last (77abe15), such a log gave 0 simulated cases and '–' for every measure, exit 0
    const scenario = join(dir, 'instant.yaml');
    writeFileSync(scenario, DETERMINISTIC);
    const single = join(dir, 'single.csv');
    writeFileSync(single, 'case_id,activity,end_time\n1,intake,2024-01-08T09:00:00Z\n1,work,2024-01-08T10:00:00Z\n');
    const instant = join(dir, 'instant.csv');
    writeFileSync(
      instant,
      'case_id,activity,start_time,end_time\nb,intake,2024-01-08T09:00:00Z,2024-01-08T11:00:00Z\na,intake,2024-01-08T09:00:00Z,2024-01-08T12:00:00Z\n',
    );
    const window = "fidelity simulates the cases arriving from the log's first case to its last, a period of no length here (at case)";
    for (const [log, said] of [
      [single, `${single}:2:1: the log has a single case ('1'): ${window}\n`],
      [instant, `${instant}:2:1: every case arrives at the same instant (2024-01-08T09:00:00.000Z): ${window}\n`],
    ]) {
      const out = join(dir, `refused-${log === single ? 'single' : 'instant'}`);
      const r = etomsim('fidelity', scenario, log, '--out', out, '-r', '1');
      expect([r.status, r.stderr]).toEqual([2, said]);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe('--sla', () => {
  test("takes a duration as a scenario's sla does (9000s is 2.5 h), and refuses 0, a negative one and no duration, before simulating", () => {
    const scenario = join(dir, 'sla.yaml');
    writeFileSync(scenario, DETERMINISTIC);
    const log = join(dir, 'sla.csv');
    writeFileSync(log, simulatedCsv(loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline));
    const out = join(dir, 'sla-out');
    const r = etomsim('fidelity', scenario, log, '--out', out, '-r', '1', '-q', '--sla', '9000s');
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(join(out, 'fidelity.json'), 'utf8')).sla).toMatchObject({ hours: 2.5, log: 1 });
    const takes =
      "--sla takes a duration longer than 0 and at most 100,000,000 hours, as a scenario's sla: a number with a unit s, m, h, d or w, like 45s, 90m, 36h or 2d, or a number of hours";
    for (const value of ['0', '0s', '-2h', '-5', '2x', '1e9h']) {
      const refused = join(dir, 'sla-refused');
      const bad = etomsim('fidelity', scenario, log, '--out', refused, '-r', '1', '--sla', value);
      expect({ value, status: bad.status, stderr: bad.stderr }).toEqual({
        value,
        status: 2,
        stderr: `etomsim: ${takes} (got '${value}')\nRun 'etomsim --help' for the options.\n`,
      });
      expect(existsSync(refused)).toBe(false);
    }
  });
});

describe("a log and a scenario that do not share the log's activities", () => {
  test('none matched: refused at the log (exit 2, nothing written), naming a few activities of each side', () => {
    // exit 0 before, with '–' for every cycle time and a path distance of 0.500 from no simulated case
    const scenario = join(dir, 'unmatched.yaml');
    writeFileSync(scenario, DETERMINISTIC);
    const log = join(dir, 'other.csv');
    writeFileSync(
      log,
      'case_id,activity,start_time,end_time\na,Check form,2024-01-08T09:00:00Z,2024-01-08T10:00:00Z\nb,AML check,2024-01-09T09:00:00Z,2024-01-09T10:00:00Z\n',
    );
    const out = join(dir, 'refused-unmatched');
    const r = etomsim('fidelity', scenario, log, '--out', out, '-r', '1');
    expect([r.status, r.stderr]).toEqual([
      2,
      `${log}:2:1: none of the log's 2 activities is a task of ${scenario} (log: 'Check form', 'AML check'; scenario: 'intake', 'work'): ` +
        "fidelity compares the log's activities with the scenario's tasks that name them (activity), else of the same name (or the name discover gives them); is this the scenario discovered from this log? (at activity)\n",
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test('some unmatched, both ways: runs, and warns of each side, by name, on the console, in fidelity.json and fidelity.html', () => {
    // a hand-written scenario against its log: the log's 'Fax it' is no task, and the scenario's
    // 'work' no activity of the log, which cannot speak for it (no warning of that side before)
    const scenario = join(dir, 'partly.yaml');
    writeFileSync(scenario, DETERMINISTIC);
    const log = join(dir, 'partly.csv');
    const rows = ['case_id,activity,start_time,end_time'];
    for (let d = 8; d <= 12; d++) {
      rows.push(`c${d},intake,2024-01-${d}T09:00:00Z,2024-01-${d}T11:00:00Z`, `c${d},Fax it,2024-01-${d}T11:00:00Z,2024-01-${d}T11:30:00Z`);
    }
    writeFileSync(log, `${rows.join('\n')}\n`);
    const out = join(dir, 'partly');
    const r = etomsim('fidelity', scenario, log, '--out', out, '-r', '2');
    expect(r.status).toBe(0);
    const warnings = [
      {
        code: 'activities_unmatched',
        subject: 'log.activities_unmatched',
        message:
          "1 of the log's 2 activities is no task of the scenario, so the simulated log has none of it and its paths and steps cannot match the log's: 'Fax it'",
      },
      {
        code: 'tasks_unmatched',
        subject: 'log.tasks_unmatched',
        message:
          "1 of the scenario's 2 tasks is no activity of the log, so the log cannot speak for it: the simulated log leaves it out, as the log has none of it, and no step of the comparison is its (a step the log does not record, or a name that differs from the log's): 'work'",
      },
    ];
    expect(r.stderr).toBe(warnings.map((w) => `warning: ${w.message}\n`).join(''));
    const json = JSON.parse(readFileSync(join(out, 'fidelity.json'), 'utf8'));
    expect(json.warnings).toEqual(warnings);
    expect(json.log).toMatchObject({ activities_unmatched: ['Fax it'], tasks_unmatched: ['work'] });
    const html = readFileSync(join(out, 'fidelity.html'), 'utf8');
    for (const w of warnings) expect(html).toContain(`<p class="caution">${w.message.replaceAll("'", '&#39;')}</p>`);
    // -q: nothing on the console, the file the same
    const quiet = etomsim('fidelity', scenario, log, '--out', join(dir, 'partly-q'), '-r', '2', '-q');
    expect([quiet.status, quiet.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(join(dir, 'partly-q', 'fidelity.json'), 'utf8')).warnings).toEqual(warnings);
  });

  test('the scenario that wrote a log: no warning either way, nor for an automated step before a step the log has', async () => {
    const scenario = loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline;
    const path = join(dir, 'own.csv');
    const csv = simulatedCsv(scenario);
    writeFileSync(path, csv);
    const quiet = { warnings: [], tasks: [], activities: [] };
    const said = (f: Fidelity) => ({ warnings: f.warnings, tasks: f.log.tasks_unmatched, activities: f.log.activities_unmatched });
    expect(said(await fidelity(scenario, 'Own', await readEventLog(path), { replications: 1, seed: 1, slaHours: null }))).toEqual(quiet);
    // a log without 'intake', the automated step before 'work' (as discover's wait_before_X steps
    // are): its time is the log's wait before 'work', which the log shows
    const without = join(dir, 'without-intake.csv');
    writeFileSync(
      without,
      csv
        .split('\n')
        .filter((row) => !row.includes(',intake,'))
        .join('\n'),
    );
    expect(said(await fidelity(scenario, 'Own', await readEventLog(without), { replications: 1, seed: 1, slaHours: null }))).toEqual(quiet);
  });

  test('a simulation with no case has no path distance (null), not 0.5', async () => {
    // every simulated task ends after the log does: no simulated case is seen
    const scenario = loadScenarioText(DETERMINISTIC.replace('duration: 2h', 'duration: 300d'), 'late.yaml').set!.baseline;
    const path = join(dir, 'late.csv');
    writeFileSync(path, simulatedCsv(loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline));
    const f = await fidelity(scenario, 'Late', await readEventLog(path), { replications: 2, seed: 1, slaHours: null });
    expect(f.cases.simulation.mean).toBe(0);
    expect(f.paths.total_variation).toMatchObject({ mean: null, ci95: null });
  });
});

test("a scenario of several flows: the SLA taken from its first flow says it is the first's", async () => {
  const two = `${DETERMINISTIC.replace('  f:\n', '  f:\n    sla: 3h\n').replace('arrivals: [ { flow: f, interarrival: 5h } ]', 'arrivals: [ { flow: f, interarrival: 5h }, { flow: g, interarrival: 7h } ]')}  g:\n    start: other\n    nodes:\n      other: { duration: 1h }\n`;
  const scenario = loadScenarioText(two, 'two.yaml').set!.baseline;
  const path = join(dir, 'two.csv');
  writeFileSync(path, simulatedCsv(scenario));
  const f = await fidelity(scenario, 'Two', await readEventLog(path), { replications: 1, seed: 1, slaHours: null });
  expect(f.sla).toMatchObject({ hours: 3, source: "the scenario's flow f, the first of its 2 flows; give --sla for another" });
});

// s35x F4: the log is one realisation; the scenario that wrote it must fit it. At -r 20 the
// interval of the simulation's mean is a fifth as wide as the spread of one replication, and
// this log's case count, mean cycle time and work in progress fall outside it; the one-log interval holds them all.
test('the scenario that wrote a log fits it by the one-log interval, where the interval of the mean leaves it out', async () => {
  const QUEUE = `name: Queue
run: { horizon: 4w, warmup: 0h, replications: 1, seed: 1, start: "2026-01-05T00:00:00Z" }
resources: { desk: { capacity: 2 } }
arrivals: [ { flow: f, rate: 1.5/h } ]
flows: { f: { start: w, nodes: { w: { resource: desk, duration: { exponential: { mean: 1h } } } }, sla: 4h } }
`;
  const { paths } = await ownLogs(QUEUE, tmp(), ['xes'], 1);
  const scenario = loadScenarioText(QUEUE, 'queue.yaml').set!.baseline;
  const f = await fidelity(scenario, 'Queue', await readEventLog(paths[0]), { replications: 20, seed: 2, slaHours: null });
  const measures: [string, number, Fidelity['cases']['simulation']][] = [
    ['cases', f.cases.log, f.cases.simulation],
    ['cycle time mean', f.cycle_time.log.mean, f.cycle_time.simulation.mean],
    ['cycle time p90', f.cycle_time.log.p90, f.cycle_time.simulation.p90],
    ['sla', f.sla.log, f.sla.simulation],
    ['wip', f.wip.log_mean, f.wip.simulation_mean],
  ];
  const inside = (x: number, interval: readonly [number, number] | null | undefined) => !!interval && x >= interval[0] && x <= interval[1];
  for (const [name, log, sim] of measures) {
    expect(inside(log, sim.one_log95), `${name}: log ${log} in one-log ${sim.one_log95}`).toBe(true);
    // mean +- t(19) sd sqrt(1 + 1/20)
    const half = 2.093024054 * sim.sd! * Math.sqrt(1 + 1 / 20);
    expect(sim.one_log95![0]).toBeCloseTo(sim.mean! - half, 6);
    expect(sim.one_log95![1]).toBeCloseTo(sim.mean! + half, 6);
  }
  expect(measures.filter(([, log, sim]) => !inside(log, sim.ci95)).map(([name]) => name)).toEqual(['cases', 'cycle time mean', 'wip']);
  // the distances have no log figure to place
  expect(f.cycle_time.ks.one_log95).toBeUndefined();
});

// A case under way when the log opens is left out by discover's rule (log-start.ts) at the share
// discover was given (--min-share), not at a fixed 5% (s37c F2). Forty cases every 5 hours
// (intake 2 h, work 30 min), three of them seen from 'work' on, and case u, at the log's start,
// seen from 'work' on too: 'work' opens 3 of the 40 cases whose beginning the log shows (7.5%),
// a start of the flow at 5% (u arrived), a rare one at 10% (u was under way).
function underWayLog(): string {
  const HOUR = 3_600_000;
  const at = (ms: number) => new Date(ms).toISOString().replace('.000', '');
  const t0 = Date.UTC(2024, 0, 8, 9);
  const rows = ['case_id,activity,start_time,end_time', `u,work,${at(t0 - HOUR)},${at(t0 - 0.5 * HOUR)}`];
  for (let k = 1; k <= 40; k++) {
    const t = t0 + (k - 1) * 5 * HOUR;
    if (k === 10 || k === 20 || k === 30) rows.push(`c${k},work,${at(t)},${at(t + 0.5 * HOUR)}`);
    else rows.push(`c${k},intake,${at(t)},${at(t + 2 * HOUR)}`, `c${k},work,${at(t + 2 * HOUR)},${at(t + 2.5 * HOUR)}`);
  }
  return `${rows.join('\n')}\n`;
}

describe("--min-share: discover's share, by which cases under way at the log's start are left out", () => {
  test('u is a case of the log at 5% and left out at 10%', async () => {
    const scenario = loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline;
    const path = join(dir, 'under-way.csv');
    writeFileSync(path, underWayLog());
    const log = await readEventLog(path);
    const options = { replications: 1, seed: 1, slaHours: null };
    const byDefault = await fidelity(scenario, 'D', log, options);
    expect(byDefault.log).toMatchObject({ cases: 41, cases_under_way_at_start: [] });
    expect(await fidelity(scenario, 'D', log, { ...options, minShare: 0.05 })).toEqual(byDefault);
    const rarer = await fidelity(scenario, 'D', log, { ...options, minShare: 0.1 });
    expect(rarer.log).toMatchObject({ cases: 40, cases_under_way_at_start: ['u'] });
  });

  // Since session 53 fidelity takes the cases under way from discover's first stage, which reads the
  // whole log, its far cases emptied, where fidelity read them again on the log less its far cases:
  // a far case (first in the file, 1970) still reads as none. Fails where it counts among the
  // entries the stage reads them from (1970 opening the log: said 'a period of it after a break'),
  // and where the cases under way are left out of the log with its far case (withoutCases of the
  // replication's log, not the log less its far cases).
  test('u left out by its case when a case dated far from the rest comes before it: every figure as without that case', async () => {
    const scenario = loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline;
    const clean = join(dir, 'under-way-clean.csv');
    const stray = join(dir, 'under-way-stray.csv');
    const csv = underWayLog();
    writeFileSync(clean, csv);
    const [header, ...rows] = csv.split('\n');
    writeFileSync(stray, [header, 'epoch,intake,1970-01-05T09:00:00Z,1970-01-05T11:00:00Z', ...rows].join('\n'));
    const options = { replications: 1, seed: 1, slaHours: null, minShare: 0.1 };
    const without = await fidelity(scenario, 'D', await readEventLog(clean), options);
    const withStray = await fidelity(scenario, 'D', await readEventLog(stray), options);
    expect(withStray.log).toMatchObject({ cases: 40, cases_left_out: ['epoch'], cases_under_way_at_start: ['u'] });
    const apart = (f: Fidelity) => ({
      ...f,
      log: { ...f.log, file: '', cases_left_out: [] },
      // u's row is one on in the file with the far case's
      warnings: f.warnings
        .filter((w) => w.code !== 'cases_left_out')
        .map((w) => ({ ...w, message: w.message.replace(/\(row \d+,/, '(row,') })),
    });
    expect(apart(withStray)).toEqual(apart(without));
  });

  test("the command takes --min-share as discover does, and prints the log's notes as discover does (a timestamp without an offset)", () => {
    const scenario = join(dir, 'under-way.yaml');
    writeFileSync(scenario, DETERMINISTIC);
    const log = join(dir, 'under-way-mixed.csv');
    // c1's intake start without its Z: read in UTC, the note says so
    writeFileSync(log, underWayLog().replace('c1,intake,2024-01-08T09:00:00Z', 'c1,intake,2024-01-08T09:00:00'));
    const out = join(dir, 'under-way-out');
    const r = etomsim('fidelity', scenario, log, '--out', out, '-r', '1', '--min-share', '10%');
    expect(r.status).toBe(0);
    const note =
      "  1 timestamp written without a UTC offset, beside others with one: read in UTC (the default of --timezone), as '2024-01-08T09:00:00' beside '2024-01-08T08:00:00Z': " +
      'if they were written in another clock, every duration between the two kinds is off by the difference; give --timezone, the zone of those without an offset\n';
    expect(r.stdout.split('\n').slice(1, 2).join('\n') + '\n').toBe(note);
    expect(JSON.parse(readFileSync(join(out, 'fidelity.json'), 'utf8')).log.cases_under_way_at_start).toEqual(['u']);
    const discovered = etomsim('discover', log, '--out', join(dir, 'under-way-discovered.yaml'));
    expect(discovered.stdout).toContain(note);
    const refused = etomsim('fidelity', scenario, log, '--out', join(dir, 'refused-share'), '--min-share', '1');
    expect([refused.status, refused.stderr]).toEqual([
      2,
      "etomsim: --min-share takes a share such as 5% or 0.05 (got '1')\nRun 'etomsim --help' for the options.\n",
    ]);
  });
});

// A desk of one that takes 8 h a case, a case every 5 h from 5 h, a log of 102 h (etomsim's XES):
// case k starts at 8k - 3 h, so cases 1-12 end by 101 h, case 13 is under way from 101 h, and
// cases 14-20 (arriving at 70-100 h) wait, shown by their arrival alone (a trace's `arrival`).
/** One desk of one unit, a case every 5 h, each served for `hours`, over 102 h: a queue that grows when hours > 5. */
function queueDesk(hours: number) {
  return loadScenarioText(
    `name: Queue
run: { horizon: 102h, replications: 1 }
resources: { desk: { capacity: 1 } }
arrivals: [ { flow: f, interarrival: 5h } ]
flows:
  f:
    start: serve
    nodes:
      serve: { resource: desk, duration: ${hours}h }
`,
    'q.yaml',
  ).set!.baseline;
}

// The window runs to the last of the log's arrivals, as discover's does, those of cases without
// an entry among them (discover's rule: case 13 at its start, 101 h), and every case the log shows
// arrived: 20, the simulation's 20 too (a simulated case that arrived by the log's end shows so
// in such a log). Before session 39 the window ended at case 12's arrival (60 h) and both counted 12.
test("a case shown by its arrival alone arrived: the window and the count of arrivals take it, as discover's", async () => {
  const scenario = queueDesk(8);
  const files = await writeEventLogs({
    variants: [{ name: 'baseline', scenario }],
    formats: ['xes'],
    replications: 1,
    seed: 1,
    target: (name) => join(dir, `queue-${name.replace('events/', '')}`),
  });
  const log = await readEventLog(join(dir, `queue-${files[0].replace('events/', '')}`));
  expect(log.waiting.length).toBe(7);
  expect(log.unfinished.length).toBe(1);
  // from the first arrival (5 h) to case 13's start (101 h)
  const window = arrivalWindow(log);
  expect((window.last - window.first) / 3_600_000).toBe(96);
  const f = await fidelity(scenario, 'Queue', log, { replications: 2, seed: 1, slaHours: null });
  expect(f.log.cases).toBe(12);
  expect(f.cases_arrived.log).toBe(20);
  expect(f.cases_arrived.simulation.mean).toBe(20);
});

// Whether a simulated case shown by its arrival alone arrived is the log's form, not its cases:
// etomsim's XES and OCEL date every case apart from its events, CSV does not. The same desk with
// a 1-hour task writes the log (every case done within its hour: no case waits at its end),
// and the 8-hour desk above is compared with it: cases 1-13 started by the log's end (101 h),
// 14-20 arrived and wait. From XES and OCEL the simulation's arrivals are 20, as the log's: a case
// waiting there would show (before session 40 the reading was from data, log.waiting empty, so
// they counted 13 against the log's 20); from CSV, which would not show a waiting case, 13.
test("a log's form decides whether a simulated case shown by its arrival alone arrived (XES and OCEL yes, CSV no)", async () => {
  const files = await writeEventLogs({
    variants: [{ name: 'baseline', scenario: queueDesk(1) }],
    formats: ['xes', 'ocel', 'csv'],
    replications: 1,
    seed: 1,
    target: (name) => join(dir, `quick-${name.replace('events/', '')}`),
  });
  const arrived: Record<string, [boolean, number, number | null]> = {};
  for (const file of files) {
    const log = await readEventLog(join(dir, `quick-${file.replace('events/', '')}`));
    expect(log.waiting).toEqual([]);
    const f = await fidelity(queueDesk(8), 'Queue', log, { replications: 1, seed: 1, slaHours: null });
    arrived[log.format] = [log.showsArrivals, f.cases_arrived.log, f.cases_arrived.simulation.mean];
  }
  expect(arrived).toEqual({ xes: [true, 20, 20], ocel: [true, 20, 20], csv: [false, 20, 13] });
});

// A log of completions alone, one per case, measures every cycle time 0 (a case is dated from its
// first completion): its p90 is 0, and an SLA is longer than 0, so the default is a second, the
// timestamps' resolution, said so; every case, logged or simulated, is within it (before session
// 40 the SLA was 0 h, against fidelity.schema.json's exclusiveMinimum).
test('a log whose p90 cycle time is 0 is held to a second by default, and says so', async () => {
  const path = join(dir, 'instants.csv');
  const rows = Array.from(
    { length: 20 },
    (_, k) => `c${k + 1},serve,${new Date(Date.UTC(2024, 0, 8, 0) + (k + 1) * 5 * 3_600_000).toISOString()}`,
  );
  writeFileSync(path, `case,activity,timestamp\n${rows.join('\n')}\n`);
  const scenario = loadScenarioText(
    `name: Instants
run: { horizon: 102h, replications: 1 }
resources: {}
arrivals: [ { flow: f, interarrival: 5h } ]
flows:
  f:
    start: serve
    nodes:
      serve: { duration: 30m }
`,
    'i.yaml',
  ).set!.baseline;
  const f = await fidelity(scenario, 'Instants', await readEventLog(path), { replications: 2, seed: 1, slaHours: null });
  expect(f.cycle_time.log.p90).toBe(0);
  expect(f.sla.hours).toBe(1 / 3600);
  expect(f.sla.source).toBe("the log's p90 cycle time of 0 taken as a second, the shortest SLA etomsim writes (no SLA given)");
  expect([f.sla.log, f.sla.simulation.mean]).toEqual([1, 1]);
});

// The log's notes on fidelity's console: the facts (what, how many, where) are the reading's, as
// discover prints them; the handling is fidelity's where discover's speaks for its own fits or
// teams (before session 39 fidelity said 'discovery fits those still running at the log's end as
// censored durations', of a comparison that fits nothing).
test("fidelity words the log's notes for what it compares, from the same notes as discover", async () => {
  const event = (a: string, role: string, t: string, at: string) =>
    `<event><string key="concept:name" value="${a}"/>${role}<string key="lifecycle:transition" value="${t}"/><date key="time:timestamp" value="${at}"/></event>`;
  const trace = (id: string, events: string[]) => `<trace><string key="concept:name" value="${id}"/>${events.join('')}</trace>`;
  const path = join(dir, 'notes.xes');
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="UTF-8"?>\n<log xes.version="1.0">\n${[
      trace('a', [
        event('X', '<string key="org:role" value="desk"/>', 'start', '2024-01-08T09:00:00Z'),
        event('X', '<string key="org:role" value="desk"/>', 'complete', '2024-01-08T10:00:00Z'),
      ]),
      trace('b', [
        event('X', '<string key="org:group" value="back"/>', 'start', '2024-01-08T11:00:00Z'),
        event('X', '<string key="org:group" value="back"/>', 'ate_abort', '2024-01-08T11:30:00Z'),
      ]),
      trace('c', [event('X', '', 'start', '2024-01-08T12:00:00Z')]),
    ].join('\n')}\n</log>\n`,
  );
  const log = await readEventLog(path);
  const asDiscover = noteLines(log.notes);
  const asFidelity = noteLines(log.notes, 'fidelity');
  const facts = (lines: string[]) => lines.map((l) => l.split(': ')[0]);
  expect(facts(asDiscover)).toEqual([
    '  1 instance aborted (ate_abort, pi_abort)',
    "  2 events without 'org:role' whose team is their 'org:group'",
    '  1 start never completed',
  ]);
  // the same facts, line by line
  expect(facts(asFidelity)).toEqual(facts(asDiscover));
  expect(asDiscover.filter((l) => /discovery/.test(l))).toHaveLength(3);
  expect(asFidelity.filter((l) => /discover/.test(l))).toEqual([]);
  expect(asFidelity[2]).toBe(
    "  1 start never completed: not an entry of the log (an instance needs its end), so in no step's times; a case shown by them alone counted among the cases arrived, at its first start",
  );
  // and so it is: c, shown by its start alone, and b, by its abort, arrived
  const f = await fidelity(loadScenarioText(DETERMINISTIC, 'd.yaml').set!.baseline, 'D', log, {
    replications: 1,
    seed: 1,
    slaHours: null,
    minShare: 0,
  });
  expect(f.cases_arrived.log).toBe(3);
});
