// The file piscina's threads load, CommonJS: it import()s the worker module the pool names in
// its workerData (worker.js, or a test's) and gives piscina that module's default export.
// Why not hand piscina the worker itself: piscina require()s its file first, and Node 20.19+
// require()s an ES module synchronously; a thread terminated while that require() instantiates
// the module aborts the whole process (FATAL ERROR: v8::Module::IsGraphAsync ... must be used on
// an instantiated module; Node's ModuleWrap::InstantiateSync reads the graph after a
// termination), with no message and no exit status. A pool is closed, its threads terminated,
// whenever a run ends or fails while a thread still loads: 1 pool in about 900 closed 10-50 ms
// after its start aborted so (one-off, main at 9af6840). import() instantiates on Node's
// asynchronous path, which a termination does not reach.
// Invariant: this file requires nothing but Node's own modules, so no require() of an ES module
// happens in a pool's thread.
import { workerData } from 'node:worker_threads';

/**
 * The worker's task function, once imported. piscina awaits the handler it finds: a promise
 * here, first under its require() (where a rejection is passed over) and then under its
 * import() of this file, which rejects with the worker's own error, so a worker that cannot
 * load fails its thread as it loads, with that error.
 */
export = import(workerData as string).then((worker: { default: unknown }) => worker.default);
