// OCEL 2.0 logs, JSON and XML: etomsim's own reads back as its CSV does (the same activity
// instances, pauses included), and another tool's, with several object types, is flattened on
// the type named with --case (an event of two such objects is in both cases); its XML form
// reads as its JSON form does; bad input is placed.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { discover } from '../../engine/discovery/discover.js';
import { LogError } from '../../engine/interchange/event-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { xmlText } from '../../engine/interchange/xml-text.js';
import { logInstances } from '../support/log-instances.js';
import { ownLogs } from '../support/own-logs.js';
import { scratchFolders } from '../support/scratch.js';

const folder = scratchFolders('etomsim-ocel-');
const dir = folder();

// A desk that pauses its tasks at 20:00 for an hour (a roster), two steps and a choice.
const SCENARIO = `name: Ocel
run: { horizon: 7d, replications: 1, start: "2026-01-05T00:00:00Z" }
resources:
  desk:
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-20:00", capacity: 2 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "21:00-24:00", capacity: 2 }
arrivals: [ { flow: order, rate: 1/h } ]
flows:
  order:
    start: take
    nodes:
      take: { resource: desk, duration: { exponential: { mean: 1h } }, next: route }
      route: { branch: [ { to: check, p: 0.5 }, { to: done, p: 0.5 } ] }
      check: { resource: desk, duration: { exponential: { mean: 2h } }, next: done }
      done: { duration: 0 }
`;

test("etomsim's own OCEL reads back as its CSV: the same instances, resources, teams and pauses", async () => {
  const { paths } = await ownLogs(SCENARIO, dir, ['csv', 'ocel'], 3);
  const [csv, ocel] = await Promise.all(paths.map((f) => readEventLog(f)));
  expect(ocel.format).toBe('ocel');
  expect(ocel.size).toBeGreaterThan(100);
  expect(Array.from(ocel.suspended).some((ms) => ms > 0)).toBe(true);
  expect(logInstances(ocel)).toEqual(logInstances(csv));
});

const OTHER = {
  objectTypes: [
    { name: 'order', attributes: [] },
    { name: 'item', attributes: [] },
  ],
  eventTypes: [],
  objects: [
    { id: 'o1', type: 'order', attributes: [] },
    { id: 'o2', type: 'order', attributes: [] },
    { id: 'i1', type: 'item', attributes: [] },
  ],
  // out of time order on purpose; the pick of i1 is related to no order
  events: [
    {
      id: 'e3',
      type: 'ship',
      time: '2024-01-08T12:00:00+01:00',
      attributes: [{ name: 'org:resource', value: 'ann' }],
      relationships: [
        { objectId: 'o1', qualifier: 'x' },
        { objectId: 'o2', qualifier: 'x' },
      ],
    },
    {
      id: 'e1',
      type: 'place',
      time: '2024-01-08T09:00:00Z',
      attributes: [],
      relationships: [
        { objectId: 'o1', qualifier: 'x' },
        { objectId: 'i1', qualifier: 'y' },
      ],
    },
    { id: 'e2', type: 'place', time: '2024-01-08T10:00:00Z', attributes: [], relationships: [{ objectId: 'o2', qualifier: 'x' }] },
    { id: 'e4', type: 'pick', time: '2024-01-08T10:30:00Z', attributes: [], relationships: [{ objectId: 'i1', qualifier: 'y' }] },
  ],
};

test('another OCEL 2.0 log is flattened on the object type --case names', async () => {
  const path = join(dir, 'other.jsonocel');
  writeFileSync(path, JSON.stringify(OTHER, null, 1));
  const log = await readEventLog(path, { columns: { case: 'order' } });
  expect(logInstances(log)).toEqual(
    [
      'o1 place   NaN 1704704400000 0',
      'o1 ship ann  NaN 1704711600000 0',
      'o2 place   NaN 1704708000000 0',
      'o2 ship ann  NaN 1704711600000 0',
    ].sort(),
  );
  expect(log.notes).toEqual([expect.objectContaining({ kind: "events related to no 'order' object", count: 1, example: 'row 4' })]);
});

test('an OCEL log of several types without --case, an unknown type, and bad JSON: placed errors', async () => {
  const path = join(dir, 'types.json');
  writeFileSync(path, JSON.stringify(OTHER));
  await expect(readEventLog(path)).rejects.toThrow(
    "types.json:1:1: an object-centric log: name the object type whose objects are the cases with --case TYPE; the events relate to 'order' (3 events), 'item' (2 events) (at file)",
  );
  await expect(readEventLog(path, { columns: { case: 'ordr' } })).rejects.toThrow(
    "no object type 'ordr' for --case; the types are 'order', 'item'",
  );
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{\n  "objects": [],\n  "events": [,]\n}');
  const err = await readEventLog(bad).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LogError);
  expect(err).toMatchObject({ row: 3, at: 'OCEL' });
});

