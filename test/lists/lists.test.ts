// The folds that replace argument spreads (engine/lists.ts): the spread's answers on short
// lists, any length without a stack overflow, and a scan of the sources that finds no list
// spread (or handed to `apply`) into push, Math.max and the like, except lists of a fixed, small
// length.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { renderTable } from '../../bin/table.js';
import { append, hypot, largest, smallest } from '../../engine/lists.js';
import { seededDraws } from '../support/seeded-draws.js';

const LONG = 300_000; // Node 20 overflows a spread of about 125,000 arguments

describe('folds', () => {
  const cases: number[][] = [[], [3], [1, 5, 2], [-0, 0], [0, -0], [1, Number.NaN, 2], [Number.POSITIVE_INFINITY, -1], [-0]];
  test.each(cases.map((values) => [values]))('the spread call answers the same on %j', (values) => {
    expect(Object.is(largest(values), Math.max(...values))).toBe(true);
    expect(Object.is(smallest(values), Math.min(...values))).toBe(true);
    expect(Object.is(largest(values, 0), Math.max(0, ...values))).toBe(true);
    expect(Object.is(largest(values, -0), Math.max(-0, ...values))).toBe(true);
    expect(Object.is(smallest(values, 0), Math.min(0, ...values))).toBe(true);
    expect(Object.is(hypot(values), Math.hypot(...values))).toBe(true);
    expect(append(['a'], values.map(String))).toEqual(['a', ...values.map(String)]);
  });

  test(`${LONG.toLocaleString('en-US')} values: the fold answers where the spread overflows the stack`, () => {
    const values = Array.from({ length: LONG }, (_, i) => (i * 7919) % LONG);
    expect(() => Math.max(...values)).toThrow(RangeError);
    expect(largest(values)).toBe(LONG - 1);
    expect(smallest(values)).toBe(0);
    expect(largest(new Float64Array(values).subarray(1))).toBe(LONG - 1);
    const target = [-1];
    expect(append(target, values)).toBe(target);
    expect(target).toHaveLength(LONG + 1);
    expect(target[LONG]).toBe(values[LONG - 1]);
    expect(hypot(new Float64Array(LONG).fill(3))).toBeCloseTo(3 * Math.sqrt(LONG), 6);
  });

  test.each([20_000, 100_000])('hypot of %i random values is Math.hypot(...values), bit for bit', (n) => {
    // spreads of 8,193 to ~125,000 work, so the fold must answer what they answer; a seeded
    // walk (not Math.random) so a failure replays
    const next = seededDraws(n).random;
    for (let list = 0; list < 10; list++) {
      const values = Array.from({ length: n }, () => (next() - 0.3) * 10 ** (6 * next() - 3));
      expect(Object.is(hypot(values), Math.hypot(...values))).toBe(true);
      expect(Object.is(hypot(new Float64Array(values)), Math.hypot(...values))).toBe(true);
    }
  });

  test('hypot of a long list: Infinity before NaN, NaN, 0 for zeros of either sign, as Math.hypot', () => {
    const n = 20_000;
    const with_ = (at: number[], v: number) => Array.from({ length: n }, (_, i) => (at.includes(i) ? v : 1));
    const cases = [
      with_([5], Number.NaN),
      with_([5], Number.POSITIVE_INFINITY),
      with_([9_000], Number.NEGATIVE_INFINITY),
      [...with_([3], Number.NaN).slice(0, 10_000), ...with_([], Number.NEGATIVE_INFINITY).slice(0, 1), ...with_([], 2).slice(0, 10_000)],
      Array.from({ length: n }, (_, i) => (i % 2 ? 0 : -0)),
    ];
    for (const values of cases) expect(Object.is(hypot(values), Math.hypot(...values))).toBe(true);
  });

  test('hypot keeps Math.hypot scaling: huge and tiny values neither overflow nor vanish', () => {
    expect(hypot(new Float64Array(LONG).fill(1e300))).toBeCloseTo(1e300 * Math.sqrt(LONG), -290);
    expect(hypot(new Float64Array(LONG).fill(1e-300)) / (1e-300 * Math.sqrt(LONG))).toBeCloseTo(1, 10);
  });
});

