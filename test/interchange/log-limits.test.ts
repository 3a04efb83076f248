// The limits of an event log (engine/interchange/log-limits.ts), each met through the command
// a user runs, lowered with ETOMSIM_LOG_LIMITS so that no test needs gigabytes: exit 2, the
// message saying which limit and what to do, and nothing written. Two defaults are met for
// real where that is cheap: a row of 32 MiB of NULs (a gzip bomb's) and XML nested 1,001 deep.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import initSqlJs from 'sql.js';
import { expect, test } from 'vitest';
import { LOG_LIMITS, parseLogLimits } from '../../engine/interchange/log-limits.js';
import { etomsimWithEnv } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const folder = scratchFolders('etomsim-log-limits-');
const PART = 'read a part of it (a shorter period, or fewer cases)';

/** Three cases of two steps, an hour apart. */
const STEPS = [1, 2, 3].flatMap((c) => [
  { caseId: `c${c}`, activity: 'Register', time: `2024-01-0${c}T09:00:00Z` },
  { caseId: `c${c}`, activity: 'Close', time: `2024-01-0${c}T10:00:00Z` },
]);

const csv = () => `case,activity,time\n${STEPS.map((s) => `${s.caseId},${s.activity},${s.time}\n`).join('')}`;

const xes = () =>
  `<log>\n${[1, 2, 3]
    .map(
      (c) =>
        `<trace><string key="concept:name" value="c${c}"/>\n${STEPS.filter((s) => s.caseId === `c${c}`)
          .map((s) => `<event><string key="concept:name" value="${s.activity}"/><date key="time:timestamp" value="${s.time}"/></event>\n`)
          .join('')}</trace>\n`,
    )
    .join('')}</log>\n`;

const ocelJson = () =>
  `${JSON.stringify({
    objectTypes: [{ name: 'case', attributes: [] }],
    eventTypes: [],
    objects: [1, 2, 3].map((c) => ({ id: `c${c}`, type: 'case' })),
    events: STEPS.map((s, i) => ({
      id: `e${i}`,
      type: s.activity,
      time: s.time,
      relationships: [{ objectId: s.caseId, qualifier: 'case' }],
    })),
  })}\n`;

const ocelXml = () =>
  `<log>\n<objects>\n${[1, 2, 3].map((c) => `<object id="c${c}" type="case"/>\n`).join('')}</objects>\n<events>\n${STEPS.map(
    (s, i) =>
      `<event id="e${i}" type="${s.activity}" time="${s.time}"><objects><relationship object-id="${s.caseId}" qualifier="case"/></objects></event>\n`,
  ).join('')}</events>\n</log>\n`;

/** `discover` of `content` (as file `name`) with ETOMSIM_LOG_LIMITS=limits: its status, first line of stderr, and whether it wrote its scenario. */
function discoverWith(limits: string, name: string, content: string | Buffer) {
  const dir = folder();
  const path = join(dir, name);
  writeFileSync(path, content);
  const out = join(dir, 'found.yaml');
  const r = etomsimWithEnv({ ETOMSIM_LOG_LIMITS: limits }, 'discover', path, '--out', out, '--quiet');
  return { path, status: r.status, error: r.stderr.split('\n')[0], wrote: existsSync(out) };
}

test('each log reads whole within the limits, and the same limits lowered refuse it (the test logs are sound)', () => {
  for (const [name, content] of [
    ['log.csv', csv()],
    ['log.xes', xes()],
    ['log.json', ocelJson()],
    ['log.xml', ocelXml()],
  ] as const) {
    expect(discoverWith('', name, content), name).toMatchObject({ status: 0, wrote: true });
    expect(discoverWith('events=5', name, content), name).toMatchObject({ status: 2, wrote: false });
  }
});

test('the bytes of a streamed log are counted after decompression: a gzip file inflating past the limit is refused', () => {
  for (const [name, content] of [
    ['log.csv.gz', gzipSync(csv())],
    ['log.xes.gz', gzipSync(xes())],
    ['log.xml', ocelXml()],
  ] as const) {
    const r = discoverWith('text=100', name, content);
    const uncompressed = name.endsWith('.gz') ? 'uncompressed, ' : '';
    expect(r).toEqual({
      path: r.path,
      status: 2,
      error: `${r.path}:1:1: cannot read the log: ${uncompressed}it holds more than 100 bytes, the most etomsim reads as an event log; ${PART} (at file)`,
      wrote: false,
    });
  }
});

