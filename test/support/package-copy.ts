// A copy of the installed command line in another folder, for tests of what the entry and the
// loader do there (a moved install, an older build): the entry's files, package.json and the
// bundle copied, the dependencies and the bundled scenarios linked, nothing else (not dist/'s
// modules, so the entry takes the bundle).
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
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
