// Loads the command line's main-thread bundle (dist/cli/main.cjs, tools/bundle.mjs) with a V8
// code cache made for it at build time (dist/cli/main.cache; `validate` and `run` have caches
// of their own, COMMAND_CACHES), so that a process does not
// compile again the yargs, yaml and etomsim functions that `--help`, `validate` and a run
// compiled when the bundle was built. Node 20 caches no compiled code for ES modules (and has
// no module.enableCompileCache); a vm.Script takes V8's cached data, as v8-compile-cache
// does for CommonJS.
//
// Invariant: the cache is only an optimisation. It is used only when its header names this
// script, at this path, with these exact bytes (the wrapper is in the file; length and CRC-32, or
// the very file the cache was made beside, unchanged since: sameFile), this Node release and
// architecture, and its own bytes are intact (CRC-32): V8 checks a cache's V8 version and flags,
// but not its contents, nor more of the source than its length, nor the Node release (Node 20's
// releases share a V8 version and differ in Node's own patches to it).
// V8 rejects one made under other V8 flags (`script.cachedDataRejected`). Either way the script
// then compiles as it would without one. Nothing here writes: the cache is made once, by the
// build (tools/code-cache.mjs), never at run time (an install can be read-only, and processes
// would race).
//
// A CommonJS file, as the entry is (bin/etomsim.cjs says why): the entry requires it, and ES
// modules (tools/, bin/load-charts.js, bin/load-elk.js) import its names, which Node reads from
// the object literal module.exports is set to at the end.
//
// Node's own modules are taken here, and in the entry's other files (bin/etomsim.cjs,
// stored-help.js, install-damage.js), with process.getBuiltinModule rather than `import`: Node
// 20 gives an ES module a builtin through a module facade that reads every export, and
// node:fs' lazy getters (ReadStream and the like) load the stream modules as they are read
// (process.moduleLoadList: 129 modules after `import { statSync } from 'node:fs'`, 110 after
// getBuiltinModule). A run needs them later (node:zlib and node:v8 load them), so what this
// saves is the facades and their translation: about 2.5 ms of a run's start-up (21 interleaved
// rounds at load 2.4, lower in 13) and 6.5 M instructions (callgrind, median of three).
const { closeSync, constants, fstatSync, openSync, readSync } = process.getBuiltinModule('node:fs');
// node:module's createRequire, reached where it can be through this module's own class (Module,
// which node:module's export is): loading node:module evaluates lib/module.js and the ES-module
// loader, assert and source-map modules it requires, which `validate FILE` needs nowhere else
// (session 52). Where this module's object is not a Module's (the build's training of
// charts.cache found createRequire missing so: not traced further), node:module's own.
const { createRequire } =
  typeof module.constructor?.createRequire === 'function' ? module.constructor : process.getBuiltinModule('node:module');
const { join } = process.getBuiltinModule('node:path');
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule('node:url');
const vm = process.getBuiltinModule('node:vm');
const { crc32 } = process.getBuiltinModule('node:zlib');

/** The script's file and its cache's, in the bundle's folder. */
const SCRIPT = 'main.cjs';
const CACHE = 'main.cache';

/**
 * Scripts of one command line each, in the same folder (tools/bundle.mjs): `etomsim validate
 * FILE` (bin/validate-script.ts) and `etomsim run FILE` with only the options plainRun reads
 * (bin/run-script.ts). Each holds its command and what it imports, a fraction of SCRIPT's bytes
 * (0.25 and 0.52 MB against 1.7 MB; yaml is YAML_SCRIPT, the report's formats and more laterScript's), which a process reads, checks and
 * decodes whole, and each returns null for a command line it does not run, which bin/etomsim.cjs then gives SCRIPT.
 */
const VALIDATE_SCRIPT = 'validate.cjs';
const RUN_SCRIPT = 'run.cjs';

/**
 * The caches of VALIDATE_SCRIPT and RUN_SCRIPT (tools/code-cache.mjs), trained on their
 * command. V8 deserialises a cache whole, every function in it, as the script is compiled:
 * CACHE, trained on every command the build runs, is 1 MB. A function a cache lacks is compiled
 * when first called, as without a cache.
 */
const COMMAND_CACHES = { validate: 'validate.cache', run: 'run.cache' };

/**
 * Words yargs may take as a flag's value (`-q false` is not quiet) where plainRun would take a
 * scenario file: after a flag, they leave the command line to yargs (bin/plain-run.ts reads
 * this list too, by the test that holds the two tables equal).
 */
