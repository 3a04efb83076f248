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
