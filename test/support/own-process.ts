// The test files vitest runs each in a process of its own (vitest.config.ts' project
// 'own-process'); every other file shares its worker's modules with the files that worker ran
// before it (project 'shared', isolate: false), which saved about 0.9 CPU s a file (69 files of
// stats, sim, model and results: 107 CPU s each in its own process, 47 shared).
// Invariant: a file whose effects outlive it in its process is listed here: it mocks a module
// (vi.mock, vi.resetModules), stubs a global or the environment, spies on a shared object
// (process.stdout, console, node:v8, a prototype), fakes timers, changes the working folder, the
// environment or a V8 flag, or listens on process. test/suite/own-process.test.ts finds such files
// by their calls and fails for one missing here. bin/ and cluster/ run the command line: processes
// of their own, and in-process entries that set process.exitCode or listen for signals.

/** Globs (a folder's `/**`, or one file) of the files that each run in a process of their own. */
export const OWN_PROCESS = [
  'test/bin/**',
  'test/cluster/**',
  'test/io/atomic.test.ts', // process.chdir
  'test/experiment/experiment.test.ts', // process.env.ETOMSIM_TEST_THREADS
  'test/reports/formats.test.ts', // vi.useFakeTimers
  'test/reports/malformed-outputs.test.ts', // spies on process.stderr, vi.mock
  'test/reports/report-command.test.ts', // spies on process.stdout and stderr
  'test/reports/report-size.test.ts', // spies on process.stdout and stderr
  'test/reports/report-threads.test.ts', // vi.mock
  'test/results/register-metric.test.ts', // vi.mock, a metric added to the catalogue
  'test/scenario/limits.test.ts', // --expose-gc
  'test/sim/run-limits.test.ts', // spies on node:v8
  'test/sim/store-shelf.test.ts', // spies on Simulation.prototype
  'test/sim/store-shelf-without-zeros.test.ts', // vi.mock('node:fs')
  'test/sim/window-rehearsal.test.ts', // vi.resetModules
  'test/stats/order-statistics.test.ts', // vi.stubGlobal, spies on TypedArray.prototype.sort
];

/** Whether `glob` of OWN_PROCESS takes the test file `path` (relative to the repository, with '/'). */
export function takes(glob: string, path: string): boolean {
  return glob.endsWith('/**') ? path.startsWith(glob.slice(0, -2)) : path === glob;
}

/** Whether the test file `path` (relative to the repository, with '/') runs in a process of its own. */
export function runsInOwnProcess(path: string): boolean {
  return OWN_PROCESS.some((glob) => takes(glob, path));
}