const BOOLEAN_WORDS = ['true', 'false'];

/**
 * The report's chart renderer (reports/svg.ts with vega and vega-lite, 1.7 MB) as a script of
 * its own and its cache, trained on drawing the bundled fiber scenario's charts: what the
 * chart-drawing thread loads (bin/load-charts.js). vega and vega-lite as ES modules cost that
 * thread some 280 files to resolve, read and compile before its first chart, and each function
 * compiled again as it is first called; from the cache they come back compiled.
 */
const CHARTS_SCRIPT = 'charts.cjs';
const CHARTS_CACHE = 'charts.cache';

/**
 * elkjs (engine/layout/elk.ts bundled with it, 1.6 MB) as a script of its own and its cache,
 * trained on laying out the process maps of the bundled scenarios' reports: what the main
 * thread loads at its first layout (bin/load-elk.js). Required from node_modules, elkjs took
 * about 0.15 s to load against 0.07 s from the script and its cache, and its first layout 0.34 s
 * against 0.27 s (a one-off harness, docs/performance-notes.md, session 19).
 */
const LAYOUT_SCRIPT = 'layout.cjs';
const LAYOUT_CACHE = 'layout.cache';

/**
 * The simulation pool's worker (engine/experiment/worker.ts, 0.18 MB) as a script of its own and
 * its cache, trained on replications (tools/code-cache.mjs): what each pool thread loads
 * (engine/experiment/pool-entry.cts). As an ES module (worker.js until session 57) each thread set
 * up Node's ES-module loader for it and compiled every function it called from source, Node 20
 * keeping no code cache for ES modules.
 */
const WORKER_SCRIPT = 'worker.cjs';
const WORKER_CACHE = 'worker.cache';

/**
 * The yaml package (0.17 MB bundled) as a script of its own, without a cache, which
 * VALIDATE_SCRIPT and RUN_SCRIPT require (yamlScript) the first time a scenario is left to yaml
 * (a file of the common shape is read without it, engine/scenario/simple-yaml.ts): a plain run
 * of such a file no longer reads, checks and holds its text. No cache, as theirs were never
 * trained on yaml (tools/code-cache.mjs).
 */
const YAML_SCRIPT = 'yaml.cjs';

/**
 * BullMQ and ioredis (bin/queue-packages.cjs bundled with what it requires, 1.2 MB) as a script
 * of its own and its cache, trained on loading them and, where the build has a redis-server, on a worker serving a
 * queued run (tools/code-cache.mjs trainQueue): what `etomsim worker` and a run's --queue load once
 * Redis has answered (engine/cluster/redis.ts, queue.ts), through queueScript. Imported from
 * node_modules, as they were until session 58, Node resolved, read, lexed for their exports and
 * compiled 303 files in each such process (docs/performance-notes.md, session 58).
 */
const QUEUE_SCRIPT = 'queue.cjs';
const QUEUE_CACHE = 'queue.cache';

/**
 * piscina's main (its 13 CommonJS files bundled, 0.05 MB) as a script of its own and its cache,
 * trained on a run on a pool of two threads (tools/code-cache.mjs trainPool): what a process that
 * starts a pool loads (engine/experiment/runner.ts), through piscinaScript. Required from
 * node_modules, as it was until session 61, Node resolved the package through its exports map
 * (setting up its ES-module resolver for it), read and compiled each file from source, and each
 * function again as first called. The pool's threads start on piscina's own thread entry bundled
 * into one file beside it, piscina-worker.cjs (tools/bundle.mjs PISCINA_WORKER, PATCHES); with
 * node_modules' piscina (no script to read), on node_modules' worker.js.
 */
const PISCINA_SCRIPT = 'piscina.cjs';
const PISCINA_CACHE = 'piscina.cache';

/**
 * Every cache the build makes (tools/code-cache.mjs makes each, tools/bundle.mjs' bundleIsFresh
 * asks for each): one list, so that a script and cache added above is one line here, not a line
 * in each of those places (session 58: queue.cache missing from one of three lists).
 */
const ALL_CACHES = [CACHE, ...Object.values(COMMAND_CACHES), CHARTS_CACHE, LAYOUT_CACHE, WORKER_CACHE, QUEUE_CACHE, PISCINA_CACHE];

