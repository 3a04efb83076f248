// An output folder's manifest (`.etomsim-manifest.json`) is a file of ours that a person may
// edit or damage: with any one value of it replaced by one of another kind, the next write
// still succeeds, writes what it should, and never deletes a file the manifest's kind did not
// list as its own (a person's notes, another kind's results).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MANIFEST, writeAtomically } from '../../engine/io/atomic.js';
import { scratchFolders } from '../support/scratch.js';
import { type Json, paths, replaced } from '../support/json-paths.js';

const tmp = scratchFolders('etomsim-manifest-');
const listing = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

const ODD: Json[] = [
  null,
  'x',
  '../my-notes.txt',
  '/etc/passwd',
  -1.5,
  true,
  [null],
  ['my-notes.txt'],
  {},
  JSON.parse('{"__proto__": ["my-notes.txt"]}'),
];

describe('a damaged manifest', () => {
  test("any value replaced: the write succeeds, and the notes and the sizing it does not list as the run's stay", () => {
    const manifest: Json = {
      written_by: 'etomsim',
      files: ['results.json', 'charts/old.svg', 'sizing.json'],
      kinds: { run: ['results.json', 'charts/old.svg'], size: ['sizing.json'] },
    };
    const failures: string[] = [];
    for (const path of paths(manifest)) {
      for (const value of ODD) {
        const out = tmp();
        const damaged = replaced(manifest, path, value);
        writeAtomically(
          out,
          new Map([
            ['results.json', '{}'],
            ['charts/old.svg', '<svg/>'],
            ['sizing.json', '{}'],
          ]),
          'run',
        );
        writeFileSync(join(out, MANIFEST), JSON.stringify(damaged));
        writeFileSync(join(out, 'my-notes.txt'), 'mine');
        const what = `${path.join('.') || '<document>'} = ${JSON.stringify(value)}`;
        try {
          writeAtomically(out, new Map([['results.json', '{"new": 1}']]), 'run');
        } catch (err) {
          failures.push(`${what}: ${(err as Error).message}`);
          continue;
        }
        const files = listing(out);
        if (readFileSync(join(out, 'results.json'), 'utf8') !== '{"new": 1}') failures.push(`${what}: results.json not written`);
        // a file goes only where the damaged manifest still lists it as the run's (what etomsim wrote, it says)
        const runs = (damaged as { kinds?: { run?: unknown } } | null)?.kinds?.run;
        const claimed = (name: string) => Array.isArray(runs) && runs.includes(name);
        for (const kept of ['my-notes.txt', 'sizing.json'])
          if (!files.includes(kept) && !claimed(kept)) failures.push(`${what}: ${kept} deleted`);
      }
    }
    expect(failures).toEqual([]);
  });
});
