// `merge`'s folders: each named folder is read once and must hold shard files. A folder without
// any is refused at `FOLDER:1:1: ... (at folder)` whether alone or beside others (beside others it
// was skipped without a word, and the merge written from the rest: a round not copied yet went
// unnoticed), and a folder named twice is told once, at its second naming (the empty one's
// refusal was printed twice, a full one's shards each told as given twice). Until session 56 the
// refusal said `(at file)` of a folder. Exit 2, nothing written.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { etomsim } from '../support/cli.js';
import { scratchFolders } from '../support/scratch.js';
import { tinyScenario } from '../support/tiny-scenario.js';

const tmp = scratchFolders('etomsim-merge-folders-');

const SCENARIO = tinyScenario('run: { horizon: 50h, replications: 2, seed: 3 }');

let shards = ''; // a folder holding the one shard of a whole run
beforeAll(() => {
  const root = tmp();
  const file = join(root, 'scenario.yaml');
  writeFileSync(file, SCENARIO);
  shards = join(root, 'shards');
  const r = etomsim('run', file, '--shard', '1/1', '--no-report', '-q', '--out', shards);
  expect([r.status, r.stderr]).toEqual([0, '']);
});

/** A fresh empty folder. */
function emptyFolder(): string {
  const dir = join(tmp(), 'empty');
  mkdirSync(dir);
  return dir;
}

test('a whole set of shards merges (the premise of the refusals below)', () => {
  const out = join(tmp(), 'out');
  const r = etomsim('merge', shards, '--no-report', '-q', '--out', out);
  expect([r.status, r.stderr]).toEqual([0, '']);
  expect(existsSync(join(out, 'results.json'))).toBe(true);
});

test('a folder without shard files beside a whole set: refused at the folder, nothing written', () => {
  const empty = emptyFolder();
  const out = join(tmp(), 'out');
  const r = etomsim('merge', shards, empty, '--no-report', '-q', '--out', out);
  expect([r.status, r.stderr]).toEqual([2, `${empty}:1:1: no shard files (shard-*.json) in this folder (at folder)\n`]);
  expect(existsSync(out)).toBe(false);
});

test('a folder named twice: told once, at its second naming, under either name', () => {
  const empty = emptyFolder();
  const out = join(tmp(), 'out');
  const twiceEmpty = etomsim('merge', empty, empty, '--no-report', '-q', '--out', out);
  expect([twiceEmpty.status, twiceEmpty.stderr.split('\n')]).toEqual([
    2,
    [
      `${empty}:1:1: no shard files (shard-*.json) in this folder (at folder)`,
      `${empty}:1:1: this folder was given already; give each folder once (at folder)`,
      '',
    ],
  ]);
  const again = `${shards}/`;
  const twiceFull = etomsim('merge', shards, again, '--no-report', '-q', '--out', out);
  expect([twiceFull.status, twiceFull.stderr]).toEqual([
    2,
    `${again}:1:1: this folder was given already, as '${shards}'; give each folder once (at folder)\n`,
  ]);
  expect(existsSync(out)).toBe(false);
});