/** SCRIPT and its cache: every command line. */
const WHOLE = { script: SCRIPT, cache: CACHE };

/**
 * The script and cache for the command line `args`: VALIDATE_SCRIPT or RUN_SCRIPT for the
 * command lines bin/plain-validate.ts and bin/plain-run.ts take (their tests written again
 * here, as this runs before any script is loaded, without the run's coerces: a value they
 * refuse makes RUN_SCRIPT return null; test/bin/command-scripts.test.ts compares them), else WHOLE.
 */
function scriptFor(args) {
  if (args.length === 2 && args[0] === 'validate' && args[1] !== '' && args[1] !== 'help' && !args[1].startsWith('-'))
    return { script: VALIDATE_SCRIPT, cache: COMMAND_CACHES.validate };
  if (plainRunLine(args)) return { script: RUN_SCRIPT, cache: COMMAND_CACHES.run };
  return WHOLE;
}

/** The options plainRun reads (bin/plain-run.ts), as typed, to their names (the test holds the two tables equal). */
const PLAIN_RUN_OPTIONS = {
  '-r': 'replications',
  '--replications': 'replications',
  '-w': 'workers',
  '--workers': 'workers',
  '--seed': 'seed',
  '-o': 'out',
  '--out': 'out',
  '-q': 'quiet',
  '--quiet': 'quiet',
  '--no-report': 'no-report',
};

/**
 * Whether plainRun reads `args` as a run, its values' coerces aside: `run FILE` and
 * PLAIN_RUN_OPTIONS, each once, each value a word of its own not starting with '-', no flag
 * followed by `true` or `false` (BOOLEAN_WORDS).
 */
function plainRunLine(args) {
  if (args[0] !== 'run') return false;
  let scenario = false;
  const given = new Set();
  for (let i = 1; i < args.length; i++) {
    const word = args[i];
    if (!word.startsWith('-')) {
      if (scenario || word === '' || word === 'help') return false;
      scenario = true;
      continue;
    }
    if (!Object.hasOwn(PLAIN_RUN_OPTIONS, word)) return false;
    const name = PLAIN_RUN_OPTIONS[word];
    if (given.has(name)) return false;
    given.add(name);
    if (name === 'quiet' || name === 'no-report') {
      if (BOOLEAN_WORDS.includes(args[i + 1])) return false;
      continue;
    }
    const value = args[++i];
    if (value === undefined || value.startsWith('-')) return false;
  }
  return scenario;
}

/**
 * The CommonJS module wrapper, written into the script by the build (tools/bundle.mjs): HEAD
 * alone on the first line (the source map is shifted by that line), TAIL after the last. V8
 * compiles the file's text as it is: joined to the wrapper here, that text was a string of
 * 1.5 MB which V8 flattened into a third copy of the script (after the Buffer and its latin1
 * string), about 380 page faults of fresh memory per process (5 ms on the development machine).
 * As a vm.Script (at the top level, where `arguments` is not defined) the text's value is the
 * wrapper function, which loadCli calls as Node's loader does; loaded by Node's own loader
 * (ETOMSIM_DEBUG, bin/etomsim.cjs), which wraps it again, the head calls it with the arguments
 * of Node's wrapper, so module.exports is set as in any CommonJS module.
 */
const HEAD =
  '(typeof arguments === "undefined" ? (script) => script : (script) => script.apply(this, arguments))(function (exports, require, module, __filename, __dirname) {';
const TAIL = '\n})';

/** CRC-32 of the source V8 compiles: the script's bytes, its wrapper included. */
const sourceCrc = (scriptBytes) => crc32(scriptBytes);

/**
 * The stats that make a file's identity: device, inode, size, modification and change times. Any
 * write to the file, and any link to it made or removed, sets its change time, which no program
 * can set back (bin/stored-help.js knows the build's larger files so too); a copy or a file
 * written anew is another inode.
 */
const IDENTITY = ['dev', 'ino', 'size', 'mtimeMs', 'ctimeMs'];

/**
 * Whether the script read from `fd`, whose stats before the read were `before`, is the file a
 * cache was made beside (`identity`, its header's: IDENTITY's values), unchanged before and during
 * the read: then its bytes are those the cache was made for without their CRC-32, which costs 3.7
 * instructions a byte (this Node's zlib takes no SIMD path: about 2 M instructions for run.cjs,
 * 6 M for main.cjs; docs/performance-notes.md, session 58). Stats again after the read, as a
 * write during it sets the change time; false where they fail (EIO). One function, a loop: each
 * function of this file is compiled in every process.
 */
