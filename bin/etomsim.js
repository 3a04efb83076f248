#!/usr/bin/env node
// The CLI entry: the TypeScript sources are compiled to dist/ and bundled into dist/cli/ by
// `npm install` (prepare: tsc, then tools/bundle.mjs), which is what this runs.
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dynamicImport, loadCli } from './load-cli.js';

// A reader that stops early (`etomsim run | head -1`) closes the pipe: what is left to print
// is dropped, quietly, and the command goes on to write its files and exit as it would.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

// The bundle, unless tsc has written dist/ since it was made (a bare `npx tsc` during
// development): then dist/ module by module, the same code as it is now, only slower to load.
// The bundle's main-thread code is one CommonJS script, dist/cli/main.cjs, compiled with the
// V8 code cache the build made for it (bin/load-cli.js); its worker threads' are ES modules.
const BUNDLE = new URL('../dist/cli/', import.meta.url);
const SCRIPT = new URL('main.cjs', BUNDLE);
const COMPILED = new URL('../dist/bin/main.js', import.meta.url);
const madeAt = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;

let main;
if (madeAt(SCRIPT) < madeAt(COMPILED)) {
  // The stack traces ETOMSIM_DEBUG prints name the TypeScript sources, not dist/'s files
  // (source maps are read as modules load, so they are turned on before dist/ is).
  if (process.env.ETOMSIM_DEBUG) process.setSourceMapsEnabled(true);
  ({ main } = await import(COMPILED));
} else if (process.env.ETOMSIM_DEBUG) {
  // Node's own CommonJS loader reads the bundle's source map (a vm.Script's is not read on
  // Node 20), so that debug stacks name the TypeScript sources; it uses no code cache.
  process.setSourceMapsEnabled(true);
  const require = createRequire(import.meta.url);
  const file = fileURLToPath(SCRIPT);
  ({ main } = require(file));
  // require.cache is keyed by the real path, which `file` is not when the package was reached through a symlink
  require.cache[require.resolve(file)].dynamicImport = dynamicImport(file); // called only once a command runs
} else {
  ({ main } = loadCli(fileURLToPath(BUNDLE)).exports);
}
process.exitCode = await main(process.argv.slice(2));
