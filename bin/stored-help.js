// The texts yargs prints for `etomsim --help`, `etomsim --version` and `etomsim COMMAND --help`,
// as the build made them (dist/cli/help.json, tools/help-texts.mjs runs yargs itself for them),
// so that bin/etomsim.cjs prints them without loading the CLI's script: reading and checking it
// and its code cache, V8 taking in 1 MB of code and yargs setting up thirteen commands to print
// a page of text cost `--help` about 2,200 page faults of fresh memory and 60 M instructions
// over bare Node. These texts are not a second copy of the help to keep in step: they are
// yargs' own output, made again by every build, and nothing else is stored.
//
// Invariant: a stored text is printed only where yargs would print those very bytes: the
// command line is exactly one of the three forms, the text was made for the width bin/main.ts
// would give yargs (min(110, the terminal's columns ?? 100): 100 when stdout is not a terminal,
// 110 on one of 110 columns or more) and for the locale yargs would choose (read from the
// environment as yargs reads it, and checked at build time to print the same texts), by this
// Node release on this architecture, from the files the texts come from (the script, the
// package.json whose version `--version` prints, yargs' locale files) as they are now: a small
// file the same bytes (fileIdentity), a larger one or a folder still the one the build read
// (same device and inode: not replaced) and unchanged since (same size, modification and change
// times; any write sets the change time, which no program can set back). Reading the script to
// check its bytes, as the code cache does, would cost about a third of what this saves. Anything else, or any doubt (a missing or unreadable file, a
// width or locale not stored), and the CLI runs yargs as it always does.
// Node's modules by process.getBuiltinModule, not `import` (bin/load-cli.cjs' header says why),
// and nothing else imported: bin/etomsim.cjs requires this module's CommonJS twin, one file
// (dist/cli/stored-help.cjs, tools/bundle.mjs ENTRY_TWINS); the build's tools import it.
const { readFileSync, statSync } = process.getBuiltinModule('node:fs');
const { join } = process.getBuiltinModule('node:path');

/** The stored texts' file, in the bundle's folder. */
export const HELP_FILE = 'help.json';

/** What the file's `format` says: a file of another layout is not read. */
export const HELP_FORMAT = 'etomsim-help/1';

/** The key of a command line whose text may be stored ('--help', '--version', 'COMMAND --help'), or null. */
export function helpKey(args) {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '--version')) return args[0];
  if (args.length === 2 && args[1] === '--help' && /^[a-z][a-z-]*$/.test(args[0])) return `${args[0]} --help`;
  return null;
}

/** The width bin/main.ts gives yargs (`.wrap`) for a stdout of `columns` (undefined: not a terminal). */
export const helpWidth = (columns) => Math.min(110, columns ?? 100);

/** The environment variables yargs reads its locale from, in the order it reads them (yargs' guessLocale). */
export const LOCALE_VARIABLES = ['LC_ALL', 'LC_MESSAGES', 'LANG', 'LANGUAGE'];

/** The locale yargs chooses in `env`: the first of LOCALE_VARIABLES set, up to a '.' or ':'. */
export function yargsLocale(env) {
  const set = LOCALE_VARIABLES.find((name) => env[name]);
  return (set === undefined ? 'en_US' : env[set]).replace(/[.:].*/, '');
}

/**
 * Files up to this size are known by their bytes, not their times: package.json and yargs' en.json
 * (2-3 KB each). A hard link made or removed anywhere sets a file's change time, and
 * node_modules is often hard-linked (`cp -al`, pnpm's store): each new link to en.json elsewhere
 * made the stored texts refused, `--help` run yargs, and the build bundle again.
 */
export const READ_UP_TO = 65_536;

/**
 * A file's identity: a small file's bytes (READ_UP_TO); else its device, inode, size, modification
 * and change times (ns), and a folder's likewise; null if it cannot be read. The build takes one by
 * times only once they are a file system's stamp old (tools/help-texts.mjs, by bin/load-cli.cjs'
 * rule for the code cache's script: settled), so that no later write of the same size shares it.
 */
export function fileIdentity(path) {
  const s = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (s === undefined) return null;
  if (s.isFile() && s.size <= READ_UP_TO) return `bytes:${readFileSync(path, 'latin1')}`;
  return [s.dev, s.ino, s.size, s.mtimeNs, s.ctimeNs].join(':');
}

/**
 * The text yargs would print for `args` from the bundle in `dir` (a folder path), with the
 * environment `env` and a stdout of `columns` (read only once the command line is one of the
 * three forms), if the build stored it and it holds for the files as they are now; else null.
 * It never throws: a file it cannot read or make sense of means yargs prints the text.
 */
export function storedHelp(dir, args, env = process.env, columns = () => process.stdout.columns) {
  const key = helpKey(args);
  if (key === null) return null;
  try {
    return checkedText(JSON.parse(readFileSync(join(dir, HELP_FILE), 'utf8')), dir, key, env, columns);
  } catch {
    return null; // no texts (a build that made none), an unreadable file (EACCES, ENOTDIR...): yargs prints them
  }
}

/** The stored text for `key`, if `stored` is a file of this format for this Node and it holds for the files in `dir`; else null. */
function checkedText(stored, dir, key, env, columns) {
  if (stored?.format !== HELP_FORMAT || stored.node !== process.version || stored.arch !== process.arch) return null;
  const text = stored.texts?.[key]?.[helpWidth(columns())];
  if (typeof text !== 'string' || !Array.isArray(stored.locales) || !stored.locales.includes(yargsLocale(env))) return null;
  if (typeof stored.files !== 'object' || stored.files === null || Object.keys(stored.files).length === 0) return null;
  return filesHold(dir, stored.files) ? text : null;
}

/**
 * Whether each file of `files` (a path relative to the bundle folder `dir` -> its identity when the
 * texts were made) is that same file now: what a stored text needs (also tools/bundle.mjs, which
 * keeps a bundle only while its texts hold). Relative paths: a copy of the package is checked
 * against its own files.
 */
export function filesHold(dir, files) {
  return Object.entries(files).every(([path, identity]) => fileIdentity(join(dir, path)) === identity);
}
