// Loads the command line's main-thread bundle (dist/cli/main.cjs, tools/bundle.mjs) with the V8
// code cache made for it at build time (dist/cli/main.cache), so that a process does not
// compile again the yargs, yaml and etomsim functions that `--help`, `validate` and a run
// compiled when the bundle was built. Node 20 caches no compiled code for ES modules (and has
// no module.enableCompileCache); a vm.Script takes V8's cached data, as v8-compile-cache
// does for CommonJS.
//
// Invariant: the cache is only an optimisation. It is used only when its header names this
// script, at this path, with these exact bytes (the wrapper is in the file; length and CRC-32), this Node
// release and architecture, and its own bytes are intact (CRC-32): V8 checks a cache's V8
// version and flags, but not its contents, nor more of the source than its length, nor the
// Node release (Node 20's releases share a V8 version and differ in Node's own patches to it).
// V8 rejects one made under other V8 flags (`script.cachedDataRejected`). Either way the script
// then compiles as it would without one. Nothing here writes: the cache is made once, by the
// build (tools/code-cache.mjs), never at run time (an install can be read-only, and processes
// would race).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { crc32 } from 'node:zlib';

/** The script's file and its cache's, in the bundle's folder. */
export const SCRIPT = 'main.cjs';
export const CACHE = 'main.cache';

/**
 * The CommonJS module wrapper, written into the script by the build (tools/bundle.mjs): HEAD
 * alone on the first line (the source map is shifted by that line), TAIL after the last. V8
 * compiles the file's text as it is: joined to the wrapper here, that text was a string of
 * 1.5 MB which V8 flattened into a third copy of the script (after the Buffer and its latin1
 * string), about 380 page faults of fresh memory per process (5 ms on the development machine).
 * As a vm.Script (at the top level, where `arguments` is not defined) the text's value is the
 * wrapper function, which loadCli calls as Node's loader does; loaded by Node's own loader
 * (ETOMSIM_DEBUG, bin/etomsim.js), which wraps it again, the head calls it with the arguments
 * of Node's wrapper, so module.exports is set as in any CommonJS module.
 */
export const HEAD =
  '(typeof arguments === "undefined" ? (script) => script : (script) => script.apply(this, arguments))(function (exports, require, module, __filename, __dirname) {';
export const TAIL = '\n})';

/** CRC-32 of the source V8 compiles: the script's bytes, its wrapper included. */
const sourceCrc = (scriptBytes) => crc32(scriptBytes);

/**
 * The script's import(): on Node 20 a vm.Script's own import() fails once it comes from a code
 * cache, so the bundle calls this instead (tools/bundle.mjs). A package resolves from here as
 * from the script (both are inside the package, above no node_modules of their own); './NAME.js'
 * is beside the script.
 */
export function dynamicImport(scriptFile) {
  const base = pathToFileURL(scriptFile);
  return (specifier) => import(specifier.startsWith('./') ? new URL(specifier, base).href : specifier);
}

/** What the first line of a cache file starts with; a JSON object of the figures `cacheFile` writes follows. */
const TAG = 'etomsim-code-cache/2 ';

/**
 * The bytes of a cache file for the script at `filename` with these bytes: a line naming them
 * and the Node that made it, then V8's cached data. The name is part of it: V8 gives the
 * functions it brings back from a cache the file name of the script that made it (in stack
 * traces), so a cache made for another place (a copied or moved package) is not used.
 */
export function cacheFile(filename, scriptBytes, data) {
  const ascii = !scriptBytes.some((b) => b > 0x7f);
  const header = {
    node: process.version,
    arch: process.arch,
    filename,
    bytes: scriptBytes.length,
    crc32: sourceCrc(scriptBytes),
    ascii,
    dataBytes: data.length,
    dataCrc32: crc32(data),
  };
  const line = Buffer.from(`${TAG}${JSON.stringify(header)}`, 'utf8');
  const padding = ' '.repeat((DATA_ALIGNMENT - ((line.length + 1) % DATA_ALIGNMENT)) % DATA_ALIGNMENT);
  return Buffer.concat([line, Buffer.from(`${padding}\n`), data]);
}

/**
 * Where V8's data starts in a cache file: at a multiple of this many bytes, with spaces before
 * the header's newline (JSON allows them). V8 copies cached data that is not 8-byte aligned in
 * memory before it reads it, and the file is read into a Buffer that starts aligned: with the
 * header's length left to chance, seven builds in eight made every process copy the 1 MB
 * cache, 256 more page faults of fresh memory (`loadCli` 1,390 against 1,646 faults, one build
 * against another that differed by 18 bytes).
 */
export const DATA_ALIGNMENT = 8;

/** V8's cached data in `file` and whether the script is ASCII, if `file` was made for this script and is intact; otherwise null. */
function cachedFor(file, filename, scriptBytes) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch {
    return null; // no cache (a build that could not make one): compile as usual
  }
  const end = bytes.indexOf(0x0a);
  if (end < 0 || bytes.toString('latin1', 0, TAG.length) !== TAG) return null;
  let header;
  try {
    header = JSON.parse(bytes.toString('utf8', TAG.length, end));
  } catch {
    return null;
  }
  if (header.node !== process.version || header.arch !== process.arch) return null; // made by another Node: V8 would not tell
  if (header.filename !== filename || header.bytes !== scriptBytes.length || header.crc32 !== sourceCrc(scriptBytes)) return null; // made for another script
  const data = bytes.subarray(end + 1);
  if (header.dataBytes !== data.length || header.dataCrc32 !== crc32(data)) return null; // damaged
  return { data, ascii: header.ascii === true };
}

/**
 * Compiles and runs the bundle in `dir` (a folder path) as a CommonJS module and returns its
 * exports, the vm.Script, the bytes it was compiled from, and how its cache fared: 'accepted',
 * 'rejected' (by V8: another V8 version or other flags), 'unusable' (missing, damaged, or made
 * by another Node release or for another path or other bytes) or 'off' (`useCache` false, as when the build makes the cache).
 */
export function loadCli(dir, useCache = true) {
  const filename = join(dir, SCRIPT);
  const bytes = readFileSync(filename);
  const cached = useCache ? cachedFor(join(dir, CACHE), filename, bytes) : null;
  // latin1 decodes ASCII as UTF-8 does, in a quarter of the time (about 2 ms for the bundle)
  const source = cached?.ascii ? bytes.toString('latin1') : bytes.toString('utf8');
  const script = new vm.Script(source, {
    filename,
    cachedData: cached?.data,
  });
  const module = { exports: {}, dynamicImport: dynamicImport(filename) };
  script.runInThisContext()(module.exports, createRequire(filename), module, filename, dir);
  const cache = !useCache ? 'off' : cached === null ? 'unusable' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { exports: module.exports, script, bytes, cache };
}
