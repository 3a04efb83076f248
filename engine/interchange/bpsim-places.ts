// Where the BPSim elements of an imported BPMN file stand in its text, so that a problem with a
// parameter (a NumericParameter that is no number, a distribution without its mean) is told at
// the parameter's own line and column, not at the task or resource it is for. bpmn-moddle keeps
// no places: moddle-xml asks saxen where it is only for its own errors. So the text is read a
// second time, by saxes (as qbp.ts reads BIMP's parameters), and only when a BPSim problem asks.
//
// Invariant: the elements of one prefix, in the text and in the parsed tree, are paired in
// document order, and only when the two are the same sequence of names; otherwise (bpmn-moddle
// left one out, or the tree's walk did not follow the text) none is placed, and the problem
// stays at the element the parameter is for, as before.
import { SaxesParser } from 'saxes';

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
  const parser = new SaxesParser({ position: true });
  let failed = false;
  parser.on('error', () => {
    failed = true;
  });
  parser.on('opentag', (tag) => {
    // the parser stands after the start tag's '>'; its '<' is the last before it (no attribute value holds a raw '<')
    if (tag.name.startsWith(`${prefix}:`)) inText.push({ name: tag.name, index: xml.lastIndexOf('<', parser.position - 1) });
  });
  try {
    parser.write(xml);
    if (!failed) parser.close();
  } catch {
    failed = true;
  }
  const out = new Map<E, number>();
  if (failed || inText.length !== inTree.length) return out;
  for (let i = 0; i < inTree.length; i++) if (inTree[i].$type !== inText[i].name) return out;
  for (let i = 0; i < inTree.length; i++) out.set(inTree[i], inText[i].index);
  return out;
}
