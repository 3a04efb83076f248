// How many elements an XML text opens and attributes it holds, counted without parsing it, so
// that import-bpmn can refuse a file before bpmn-moddle builds them: it holds an object of about
// 1.4 KB for each element, and a million unknown elements in 7 MB took it 15 CPU s and 1.4 GB,
// three million nested in 21 MB more than 4 GB and 4 minutes; a million attributes in one tag
// 540 MB. Invariant: one pass, linear in the text; a comment, a CDATA section, a processing
// instruction or a declaration opens no element and holds no attribute, and a text that ends
// inside one is counted no further (the parser says where it is broken).

/** The index of the '<' that opens element `max + 1` of `xml`, or -1 when it opens no more than `max`. */
export function elementPast(xml: string, max: number): number {
  return boundPast(xml, max, Number.POSITIVE_INFINITY)?.index ?? -1;
}

/** Where an XML text first opens more elements or holds more attributes than its bounds (boundPast). */
export interface Past {
  /** the '<' of the element past the bound, or the first character of the attribute's name */
  index: number;
  /** whether the attributes' bound, not the elements', was passed */
  attribute: boolean;
  /** the '<' of the element (whose attribute it is) */
  element: number;
}

const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const EQUALS = 0x3d;
const LESS = 0x3c;
const GREATER = 0x3e;
/** A quoted attribute value from its opening quote, to its closing one, with no '<' in it (sticky: tried where it is set). */
const DOUBLE_QUOTED = /"[^"<]*"/y;
const SINGLE_QUOTED = /'[^'<]*'/y;

/**
 * Where `xml` opens element `elements + 1` or holds attribute `attributes + 1` (an '=' in a tag,
 * outside a quoted value), whichever comes first; null when neither. bpmn-moddle's parser holds
 * every attribute of an element as it reads it, a million unknown ones in one tag (12 MB) 540 MB
 * and 4.5 CPU s, before etomsim's own problem for each.
 */
export function boundPast(xml: string, elements: number, attributes: number): Past | null {
  let opened = 0;
  let held = 0;
  let i = xml.indexOf('<');
  while (i !== -1) {
    let end: number;
    if (xml.startsWith('<!--', i)) end = after(xml, '-->', i + 4);
    else if (xml.startsWith('<![CDATA[', i)) end = after(xml, ']]>', i + 9);
    else if (xml.startsWith('<?', i)) end = after(xml, '?>', i + 2);
    else if (xml[i + 1] === '/' || xml[i + 1] === '!')
      end = after(xml, '>', i + 2); // an end tag, a declaration
    else {
      opened += 1;
      if (opened > elements) return { index: i, attribute: false, element: i };
      // to the tag's end, a quoted value skipped whole; '<' is allowed in none, so one ends the tag, broken (the parser says where)
      end = i + 1;
      for (let c = xml.charCodeAt(end); c !== GREATER && c !== LESS && end < xml.length; c = xml.charCodeAt(++end))
        if (c === QUOTE || c === APOSTROPHE) {
          const value = c === QUOTE ? DOUBLE_QUOTED : SINGLE_QUOTED;
          value.lastIndex = end;
          if (!value.test(xml)) break;
          end = value.lastIndex - 1;
        } else if (c === EQUALS && ++held > attributes) return { index: nameBefore(xml, end), attribute: true, element: i };
    }
    if (end === -1) return null;
    i = xml.indexOf('<', end);
  }
  return null;
}

/** Where the attribute name before the '=' at `equals` starts (white space may stand between them). */
function nameBefore(xml: string, equals: number): number {
  let at = equals;
  while (at > 0 && /\s/.test(xml[at - 1])) at--;
  while (at > 0 && !/[\s<]/.test(xml[at - 1])) at--;
  return at;
}

/** The index just past the first `close` at or after `from`, -1 if there is none. */
function after(xml: string, close: string, from: number): number {
  const at = xml.indexOf(close, from);
  return at === -1 ? -1 : at + close.length;
}
