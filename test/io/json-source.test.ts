import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { duplicateKey, locateInJson, readJson } from '../../engine/io/json-source.js';

describe('readJson', () => {
  test('reads JSON into objects without a prototype: __proto__ is a key like any other', () => {
    const read = readJson('{"teams": {"__proto__": {"capacity": 2}, "constructor": 1}}');
    expect(read.syntax).toBeNull();
    const teams = (read.value as { teams: Record<string, unknown> }).teams;
    expect(Object.getPrototypeOf(teams)).toBeNull();
    expect(Object.keys(teams)).toEqual(['__proto__', 'constructor']);
    expect(Object.hasOwn(teams, '__proto__')).toBe(true);
  });

  test.each([
    ['{"a": 1,}', 1, 9, 'expected a key in double quotes'],
    ['{"a" 1}', 1, 6, "expected ':' after a key"],
    ['{"a":\n  tru}', 2, 3, 'expected a value'],
    ['{"a": [1, 2}', 1, 12, "expected ',' or ']' after a list item"],
    ['{"a": 1', 1, 8, "the file ends before the closing '}'"],
    ['{"a": "x\ny"}', 1, 9, 'raw control character'],
    ['{"a": 01}', 1, 8, "expected ',' or '}' after a value"],
    ['{"a": "\\q"}', 1, 8, "'\\q' is not an escape"],
    ['{"a": 1} {"b": 2}', 1, 10, 'the text goes on after the JSON value'],
    ['', 1, 1, 'the file is empty'],
    ['\r\n\r\n  {"a": -}', 3, 9, 'a malformed number'],
  ])('%j is placed at %i:%i', (text, line, col, message) => {
    const read = readJson(text);
    expect(read.value).toBeUndefined();
    expect(read.syntax).toMatchObject({ line, col });
    expect(read.syntax?.message).toContain(message);
  });
});

describe('locateInJson', () => {
  const TEXT = ['{', '  "a": {"b": [10, {"c": true}]},', '  "d": "x",', '  "a2": null', '}'].join('\n');

  test('places each value, and a path the text lacks at its deepest present prefix', () => {
    expect(
      locateInJson(TEXT, [
        [],
        ['a'],
        ['a', 'b'],
        ['a', 'b', 0],
        ['a', 'b', 1, 'c'],
        ['d'],
        ['a2'],
        ['a', 'b', 5],
        ['a', 'zz', 'y'],
        ['nope'],
      ]),
    ).toEqual([
      { line: 1, col: 1 },
      { line: 2, col: 8 },
      { line: 2, col: 14 },
      { line: 2, col: 15 },
      { line: 2, col: 25 },
      { line: 3, col: 8 },
      { line: 4, col: 9 },
      { line: 2, col: 14 },
      { line: 2, col: 8 },
      { line: 1, col: 1 },
    ]);
  });

  test('of a key written twice, the last counts, as JSON.parse reads it; CRLF and lone CR end lines', () => {
    expect(locateInJson('{"a": 1,\r\n"a": 2}', [['a']])).toEqual([{ line: 2, col: 6 }]);
    expect(locateInJson('{\r"a":\r 3}', [['a']])).toEqual([{ line: 3, col: 2 }]);
  });

  test('keys are data (__proto__, dots, escapes) and nesting of any depth is scanned without recursion', () => {
    expect(
      locateInJson('{"__proto__": {"x.y": 1, "q\\"": 2}}', [
        ['__proto__', 'x.y'],
        ['__proto__', 'q"'],
      ]),
    ).toEqual([
      { line: 1, col: 23 },
      { line: 1, col: 33 },
    ]);
    const deep = `{"a": ${'['.repeat(200_000)}${']'.repeat(200_000)}, "b": 1}`;
    expect(locateInJson(deep, [['b']])).toEqual([{ line: 1, col: 400_014 }]);
    expect(readJson(`${'['.repeat(200_000)}`).syntax?.message).toContain('the file ends');
  });
});

