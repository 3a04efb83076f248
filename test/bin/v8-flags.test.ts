// The V8 flags the command line sets as it runs: for the commands that read one small input
// (help, version, validate, catalog) V8's interrupt budget raised after the script is compiled,
// so that the code cache is still taken and a few milliseconds of work do not start TurboFan
// compiles; for a simulating command V8's per-function inlining limit lowered as it starts (never
// later: lowered while V8 compiles in the background it can crash the process) and set back, once,
// before the report's scripts take their caches; for a report the interrupt budget
// raised once the chart threads have taken theirs, set back while the layout's script takes its
// own, and when the report is built (bin/v8-flags.ts). A preload
// records each call of v8.setFlagsFromString (process.getBuiltinModule returns the module it
// patches) and whether V8 took each bundled script's cache, in every thread.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { COMMANDS } from '../../bin/misspelt-command.js';
import { TINY_SCENARIO } from '../support/tiny-scenario.js';
import { hangUpListener } from '../support/hang-up-listener.js';
import { madeOnce } from '../support/made-once.js';
import { mm5 } from '../support/turbofan-compiles.js';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/etomsim.cjs');
const FIBER = join(ROOT, 'scenarios/fiber-order-to-activation.yaml');

const SCRATCH = mkdtempSync(join(tmpdir(), 'etomsim-v8-flags-test-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));
/** What the simulating commands run: the flags and caches are the command's, whatever it simulates (the fiber scenario's reports cost about 10 CPU s more) */
const TINY = join(SCRATCH, 'tiny.yaml');
writeFileSync(TINY, TINY_SCENARIO);

/** The chart thread's first word among the main thread's flags (the probe's ORDER). */
const SAID = 'chart thread said its first word';

/**
 * The preload: in the main thread each flag set (V8-FLAGS) and, in order with them, the moment
 * the chart thread first says anything (ORDER); in every thread, each bundled script compiled and
 * whether V8 took its cache (VM-SCRIPT); in a thread, as its last message goes, the Node modules
 * it loaded after its first (LATER). One preload for both readings, so that a command line two
 * tests read (a run or report that draws its charts: a second or two of CPU) runs once (probedOnce).
 */
const PROBE = join(SCRATCH, 'flags-probe.mjs');
writeFileSync(
  PROBE,
  `import { writeSync } from 'node:fs';
import v8 from 'node:v8';
import vm from 'node:vm';
import wt from 'node:worker_threads';
const set = v8.setFlagsFromString;
const flags = [];
const events = [];
v8.setFlagsFromString = (flag) => { flags.push(flag); events.push(flag); set(flag); };
vm.Script = class extends vm.Script {
  constructor(code, options) {
    super(code, options);
    const name = /[\\/](\\w+)\\.cjs$/.exec(String(options?.filename))?.[1];
    if (name !== undefined) process.stderr.write('VM-SCRIPT ' + name + (wt.isMainThread ? '' : ' (thread)') + ' rejected=' + this.cachedDataRejected + '\\n');
  }
};
if (wt.isMainThread) {
  const Worker = wt.Worker;
  wt.Worker = class extends Worker {
    constructor(file, options) {
      super(file, options);
      if (/svg-worker/.test(String(file))) this.once('message', () => events.push(${JSON.stringify(SAID)}));
    }
  };
  process.on('exit', () => process.stderr.write('V8-FLAGS ' + JSON.stringify(flags) + '\\nORDER ' + JSON.stringify(events) + '\\n'));
} else {
  const port = wt.parentPort;
  const post = port.postMessage;
  let first = -1;
  port.postMessage = function (m) {
    if (first < 0) first = process.moduleLoadList.length;
    // written at once (a thread's process.stderr reaches the process's through the main thread, behind its VM-SCRIPT lines, which may exit first)
    if (m?.done) writeSync(2, 'LATER ' + JSON.stringify(process.moduleLoadList.slice(first).filter((n) => n.startsWith('NativeModule '))) + '\\n');
    return post.call(this, m);
  };
}
`,
);

/**
 * The CLI run with the probe: its exit status, the flags its main thread set, and whether V8 took
 * the cache of the script of its command line (`cache`) and of each script loaded after it (`later`,
 * sorted: threads write in either order).
 */
function flagsOf(args: string[], nodeArgs: string[] = []) {
  return flagsIn(probed(args, nodeArgs));
}
const flagsIn = ({ status, flags, cache, later }: ReturnType<typeof probed>) => ({ status, flags, cache, later });

/** The CLI run with the probe: flagsOf's readings, and the main thread's flags with the chart thread's first word among them (`order`) and each thread's LATER (`threadLoads`). */
function probed(args: string[], nodeArgs: string[] = []) {
  const { NODE_OPTIONS: _, ...env } = process.env; // V8 rejects the cache under V8 flags other than the build's
  const r = spawnSync(process.execPath, [...nodeArgs, '--import', pathToFileURL(PROBE).href, BIN, ...args], { encoding: 'utf8', env });
  const tagged = (tag: string) => r.stderr.split('\n').flatMap((l) => (l.startsWith(tag) ? [l.slice(tag.length)] : []));
  const [cache, ...later] = tagged('VM-SCRIPT ');
  const flags = tagged('V8-FLAGS ')[0];
  return {
    status: r.status,
    flags: flags === undefined ? null : (JSON.parse(flags) as string[]),
    cache: cache?.replace(/^\w+ /, ''),
    later: later.sort(),
    order: tagged('ORDER ').map((l) => JSON.parse(l) as string[])[0],
    threadLoads: tagged('LATER ').map((l) => JSON.parse(l) as string[]),
  };
}

/** probed(args), run once for the command lines two tests read. */
const probedRuns = madeOnce<ReturnType<typeof probed>>();
function probedOnce(args: string[]): ReturnType<typeof probed> {
  return probedRuns(JSON.stringify(args), () => probed(args));
}

/** The command lines that draw charts which both the flags' and the chart thread's tests read: on one thread, on a pool's two, and `report` of the first's results.json, small and padded past 1 MiB. */
const CHARTED = {
  run: ['run', TINY, '-r', '1', '-w', '1', '-q', '--formats', 'svg', '-o', join(SCRATCH, 'report')],
  pool: ['run', TINY, '-r', '2', '-w', '2', '-q', '--formats', 'svg', '-o', join(SCRATCH, 'two')],
  report: (file: string) => ['report', file, '-q', '--formats', 'svg', '-o', join(SCRATCH, 'again')],
};
/** CHARTED.run's results.json, and a copy of it padded past 1 MiB (written once). */
function chartedResults(): { small: string; large: string } {
  expect(probedOnce(CHARTED.run).status).toBe(0);
  const small = join(SCRATCH, 'report', 'results.json');
  const large = join(SCRATCH, 'large.json');
  if (!existsSync(large)) writeFileSync(large, readFileSync(small, 'utf8') + ' '.repeat(1024 * 1024));
  return { small, large };
}

const LATER = `--interrupt-budget=${4 * 66 * 1024}`; // four times Node 20's default
const NO_SPARKPLUG = '--no-sparkplug'; // for a small input, after LATER (bin/v8-flags.ts optimiseLater)
const REPORT_LATER = `--interrupt-budget=${32 * 66 * 1024}`; // a report's: 32 times
const LOWER = '--max-inlined-bytecode-size=230'; // half Node 20's default
const AS_BUILT = '--max-inlined-bytecode-size=460';
const BUDGET_AS_BUILT = `--interrupt-budget=${66 * 1024}`;
/**
 * The flags `before`, then the report's: the interrupt budget raised before the report's scripts
 * load (they take their caches under it: bin/v8-flags.ts REPORT_SCRIPTS_FLAGS), and set back once it is built.
 */
const withReportTurns = (before: string[]) => [...before, REPORT_LATER, BUDGET_AS_BUILT];

test("bin/etomsim.cjs' lists of the commands that simulate and those that do not are, together, the CLI's commands", () => {
  const entry = readFileSync(BIN, 'utf8');
  const list = (name: string) =>
    JSON.parse(new RegExp(`const ${name} = (\\[[^\\]]*\\]);`).exec(entry)![1].replaceAll("'", '"')) as string[];
  expect([...list('SIMULATING'), ...list('SIMULATING_NOTHING')].sort()).toEqual([...COMMANDS].sort());
});

describe.runIf(process.versions.node.startsWith('20.'))('V8 flags by command (measured on Node 20)', () => {
  test('help, version, validate and catalog optimise later, with the code cache taken', () => {
    // help and version typed otherwise than the build stored them (bin/stored-help.js): yargs prints them
    for (const args of [
      ['--help', 'run'],
      ['run', '--help', '-q'],
      ['-q', '--version'],
      ['validate', FIBER],
      ['catalog', 'order'],
    ]) {
      expect({ args, ...flagsOf(args) }).toEqual({ args, status: 0, flags: [LATER, NO_SPARKPLUG], cache: 'rejected=false', later: [] });
    }
    // a scenario over 16 KiB keeps Sparkplug, whose code pays there (bin/v8-flags.ts SPARKPLUG_PAYS_FROM), in either script
    const padded = join(SCRATCH, 'padded.yaml');
    const text = readFileSync(FIBER, 'utf8');
    writeFileSync(padded, `${text}\n${'# a comment line of 64 bytes, padding the scenario past 16 KiB..\n'.repeat(129)}`);
    expect(readFileSync(padded).length).toBeGreaterThan(16 * 1024);
    expect(readFileSync(FIBER).length).toBeLessThan(16 * 1024);
    for (const args of [
      ['validate', padded],
      ['validate', FIBER, padded],
    ])
      expect({ args, ...flagsOf(args) }).toEqual({ args, status: 0, flags: [LATER], cache: 'rejected=false', later: [] });
    // a word that names no file counts nothing: the command says what is wrong
    expect(flagsOf(['validate', join(SCRATCH, 'missing.yaml')])).toMatchObject({ status: 2, flags: [LATER, NO_SPARKPLUG] });
    // as stored: neither the script nor a flag
    for (const args of [['--help'], ['run', '--help'], ['--version']])
      expect({ args, ...flagsOf(args) }).toEqual({ args, status: 0, flags: [], cache: undefined, later: [] });
  });

  test('a simulating command lowers the inlining limit as it starts, then sets it back once, with every cache taken', () => {
    const out = join(SCRATCH, 'out');
    // the default command (run) too, typed without its name
    expect(flagsOf([TINY, '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, 'default')])).toMatchObject({
      status: 0,
      flags: [LOWER, AS_BUILT],
    });
    expect(flagsOf(['run', TINY, '-r', '1', '-w', '1', '--no-report', '-q', '-o', out])).toEqual({
      status: 0,
      flags: [LOWER, AS_BUILT],
      cache: 'rejected=false',
      later: [],
    });
    // the report's scripts load after the simulation: the layout's in this thread, the charts' in
    // a thread of their own; each takes its cache only if the inlining limit is set back first and
    // the interrupt budget raised to the report's, under which the build made their caches
    expect(flagsIn(probedOnce(CHARTED.run))).toEqual({
      status: 0,
      flags: withReportTurns([LOWER, AS_BUILT]),
      cache: 'rejected=false',
      later: ['charts (thread) rejected=false', 'layout rejected=false'],
    });
    // on two workers too: where they take every core the compiles stay on their own threads
    // (a flag V8 leaves out of a cache's check, never set back), and the caches are taken all the same,
    // each pool thread's worker script's too (bin/load-cli.cjs WORKER_SCRIPT), and piscina's as the pool starts (PISCINA_SCRIPT)
    const ownThreads = availableParallelism() <= 2 ? ['--no-concurrent-recompilation'] : [];
    const poolWorkers = ['worker (thread) rejected=false', 'worker (thread) rejected=false'];
    const piscina = 'piscina rejected=false';
    expect(flagsIn(probedOnce(CHARTED.pool))).toEqual({
      status: 0,
      flags: withReportTurns([LOWER, ...ownThreads, AS_BUILT]),
      cache: 'rejected=false',
      later: ['charts (thread) rejected=false', 'layout rejected=false', piscina, ...poolWorkers],
    });
    // a report alone likewise, whether it starts its chart thread before it reads the file (one of 1 MiB or more) or after
    const { small, large } = chartedResults();
    expect(flagsIn(probedOnce(CHARTED.report(small)))).toEqual({
      status: 0,
      flags: withReportTurns([]),
      cache: 'rejected=false',
      later: ['charts (thread) rejected=false', 'layout rejected=false'],
    });
    expect(flagsIn(probedOnce(CHARTED.report(large)))).toEqual({
      status: 0,
      flags: withReportTurns([]),
      cache: 'rejected=false',
      later: ['charts (thread) rejected=false', 'layout rejected=false'],
    });
    // the event logs' replay simulates in this thread, after the report, under the limit as built: not lowered again
    const logs = join(SCRATCH, 'logs');
    // (one replication: a pool of one thread)
    expect(flagsOf(['run', TINY, '-r', '1', '-w', '2', '-q', '--formats', 'svg', '--event-log', 'csv', '-o', logs])).toEqual({
      status: 0,
      flags: withReportTurns([LOWER, ...ownThreads, AS_BUILT]),
      cache: 'rejected=false',
      later: ['charts (thread) rejected=false', 'layout rejected=false', piscina, poolWorkers[0]],
    });
    // export-bpmn lays its flows out with the layout's script, under the report's budget too
    expect(flagsOf(['export-bpmn', TINY, '-q', '-o', join(SCRATCH, 'tiny.bpmn')])).toEqual({
      status: 0,
      flags: [REPORT_LATER, BUDGET_AS_BUILT],
      cache: 'rejected=false',
      later: ['layout rejected=false'],
    });
    // and size, for its chart, drawn in this thread once it has simulated
    expect(
      flagsOf(['size', TINY, '--target', 'resources.desk.wait <= 1h', '-r', '3', '-w', '1', '-q', '-o', join(SCRATCH, 'size')]),
    ).toEqual({
      status: 0,
      flags: [LOWER, AS_BUILT, REPORT_LATER, BUDGET_AS_BUILT],
      cache: 'rejected=false',
      later: ['charts rejected=false'],
    });
    // and fidelity's replications, in this thread too
    expect(flagsOf(['fidelity', TINY, join(logs, 'events', 'baseline.csv'), '-r', '1', '-q', '-o', join(SCRATCH, 'fidelity')])).toEqual({
      status: 0,
      flags: [LOWER, AS_BUILT],
      cache: 'rejected=false',
      later: [],
    });
    // a queue's worker lowers it not at all: its threads simulate, as a local pool's, under the limit as built, taking
    // Node's caches and their worker's, and its own thread, lowered as it started, compiled from their source the modules
    // Node loaded before it set the limit back (session 60; here a queue it cannot reach: exit 2)
    expect(flagsOf(['worker', '--queue', 'redis://127.0.0.1:1', '-q'])).toMatchObject({ status: 2, flags: [] });
    // lowered as the command line starts, before its file is read
    expect(flagsOf(['bottlenecks', join(SCRATCH, 'missing.yaml')])).toMatchObject({ status: 2, flags: [LOWER] });
    // after `--`, `--help` is a scenario file's name (here a missing one: exit 2), not a request for help
    expect(flagsOf(['run', '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, 'after-dashes'), '--', '--help'])).toMatchObject({
      status: 2,
      flags: [LOWER],
    });
  });

  test("the queue's script takes its cache in a run's --queue as in a worker: the inlining limit is set back before it loads", async () => {
    // a queued run's replications run on the workers, not in its own thread (bin/runner.ts); under the lowered limit V8
    // rejected queue.cache, made under the limit as built. The script loads past the TCP check, then exit 2
    const listener = await hangUpListener();
    try {
      const queue = `redis://127.0.0.1:${listener.port}`;
      const taken = { status: 2, flags: [LOWER, AS_BUILT], cache: 'rejected=false', later: ['queue rejected=false'] };
      expect(flagsOf(['run', TINY, '-q', '--queue', queue, '-o', join(SCRATCH, 'queued')])).toEqual(taken);
      expect(flagsOf(['worker', '--queue', queue, '-q'])).toEqual({ ...taken, flags: [] });
    } finally {
      listener.close();
    }
  });

  test("the command line's own thread runs its loop's first slice under a quarter of the interrupt budget and warms the horizon's statistics up under an eighth, each set back at once; a pool's threads and a budget the user gave do not", () => {
    // bin/v8-flags.ts underLoweredBudget, at the pause where runReplicationInSlices warms the horizon up (a replication
    // large enough for its stores to be written ahead: mm5(50,000 hours), some 225,000 completions); the scratch calls
    // on an eighth of the values are found hot under it (test/sim/summary-warm-up.test.ts). Fails on a build without it
    // (no EIGHTH) and on one that leaves the budget lowered (BUDGET_AS_BUILT missing or after AS_BUILT).
    const large = join(SCRATCH, 'large-mm5.yaml');
    writeFileSync(large, mm5(50_000));
    const run = (args: string[], nodeArgs: string[] = []) =>
      flagsOf(['run', large, '--no-report', '-q', '-o', join(SCRATCH, 'large-mm5'), ...args], nodeArgs);
    const EIGHTH = `--interrupt-budget=${(66 * 1024) / 8}`;
    // and, first, its loop's first slice under a quarter (bin/v8-flags.ts lowerLoopStartBudget), set back at the first pause
    const QUARTER = `--interrupt-budget=${(66 * 1024) / 4}`;
    const warmed = [LOWER, QUARTER, BUDGET_AS_BUILT, EIGHTH, BUDGET_AS_BUILT, AS_BUILT];
    expect(run(['-r', '1', '-w', '1'])).toMatchObject({ status: 0, flags: warmed });
    // once a thread: the second replication finds the loops compiled
    expect(run(['-r', '2', '-w', '1'])).toMatchObject({ status: 0, flags: warmed });
    const ownThreads = availableParallelism() <= 2 ? ['--no-concurrent-recompilation'] : [];
    expect(run(['-r', '2', '-w', '2'])).toMatchObject({ status: 0, flags: [LOWER, ...ownThreads, AS_BUILT] });
    expect(run(['-r', '1', '-w', '1'], ['--interrupt-budget=100000'])).toMatchObject({ status: 0, flags: [LOWER, AS_BUILT] });
    // a replication too short for the stock warms up as it starts, at V8's own budget
    writeFileSync(large, mm5(25_000));
    expect(run(['-r', '1', '-w', '1'])).toMatchObject({ status: 0, flags: [LOWER, AS_BUILT] });
  });

  test('a value the user gave node is left as given (either spelling)', () => {
    for (const given of ['--max-inlined-bytecode-size=300', '--max_inlined_bytecode_size=300']) {
      const r = flagsOf(['run', TINY, '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, 'given')], [given]);
      expect({ given, status: r.status, flags: r.flags }).toEqual({ given, status: 0, flags: [] });
    }
    // and the interrupt budget and Sparkplug likewise, for a command that would raise it and turn it off
    expect(flagsOf(['validate', FIBER], ['--interrupt-budget=100000'])).toMatchObject({ status: 0, flags: [NO_SPARKPLUG] });
    for (const given of ['--sparkplug', '--no-sparkplug'])
      expect({ given, ...flagsOf(['validate', FIBER], [given]) }).toMatchObject({ given, status: 0, flags: [LATER] });
    const out = join(SCRATCH, 'budget-given');
    expect(flagsOf(['run', TINY, '-r', '1', '-w', '1', '-q', '--formats', 'csv', '-o', out])).toMatchObject({ status: 0 });
    expect(flagsOf(['report', join(out, 'results.json'), '-q', '--formats', 'svg'], ['--interrupt_budget=100000'])).toMatchObject({
      status: 0,
      flags: [],
    });
  });

  test("no module of Node's own loads while the inlining limit is lowered: it would be compiled from its source", () => {
    // Node's modules come from code caches made under its build's flags, which V8 rejects under the lowered limit as it
    // does ours (bin/v8-flags.ts, LOADED_WHILE_SIMULATING): the modules loaded between the two calls, main thread
    const probe = join(SCRATCH, 'builtins-probe.cjs');
    writeFileSync(
      probe,
      `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
let from = -1;
const loaded = [];
const since = () => process.moduleLoadList.slice(from).filter((m) => m.startsWith('NativeModule '));
v8.setFlagsFromString = (flag) => {
  set(flag);
  if (flag === ${JSON.stringify(LOWER)}) from = process.moduleLoadList.length;
  else if (flag === ${JSON.stringify(AS_BUILT)} && from >= 0) loaded.push(...since()), (from = -1);
};
process.on('exit', () => process.stderr.write('UNDER-LOWERED ' + JSON.stringify(from >= 0 ? [...loaded, ...since()] : loaded) + '\\n'));
`,
    );
    const { NODE_OPTIONS: _, ...env } = process.env;
    const r = spawnSync(
      process.execPath,
      ['--require', probe, BIN, 'run', TINY, '-r', '1', '-w', '1', '--no-report', '-q', '-o', join(SCRATCH, 'builtins')],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(r.status).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.startsWith('UNDER-LOWERED '));
    expect(JSON.parse(line!.slice('UNDER-LOWERED '.length))).toEqual([]);
    // a command line through yargs (dist/cli/main.cjs: `--formats` is not a plain run's): yargs' node:assert and
    // node:module and the resolver of package exports its package.json's resolve loads (bin/main.ts lowerInliningLimit)
    const viaYargs = spawnSync(
      process.execPath,
      ['--require', probe, BIN, 'run', TINY, '-r', '1', '-w', '1', '-q', '--formats', 'csv', '-o', join(SCRATCH, 'builtins-yargs')],
      { encoding: 'utf8', env },
    );
    expect(viaYargs.status).toBe(0);
    const yargsLine = viaYargs.stderr.split('\n').find((l) => l.startsWith('UNDER-LOWERED '));
    expect(JSON.parse(yargsLine!.slice('UNDER-LOWERED '.length))).toEqual([]);
  });

  test("a pool's threads and piscina take Node's caches of its modules: the inlining limit is set back before they load, and no ES-module loader in the main thread", () => {
    // Node's caches of its modules are made under its build's flags, which V8 rejects under the lowered limit: a pool
    // thread started under it compiled 48-67 of its modules from source, the main thread 35 (piscina's and the
    // ES-module loader's, which its import() set up). A CommonJS preload (an ES one would set up the loader itself)
    // writes, in each thread, the modules Node compiled from source: a pool thread's as it posts each message (its
    // first once it has loaded the worker; it is terminated, not exited), the main thread's and the ES-module
    // loader's modules at exit.
    const probe = join(SCRATCH, 'pool-caches-probe.cjs');
    writeFileSync(
      probe,
      `const { internalBinding } = require('internal/test/binding');
const { writeSync } = require('node:fs');
const wt = require('node:worker_threads');
const fromSource = () => [...internalBinding('builtins').getCacheUsage().compiledWithoutCache];
if (wt.isMainThread)
  process.on('exit', () => {
    const esm = process.moduleLoadList.filter((m) => m.startsWith('NativeModule internal/modules/esm/loader'));
    writeSync(2, 'MAIN ' + JSON.stringify({ fromSource: fromSource(), esm }) + '\\n');
  });
else {
  const post = wt.MessagePort.prototype.postMessage;
  wt.MessagePort.prototype.postMessage = function (...args) {
    writeSync(2, 'THREAD ' + JSON.stringify(fromSource()) + '\\n');
    return post.apply(this, args);
  };
}
`,
    );
    const { NODE_OPTIONS: _, ...env } = process.env;
    const run = ['run', TINY, '-r', '2', '-w', '2', '--no-report', '-q', '-o', join(SCRATCH, 'pool-caches')];
    const r = spawnSync(process.execPath, ['--expose-internals', '--require', probe, BIN, ...run], { encoding: 'utf8', env });
    expect(r.status).toBe(0);
    const tagged = (tag: string) => r.stderr.split('\n').flatMap((l) => (l.startsWith(tag) ? [JSON.parse(l.slice(tag.length))] : []));
    // the two threads' messages (each its ready message, then a replication's), and the main thread
    const threads = tagged('THREAD ');
    expect(threads.length).toBeGreaterThanOrEqual(3);
    expect({ threads, main: tagged('MAIN ') }).toEqual({ threads: threads.map(() => []), main: [{ fromSource: [], esm: [] }] });
  });

  test("a report's chart thread loads Node's own modules before the report's interrupt budget is raised, and its renderer after; after a pool's threads too", () => {
    // Node's modules come from code caches made under its build's flags, which V8 rejects under the raised budget
    // (about 168 M instructions for a thread started under it, session 52); the renderer's script from one made
    // under the raised budget (REPORT_SCRIPTS_FLAGS). The main thread's flag changes, with the moment the chart
    // thread first says anything; the Node modules the thread loads after it first says anything.
    // (the probe's ORDER and LATER, read from the runs the test above reads: CHARTED)
    const orderOf = (args: string[]) => {
      const { status, order, threadLoads } = probedOnce(args);
      return { status, order, later: threadLoads };
    };
    const said = SAID;
    expect(orderOf(CHARTED.run)).toEqual({
      status: 0,
      order: [LOWER, AS_BUILT, said, REPORT_LATER, BUDGET_AS_BUILT],
      later: [[]],
    });
    // after a pool's threads likewise: the inlining limit was set back before they started (bin/v8-flags.ts
    // threadsStarting), so they took Node's caches as built, and so does the chart thread
    const ownThreads = availableParallelism() <= 2 ? ['--no-concurrent-recompilation'] : [];
    expect(orderOf(CHARTED.pool)).toEqual({
      status: 0,
      order: [LOWER, ...ownThreads, AS_BUILT, said, REPORT_LATER, BUDGET_AS_BUILT],
      later: [[]],
    });
    // `report` of a small file starts the thread once it has read it, of a large one before
    const { small, large } = chartedResults();
    for (const file of [small, large])
      expect(orderOf(CHARTED.report(file))).toEqual({
        status: 0,
        order: [said, REPORT_LATER, BUDGET_AS_BUILT],
        later: [[]],
      });
  });

  test('each flag set back to the value bin/v8-flags.ts gives it makes a cache taken again', () => {
    // the premise of setting back: V8 checks a cache against the flags' values, not against whether they were ever set
    const probe = (flags: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import v8 from 'node:v8';
import { loadCli } from ${JSON.stringify(pathToFileURL(join(ROOT, 'bin/load-cli.cjs')).href)};
for (const f of ${JSON.stringify(flags)}) v8.setFlagsFromString(f);
process.stdout.write(loadCli(${JSON.stringify(join(ROOT, 'dist/cli'))}, true, 'validate.cache', 'validate.cjs').cache);`,
        ],
        { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
      ).stdout;
    expect(probe([])).toBe('accepted');
    expect(probe([LATER])).toBe('rejected');
    expect(probe([LATER, `--interrupt-budget=${66 * 1024}`])).toBe('accepted');
    expect(probe([REPORT_LATER])).toBe('rejected');
    expect(probe([REPORT_LATER, `--interrupt-budget=${66 * 1024}`])).toBe('accepted');
    expect(probe([LOWER])).toBe('rejected');
    expect(probe([LOWER, AS_BUILT])).toBe('accepted');
    expect(probe([NO_SPARKPLUG])).toBe('rejected');
    expect(probe([LATER, NO_SPARKPLUG, `--interrupt-budget=${66 * 1024}`, '--sparkplug'])).toBe('accepted');
  });
});
