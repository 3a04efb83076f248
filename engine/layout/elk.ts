// elkjs's layout engine (the constructor of its layered algorithm), which
// engine/layout/flow-layout.ts imports at its first layout, not with itself: elkjs is one
// 1.6 MB file of GWT-compiled code, and only the report's process maps and the BPMN export
// lay anything out. In the bundle this module is a script of its own, dist/cli/layout.cjs,
// compiled with a V8 code cache the build trains by laying out the bundled scenarios' flows
// (bin/load-elk.js, tools/code-cache.mjs): elkjs loaded and run cold cost a report about half
// a second of its main thread. Imported here as an ES module: unbundled (dist/ after a bare
// `tsc`, and tests that import dist/) elkjs then loads slower than by `require` (431-700 ms
// against 185-219 ms, a busy host, one-off), which the bundle, the only thing a user runs, does not pay.
// Invariant: the same elkjs file (lib/elk.bundled.js) in dist/ and in the bundle.
import type { ELK, ELKConstructorArguments } from 'elkjs/lib/elk-api.js';
import ElkBundled from 'elkjs/lib/elk.bundled.js';

export type ElkConstructor = new (args?: ELKConstructorArguments) => ELK;

// elkjs is CommonJS: its module.exports, the default export here, is the constructor
export const Elk = ElkBundled as unknown as ElkConstructor;
