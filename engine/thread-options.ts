// What every worker thread etomsim starts (the simulation pool's, the report's chart drawing)
// is given besides its task. With ETOMSIM_DEBUG the command line reads the bundle's source
// maps before it loads it (bin/etomsim.cjs), so that a stack names the TypeScript sources; a
// thread loads its modules itself, so it is told to read them as well.

import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Node options for a new worker thread: undefined (inherit this thread's) unless debugging. */
export function threadExecArgv(): string[] | undefined {
  return process.env.ETOMSIM_DEBUG ? [...process.execArgv, '--enable-source-maps'] : undefined;
}

/**
 * Where the command line runs its bundle, what says whether the bundle's code files are as the
 * build left them: the one line that says the install is damaged, or null (bin/etomsim.cjs'
 * installDamage, bin/install-damage.js). Set by the scripts' main(); unset in dist/ run module
 * by module, the tests and the build's own runs.
 */
let installDamage: (() => Promise<string | null>) | undefined;

/** Has assertThreadCodeIntact ask `check` (bin/main.ts, bin/run-script.ts). */
export function checkInstallBeforeThreads(check: (() => Promise<string | null>) | undefined): void {
  installDamage = check;
}

/** A thread not started because the install is damaged: its message is the line that says so. */
export class InstallDamaged extends Error {
  override readonly name = 'InstallDamaged';
}

/**
 * Resolves when a thread may start: no check set, or no code file of the bundle there but not
 * as built (codeNotAsBuilt); else rejects with InstallDamaged, whose message is bin/install-damage.js'
 * line. Asked
 * before a thread imports the bundle's ES modules: with one of them cut short, Node 20 itself aborted now and then as a pool thread loaded it (FATAL ERROR:
 * v8::Module::IsGraphAsync ... must be used on an instantiated module, no exit status), before
 * the command could say anything; pool threads now import() the worker (pool-entry.cts), and this
 * still says the damage in one line before any thread fails on it. A few stats of the bundle's
 * files, before threads that take tens of milliseconds to start.
 */
export async function assertThreadCodeIntact(): Promise<void> {
  // the module that tells (and says it on one line) is loaded only when this finds a file not as built
  if (installDamage === undefined || !codeNotAsBuilt(import.meta.dirname)) return;
  const damaged = await installDamage().catch(() => null); // without the module that tells, the threads start as before
  if (typeof damaged === 'string') throw new InstallDamaged(damaged);
}

/**
 * Whether a code file of the bundle in the folder `bundle` (this script's, dist/cli/) is there to be
 * read but not as its build recorded it (made-from.json): cut short, changed, not a regular file,
 * which Node 20 may abort importing in a worker thread, or block on. Made here, in the script's
 * code cache, so that a process starting threads does not import bin/install-damage.js (about
 * 10 M instructions) to find its bundle intact. A file missing or unreadable, a folder, or no
 * record: false (its import fails cleanly, and is told once the command fails; a missing
 * svg-worker.js is no failure: the charts are drawn in this thread).
 */
function codeNotAsBuilt(bundle: string): boolean {
  let outputs: unknown;
  try {
    outputs = JSON.parse(readFileSync(join(bundle, 'made-from.json'), 'utf8')).outputs;
  } catch {
    return false;
  }
  if (typeof outputs !== 'object' || outputs === null) return false;
  for (const [name, size] of Object.entries(outputs)) {
    if (!/\.c?js$/.test(name)) continue;
    let fd = -1;
    try {
      fd = openSync(join(bundle, name), constants.O_RDONLY | constants.O_NONBLOCK); // a named pipe in its place does not block
      const stats = fstatSync(fd);
      if (!stats.isDirectory() && (!stats.isFile() || stats.size !== size)) return true;
    } catch {
      // missing or unreadable: its import fails cleanly
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  }
  return false;
}
