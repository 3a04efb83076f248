// Reads the XML form of an OCEL 2.0 log into the shape of its JSON form (the objects' ids and
// types; the events with their type, time, attributes and relationships), so that one reader
// flattens both (ocel-log-reader.ts). Streamed with saxes, as XES is: no DTD, no entity
// expansion beyond XML's five, nothing fetched. Invariant: each event keeps where its element
// opens (line, column), for a message about it; an object's own relationships (object to
// object) and its attributes are not read: flattening uses only events and object types.
//
// The form read (the OCEL 2.0 specification's XML, as pm4py and the OCEL standard's examples
// write it): <log> holding <object-types>, <event-types>, <objects> of
// <object id= type=>, and <events> of <event id= type= time=>, each event with
// <attributes><attribute name=>VALUE</attribute></attributes> and <objects> whose children
// (<relationship>, or <object> in the XSD's own form) carry object-id= and qualifier=.
import { SaxesParser } from 'saxes';
import { LogError } from './event-log.js';
import { type LogLimits, tooDeep, tooManyHeld } from './log-limits.js';
import { feedXml } from './xml-stream.js';

export interface OcelXmlEvent {
  id: string;
  type: string;
  time: string | undefined;
  attributes: { name: string; value: string }[];
  relationships: { objectId: string; qualifier: string }[];
  line: number;
  col: number;
}

export interface OcelXmlDocument {
  objects: { id: string; type: string }[];
  events: OcelXmlEvent[];
}

/** The elements directly under <log> that tell an OCEL 2.0 XML log from an XES one. */
const SECTIONS = new Set(['object-types', 'event-types', 'objects', 'events']);

/** Whether the start of an XML document is an OCEL 2.0 log: its root <log>'s first element is one of the four sections. */
export function looksLikeOcelXml(opening: string): boolean {
  const withoutComments = opening.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  const m = /<log\b[^>]*>\s*<([A-Za-z][\w.:-]*)/.exec(withoutComments);
  return m !== null && SECTIONS.has(m[1]);
}

/** The document; past `limits.held` events (each held until the log is built), a LogError at the next one. */
export async function readOcelXml(file: string, chunks: AsyncIterable<string>, limits: LogLimits): Promise<OcelXmlDocument> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const doc: OcelXmlDocument = { objects: [], events: [] };
  /** the open elements' names, the root first */
  const path: string[] = [];
  let event: OcelXmlEvent | null = null;
  let attribute: { name: string; value: string } | null = null;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');

  parser.on('opentag', (tag) => {
    const name = tag.name;
    const parent = path.at(-1);
    const section = path[1]; // under <log>
    path.push(name);
    if (path.length > limits.depth) throw new LogError(file, parser.line, parser.column, tooDeep(limits.depth), 'OCEL');
    if (path.length === 1) {
      if (name !== 'log') throw new LogError(file, parser.line, parser.column, `the root element is <${name}>, not <log>`, 'OCEL');
      return;
    }
    if (section === 'objects' && path.length === 3 && name === 'object')
      doc.objects.push({ id: text(tag.attributes.id), type: text(tag.attributes.type) });
    else if (section === 'events' && path.length === 3 && name === 'event') {
      if (doc.events.length >= limits.held) throw new LogError(file, parser.line, parser.column, tooManyHeld(limits.held), 'OCEL');
      event = {
        id: text(tag.attributes.id),
        type: text(tag.attributes.type),
        time: typeof tag.attributes.time === 'string' ? tag.attributes.time : undefined,
        attributes: [],
        relationships: [],
        line: parser.line,
        col: parser.column,
      };
    } else if (event !== null && path.length === 5 && parent === 'attributes' && name === 'attribute')
      attribute = { name: text(tag.attributes.name), value: '' };
    else if (event !== null && path.length === 5 && parent === 'objects') {
      const objectId = tag.attributes['object-id'];
      if (typeof objectId === 'string') event.relationships.push({ objectId, qualifier: text(tag.attributes.qualifier) });
    }
  });
  parser.on('text', (t) => {
    if (attribute !== null) attribute.value += t;
  });
  parser.on('closetag', (tag) => {
    path.pop();
    if (attribute !== null && tag.name === 'attribute') {
      event!.attributes.push(attribute);
      attribute = null;
    } else if (event !== null && tag.name === 'event' && path.length === 2) {
      doc.events.push(event);
      event = null;
    }
  });
  await feedXml(file, parser, chunks, 'OCEL', limits.item);
  return doc;
}