function sameFile(identity, before, fd) {
  if (!Array.isArray(identity) || identity.length !== IDENTITY.length) return false;
  try {
    const after = fstatSync(fd);
    for (let i = 0; i < IDENTITY.length; i++) if (before[IDENTITY[i]] !== identity[i] || after[IDENTITY[i]] !== identity[i]) return false;
    return true;
  } catch {
    return false;
  }
}

/**
 * The script's import(): on Node 20 a vm.Script's own import() fails once it comes from a code
 * cache, so the bundle calls this instead (tools/bundle.mjs). A package resolves from here as
 * from the script (both are inside the package, above no node_modules of their own); './NAME.js'
 * is beside the script.
 */
function dynamicImport(scriptFile) {
  // made at the first such import(), not as every script loads: a URL has V8 compile some 15
  // functions of Node's URL class, which `validate` and `run` need nowhere else (session 59)
  let base = null;
  return (specifier) => import(specifier.startsWith('./') ? new URL(specifier, (base ??= pathToFileURL(scriptFile))).href : specifier);
}

/** What the first line of a cache file starts with; a JSON object of the figures `cacheFile` writes follows. */
const TAG = 'etomsim-code-cache/2 ';

/**
 * The bytes of a cache file for the script at `filename` with these bytes: a line naming them
 * and the Node that made it, then V8's cached data. The name is part of it: V8 gives the
 * functions it brings back from a cache the file name of the script that made it (in stack
 * traces), so a cache made for another place (a copied or moved package) is not used.
 */
function cacheFile(filename, scriptBytes, data) {
  const ascii = !scriptBytes.some((b) => b > 0x7f);
  const header = {
    node: process.version,
    arch: process.arch,
    filename,
    bytes: scriptBytes.length,
    crc32: sourceCrc(scriptBytes),
    identity: identityHolding(filename, scriptBytes),
    ascii,
    dataBytes: data.length,
    dataCrc32: crc32(data),
  };
  return Buffer.concat([Buffer.from(`${TAG}${JSON.stringify(header)}\n`, 'utf8'), data]);
}

/**
 * How long after a file's last modification and change times its identity may be taken (ms). A
 * file system stamps a write with its clock cut to its granularity: 2 s for FAT's modification
 * time (its change time is the file's creation, which no write moves), 1 s on ext3 and HFS+, a
 * clock tick (1-10 ms) where Linux keeps nanoseconds. An identity taken within that of the
 * file's last write could match a later write of the same size in the same step, whose bytes
 * the CRC-32 would then never check; taken after it, any later write is stamped later.
 */
const SETTLED_MS = 2_000;

/**
 * Waits until SETTLED_MS have passed since `newest` (a file's latest modification or change
 * time, ms) and says true; false at once when that time is more than SETTLED_MS ahead of this
 * clock (another host's, or set by hand), whose file is then known by no times. The rule of
 * every identity the build takes by times: a cache's script's here, the help texts' files'
 * (tools/help-texts.mjs, bin/stored-help.js).
 */
function settled(newest) {
  // a time ahead by at most SETTLED_MS is waited for (twice it at most): a file written in this millisecond can be
  // stamped up to 1 ms past Date.now(), which cuts to the millisecond (22 of 300 writes, other processes writing)
  if (newest - Date.now() > SETTLED_MS) return false;
  const at = Math.ceil(newest) + SETTLED_MS;
  // in a loop: a wait's timeout is on another clock than Date.now's
  for (let left = at - Date.now(); left > 0; left = at - Date.now()) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, left);
  return true;
}

/**
 * The identity of the file at `filename` (IDENTITY) if it holds `scriptBytes`, else null (then
 * a process checks the script by its CRC-32 alone). Stats first, then the bytes, then stats
 * again: a file changed after the first is not the file those stats name. Taken once SETTLED_MS
 * have passed since the file's times (the build waits out what its training has not: the
 * training of each cache has taken 5-31 s after its script was written, at load 10); times
 * more than that ahead of this clock (another host's, or set by hand) give none.
 */
