// OCEL 1.0 logs, JSON-OCEL and XML-OCEL: etomsim's own OCEL 2.0 log, rewritten in either 1.0
// form (its qualified relations as 1.0's plain object map, the resource and team as attributes),
// reads back as the 2.0 log does; an XML-OCEL whose <global> elements outrun the opening the
// reader sniffs is still read as OCEL; ids that are JavaScript's own names are data; bad input
// is placed, in 1.0's own names.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { LogError } from '../../engine/interchange/event-log.js';
import { QUALIFIER, TEAM, UNIT } from '../../engine/interchange/ocel-log.js';
import { readEventLog } from '../../engine/interchange/read-log.js';
import { xmlText } from '../../engine/interchange/xml-text.js';
import { logInstances } from '../support/log-instances.js';
import { scratchFolders } from '../support/scratch.js';
import { ownLogs } from '../support/own-logs.js';

const dir = scratchFolders('etomsim-ocel1-')();

// Two teams, a choice and a roster that pauses tasks at 20:00: every field a log can carry.
const SCENARIO = `name: Ocel1
run: { horizon: 5d, replications: 1, start: "2026-01-05T00:00:00Z" }
resources:
  desk:
    shifts:
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "00:00-20:00", capacity: 2 }
      - { days: [mon, tue, wed, thu, fri, sat, sun], hours: "21:00-24:00", capacity: 2 }
  field: { capacity: 3 }
arrivals: [ { flow: order, rate: 1/h } ]
flows:
  order:
    start: take
    nodes:
      take: { resource: desk, duration: { exponential: { mean: 1h } }, next: route }
      route: { branch: [ { to: visit, p: 0.5 }, { to: done, p: 0.5 } ] }
      visit: { resource: field, duration: { exponential: { mean: 2h } }, next: done }
      done: { duration: 0 }
`;

interface Ocel2 {
  objects: { id: string; type: string }[];
  events: {
    id: string;
    type: string;
    time: string;
    attributes: { name: string; value: unknown }[];
    relationships: { objectId: string; qualifier: string }[];
  }[];
}

/** A 1.0 event: the 2.0 event's objects without their qualifiers, and its resource and team as attributes (1.0 has no qualifiers to say them). */
function as1(e: Ocel2['events'][number]) {
  const related = (qualifier: string, prefix: string) => {
    const id = e.relationships.find((r) => r.qualifier === qualifier)?.objectId;
    return id === undefined
      ? []
      : [{ name: qualifier === QUALIFIER.unit ? 'org:resource' : 'org:role', value: id.slice(prefix.length + 1) }];
  };
  return {
    id: e.id,
    activity: e.type,
    timestamp: e.time,
    omap: e.relationships.map((r) => r.objectId),
    vmap: [...e.attributes, ...related(QUALIFIER.unit, UNIT), ...related(QUALIFIER.team, TEAM)],
  };
}

function asJson1(doc: Ocel2): string {
  const events: Record<string, unknown> = {};
  for (const e of doc.events.map(as1))
    events[e.id] = {
      'ocel:activity': e.activity,
      'ocel:timestamp': e.timestamp,
      'ocel:omap': e.omap,
      'ocel:vmap': Object.fromEntries(e.vmap.map((a) => [a.name, a.value])),
    };
  const objects = Object.fromEntries(doc.objects.map((o) => [o.id, { 'ocel:type': o.type, 'ocel:ovmap': {} }]));
  const types = [...new Set(doc.objects.map((o) => o.type))];
  return JSON.stringify(
    {
      'ocel:global-event': { 'ocel:activity': '__INVALID__' },
      'ocel:global-object': { 'ocel:type': '__INVALID__' },
      'ocel:global-log': { 'ocel:attribute-names': [], 'ocel:object-types': types, 'ocel:version': '1.0', 'ocel:ordering': 'timestamp' },
      'ocel:events': events,
      'ocel:objects': objects,
    },
    null,
    2,
  );
}

