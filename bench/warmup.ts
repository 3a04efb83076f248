// What a cold replication's warm-up costs (CONTRIBUTING.md, hot path, rule 10):
// `node dist/bench/warmup.js MODEL ARGS... [--runs N] [--slice EVENTS] [--flags "V8 FLAGS"]...`
// (models: probeModel in bench/models.ts) runs one cold replication per fresh process in
// slices of EVENTS (default 1,000), timing each slice, and prints the cost per 1,000 events
// of the first slices, the steady state (the median slice after the warm-up window) and the
// warm-up's excess: what the window's events cost beyond the steady state, while V8 runs the
// loop in its interpreter and baseline code and compiles it with TurboFan in the background.
// One more process, under --trace-opt, tells when each function reached optimised code (the
// events simulated when V8 installed it) and how long its background compiles took, summed
// over every compile of it (a function is compiled alone and again inlined into each caller:
// only its own compiles are listed here).
// With several --flags, each a set of V8 flags for the child's command line ("" for none),
// the variants' runs alternate (forwards, then backwards), so that a shared machine's slow
// spell does not fall on one variant only. Times are wall times of the simulating thread.
import { spawnSync } from 'node:child_process';
import { openSync, readSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { wholeNumber } from '../engine/number-format.js';
import { lowerInliningLimit } from '../bin/v8-flags.js';
import { probeSimulation } from './models.js';

/** Events counted as warm-up: TurboFan has installed the loop well before (about 16k events for mm5). */
export const WARM_UP_EVENTS = 64_000;

/** One timed cold replication: microseconds per full slice (the last, partial slice is left out). */
interface TimedRun {
  slice: number;
  micros: number[];
  replicationMs: number;
  /** CPU time in the warm-up window and after it, ms: of the process (every thread: the background compiler too) and of the simulating thread */
  windowCpuMs: number;
  restCpuMs: number;
  windowThreadMs: number;
  restThreadMs: number;
}

/** One replication's warm-up, from its slices. */
export interface WarmUp {
  /** the median cost of 1,000 events after the warm-up window, ms */
  steadyMs: number;
  /** what the window's events cost beyond the steady state, ms */
  excessMs: number;
  /** the same in CPU time of every thread of the process, background compiles included, ms */
  excessCpuMs: number;
  /** the same in CPU time of the simulating thread, ms: time it waited for a core does not count (Linux only, else NaN) */
  excessThreadMs: number;
  /** start() to the last event, ms */
  replicationMs: number;
  /** ms per 1,000 events, per slice */
  perThousand: number[];
}

/** The median of `xs` (the mean of the middle two when their count is even). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function warmUpOf(run: TimedRun): WarmUp {
  const perThousand = run.micros.map((us) => us / run.slice);
  const window = Math.ceil(WARM_UP_EVENTS / run.slice);
  if (perThousand.length < 2 * window) throw new Error(`bench/warmup.ts: the run needs at least ${wholeNumber(2 * WARM_UP_EVENTS)} events`);
  const steadyMs = median(perThousand.slice(window));
  let excessMs = 0;
  for (let i = 0; i < window; i++) excessMs += (perThousand[i] - steadyMs) * (run.slice / 1000);
  const rest = (run.micros.length - window) / window;
  const excessCpuMs = run.windowCpuMs - run.restCpuMs / rest;
  const excessThreadMs = run.windowThreadMs - run.restThreadMs / rest;
  return { steadyMs, excessMs, excessCpuMs, excessThreadMs, replicationMs: run.replicationMs, perThousand };
}

/**
 * The calling thread's CPU time so far, ms, from Linux's /proc/thread-self/schedstat (Node 20
 * has no per-thread CPU clock): exact, but brought up to date only at the scheduler's tick (4 ms
 * here), so read over tens of milliseconds only. NaN where there is no such file, and NaN where it
 * reads 0: a kernel without scheduler statistics (sched_info off) keeps the file but writes
 * "0 0 0", and the thread has always run before the first read (loading, compiling the model),
 * so a 0 would otherwise print as a warm-up excess of 0 ms.
 */
function threadCpu(): () => number {
  let fd: number;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    return () => Number.NaN;
  }
  const buffer = Buffer.alloc(64);
  return () => {
    const ns = Number(buffer.toString('latin1', 0, readSync(fd, buffer, 0, 64, 0)).split(' ')[0]);
    return ns === 0 ? Number.NaN : ns / 1e6;
  };
}

function child(mode: '--time' | '--trace', flags: string, slice: number, probe: string[]): string {
  const v8 = flags.split(/\s+/).filter((f) => f !== '');
  const args = [...v8, ...(mode === '--trace' ? ['--trace-opt'] : []), fileURLToPath(import.meta.url), mode, String(slice), ...probe];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`bench/warmup.ts: the replication failed: node ${args.join(' ')}\n${r.stderr}`);
  return r.stdout;
}

