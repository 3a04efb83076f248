// Simulated event logs: a deterministic scenario written as CSV, XES and OCEL 2.0, checked
// event by event against times worked out by hand; XES against the standard's structure;
// OCEL against its JSON schema.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, test } from 'vitest';
import { CSV_LOG_COLUMNS } from '../../engine/interchange/csv-log.js';
import { activeMs } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { writeEventLogs } from '../../engine/interchange/write-event-logs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { yaml } from '../scenario/diagnose.js';
import { parseXml, xesViolations } from './xes-structure.js';
import { etomsimWithin, resultsOnly } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { ownLogs } from '../support/own-logs.js';

const tmp = scratchFolders('etomsim-logs-');

// One desk of one person, cases every hour from 01:00: task a takes 1.5 h at the desk
// (40 an hour), then the automated step b 15 minutes. Case 1: a 01:00-02:30, b 02:30-02:45.
// Case 2 queues from 02:00: a 02:30-04:00, b 04:00-04:15. Case 3 queues from 03:00: a starts
// at 04:00 and is still running at the horizon (05:00); cases 4 and 5 are still waiting.
const SCENARIO = yaml`
  name: Desk
  run: { horizon: 5h, warmup: 3h, replications: 1, seed: 4, start: "2026-01-05T00:00:00+01:00" }
  resources: { desk: { capacity: 1, cost_per_hour: 40 } }
  arrivals: [{ flow: order, interarrival: 1h }]
  flows:
    order:
      start: a
      nodes:
        a: { etom: "1.3.3.1", resource: desk, duration: 1.5h, next: b }
        b: { duration: 15m }
`;

async function writeLogs(replications = 1): Promise<string> {
  const dir = tmp();
  const { names } = await ownLogs(SCENARIO, dir, ['csv', 'xes', 'ocel'], 4, replications);
  expect(names).toEqual(['events/baseline.csv', 'events/baseline.xes', 'events/baseline.ocel.json']);
  return dir;
}

const at = (hhmm: string) => `2026-01-05T${hhmm}:00.000+01:00`;

