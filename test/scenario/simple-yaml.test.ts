import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTooDeep } from '../../engine/scenario/nesting.js';
import { plainValue, readSimpleYaml } from '../../engine/scenario/simple-yaml.js';
import { readYamlSource } from '../../engine/scenario/yaml-source.js';
import { seededDraws } from '../support/seeded-draws.js';

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

  it('agrees with yaml on 20,000 generated texts of nested keys, lists, scalars, block scalars and comments, some with a character dropped in', () => {
    const draws = seededDraws(20261202); // the same texts in every run
    const random = (n: number) => draws.random() * n;
    const pick = <T>(list: T[]): T => list[Math.floor(random(list.length))];
    const scalars = ['a', 'b c', '1', '-1', '0.5', '1e3', 'true', 'null', '~', '', '"q"', "'s'", "'it''s'", '"a#b"', 'a#b', 'a #c'];
    scalars.push('x:y', 'x: y', '-', '- a', '?x', '? x', ':x', '&a x', '*a', '!t x', '|', '>', '[a]', '{a: 1}', '[a, b]', '[', '{a:1}');
    scalars.push(
      '{ a: [1, 2], b: c }',
      '[a,]',
      '"a\\tb"',
      'é£',
      '08:00',
      '{ "k": v }',
      "{ 'k k': v }",
      '[ ]',
      '{ }',
      '%x',
      '@x',
      '[a: 1]',
      '{a: }',
      'a ',
    );
    const keys = ['a', 'b', 'c_d', 'e-f', 'g.h', '"q k"', "'s'", '1', 'null', 'a b', '__proto__', '<<', 'x', 'y'];
    const block = (depth: number, indent: number): string[] => {
      const lines: string[] = [];
      const pad = ' '.repeat(indent);
      const list = depth > 0 && random(4) < 1;
      for (let i = 1 + Math.floor(random(4)); i > 0; i--) {
        const head = list ? `${pad}-` : `${pad}${pick(keys)}:`;
        const r = random(10);
        if (r < 5 || depth > 3) lines.push(`${head} ${pick(scalars)}`);
        else if (r < 6) {
          lines.push(`${head} ${pick(['|', '>', '>-', '|-'])}`);
          const inner = indent + 2 + Math.floor(random(2));
          for (let k = 1 + Math.floor(random(3)); k > 0; k--)
            lines.push(' '.repeat(inner + (random(8) < 1 ? 1 : 0)) + pick(['one', 'two words', '# x', 'a: b', 'end  ']));
          if (random(5) < 1) lines.push(pick(['', ' '.repeat(inner), ' '.repeat(inner + 1), '   ']));
        } else if (r < 7) lines.push(`${pad}# comment`);
        else if (r < 8) lines.push('');
        else lines.push(head + (random(5) < 1 ? ' # c' : ''), ...block(depth + 1, indent + (list ? 2 : pick([1, 2, 2, 4]))));
      }
      return lines;
    };
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = block(0, 0).join('\n') + (random(6) < 1 ? '' : '\n');
      if (random(10) < 1) {
        const at = Math.floor(random(text.length));
        text = text.slice(0, at) + pick([' ', '\n', ':', '-', '#', '"', "'", '  ']) + text.slice(at);
      }
      if (agrees(text)) taken++;
    }
    expect(taken).toBeGreaterThan(2_000); // 2,728: enough of them in the common shape that the comparison is not vacuous
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

  it("resolves any plain scalar as the core schema's patterns do, in their order", () => {
    // yaml's core schema (its schema/core), tried in its order: plainValue tries the numbers' patterns only where one can match
    const core: [RegExp, (s: string) => unknown][] = [
      [/^(?:~|[Nn]ull|NULL)?$/, () => null],
      [/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T'],
      [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
      [
        /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
        (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity),
      ],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, parseFloat],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, parseFloat],
    ];
    const resolved = (s: string) => {
      for (const [pattern, value] of core) if (pattern.test(s)) return value(s);
      return s;
    };
    const pieces = ['~', 'n', 'N', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'rue', 'ull', 'alse'];
    pieces.push('0', '7', '9', '+', '-', '.', 'o', 'x', 'e', 'E', 'a', 'F', 'inf', 'Inf', 'INF', 'nan', 'NaN', 'NAN', ' ', '_', '/', ':');
    // the octal's and the hex's prefixes whole (and an octal): from '0', 'o' and 'x' alone, 0-4 of the 20,000 strings
    // were either (5 runs), so breaking plainValue's `0o` or `0x` check passed here; now some 70-100 and 10-20 a run
    pieces.push('0o', '0o7', '0x', '0O', '0X');
    let numbers = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 5 }), (parts) => {
        const s = parts.join('');
        if (typeof resolved(s) === 'number') numbers++;
        expect(Object.is(plainValue(s), resolved(s)), JSON.stringify(s)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
    expect(numbers).toBeGreaterThan(200); // not vacuous: numbers are among them (339)
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
      // its ':' more than 1024 characters after the key's start, which yaml refuses, though the key is 601 long
      `'${"''".repeat(600)}': 1\n`,
      // a line of spaces past a block scalar's indentation, after its last line: content to yaml
      'a: |\n  x\n     \nb: 1\n',
    ])
      expect(readSimpleYaml(text), text).toBeNull();
  });

  it('nests no deeper than yaml-source lets a file nest', () => {
    const deep = (levels: number) => `a: ${'['.repeat(levels)}x${']'.repeat(levels)}\n`;
    expect(agrees(deep(99))).toBe(true);
    expect(readSimpleYaml(deep(100))).toBeNull();
    expect(readYamlSource(deep(100)).problems).toEqual(readYamlSource(deep(100), false).problems);
  });

  it('takes no text the nesting scan would refuse, which yaml-source runs only when it declines', () => {
    const indent = (n: number) => ' '.repeat(n);
    const shapes: Record<string, (levels: number) => string> = {
      maps: (n) => `a:\n${Array.from({ length: n }, (_, i) => `${indent(2 * i + 2)}a:${i === n - 1 ? ' 1' : ''}`).join('\n')}\n`,
      // an entry is two levels to the scan (its '-' column and its content's), one to a path
      'lists of lists': (n) => `a:\n${Array.from({ length: n }, (_, i) => `${indent(2 * i + 2)}-${i === n - 1 ? ' 1' : ''}`).join('\n')}\n`,
      'lists of maps': (n) =>
        `a:\n${Array.from({ length: n }, (_, i) => `${indent(4 * i + 2)}- b:${i === n - 1 ? ' [[1]]' : ''}`).join('\n')}\n`,
      'flow lists': (n) => `a: ${'['.repeat(n)}x${']'.repeat(n)}\n`,
      // empty innermost collections, which hold no value a level deeper to decline
      'empty flow lists': (n) => `a: ${'['.repeat(n)}${']'.repeat(n)}\n`,
      'maps ending in an empty flow map': (n) =>
        `a:\n${Array.from({ length: n }, (_, i) => `${indent(2 * i + 2)}a:${i === n - 1 ? ' {}' : ''}`).join('\n')}\n`,
    };
    for (const [name, shape] of Object.entries(shapes)) {
      let deepest = 0;
      for (let levels = 1; levels <= 150; levels++) {
        const text = shape(levels);
        if (readSimpleYaml(text) === null) continue;
        expect(findTooDeep(text), `${name}, ${levels} levels`).toBeNull();
        deepest = levels;
      }
      // each shape read this way well past what a scenario needs (about ten levels)
      expect(deepest, name).toBeGreaterThanOrEqual(30);
      expect(readYamlSource(shape(150)).problems).toEqual(readYamlSource(shape(150), false).problems);
    }
  });
});
