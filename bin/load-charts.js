// The report's chart renderer as the bundle holds it: tools/bundle.mjs makes this module
// dist/cli/svg.js, the './svg.js' that the chart-drawing thread (reports/svg-worker.ts) and the
// main thread's script import. It gives them renderSvg from dist/cli/charts.cjs, reports/svg.ts
// bundled with vega and vega-lite into one CommonJS script, compiled with the V8 code cache the
// build made for it by drawing charts (bin/load-cli.cjs, tools/code-cache.mjs): loaded as ES
// modules, vega and vega-lite cost a thread their files' resolution, reading and compilation
// before its first chart, and every function compiled again as a chart first calls it.
// Invariant: the same renderSvg as reports/svg.ts, module for module (the bundle's invariant);
// without its cache, or with one V8 rejects, the script compiles as it would without one; without
// the script (an install missing a file), reports/svg.ts module by module (scriptOrModules).
import { CHARTS_CACHE, CHARTS_SCRIPT, scriptOrModules } from './load-cli.cjs';

export const { renderSvg } = (await scriptOrModules(import.meta.url, CHARTS_CACHE, CHARTS_SCRIPT, '../reports/svg.js')).exports;
