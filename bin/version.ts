import { existsSync, readFileSync } from 'node:fs';

// dist/bin/version.js when installed, bin/version.ts when the tests run the sources
const MANIFEST = [new URL('../../package.json', import.meta.url), new URL('../package.json', import.meta.url)].find(
  (url) => existsSync(url) && JSON.parse(readFileSync(url, 'utf8')).name === 'etomsim',
);

/** The package's version, read from package.json so there is one place to bump it. */
export const VERSION: string = MANIFEST ? JSON.parse(readFileSync(MANIFEST, 'utf8')).version : 'unknown';
