// The V8 flags the command line sets as it runs, after its script took its code cache, and sets
// back before another script takes one. V8 hashes every flag's value into a code cache's check
// and rejects a cache made under other values (bin/load-cli.cjs), so a flag changed at run time
// must have, when a script loads, the values its cache was made under: the start-up values for
// the command scripts, the report's raised interrupt budget (REPORT_SCRIPTS_FLAGS) for the
// report's chart and layout scripts; and a flag is the process's, so worker threads compile
// under it too. Each flag here was measured on Node 20 only (later ones bring another tier,
// Maglev), and is left alone where the user gave it to Node on its command line. Every script of
// the bundle exports optimiseLater and restoreV8ForCodeCaches (bin/main.ts,
// bin/validate-script.ts, bin/run-script.ts): bin/etomsim.cjs calls them for the commands that
// read one small input, once it has loaded the script, so that these values and rules are
// written here alone and the entry loads nothing more for them.

import { BUDGET_DIVISOR } from '../engine/stats/warm-up-scale.js';

const MEASURED_NODE = process.versions.node.split('.')[0] === '20';

/**
 * V8's limit on the bytecode of one function it inlines: 460 bytes as Node 20 starts (`node
 * --v8-options`), halved while a command simulates. TurboFan then inlines less into each of the
 * loop's functions, so each compiles sooner and the cold loop leaves the slow tiers earlier; the
 * steady loop is no slower (session 22: the benchmark's M/M/5 1M run, 21 interleaved rounds at
 * load 2-3, CPU -27.6 ms, lower in 16; the bundled fiber scenario -29 to -34 ms CPU; callgrind
 * of 600,000 customers with the compiles on the main thread: the same count within 0.1%;
 * node:v8's load, 2-3 ms for a run in this thread, included).
 */
const INLINED_BYTECODE = { simulating: 230, asBuilt: 460 } as const;
let inliningLowered = false;
/** Set once the limit went back up: this copy of the module does not lower it again (lowerInliningLimit). */
let inliningRestored = false;

/**
 * Node's own modules that a simulating command loads after the limit is lowered (bin/runner.ts'
 * availableParallelism), loaded before it. Node compiles its modules from code caches made under
 * the flags it was built with, and V8 rejects those under any other value (as it does ours):
 * node:os loaded under the lowered limit was compiled from its source and its cache made again
 * (BuiltinLoader::SaveCodeCache), about 6.5 M instructions against 0.2 M (callgrind, a bare
 * `node` script loading it after the flag and before it; session 52). No other of Node's modules
 * loads while it is lowered in `run FILE -w 1` (test/bin/v8-flags.test.ts).
 */
const LOADED_WHILE_SIMULATING = ['node:os'] as const;

/**
 * Sets the inlining limit back as a local pool's threads are about to start (bin/runner.ts), before
 * piscina loads: a pool's threads simulate, not this one. Node compiles each of its own modules from
 * a code cache made under the flags it was built with, which V8 rejects under the lowered limit (as
 * it does ours), so every thread started under it compiled its modules from source, and the main
 * thread piscina's, and Node put caches made under the lowered limit in their place
 * (node_builtins.cc, SaveCodeCache), which a thread started once the limit was set back (the
 * report's chart thread) rejected in turn (session 55 had it start before). Session 56, `run` of
 * bench/scenarios/mm5-variant.yaml at 100 h with `-w 2 --no-report` (docs/performance-notes.md):
 * each pool thread compiled 48-67 of its 129 modules from source and the main thread 35, none once
 * the limit is set back first. The threads' simulation then compiles under the limit as built.
 */
export function threadsStarting(): void {
  if (inliningLowered) setInliningLimitBack(process.getBuiltinModule('node:v8'));
}

/** The inlining limit as built again, for the rest of the process (lowerInliningLimit does not lower it again). */
function setInliningLimitBack(v8: typeof import('node:v8')): void {
  v8.setFlagsFromString(`--max-inlined-bytecode-size=${INLINED_BYTECODE.asBuilt}`);
  inliningLowered = false;
  inliningRestored = true;
}

