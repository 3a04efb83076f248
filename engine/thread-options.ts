// What every worker thread etomsim starts (the simulation pool's, the report's chart drawing)
// is given besides its task. With ETOMSIM_DEBUG the command line reads the bundle's source
// maps before it loads it (bin/etomsim.js), so that a stack names the TypeScript sources; a
// thread loads its modules itself, so it is told to read them as well.

/** Node options for a new worker thread: undefined (inherit this thread's) unless debugging. */
export function threadExecArgv(): string[] | undefined {
  return process.env.ETOMSIM_DEBUG ? [...process.execArgv, '--enable-source-maps'] : undefined;
}

/**
 * Where the command line runs its bundle, what says whether the bundle's code files are as the
 * build left them: the one line that says the install is damaged, or null (bin/etomsim.js'
 * installDamage, bin/install-damage.js). Set by the scripts' main(); unset in dist/ run module
 * by module, the tests and the build's own runs.
 */
let installDamage: ((beforeThreads: boolean) => Promise<string | null>) | undefined;

/** Has assertThreadCodeIntact ask `check` (bin/main.ts, bin/run-script.ts). */
export function checkInstallBeforeThreads(check: ((beforeThreads: boolean) => Promise<string | null>) | undefined): void {
  installDamage = check;
}

/** A thread not started because the install is damaged: its message is the line that says so. */
export class InstallDamaged extends Error {
  override readonly name = 'InstallDamaged';
}

/**
 * Resolves when a thread may start: no check set, or no code file of the bundle there but not
 * as built (bin/install-damage.js, threadCodeDamage); else rejects with InstallDamaged. Asked
 * before a thread imports the bundle's ES modules: with one of them cut short, Node 20 itself aborts now and then as a worker thread imports it (FATAL ERROR:
 * v8::Module::IsGraphAsync ... must be used on an instantiated module, no exit status), before
 * the command can say anything. A few stats of the bundle's files, before threads that take tens
 * of milliseconds to start.
 */
export async function assertThreadCodeIntact(): Promise<void> {
  const damaged = await installDamage?.(true).catch(() => null); // without the module that tells, the threads start as before
  if (typeof damaged === 'string') throw new InstallDamaged(damaged);
}