test('OCEL JSON, read as one text, is refused past its own bound (V8 longest string by default) rather than failing in V8', () => {
  const r = discoverWith('json=100', 'log.json.gz', gzipSync(ocelJson()));
  expect(r.error).toBe(
    `${r.path}:1:1: cannot read the log: uncompressed, it holds more than 100 bytes, the most etomsim reads as OCEL JSON, which is read as one text; convert it to OCEL 2.0 XML or SQLite, or ${PART} (at file)`,
  );
  expect([r.status, r.wrote]).toEqual([2, false]);
  expect(LOG_LIMITS.json).toBe(536_870_888); // Node 20's longest string on 64 bits: 2**29 - 24 characters
});

test('a CSV row longer than the limit (a quote never closed, a bomb of one character) is refused at the row where it starts', () => {
  const unclosed = discoverWith('item=200', 'log.csv', `${csv()}c4,"Register,${'x'.repeat(300)}\n`);
  expect(unclosed.error).toBe(
    `${unclosed.path}:8:1: a row longer than 200 characters, the most etomsim reads as one row of a CSV log (a quote never closed makes the rest of the file one field; is the file a CSV log?) (at CSV)`,
  );
  expect([unclosed.status, unclosed.wrote]).toEqual([2, false]);
  // the default, 16 MiB: 32 MiB of 'x' as a gzip file (gzip members concatenated inflate to their contents
  // concatenated); of NULs, the same bomb is refused at its first byte, which no text holds (text-encoding's nulIn)
  const bombOf = (byte: number) => {
    const mib = gzipSync(Buffer.alloc(1 << 20, byte));
    return discoverWith('', 'bomb.csv.gz', Buffer.concat(Array.from({ length: 32 }, () => mib)));
  };
  const bomb = bombOf(0x78);
  expect(bomb.error).toBe(
    `${bomb.path}:1:1: a row longer than 16,777,216 characters, the most etomsim reads as one row of a CSV log (a quote never closed makes the rest of the file one field; is the file a CSV log?) (at CSV)`,
  );
  expect([bomb.status, bomb.wrote]).toEqual([2, false]);
  const nuls = bombOf(0);
  expect(nuls.error).toBe(`${nuls.path}:1:1: a NUL byte, which no text holds (is the log text?): save it as UTF-8 (at file)`);
  expect([nuls.status, nuls.wrote]).toEqual([2, false]);
});

test('a CSV row of more columns than the limit is refused at the column past it, the header at the default (s60)', () => {
  // within the row's 16 MiB a header could hold 16.8 million empty names: 16 s and 2.07 GB before
  const header = `case,activity,time${',x'.repeat(LOG_LIMITS.columns - 3 + 1)}`;
  const wide = discoverWith('', 'wide.csv', `${header}\n${csv().split('\n').slice(1).join('\n')}`);
  expect(wide.error).toBe(
    `${wide.path}:1:65537: a row of more than 65,536 columns, the most etomsim reads in a CSV log (is the delimiter right? is the file a CSV log?) (at CSV)`,
  );
  expect([wide.status, wide.wrote]).toEqual([2, false]);
  // lowered, a row below the header: refused there, at the field past them
  const row = discoverWith('columns=3', 'log.csv', `${csv()}c4,Register,2024-01-04T09:00:00Z,extra\n`);
  expect(row.error).toBe(
    `${row.path}:8:4: a row of more than 3 columns, the most etomsim reads in a CSV log (is the delimiter right? is the file a CSV log?) (at CSV)`,
  );
  expect([row.status, row.wrote]).toEqual([2, false]);
});

test('in XML, a tag or text longer than the limit is refused where the limit is passed, and nesting past 1,000 elements too', () => {
  const long = xes().replace('value="c2"', `value="c2${'x'.repeat(300)}"`);
  const r = discoverWith('item=200', 'log.xes', long);
  // line 6 holds trace c2: '<trace><string key="concept:name" value="c2xxx…': 200 characters after its second '<'
  expect(r.error).toBe(
    `${r.path}:6:208: more than 200 characters from one '<' to the next, the most etomsim reads as one tag or text of an XML log (is the file an event log?) (at XES)`,
  );
  expect([r.status, r.wrote]).toEqual([2, false]);
  const text = discoverWith('item=200', 'log.xml', ocelXml().replace('<events>', `<events>${' '.repeat(300)}`));
  expect(text.error).toMatch(/^.*:7:\d+: more than 200 characters from one '<' to the next, .* \(at OCEL\)$/);
  const nested = '<log><trace>' + '<list key="a">'.repeat(999);
  for (const [name, content, format] of [
    ['deep.xes', nested, 'XES'],
    ['deep.xml', `<log><events>${'<events>'.repeat(999)}`, 'OCEL'],
  ] as const) {
    const deep = discoverWith('', name, content);
    expect(deep.error).toMatch(
      new RegExp(
        `^.*:1:\\d+: more than 1,000 elements open at once, the most etomsim reads in an XML log \\(is the file an event log\\?\\) \\(at ${format}\\)$`,
      ),
    );
    expect([deep.status, deep.wrote]).toEqual([2, false]);
  }
});