function identityHolding(filename, scriptBytes) {
  let fd = -1;
  try {
    fd = openSync(filename, READ_ONLY);
    const before = fileStats(fd);
    if (!settled(Math.max(before.mtimeMs, before.ctimeMs))) return null;
    const bytes = Buffer.allocUnsafe(before.size);
    const identity = IDENTITY.map((name) => before[name]);
    const holds = before.size === scriptBytes.length && readInto(fd, bytes, before.size, 0) && bytes.equals(scriptBytes);
    return holds && sameFile(identity, before, fd) ? identity : null;
  } catch {
    return null;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * A script of the bundle that cannot be read: missing, something other than a file in its
 * place (a folder, a dangling symlink, a pipe), no permission, an I/O error, or text that is not
 * the script the build wrote (cut short, emptied: it does not compile to the wrapper HEAD
 * opens). Nothing of it has run, so the caller may load the same code another way
 * (bin/etomsim.cjs, scriptOrModules).
 */
class UnreadableScript extends Error {
  constructor(filename, cause) {
    super(`cannot read ${filename}: ${cause.code === 'ENOENT' ? 'it is missing' : cause.message}`, { cause });
    this.name = 'UnreadableScript';
  }
}

/** Why a script's text is not the build's: `why`, what V8 or the loader found (code ENOTBUILT). */
function notAsBuilt(why) {
  return Object.assign(new Error(`not the script the build wrote, cut short or changed (${why})`), { code: 'ENOTBUILT' });
}

/**
 * How the script and its cache are opened: without waiting for a writer, so that a named pipe
 * in a file's place is found not to be a file (fstat) instead of hanging the process in open().
 * No effect on a regular file (O_NONBLOCK is undefined, so 0, on Windows, which has no pipes
 * in the file system).
 */
const READ_ONLY = constants.O_RDONLY | constants.O_NONBLOCK;

/** The stats of the open file `fd`; throws (code ENOTFILE) unless it is a regular file. */
function fileStats(fd) {
  const stats = fstatSync(fd);
  if (!stats.isFile()) throw Object.assign(new Error(stats.isDirectory() ? 'a folder, not a file' : 'not a file'), { code: 'ENOTFILE' });
  return stats;
}

/** The open cache file `name` in `dir` and its size, or null if there is none to read (missing, not a file, unreadable): compiled as without one. */
function openCache(dir, name) {
  let fd = -1;
  try {
    fd = openSync(join(dir, name), READ_ONLY);
    return { fd, size: fileStats(fd).size };
  } catch {
    if (fd >= 0) closeSync(fd);
    return null;
  }
}

/** A cache file's header, if `fd` (of `cacheSize` bytes) is one made for the script `filename` of `size` bytes by this Node; otherwise null. */
function headerOf(fd, cacheSize, filename, size) {
  const head = Buffer.allocUnsafe(HEADER_MAX);
  const read = readSync(fd, head, 0, HEADER_MAX, 0);
  const end = head.subarray(0, read).indexOf(0x0a);
  if (end < 0 || head.toString('latin1', 0, TAG.length) !== TAG) return null;
  let header;
  try {
    header = JSON.parse(head.toString('utf8', TAG.length, end));
  } catch {
    return null;
  }
  if (header.node !== process.version || header.arch !== process.arch) return null; // made by another Node: V8 would not tell
  if (header.filename !== filename || header.bytes !== size) return null; // made for another script
  if (!Number.isSafeInteger(header.dataBytes) || cacheSize !== end + 1 + header.dataBytes) return null; // damaged
  return { ...header, dataStart: end + 1 };
}

/** The most a cache file's header line may take (it is about 200 bytes). */
const HEADER_MAX = 4096;

/** `length` bytes of `fd` from `position` into the start of `buffer`, or false if the file ended first. */
function readInto(fd, buffer, length, position) {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) return false;
    done += n;
  }
  return true;
}

/** readInto, false also when reading fails (EIO...): what a cache's reads may do, which only costs speed. */
function readIntoIfCan(fd, buffer, length, position) {
  try {
    return readInto(fd, buffer, length, position);
  } catch {
    return false;
  }
}

/**
 * The script's bytes and source (`filename`, in `dir`), and V8's cached data for it if `useCache` and the
 * cache was made for those bytes (else undefined). One buffer holds the script's bytes, then
 * the cached data: fresh memory costs a page fault per 4 KB (CONTRIBUTING.md, hot path, rule 11),
 * and once decoded and checked the bytes are not needed. The data starts the
 * buffer, 8-byte aligned, so V8 does not copy it. A script it cannot read throws UnreadableScript;
 * a cache it cannot read (or a folder in its place) is no cache.
 */