describe('duplicateKey', () => {
  const twice = (text: string) => {
    const read = readJson(text);
    if (read.syntax !== null) throw new Error('not JSON');
    return duplicateKey(text, read.keys);
  };

  test('none in a text whose strings hold quotes, colons and backslashes, nor in maps that share keys', () => {
    for (const text of [
      '{"a": "\\":", "b\\\\": {"a": "x\\\\\\":"}, "c": [{"a": 1}, {"a": 2}], "\\"": ":"}',
      '[{"k": 1}, {"k": 2}, "\\"k\\": 3"]',
      '{}',
    ])
      expect(twice(text), text).toBeNull();
  });

  test('the first key a map writes twice, at its second writing, with the first and the path; escapes read as JSON.parse reads them', () => {
    expect(twice('{"events": [{"id": "e1"},\n  {"id": "e2", "type": "a", "\\u0074ype": "b"}]}')).toEqual({
      at: { line: 2, col: 29 },
      first: { line: 2, col: 16 },
      path: ['events', 1, 'type'],
    });
    expect(twice('{"a": {"x": 1}, "b": [], "a": 2, "b": 3}')).toEqual({
      at: { line: 1, col: 26 },
      first: { line: 1, col: 2 },
      path: ['a'],
    });
    // __proto__ is a key like any other: twice is twice
    expect(twice('{"m": {"__proto__": 1, "__proto__": 2}}')?.path).toEqual(['m', '__proto__']);
  });
});

describe('duplicateKey on random JSON texts (fast-check, fixed seed)', () => {
  type Tree = null | number | string | Tree[] | { entries: [string, Tree][] };
  const KEYS = ['a', 'b', '__proto__', '', '"', '\\', ':', 'a"b:', 'é'];
  const SPACE = ['', ' ', '\n', '\t', '\r\n', '\r'];
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom<Tree>(null, 1, -2.5e3, 'x', '":', '\\"', 'a\\\\'),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.array(fc.tuple(fc.constantFrom(...KEYS), tie('tree')), { maxLength: 4 }).map((entries) => ({ entries })),
    ),
  })).tree;

  /** The text, with the place and path of the first key written twice in one map, found as it is written. */
  function written(
    root: Tree,
    spaces: number[],
    escaped: boolean[],
  ): { text: string; twice: { offset: number; path: (string | number)[] } | null } {
    let text = '';
    let twice: { offset: number; path: (string | number)[] } | null = null;
    let s = 0;
    const space = () => SPACE[spaces[s++ % spaces.length]];
    const str = (v: string) =>
      escaped[s++ % escaped.length]
        ? `"${[...v].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"`
        : JSON.stringify(v);
    const write = (t: Tree, path: (string | number)[]) => {
      text += space();
      if (t === null || typeof t === 'number') text += JSON.stringify(t);
      else if (typeof t === 'string') text += str(t);
      else if (Array.isArray(t)) {
        text += '[';
        t.forEach((item, i) => {
          if (i > 0) text += ',';
          write(item, [...path, i]);
        });
        text += `${space()}]`;
      } else {
        text += '{';
        const seen = new Set<string>();
        t.entries.forEach(([key, value], i) => {
          if (i > 0) text += ',';
          text += space();
          if (twice === null && seen.has(key)) twice = { offset: text.length, path: [...path, key] };
          seen.add(key);
          text += `${str(key)}${space()}:`;
          write(value, [...path, key]);
        });
        text += `${space()}}`;
      }
      text += space();
    };
    write(root, []);
    return { text, twice };
  }
  const position = (text: string, offset: number) => {
    const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: lines.length, col: lines.at(-1)!.length + 1 };
  };

  test('finds the first key a map writes twice, at its place and path, and none where there is none', () => {
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.nat(SPACE.length - 1), { minLength: 1 }),
        fc.array(fc.boolean(), { minLength: 1 }),
        (root, spaces, escaped) => {
          const { text, twice } = written(root, spaces, escaped);
          const read = readJson(text);
          if (read.syntax !== null) throw new Error(`not JSON: ${text}`);
          const found = duplicateKey(text, read.keys);
          if (twice === null) return found === null;
          expect(found).toEqual({ at: position(text, twice.offset), first: expect.anything(), path: twice.path });
          return true;
        },
      ),
      { seed: 61, numRuns: 2000 },
    );
  });
});