/** XML-OCEL as ocel-support and pm4py write it; `names` attribute names in the log's <global>, to make it as long as wanted. */
function asXml1(doc: Ocel2, names = 0): string {
  const lines = [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<log>',
    '  <global scope="event">',
    '    <string key="id" value="__INVALID__"/>',
  ];
  lines.push('  </global>', '  <global scope="log">', '    <list key="attribute-names">');
  for (let k = 0; k < names; k++) lines.push(`      <string key="name" value="attribute-${k}"/>`);
  lines.push('    </list>', '    <string key="version" value="1.0"/>', '  </global>', '  <events>');
  for (const e of doc.events.map(as1)) {
    lines.push('    <event>', `      <string key="id" value="${xmlText(e.id)}"/>`);
    lines.push(
      `      <date key="timestamp" value="${xmlText(e.timestamp)}"/>`,
      `      <string key="activity" value="${xmlText(e.activity)}"/>`,
    );
    lines.push('      <list key="omap">');
    for (const id of e.omap) lines.push(`        <string key="object-id" value="${xmlText(id)}"/>`);
    lines.push('      </list>', '      <list key="vmap">');
    for (const a of e.vmap) lines.push(`        <string key="${xmlText(a.name)}" value="${xmlText(String(a.value))}"/>`);
    lines.push('      </list>', '    </event>');
  }
  lines.push('  </events>', '  <objects>');
  for (const o of doc.objects)
    lines.push(
      '    <object>',
      `      <string key="id" value="${xmlText(o.id)}"/>`,
      `      <string key="type" value="${xmlText(o.type)}"/>`,
      '      <list key="ovmap"/>',
      '    </object>',
    );
  lines.push('  </objects>', '</log>', '');
  return lines.join('\n');
}

test("etomsim's own OCEL, rewritten as OCEL 1.0 JSON and XML (gzipped, and with globals past the sniffed opening), reads back as the 2.0 log", async () => {
  const {
    paths: [ocel2File],
  } = await ownLogs(SCENARIO, dir, ['ocel'], 7);
  const doc = JSON.parse(readFileSync(ocel2File, 'utf8')) as Ocel2;
  const caseType = doc.objects.find((o) =>
    doc.events[0].relationships.some((r) => r.objectId === o.id && r.qualifier === QUALIFIER.case),
  )!.type;
  const json1 = join(dir, 'own.jsonocel');
  writeFileSync(json1, asJson1(doc));
  const xml1 = join(dir, 'own.xmlocel');
  writeFileSync(xml1, asXml1(doc));
  const xml1gz = join(dir, 'own.xmlocel.gz');
  writeFileSync(xml1gz, gzipSync(asXml1(doc)));
  const long = join(dir, 'long-globals.xmlocel');
  const longText = asXml1(doc, 400);
  expect(longText.indexOf('<events>')).toBeGreaterThan(8192); // past the opening read-log sniffs
  writeFileSync(long, longText);
  const columns = { case: caseType };
  const [ocel2, j, x, gz, l] = await Promise.all([
    readEventLog(ocel2File),
    ...[json1, xml1, xml1gz, long].map((f) => readEventLog(f, { columns })),
  ]);
  expect(ocel2.size).toBeGreaterThan(100);
  expect(ocel2.roles).toEqual(expect.arrayContaining(['desk', 'field']));
  expect(Array.from(ocel2.suspended).some((ms) => ms > 0)).toBe(true);
  for (const log of [j, x, gz, l]) {
    expect(log.format).toBe('ocel');
    expect(logInstances(log)).toEqual(logInstances(ocel2));
  }
});

test("OCEL 1.0 JSON: ids such as '__proto__' are data; an event related to two cases is in both", async () => {
  const path = join(dir, 'proto.jsonocel');
  // by hand: an object literal's __proto__ sets its prototype, and JSON.stringify would not write it
  writeFileSync(
    path,
    `{
  "ocel:global-log": { "ocel:version": "1.0" },
  "ocel:events": {
    "__proto__": { "ocel:activity": "place", "ocel:timestamp": "2024-01-08T09:00:00Z", "ocel:omap": ["constructor"], "ocel:vmap": {} },
    "toString": { "ocel:activity": "ship", "ocel:timestamp": "2024-01-08T12:00:00Z", "ocel:omap": ["constructor", "o2"],
      "ocel:vmap": { "org:resource": "__proto__" } }
  },
  "ocel:objects": { "constructor": { "ocel:type": "order" }, "o2": { "ocel:type": "order" } }
}`,
  );
  const log = await readEventLog(path);
  expect(log.cases.slice().sort()).toEqual(['constructor', 'o2']);
  expect(logInstances(log)).toContain('constructor ship __proto__  NaN 1704715200000 0');
  expect(logInstances(log)).toContain('o2 ship __proto__  NaN 1704715200000 0');
  expect(logInstances(log)).toContain('constructor place   NaN 1704704400000 0');
});

