#!/usr/bin/env node
// The CLI entry: the TypeScript sources are compiled to dist/ and bundled into dist/cli/ by
// `npm install` (prepare: tsc, then tools/bundle.mjs), which is what this runs.
// A CommonJS file, as is bin/load-cli.cjs, which it requires: an ES-module entry made Node set up
// its ES-module loader, resolve, read and link the entry and load-cli as modules before the
// first line ran, some 13 M instructions of `validate`'s 208.6 M (callgrind, session 45). The
// command's script needs no ES module (a vm.Script, bin/load-cli.cjs), nor does --help's stored
// text (CommonJS twins of its modules, below); the dist/ fallback and a damaged install's message
// still import theirs.
// Node's modules by process.getBuiltinModule (bin/load-cli.cjs' header says why)
const { statSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');

// A reader that stops early (`etomsim run | head -1`) closes the pipe: what is left to print
// is dropped, quietly, and the command goes on to write its files and exit as it would.
// The handler is attached as each stream is first asked for: Node makes process.stdout and
// process.stderr only then (a getter on process), and making both cost `run -q`, which writes
// to neither, about 20 M instructions and 80 page faults (session 21: callgrind, 5 runs; making
// stderr alone, which `--help` no longer does, about 15 M and 57). Whatever writes (help, results,
// errors, warnings, progress, console) reaches the stream through that getter, so no stream
// is written to before its handler is there.
for (const name of ['stdout', 'stderr']) {
  const made = Object.getOwnPropertyDescriptor(process, name);
  if (typeof made?.get !== 'function')
    process[name].on('error', ignoreClosedPipe); // made already (a preload replaced it)
  else {
    let handled = null;
    Object.defineProperty(process, name, {
      ...made,
      get() {
        const stream = made.get.call(process);
        // Node may make a stream again (after a snapshot's clean-up): each gets the handler
        if (stream !== handled) {
          stream.on('error', ignoreClosedPipe);
          handled = stream;
        }
        return stream;
      },
    });
  }
}

// The bundle, unless tsc has written dist/ since the bundle was made, or since it was last found
// to hold what dist/ holds (a bare `npx tsc` during development): then dist/ module by module,
// the same code as it is now, only slower to load. The build writes dist/cli/made-from.json last,
// and vitest's set-up writes it again when tsc rewrote dist/ with the same bytes
// (tools/bundle.mjs, MADE_FROM), so its time is what is compared: three stats (the script, the record, dist/bin/main.js), not a hash of dist/.
// The bundle's main-thread code is one CommonJS script, dist/cli/main.cjs (or one of a single
// command line: validate.cjs, run.cjs), compiled with a V8 code cache the build made for it
// (bin/load-cli.cjs); its worker threads' are ES modules.
// Paths, not URLs: a `new URL` made V8 compile some 15 functions of Node's URL class for
// `--help`, which reads no URL (docs/performance-notes.md, session 57). BUNDLE ends in a
// separator, as the URL's path did: it is the scripts' __dirname (bin/load-cli.cjs).
const BUNDLE = join(__dirname, '../dist/cli/');
const SCRIPT = join(BUNDLE, 'main.cjs');
const MADE_FROM = join(BUNDLE, 'made-from.json');
const COMPILED = join(__dirname, '../dist/bin/main.js');
// CommonJS twins of bin/stored-help.js and bin/standard-output.ts, built by tools/bundle.mjs from
// the same sources (ENTRY_TWINS): imported as ES modules, they made Node set up its ES-module
// loader for `--help` alone: 107.3 -> 91.4 M instructions without it, Node loading 21 modules
// fewer (callgrind, docs/performance-notes.md, session 46)
const STORED_HELP = join(BUNDLE, 'stored-help.cjs');
const OUTPUT = join(BUNDLE, 'standard-output.cjs');

/**
 * The modification time of the file at `path`, or -1 if there is no file there to read: missing,
 * or something else in its place (a folder, a dangling symlink, dist/cli itself a file: an
 * install damaged by hand), or one stat cannot reach (EACCES).
 */
function madeAt(path) {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() === true ? stats.mtimeMs : -1;
  } catch {
    return -1;
  }
}