function read(dir, filename, cache) {
  let scriptFd = -1;
  let cacheFd = -1;
  try {
    let stats;
    try {
      scriptFd = openSync(filename, READ_ONLY);
      stats = fileStats(scriptFd);
    } catch (err) {
      throw new UnreadableScript(filename, err);
    }
    const opened = cache === null ? null : openCache(dir, cache);
    cacheFd = opened?.fd ?? -1;
    const size = stats.size;
    let header = null;
    try {
      header = opened === null ? null : headerOf(opened.fd, opened.size, filename, size);
    } catch {} // a read that failed: no cache
    const buffer = Buffer.allocUnsafeSlow(Math.max(size, header?.dataBytes ?? 0));
    let whole;
    try {
      whole = readInto(scriptFd, buffer, size, 0);
    } catch (err) {
      throw new UnreadableScript(filename, err);
    }
    if (!whole) throw new UnreadableScript(filename, new Error('it changed while it was read'));
    const bytes = buffer.subarray(0, size);
    // else made for other bytes; a stat that fails (EIO): the CRC-32 tells
    const cached = header !== null && (sameFile(header.identity, stats, scriptFd) || header.crc32 === sourceCrc(bytes)) ? header : null;
    // latin1 decodes ASCII as UTF-8 does, in a quarter of the time (about 2 ms for the bundle)
    const source = cached?.ascii === true ? bytes.toString('latin1') : bytes.toString('utf8');
    if (cached === null || !readIntoIfCan(cacheFd, buffer, cached.dataBytes, cached.dataStart)) return { bytes, source, data: undefined };
    const data = buffer.subarray(0, cached.dataBytes);
    return { bytes, source, data: crc32(data) === cached.dataCrc32 ? data : undefined }; // else damaged
  } finally {
    if (scriptFd >= 0) closeSync(scriptFd);
    if (cacheFd >= 0) closeSync(cacheFd);
  }
}

/**
 * loadCli's result for the bundle's `scriptFile` beside the module at `moduleUrl`, with its
 * cache (its exports and the compiled script); or, in an install where the script cannot be read (missing, a
 * folder in its place: UnreadableScript), those of the ES module `fallback` (a path from
 * `moduleUrl`: the dist/ module the build bundled into the script), loaded module by module, as
 * bin/etomsim.cjs loads dist/ when its bundle is stale: the same code, slower to load, rather
 * than a report that fails on a missing file. An error of the script as it runs is not caught.
 */
async function scriptOrModules(moduleUrl, cache, scriptFile, fallback) {
  try {
    return loadCli(fileURLToPath(new URL('.', moduleUrl)), true, cache, scriptFile);
  } catch (err) {
    if (!(err instanceof UnreadableScript)) throw err;
  }
  return { exports: await import(new URL(fallback, moduleUrl).href), script: undefined };
}

/**
 * Compiles and runs the bundle in `dir` (a folder path) as a CommonJS module and returns its
 * exports, the vm.Script, the bytes it was compiled from (with `useCache` false; else null: the
 * cache may have been read into their memory), and how its cache fared: 'accepted', 'rejected' (by V8: another V8 version or
 * other flags), 'unusable' (missing, damaged, or made by another Node release or for another
 * path or other bytes) or 'off' (`useCache` false, as when the build makes the cache).
 * `cache` and `scriptFile`: the files' names in `dir` (`scriptFor`).
 */
function loadCli(dir, useCache = true, cache = CACHE, scriptFile = SCRIPT) {
  const filename = join(dir, scriptFile);
  const { bytes, source, data } = read(dir, filename, useCache ? cache : null);
  let script;
  let wrapper;
  try {
    script = new vm.Script(source, { filename, cachedData: data });
    wrapper = script.runInThisContext(); // the text's value: the wrapper (HEAD), none of the script's modules run yet
  } catch (err) {
    throw new UnreadableScript(filename, notAsBuilt(err.message)); // a build's script compiles (the build ran it): cut short, or changed
  }
  if (typeof wrapper !== 'function') throw new UnreadableScript(filename, notAsBuilt('its text is no CommonJS wrapper')); // empty, or cut inside HEAD
  const module = { exports: {}, dynamicImport: dynamicImport(filename) };
  wrapper(module.exports, createRequire(filename), module, filename, dir);
  const fared = !useCache ? 'off' : data === undefined ? 'unusable' : script.cachedDataRejected ? 'rejected' : 'accepted';
  return { exports: module.exports, script, bytes: useCache ? null : bytes, cache: fared };
}