/**
 * Lowers V8's per-function inlining limit for the simulation (INLINED_BYTECODE), once, and only as
 * the process starts (at most once per copy of this module: each bundled script has its own, and
 * only the first script's is called before work runs): bin/etomsim.cjs calls it for a command line that simulates, right
 * after its script took its code cache and before any of it ran (not `etomsim worker`'s, whose own
 * thread simulates nothing: session 60); the benchmark's probes as they start. Lowered while TurboFan compiles on a background thread, the
 * limit can crash the process: the inliner picks a candidate under the old limit and V8 checks
 * it again under the new one (js-inlining.cc, CHECK_EQ(inlineability, kHasOptimizationDisabled),
 * "Fatal error ... Check failed" on stderr, seen once in `fidelity`, which lowered it after
 * reading and discovering its log). Raising it back (restoreV8ForCodeCaches) cannot fail so: a
 * candidate under the lower limit is one under the higher too. `loadFirst` loads, before the
 * limit is lowered, Node's modules that the calling script would load while it is, beyond
 * LOADED_WHILE_SIMULATING (bin/main.ts': yargs').
 */
export function lowerInliningLimit(loadFirst?: () => void): void {
  if (inliningLowered || inliningRestored || !MEASURED_NODE || userSetV8Flag('max-inlined-bytecode-size')) return;
  for (const name of LOADED_WHILE_SIMULATING) process.getBuiltinModule(name);
  loadFirst?.();
  process.getBuiltinModule('node:v8').setFlagsFromString(`--max-inlined-bytecode-size=${INLINED_BYTECODE.simulating}`);
  inliningLowered = true;
}

/**
 * V8's interrupt budget (the bytecode a function runs before V8 considers optimising it): 66 KiB
 * as Node 20 starts (`node --v8-options`: 67,584), raised for work a process does once:
 * - a report, 32 times, from before it reads its input or loads its scripts to its end: `report`
 *   as it starts, `run` and `merge` once they have simulated, `size` for its chart, `export-bpmn`
 *   for its layout (optimiseReportLater); the report's chart and layout scripts take their code
 *   caches under it (tools/code-cache.mjs makes them under REPORT_SCRIPTS_FLAGS). Where the report
 *   starts chart threads, only once they have loaded Node's own modules (reports/svg-thread.ts
 *   startChartDrawing's beforeRenderer; `report` of a file under 1 MiB then reads it first under
 *   the default): Node's caches of its modules are made under its start-up flags, and a thread
 *   started under the raised budget compiled them from source (session 53). Session 42: from
 *   the chart threads' load, not from the layout's after every spec is built, a 50-variant report
 *   ran 314-391 TurboFan compiles instead of 441-467; session 45: from the start of `report`, not
 *   from the chart threads' load, the main thread's reading and checking of results.json under it
 *   too: the 50-variant report's CPU, all threads, 4.76 -> 4.55 s, V8's background threads 1.06 ->
 *   0.88 s (medians of 6 interleaved pairs, each lower; docs/performance-notes.md). A report draws each chart once: TurboFan compiling vega's
 *   functions on V8's background threads, which share the cores with the report's two threads,
 *   cost more than it saved (session 22: four times the default, `etomsim report` of the bundled
 *   fiber scenario's results, 11 interleaved rounds at load 9, wall 2.07 -> 1.90 s, CPU 3.26 ->
 *   2.69 s; eight and sixteen times gave no more there). Session 45, the report of 50 variants
 *   (bench/many-variants.ts), each thread's CPU at load 20-24: 32 times against four, V8's
 *   background threads 1.60 -> 0.96 s (medians of 6 and 5), the report's two threads unchanged,
 *   the fiber report's CPU unchanged; 64 times no lower;
 * - the commands that only print help or a version, check one scenario file or search the eTOM
 *   catalogue, four times (bin/etomsim.cjs calls optimiseLater once their script is compiled): work
 *   of a few milliseconds, for which TurboFan would compile longer than it saves. With the
 *   default, `validate` of a 9 KB scenario had TurboFan compile yaml's lexer and parser in the
 *   background (parseDocument, parsePlainScalar, lex, parseNext: 17% of the process's
 *   instructions, more than the parse itself) and `--help` wrap-ansi's per-character loop.
 * A large input's hot functions are still optimised, a little later. The flag is read as each
 * function's budget is next reset.
 */