test('OCEL 1.0 bad input is placed and said in its own names; JSON of neither form says what is read', async () => {
  const json = join(dir, 'bad.jsonocel');
  writeFileSync(
    json,
    [
      '{',
      '  "ocel:events": {',
      '    "e1": { "ocel:activity": "place", "ocel:timestamp": "2024-01-08T09:00:00Z", "ocel:omap": ["o1"], "ocel:vmap": {} },',
      '    "e2": { "ocel:timestamp": "2024-01-08T10:00:00Z", "ocel:omap": ["o1"], "ocel:vmap": {} }',
      '  },',
      '  "ocel:objects": { "o1": { "ocel:type": "order" } }',
      '}',
    ].join('\n'),
  );
  const err = (await readEventLog(json).catch((e: unknown) => e)) as LogError;
  expect(err).toBeInstanceOf(LogError);
  expect(err.message).toBe(
    `${json}:4:11: an event without 'ocel:activity': every event needs an activity (at ocel:events.e2.ocel:activity)`,
  );

  // a vmap or omap of the wrong shape is refused, not read as none (the event was left out unsaid); a vmap's value that is an object too
  for (const [event, message] of [
    ['"ocel:omap": "o1", "ocel:vmap": {}', "'ocel:omap' must be a list of object ids (at ocel:events.e1.ocel:omap)"],
    ['"ocel:omap": ["o1"], "ocel:vmap": []', "'ocel:vmap' must be a map of attribute names to values (at ocel:events.e1.ocel:vmap)"],
    [
      '"ocel:omap": ["o1"], "ocel:vmap": { "__proto__": { "x": 1 }, "org:resource": { "x": 1 } }',
      "attribute 'org:resource' is an object; etomsim reads it as one value (a text or a number) (at ocel:events.e1.ocel:vmap)",
    ],
  ]) {
    const shaped = join(dir, 'shape.jsonocel');
    writeFileSync(
      shaped,
      `{ "ocel:events": { "e1": { "ocel:activity": "place", "ocel:timestamp": "2024-01-08T09:00:00Z", ${event} } }, "ocel:objects": { "o1": { "ocel:type": "order" } } }`,
    );
    await expect(readEventLog(shaped)).rejects.toThrow(`${shaped}:1:`);
    await expect(readEventLog(shaped)).rejects.toThrow(message);
  }

  const xml = join(dir, 'bad.xmlocel');
  const lines = [
    '<log>',
    '  <global scope="log"><string key="version" value="1.0"/></global>',
    '  <events>',
    '    <event><string key="id" value="e1"/><string key="activity" value="place"/><date key="timestamp" value="soon"/>',
    '      <list key="omap"><string key="object-id" value="o1"/></list></event>',
    '  </events>',
    '  <objects><object><string key="id" value="o1"/><string key="type" value="order"/></object></objects>',
    '</log>',
  ];
  writeFileSync(xml, lines.join('\n'));
  // at the value's own element (its '>'), not at the <event> that holds it
  const tagEnd = (line: string, value: string) => line.indexOf('/>', line.indexOf(value)) + 2;
  await expect(readEventLog(xml)).rejects.toThrow(
    `${xml}:4:${tagEnd(lines[3], 'soon')}: 'soon' is not a timestamp; expected ISO 8601 (at events[0].time)`,
  );
  lines[3] = lines[3].replace('value="place"', 'value=""');
  writeFileSync(xml, lines.join('\n'));
  await expect(readEventLog(xml)).rejects.toThrow(
    `${xml}:4:${tagEnd(lines[3], '"activity"')}: an event without 'activity': every event needs an activity (at events[0].type)`,
  );

  const neither = join(dir, 'neither.json');
  writeFileSync(neither, '{ "ocel:events": [] }');
  await expect(readEventLog(neither)).rejects.toThrow(
    "a JSON log must be OCEL: 2.0's object with the lists 'objects' and 'events', or 1.0's with the maps 'ocel:events' and 'ocel:objects'",
  );
});
