// Random mutations of a valid input file, for the fuzzers of what a user hands etomsim beside a
// scenario (event logs, BPMN files): lines dropped, doubled, swapped or cut, a field or an
// attribute's value replaced, a character inserted, an entity
// or a DOCTYPE put in, the file cut short. A mutation is data: the
// same seed gives the same files, so a failure is reproduced by its seed and counter.
import fc from 'fast-check';

/** Values that have broken readers elsewhere: empty, huge, negative, non-finite, far dates, markup, entities, formulas. */
export const HOSTILE_VALUES = [
  '',
  '-1',
  '0',
  '1e308',
  'NaN',
  'Infinity',
  '-0',
  '__proto__',
  'constructor',
  '=1+1',
  '<img src=x>',
  '&amp;',
  '&x;',
  '&#0;',
  '&#xD800;',
  '\u0000',
  '\uFEFF',
  '"',
  "'",
  ',',
  ';',
  '\t',
  'x'.repeat(5000),
  '2026-13-45T25:61:61Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '275760-09-13T00:00:00Z',
  '-271821-04-20T00:00:00Z',
  '2026-01-01',
  '2026-01-01T00:00:00+25:00',
  '1970-01-01T00:00:00.000Z',
  'true',
  'null',
  '[]',
  '{}',
];

const CHARS = [',', ';', '"', "'", '\n', '\r', '\t', '<', '>', '&', '/', '=', '{', '}', '[', ']', ':', '\\', '\u0000', '\u00e9', '\uD83D'];

const LAUGHS = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
/** Text put at the start of a line: entities (a billion laughs, a file, a URL), a DOCTYPE, markup that opens and never closes. */
export const SNIPPETS = [
  `<!DOCTYPE x [<!ENTITY l0 "lol">${LAUGHS}]>`,
  '&l9;',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/e">]>',
  '&e;',
  '<![CDATA[',
  '<!--',
  '<?xml version="1.0"?>',
  '<x>'.repeat(2000),
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
  '{"a":'.repeat(2000),
  '\uD800',
];

export const mutation = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('double' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('value' as const), at: fc.nat(), which: fc.nat(), value: fc.constantFrom(...HOSTILE_VALUES) }),
  fc.record({ kind: fc.constant('char' as const), at: fc.nat(), char: fc.constantFrom(...CHARS) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('snippet' as const), at: fc.nat(), snippet: fc.constantFrom(...SNIPPETS) }),
);
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

/** Each place a value sits in a line: a quoted string (JSON, XML attributes) or a delimited CSV field. */
const VALUE_SPANS = /"((?:[^"\\\n]|\\.)*)"|(?<=^|[,;])([^,;"\n]*)(?=[,;]|$)/g;

/** The line mutations every fuzzer shares (test/fuzz/scenarios.test.ts too): a line dropped, doubled or swapped with another, in place. */
export type LineMutation = { kind: 'drop'; at: number } | { kind: 'double'; at: number } | { kind: 'swap'; at: number; to: number };

export function mutateLines(lines: string[], m: LineMutation): void {
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'drop':
      lines.splice(i, 1);
      break;
    case 'double':
      lines.splice(i, 0, lines[i]);
      break;
    case 'swap': {
      const j = m.to % lines.length;
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
  }
}

export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = m.at % lines.length;
  switch (m.kind) {
    case 'drop':
    case 'double':
    case 'swap':
      mutateLines(lines, m);
      break;
    case 'value': {
      const spans = Array.from(lines[i].matchAll(VALUE_SPANS)).filter((s) => s[0].length > 0);
      if (spans.length === 0) break;
      const s = spans[m.which % spans.length];
      const quoted = s[0].startsWith('"');
      const start = (s.index ?? 0) + (quoted ? 1 : 0);
      const end = (s.index ?? 0) + s[0].length - (quoted ? 1 : 0);
      lines[i] = lines[i].slice(0, start) + m.value + lines[i].slice(end);
      break;
    }
    case 'char': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.char + text.slice(at);
    }
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'snippet':
      lines[i] = m.snippet + lines[i];
      break;
    case 'cut':
      return text.slice(0, m.at % (text.length + 1));
  }
  return lines.join('\n');
}

