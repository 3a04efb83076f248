// Where elements of an imported BPMN file stand in its text, so that a problem is told at the
// element's own line and column: a BPSim parameter that is no number, a distribution without its
// mean (not at the task or resource it is for), a flow element or lane without an id (not at the
// process or sub-process holding it, whose id is all the message can name). bpmn-moddle keeps no
// places: moddle-xml asks saxen where it is only for its own errors. So the text is read a second
// time, by saxes (as qbp.ts reads BIMP's parameters), and only when such a problem asks.
//
// Invariant: the text's elements and the parsed tree's are paired in document order, and only when
// the two are the same sequence (of names; for BPMN's own elements, of ids and names too, as the
// tree's walk may meet an element early through a reference such as a gateway's default flow);
// otherwise none is placed, and the problem stays where it was told without a place.
import { type SaxesOptions, SaxesParser } from 'saxes';

/**
 * Reads `xml` through a saxes parser of `options` (positions always kept), to which `listen` adds
 * its handlers; false where the text does not parse, whatever the handlers gathered.
 */
function readXml<O extends SaxesOptions>(xml: string, options: O, listen: (parser: SaxesParser<O & { position: true }>) => void): boolean {
  const parser = new SaxesParser({ ...options, position: true as const });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  listen(parser);
  try {
    parser.write(xml);
    if (!failed) parser.close();
  } catch {
    failed = true;
  }
  return !failed;
}

/** Where the start tag a parser has just read begins: it stands after the tag's '>', whose '<' is the last before it (no attribute value holds a raw '<'). */
function tagStart(xml: string, parser: { position: number }): number {
  return xml.lastIndexOf('<', parser.position - 1);
}

/** An element of the parsed tree, as bpmn-import.ts sees it: its qualified name. */
interface Named {
  $type: string;
}

/**
 * The index of each tree element's '<' in `xml`: `inTree` are the tree's elements named
 * `prefix:...`, in document order. Empty when they do not pair with the text's.
 */
export function elementIndexes<E extends Named>(xml: string, prefix: string, inTree: readonly E[]): Map<E, number> {
  const inText: { name: string; index: number }[] = [];
  const read = readXml(xml, {}, (parser) =>
    parser.on('opentag', (tag) => {
      if (tag.name.startsWith(`${prefix}:`)) inText.push({ name: tag.name, index: tagStart(xml, parser) });
    }),
  );
  const out = new Map<E, number>();
  if (!read || inText.length !== inTree.length) return out;
  for (let i = 0; i < inTree.length; i++) if (inTree[i].$type !== inText[i].name) return out;
  for (let i = 0; i < inTree.length; i++) out.set(inTree[i], inText[i].index);
  return out;
}

/** A BPMN element of the parsed tree: its type ('bpmn:UserTask'), and its id and name where it has them. */
interface Typed extends Named {
  id?: unknown;
  name?: unknown;
}

/**
 * The index of each tree element's '<' in `xml`: `inTree` are the tree's elements of BPMN's own
 * types (`bpmn:UserTask`...), each type's in document order, paired with the text's elements of
 * BPMN's namespace (`uri`) named by the type ('userTask'), whatever prefix the file gives it (or
 * none, as the default namespace). A type whose elements do not pair (another count, or an id or
 * name the text's element does not hold) is left out of the map.
 */
export function typedElementIndexes<E extends Typed>(xml: string, uri: string, inTree: readonly E[]): Map<E, number> {
  const byType = new Map<string, E[]>();
  for (const e of inTree) {
    const [prefix, local] = e.$type.split(':');
    if (prefix !== 'bpmn' || local === undefined) continue;
    const tag = local[0].toLowerCase() + local.slice(1);
    let list = byType.get(tag);
    if (list === undefined) byType.set(tag, (list = []));
    list.push(e);
  }
  const inText = new Map<string, { index: number; id: string | undefined; name: string | undefined }[]>();
  for (const tag of byType.keys()) inText.set(tag, []);
  const read = readXml(xml, { xmlns: true }, (parser) =>
    parser.on('opentag', (tag) => {
      const list = tag.uri === uri ? inText.get(tag.local) : undefined;
      if (list === undefined) return;
      const attribute = (name: string) => tag.attributes[name]?.value;
      list.push({ index: tagStart(xml, parser), id: attribute('id'), name: attribute('name') });
    }),
  );
  const out = new Map<E, number>();
  if (!read) return out;
  for (const [tag, tree] of byType) {
    const text = inText.get(tag)!;
    const paired =
      text.length === tree.length &&
      tree.every((e, i) => (e.id ?? undefined) === text[i].id && (typeof e.name === 'string' ? e.name : undefined) === text[i].name);
    // two of a type with neither id nor name pair by their order alone: swapped, each message would read the same
    if (paired) for (let i = 0; i < tree.length; i++) out.set(tree[i], text[i].index);
  }
  return out;
}

/**
 * Where each element of namespace `uri` named `local` (BPMNDI's BPMNDiagram) stands in `xml`: from
 * its '<' to just after its end tag, outermost ones alone. Empty when the text does not parse.
 */
export function elementSpans(xml: string, uri: string, local: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let start = 0;
  const read = readXml(xml, { xmlns: true }, (parser) => {
    parser.on('opentag', (tag) => {
      // a self-closing one ends here too (saxes tells its closetag at once)
      if (tag.uri === uri && tag.local === local && depth++ === 0) start = tagStart(xml, parser);
    });
    parser.on('closetag', (tag) => {
      if (tag.uri === uri && tag.local === local && --depth === 0) spans.push({ start, end: parser.position });
    });
  });
  return read ? spans : [];
}
