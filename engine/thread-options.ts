// What every worker thread etomsim starts (the simulation pool's, the report's chart drawing)
// is given besides its task. With ETOMSIM_DEBUG the command line reads the bundle's source
// maps before it loads it (bin/etomsim.js), so that a stack names the TypeScript sources; a
// thread loads its modules itself, so it is told to read them as well.

/** Node options for a new worker thread: undefined (inherit this thread's) unless debugging. */
export function threadExecArgv(): string[] | undefined {
  return process.env.ETOMSIM_DEBUG ? [...process.execArgv, '--enable-source-maps'] : undefined;
}