test('OCEL 2.0 JSON of the wrong shape (an event with attributes or relationships that are not lists, a resource that is an object or a list, a bad enabled time, no events): placed errors, not internal ones', async () => {
  // each refused at the event's key (they stopped as 'This is a bug in etomsim': 'find is not a function', 'Cannot convert object to primitive value')
  const cases: [string, (e: Record<string, unknown>) => void, string][] = [
    ['attributes', (e) => (e.attributes = 'x'), "'attributes' must be a list of {name, value} (at events[0].attributes)"],
    [
      'relationships',
      (e) => (e.relationships = { o1: 'x' }),
      "'relationships' must be a list of {objectId, qualifier} (at events[0].relationships)",
    ],
    [
      'object',
      (e) => (e.attributes = [{ name: 'org:resource', value: { name: 'ann' } }]),
      "attribute 'org:resource' is an object; etomsim reads it as one value (a text or a number) (at events[0].attributes)",
    ],
    [
      'list',
      (e) => (e.attributes = [{ name: 'org:resource', value: ['ann', 'bob'] }]),
      "attribute 'org:resource' is a list; etomsim reads it as one value (a text or a number) (at events[0].attributes)",
    ],
    ['type', (e) => (e.type = 7), "'type' is the number 7: an activity is a text (at events[0].type)"],
    // read as no enabled time, unsaid, before session 58 (the CSV and XES readers refused it)
    [
      'enabled',
      (e) => (e.attributes = [{ name: 'enabled', value: 'soon' }]),
      "attribute 'enabled': 'soon' is not a timestamp; expected ISO 8601 (at events[0].attributes)",
    ],
  ];
  for (const [name, spoil, message] of cases) {
    const doc = structuredClone(OTHER) as unknown as { events: Record<string, unknown>[] };
    spoil(doc.events[0]);
    const path = join(dir, `shape-${name}.json`);
    writeFileSync(path, JSON.stringify(doc, null, 1));
    const err = (await readEventLog(path, { columns: { case: 'order' } }).catch((e: unknown) => e)) as LogError;
    expect(err).toBeInstanceOf(LogError);
    expect(err.message).toMatch(/:\d+:\d+: /);
    expect(err.message.startsWith(`${path}:`) && err.message.endsWith(`: ${message}`) ? message : err.message).toBe(message);
  }
  const empty = join(dir, 'no-events.json');
  writeFileSync(empty, JSON.stringify({ ...OTHER, events: [] }));
  await expect(readEventLog(empty)).rejects.toThrow('no-events.json:1:1: the log has no events (at file)');
  const unrelated = join(dir, 'unrelated.json');
  writeFileSync(unrelated, JSON.stringify({ ...OTHER, events: OTHER.events.map((e) => ({ ...e, relationships: [] })) }));
  await expect(readEventLog(unrelated)).rejects.toThrow(
    "unrelated.json:1:1: no event relates to any of the log's objects: there are no cases to read (at file)",
  );
});

// ---- the XML form of OCEL 2.0 --------------------------------------------------------------

interface JsonOcel {
  objectTypes: { name: string }[];
  eventTypes: { name: string }[];
  objects: { id: string; type: string; attributes?: { name: string; value: unknown; time: string }[] }[];
  events: {
    id: string;
    type: string;
    time: string;
    attributes: { name: string; value: unknown }[];
    relationships: { objectId: string; qualifier: string }[];
  }[];
}

/**
 * The XML form of an OCEL 2.0 JSON document, as pm4py writes it (relationships as
 * <relationship>) or as the specification's XSD has it (<object>), one element a line.
 */
