import { existsSync, readFileSync } from 'node:fs';

// dist/bin/version.js when installed, bin/version.ts when the tests run the sources
const MANIFEST = [new URL('../../package.json', import.meta.url), new URL('../package.json', import.meta.url)].find(
  (url) => existsSync(url) && JSON.parse(readFileSync(url, 'utf8')).name === 'etomsim',
);

/** The package's version, read from package.json so there is one place to bump it. */
export const VERSION: string = versionOf(MANIFEST);

// A version is what shards and queue jobs are matched by: a broken install must not pass as any.
function versionOf(manifest: URL | undefined): string {
  if (manifest === undefined) throw new Error('etomsim is installed without its package.json: reinstall it');
  return JSON.parse(readFileSync(manifest, 'utf8')).version;
}