test('more events than the limit are refused at the first one past it, in every format', () => {
  const expected = (where: string, at: string) =>
    `${where}: more than 4 events, the most etomsim reads from one log (its memory grows with each); ${PART} (at ${at})`;
  const c = discoverWith('events=4', 'log.csv', csv());
  expect(c.error).toBe(expected(`${c.path}:6:1`, 'CSV'));
  const x = discoverWith('events=4', 'log.xes', xes());
  expect(x.error).toBe(expected(`${x.path}:11:1`, 'XES')); // c3's first event
  const j = discoverWith('events=4', 'log.json', ocelJson());
  expect(j.error).toMatch(new RegExp(`^${expected(`${j.path}:1:\\d+`, 'events\\[4\\]').replace(/[()]/g, '\\$&')}$`));
  const m = discoverWith('events=4', 'log.xml', ocelXml());
  expect(m.error).toBe(expected(`${m.path}:12:59`, 'events[4]')); // e4's tag, where saxes stands once it is read
  for (const r of [c, x, j, m]) expect([r.status, r.wrote]).toEqual([2, false]);
});

test('more distinct activities than the limit are refused at the first one past it, in every format, the CSV at the default', () => {
  // every activity distinct (an id column read as the activity, say): discovery's pair tables over
  // 20,000 of them took 5 GB, 60,000 did not finish in two minutes (session 61)
  const rows = Array.from({ length: LOG_LIMITS.activities + 1 }, (_, i) =>
    [`c${Math.floor(i / 10)}`, `a${i}`, new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()].join(),
  );
  const many = discoverWith('', 'many.csv', `case,activity,time\n${rows.join('\n')}\n`);
  const expected = (where: string, max: string, at: string) =>
    `${where}: more than ${max}, the most etomsim reads from one log (discovery weighs every pair of them); is that the activity? If so, ${PART} (at ${at})`;
  expect(many.error).toBe(expected(`${many.path}:5002:2`, '5,000 distinct activities', "column 'activity'"));
  // lowered to one: c1's Close, the second activity, in each format
  const c = discoverWith('activities=1', 'log.csv', csv());
  expect(c.error).toBe(expected(`${c.path}:3:2`, '1 distinct activity', "column 'activity'"));
  const x = discoverWith('activities=1', 'log.xes', xes());
  expect(x.error).toBe(expected(`${x.path}:4:7`, '1 distinct activity', 'event')); // the end of c1's second event tag, as saxes reads it
  const j = discoverWith('activities=1', 'log.json', ocelJson());
  expect(j.error).toMatch(/^.*:1:\d+: more than 1 distinct activity, the most etomsim reads from one log .* \(at events\[1\]\.type\)$/);
  const m = discoverWith('activities=1', 'log.xml', ocelXml());
  expect(m.error).toMatch(/^.*:9:\d+: more than 1 distinct activity, the most etomsim reads from one log .* \(at .*\)$/);
  for (const r of [many, c, x, j, m]) expect([r.status, r.wrote]).toEqual([2, false]);
  // a log of as many as the limit reads: the limit counts distinct activities, not their events
  expect(discoverWith('activities=2', 'log.csv', csv())).toMatchObject({ status: 0, wrote: true });
});

test('OCEL logs and XES traces, held whole until built, are refused past the events held', () => {
  const held = (at: string) =>
    `more than 4 events, the most etomsim reads from an OCEL 2.0 log (it holds every event until it has read them all); ${PART} (at ${at})`;
  const j = discoverWith('held=4', 'log.json', ocelJson());
  expect(j.error).toMatch(/^.*:1:\d+: more than 4 events, the most etomsim reads from an OCEL 2.0 log/);
  expect(j.error.endsWith(held('events[4]'))).toBe(true);
  const m = discoverWith('held=4', 'log.xml', ocelXml());
  expect(m.error).toBe(`${m.path}:12:59: ${held('OCEL')}`); // e4's tag, where saxes stands once it is read
  const x = discoverWith('held=1', 'log.xes', xes());
  expect(x.error).toBe(
    `${x.path}:4:7: a trace of more than 1 event, the most etomsim holds of one trace (its events are read before its case id is known); ${PART} (at event)`,
  );
  for (const r of [j, m, x]) expect([r.status, r.wrote]).toEqual([2, false]);
});

