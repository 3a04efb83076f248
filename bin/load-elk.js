// elkjs as the bundle holds it: tools/bundle.mjs makes this module dist/cli/elk.js, the
// './elk.js' that the main thread's script imports at its first layout
// (engine/layout/flow-layout.ts). It gives it Elk from dist/cli/layout.cjs, engine/layout/elk.ts
// bundled with elkjs into one CommonJS script, compiled with the V8 code cache the build made
// for it by laying out the bundled scenarios' flows (bin/load-cli.cjs, tools/code-cache.mjs):
// required from node_modules, elkjs's 1.6 MB were compiled in every process that lays out, and
// each of its functions compiled again as a layout first called it.
// Invariant: the same Elk as engine/layout/elk.ts (the bundle's invariant); without its cache,
// or with one V8 rejects, the script compiles as it would without one; without the script (an
// install missing a file), engine/layout/elk.ts module by module (scriptOrModules).
import { LAYOUT_CACHE, LAYOUT_SCRIPT, scriptOrModules } from './load-cli.cjs';

const loaded = await scriptOrModules(import.meta.url, LAYOUT_CACHE, LAYOUT_SCRIPT, '../engine/layout/elk.js');

export const { Elk } = loaded.exports;

/** The compiled script, for the build alone: tools/code-cache.mjs writes its cache after the layouts it ran (undefined without the script). */
export const layoutScript = loaded.script;