/** The warm-up of `runs` cold replications of `probe` (probeModel's arguments), each in a fresh process with `flags`. */
export function measureWarmUp(probe: string[], runs: number, slice = 1000, flags = ''): WarmUp[] {
  return Array.from({ length: runs }, () => warmUpOf(JSON.parse(child('--time', flags, slice, probe)) as TimedRun));
}

/** One function's optimisation by TurboFan in a traced run. */
interface Optimised {
  name: string;
  /** events simulated when V8 first installed its optimised code (OSR included) */
  atEvents: number;
  compiles: number;
  compileMs: number;
}

/**
 * When each function reached TurboFan during the loop of one traced run, in order. Keyed by
 * V8's shared function info (sfi), not the name: two functions of one name (EventQueue.push and
 * the task queue's push, two `acquire`, every `get length`) are two rows, the later ones
 * numbered (`push #2`), so that one's compile time is never put on the other.
 */
function optimisations(trace: string): Optimised[] {
  const found = new Map<string, Optimised>();
  const sameName = new Map<string, number>();
  let at = -1; // before the first mark: compiling the model, start()
  for (const line of trace.split('\n')) {
    if (line === '@ end') break; // the horizon's statistics, which run once
    if (line.startsWith('@ ')) {
      at = Number(line.slice(2));
      continue;
    }
    if (at < 0) continue;
    // "took A, B, C ms": B is the background thread's share, the optimisation itself
    const m = /^\[completed (compiling|optimizing) 0x[0-9a-f]+ <JSFunction (.*?) ?\(sfi = (0x[0-9a-f]+)\)>/.exec(line);
    if (!m) continue;
    let entry = found.get(m[3]);
    if (entry === undefined) {
      const name = m[2] === '' ? '(anonymous)' : m[2];
      const seen = (sameName.get(name) ?? 0) + 1;
      sameName.set(name, seen);
      entry = { name: seen === 1 ? name : `${name} #${seen}`, atEvents: -1, compiles: 0, compileMs: 0 };
      found.set(m[3], entry);
    }
    if (m[1] === 'compiling') {
      entry.compiles++;
      entry.compileMs += Number(/took [\d.]+, ([\d.]+),/.exec(line)?.[1] ?? 0);
    } else if (entry.atEvents < 0) entry.atEvents = at;
  }
  return [...found.values()].filter((o) => o.atEvents >= 0).sort((a, b) => a.atEvents - b.atEvents);
}

const args = process.argv.slice(2);
const ranAlone = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];

