import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainValue, readSimpleYaml } from '../../engine/scenario/simple-yaml.js';
import { readYamlSource } from '../../engine/scenario/yaml-source.js';

const root = new URL('../../', import.meta.url);
const files = ['scenarios/', 'bench/scenarios/', 'test/scenario/fixtures/'].flatMap((dir) =>
  readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: dir + f, text: readFileSync(new URL(dir + f, root), 'utf8') })),
);
const bundled = files.filter((f) => f.name.startsWith('scenarios/'));

/** What a PositionIndex holds (its places), read through its private field. */
const placesOf = (positions: unknown) => (positions as { places: Map<string, unknown> }).places;

/** Both of a key's and a value's order and every number's sign: toEqual takes 0 for -0 and ignores key order. */
const exact = (value: unknown) => JSON.stringify(value, (_, v) => (Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v));

/**
 * Whether the simple reader takes `text`; when it does, fails unless yaml reads it the same:
 * no problem, the same data (key order and -0 included), the same places, and the same
 * LINE:COL for every offset of the text.
 */
function agrees(text: string): boolean {
  if (readSimpleYaml(text.replace(/\r\n?/g, '\n')) === null) return false;
  const simple = readYamlSource(text);
  const yaml = readYamlSource(text, false);
  expect(yaml.problems, text).toEqual([]);
  expect(simple.problems).toEqual([]);
  expect(exact(simple.value), text).toBe(exact(yaml.value));
  expect(simple.value, text).toEqual(yaml.value);
  expect(new Map([...placesOf(simple.positions)].sort()), text).toEqual(new Map([...placesOf(yaml.positions)].sort()));
  // LINE:COL at the text's ends and around each line break: where yaml's line starts could differ
  const offsets = [0, 1, text.length, text.length + 1];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) offsets.push(i, i + 1, i + 2);
  const lineCols = (source: typeof simple) =>
    offsets.map((offset) => source.positions.position(offset)).map(({ line, col }) => `${line}:${col}`);
  expect(lineCols(simple), text).toEqual(lineCols(yaml));
  return true;
}

