// Output folders written as a unit: a fresh sibling swapped in, stale files of an earlier
// write removed, files etomsim did not write kept, nothing left behind by a failure, and a
// bad --out refused before any work (issue 11, output points).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  checkOutputDir,
  MANIFEST,
  OutputError,
  ownerTag,
  removePending,
  stageOutput,
  writeAtomically,
  writeFileAtomically,
} from '../../engine/io/atomic.js';
import { scratchFolders } from '../support/scratch.js';

const tmp = scratchFolders('etomsim-atomic-');
const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const listing = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

describe('writing an output folder', () => {
  test('a new folder (and its missing parents) appears with every file and its manifest, and nothing else beside it', () => {
    const root = tmp();
    const out = join(root, 'a', 'b', 'out');
    writeAtomically(out, files({ 'results.json': '{}', 'charts/x.svg': '<svg/>', 'events/2/log.csv': 'a,b\n' }));
    expect(listing(out)).toEqual([MANIFEST, 'charts/x.svg', 'events/2/log.csv', 'results.json']);
    expect(JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')).files).toEqual(['charts/x.svg', 'events/2/log.csv', 'results.json']);
    expect(readdirSync(join(root, 'a', 'b'))).toEqual(['out']);
  });

  test('a folder of etomsim files alone is swapped as a unit; stale files of the earlier write go', () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old', 'sizing.json': 'old', 'charts/old.svg': 'old' }));
    const before = statSync(out).ino;
    writeAtomically(out, files({ 'results.json': 'new', 'charts/new.svg': 'new' }));
    expect(listing(out)).toEqual([MANIFEST, 'charts/new.svg', 'results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new');
    expect(statSync(out).ino).not.toBe(before); // a new folder took the old one's place
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('files etomsim did not write are never deleted; its own stale ones are, with the folders they emptied', () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old', 'sizing.json': 'old', 'charts/old.svg': 'old', 'notes/old.md': 'old' }));
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    writeFileSync(join(out, 'charts', 'my-chart.svg'), 'mine');
    mkdirSync(join(out, 'mine', 'deep'), { recursive: true });
    writeFileSync(join(out, 'mine', 'deep', 'f'), 'mine');
    writeAtomically(out, files({ 'results.json': 'new', 'charts/new.svg': 'new' }));
    expect(listing(out)).toEqual([MANIFEST, 'charts/my-chart.svg', 'charts/new.svg', 'mine/deep/f', 'my-notes.txt', 'results.json']);
    expect(existsSync(join(out, 'notes'))).toBe(false);
    expect(readFileSync(join(out, 'my-notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('a folder without a manifest (written by hand, or by an older etomsim): nothing in it is deleted', () => {
    const out = tmp();
    writeFileSync(join(out, 'sizing.json'), 'kept');
    writeAtomically(out, files({ 'results.json': 'new' }));
    expect(listing(out)).toEqual([MANIFEST, 'results.json', 'sizing.json']);
  });

  test('the current directory is written in place, never renamed away from under the shell', () => {
    const out = tmp();
    const cwd = process.cwd();
    process.chdir(out);
    try {
      writeAtomically(out, files({ 'results.json': 'one' }));
      const before = statSync(out).ino;
      writeAtomically('.', files({ 'results.json': 'two', 'report.html': 'x' }));
      expect(statSync(out).ino).toBe(before);
      expect(listing(out)).toEqual([MANIFEST, 'report.html', 'results.json']);
      expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('two');
    } finally {
      process.chdir(cwd);
    }
  });

  test('a write that fails leaves the folder as it was, and no empty folder where there was none', () => {
    const root = tmp();
    expect(() => writeAtomically(join(root, 'x', 'out'), files({ 'ok.txt': 'a', '../escape.txt': 'b' }))).toThrow(
      /not a plain relative path/,
    );
    expect(readdirSync(root)).toEqual([]);
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old' }));
    writeFileSync(join(out, 'charts'), 'a file of the user where a folder must go');
    expect(() => writeAtomically(out, files({ 'results.json': 'new', 'charts/a.svg': 'x' }))).toThrow(OutputError);
    expect(listing(out)).toEqual([MANIFEST, 'charts', 'results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('old');
    expect(readdirSync(root)).toEqual(['out']);
  });

  test('a staged write that is interrupted (Ctrl-C) leaves nothing behind', () => {
    const root = tmp();
    const staged = stageOutput(join(root, 'out'));
    staged.write('results.json', '{}');
    writeFileSync(join(staged.path, 'streamed.csv'), 'a\n'); // a writer that streams into the staging folder
    staged.add('streamed.csv');
    removePending();
    expect(readdirSync(root)).toEqual([]);
  });

  test('streamed files join the set when declared', () => {
    const root = tmp();
    const staged = stageOutput(join(root, 'out'));
    mkdirSync(join(staged.path, 'events'));
    writeFileSync(join(staged.path, 'events', 'log.csv'), 'a\n');
    staged.add('events/log.csv');
    staged.commit();
    staged.discard();
    expect(listing(join(root, 'out'))).toEqual([MANIFEST, 'events/log.csv']);
  });
});

describe('checking --out before the run', () => {
  test('an existing file, a path under /proc, a path through a file: OutputError at once, nothing created', () => {
    const root = tmp();
    const file = join(root, 'file');
    writeFileSync(file, 'x');
    expect(() => checkOutputDir(file)).toThrow(/it is a file, not a folder/);
    expect(() => checkOutputDir(join(file, 'out'))).toThrow(/is a file, not a folder/);
    expect(() => checkOutputDir('/proc/etomsim-out')).toThrow(OutputError);
    expect(() => checkOutputDir('/proc/self/etomsim/out')).toThrow(OutputError);
    checkOutputDir(join(root, 'new', 'out'));
    checkOutputDir(root);
    expect(readdirSync(root)).toEqual(['file']);
  });

  test.skipIf(process.getuid?.() === 0)('a folder the user may not write to', () => {
    const root = tmp();
    const locked = join(root, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    expect(() => checkOutputDir(join(locked, 'out'))).toThrow(OutputError);
  });
});

describe('what a killed process left', () => {
  // A process that has exited: its id names no process here (ids are not reused within the test).
  const goneProcess = () => spawnSync(process.execPath, ['-e', '0']).pid as number;

  test("a dead process's staging folder, its .old twin and a temporary file are removed by the next write beside them; a live one's and another host's stay", () => {
    const root = tmp();
    const out = join(root, 'out');
    const dead = ownerTag(goneProcess());
    const abandoned = [`.out.${dead}.staging-ab12cd`, `.out.${dead}.staging-ab12cd.old`, `.scenario.yaml.${dead}.tmp-1700000000000`];
    const kept = [`.out.${ownerTag(process.ppid)}.staging-ef34gh`, '.out.etomsim-00000000-1.staging-ij56kl', 'notes.etomsim-x.txt'];
    for (const name of [...abandoned, ...kept]) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, 'events.csv'), 'a\n');
    }
    writeAtomically(out, files({ 'results.json': '{}' }));
    expect(readdirSync(root).sort()).toEqual([...kept, 'out'].sort());
  });

  test("inside an existing output folder (its staging's fallback place) a dead process's staging folder goes too", () => {
    const root = tmp();
    const out = join(root, 'out');
    writeAtomically(out, files({ 'results.json': 'old' }));
    const inside = `.${ownerTag(goneProcess())}.staging-mn78op`;
    mkdirSync(join(out, inside));
    writeAtomically(out, files({ 'results.json': 'new' }));
    expect(existsSync(join(out, inside))).toBe(false);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('new');
  });

  test('a lone file written by a temporary name and a rename sweeps its folder as well', () => {
    const root = tmp();
    const left = `.scenario.yaml.${ownerTag(goneProcess())}.tmp-1700000000000`;
    writeFileSync(join(root, left), 'half a scena');
    writeFileAtomically(join(root, 'scenario.yaml'), 'name: x\n');
    expect(readdirSync(root)).toEqual(['scenario.yaml']);
  });
});