test(`a console table of ${LONG.toLocaleString('en-US')} rows is padded to its widest cell`, () => {
  const rows = Array.from({ length: LONG }, (_, i) => [`team ${i}`, String(i)]);
  const lines = renderTable(['team', 'n'], rows).split('\n');
  expect(lines.length).toBeGreaterThan(LONG);
  expect(lines.at(-1)).toMatch(/^team 299999 +299999$/);
});

/** Calls that pass a list as arguments, each with the reason its length is fixed and small. */
const FIXED = new Set([
  'engine/discovery/arrival-facts.ts: Math.max(...dayRate)', // 7 days
  'engine/discovery/team-hours.ts: Math.max(...byDay)', // 7 days
  'engine/discovery/team-hours.ts: Math.max(...byHour)', // 24 hours
  'engine/discovery/arrival-facts.ts: Math.max(...hourRate)', // 24 hours
  'engine/discovery/team-hours.ts: Math.max(...dayTotal)', // 7 days
  'engine/discovery/team-hours.ts: Math.max(...hourTotal)', // 24 hours
  'engine/discovery/team-hours.ts: Math.max(...level.filter((_, s) => working(s)))', // 168 hours of a week
  'engine/experiment/experiment.ts: Math.min(...counts, 1e9)', // two counts
  'engine/lists.ts: Math.hypot(...Array.from(values))', // a chunk of at most 8,192
  'engine/model/compile.ts: Math.max(...profile)', // 168 hourly factors
  'engine/scenario/validate-arrivals.ts: Math.max(...days)', // 7 day factors, checked before
  'engine/scenario/validate-arrivals.ts: Math.max(...hours)', // 24 hour factors, checked before
  'reports/format.ts: Math.min(...ends)', // an interval's two ends
  'reports/format.ts: Math.max(...ends)',
]);

/** Whose arguments a long list would overflow. */
const SPREAD_SENSITIVE = /(^|\.)(push|unshift|splice|concat|max|min|hypot|fromCharCode|fromCodePoint|apply)$/;

function sources(dir: string, out: string[]): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sources(path, out);
    else if (/\.(ts|mts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * The calls of a source file that pass a list as arguments to one of SPREAD_SENSITIVE: a spread
 * (`Math.max(...list)`), or a list handed to `apply` (`Math.max.apply(null, list)`; an array
 * written out there has a fixed length), as `NAME: CALL`.
 */
function spreadCalls(name: string, text: string): string[] {
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      const list = node.arguments[1];
      const applied = /\.apply$/.test(callee) && list !== undefined && !ts.isArrayLiteralExpression(list);
      if ((node.arguments.some(ts.isSpreadElement) || applied) && SPREAD_SENSITIVE.test(callee))
        found.push(`${name}: ${node.getText(source).replace(/\s+/g, ' ')}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

test('the scan finds a list spread into the arguments or handed to apply', () => {
  const text = [
    'Math.max(...xs);',
    'out.push(...rows.map((r) => r.id));',
    'Math.max.apply(null, xs);',
    'String.fromCharCode.apply(undefined, codes);',
    'Math.min.apply(Math, [a, b]);', // written out: two arguments
    'Math.max(a, b);',
    'f(...xs);', // not one whose arguments a long list would overflow here
  ].join('\n');
  expect(spreadCalls('x.ts', text)).toEqual([
    'x.ts: Math.max(...xs)',
    'x.ts: out.push(...rows.map((r) => r.id))',
    'x.ts: Math.max.apply(null, xs)',
    'x.ts: String.fromCharCode.apply(undefined, codes)',
  ]);
});

test('no list is spread into push, Math.max, Math.min or the like, but lists of a fixed small length; every such list is still there', () => {
  const root = join(import.meta.dirname, '../..');
  const files = ['bin', 'engine', 'reports', 'tools'].flatMap((d) => sources(join(root, d), []));
  const sites = files.flatMap((file) => spreadCalls(relative(root, file), readFileSync(file, 'utf8')));
  expect(sites.filter((site) => !FIXED.has(site))).toEqual([]);
  // an entry that matches nothing any more would let a new site of that text through unseen
  expect([...FIXED].filter((site) => !sites.includes(site))).toEqual([]);
});
