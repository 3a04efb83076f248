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