const args = process.argv.slice(2);
// a copy of the package without dist/'s modules (-1) runs the bundle it has
const fresh = madeAt(SCRIPT) >= 0 && madeAt(MADE_FROM) >= madeAt(COMPILED);
// `--help`, `--version` and `COMMAND --help` as the build stored them from yargs, when they hold
// for this command line, width, locale and build (bin/stored-help.js): the script is not loaded.
// That module is required only for a command line holding `--help` or `--version`, as each of
// the three forms does. Printed by bin/standard-output.ts' writeOut, which writes to a pipe or a
// file without making process.stdout (and gives the terminal's width where there is one).
const asksHelp = fresh && !process.env.ETOMSIM_DEBUG && (args.includes('--help') || args.includes('--version'));

// What an ES module's top-level await did, in a CommonJS file: the command runs in `command`,
// whose failure is thrown as an uncaught exception (the stack printed, exit status 1), and a
// command that never settles (its event loop empty, so nothing left that could settle it) ends
// with the status Node gives an unsettled top-level await, 13, not 0.
// `on`, not `once`, here and below: a listener that ends the process needs no removing, and
// `once`'s wrapper made V8 compile four more of Node's functions for every command line.
let settled = false;
process.on('beforeExit', () => {
  if (!settled) process.exit(13);
});
command().then(
  () => {
    settled = true;
  },
  (err) =>
    process.nextTick(() => {
      throw err;
    }),
);

/** The command line's work: the stored help, or the command's script run. */
async function command() {
  // null where the install is damaged: then the stream prints, or the script prints the help
  const output = asksHelp ? bundled(OUTPUT) : null;
  const stored = asksHelp ? bundled(STORED_HELP) : null;
  const help = stored?.storedHelp(BUNDLE, args, process.env, output?.outputColumns) ?? null;
  if (help !== null) {
    if (output === null) process.stdout.write(help);
    else output.writeOut(help); // exit status 0, as yargs' help
  } else {
    const cli = await loadMain(false);
    // V8 optimises later for a command line that reads one small input, once its script has taken
    // its code cache (bin/v8-flags.ts, whose functions each script exports: none where no script runs)
    if (readsOneSmallInput(args)) cli.optimiseLater?.(inputBytes(args));
    // ... and inlines less for one that simulates, now that nothing of it has run: lowered later, while
    // V8 compiles on a background thread, the limit can crash the process (bin/v8-flags.ts)
    else if (simulates(args)) cli.lowerInliningLimit?.();
    // null: a script of one command line (bin/load-cli.cjs' scriptFor) found it is not its own
    // before doing anything (a value run's coerces refuse), so the whole command line runs it,
    // with V8's flags as the build made main.cjs' cache
    const code = await cli.main(args);
    if (code === null) cli.restoreV8ForCodeCaches?.();
    process.exitCode = code ?? (await (await loadMain(true)).main(args));
    // Once the event loop is empty (files written, output flushed, worker threads stopped:
    // nothing left that could be cut short), the process ends at once, with the exit status set,
    // instead of Node's orderly teardown: freeing the environment and disposing of V8's heap page
    // by page (a run of the benchmark's M/M/5 with a million customers unmapped some 60 heap pages
    // one system call at a time). The operating system reclaims the memory either way. 'exit'
    // listeners still run, and V8's coverage and CPU profiles are still written. Only once the
    // command has returned: a command that never settled still ends as Node ends it (status 13).
    process.on('beforeExit', () => process.exit());
  }
}

/** The exports of the bundle's CommonJS file at `path`, or null if it cannot be loaded (missing or damaged: an install damaged by hand). */
function bundled(path) {
  try {
    return require(path);
  } catch {
    return null;
  }
}

