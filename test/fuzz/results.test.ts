// The fuzzer of the files `etomsim report` reads: a results.json and a sizing.json, written by
// `run` and `size` on a small scenario (two teams, a shift, an SLA, a variant, sensitivity), in
// three kinds (budget-run.ts' fuzzFiles): mutated as text (file-mutations.ts: lines, values,
// characters, the file cut) or as JSON (a value replaced, an entry dropped or doubled, a key
// renamed: the file still parses, so the reader's checks and the report's code are what is
// tried), read or refused; changed only in ways that keep it readable (a number to an extreme one
// of its kind, a free text to a hostile one: the report must be written, so its code meets them);
// and a required key given a value of another kind, which must be refused at that key's line,
// column and path. Each is read by the CLI under a time and memory budget into some of the
// report's formats (mostly CSV, the cheapest; HTML, Markdown with its charts, Excel and
// PowerPoint now and then). Whatever the file, the command exits 0 with the report written or 2
// with nothing written, every error line is `FILE:LINE:COL: MESSAGE (at PATH)`, and no stack
// trace reaches the user. The seed is fixed; ETOMSIM_FUZZ_RUNS sets the number of files (`npm
// run fuzz` soaks with many more), ETOMSIM_FUZZ_SEED picks another seed and ETOMSIM_FUZZ_SHOW=1
// prints each file's formats and mutations, its exit and error line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { fuzzFiles, fuzzTimeout, type Refusal, RUNS, runOnFuzzedFile } from './budget-run.js';
import { HOSTILE_VALUES, type Mutation, mutate, mutation } from './file-mutations.js';
import { FUZZ_SCENARIO } from './fuzz-scenario.js';

const tmp = scratchFolders('etomsim-fuzz-results-');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values put in place of one in the file: wrong types, empty and huge containers, names that are data, text that is markup or a formula. */
const JSON_VALUES: Json[] = [
  ...HOSTILE_VALUES,
  null,
  true,
  false,
  0,
  -1,
  -0,
  0.5,
  1e308,
  -1e308,
  2 ** 53 + 2,
  5e-324,
  [],
  {},
  [null],
  [1, 2, 3],
  Array.from({ length: 2000 }, (_, i) => i),
  { mean: null, sd: null, n: 0, ci95: null },
  { mean: 1, sd: 0, n: 3, ci95: [2, 1] },
  JSON.parse('{"__proto__": {"polluted": 1}}'),
];
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'x'.repeat(300), '=1+1', '<b>', 'baseline', 'mean'];

type Path = (string | number)[];

/** Every place a value sits in `value`, the root's children first. */
function paths(value: Json, at: Path = [], into: Path[] = []): Path[] {
  if (value !== null && typeof value === 'object')
    for (const [key, child] of Object.entries(value)) {
      const path = [...at, Array.isArray(value) ? Number(key) : key];
      into.push(path);
      paths(child, path, into);
    }
  return into;
}

/** A place among the file's thousands: any of them alike (fast-check's bias would take the first few). */
const index = fc.noBias(fc.nat());

const jsonMutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: index, value: fc.constantFrom(...JSON_VALUES) }),
  fc.record({ kind: fc.constant('remove' as const), at: index }),
  fc.record({ kind: fc.constant('double' as const), at: index }),
  fc.record({ kind: fc.constant('rename' as const), at: index, key: fc.constantFrom(...KEYS) }),
);
type JsonMutation = typeof jsonMutation extends fc.Arbitrary<infer T> ? T : never;

/** `doc` with one place changed (a structured copy: `doc` stays as it was); keys keep their order, a renamed one its place. */
function mutateJson(doc: Json, m: JsonMutation): Json {
  const copy = structuredClone(doc);
  const all = paths(copy);
  if (all.length === 0) return m.kind === 'replace' ? m.value : copy;
  const path = all[m.at % all.length];
  const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k], copy) as Record<string, Json> | Json[];
  const last = path[path.length - 1];
  if (Array.isArray(parent)) {
    const i = last as number;
    if (m.kind === 'replace') parent[i] = structuredClone(m.value);
    else if (m.kind === 'remove') parent.splice(i, 1);
    else if (m.kind === 'double') parent.splice(i, 0, structuredClone(parent[i]));
    return copy;
  }
  // an object's entries rebuilt in their order: a key named __proto__ is an entry like another (Object.fromEntries)
  const entries = Object.entries(parent).flatMap(([k, v]): [string, Json][] => {
    if (k !== last) return [[k, v]];
    if (m.kind === 'replace') return [[k, structuredClone(m.value)]];
    if (m.kind === 'remove') return [];
    if (m.kind === 'double')
      return [
        [k, v],
        [`${k}_2`, structuredClone(v)],
      ];
    return [[m.key, v]];
  });
  const rebuilt = Object.fromEntries(entries) as Record<string, Json>;
  if (path.length === 1) return rebuilt;
  const grand = path.slice(0, -2).reduce<Json>((v, k) => (v as Record<string, Json>)[k], copy) as Record<string, Json>;
  grand[path[path.length - 2]] = rebuilt;
  return copy;
}

