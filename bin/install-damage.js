// Whether the install is damaged, and the one line that says so: what bin/etomsim.cjs prints when
// no script of the CLI can run, and what a script of the bundle prints when a command failed in
// a bundle that is not as its build left it (bin/report-failure.ts: a worker thread's module,
// the chart thread's, a late import, missing or cut short), or before a thread starts, once
// engine/thread-options.ts has found a code file a thread may import there but not as built.
// Loaded only then, never while commands succeed: every process would otherwise read and
// compile it before its command's script.
// Invariant: it says the install is damaged only where a file is not as the build left it (by
// the build's record of their sizes, dist/cli/made-from.json, tools/bundle.mjs), never of an
// install as built; and it never throws (a file it cannot read is a fault it names).
// Node's modules by process.getBuiltinModule, not `import` (bin/load-cli.cjs' header says why)
const { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, statSync } = process.getBuiltinModule('node:fs');
const { fileURLToPath } = process.getBuiltinModule('node:url');

const BUNDLE = new URL('../dist/cli/', import.meta.url);
/** The build's record of the bundle it left (tools/bundle.mjs, MADE_FROM), which it writes last. */
const RECORD = 'made-from.json';

/**
 * The one line that says the install is damaged: `faults` ('FILE: what is wrong with it') and
 * how to mend it. A path may hold control characters: shown as escapes, as
 * engine/io/terminal-text.ts (which may be what is missing) shows them.
 */
export function damagedLine(faults) {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const line = `etomsim: this install is damaged (${faults.join('; ')}): run 'npm run build' in ${root}, or reinstall etomsim`;
  const unprintable = /[^\t\n\u0020-\u007e\u00a0-\u2029\u202f-\u2065\u206a-\u{10ffff}]/gu;
  return line.replace(unprintable, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * damagedLine for each code file of the bundle (its scripts and ES modules, which the main
 * thread, the worker threads, the chart thread and late imports load) that is not as the build
 * left it, or null when every one is. Caches, source maps and help texts are left out: a process
 * runs without them (bin/load-cli.cjs, bin/stored-help.js). A bundle without its record is
 * damaged too (the build writes it last; bin/etomsim.cjs runs dist/ instead where dist/ exists).
 */
export function bundleDamage() {
  const sizes = builtSizes();
  if (sizes === null) return damagedLine([`dist/cli/${RECORD}: ${fileFault(new URL(RECORD, BUNDLE)) ?? 'not a record of this build'}`]);
  const faults = [];
  for (const [name, size] of Object.entries(sizes)) {
    if (!/\.c?js$/.test(name)) continue;
    const what = fileFault(new URL(name, BUNDLE), size);
    if (what !== null) faults.push(`dist/cli/${name}: ${what}`);
  }
  return faults.length === 0 ? null : damagedLine(faults);
}

/** The size of each file the build left in dist/cli/, by its record (name -> bytes), or null if there is no record to read. */
export function builtSizes() {
  try {
    const { outputs } = JSON.parse(readFileSync(new URL(RECORD, BUNDLE), 'utf8'));
    return typeof outputs === 'object' && outputs !== null && !Array.isArray(outputs) ? outputs : null;
  } catch {
    return null;
  }
}

/**
 * What is wrong with the file at `url`, which the build wrote with `size` bytes (undefined: not
 * known), or null if nothing is: missing, something else in its place, unreadable, another size
 * (opened as bin/load-cli.cjs opens a script: a named pipe in its place does not block).
 */
export function fileFault(url, size) {
  let fd = -1;
  try {
    fd = openSync(url, constants.O_RDONLY | constants.O_NONBLOCK);
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return 'a folder, not a file';
    if (!stats.isFile()) return 'not a file';
    if (size === undefined || stats.size === size) return null;
    return stats.size < size
      ? `cut short (${stats.size} of the ${size} bytes the build wrote)`
      : `changed (${stats.size} bytes, where the build wrote ${size})`;
  } catch (err) {
    return err.code === 'ENOENT' || err.code === 'ENOTDIR' ? fault(url) : `unreadable (${err.message})`;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * What is in the place of the file at `url`, which is no file to read: missing, a symlink to
 * nothing, a folder, something else; or, a file after all, one bin/etomsim.cjs passed over
 * because dist/ was compiled after it was bundled (its only reason to).
 */
export function fault(url) {
  try {
    const link = lstatSync(url);
    if (link.isSymbolicLink() && statSync(url, { throwIfNoEntry: false }) === undefined) return 'a symlink to nothing';
    const stats = statSync(url);
    if (stats.isDirectory()) return 'a folder, not a file';
    return stats.isFile() ? 'not used: dist/ was compiled after it was bundled' : 'not a file';
  } catch (err) {
    return err.code === 'ENOENT' ? 'missing' : err.code === 'ENOTDIR' ? 'its folder is not a folder' : err.message;
  }
}
