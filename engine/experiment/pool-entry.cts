// The file piscina's threads load, CommonJS: it loads the worker the pool names in its workerData
// and gives piscina that worker's default export. The bundle's worker is a CommonJS script,
// dist/cli/worker.cjs, compiled with its V8 code cache by bin/load-cli.cjs (WORKER_SCRIPT); any other
// (dist/'s worker.js run module by module, a test's) is an ES module, import()ed.
// Why not hand piscina the worker itself: piscina require()s its file first, and Node 20.19+
// require()s an ES module synchronously; a thread terminated while that require() instantiates
// the module aborts the whole process (FATAL ERROR: v8::Module::IsGraphAsync ... must be used on
// an instantiated module; Node's ModuleWrap::InstantiateSync reads the graph after a
// termination), with no message and no exit status. A pool is closed, its threads terminated,
// whenever a run ends or fails while a thread still loads: 1 pool in about 900 closed 10-50 ms
// after its start aborted so (one-off, main at 9af6840). import() instantiates on Node's
// asynchronous path, which a termination does not reach; a script is no module to instantiate.
// Invariant: this file requires nothing but Node's own modules and bin/load-cli.cjs (CommonJS,
// requiring only Node's), so no require() of an ES module happens in a pool's thread.
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';

type Worker = { default: unknown };

/**
 * The bundle's worker script at `file`, with its cache (bin/load-cli.cjs two folders up,
 * as from every script of the bundle). A script that cannot be read throws UnreadableScript, which
 * the command tells as a damaged install (bin/report-failure.ts), as it told worker.js missing.
 */
function workerScript(file: string): Worker {
  const dir = dirname(file);
  const { loadCli, WORKER_CACHE } = require(join(dir, '../../bin/load-cli.cjs'));
  return loadCli(dir, true, WORKER_CACHE, basename(file)).exports as Worker;
}

/** The worker's file, a path (engine/experiment/runner.ts: the pool's main thread makes no URL). */
const worker = workerData as string;

/**
 * The worker's task function, once loaded. piscina awaits the handler it finds: a promise
 * here, first under its require() (where a rejection is passed over) and then under its
 * import() of this file, which rejects with the worker's own error, so a worker that cannot
 * load fails its thread as it loads, with that error.
 */
export = (worker.endsWith('.cjs') ? Promise.resolve(worker).then(workerScript) : import(pathToFileURL(worker).href)).then(
  (loaded: Worker) => loaded.default,
);
