#!/usr/bin/env node
// The CLI entry: the TypeScript sources are compiled to dist/ by `npm install` (prepare).
import { main } from '../dist/bin/main.js';

process.exitCode = await main(process.argv.slice(2));
