// Reads the XML form of an OCEL log, 2.0 or 1.0, into the shape of OCEL 2.0's JSON form (the
// objects' ids and types; the events with their type, time, attributes and relationships), so
// that one reader flattens every form (ocel-log-reader.ts). Streamed with saxes, as XES is: no
// DTD, no entity expansion beyond XML's five, nothing fetched. Invariant: each event keeps where
// its element opens (line, column), and OCEL 1.0's where its activity's and timestamp's elements
// do, for a message about it or them; an object's own relationships (object to object) and its
// attributes' values are not read, only their times (OCEL 2.0), which date an object no event
// relates to (ocel-log-reader.ts): flattening uses nothing else.
//
// The forms read. OCEL 2.0 (its specification's XML, as pm4py and the OCEL standard's examples
// write it): <log> holding <object-types>, <event-types>, <objects> of <object id= type=>, and
// <events> of <event id= type= time=>, each event with
// <attributes><attribute name=>VALUE</attribute></attributes> and <objects> whose children
// (<relationship>, or <object> in the XSD's own form) carry object-id= and qualifier=; an
// object's <attributes> of <attribute name= time=>VALUE</attribute>.
// OCEL 1.0 (XML-OCEL, as the OCEL standard's ocel-support and pm4py write it): <log> holding
// <global> elements, <events> of <event> and <objects> of <object>, each a list of keyed
// values: an event's <string key="id">, <string key="activity">, <date key="timestamp">,
// <list key="omap"> of <string key="object-id" value=> (relationships without a qualifier) and
// <list key="vmap"> of attributes (<TYPE key=NAME value=>); an object's <string key="id"> and
// <string key="type">. Keys may carry OCEL 1.0 JSON's "ocel:" prefix. The two forms share
// <log>, <events>, <event>, <objects> and <object>, and neither uses the other's way of
// writing a field, so one pass reads either.
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
  /** where OCEL 1.0's own element of the type or time was read (its '>'), for an error about its value */
  places: { type?: { line: number; col: number }; time?: { line: number; col: number } };
}

export interface OcelXmlDocument {
  /** '1.0' once an event is written in OCEL 1.0's keyed values, for messages that name its fields */
  version: '1.0' | '2.0';
  objects: OcelXmlObject[];
  events: OcelXmlEvent[];
}

/** An object: its id, its type, and its attributes' times (OCEL 2.0; none in 1.0). */
export interface OcelXmlObject {
  id: string;
  type: string;
  /** each with where its element was read (its '>'), for an error about its time */
  attributes: { time: string; line: number; col: number }[];
}

/**
 * Thrown by the XES reader at an <events> or <objects> in <log>, which XES has not: the document
 * is an OCEL XML log whose opening did not say so (OCEL 1.0's <global> elements come first), and
 * readEventLog reads it again as one. Nothing has been kept by then: the reader had met no
 * <trace>. A LogError, placed, so that the XML stream passes it on as it is.
 */
export class OcelXmlFound extends LogError {
  constructor(file: string, line: number, col: number, element: string) {
    super(file, line, col, `<${element}> in <log>: an OCEL XML log, not XES`, element);
  }
}

/** The elements directly under <log> that tell an OCEL 2.0 XML log from an XES one. */
const SECTIONS = new Set(['object-types', 'event-types', 'objects', 'events']);

/**
 * Whether the start of an XML document is an OCEL 2.0 log: its root <log>'s first element is one
 * of the four sections. An OCEL 1.0 log opens with <global> elements, as XES may: the XES reader
 * tells it by its <events> or <objects> (OcelXmlFound).
 */
export function looksLikeOcelXml(opening: string): boolean {
  const withoutComments = opening.replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  const m = /<log\b[^>]*>\s*<([A-Za-z][\w.:-]*)/.exec(withoutComments);
  return m !== null && SECTIONS.has(m[1]);
}

/** The document; past `limits.held` events (each held until the log is built), a LogError at the next one. */
export async function readOcelXml(file: string, chunks: AsyncIterable<string>, limits: LogLimits): Promise<OcelXmlDocument> {
  const parser = new SaxesParser({ xmlns: false, position: true });
  const doc: OcelXmlDocument = { version: '2.0', objects: [], events: [] };
  /** the open elements' names, the root first */
  const path: string[] = [];
  let event: OcelXmlEvent | null = null;
  let object: OcelXmlObject | null = null;
  let attribute: { name: string; value: string } | null = null;
  /** the key of the OCEL 1.0 <list> open in the event ('omap', 'vmap'), else '' */
  let list = '';
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
    if (section === 'objects' && path.length === 3 && name === 'object') {
      object = { id: text(tag.attributes.id), type: text(tag.attributes.type), attributes: [] };
      doc.objects.push(object);
    } else if (object !== null && path.length === 5 && parent === 'attributes' && name === 'attribute') {
      // OCEL 2.0: each value of an object's attribute is dated
      if (typeof tag.attributes.time === 'string')
        object.attributes.push({ time: tag.attributes.time, line: parser.line, col: parser.column });
    } else if (object !== null && path.length === 4) {
      // OCEL 1.0: <string key="id" value=>, <string key="type" value=>
      const key = keyOf(tag.attributes.key);
      if (key === 'id' || key === 'type') object[key] = text(tag.attributes.value);
    } else if (section === 'events' && path.length === 3 && name === 'event') {
      if (doc.events.length >= limits.held) throw new LogError(file, parser.line, parser.column, tooManyHeld(limits.held), 'OCEL');
      event = {
        id: text(tag.attributes.id),
        type: text(tag.attributes.type),
        time: typeof tag.attributes.time === 'string' ? tag.attributes.time : undefined,
        attributes: [],
        relationships: [],
        line: parser.line,
        col: parser.column,
        places: {},
      };
    } else if (event !== null && path.length === 4 && typeof tag.attributes.key === 'string') {
      // OCEL 1.0: the event's keyed values, and its two lists
      const key = keyOf(tag.attributes.key);
      const value = tag.attributes.value;
      doc.version = '1.0';
      if (name === 'list') list = key;
      else if (typeof value !== 'string') return;
      else if (key === 'id') event.id = value;
      else if (key === 'activity') {
        event.type = value;
        event.places.type = { line: parser.line, col: parser.column };
      } else if (key === 'timestamp') {
        event.time = value;
        event.places.time = { line: parser.line, col: parser.column };
      }
    } else if (event !== null && path.length === 5 && list !== '') {
      const value = tag.attributes.value;
      const key = tag.attributes.key;
      if (typeof value !== 'string' || typeof key !== 'string') return;
      if (list === 'omap') event.relationships.push({ objectId: value, qualifier: '' });
      else if (list === 'vmap') event.attributes.push({ name: key, value });
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
    if (path.length === 3) list = '';
    if (object !== null && path.length === 2) object = null;
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

/** An OCEL 1.0 key as XML-OCEL writes it ("activity"), from either form ("ocel:activity" as JSON-OCEL names it). */
function keyOf(key: unknown): string {
  if (typeof key !== 'string') return '';
  return key.startsWith('ocel:') ? key.slice(5) : key;
}