/** What a number is changed to, of the same sign and, for a whole one, whole: the smallest and the largest doubles, 2^53 + 2, plain ones. */
const MAGNITUDES = [5e-324, 1e-9, 0.5, 1, 2, 3.7, 1000, 2 ** 53 + 2, 1e308];
/** The keys whose text is free (a scenario's name, a description, a warning's message): the reader takes any text there. */
const FREE_TEXT = new Set(['scenario', 'description', 'message']);
/** The format numbers, the one number the reader takes as one value alone (1). */
const FORMAT_KEYS = new Set(['format', 'sizing_format']);

/**
 * A change that keeps the file one the reader takes (engine/results/readable.ts: a number is
 * checked for its kind alone, at least 0, above 0 or whole, never against another; a free text
 * is any text), so that the report's code, not the reader's checks, meets extreme values.
 */
const keptMutation = fc.record({ at: index, magnitude: fc.constantFrom(...MAGNITUDES), text: fc.constantFrom(...HOSTILE_VALUES) });
type KeptMutation = typeof keptMutation extends fc.Arbitrary<infer T> ? T : never;

const valueAt = (doc: Json, path: Path): Json => path.reduce<Json>((v, k) => (v as Record<string, Json>)[k], doc);

/** `doc` with a number changed to one of its kind (its sign; whole if it was), or a free text to a hostile one. */
function keepJson(doc: Json, m: KeptMutation): Json {
  const copy = structuredClone(doc);
  const places = paths(copy).filter((path) => {
    const value = valueAt(copy, path);
    const key = path[path.length - 1];
    return typeof value === 'number' ? !FORMAT_KEYS.has(String(key)) : typeof value === 'string' && FREE_TEXT.has(String(key));
  });
  const path = places[m.at % places.length];
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string, Json>;
  const key = path[path.length - 1];
  const old = parent[key];
  if (typeof old === 'string') parent[key] = m.text;
  else {
    const magnitude = Number.isInteger(old) && !Number.isInteger(m.magnitude) ? Math.ceil(m.magnitude) : m.magnitude;
    parent[key] = (old as number) < 0 ? -magnitude : magnitude;
  }
  return copy;
}

/** The report's formats a file is read into: CSV mostly (a fraction of a second), the others now and then (one to two seconds of CPU each). */
const formats = fc.oneof(
  { weight: 6, arbitrary: fc.constant('csv') },
  { weight: 2, arbitrary: fc.constant('html') },
  { weight: 1, arbitrary: fc.constant('md') },
  { weight: 1, arbitrary: fc.constant('xlsx') },
  { weight: 1, arbitrary: fc.constant('pptx') },
);

/** A file each format writes. */
const WRITES: Record<string, string> = { csv: 'kpis.csv', html: 'report.html', md: 'summary.md', xlsx: 'report.xlsx', pptx: 'report.pptx' };

/** The seed files, written by `run` and `size` once for the file's tests. */
const seeds: { file: string; doc: Json }[] = [];

beforeAll(() => {
  const dir = tmp();
  const scenario = join(dir, 'fuzz.yaml');
  writeFileSync(scenario, FUZZ_SCENARIO);
  const made = [
    ['run', scenario, '-w', '1', '-q', '--no-report', '--sensitivity', '-o', join(dir, 'run')],
    ['size', scenario, '-w', '1', '-q', '-t', 'flows.order.cycle_time.p90 <= 30h', '-o', join(dir, 'size')],
  ].map((args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' }));
  for (const r of made) expect(r.stderr).toBe('');
  for (const [file, path] of [
    ['results.json', join(dir, 'run/results.json')],
    ['sizing.json', join(dir, 'size/sizing.json')],
  ])
    seeds.push({ file, doc: JSON.parse(readFileSync(path, 'utf8')) });
});

/** A file changed only in ways it stays readable: the report must be written. */
const kept = fc
  .record({ seed: fc.nat({ max: 1 }), keep: fc.array(keptMutation, { minLength: 1, maxLength: 3 }), formats })
  .map((m) => ({ ...m, json: [] as JsonMutation[], text: [] as Mutation[], set: null }));

/** A file changed in ways that mostly break it (a value of the wrong type, an entry gone or doubled, a key renamed, the text cut). */
const input = fc
  .record({
    seed: fc.nat({ max: 1 }),
    json: fc.array(jsonMutation, { minLength: 1, maxLength: 3 }),
    // a text mutation mostly leaves no JSON to read (soaked: 105 of 120 files refused, most for their syntax): in a file of four
    text: fc.oneof(
      { weight: 3, arbitrary: fc.constant<Mutation[]>([]) },
      { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 2 }) },
    ),
    formats,
  })
  .map((m) => ({ ...m, keep: [] as KeptMutation[], set: null }));

