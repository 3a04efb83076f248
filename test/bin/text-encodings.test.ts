// The files etomsim reads besides scenarios and event logs, in the encodings a Windows editor
// saves: a BPMN file (import-bpmn), a results.json (report) and a shard file (merge), each in
// UTF-16 with its byte-order mark, either byte order, read as its UTF-8 form is (before, the
// NULs between letters made a BPMN file or a JSON file unreadable); and bytes that are not
// UTF-8 (a Latin-1 'ï') refused, exit 2, at FILE:LINE:COL, where they became U+FFFD in names.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { BIN } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-text-encodings-');

const SCENARIO = `name: Tïny
run: { horizon: 50h, replications: 2, seed: 1 }
resources: { desk: { capacity: 1 } }
arrivals: [ { flow: f, interarrival: 1h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: 30m }
`;

const etomsim = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

/** The UTF-8 text in UTF-16 with its byte-order mark, little- or big-endian. */
function utf16(text: string, order: 'le' | 'be'): Buffer {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return order === 'le' ? le : Buffer.from(le).swap16();
}

/** The text with its first 'ï' as Latin-1's byte, and where that byte is: line and column. */
function latin1(text: string): { bytes: Buffer; line: number; col: number } {
  const at = text.indexOf('ï');
  const before = text.slice(0, at);
  const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xef]), Buffer.from(text.slice(at + 1), 'utf8')]);
  return { bytes, line: before.split('\n').length, col: at - before.lastIndexOf('\n') };
}

let dir: string;
let results: string;
let shard: string;
let bpmn: string;
beforeAll(() => {
  dir = tmp();
  writeFileSync(join(dir, 't.yaml'), SCENARIO);
  for (const args of [
    ['run', 't.yaml', '-w', '1', '-q', '--no-report', '-o', 'run'],
    ['run', 't.yaml', '-w', '1', '-q', '--shard', '1/1', '-o', 'shards'],
    ['export-bpmn', 't.yaml', '-q', '-o', 't.bpmn'],
  ])
    expect(etomsim(dir, ...args)).toMatchObject({ status: 0, stderr: '' });
  results = readFileSync(join(dir, 'run/results.json'), 'utf8');
  shard = readFileSync(join(dir, 'shards/shard-1-of-1.json'), 'utf8');
  bpmn = readFileSync(join(dir, 't.bpmn'), 'utf8');
  for (const text of [results, shard, bpmn]) expect(text).toContain('Tïny');
});

test('a BPMN file in UTF-16 (either byte order) imports as its UTF-8 form; a Latin-1 byte is refused at its line and column', () => {
  const imported = (bytes: Buffer | string, name: string) => {
    const sub = join(dir, name);
    mkdirSync(sub);
    writeFileSync(join(sub, 'in.bpmn'), bytes);
    const r = etomsim(sub, 'import-bpmn', 'in.bpmn', '-q', '-o', 'out.yaml');
    return {
      status: r.status,
      stderr: r.stderr,
      yaml: existsSync(join(sub, 'out.yaml')) ? readFileSync(join(sub, 'out.yaml'), 'utf8') : null,
    };
  };
  const utf8 = imported(bpmn, 'bpmn-utf8');
  expect(utf8.status).toBe(0);
  expect(utf8.yaml).toContain('Tïny');
  for (const order of ['le', 'be'] as const) expect(imported(utf16(bpmn, order), `bpmn-${order}`)).toEqual(utf8);
  const bad = latin1(bpmn);
  expect(imported(bad.bytes, 'bpmn-latin1')).toEqual({
    status: 2,
    stderr: `in.bpmn:${bad.line}:${bad.col}: byte 0xEF is not UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8 (at file)\n`,
    yaml: null,
  });
});

test('a results.json in UTF-16 (either byte order) reports as its UTF-8 form; a Latin-1 byte is refused at its line and column', () => {
  const reported = (bytes: Buffer | string, name: string) => {
    const sub = join(dir, name);
    mkdirSync(sub);
    writeFileSync(join(sub, 'results.json'), bytes);
    const r = etomsim(sub, 'report', 'results.json', '-q', '--formats', 'md', '-o', 'report');
    const md = join(sub, 'report/summary.md');
    return { status: r.status, stderr: r.stderr, summary: existsSync(md) ? readFileSync(md, 'utf8') : null };
  };
  const utf8 = reported(results, 'results-utf8');
  expect(utf8.status).toBe(0);
  expect(utf8.summary).toContain('Tïny');
  for (const order of ['le', 'be'] as const) expect(reported(utf16(results, order), `results-${order}`)).toEqual(utf8);
  const bad = latin1(results);
  expect(reported(bad.bytes, 'results-latin1')).toEqual({
    status: 2,
    stderr: `results.json:${bad.line}:${bad.col}: byte 0xEF is not UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8 (at file)\n`,
    summary: null,
  });
});

test('a shard file in UTF-16 (either byte order) merges as its UTF-8 form; a Latin-1 byte is refused at its line and column', () => {
  const merged = (bytes: Buffer | string, name: string) => {
    const sub = join(dir, name);
    mkdirSync(join(sub, 'shards'), { recursive: true });
    writeFileSync(join(sub, 'shards/shard-1-of-1.json'), bytes);
    const r = etomsim(sub, 'merge', 'shards', '-q', '--no-report', '-o', 'out');
    const file = join(sub, 'out/results.json');
    return { status: r.status, stderr: r.stderr, results: existsSync(file) ? readFileSync(file, 'utf8') : null };
  };
  const utf8 = merged(shard, 'shard-utf8');
  expect(utf8.status).toBe(0);
  expect(utf8.results).toContain('Tïny');
  for (const order of ['le', 'be'] as const) expect(merged(utf16(shard, order), `shard-${order}`)).toEqual(utf8);
  const bad = latin1(shard);
  expect(merged(bad.bytes, 'shard-latin1')).toEqual({
    status: 2,
    stderr: `shards/shard-1-of-1.json:${bad.line}:${bad.col}: byte 0xEF is not UTF-8 (the file may be Latin-1 or Windows-1252): save it as UTF-8 (at file)\n`,
    results: null,
  });
});
