// Makes the V8 code caches of the bundle's scripts (dist/cli/main.cache for main.cjs,
// validate.cache for validate.cjs, run.cache for run.cjs, charts.cache for the report's charts.cjs,
// layout.cache for the process maps' layout.cjs, worker.cache for the pool threads' worker.cjs,
// queue.cache for the queue's packages' queue.cjs, piscina.cache for the pool's piscina.cjs;
// bin/load-cli.cjs says how they are used): compiles the script without a cache, runs the commands
// whose start-up matters most, as a user would, and writes V8's cached data afterwards, so that it
// holds the functions those commands compiled lazily as well as the script's top level. main.cache
// is trained on help, validate of the bundled scenarios and a short run without its report,
// validate.cache on the validations, run.cache on the run and the benchmark's whole run (only a
// replication that long reaches the code a long one runs beside its loop), and charts.cache on
// drawing the charts of a short run of the bundled fiber scenario, worker.cache on replications
// (trainWorker), queue.cache on loading the packages (trainQueue), piscina.cache on a run on a pool
// of two threads (trainPool); where the machine has a redis-server (startRedis), main.cache and
// queue.cache also on a worker serving a queued run (queueServed). Each in a process of its own, as
// V8 puts in a cache every function the process compiled and deserialises all of it in every
// process that takes it (session 46: 1,175 KB, 407 KB, 762 KB and 1,779 KB; `validate` of main.cjs
// with main.cache touched about 180 pages more than with a cache of main.cjs trained on validate
// alone). tools/bundle.mjs runs it in a fresh process of its own, with the bundle's folder, once
// the bundle is in place: V8 keeps in the cache the path of the script that made it, so an install
// moved or copied elsewhere starts without its caches until this is run there: `node
// tools/code-cache.mjs dist/cli`.
//
// charts.cache and layout.cache are made under the report's V8 flags (forReportScripts), which
// the commands that load those scripts set first (bin/v8-flags.ts optimiseReportLater).
//
// Invariant: only the build writes a cache. Running the commands here compiles code; it does
// not change what the cache holds beyond which functions are compiled (V8 caches bytecode, not
// the values the run computed), so the same script gives the same behaviour with or without it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  ALL_CACHES,
  CACHE,
  CHARTS_CACHE,
  CHARTS_SCRIPT,
  COMMAND_CACHES,
  cacheFile,
  LAYOUT_CACHE,
  LAYOUT_SCRIPT,
  loadCli,
  PISCINA_CACHE,
  PISCINA_SCRIPT,
  QUEUE_CACHE,
  QUEUE_SCRIPT,
  RUN_SCRIPT,
  SCRIPT,
  VALIDATE_SCRIPT,
  WORKER_CACHE,
  WORKER_SCRIPT,
} from '../bin/load-cli.cjs';
import { REPORT_SCRIPTS_FLAGS } from '../dist/bin/v8-flags.js';
import { freePort } from '../dist/engine/cluster/free-port.js';

if (process.argv[2] === undefined) {
  process.stderr.write("usage: node tools/code-cache.mjs DIR (the bundle's folder, dist/cli)\n");
  process.exit(2);
}
// absolute, as the loader's createRequire needs
const dir = resolve(process.argv[2]);
// No process here has a time limit: a limit in wall time is one a loaded host exceeds (each
// cache's process had 100 s, the whole 300 s, and `npm run build` at high load once failed
// with ETIMEDOUT and a stack trace). What a limit was for, that no process outlives the build
// that started it and writes a cache into a later build's folder, each process ensures itself:
// it stops once its parent has gone (a build killed, Ctrl-C), and this one stops its cache's
// process with it.

