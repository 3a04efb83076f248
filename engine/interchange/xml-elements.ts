// How many elements an XML text opens, counted without parsing it, so that import-bpmn can refuse
// a file before bpmn-moddle builds them: it holds an object of about 1.4 KB for each, and a
// million unknown elements in 7 MB took it 15 CPU s and 1.4 GB, three million nested in 21 MB
// more than 4 GB and 4 minutes. Invariant: one pass, linear in the text; a comment, a CDATA
// section, a processing instruction or a declaration opens no element, and a text that ends
// inside one is counted no further (the parser says where it is broken).

/** The index of the '<' that opens element `max + 1` of `xml`, or -1 when it opens no more than `max`. */
export function elementPast(xml: string, max: number): number {
  let opened = 0;
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
      if (opened > max) return i;
      end = i + 1; // '<' is not allowed in an attribute's value: the next one starts the next tag or is an error
    }
    if (end === -1) return -1;
    i = xml.indexOf('<', end);
  }
  return -1;
}

/** The index just past the first `close` at or after `from`, -1 if there is none. */
function after(xml: string, close: string, from: number): number {
  const at = xml.indexOf(close, from);
  return at === -1 ? -1 : at + close.length;
}