/**
 * The yaml package for VALIDATE_SCRIPT and RUN_SCRIPT in the folder `dir`: YAML_SCRIPT's
 * exports, or, in an install where that script cannot be read (UnreadableScript), node_modules'
 * yaml, the same package as CommonJS files. Called once per process (the script's module initialiser keeps what it returns).
 */
function yamlScript(dir) {
  return scriptOr(dir, null, YAML_SCRIPT, () => createRequire(join(dir, RUN_SCRIPT))('yaml'));
}

/** The exports of the script `file` in the folder `dir`, with the cache `cache` (null: none), or `fallback()`'s where the script cannot be read (UnreadableScript). */
function scriptOr(dir, cache, file, fallback) {
  try {
    return loadCli(dir, true, cache, file).exports;
  } catch (err) {
    if (!(err instanceof UnreadableScript)) throw err;
  }
  return fallback();
}

/**
 * The queue's packages for SCRIPT in the folder `dir` (`{ bullmq, ioredis }`, as
 * bin/queue-packages.cjs exports them): QUEUE_SCRIPT's exports, with its cache, or, in an install
 * where that script cannot be read (UnreadableScript), bin/queue-packages.cjs itself, the same
 * classes from node_modules. Called once per process (the script's module initialiser keeps what
 * it returns), with the V8 flags as built: the cache is rejected under others (bin/v8-flags.ts).
 */
function queueScript(dir) {
  return scriptOr(dir, QUEUE_CACHE, QUEUE_SCRIPT, () => require('./queue-packages.cjs'));
}

/**
 * piscina for the script in the folder `dir` that starts a pool (SCRIPT, RUN_SCRIPT): PISCINA_SCRIPT's
 * exports, with its cache, or, in an install where that script cannot be read (UnreadableScript),
 * node_modules' piscina, the same package. Called once per process (the script's module initialiser
 * keeps what it returns), once the V8 flags are as built (bin/v8-flags.ts threadsStarting): the cache
 * is rejected under others.
 */
function piscinaScript(dir) {
  return scriptOr(dir, PISCINA_CACHE, PISCINA_SCRIPT, () => require('piscina'));
}

/**
 * The exports of the script `file` in the folder `dir` that RUN_SCRIPT leaves modules to
 * (tools/bundle.mjs, RUN_LATER: the report's formats, which `run FILE --no-report` never imports;
 * the shards, the queue and the event logs no command line of RUN_SCRIPT's reaches: RUN_NEVER), given `provided` (RUN_SCRIPT's module
 * of a dist/ path, for those of its modules the script imports): a table of the script's own
 * modules, each by its dist/ path, each evaluated as first asked for. No cache, as YAML_SCRIPT. Called once per script and process (the
 * run script's module initialiser keeps what it returns). No fallback: a script that cannot be
 * read throws UnreadableScript, which the command tells as a damaged install (bin/report-failure.ts),
 * as it tells a worker's module missing; dist/'s modules in its place would hold a second
 * instance of every module the two share.
 */
function laterScript(dir, file, provided) {
  return loadCli(dir, true, null, file).exports(provided);
}

// one object literal of names: Node finds them statically, so ES modules import them by name (tools/, bin/load-charts.js, bin/load-elk.js)
module.exports = {
  SCRIPT,
  CACHE,
  VALIDATE_SCRIPT,
  RUN_SCRIPT,
  COMMAND_CACHES,
  BOOLEAN_WORDS,
  CHARTS_SCRIPT,
  CHARTS_CACHE,
  LAYOUT_SCRIPT,
  LAYOUT_CACHE,
  YAML_SCRIPT,
  WORKER_SCRIPT,
  WORKER_CACHE,
  QUEUE_SCRIPT,
  QUEUE_CACHE,
  PISCINA_SCRIPT,
  PISCINA_CACHE,
  ALL_CACHES,
  yamlScript,
  queueScript,
  piscinaScript,
  laterScript,
  WHOLE,
  scriptFor,
  PLAIN_RUN_OPTIONS,
  plainRunLine,
  HEAD,
  TAIL,
  dynamicImport,
  cacheFile,
  SETTLED_MS,
  settled,
  UnreadableScript,
  scriptOrModules,
  loadCli,
};