function asXml(doc: JsonOcel, relation: 'relationship' | 'object' = 'relationship'): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<!-- written by a test -->', '<log>', '  <object-types>'];
  for (const t of doc.objectTypes) lines.push(`    <object-type name="${xmlText(t.name)}"><attributes/></object-type>`);
  lines.push('  </object-types>', '  <event-types>');
  for (const t of doc.eventTypes) lines.push(`    <event-type name="${xmlText(t.name)}"><attributes/></event-type>`);
  lines.push('  </event-types>', '  <objects>');
  for (const o of doc.objects) {
    const attributes = (o.attributes ?? []).map(
      (a) => `<attribute name="${xmlText(a.name)}" time="${xmlText(a.time)}">${xmlText(String(a.value))}</attribute>`,
    );
    lines.push(
      `    <object id="${xmlText(o.id)}" type="${xmlText(o.type)}"><attributes>${attributes.join('')}</attributes><objects/></object>`,
    );
  }
  lines.push('  </objects>', '  <events>');
  for (const e of doc.events) {
    lines.push(`    <event id="${xmlText(e.id)}" type="${xmlText(e.type)}" time="${xmlText(e.time)}">`, '      <attributes>');
    for (const a of e.attributes) lines.push(`        <attribute name="${xmlText(a.name)}">${xmlText(String(a.value))}</attribute>`);
    lines.push('      </attributes>', '      <objects>');
    for (const r of e.relationships)
      lines.push(
        `        <${relation} object-id="${xmlText(r.objectId)}" qualifier="${xmlText(r.qualifier)}"${relation === 'object' ? ' type="x"' : ''}/>`,
      );
    lines.push('      </objects>', '    </event>');
  }
  lines.push('  </events>', '</log>', '');
  return lines.join('\n');
}

test("etomsim's own OCEL in XML (gzipped too) reads back as its JSON: the same instances, resources, teams and pauses", async () => {
  const {
    paths: [jsonFile],
  } = await ownLogs(SCENARIO, folder(), ['ocel'], 5);
  const doc = JSON.parse(readFileSync(jsonFile, 'utf8')) as JsonOcel;
  const xmlFile = join(dir, 'own.xml');
  writeFileSync(xmlFile, asXml(doc));
  const gzFile = join(dir, 'own.xmlocel.gz');
  writeFileSync(gzFile, gzipSync(asXml(doc, 'object')));
  const [json, xml, gz] = await Promise.all([readEventLog(jsonFile), readEventLog(xmlFile), readEventLog(gzFile)]);
  expect(xml.format).toBe('ocel');
  expect(xml.size).toBeGreaterThan(100);
  expect(Array.from(xml.suspended).some((ms) => ms > 0)).toBe(true);
  expect(logInstances(xml)).toEqual(logInstances(json));
  expect(logInstances(gz)).toEqual(logInstances(json));
});

test('another OCEL 2.0 log in XML is flattened as its JSON is; its notes give the line of the event', async () => {
  const path = join(dir, 'other.xml');
  const text = asXml(OTHER as JsonOcel, 'object');
  writeFileSync(path, text);
  const log = await readEventLog(path, { columns: { case: 'order' } });
  const fromJson = join(dir, 'other-again.json');
  writeFileSync(fromJson, JSON.stringify(OTHER));
  expect(logInstances(log)).toEqual(logInstances(await readEventLog(fromJson, { columns: { case: 'order' } })));
  const pickLine = text.split('\n').findIndex((l) => l.includes('id="e4"')) + 1;
  expect(log.notes).toEqual([
    expect.objectContaining({ kind: "events related to no 'order' object", count: 1, example: `row ${pickLine}` }),
  ]);
});

// An order no event relates to, its attribute dated after OCEL's initial values: a case the log
// shows by its arrival alone (EventLog.waiting), as etomsim writes a case open that never started
// a task; one whose attributes are initial values only (dated 1970-01-01T00:00:00, in any zone) says no arrival.
test('OCEL 2.0, JSON and XML: an object of the case type with no event is a case arriving at its first dated attribute', async () => {
  const doc = {
    ...OTHER,
    objects: [
      ...OTHER.objects,
      { id: 'o3', type: 'order', attributes: [{ name: 'priority', value: 'high', time: '2024-01-09T08:30:00+01:00' }] },
      { id: 'o4', type: 'order', attributes: [{ name: 'priority', value: 'low', time: '1970-01-01T00:00:00Z' }] },
      { id: 'o5', type: 'order', attributes: [{ name: 'priority', value: 'low', time: '1970-01-01T00:00:00+01:00' }] },
      { id: 'i2', type: 'item', attributes: [{ name: 'weight', value: 2, time: '2024-01-09T09:00:00Z' }] },
    ],
  };
  const json = join(dir, 'waiting.json');
  writeFileSync(json, JSON.stringify(doc));
  const xml = join(dir, 'waiting.xml');
  writeFileSync(xml, asXml(doc as JsonOcel));
  for (const path of [json, xml]) {
    const log = await readEventLog(path, { columns: { case: 'order' } });
    expect(
      log.waiting.map((w) => [w.caseId, new Date(w.ms).toISOString(), w.offset]),
      path,
    ).toEqual([['o3', '2024-01-09T07:30:00.000Z', 60]]);
    // discover's note says where an OCEL log dates it (it said "the trace's `arrival`", XES' place, before session 39), of its one case
    expect(discover(log, { minShare: 0.05 }).notes.find((n) => n.kind.startsWith('cases shown by their arrival alone'))?.handling).toBe(
      "its arrival counted (the case object's dated attribute, as etomsim writes it)",
    );
  }
});

