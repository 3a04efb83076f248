// A copy of the installed command line in another folder, for tests of what the entry and the
// loader do there (a moved install, an older build): the entry's files, package.json and the
// bundle copied, the dependencies and the bundled scenarios linked, nothing else (not dist/'s
// modules, so the entry takes the bundle).
import { cpSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');

/**
 * The files bin/etomsim.cjs reads before it loads a script, and bin/install-damage.js, which it
 * reads once a command has failed or before a thread starts (a stored help text's modules are the
 * bundle's: dist/cli/stored-help.cjs and standard-output.cjs).
 */
export const ENTRY_FILES = ['bin/etomsim.cjs', 'bin/install-damage.js', 'bin/load-cli.cjs', 'package.json'];

/** Copies the package into `copy` (created): ENTRY_FILES, and dist/cli unless `bundle` is false; links node_modules and scenarios. Returns `copy`. */
export function copyOfThePackage(copy: string, { bundle = true } = {}): string {
  mkdirSync(join(copy, 'bin'), { recursive: true });
  for (const file of ENTRY_FILES) cpSync(join(ROOT, file), join(copy, file));
  if (bundle) cpSync(join(ROOT, 'dist/cli'), join(copy, 'dist/cli'), { recursive: true });
  for (const folder of ['node_modules', 'scenarios']) symlinkSync(join(ROOT, folder), join(copy, folder));
  return copy;
}

/**
 * The files under `from` (a folder of the package's: dist/, dist/cli) in the new folder `to`, each
 * a hard link, less those `skip` takes: their bytes and times as the build left them (so that the
 * entry takes the bundle where dist/'s modules are beside it), for some 0.01 CPU s where a copy
 * of dist/ cost 0.7 (1,024 files). A link is the package's own file: a test damages one only by
 * putting something else in its place (rm, then write), never by writing into it or truncating
 * it. Copied, not linked: the files the stored help texts were made from (dist/cli/help.json's
 * `files`: main.cjs), which bin/stored-help.js knows by their inode and change time, and a link
 * changes the change time (the package's own texts would no longer hold, and the next test run's
 * set-up would bundle again); and every file where the folders are on different file systems.
 */
export function linkTree(from: string, to: string, skip: (path: string) => boolean = () => false): void {
  linkTreeCopying(from, to, skip, helpSources());
}

function linkTreeCopying(from: string, to: string, skip: (path: string) => boolean, copied: Set<string>): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [source, target] = [join(from, entry.name), join(to, entry.name)];
    if (skip(source)) continue;
    if (entry.isDirectory()) linkTreeCopying(source, target, skip, copied);
    else if (copied.has(source)) cpSync(source, target, { preserveTimestamps: true });
    else
      try {
        linkSync(source, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
        cpSync(source, target, { preserveTimestamps: true });
      }
  }
}

/** The files of the package the stored help texts were made from (dist/cli/help.json's `files`, relative to dist/cli), as paths. */
function helpSources(): Set<string> {
  const bundle = join(ROOT, 'dist/cli');
  const { files } = JSON.parse(readFileSync(join(bundle, 'help.json'), 'utf8')) as { files: Record<string, unknown> };
  return new Set(Object.keys(files).map((file) => join(bundle, file)));
}