if (ranAlone && (args[0] === '--time' || args[0] === '--trace')) {
  const [mode, sliceText, kind, a, b] = args;
  const slice = Number(sliceText);
  lowerInliningLimit(); // V8 as the CLI's runner sets it (unless --flags gives the limit)
  const simulation = probeSimulation(kind, a, b);
  if (mode === '--trace') {
    // the marks go to stdout with V8's trace, so the two interleave in order; written by
    // writeSync, so that no stream code of Node's joins the functions V8 optimises
    writeSync(1, '@ 0\n');
    simulation.start(true); // the horizon's warm-up at the window's end, as below
    let events = 0;
    while (!simulation.advance(slice)) {
      writeSync(1, `@ ${(events += slice)}\n`);
      if (events === Math.ceil(WARM_UP_EVENTS / slice) * slice) simulation.warmUpHorizon();
    }
    writeSync(1, '@ end\n');
  } else {
    const micros: number[] = [];
    const window = Math.ceil(WARM_UP_EVENTS / slice);
    const cpuMs = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e3;
    };
    const thread = threadCpu();
    const cpu0 = cpuMs();
    const thread0 = thread();
    let cpuAtWindow = Number.NaN;
    let threadAtWindow = Number.NaN;
    /** where the steady state's CPU starts: after the horizon's warm-up, which follows the window */
    let cpuAtRest = Number.NaN;
    let threadAtRest = Number.NaN;
    const t0 = process.hrtime.bigint();
    // As the command line: the horizon's warm-up waits for a pause, once the loop is compiled (replicate.ts,
    // runReplicationInSlices, where it is the pause at which the stores' stock is settled); here the window's end, so
    // that its scratch calls count in no slice and in neither CPU time (the replication's time holds them).
    simulation.start(true);
    let last = t0;
    let cpuAtLastSlice = cpu0;
    for (;;) {
      const done = simulation.advance(slice);
      const now = process.hrtime.bigint();
      if (done) break;
      micros.push(Number(now - last) / 1e3);
      cpuAtLastSlice = cpuMs(); // about a microsecond: getrusage
      if (micros.length === window) {
        cpuAtWindow = cpuAtLastSlice;
        threadAtWindow = thread();
        simulation.warmUpHorizon();
        cpuAtRest = cpuMs();
        threadAtRest = thread();
      }
      last = process.hrtime.bigint();
    }
    const threadAtLastSlice = thread(); // the partial last slice is a few hundred microseconds, well within the thread's tick
    const replicationMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const restCpuMs = cpuAtLastSlice - cpuAtRest; // up to the last full slice, as the slices counted
    const run: TimedRun = {
      slice,
      micros,
      replicationMs,
      windowCpuMs: cpuAtWindow - cpu0,
      restCpuMs,
      windowThreadMs: threadAtWindow - thread0,
      restThreadMs: threadAtLastSlice - threadAtRest,
    };
    process.stdout.write(JSON.stringify(run));
  }
  simulation.finish();
} else if (ranAlone) {
  const usage = 'usage: node dist/bench/warmup.js MODEL ARGS... [--runs N] [--slice EVENTS] [--flags "V8 FLAGS"]...';
  const probe: string[] = [];
  const variants: string[] = [];
  let runs = 5;
  let slice = 1000;
  // a count that is not a positive whole number would print NaN (--runs 0) or never end
  // (--slice 0: advance(0) simulates nothing), so it is refused, as is `--runs=3`
  const count = (name: string, text: string | undefined) => {
    const n = Number(text);
    if (text === undefined || !/^[0-9]+$/.test(text) || !Number.isSafeInteger(n) || n < 1)
      throw new Error(`bench/warmup.ts: ${name} takes a positive whole number, not ${text ?? 'nothing'}\n${usage}`);
    return n;
  };
  for (let i = 0; i < args.length; i++) {
    const x = args[i];
    if (x === '--runs') runs = count(x, args[++i]);
    else if (x === '--slice') slice = count(x, args[++i]);
    else if (x === '--flags') {
      if (i + 1 >= args.length) throw new Error(`bench/warmup.ts: --flags takes a value ("" for none)\n${usage}`);
      variants.push(args[++i]);
    } else if (x.startsWith('--')) throw new Error(`bench/warmup.ts: unknown option ${x}\n${usage}`);
    else probe.push(x);
  }
  if (probe.length === 0) throw new Error(`bench/warmup.ts: no model given\n${usage}`);
  if (variants.length === 0) variants.push('');
  const measured = variants.map(() => [] as WarmUp[]);
  for (let round = 0; round < runs; round++) {
    const order = variants.map((_, v) => v);
    if (round % 2 === 1) order.reverse();
    for (const v of order) measured[v].push(...measureWarmUp(probe, 1, slice, variants[v]));
  }
  const ms = (x: number) => x.toFixed(2);
  console.log(
    `Warm-up of one cold replication of ${probe.join(' ')}: slices of ${wholeNumber(slice)} events, ${runs} fresh processes per variant`,
  );
  console.log('(wall time of the simulating thread; medians over the processes; the machine may be shared)\n');
  const shown = Math.min(24, Math.ceil(WARM_UP_EVENTS / slice));
  console.log(`| | ${variants.map((f) => (f === '' ? 'default' : `\`${f}\``)).join(' | ')} |`);
  console.log(`|---|${variants.map(() => '---').join('|')}|`);
  const row = (label: string, pick: (w: WarmUp) => number, unit: string) =>
    console.log(`| ${label} | ${measured.map((ws) => `${ms(median(ws.map(pick)))} ${unit}`).join(' | ')} |`);
  for (let i = 0; i < shown; i++)
    row(`events ${wholeNumber(i * slice)}-${wholeNumber((i + 1) * slice)}, per 1,000`, (w) => w.perThousand[i], 'ms');
  row(`steady state (after ${wholeNumber(WARM_UP_EVENTS)} events), per 1,000`, (w) => w.steadyMs, 'ms');
  row(`**warm-up excess** (first ${wholeNumber(WARM_UP_EVENTS)} events)`, (w) => w.excessMs, 'ms');
  row('warm-up excess in CPU time, every thread', (w) => w.excessCpuMs, 'ms');
  row('warm-up excess in CPU time, the simulating thread', (w) => w.excessThreadMs, 'ms');
  row('replication (start to the last event)', (w) => w.replicationMs, 'ms');
  for (const [label, pick] of [
    ['wall', (w: WarmUp) => w.excessMs],
    ['CPU, simulating thread', (w: WarmUp) => w.excessThreadMs],
  ] as const)
    console.log(`excess of each process (${label}): ${measured.map((ws) => ws.map((w) => pick(w).toFixed(0)).join(' ')).join(' | ')} ms`);

  for (const flags of variants) {
    const traced = optimisations(child('--trace', flags, slice, probe));
    console.log(
      `\nTurboFan during the loop${variants.length > 1 ? ` (${flags === '' ? 'default' : flags})` : ''}, one run under --trace-opt:`,
    );
    console.log('| function | optimised after (events) | compiles | background compile |');
    console.log('|---|---|---|---|');
    for (const o of traced) console.log(`| ${o.name} | ${wholeNumber(o.atEvents)} | ${o.compiles} | ${ms(o.compileMs)} ms |`);
    const total = traced.reduce((s, o) => s + o.compileMs, 0);
    console.log(`| all ${traced.length} | | ${traced.reduce((s, o) => s + o.compiles, 0)} | ${ms(total)} ms |`);
  }
}