describe('the simple YAML reader', () => {
  it('reads the bundled scenarios, as yaml does', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(3);
    for (const { name, text } of bundled) expect(agrees(text), name).toBe(true);
  });

  it('reads every scenario file of the repository as yaml does, or leaves it to yaml', () => {
    for (const { text } of files) agrees(text);
  });

  it('agrees with yaml on every text a line away from the fiber scenario: a line taken out, indented, unindented, cut, doubled', () => {
    let taken = 0;
    let tried = 0;
    for (const { text } of bundled.filter((f) => f.name.includes('fiber'))) {
      const lines = text.split('\n');
      const variants = (i: number) => [
        [...lines.slice(0, i), ...lines.slice(i + 1)],
        [...lines.slice(0, i), ` ${lines[i]}`, ...lines.slice(i + 1)],
        [...lines.slice(0, i), `  ${lines[i]}`, ...lines.slice(i + 1)],
        [...lines.slice(0, i), lines[i].replace(/^ {1,2}/, ''), ...lines.slice(i + 1)],
        [...lines.slice(0, i), lines[i].slice(0, Math.floor(lines[i].length / 2)), ...lines.slice(i + 1)],
        [...lines.slice(0, i), lines[i].slice(0, -1), ...lines.slice(i + 1)],
        [...lines.slice(0, i + 1), lines[i], ...lines.slice(i + 1)],
        [...lines.slice(0, i), '', ...lines.slice(i)],
      ];
      for (let i = 0; i < lines.length; i++)
        for (const variant of variants(i)) {
          tried++;
          if (agrees(variant.join('\n'))) taken++;
        }
    }
    // most of them keep the common shape, so the comparison above is not vacuous
    expect(taken).toBeGreaterThan(tried / 4);
  });

  it('resolves plain scalars as the core schema does', () => {
    const plains = ['~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'no', 'on', 'off', 'y'];
    plains.push('0', '-0', '+0', '007', '-12', '+12', '0o17', '0o8', '0x1F', '0X1F', '0xg', '1_000', '12345678901234567890');
    plains.push('.inf', '-.inf', '+.Inf', '.INF', '.nan', '.NaN', '.NAN', '-.nan', 'inf', 'nan');
    plains.push('1.5', '-1.5', '1.', '.5', '-.5', '1e3', '1E-3', '1.5e+3', '.5e3', '1e', 'e3', '1.2.3', '3.5/h', '200d', '08:00');
    plains.push('2026-01-01', '1:30', '1.1.1.5', 'a b', "it's", 'C#', 'x,y', 'a [b]', '-x', '--x', '=');
    for (const plain of plains) {
      expect(agrees(`a: ${plain}\n`), plain).toBe(true);
      agrees(`a: [${plain}]\n`);
      agrees(`a: { b: ${plain} }\n`);
      agrees(`a:\n  - ${plain}\n`);
      expect(plainValue(plain), plain).toBe((readYamlSource(`a: ${plain}\n`, false).value as { a: unknown }).a);
    }
  });

  it('reads quoted and block scalars, flow collections, lists of maps and comments as yaml does', () => {
    const texts = [
      "a: \"x y # z\"\nb: 'it''s'\nc: \"it's\"\nd: 'say \"hi\"'\ne: \"\"\nf: ''\n",
      '"a b": 1\n\'c\': 2\n',
      'a: >-\n  one\n  two\n  three\nb: 1\n',
      'a: >\n  one\n  two\nb: 1\n',
      'a: |\n  one\n  two\nb: 1\n',
      'a: |-\n  one\n  # two\n\n# a comment\nb: 1\n',
      'a: > # why\n    one\n    two\n',
      'a:\n  - >-\n    one\n    two\n  - x\n',
      'a: { b: [1, 2, { c: d }], e: {}, f: [] , g: "h" }  # comment\n',
      'a: [ 1 ,2 , three four ]\n',
      'a:\n  - b: 1\n    c: [2]\n  - d: { e: 3 }\n  -\n    f: 4\n  - - 5\n',
      '# head\n\na: 1 # one\n   # indented comment\nb:   # a map below\n    c: 2\n\n# tail\n',
      'a: 1\nb:\n  c:\n    d:\n      e: [x]\n',
      'a: http://example.com/x\nb: x:y\nc: -1\nd: 3.5/h\n',
      'a: £40 — éclair\n',
      'a:\n- 1\n- 2\n',
      'a: 1',
      'a: 1\n\n\n',
      'a: x\n  continued\n',
      'a:\nb: 1\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: "\\t"\n',
      'a: [1,\n  2]\n',
      'a: 1\na: 2\n',
      '<<: { a: 1 }\n',
      '__proto__: 1\n',
      'a: b: c\n',
      'a: 1\n---\nb: 2\n',
      '---\na: 1\n',
      '%YAML 1.2\n---\na: 1\n',
      'a: 1\n...\n',
      '- a\n- b\n',
      '  a: 1\n',
      '? a\n: 1\n',
      'a: |+\n  x\n\nb: 1\n',
      'a: |2\n   x\n',
      'a: >\n  x\n\n  y\n',
      'a: >\n  x\n    y\n',
      'a: >\n  x \n  y\n',
      'a: >\n  x',
      'a: "x"y\n',
      'a: [x]y\n',
      'a: 1#c\n',
      'a: {b:1}\n',
      'a: [b, ]\n',
      'a: [b: 1]\n',
      'a: ["b": 1]\n',
      'a:\n  b: 1\n c: 2\n',
      'a:\n  b: 1\n   c: 2\n',
      'null: 1\n',
      '1: 1\n',
      'a b: 1\n',
      'a: 1\n\tb: 2\n',
      '\ufeffa: 1\n',
      'a: \u0085\n',
      `${'k'.repeat(1100)}: 1\n`,
    ];
    for (const text of texts) agrees(text);
    expect(texts.filter(agrees).length).toBeGreaterThan(15);
  });

  it('leaves to yaml what it does not read: anchors, tags, escapes, multi-line scalars and flows, repeated or odd keys, empty values', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: "\\t"\n',
      'a: x\n  continued\n',
      'a: [1,\n  2]\n',
      'a: 1\na: 2\n',
      '<<: { a: 1 }\n',
      '__proto__: 1\n',
      'a:\nb: 1\n',
      'a:\n- 1\n',
      'a: 1\n\tb: 2\n',
      'null: 1\n',
    ])
      expect(readSimpleYaml(text), text).toBeNull();
  });

  it('nests no deeper than yaml-source lets a file nest', () => {
    const deep = (levels: number) => `a: ${'['.repeat(levels)}x${']'.repeat(levels)}\n`;
    expect(agrees(deep(99))).toBe(true);
    expect(readSimpleYaml(deep(100))).toBeNull();
    expect(readYamlSource(deep(100)).problems).toEqual(readYamlSource(deep(100), false).problems);
  });
});
