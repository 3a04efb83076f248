#!/usr/bin/env node
// The CLI entry: the TypeScript sources are compiled to dist/ and bundled into dist/cli/ by
// `npm install` (prepare: tsc, then tools/bundle.mjs), which is what this runs.

// A reader that stops early (`etomsim run | head -1`) closes the pipe: what is left to print
// is dropped, quietly, and the command goes on to write its files and exit as it would.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

// The stack traces ETOMSIM_DEBUG prints name the TypeScript sources, not the bundle's files
// (source maps are read as modules load, so they are turned on before the bundle is).
if (process.env.ETOMSIM_DEBUG) process.setSourceMapsEnabled(true);
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
