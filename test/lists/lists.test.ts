// The folds that replace argument spreads (engine/lists.ts): the spread's answers on short
// lists, any length without a stack overflow, and a scan of the sources that finds no spread
// of a list into push, Math.max and the like, except over lists of a fixed, small length.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { renderTable } from '../../bin/table.js';
import { append, hypot, largest, smallest } from '../../engine/lists.js';

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

/**
 * Calls that pass a list as arguments, each with the reason its length is fixed and small.
 * engine/sim and engine/stats are left out of the scan: other engineers own them this session
 * (their wide spreads, over a file's flows, are in the session's notes).
 */
const FIXED = new Set([
  'bin/commands/catalog.ts: Math.max(...rows.map((row) => row[column]!.length))', // the metric catalogue's rows, a constant
  'engine/discovery/discover.ts: Math.max(...dayRate)', // 7 days
  'engine/discovery/discover.ts: Math.max(...hourRate)', // 24 hours
  'engine/discovery/teams.ts: Math.max(...dayTotal)', // 7 days
  'engine/discovery/teams.ts: Math.max(...hourTotal)', // 24 hours
  'engine/discovery/teams.ts: Math.max(...level.filter((_, s) => working(s)))', // 168 hours of a week
  'engine/experiment/experiment.ts: Math.min(...counts, 1e9)', // two counts
  'engine/lists.ts: Math.hypot(...Array.from(values))', // a chunk of at most 8,192
  'engine/model/compile.ts: Math.max(...profile)', // 168 hourly factors
  'engine/results/readable.ts: oneOf(...kinds)', // the kinds of a shape, written in the code
  'engine/scenario/validate-arrivals.ts: Math.max(...days)', // 7 day factors, checked before
  'engine/scenario/validate-arrivals.ts: Math.max(...hours)', // 24 hour factors, checked before
  'reports/format.ts: Math.min(...ends)', // an interval's two ends
  'reports/format.ts: Math.max(...ends)',
  'reports/svg-thread.ts: Math.min(...load)', // one per drawing thread
  'tools/bundle.mjs: Math.max(...makers.map((file) => statSync(new URL(file, ROOT)).mtimeMs))', // the build's own scripts
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

test('no list is spread into push, Math.max, Math.min or the like, outside engine/sim and engine/stats, but lists of a fixed small length', () => {
  const root = join(import.meta.dirname, '../..');
  const files = ['bin', 'engine', 'reports', 'tools'].flatMap((d) => sources(join(root, d), []));
  const found: string[] = [];
  for (const file of files) {
    const name = relative(root, file);
    if (name.startsWith('engine/sim/') || name.startsWith('engine/stats/')) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.arguments.some(ts.isSpreadElement) && SPREAD_SENSITIVE.test(node.expression.getText(source))) {
        const site = `${name}: ${node.getText(source).replace(/\s+/g, ' ')}`;
        if (!FIXED.has(site)) found.push(site);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  expect(found).toEqual([]);
});