test("OCEL 2.0, JSON and XML: a case object's attribute time that is no timestamp is refused at it (s59: skipped unsaid)", async () => {
  const doc = {
    ...OTHER,
    objects: [
      ...OTHER.objects,
      {
        id: 'o3',
        type: 'order',
        attributes: [
          { name: 'priority', value: 'high', time: '2024-01-09T08:30:00Z' },
          { name: 'priority', value: 'low', time: 'soon' },
        ],
      },
      // an object of another type than the cases': not read, so not refused
      { id: 'i2', type: 'item', attributes: [{ name: 'weight', value: 2, time: 'later' }] },
    ],
  };
  const json = join(dir, 'bad-object-time.json');
  const text = JSON.stringify(doc);
  writeFileSync(json, text);
  const xml = join(dir, 'bad-object-time.xml');
  const xmlText = asXml(doc as JsonOcel);
  writeFileSync(xml, xmlText);
  const message = "'soon' is not a timestamp; an object's attribute is dated in ISO 8601";
  const fromJson = (await readEventLog(json, { columns: { case: 'order' } }).catch((e: unknown) => e)) as LogError;
  expect(fromJson).toBeInstanceOf(LogError);
  expect([fromJson.row, fromJson.col, fromJson.detail, fromJson.at]).toEqual([
    1,
    text.indexOf('"soon"') + 1,
    message,
    'objects[3].attributes[1].time',
  ]);
  const fromXml = (await readEventLog(xml, { columns: { case: 'order' } }).catch((e: unknown) => e)) as LogError;
  expect(fromXml).toBeInstanceOf(LogError);
  const lines = xmlText.split('\n');
  const row = lines.findIndex((l) => l.includes('time="soon"')) + 1;
  expect([fromXml.row, fromXml.col, fromXml.detail, fromXml.at]).toEqual([
    row,
    lines[row - 1].indexOf('>', lines[row - 1].indexOf('time="soon"')) + 1,
    message,
    "object 'o3'",
  ]);
  // the item's bad time, its type the cases': refused likewise
  await expect(readEventLog(json, { columns: { case: 'item' } })).rejects.toThrow("'later' is not a timestamp");
});

// pm4py's ocel20_example dates an invoice's `is_blocked` at 1970-01-01 (its initial value) and again
// when an event sets a payment block: a value that changed, not an arrival, so a log of that
// shape does not show a case by its arrival alone (session 40 read any dated attribute of a case
// object with events so). etomsim's own OCEL, whose events relate their case as "case", does:
// it dates every case object. A case object another tool lists with no event, dated, is a case
// shown by its arrival alone, and the log then shows such cases.
test("OCEL 2.0, JSON and XML: another tool's dated attribute of a case object with events is no arrival; etomsim's own form is", async () => {
  const invoice = (id: string, ...changes: [time: string, value: string][]) => ({
    id,
    type: 'Invoice',
    attributes: [['1970-01-01T00:00:00Z', 'No'], ...changes].map(([time, value]) => ({ name: 'is_blocked', time, value })),
  });
  const event = (id: string, type: string, time: string, invoice: string, qualifier: string) => ({
    id,
    type,
    time,
    attributes: [{ name: 'invoice_inserter', value: 'Luke' }],
    relationships: [{ objectId: invoice, qualifier }],
  });
  const shaped = (qualifier: (q: string) => string, extra: object[] = []) => ({
    objectTypes: [{ name: 'Invoice', attributes: [{ name: 'is_blocked', type: 'string' }] }],
    eventTypes: [],
    objects: [invoice('R1'), invoice('R3', ['2022-02-03T06:30:00+00:00', 'Yes'], ['2022-02-03T22:30:00+00:00', 'No']), ...extra],
    events: [
      event('e5', 'Insert Invoice', '2022-01-14T11:00:00+00:00', 'R1', qualifier('Invoice created with identifier')),
      event('e9', 'Insert Invoice', '2022-02-02T08:00:00+00:00', 'R3', qualifier('Invoice created with identifier')),
      event('e11', 'Set Payment Block', '2022-02-03T06:30:00+00:00', 'R3', qualifier('Payment block due to unethical maverick buying')),
      event('e12', 'Remove Payment Block', '2022-02-03T22:30:00+00:00', 'R3', qualifier('Payment block removed ...')),
    ],
  });
  const read = async (name: string, doc: object) => {
    const json = join(dir, `${name}.json`);
    writeFileSync(json, JSON.stringify(doc));
    const xml = join(dir, `${name}.xml`);
    writeFileSync(xml, asXml(doc as JsonOcel));
    const [a, b] = await Promise.all([json, xml].map((path) => readEventLog(path, { columns: { case: 'Invoice' } })));
    expect(b.showsArrivals, name).toBe(a.showsArrivals);
    return [a.showsArrivals, a.waiting.map((w) => w.caseId)];
  };
  expect(
    await read(
      'invoices',
      shaped((q) => q),
    ),
  ).toEqual([false, []]);
  expect(
    await read(
      'invoices-as-case',
      shaped(() => 'case'),
    ),
  ).toEqual([true, []]);
  expect(
    await read(
      'invoices-one-waiting',
      shaped((q) => q, [invoice('R4', ['2022-03-01T09:00:00+00:00', 'Yes'])]),
    ),
  ).toEqual([true, ['R4']]);
});