test('an OCEL SQLite log is refused past its rows and its bytes, lowered as the other limits are', async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE event (ocel_id TEXT, ocel_type TEXT);
    CREATE TABLE event_map_type (ocel_type TEXT, ocel_type_map TEXT);
    CREATE TABLE object (ocel_id TEXT, ocel_type TEXT);
    CREATE TABLE event_object (ocel_event_id TEXT, ocel_object_id TEXT, ocel_qualifier TEXT);
    CREATE TABLE event_Register (ocel_id TEXT, ocel_time TEXT);
    CREATE TABLE event_Close (ocel_id TEXT, ocel_time TEXT);
    INSERT INTO event_map_type VALUES ('Register', 'Register'), ('Close', 'Close');
    INSERT INTO object VALUES ('c1', 'case'), ('c2', 'case'), ('c3', 'case');`);
  STEPS.forEach((s, i) => {
    db.run('INSERT INTO event VALUES (?, ?)', [`e${i}`, s.activity]);
    db.run(`INSERT INTO event_${s.activity} VALUES (?, ?)`, [`e${i}`, s.time]);
    db.run("INSERT INTO event_object VALUES (?, ?, 'case')", [`e${i}`, s.caseId]);
  });
  const bytes = Buffer.from(db.export());
  db.close();
  expect(discoverWith('', 'log.sqlite', bytes)).toMatchObject({ status: 0, wrote: true });
  const rows = discoverWith('sqliteRows=5', 'log.sqlite', bytes);
  expect(rows.error).toBe(
    `${rows.path}:4:1: more than 5 rows in the tables read, the most etomsim reads from an OCEL SQLite log (at table event, row 4)`,
  );
  const size = discoverWith('sqliteBytes=4096', 'log.sqlite.gz', gzipSync(bytes));
  expect(size.error).toBe(
    `${size.path}:1:1: cannot read the log: uncompressed, it holds more than 4,096 bytes, the most etomsim reads as an OCEL SQLite log (at file)`,
  );
  for (const r of [rows, size]) expect([r.status, r.wrote]).toEqual([2, false]);
});

test('run --event-log ocel-sqlite refuses a log growing past the limit: exit 2, the alternatives, no output folder', () => {
  const dir = folder();
  const out = join(dir, 'out');
  const r = etomsimWithEnv(
    { ETOMSIM_LOG_LIMITS: 'sqliteBytes=200000' },
    'run',
    join(import.meta.dirname, '../../scenarios/fiber-order-to-activation.yaml'),
    '--event-log',
    'csv,ocel-sqlite',
    '--replications',
    '2',
    '--workers',
    '1',
    '--quiet',
    '--out',
    out,
  );
  expect(r.status).toBe(2);
  expect(r.stderr.split('\n')[0]).toBe(
    "etomsim: events/baseline.ocel.sqlite: the simulated log grows past 200,000 bytes, the most etomsim writes as OCEL SQLite (it builds the database in memory, and reads back no larger one; ETOMSIM_LOG_LIMITS lowers the limit); nothing was written. Ask for --event-log ocel (OCEL 2.0 JSON), csv or xes, written as the run is replayed, or for fewer replications' logs (--event-log-replications N)",
  );
  expect(existsSync(out)).toBe(false);
});

test('ETOMSIM_LOG_LIMITS lowers limits only, and anything else in it is refused before anything is read or run', () => {
  expect(parseLogLimits(' events = 7 , text=9')).toEqual({ ...LOG_LIMITS, events: 7, text: 9 });
  for (const [setting, message] of [
    ['events=0', 'ETOMSIM_LOG_LIMITS: events=0 is out of range: it lowers a limit, from 1 to 10,000,000'],
    ['events=10000001', 'ETOMSIM_LOG_LIMITS: events=10000001 is out of range: it lowers a limit, from 1 to 10,000,000'],
    [
      'rows=5',
      "ETOMSIM_LOG_LIMITS: 'rows=5' is not NAME=NUMBER with NAME one of text, json, item, columns, depth, events, held, sqliteBytes, sqliteRows, activities",
    ],
    [
      'events=1e3',
      "ETOMSIM_LOG_LIMITS: 'events=1e3' is not NAME=NUMBER with NAME one of text, json, item, columns, depth, events, held, sqliteBytes, sqliteRows, activities",
    ],
  ]) {
    const r = discoverWith(setting, 'log.csv', csv());
    expect([r.status, r.error, r.wrote]).toEqual([2, `etomsim: ${message}`, false]);
  }
  const dir = folder();
  const run = etomsimWithEnv({ ETOMSIM_LOG_LIMITS: 'held=-1' }, 'run', '--event-log', 'csv', '--quiet', '--out', join(dir, 'out'));
  expect([run.status, run.stderr.split('\n')[0], existsSync(join(dir, 'out'))]).toEqual([
    2,
    "etomsim: ETOMSIM_LOG_LIMITS: 'held=-1' is not NAME=NUMBER with NAME one of text, json, item, columns, depth, events, held, sqliteBytes, sqliteRows, activities",
    false,
  ]);
});