/**
 * The CLI's main() and V8 flag functions (entered): from the bundle (the script for this command
 * line, or `whole`'s), unless dist/ is newer (see above) or the script cannot be read (an
 * install damaged by hand: a folder or a dangling symlink in its place, the file cut short), then
 * from dist/ module by module; if that cannot load either, a main() that says the install is
 * damaged and how to mend it (exit 1, not a stack trace).
 */
async function loadMain(whole) {
  let unread = null;
  if (fresh) {
    // imported here, not above: a stored help text needs neither it nor node:vm and node:zlib
    const { dynamicImport, loadCli, scriptFor, UnreadableScript, WHOLE } = require('./load-cli.cjs');
    if (process.env.ETOMSIM_DEBUG) {
      // Node's own CommonJS loader reads the bundle's source map (a vm.Script's is not read on
      // Node 20), so that debug stacks name the TypeScript sources; it uses no code cache.
      process.setSourceMapsEnabled(true);
      const exports = require(SCRIPT);
      // require.cache is keyed by the real path, which SCRIPT is not when the package was reached through a symlink
      require.cache[require.resolve(SCRIPT)].dynamicImport = dynamicImport(SCRIPT); // called only once a command runs
      return entered(exports, installDamage);
    }
    const chosen = whole ? WHOLE : scriptFor(args);
    // a bundle built before the scripts of one command line (dist/ not rebuilt since) has main.cjs alone
    for (const { script, cache } of chosen === WHOLE ? [WHOLE] : [chosen, WHOLE]) {
      try {
        return entered(loadCli(BUNDLE, true, cache, script).exports, installDamage);
      } catch (err) {
        if (!(err instanceof UnreadableScript)) throw err; // the script ran and failed: a bug, not the install
        unread = err;
      }
    }
  }
  // The stack traces ETOMSIM_DEBUG prints name the TypeScript sources, not dist/'s files
  // (source maps are read as modules load, so they are turned on before dist/ is).
  if (process.env.ETOMSIM_DEBUG) process.setSourceMapsEnabled(true);
  try {
    return entered(await import(process.getBuiltinModule('node:url').pathToFileURL(COMPILED).href));
  } catch (err) {
    if (process.env.ETOMSIM_DEBUG || !isMissingCode(err)) throw err;
    return { main: async () => damaged(unread, err) };
  }
}

/**
 * What the entry calls of a script's (or dist/bin/main.js') `exports`: its main(), given
 * `installDamage` where the bundle runs (bin/report-failure.ts), and bin/v8-flags.ts' optimiseLater
 * and restoreV8ForCodeCaches, which every script exports, and lowerInliningLimit, which the scripts
 * of command lines that simulate export.
 */
function entered(exports, installDamage) {
  const { main, lowerInliningLimit, optimiseLater, restoreV8ForCodeCaches } = exports;
  return { main: (argv) => main(argv, installDamage), lowerInliningLimit, optimiseLater, restoreV8ForCodeCaches };
}

/**
 * Whether `err`, from importing dist/, says a file of the install is missing or damaged (a
 * module not found, a folder in a module's place, a file it cannot read, a cut-short module),
 * rather than a failure of the code itself.
 */
function isMissingCode(err) {
  return (
    err?.code === 'ERR_MODULE_NOT_FOUND' ||
    err?.code === 'ERR_UNSUPPORTED_DIR_IMPORT' ||
    typeof err?.syscall === 'string' ||
    err instanceof SyntaxError
  );
}

/**
 * Says, on one line, that neither the bundle (`unread`: why its script could not be read, or
 * null when it was not tried) nor dist/ (`failed`: importing it) can run, and how to mend that
 * (bin/install-damage.js). Exit status 1: a failure of the install, not of the user's input (2).
 */