test('OCEL XML: a bad time, a foreign root and an entity are placed errors; nothing is fetched', async () => {
  const badTime = join(dir, 'bad-time.xml');
  const text = asXml(OTHER as JsonOcel).replace('2024-01-08T10:00:00Z', 'yesterday');
  writeFileSync(badTime, text);
  const line = text.split('\n').findIndex((l) => l.includes('yesterday')) + 1;
  const err = await readEventLog(badTime, { columns: { case: 'order' } }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LogError);
  expect((err as Error).message).toMatch(
    new RegExp(`^.*bad-time\\.xml:${line}:\\d+: 'yesterday' is not a timestamp; expected ISO 8601 \\(at events\\[2\\]\\.time\\)$`),
  );
  // an external entity: saxes reads no DTD, so the reference is an undefined entity, not a fetch
  const entity = join(dir, 'entity.xml');
  writeFileSync(
    entity,
    asXml(OTHER as JsonOcel)
      .replace('<log>', '<!DOCTYPE log [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n<log>')
      .replace('value="ann"', 'value="&x;"')
      .replace('>ann<', '>&x;<'),
  );
  const entityErr = await readEventLog(entity, { columns: { case: 'order' } }).catch((e: unknown) => e);
  expect(entityErr).toBeInstanceOf(LogError);
  expect((entityErr as Error).message).toMatch(/entity\.xml:\d+:\d+: not well-formed XML: .*\(at OCEL\)$/);
});

test("a key written twice in one map is refused at its second writing (s61: JSON.parse's last one counted, another reader's may be the first)", async () => {
  // OCEL 2.0: an event's second `type`; OCEL 1.0: an event id listed twice, one event lost unsaid
  const two = JSON.stringify(OTHER, null, 1).replace('"type": "place",', '"type": "place",\n   "type": "ship",');
  const one = [
    '{"ocel:global-log": {}, "ocel:objects": {"o1": {"ocel:type": "order"}},',
    ' "ocel:events": {',
    '  "e1": {"ocel:activity": "place", "ocel:timestamp": "2024-01-08T09:00:00Z", "ocel:omap": ["o1"], "ocel:vmap": {}},',
    '  "e1": {"ocel:activity": "ship", "ocel:timestamp": "2024-01-08T12:00:00Z", "ocel:omap": ["o1"], "ocel:vmap": {}}}}',
  ].join('\n');
  for (const [name, text, at] of [
    ['twice-2.json', two, 'events[1].type'],
    ['twice-1.json', one, 'ocel:events.e1'],
  ]) {
    const path = join(dir, name);
    writeFileSync(path, text);
    const lines = text.split('\n');
    const second = lines.findIndex(
      (l, i) =>
        i > 0 &&
        (name === 'twice-2.json'
          ? l.includes('"type": "ship"') && lines[i - 1].includes('"type": "place"')
          : l.startsWith('  "e1"') && lines[i - 1].startsWith('  "e1"')),
    );
    const key = at.split(/[.[]/).at(-1)!;
    const err = (await readEventLog(path, { columns: { case: 'order' } }).catch((e: unknown) => e)) as LogError;
    expect(err).toBeInstanceOf(LogError);
    expect(err.message).toBe(
      `${path}:${second + 1}:${lines[second].indexOf(`"${key}"`) + 1}: key '${key}' appears twice in the same map (first at ${second}:${lines[second - 1].indexOf(`"${key}"`) + 1}); keep only one: JSON readers differ on which one counts (at ${at})`,
    );
  }
});
