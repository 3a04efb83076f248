#!/usr/bin/env node
// The CLI entry: the TypeScript sources are compiled to dist/ by `npm install` (prepare).
import { main } from '../dist/bin/main.js';

// A reader that stops early (`etomsim run | head -1`) closes the pipe: what is left to print
// is dropped, quietly, and the command goes on to write its files and exit as it would.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