async function damaged(unread, failed) {
  const { builtSizes, damagedLine, fault, fileFault } = await import('./install-damage.js');
  // cut short or changed, by the build's record, when the script could not be compiled
  const asBuilt = unread === null || unread.cause?.code === 'ENOENT' ? null : fileFault(SCRIPT, builtSizes()?.['main.cjs']);
  const bundle =
    unread === null ? fault(SCRIPT) : unread.cause?.code === 'ENOENT' ? 'missing' : (asBuilt ?? unread.cause?.message ?? unread.message);
  const compiled = madeAt(COMPILED) < 0 ? fault(COMPILED) : String(failed?.message ?? failed).split('\n')[0];
  process.stderr.write(`${damagedLine([`dist/cli/main.cjs: ${bundle}`, `dist/bin/main.js: ${compiled}`])}\n`);
  return 1;
}

/**
 * What the bundle's scripts ask once a command has failed, before they call the failure a bug
 * (bin/report-failure.ts): the line that says the install is damaged, or null when the bundle
 * is as its build left it (bin/install-damage.js, imported only then); asked too before they
 * start a thread, once engine/thread-options.ts has found a code file not as built.
 */
async function installDamage() {
  return (await import('./install-damage.js')).bundleDamage();
}

/**
 * Whether the command only prints help or a version, checks one scenario file or searches the
 * eTOM catalogue: work of a few milliseconds, which V8's optimising compiler would spend far
 * longer compiling for than it saves (bin/v8-flags.ts, INTERRUPT_BUDGET). Read from the first word, as users type them (`etomsim` with no
 * command runs the default command, a simulation, which TurboFan serves), and from the options
 * before any `--`: after it, `--help` is a file name (`etomsim run -- --help` simulates).
 */
function readsOneSmallInput(words) {
  const end = words.indexOf('--');
  const options = end < 0 ? words : words.slice(0, end);
  return options.includes('--help') || options.includes('--version') || words[0] === 'validate' || words[0] === 'catalog';
}

/**
 * The bytes of the files a `validate` command line names (its words after the command that are no
 * option: a word that names no file counts none), which bin/v8-flags.ts' optimiseLater weighs; 0
 * for the other commands that read one small input. A stat, never an open: a named pipe is not waited on.
 */
function inputBytes(words) {
  if (words[0] !== 'validate') return 0;
  let bytes = 0;
  for (const word of words.slice(1)) {
    if (word.startsWith('-')) continue;
    try {
      const stats = statSync(word, { throwIfNoEntry: false });
      if (stats?.isFile() === true) bytes += stats.size;
    } catch {} // unreadable: the command says why
  }
  return bytes;
}

/** Whether the command line simulates: its command is the first command word before `--`; none, the default command (run). */
function simulates(words) {
  // the commands that simulate, and those that do not: together bin/misspelt-command.ts' COMMANDS
  // (test/bin/v8-flags.test.ts holds them so); here, not at the top level, which runs after the entry's await.
  // A queue's worker simulates on its threads alone, which start under the limit as built (bin/v8-flags.ts
  // threadsStarting): lowered as it started, Node compiled the modules it loaded before setting it back from
  // their source, their caches rejected (callgrind, its main thread serving a job 542-568 -> 507-509 M
  // instructions; docs/performance-notes.md, session 60)
  const SIMULATING = ['run', 'bottlenecks', 'size', 'fidelity'];
  const SIMULATING_NOTHING = ['worker', 'merge', 'validate', 'report', 'export-bpmn', 'import-bpmn', 'discover', 'catalog'];
  const end = words.indexOf('--');
  const command = (end < 0 ? words : words.slice(0, end)).find((w) => SIMULATING.includes(w) || SIMULATING_NOTHING.includes(w));
  return command === undefined || SIMULATING.includes(command);
}

/** A write to a reader that has gone (EPIPE, or the stream Node destroyed after it): dropped. */
function ignoreClosedPipe(err) {
  if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
}
