import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// dist/bin/version.js (or a script of dist/cli/) when installed, bin/version.ts when the tests run
// the sources. Paths, not URLs: `run` and `validate` make no URL (docs/performance-notes.md, session 59).
const MANIFEST = [join(import.meta.dirname, '../../package.json'), join(import.meta.dirname, '../package.json')].find(
  (path) => existsSync(path) && JSON.parse(readFileSync(path, 'utf8')).name === 'etomsim',
);

/** The package's version, read from package.json so there is one place to bump it. */
export const VERSION: string = versionOf(MANIFEST);

// A version is what shards and queue jobs are matched by: a broken install must not pass as any.
function versionOf(manifest: string | undefined): string {
  if (manifest === undefined) throw new Error('etomsim is installed without its package.json: reinstall it');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}