/**
 * Changes the XML standard says leave a document's meaning as it was (BPMN, XES, OCEL 2.0 XML):
 * whitespace between a tag's attributes, a comment between elements, two sibling elements of
 * one name swapped (a file's traces, flows or objects: an order no reader may rely on), an id
 * renamed wherever it is named (an attribute's whole value, an element's whole text).
 */
export const keptXmlChange = fc.oneof(
  fc.record({ kind: fc.constant('space' as const), at: fc.nat(), space: fc.constantFrom('  ', '\n\t ', '\r\n ') }),
  fc.record({ kind: fc.constant('comment' as const), at: fc.nat(), text: fc.constantFrom(' kept ', '', ' <b> & ') }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), suffix: fc.constantFrom('_r', '-2', '.b', 'é') }),
);
export type KeptXmlChange = typeof keptXmlChange extends fc.Arbitrary<infer T> ? T : never;

/** Pretty-printed elements that open on a line: [first line, last line, indent, name], a one-line element's first line its last. */
function elementLines(lines: string[]): { first: number; last: number; key: string }[] {
  const found: { first: number; last: number; key: string }[] = [];
  lines.forEach((line, first) => {
    const open = /^(\s*)<([A-Za-z][\w:.-]*)[\s>/]/.exec(line);
    if (!open) return;
    const [, indent, name] = open;
    const closes = line.trimEnd().endsWith('/>') || line.includes(`</${name}>`);
    const last = closes ? first : lines.findIndex((l, j) => j > first && l.startsWith(`${indent}</${name}>`));
    if (last >= 0) found.push({ first, last, key: `${indent}<${name}` });
  });
  return found;
}

/**
 * `text` with one kept change; `ids` finds the ids a rename may take (group 1), each named
 * elsewhere only as a whole quoted value or a whole element text. A change with no place to
 * make it (no sibling of the same name) leaves the text as it was.
 */
export function keepXml(text: string, m: KeptXmlChange, ids: RegExp): string {
  const lines = text.split('\n');
  switch (m.kind) {
    case 'space': {
      // a space before an attribute of a tag (not the declaration's, whose form is fixed)
      const places = Array.from(text.matchAll(/(?<=<[A-Za-z][^<>]*) (?=[A-Za-z_][\w:.-]*=")/g), (p) => p.index ?? 0);
      if (places.length === 0) return text;
      const at = places[m.at % places.length];
      return text.slice(0, at) + m.space + text.slice(at + 1);
    }
    case 'comment': {
      // after a line that ends an element's tag, past the declaration
      const after = lines.flatMap((l, i) => (i > 0 && l.trimEnd().endsWith('>') ? [i] : []));
      if (after.length === 0) return text;
      const i = after[m.at % after.length];
      lines.splice(i + 1, 0, `<!--${m.text}-->`);
      return lines.join('\n');
    }
    case 'swap': {
      const elements = elementLines(lines);
      const a = elements[m.at % elements.length];
      const siblings = elements.filter((e) => e.key === a.key && e !== a && (e.last < a.first || e.first > a.last));
      // of the same parent: nothing between them but whole siblings of that name is not checked; the same indent and name is
      const parentOf = (e: { first: number }) => {
        let p = e.first - 1;
        while (p >= 0 && indentOf(lines[p]) >= indentOf(lines[e.first])) p--;
        return p;
      };
      const same = siblings.filter((e) => parentOf(e) === parentOf(a));
      if (same.length === 0) return text;
      const b = same[m.to % same.length];
      const [x, y] = a.first < b.first ? [a, b] : [b, a];
      const block = (e: typeof a) => lines.slice(e.first, e.last + 1);
      return [...lines.slice(0, x.first), ...block(y), ...lines.slice(x.last + 1, y.first), ...block(x), ...lines.slice(y.last + 1)].join(
        '\n',
      );
    }
    case 'rename': {
      const candidates = Array.from(new Set(Array.from(text.matchAll(ids), (c) => c[1])));
      if (candidates.length === 0) return text;
      const id = candidates[m.at % candidates.length];
      const renamed = `${id}${m.suffix}`;
      return text.replaceAll(`"${id}"`, `"${renamed}"`).replaceAll(`>${id}<`, `>${renamed}<`);
    }
  }
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** Texts no reader may take for a timestamp: a word, a date past its month's and day's ends, a number. */
export const NOT_TIMESTAMPS = ['noon', 'yesterday', '2026-13-45T25:61:61Z', '12/31/2026 25:00', 'NaN', '-'];
