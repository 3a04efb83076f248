// Makes dist/cli/help.json, the texts that `etomsim --help`, `etomsim --version` and `etomsim
// COMMAND --help` print, for bin/etomsim.cjs to print without loading the script (bin/stored-help.js
// says when it may): loads the bundle in dir, runs each of those command lines through the
// CLI's own main(), so yargs lays them out, at the two widths bin/main.ts gives yargs on a
// pipe or file (100) and on a terminal of 110 columns or more (110), and keeps what it printed.
// tools/bundle.mjs runs it in a fresh process once the bundle is in place, after the code cache.
//
// Invariant: every stored text is yargs' output for its command line, width and locale, made
// by this build from the files the file names; a locale is listed only if yargs printed every
// text in it byte for byte as in the default one, and the build fails rather than store a
// command line that failed or wrote to stderr.
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { loadCli, SCRIPT, SETTLED_MS, settled } from '../bin/load-cli.cjs';
import { fileIdentity, HELP_FILE, HELP_FORMAT, helpWidth, LOCALE_VARIABLES } from '../bin/stored-help.js';

/** The locales whose texts are stored if yargs prints them as in its default (en_US): English and the C locale, as commonly set. */
const LOCALES = ['en_US', 'en', 'en_GB', 'C', 'POSIX'];

/** stdout's columns for each stored width: not a terminal, and a terminal of 110 columns. */
const COLUMNS = [undefined, 110];

if (process.argv[2] === undefined) {
  process.stderr.write("usage: node tools/help-texts.mjs DIR (the bundle's folder, dist/cli)\n");
  process.exit(2);
}
const dir = resolve(process.argv[2]);
const script = join(dir, SCRIPT);

// the files the texts come from, relative to the bundle: the script; the package.json whose
// version it reads (dist/bin/version.ts, `../../package.json` from the script); yargs' locale
// folder (a file added to it changes its times) and the English file, found from the script as
// the bundle's patch of yargs finds them
const locales = join(dirname(createRequire(script).resolve('yargs/package.json')), 'locales');
const sources = [script, join(dir, '../../package.json'), locales, join(locales, 'en.json')].map((file) => relative(dir, file));
const identities = () => Object.fromEntries(sources.map((file) => [file, fileIdentity(join(dir, file))]));
const files = settledIdentities();

/**
 * The sources' identities, those known by their times (bin/stored-help.js fileIdentity: the
 * script, yargs' locales folder) taken once the times are SETTLED_MS old, by the rule the code
 * cache takes its script's by (bin/load-cli.cjs settled): taken within a file system's step of a
 * write, they would name a later write of the same size in the same step as well, and its stored
 * texts would be printed for other bytes. In a build the code cache has waited for the script
 * already; run by hand after a write, this waits (2 s at most, again if a file is written meanwhile).
 */
function settledIdentities() {
  for (;;) {
    const taken = identities();
    for (const [file, identity] of Object.entries(taken))
      if (identity === null) throw new Error(`tools/help-texts.mjs: no ${file} in ${dir}`);
    const timed = Object.keys(taken).filter((file) => !taken[file].startsWith('bytes:'));
    let latest = Number.NEGATIVE_INFINITY;
    let latestFile = '';
    for (const file of timed) {
      const { mtimeMs, ctimeMs } = statSync(join(dir, file));
      if (Math.max(mtimeMs, ctimeMs) > latest) [latest, latestFile] = [Math.max(mtimeMs, ctimeMs), file];
    }
    if (!settled(latest))
      throw new Error(
        `tools/help-texts.mjs: ${latestFile} in ${dir} is dated more than ${SETTLED_MS} ms ahead of this clock ` +
          "(another host's clock, or set by hand): the texts cannot be known to hold for it by its times; touch it, then build again",
      );
    if (JSON.stringify(identities()) === JSON.stringify(taken)) return taken;
  }
}

const { main } = loadCli(dir, false).exports;

/** What main(args) prints with stdout of `columns` in `locale`; it must exit 0 and write nothing to stderr. */
async function printed(args, columns, locale) {
  const saved = Object.fromEntries(LOCALE_VARIABLES.map((name) => [name, process.env[name]]));
  for (const name of LOCALE_VARIABLES) delete process.env[name];
  if (locale !== 'en_US') process.env.LC_ALL = locale;
  const write = { out: process.stdout.write, err: process.stderr.write };
  let out = '';
  let err = '';
  Object.defineProperty(process.stdout, 'columns', { value: columns, configurable: true, writable: true });
  process.stdout.write = (chunk) => {
    out += chunk;
    return true;
  };
  process.stderr.write = (chunk) => {
    err += chunk;
    return true;
  };
  let status;
  try {
    status = await main(args);
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    delete process.stdout.columns;
    for (const [name, value] of Object.entries(saved))
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
  if (status !== 0 || err !== '') throw new Error(`tools/help-texts.mjs: etomsim ${args.join(' ')} exited with ${status}: ${err}`);
  return out;
}

/** Every stored command line's text at each width, in `locale`: key -> width -> text. */
async function textsIn(locale) {
  const top = await printed(['--help'], undefined, locale);
  const commands = [...top.matchAll(/^ {2}etomsim ([a-z-]+)/gm)].map((m) => m[1]);
  if (!commands.includes('run') || !commands.includes('validate'))
    throw new Error("tools/help-texts.mjs: the help lists no 'etomsim run' or 'etomsim validate': its layout changed?");
  const texts = {};
  for (const args of [['--help'], ['--version'], ...commands.map((command) => [command, '--help'])]) {
    const key = args.join(' ');
    texts[key] = {};
    for (const columns of COLUMNS) texts[key][helpWidth(columns)] = await printed(args, columns, locale);
  }
  return texts;
}

const texts = await textsIn(LOCALES[0]);
const same = [];
for (const locale of LOCALES)
  if (locale === LOCALES[0] || JSON.stringify(await textsIn(locale)) === JSON.stringify(texts)) same.push(locale);
if (JSON.stringify(identities()) !== JSON.stringify(files))
  throw new Error('tools/help-texts.mjs: a source of the texts changed while they were made');
const file = join(dir, HELP_FILE);
writeFileSync(
  `${file}.${process.pid}`,
  `${JSON.stringify({ format: HELP_FORMAT, node: process.version, arch: process.arch, files, locales: same, texts })}\n`,
);
renameSync(`${file}.${process.pid}`, file); // a process starting meanwhile reads the whole file or none
// a command may leave a handle behind it: the file is written, so stop here
process.exit(0);