const INTERRUPT_BUDGET = { smallInput: 4 * 66 * 1024, report: 32 * 66 * 1024, asBuilt: 66 * 1024 } as const;
let budgetRaised = false;

/**
 * The V8 flags the report's scripts (dist/cli/charts.cjs and layout.cjs) take their code caches
 * under, which tools/code-cache.mjs sets before it makes theirs: the report's interrupt budget,
 * where optimiseReportLater raises it (Node 20); else none, the start-up values.
 */
export const REPORT_SCRIPTS_FLAGS: readonly string[] = MEASURED_NODE ? [`--interrupt-budget=${INTERRUPT_BUDGET.report}`] : [];

/**
 * Runs `work` under V8's interrupt budget divided by BUDGET_DIVISOR (engine/stats/warm-up-scale.ts) and sets it back
 * to Node 20's after it, returning true; false, running nothing, where the budget is not Node 20's as built (raised
 * for a report or a small input, set by the user, or another Node). The command line's own thread warms the
 * horizon's statistics up under it at a pause of its first large replication (engine/sim/thread-warm-ups.ts,
 * UnderLoweredBudget), on an eighth of the scratch values: V8 finds their loops hot after as many calls, each an
 * eighth of the work. Session 56, `run` of the benchmark's M/M/5 `-r 1 -w 1` (callgrind, the main thread; see
 * docs/performance-notes.md). Only a pool-less runner's: a worker thread's JavaScript would compile under it too.
 * No script loads meanwhile, so no code cache is taken under it.
 */
export function underLoweredBudget(work: () => void): boolean {
  const restore = lowerBudget(BUDGET_DIVISOR);
  if (restore === null) return false;
  try {
    work();
  } finally {
    restore();
  }
  return true;
}

/**
 * V8's interrupt budget divided by LOOP_START_DIVISOR for the first slice of the thread's first replication, from its
 * first event to its first pause, when it is large (engine/sim/replicate.ts, SliceOptions.loopStartLowered): the loop's functions run
 * as Sparkplug's baseline code until TurboFan's is in place, each property access an inline cache's call, and under
 * a quarter of the budget V8 finds them hot sooner. Session 62, `run` of the benchmark's M/M/5 `-r 1 -w 1`
 * (callgrind, the main thread; docs/performance-notes.md): 2,446 -> 2,394 M instructions; an eighth ran more
 * compiles and saved less. What sets it back, or null where underLoweredBudget would not lower it either.
 */
export function lowerLoopStartBudget(): (() => void) | null {
  return lowerBudget(LOOP_START_DIVISOR);
}

const LOOP_START_DIVISOR = 4;

/** The budget divided by `divisor`, and what sets it back to Node 20's as built; null, nothing lowered, where it is not that (underLoweredBudget). */
function lowerBudget(divisor: number): (() => void) | null {
  if (budgetRaised || budgetLowered || !MEASURED_NODE || userSetV8Flag('interrupt-budget')) return null;
  const v8 = process.getBuiltinModule('node:v8');
  v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET.asBuilt / divisor}`);
  budgetLowered = true;
  return () => {
    if (!budgetLowered) return; // set back already (restoreV8ForCodeCaches)
    v8.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET.asBuilt}`);
    budgetLowered = false;
  };
}

/** Whether the budget is lowered now (lowerBudget), until what it returned or restoreV8ForCodeCaches sets it back. */
let budgetLowered = false;

/**
 * V8's baseline compiler (Sparkplug, on as Node 20 starts) turned off for a command that reads one
 * small input (optimiseLater): it compiles in batches, on the main thread, each function that has
 * run about a kilobyte of bytecode, and work that runs each function a few times pays for the
 * compiling and gains little from the code. Session 55 (docs/performance-notes.md), `validate`
 * of the bundled fiber scenario (8.9 KB): Sparkplug's batches took 8.4 M instructions, and the
 * process 166.3 M without it against 170.2 M (net of V8's primality test, callgrind, 3 runs each),
 * process CPU lower in 19 of 21 interleaved rounds. From a few tens of KB of scenario the code
 * pays: 65 KB (480 variants) took 466 ms of CPU without it against 437 ms, so input files larger
 * than SPARKPLUG_PAYS_FROM keep it.
 */