describe('event logs', () => {
  test('CSV: one row per completed task, PM4Py column names, dates from run.start in its offset', async () => {
    const dir = await writeLogs();
    const lines = readFileSync(join(dir, 'baseline.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(CSV_LOG_COLUMNS.join(','));
    expect(lines[0]).toBe(
      'case:concept:name,concept:name,org:resource,org:group,enabled_timestamp,start_timestamp,time:timestamp,lifecycle:transition,etom,flow,variant,replication,warmup,cost:total,suspensions,units',
    );
    expect(lines.slice(1)).toEqual([
      `r1-1,a,desk#1,desk,${at('01:00')},${at('01:00')},${at('02:30')},complete,1.3.3.1,order,baseline,1,true,60,,`,
      `r1-1,b,,,${at('02:30')},${at('02:30')},${at('02:45')},complete,,order,baseline,1,true,,,`,
      `r1-2,a,desk#1,desk,${at('02:00')},${at('02:30')},${at('04:00')},complete,1.3.3.1,order,baseline,1,false,60,,`,
      `r1-2,b,,,${at('04:00')},${at('04:00')},${at('04:15')},complete,,order,baseline,1,false,,,`,
    ]);
    expect(readdirSync(dir).sort()).toEqual(['baseline.csv', 'baseline.ocel.json', 'baseline.xes']); // no scratch file left
  });

  test('XES: one trace per case, start and complete events in UTC, the structure the standard requires', async () => {
    const dir = await writeLogs();
    const text = readFileSync(join(dir, 'baseline.xes'), 'utf8');
    expect(xesViolations(text)).toEqual([]);
    const log = parseXml(text);
    expect(log.children.filter((c) => c.name === 'extension').map((c) => c.attributes.prefix)).toEqual([
      'concept',
      'lifecycle',
      'org',
      'time',
      'cost',
    ]);
    const value = (e: { children: { attributes: Record<string, string> }[] }, key: string) =>
      e.children.find((c) => c.attributes.key === key)?.attributes.value;
    const traces = log.children
      .filter((c) => c.name === 'trace')
      .map((t) => ({
        name: value(t, 'concept:name'),
        status: value(t, 'status'),
        events: t.children
          .filter((c) => c.name === 'event')
          .map((e) =>
            [
              value(e, 'concept:name'),
              value(e, 'lifecycle:transition'),
              value(e, 'time:timestamp'),
              value(e, 'org:resource') ?? '-',
              value(e, 'warmup'),
            ].join(' '),
          ),
      }));
    const utc = (hhmm: string) => `2026-01-05T${hhmm}:00.000Z`; // run.start is 2026-01-04T23:00Z
    expect(traces).toEqual([
      {
        name: 'r1-1',
        status: 'completed',
        events: [
          `a start ${utc('00:00')} desk#1 true`,
          `a complete ${utc('01:30')} desk#1 true`,
          `b start ${utc('01:30')} - true`,
          `b complete ${utc('01:45')} - true`,
        ],
      },
      {
        name: 'r1-2',
        status: 'completed',
        events: [
          `a start ${utc('01:30')} desk#1 true`,
          `a complete ${utc('03:00')} desk#1 false`,
          `b start ${utc('03:00')} - false`,
          `b complete ${utc('03:15')} - false`,
        ],
      },
      { name: 'r1-3', status: 'open', events: [`a start ${utc('03:00')} desk#1 false`] },
      // cases 4 and 5 never started a task: open, with no event (before session 35 they had no trace)
      { name: 'r1-4', status: 'open', events: [] },
      { name: 'r1-5', status: 'open', events: [] },
    ]);
  });

  test('XES: a roster pause is a suspend and a resume; the unit is free meanwhile, and the task may resume on another', async () => {
    // Monday: 2 units until 10:00, 1 until 20:00. Cases every 4.5 h from 04:30 need 7 h each.
    // Case 2 takes the second unit at 09:00; at 10:00 it pauses (6 h left); at 11:30 case 1 ends
    // and case 2 resumes on the unit case 1 freed, to end at 17:30; case 3 (13:30) then starts.
    const roster = yaml`
      name: Roster
      run: { horizon: 19h, warmup: 0h, replications: 1, seed: 1, start: "2026-01-05T00:00:00Z" }
      resources:
        desk:
          shifts:
            - { days: [mon], hours: "00:00-20:00", capacity: 1 }
            - { days: [mon], hours: "00:00-10:00", capacity: 1 }
      arrivals: [{ flow: a, interarrival: 4.5h }]
      flows: { a: { start: work, nodes: { work: { resource: desk, duration: 7h } } } }
    `;
    const dir = tmp();
    await writeEventLogs({
      variants: [{ name: 'baseline', scenario: loadScenarioText(roster, 'roster.yaml').set!.baseline }],
      formats: ['xes', 'csv'],
      replications: 1,
      seed: 1,
      target: (name) => join(dir, name.replace('events/', '')),
    });
    const text = readFileSync(join(dir, 'baseline.xes'), 'utf8');
    expect(xesViolations(text)).toEqual([]);
    const value = (e: { children: { attributes: Record<string, string> }[] }, key: string) =>
      e.children.find((c) => c.attributes.key === key)?.attributes.value;
    const events = parseXml(text)
      .children.filter((c) => c.name === 'trace')
      .flatMap((t) =>
        t.children
          .filter((c) => c.name === 'event')
          .map(
            (e) =>
              `${value(t, 'concept:name')} ${value(e, 'lifecycle:transition')} ${value(e, 'time:timestamp')!.slice(11, 16)} ${value(e, 'org:resource')}`,
          ),
      );
    expect(events).toEqual([
      'r1-1 start 04:30 desk#1',
      'r1-1 complete 11:30 desk#1',
      'r1-2 start 09:00 desk#2',
      'r1-2 suspend 10:00 desk#2',
      'r1-2 resume 11:30 desk#1',
      'r1-2 complete 17:30 desk#1',
      'r1-3 start 17:30 desk#1',
    ]);
    // The CSV row holds the pause and the unit of each stretch, its org:resource the unit it ended
    // on, as the XES's complete event (the column's meaning: s35y F9); read back, either file
    // gives case 2's 7 h of work, not its 8.5 h span.
    const rows = readFileSync(join(dir, 'baseline.csv'), 'utf8').trimEnd().split('\n');
    expect(rows[2]).toMatch(/^r1-2,work,desk#1,.*,2026-01-05T10:00:00\.000Z\/2026-01-05T11:30:00\.000Z,desk#2;desk#1$/);
    // Each unit's hours of work, from the CSV's rows (stretches between the pauses, each on its
    // unit) and from the XES's events (start or resume to suspend or complete, on the event's unit):
    // the same; the unit a row names is never at work on two tasks at once.
    const busy = new Map<string, number>();
    const work = (unit: string, from: string, to: string) =>
      busy.set(unit, (busy.get(unit) ?? 0) + (Date.parse(to) - Date.parse(from)) / 3_600_000);
    const header = rows[0]!.split(',');
    for (const row of rows.slice(1)) {
      const cell = Object.fromEntries(row.split(',').map((v, i) => [header[i], v]));
      const pauses = cell.suspensions ? cell.suspensions.split(';').map((p) => p.split('/')) : [];
      const units = cell.units ? cell.units.split(';') : [cell['org:resource']];
      const edges = [cell.start_timestamp, ...pauses.flat(), cell['time:timestamp']];
      units.forEach((unit, i) => work(`csv ${unit}`, edges[2 * i]!, edges[2 * i + 1]!));
      expect(units.at(-1)).toBe(cell['org:resource']);
    }
    const open = new Map<string, [string, string]>();
    for (const line of events) {
      const [caseId, transition, hhmm, unit] = line.split(' ') as [string, string, string, string];
      const at = `2026-01-05T${hhmm}:00.000Z`;
      if (transition === 'start' || transition === 'resume') open.set(caseId, [unit, at]);
      else {
        const [was, from] = open.get(caseId)!;
        open.delete(caseId);
        work(`xes ${was}`, from, at);
      }
    }
    const perUnit = (format: string) =>
      Object.fromEntries([...busy].filter(([k]) => k.startsWith(format)).map(([k, v]) => [k.slice(4), v]));
    expect(perUnit('csv')).toEqual({ 'desk#1': 7 + 6, 'desk#2': 1 });
    expect(perUnit('csv')).toEqual(perUnit('xes'));
    // read back by etomsim's reader, a resumed task is its last unit's in either file
    const resources: string[][] = [];
    for (const name of ['baseline.xes', 'baseline.csv']) {
      const log = await readEventLog(join(dir, name));
      expect(log.size, name).toBe(2);
      const hours = (e: number) => [(log.end[e] - log.start[e]) / 3_600_000, activeMs(log, e, log.start[e]) / 3_600_000];
      expect([hours(0), hours(1)], name).toEqual([
        [7, 7],
        [8.5, 7],
      ]);
      expect([log.pauseFrom[0], log.pauseTo[0]]).toEqual([Date.UTC(2026, 0, 5, 10), Date.UTC(2026, 0, 5, 11, 30)]);
      resources.push([0, 1].map((e) => log.resources[log.resourceOf[e]!]!));
      // case 3, in progress at the horizon, is left out and counted
      expect(
        log.notes.map((n) => n.kind),
        name,
      ).toEqual(name.endsWith('.xes') ? ['starts never completed'] : []);
    }
    // and so is it from the CSV without its `units` column, as a tool that reads org:resource alone sees it
    const header0 = rows[0]!.split(',');
    const withoutUnits = rows.map((row) => row.split(',').slice(0, header0.indexOf('units')).join(',')).join('\n');
    writeFileSync(join(dir, 'no-units.csv'), `${withoutUnits}\n`);
    const plain = await readEventLog(join(dir, 'no-units.csv'));
    resources.push([0, 1].map((e) => plain.resources[plain.resourceOf[e]!]!));
    expect(resources).toEqual([
      ['desk#1', 'desk#1'],
      ['desk#1', 'desk#1'],
      ['desk#1', 'desk#1'],
    ]);
  });

  test("a calendar team's pauses off shift are logged as a one-shift roster's: the same suspends, resumes and units in every format", async () => {
    // s34x d7: a desk of 2 on Mon-Fri 08:00-16:00, 4 h tasks arriving 13:00, 14:00, 15:00 on
    // Monday. Cases 1 and 2 pause at 16:00 and resume at 08:00 on Tuesday, each on its own unit
    // again; case 3 waits for Tuesday 09:00. Then a busier week (exponential work, Poisson
    // arrivals), whose tasks pause at random points of their work: every log the same too.
    const desk = (calendar: boolean) =>
      calendar
        ? `calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "08:00-16:00" } }
      resources: { desk: { capacity: 2, calendar: office } }`
        : `resources: { desk: { shifts: [ { days: [mon, tue, wed, thu, fri], hours: "08:00-16:00", capacity: 2 } ] } }`;
    const write = async (calendar: boolean, arrivals: string, duration: string, horizon: string) => {
      const dir = tmp();
      const text = `name: Desk
      run: { horizon: ${horizon}, warmup: 0h, replications: 1, seed: 1, start: "2026-01-05T00:00:00Z" }
      ${desk(calendar)}
      arrivals: [ ${arrivals} ]
      flows: { f: { start: w, nodes: { w: { resource: desk, duration: ${duration} } } } }`.replace(/\n {6}/g, '\n');
      await ownLogs(text, dir, ['csv', 'xes', 'ocel'], 1);
      return ['baseline.csv', 'baseline.xes', 'baseline.ocel.json'].map((f) => readFileSync(join(dir, f), 'utf8'));
    };
    const d7 = ['{ flow: f, interarrival: 1h, after: 12h, cases: 3 }', '4h', '1w'] as const;
    const [csv, xes, ocel] = await write(true, ...d7);
    expect(await write(false, ...d7)).toEqual([csv, xes, ocel]);
    const cells = csv
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',').filter((_, i) => [0, 2, 5, 6, 14, 15].includes(i)));
    const day = (d: number, hhmm: string) => `2026-01-0${d}T${hhmm}:00.000Z`;
    expect(cells).toEqual([
      ['r1-1', 'desk#1', day(5, '13:00'), day(6, '09:00'), `${day(5, '16:00')}/${day(6, '08:00')}`, 'desk#1;desk#1'],
      ['r1-2', 'desk#2', day(5, '14:00'), day(6, '10:00'), `${day(5, '16:00')}/${day(6, '08:00')}`, 'desk#2;desk#2'],
      ['r1-3', 'desk#1', day(6, '09:00'), day(6, '13:00'), '', ''],
    ]);
    expect(xes.match(/value="suspend"/g)).toHaveLength(2);
    const busy = ['{ flow: f, rate: 0.5/h }', '{ exponential: { mean: 3h } }', '2w'] as const;
    const logs = await write(true, ...busy);
    expect(logs[0].match(/Z\/2026/g)!.length).toBeGreaterThan(5);
    expect(await write(false, ...busy)).toEqual(logs);
  });

  test('an automated task on a calendar pauses while it is closed: suspends and resumes without a unit', async () => {
    // Office 09:00-17:00 on weekdays; a 10 h automated task from Friday 16:00 works 1 h, pauses
    // to Monday 09:00, works 8 h, pauses to Tuesday 09:00 and ends at 10:00 (s34x d2).
    const dir = tmp();
    await ownLogs(
      `name: Auto
run: { horizon: 2w, warmup: 0h, replications: 1, seed: 1, start: "2026-01-05T00:00:00Z" }
calendars: { office: { days: [mon, tue, wed, thu, fri], hours: "09:00-17:00" } }
resources: {}
arrivals: [ { flow: f, interarrival: 112h, cases: 1 } ]
flows: { f: { start: t, nodes: { t: { duration: 10h, calendar: office } } } }`,
      dir,
      ['csv'],
      1,
    );
    const row = readFileSync(join(dir, 'baseline.csv'), 'utf8').trimEnd().split('\n')[1]!.split(',');
    expect([row[5], row[6], row[14], row[15]]).toEqual([
      '2026-01-09T16:00:00.000Z',
      '2026-01-13T10:00:00.000Z',
      '2026-01-09T17:00:00.000Z/2026-01-12T09:00:00.000Z;2026-01-12T17:00:00.000Z/2026-01-13T09:00:00.000Z',
      '',
    ]);
    const log = await readEventLog(join(dir, 'baseline.csv'), {});
    expect(activeMs(log, 0, log.start[0]) / 3_600_000).toBeCloseTo(10, 9);
  });

  test('XES stays well-formed and valid whatever the names hold', async () => {
    const dir = tmp();
    const text = SCENARIO.replace('name: Desk', 'name: "<Desk & \\"co\\">"');
    const set = loadScenarioText(text, 'desk.yaml').set!;
    // a scenario file's name may not hold a control character (refused at the name); the writer still
    // makes any it is given one XES can carry
    set.baseline.name += ' \u0001';
    await writeEventLogs({
      variants: [{ name: 'baseline', scenario: set.baseline }],
      formats: ['xes'],
      replications: 1,
      seed: 4,
      target: (n) => join(dir, n.replace('events/', '')),
    });
    const xes = readFileSync(join(dir, 'baseline.xes'), 'utf8');
    expect(xesViolations(xes)).toEqual([]);
    expect(xes).toContain('value="&lt;Desk &amp; &quot;co&quot;&gt; \uFFFD (baseline)"');
  });

  test('OCEL 2.0: valid against the JSON schema; cases, teams and units are objects with qualified relations', async () => {
    const dir = await writeLogs(2);
    const ocel = JSON.parse(readFileSync(join(dir, 'baseline.ocel.json'), 'utf8'));
    const ajv = new Ajv({ allErrors: true });
    ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/ocel20-schema.json'), 'utf8'));
    const valid = ajv.validate(schema, ocel);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(ocel.objectTypes.map((t: { name: string }) => t.name)).toEqual(['order', 'team', 'unit']);
    expect(ocel.eventTypes.map((t: { name: string }) => t.name)).toEqual(['a', 'b']);
    // two replications of 5 starts and 4 completions each
    expect(ocel.events).toHaveLength(18);
    expect(ocel.objects.map((o: { id: string }) => o.id)).toEqual([
      'team:desk',
      'unit:desk#1',
      'r1-1',
      'r1-2',
      'r1-3',
      'r1-4', // open at the horizon, never started: an object with no event
      'r1-5',
      'r2-1',
      'r2-2',
      'r2-3',
      'r2-4',
      'r2-5',
    ]);
    expect(ocel.objects[1].relationships).toEqual([{ objectId: 'team:desk', qualifier: 'member of' }]);
    expect(ocel.events[0]).toEqual({
      id: 'e1',
      type: 'a',
      time: at('01:00'),
      attributes: [
        { name: 'lifecycle', value: 'start' },
        { name: 'enabled', value: at('01:00') },
        { name: 'warmup', value: true },
        { name: 'etom', value: '1.3.3.1' },
      ],
      relationships: [
        { objectId: 'r1-1', qualifier: 'case' },
        { objectId: 'team:desk', qualifier: 'team' },
        { objectId: 'unit:desk#1', qualifier: 'performed by' },
      ],
    });
    // every event's objects exist
    const ids = new Set(ocel.objects.map((o: { id: string }) => o.id));
    for (const e of ocel.events) for (const r of e.relationships) expect(ids.has(r.objectId)).toBe(true);
  });
});

describe('the XES structure check', () => {
  test('finds what the schema forbids: order, missing and mistyped attributes, unknown elements', () => {
    const bad = `<log xes.version="one"><trace><event><date key="time:timestamp" value="yesterday"/></event><string key="late" value="x"/></trace><extension name="C" prefix="c"/><foo/></log>`;
    expect(xesViolations(bad)).toEqual([
      "log: xes.version='one' has the wrong type",
      'log: <extension> is out of order or not allowed',
      'log/trace: <string> is out of order or not allowed', // trace attributes come before its events
      "log/trace/event/date: value='yesterday' has the wrong type",
      'log/extension: missing uri',
    ]);
  });
});

describe('etomsim run --event-log', () => {
  const run = (...args: string[]) => etomsimWithin(60_000, 'run', ...args);

  test("writes each variant's logs under events/ with results.json, the same cases the experiment simulated", () => {
    const dir = tmp();
    const file = join(dir, 'desk.yaml');
    writeFileSync(file, SCENARIO + 'variants:\n  faster: { patch: { flows: { order: { nodes: { a: { duration: 1h } } } } } }\n');
    const out = join(dir, 'out');
    const r = run(
      file,
      '--out',
      out,
      '--no-report',
      '-q',
      '-w',
      '1',
      '-r',
      '3',
      '--event-log',
      'csv,ocel',
      '--event-log-replications',
      '2',
    );
    // -q keeps one warning only, a team offered all its capacity or more (bin/run-summary.ts' SHOWN_UNDER_QUIET): desk at 150%, 100% faster
    expect(r.stderr.split('\n').filter((line) => line !== '')).toEqual([
      expect.stringMatching(/^warning: baseline: desk is unstable: it is offered 150% /),
      expect.stringMatching(/^warning: faster: desk is unstable: it is offered 100% /),
    ]);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.etomsim-manifest.json', 'events', 'results.json']);
    expect(readdirSync(join(out, 'events')).sort()).toEqual(['baseline.csv', 'baseline.ocel.json', 'faster.csv', 'faster.ocel.json']);
    const rows = readFileSync(join(out, 'events/baseline.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    // b ends a case: its completions after the warm-up are the cases the results count as completed, replication by replication
    const completed = (rep: number) =>
      rows.filter((l) => /^r\d+-\d+,b,/.test(l) && l.split(',')[11] === String(rep) && l.split(',')[12] === 'false').length;
    expect([completed(1), completed(2)]).toEqual(results.variants.baseline.replications['flows.order.completed'].slice(0, 2));
  });

  test("--event-log-replications past the run's replications is refused before simulating; with --precision cut to those run", () => {
    const dir = tmp();
    const file = join(dir, 'desk.yaml');
    writeFileSync(file, SCENARIO);
    const refused = run(file, ...resultsOnly(join(dir, 'out')), '-r', '2', '--event-log', 'csv', '--event-log-replications', '999');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--event-log-replications 999 is more than the run's 2 replications \(--replications 2\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    // the file's run.replications (1) named as such
    const fromFile = run(file, ...resultsOnly(join(dir, 'out')), '--event-log', 'csv', '--event-log-replications', '2');
    expect(fromFile.status).toBe(2);
    expect(fromFile.stderr).toMatch(/more than the run's 1 replication \(run\.replications in .*desk\.yaml\)/);
    // --precision: the deterministic desk meets any precision at once, in its first round of 2
    const out = join(dir, 'precise');
    const capped = run(file, ...resultsOnly(out), '-r', '2', '--precision', '0.5', '--event-log', 'csv', '--event-log-replications', '5');
    expect(capped.status).toBe(0);
    const ran = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).engine.replications;
    expect(capped.stderr).toContain(
      `warning: --event-log-replications 5 is more than the ${ran} replications --precision ran: the logs hold those ${ran}`,
    );
    const reps = new Set(
      readFileSync(join(out, 'events/baseline.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',')[11]),
    );
    expect([...reps].sort()).toEqual(Array.from({ length: ran }, (_, i) => String(i + 1)));
  });

  test('an unknown format is an option error: exit 2, nothing written', () => {
    const dir = tmp();
    const file = join(dir, 'desk.yaml');
    writeFileSync(file, SCENARIO);
    const r = run(file, '--out', join(dir, 'out'), '--event-log', 'csv,pdf');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--event-log takes csv, xes, ocel \(OCEL 2\.0 JSON\) or ocel-sqlite, comma-separated \(got 'csv,pdf'\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});