/** The environment variable in which a process that starts this one gives its own pid (stopWithParent; tools/bundle.mjs sets it too). */
const PARENT_PID = 'ETOMSIM_PARENT_PID';
/** The cache's process under way (the first part below), if any: declared before stopWithParent's first look, which may stop at once. */
let training = null;
/** Standard error's own write, which command replaces while a command runs. */
const STDERR_WRITE = process.stderr.write.bind(process.stderr);
/** The redis-server this process started to train on a queue (queueServed), if any. */
let redis = null;
stopWithParent(() => {
  training?.kill('SIGKILL');
  redis?.kill('SIGKILL');
});
/**
 * The caches trained with V8's baseline compiler (Sparkplug) off. V8 marks each function it
 * compiled with Sparkplug, the mark goes into the cache, and a process that takes the cache
 * compiles every marked function with Sparkplug as soon as it makes a closure of it, however
 * little it then runs: trained on the bundled scenarios, validate.cache had 278 functions
 * compiled so in `validate` of the benchmark's 12-line M/M/5 file (19 M instructions, 550 KB of
 * machine code against 170 KB without the cache). Unmarked, a function is compiled with
 * Sparkplug once it has run as long as V8 waits for any function, as without a cache.
 * Measured (callgrind, whole process): validate mm5 191 -> 177 M instructions, 3,382 -> 3,240
 * faults; fiber 287 -> 294 M, 4,050 -> 4,005 faults; a 2,000-node chain 5,814 -> 5,749 M,
 * 24,509 -> 23,893 faults. run.cache keeps its marks: the 2-hour M/M/5 run's process measured
 * +3.6 M instructions and -20 faults unmarked, and its loop is the one that wants Sparkplug early.
 */
const UNMARKED = new Set([COMMAND_CACHES.validate]);
/**
 * What bin/etomsim.cjs calls of a command script's exports once it has loaded the script, before
 * its main(): bin/v8-flags.ts' functions, which the script's main() never calls. Called here too,
 * before the training's commands (and restoreV8ForCodeCaches after them, before V8 labels the
 * cache), so that the cache holds them and the getters esbuild exports them by: a process that
 * took run.cache compiled 12 of the script's functions lazily before this (6 of them these and
 * setInliningLimitBack, the rest an earlier run's manifest read, wholeRun below), validate.cache 6.
 */
const ENTRY_CALLS = {
  [COMMAND_CACHES.run]: (exports) => exports.lowerInliningLimit?.(),
  [COMMAND_CACHES.validate]: (exports) => exports.optimiseLater?.(),
};
/** The cache this process makes; none named: each of them, one process each. */
const made = process.argv[3];

/**
 * The environment variable in which this process gives the processes it starts the URL of the
 * redis-server it started for them (startRedis), where the machine has one: CACHE and QUEUE_CACHE
 * are trained on a worker serving a queued run too (queueServed).
 */
const TRAINING_QUEUE = 'ETOMSIM_TRAINING_QUEUE';

if (made === undefined) {
  const queue = await startRedis();
  const exit = (status) => {
    redis?.kill('SIGKILL');
    process.exit(status);
  };
  for (const cache of ALL_CACHES) {
    // this process's flags too: V8 labels a cache with the flags it was made under
    training = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), dir, cache], {
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, [PARENT_PID]: String(process.pid), ...(queue === null ? {} : { [TRAINING_QUEUE]: queue }) },
    });
    let said = '';
    training.stderr.setEncoding('utf8').on('data', (text) => (said += text));
    const [status, signal, error] = await new Promise((resolve) => {
      training.once('error', (err) => resolve([null, null, err]));
      training.once('close', (code, sig) => resolve([code, sig, null]));
    });
    training = null;
    if (status !== 0) {
      // one line: why the process ended, and the last line it wrote (its own account of the failure: see the catch below)
      const why = error?.message ?? (signal === null ? `exit status ${status}` : `stopped by ${signal}`);
      const last = said.trimEnd().split('\n').at(-1);
      process.stderr.write(`tools/code-cache.mjs: making ${cache} failed (${why})${last ? `: ${last}` : ''}\n`);
      exit(1);
    }
    process.stderr.write(said); // a warning a training command printed
  }
  exit(0);
}
/** The queue this process's commands may train on (TRAINING_QUEUE), or undefined. */
const trainingQueue = process.env[TRAINING_QUEUE] || undefined;

