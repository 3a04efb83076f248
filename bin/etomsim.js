#!/usr/bin/env node
// The CLI entry: the TypeScript sources are compiled to dist/ and bundled into dist/cli/ by
// `npm install` (prepare: tsc, then tools/bundle.mjs), which is what this runs.
import { statSync } from 'node:fs';

// A reader that stops early (`etomsim run | head -1`) closes the pipe: what is left to print
// is dropped, quietly, and the command goes on to write its files and exit as it would.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

// The bundle, unless tsc has written dist/ since it was made (a bare `npx tsc` during
// development): then dist/ module by module, the same code as it is now, only slower to load.
const BUNDLE = new URL('../dist/cli/main.js', import.meta.url);
const COMPILED = new URL('../dist/bin/main.js', import.meta.url);
const madeAt = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;

// The stack traces ETOMSIM_DEBUG prints name the TypeScript sources, not the bundle's files
// (source maps are read as modules load, so they are turned on before the bundle is).
if (process.env.ETOMSIM_DEBUG) process.setSourceMapsEnabled(true);
const { main } = await import(madeAt(BUNDLE) >= madeAt(COMPILED) ? BUNDLE : COMPILED);
process.exitCode = await main(process.argv.slice(2));
