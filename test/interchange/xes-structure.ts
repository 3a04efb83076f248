// The structure of an XES document checked against the rules of the standard's XML Schema
// (IEEE 1849, "XES XML serialization": LogType, TraceType, EventType, the attribute types,
// ExtensionType, GlobalsType, ClassifierType), written out here as code because the test
// runs without an XSD validator. Returns every violation, each with its element path.
import { SaxesParser } from 'saxes';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
  path: string;
}

const NCNAME = /^[A-Za-z_][\w.-]*$/;
const NAME = /^[A-Za-z_:][\w.:-]*$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const VALUE_TYPES: Record<string, (v: string) => boolean> = {
  string: () => true,
  id: () => true,
  date: (v) => DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)),
  int: (v) => /^[+-]?\d+$/.test(v) && Math.abs(Number(v)) <= 2 ** 63,
  float: (v) => /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|-?INF|NaN)$/.test(v),
  boolean: (v) => ['true', 'false', '1', '0'].includes(v),
};
const ATTRIBUTE_ELEMENTS = [...Object.keys(VALUE_TYPES), 'list'];

export function parseXml(text: string): Element {
  const parser = new SaxesParser({ xmlns: false });
  const stack: Element[] = [];
  let root: Element | null = null;
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    const element: Element = {
      name: tag.name,
      attributes: { ...(tag.attributes as Record<string, string>) },
      children: [],
      path: `${parent ? parent.path + '/' : ''}${tag.name}`,
    };
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  parser.write(text).close();
  return root!;
}

export function xesViolations(text: string): string[] {
  const out: string[] = [];
  const log = parseXml(text);
  const need = (e: Element, key: string, test: (v: string) => boolean) => {
    const v = e.attributes[key];
    if (v === undefined) out.push(`${e.path}: missing ${key}`);
    else if (!test(v)) out.push(`${e.path}: ${key}='${v}' has the wrong type`);
  };
  const only = (e: Element, allowed: string[]) => {
    for (const key of Object.keys(e.attributes))
      if (!allowed.includes(key) && key !== 'xmlns') out.push(`${e.path}: attribute ${key} is not allowed`);
  };
  const attribute = (e: Element) => {
    need(e, 'key', (v) => NAME.test(v));
    if (e.name === 'list') {
      only(e, ['key']);
      if (e.children.length !== 1 || e.children[0].name !== 'values') out.push(`${e.path}: a list holds one <values>`);
      else e.children[0].children.forEach(attribute);
      return;
    }
    only(e, ['key', 'value']);
    need(e, 'value', VALUE_TYPES[e.name]);
    attributables(e, e.children);
  };
  const attributables = (parent: Element, children: Element[]) => {
    for (const c of children) {
      if (ATTRIBUTE_ELEMENTS.includes(c.name)) attribute(c);
      else out.push(`${parent.path}: <${c.name}> is not allowed here`);
    }
  };
  /** children in the sequence order of the schema: each group, in order, each any number of times */
  const sequence = (parent: Element, groups: string[][]) => {
    let g = 0;
    for (const c of parent.children) {
      while (g < groups.length && !groups[g].includes(c.name)) g++;
      if (g === groups.length) out.push(`${parent.path}: <${c.name}> is out of order or not allowed`);
      if (g === groups.length) return;
    }
  };
  if (log.name !== 'log') return [`the root is <${log.name}>, not <log>`];
  only(log, ['xes.version', 'xes.features']);
  need(log, 'xes.version', (v) => /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v));
  sequence(log, [['extension'], ['global'], ['classifier'], ATTRIBUTE_ELEMENTS, ['trace'], ['event']]);
  for (const c of log.children) {
    if (c.name === 'extension') {
      only(c, ['name', 'prefix', 'uri']);
      need(c, 'name', (v) => NCNAME.test(v));
      need(c, 'prefix', (v) => NCNAME.test(v));
      need(c, 'uri', (v) => /^\S+$/.test(v));
    } else if (c.name === 'global') {
      only(c, ['scope']);
      if (c.attributes.scope !== undefined && !NCNAME.test(c.attributes.scope)) out.push(`${c.path}: scope`);
      attributables(c, c.children);
    } else if (c.name === 'classifier') {
      only(c, ['name', 'scope', 'keys']);
      need(c, 'name', (v) => NCNAME.test(v));
      need(c, 'keys', (v) => v.trim() !== '');
    } else if (c.name === 'trace') {
      only(c, []);
      sequence(c, [ATTRIBUTE_ELEMENTS, ['event']]);
      for (const t of c.children) {
        if (t.name === 'event') {
          only(t, []);
          attributables(t, t.children);
        } else if (ATTRIBUTE_ELEMENTS.includes(t.name)) attribute(t);
      }
    } else if (c.name === 'event') {
      attributables(c, c.children);
    } else if (ATTRIBUTE_ELEMENTS.includes(c.name)) attribute(c);
  }
  return out;
}