const scenarios = fileURLToPath(new URL('../scenarios/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'etomsim-code-cache-'));
try {
  // the benchmark's M/M/5 (bench/scenarios/mm5.yaml) for ten hours: the fixed cost of a run
  // (reading, compiling, one replication's set-up, results), with the model the bench times
  const mm5 = join(work, 'mm5.yaml');
  const benchModel = readFileSync(fileURLToPath(new URL('../bench/scenarios/mm5.yaml', import.meta.url)), 'utf8');
  const tenHours = benchModel.replace(/^run: \{ horizon: [^,]+,/m, 'run: { horizon: 10h,');
  if (tenHours === benchModel) throw new Error("tools/code-cache.mjs: bench/scenarios/mm5.yaml has no 'run: { horizon: ...,' line to cut");
  writeFileSync(mm5, tenHours);
  const help = [['--help'], ['run', '--help']];
  // validate.cache on the bundled scenarios alone, which the simple reader takes (not also a file
  // left to yaml: 174 KB more cache, -9% instructions for such a file, +1-3 M and +108 page
  // faults for every other; docs/performance-notes.md, session 24)
  const validate = readdirSync(scenarios)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => ['validate', join(scenarios, f)]);
  const run = [['run', mm5, '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(work, 'out')]];
  // run.cache on the benchmark's whole run too (1,000,000 customers, some 0.3 s): only a replication
  // that long reaches the code a large one runs beside its loop (the completion stores' stock and
  // move onto it, the horizon's warm-up at a pause, the percentiles by counting, the warm-up check's
  // ranks), which a process whose cache lacks it compiles lazily as it gets there (82 functions, some
  // 10 M instructions of the benchmark's process; docs/performance-notes.md, session 46). Into the
  // first run's folder: a run into a folder an earlier run wrote (the default `out`, each round of
  // the benchmark after its first) reads that run's manifest, code a run into a new folder never reaches
  const wholeRun = ['run', join(work, 'mm5-whole.yaml'), '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(work, 'out')];
  writeFileSync(wholeRun[1], benchModel);
  const trainedOn = {
    [CACHE]: [SCRIPT, [...help, ...validate, ...run]],
    [COMMAND_CACHES.run]: [RUN_SCRIPT, [...run, wholeRun]],
    [COMMAND_CACHES.validate]: [VALIDATE_SCRIPT, validate],
    [CHARTS_CACHE]: [CHARTS_SCRIPT, []],
  };
  // LAYOUT_CACHE: trainLayout; WORKER_CACHE: trainWorker; QUEUE_CACHE: trainQueue; PISCINA_CACHE: trainPool
  if (made === LAYOUT_CACHE) await trainLayout(dir, work);
  else if (made === PISCINA_CACHE) await trainPool(dir, mm5, work);
  else if (made === QUEUE_CACHE) await trainQueue(dir, mm5, work);
  else if (made === WORKER_CACHE)
    await trainWorker(dir, [
      fileURLToPath(new URL('../bench/scenarios/mm5-variant.yaml', import.meta.url)),
      ...validate.map(([, file]) => file),
    ]);
  else {
    if (!Object.hasOwn(trainedOn, made)) throw new Error(`tools/code-cache.mjs: no cache is named ${made}`);
    const [scriptFile, commands] = trainedOn[made];
    // the charts' specs first, from a run whose report draws them in its own thread (not this one's script)
    const specs = made === CHARTS_CACHE ? await chartSpecs(dir, work) : [];
    const { exports, script, bytes } = loadCli(dir, false, undefined, scriptFile);
    const unmarked = UNMARKED.has(made) && sparkplugOn();
    if (unmarked) v8.setFlagsFromString('--no-sparkplug'); // after the compile: V8 labels a cache with the flags in force as it is made
    ENTRY_CALLS[made]?.(exports);
    for (const args of commands) await command(exports.main, args);
    if (made === CACHE && trainingQueue !== undefined) await queueServedOrSaid(exports.main, trainingQueue, mm5, work);
    for (const spec of specs) await exports.renderSvg(spec);
    exports.restoreV8ForCodeCaches?.();
    if (unmarked) v8.setFlagsFromString('--sparkplug'); // the build's flags again before V8 labels the cache
    if (made === CHARTS_CACHE) forReportScripts();
    placeCache(dir, made, cacheFile(join(dir, scriptFile), bytes, script.createCachedData()));
  }
} catch (err) {
  // one line, the last this process writes (the part above quotes it); the stack with ETOMSIM_DEBUG
  process.stderr.write(`${process.env.ETOMSIM_DEBUG ? `${err.stack}\n` : ''}${String(err?.message ?? err).split('\n')[0]}\n`);
  process.exitCode = 1; // not process.exit here: it would skip the finally, leaving `work` in the temp dir
} finally {
  rmSync(work, { recursive: true, force: true });
}
// a run may leave a timer or a handle behind it: the cache is written (or the failure told), so stop here
process.exit();

/**
 * Makes WORKER_CACHE: the pool's worker script run in this thread on a replication of each
 * variant of each scenario of `files` (the benchmark's parallel row's model first, whole: only a
 * replication that long reaches the code a long one runs beside its loop, as for run.cache), each task cloned as
 * piscina hands a thread its task. A pool thread starts under the flags as built (bin/v8-flags.ts
 * threadsStarting sets the inlining limit back first), which this process has; V8 leaves
 * `--no-concurrent-recompilation` (set where the threads take every core) out of a cache's check.
 * Its models come from dist/ (the script holds the worker alone), so only the worker's
 * functions are compiled in the script.
 */
async function trainWorker(dir, files) {
  const { loadScenarioFile } = await import('../dist/engine/scenario/load.js');
  const { experimentVariants } = await import('../dist/engine/experiment/experiment.js');
  const { DEFAULT_MAX_WIP } = await import('../dist/engine/failure.js');
  const { exports, script, bytes } = loadCli(dir, false, undefined, WORKER_SCRIPT);
  for (const file of files) {
    const { set } = loadScenarioFile(file);
    if (set === null) throw new Error(`tools/code-cache.mjs: ${file} does not load`);
    for (const { name, model } of experimentVariants(set, null))
      exports.default(structuredClone({ model, variant: name, replication: 1, seed: 1, maxWip: DEFAULT_MAX_WIP }));
  }
  placeCache(dir, WORKER_CACHE, cacheFile(join(dir, WORKER_SCRIPT), bytes, script.createCachedData()));
}

/**
 * Makes QUEUE_CACHE: the queue's script loaded, which evaluates every module it holds (BullMQ's
 * classes, their scripts' Lua texts, ioredis' command table), then, where this build has a Redis
 * (TRAINING_QUEUE), used by a worker serving a queued run (queueServed): connecting, BullMQ's
 * queue, events and worker, jobs added, taken and finished. SCRIPT, which runs them, takes the
 * packages from the loader's queueScript as it first imports them: given these, compiled here
 * without a cache. Without a Redis, a worker or a client compiles those functions as it first
 * calls them, as without a cache.
 */
async function trainQueue(dir, mm5, work) {
  const { exports: packages, script, bytes } = loadCli(dir, false, undefined, QUEUE_SCRIPT);
  if (trainingQueue !== undefined) {
    createRequire(import.meta.url)('../bin/load-cli.cjs').queueScript = () => packages;
    await queueServedOrSaid(loadCli(dir, false, undefined, SCRIPT).exports.main, trainingQueue, mm5, work);
  }
  placeCache(dir, QUEUE_CACHE, cacheFile(join(dir, QUEUE_SCRIPT), bytes, script.createCachedData()));
}

/**
 * Makes PISCINA_CACHE: piscina's script loaded, then a run of the benchmark's M/M/5 for ten hours on
 * a pool of two threads (`run MM5 -r 2 -w 2`) through RUN_SCRIPT, which takes piscina from the
 * loader's piscinaScript as the pool starts: given this script, compiled here without a cache. The
 * pool's start, its tasks handed out and their results taken back, its close: what a process that
 * starts a pool calls of piscina. RUN_SCRIPT's own functions compile in RUN_SCRIPT, not in this cache.
 */
async function trainPool(dir, mm5, work) {
  const { exports: piscina, script, bytes } = loadCli(dir, false, undefined, PISCINA_SCRIPT);
  createRequire(import.meta.url)('../bin/load-cli.cjs').piscinaScript = () => piscina;
  const { exports } = loadCli(dir, false, undefined, RUN_SCRIPT);
  await command(exports.main, ['run', mm5, '-r', '2', '-w', '2', '--no-report', '-q', '-o', join(work, 'pool')]);
  exports.restoreV8ForCodeCaches?.();
  placeCache(dir, PISCINA_CACHE, cacheFile(join(dir, PISCINA_SCRIPT), bytes, script.createCachedData()));
}

/**
 * `etomsim worker --queue URL -w 1 -q` serving `etomsim run MM5 --queue URL -r 2`, both through the
 * script's `main` in this process, as a user runs them; the worker stopped as a user stops it
 * (SIGTERM: its handler finishes the jobs under way, then its main returns) once the run has its
 * results, or has failed: a worker left serving holds its connections open, and this process, and
 * with it the build, whose steps have no time limit, would wait for ever (the read-over of session 59).
 * Likewise the run is given up when the worker ends first: no other worker would take its jobs.
 */
async function queueServed(main, url, mm5, work) {
  let ended = false;
  const serving = main(['worker', '--queue', url, '-w', '1', '-q']).finally(() => (ended = true));
  serving.catch(() => undefined); // awaited below when the run succeeds; until then its failure is not "unhandled"
  // a worker that ends first (it could not connect, or failed) would leave the run waiting for a worker for ever
  const workerEnded = serving.then((status) => {
    throw new Error(`etomsim worker --queue ended (exit status ${status}) before the queued run had its results`);
  });
  workerEnded.catch(() => undefined); // once the run has its results, the worker's end is awaited below, not raced
  try {
    await Promise.race([
      command(main, ['run', mm5, '--queue', url, '-r', '2', '--no-report', '-q', '-o', join(work, 'queued')]),
      workerEnded,
    ]);
  } finally {
    // the worker's handler is in place once it serves (it served the run): a signal before it would end this process;
    // a worker that has ended (it could not connect) needs none
    while (!ended && process.listenerCount('SIGTERM') === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    if (!ended) process.kill(process.pid, 'SIGTERM');
  }
  const status = await serving;
  if (status !== 0) throw new Error(`etomsim worker --queue ${url.replace(/:[^:@/]*@/, ':***@')} exited with ${status}`);
}

/**
 * queueServed, its failure told on standard error (the build prints what a training wrote) rather
 * than failing the build: the queue's training is an extra, on whatever redis-server the machine
 * has (one too old for BullMQ, say), and the cache is then trained as on a machine without one.
 * test/cluster is what checks the queue itself.
 */
async function queueServedOrSaid(main, url, mm5, work) {
  try {
    await queueServed(main, url, mm5, work);
  } catch (err) {
    // standard error's own write: a queued run still under way (the worker ended first) holds command's in its place
    STDERR_WRITE(`tools/code-cache.mjs: trained without the queue: ${String(err?.message ?? err).split('\n')[0]}\n`);
  }
}

/**
 * A redis-server for the training's queue (TRAINING_QUEUE), where the machine has one where
 * test/cluster's suites look for it: on a free loopback port, with a password of its own, no
 * persistence. Its URL once it accepts a connection; null without one, or if it stops first
 * (the port taken meanwhile): the caches are then trained without a queue.
 */
async function startRedis() {
  const server = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
  if (server === undefined) return null;
  const port = await freePort();
  const password = randomBytes(16).toString('hex');
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--requirepass', password];
  const started = spawn(server, args, { stdio: 'ignore' });
  redis = started;
  let stopped = false;
  started.once('exit', () => (stopped = true));
  started.once('error', () => (stopped = true));
  while (!stopped) {
    if (await accepts(port)) return `redis://:${password}@127.0.0.1:${port}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  redis = null;
  return null;
}

/** Whether a connection to the loopback `port` is accepted. */
function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Makes LAYOUT_CACHE: the report of a one-replication run of each bundled scenario, html alone
 * (its process maps, no charts), run by SCRIPT, which lays the maps out with the layout script
 * that bin/load-elk.js loaded (dist/cli/elk.js, the module its first layout imported: the same
 * module this process imports below, so the same compiled script), whose cached data then holds
 * every function the layouts compiled. After a build no layout cache exists yet, so the script
 * was compiled from its text; run again in place (after a move), it may have been compiled from
 * the old cache, whose functions V8 then writes into the new one as well.
 */
async function trainLayout(dir, work) {
  const { exports } = loadCli(dir, false, undefined, SCRIPT);
  const scenarioFiles = readdirSync(scenarios)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  for (const [i, file] of scenarioFiles.entries()) {
    await command(exports.main, [
      'run',
      join(scenarios, file),
      '-r',
      '1',
      '-w',
      '1',
      '-q',
      '--formats',
      'html',
      '-o',
      join(work, `maps-${i}`),
    ]);
  }
  const { layoutScript } = await import(pathToFileURL(join(dir, 'elk.js')).href);
  const scriptFile = join(dir, LAYOUT_SCRIPT);
  forReportScripts();
  const cache = cacheFile(scriptFile, readFileSync(scriptFile), layoutScript.createCachedData());
  placeCache(dir, LAYOUT_CACHE, cache);
}

/**
 * V8 with the flags the report's scripts take their caches under (bin/v8-flags.ts
 * REPORT_SCRIPTS_FLAGS: the report's interrupt budget, which every command raises before it loads
 * them), set before V8 labels their cache with the flags in force.
 */
function forReportScripts() {
  for (const flag of REPORT_SCRIPTS_FLAGS) v8.setFlagsFromString(flag);
}

/**
 * Runs `etomsim ARGS` through the script's `main` in this process, as a user would run it;
 * unless it exits 0, throws an error naming the command line, its exit status and the first line
 * it wrote to stderr (what a failed command says: etomsim never prints a stack trace).
 */
async function command(main, args) {
  const write = process.stderr.write;
  let said = '';
  process.stderr.write = (chunk) => {
    said += chunk;
    return true;
  };
  let status;
  try {
    status = await main(args);
  } finally {
    process.stderr.write = write;
  }
  if (status !== 0)
    throw new Error(`etomsim ${args.join(' ')} exited with ${status}${said.trim() ? `: ${said.trim().split('\n')[0]}` : ''}`);
  process.stderr.write(said);
}

/**
 * Calls `stop`, then ends this process, once the process that started it has gone (killed, or
 * ended without waiting for it): checked twice a second, by a timer that keeps nothing alive.
 * The build's steps have no time limit (above); this is what ends a step whose build was stopped.
 */
function stopWithParent(stop) {
  // the parent as it names itself (PARENT_PID in this process's environment), else as found now:
  // a parent that ended before this process got here is noticed too
  const parent = Number(process.env[PARENT_PID]) || process.ppid;
  const check = () => {
    if (process.ppid === parent) return;
    stop();
    process.exit(1);
  };
  check();
  setInterval(check, 500).unref();
}

/** Whether Sparkplug is on in this process (the default, unless the build's flags turn it off). */
function sparkplugOn() {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return !flags.includes('--no-sparkplug') && !flags.includes('--jitless');
}

/** The cache file `name` in `dir`, written beside and moved into place: a process starting meanwhile reads the whole cache or none. */
function placeCache(dir, name, bytes) {
  writeFileSync(join(dir, `${name}.${process.pid}`), bytes);
  renameSync(join(dir, `${name}.${process.pid}`), join(dir, name));
}

/**
 * The Vega-Lite specs of the charts of a short run of the bundled fiber scenario (baseline and
 * variants: every chart kind a run's report draws), by chart name, as its report.html embeds them
 * for the browser to draw (reports/html.ts' embedScript): the specs its charts/*.vl.json would hold,
 * without the run drawing each chart in a thread first (its --formats svg did, 1.3 CPU s of its 3.1).
 */
async function chartSpecs(dir, work) {
  const out = join(work, 'charts-run');
  const fiber = join(scenarios, 'fiber-order-to-activation.yaml');
  await command(loadCli(dir, false, undefined, SCRIPT).exports.main, ['run', fiber, '-r', '2', '-q', '--formats', 'html', '-o', out]);
  const page = join(out, 'report.html');
  const embedded = /<script>const charts = (.*);\n/.exec(readFileSync(page, 'utf8'));
  if (embedded === null) throw new Error(`tools/code-cache.mjs: no chart specs in ${page} (reports/html.ts' embedScript)`);
  const charts = JSON.parse(embedded[1]);
  return Object.keys(charts)
    .sort()
    .map((name) => charts[name]);
}