/** Keys each file must hold, of a kind the reader checks (engine/results/readable.ts' RESULTS and SIZING): [file, path, kind]. */
const REQUIRED: [number, Path, 'number' | 'string'][] = [
  [0, ['horizon'], 'number'],
  [0, ['warmup'], 'number'],
  [0, ['engine', 'replications'], 'number'],
  [0, ['scenario'], 'string'],
  [1, ['replications'], 'number'],
  [1, ['seed'], 'number'],
  [1, ['scenario'], 'string'],
];
/** Values of another kind: what a number's place holds instead, and a text's. */
const NOT_NUMBERS: Json[] = ['x', '1', true, [], {}, null];
const NOT_TEXTS: Json[] = [5, false, [], {}, null];

type Drawn = {
  seed: number;
  json: JsonMutation[];
  keep: KeptMutation[];
  text: Mutation[];
  formats: string;
  set: { path: Path; value: Json } | null;
};

/** `doc` with the value at `path` set: a copy. */
function setAt(doc: Json, { path, value }: { path: Path; value: Json }): Json {
  const copy = structuredClone(doc);
  (valueAt(copy, path.slice(0, -1)) as Record<string, Json>)[path[path.length - 1]] = value;
  return copy;
}

/** The file's text as etomsim writes it (two spaces), from its draw. */
function fileText(m: Drawn): string {
  let doc = m.keep.reduce(keepJson, m.json.reduce(mutateJson, seeds[m.seed % seeds.length].doc));
  if (m.set) doc = setAt(doc, m.set);
  return m.text.reduce(mutate, `${JSON.stringify(doc, null, 2)}\n`);
}

/** A file with one required key's value of another kind: refused at its line and column, at its key path. */
const broken: fc.Arbitrary<[Drawn, Refusal]> = fc
  .record({ place: fc.constantFrom(...REQUIRED), number: fc.constantFrom(...NOT_NUMBERS), text: fc.constantFrom(...NOT_TEXTS), formats })
  .map(({ place: [seed, path, kind], number, text, formats }) => {
    const m: Drawn = { seed, json: [], keep: [], text: [], formats, set: { path, value: kind === 'number' ? number : text } };
    // the key's line: each key of the path at its depth's indent, after its parent's
    const lines = fileText(m).split('\n');
    const line = path.reduce<number>((from, key, depth) => {
      const head = `${'  '.repeat(depth + 1)}${JSON.stringify(key)}: `;
      return lines.findIndex((l, i) => i > from && l.startsWith(head));
    }, 0);
    return [m, { line: line + 1, col: lines[line].indexOf('": ') + 4, at: path.join('.') }];
  });

describe('fuzzing results.json and sizing.json', () => {
  test(`${RUNS} random, kept and broken results and sizing files: report writes the kept, refuses the broken at their key, in budget`, {
    timeout: fuzzTimeout(),
  }, () => {
    fuzzFiles('results', { input, kept, broken }, (m: Drawn) => {
      const seed = seeds[m.seed % seeds.length];
      const dir = tmp();
      const path = join(dir, seed.file);
      writeFileSync(path, fileText(m));
      // the report goes beside the file (report's default): on exit 2 the folder must hold the file alone
      if (process.env.ETOMSIM_FUZZ_SHOW)
        process.stdout.write(`--formats ${m.formats}, ${m.keep.length} kept, ${m.json.length} JSON and ${m.text.length} text mutations\n`);
      const run = runOnFuzzedFile(path, ['report', path, '-q', '--formats', m.formats]);
      if (run.status === 0) {
        const wrote = seed.file === 'sizing.json' ? 'sizing.html' : WRITES[m.formats];
        expect(existsSync(join(dir, wrote)), `${path}: ${wrote} written`).toBe(true);
        expect(statSync(join(dir, wrote)).size, `${path}: ${wrote} empty`).toBeGreaterThan(0);
      }
      return { path, run };
    });
  });
});