let sparkplugOff = false;
const SPARKPLUG_PAYS_FROM = 16 * 1024;

/**
 * Raises V8's interrupt budget for the rest of a command that reads one small input (INTERRUPT_BUDGET)
 * and, unless its input files take more than SPARKPLUG_PAYS_FROM bytes (`inputBytes`, bin/etomsim.cjs),
 * turns Sparkplug off (sparkplugOff); restoreV8ForCodeCaches sets both back.
 */
export function optimiseLater(inputBytes = 0): void {
  raiseInterruptBudget(INTERRUPT_BUDGET.smallInput);
  if (inputBytes > SPARKPLUG_PAYS_FROM || sparkplugOff || !MEASURED_NODE || userSetV8Flag('sparkplug') || userSetV8Flag('no-sparkplug'))
    return;
  process.getBuiltinModule('node:v8').setFlagsFromString('--no-sparkplug');
  sparkplugOff = true;
}

/**
 * Raises V8's interrupt budget for a report (INTERRUPT_BUDGET), before the report's scripts load:
 * they take their code caches under it (REPORT_SCRIPTS_FLAGS); restoreV8ForCodeCaches sets it back
 * once the report is built, before any other script loads.
 */
export function optimiseReportLater(): void {
  raiseInterruptBudget(INTERRUPT_BUDGET.report);
}

function raiseInterruptBudget(budget: number): void {
  if (budgetRaised || !MEASURED_NODE || userSetV8Flag('interrupt-budget')) return;
  process.getBuiltinModule('node:v8').setFlagsFromString(`--interrupt-budget=${budget}`);
  budgetRaised = true;
}

/**
 * V8 with the flag values the build made the command scripts' code caches under: a command calls
 * it once it has simulated, and once its report is built; closing runnerFor's local runner calls
 * it too, unless the command sets them back itself (`run`).
 */
export function restoreV8ForCodeCaches(): void {
  const v8 = inliningLowered || budgetRaised || budgetLowered || sparkplugOff ? process.getBuiltinModule('node:v8') : null;
  if (inliningLowered) setInliningLimitBack(v8!);
  if (budgetRaised || budgetLowered) v8!.setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET.asBuilt}`); // lowered: a replication stopped midway
  budgetLowered = false;
  if (sparkplugOff) v8!.setFlagsFromString('--sparkplug');
  budgetRaised = false;
  sparkplugOff = false;
}

/**
 * Whether Node was given V8 flag `name` (with - or _ between its words) on its command line
 * (`node --FLAG bin/etomsim.cjs`; Node refuses V8's flags in NODE_OPTIONS, but for a few this module does not set).
 */
export function userSetV8Flag(name: string): boolean {
  const spelled = new RegExp(`^--${name.replaceAll('-', '[-_]')}(=|$)`);
  return process.execArgv.some((word) => spelled.test(word));
}

/**
 * When the workers take every core, V8's background compiler can only run by taking time
 * from one of them, and meanwhile that worker runs its first replications in slow code.
 * Compiling on each worker's own thread wastes nothing: measured, 2 workers on 2 cores ran
 * 2 variants x 16 replications of M/M/5 in 2.32-2.44 s instead of 2.55-2.78 s. V8 reads the
 * flag when an isolate starts, so it must be set before the workers are; this thread keeps
 * the background compiler it started with. The flag is process-wide and stays set, so the
 * CLI sets it, where the process starts, and not the engine: a library must not change the
 * V8 of the process that uses it. The benchmark calls this too, to time what the CLI runs.
 */
export function prepareV8ForWorkers(workers: number): void {
  // node:os from Node's own table: a script that exports this module's functions does not load it as it starts
  if (workers >= process.getBuiltinModule('node:os').availableParallelism() && MEASURED_NODE)
    process.getBuiltinModule('node:v8').setFlagsFromString('--no-concurrent-recompilation');
}
