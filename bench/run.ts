// `npm run bench`: what a user pays, whole process, side by side with a hand-written loop,
// and the report's fixed cost; how the cost grows with teams, work in progress and the
// horizon; the deoptimisations and the warm-up of a cold replication; then the parallel speed-up and the
// quantile-sketch measurement. Every timed run
// is a fresh Node process (cold, as a user's is); its CPU time (all threads), peak memory and
// minor page faults come from process-usage.mjs, its wall time from here. Runs of different rows alternate, so
// that a slow spell of a shared machine does not fall on one row only. Prints Markdown tables.
// Issue 18's points, each with its figure here: start-up (`--help`, `validate`); the cold
// replication (the warm-up and deoptimisation tables); `-w 1` in the main thread against one
// worker thread (the whole-process table's worker row, and its ratio under the goals); output
// before the report (its own table); the report's fixed cost; memory and CPU per case in
// progress, with the teams and with the horizon (the three scaling tables); exact percentiles
// against a sketch; the parallel speed-up; the whole run against the hand loop and SimPy (the goals).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { wholeNumber } from '../engine/number-format.js';
import { deoptimisations } from './deopts.js';
import { measure as measureRows, pairedRatio, type Row, type RowSpec, roundOrder, roundRatios, timed } from './measure.js';
import { manyVariantResults, VARIANTS } from './many-variants.js';
import { measureSketch } from './quantile-sketch.js';
import { median, measureWarmUp, WARM_UP_EVENTS, type WarmUp } from './warmup.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const at = (path: string) => join(ROOT, path);
const ETOMSIM = at('bin/etomsim.cjs');
const PROBE = at('dist/bench/probe.js');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** The issue's one-off measurement of SimPy 3.0.11 on this model: the goal's figure when SimPy cannot be run here. */
const SIMPY_ONE_OFF_S = 8.76;
/** SimPy runs beside etomsim when this Python can import it, with BENCH_SIMPY_PATH (a folder holding the `simpy` package) first on its path. */
const PYTHON = process.env.BENCH_PYTHON ?? 'python3';
const SIMPY_PATH = process.env.BENCH_SIMPY_PATH;

const scratch = mkdtempSync(join(tmpdir(), 'etomsim-bench-'));

/** Every row ROUNDS times (bench/measure.ts), each in a fresh process. */
const measure = (rows: RowSpec[]): Row[] => measureRows(rows, ROUNDS, (r) => timed(scratch, r.args, r.env, r.program));

/**
 * The Python that `PYTHON` names: its executable's path and its version, as it reports them
 * (sys.executable: the file a `python3` on PATH or a pyenv shim ends in), or null where it does
 * not run; and SimPy's version where it imports SimPy (with SIMPY_PATH first on its path), else
 * null, and the goal is set against the issue's one-off figure. SimPy is as fast as its Python
 * (README: 8.9 s to 22.5 s across Pythons; session 57, 8.9-17.4 s on two hosts' 3.11.7), so the
 * bench says which one ran it.
 */
function findSimPy(): { env: NodeJS.ProcessEnv; simpy: string | null; python: { path: string; version: string } | null } {
  const env =
    SIMPY_PATH === undefined
      ? process.env
      : { ...process.env, PYTHONPATH: [SIMPY_PATH, process.env.PYTHONPATH].filter((p) => p).join(delimiter) };
  // one line each: a path may hold spaces
  const script = [
    'import sys',
    'print(sys.version.split()[0]); print(sys.executable)',
    'try:\n    import simpy\n    print(simpy.__version__)\nexcept Exception:\n    pass',
  ].join('\n');
  const r = spawnSync(PYTHON, ['-c', script], { encoding: 'utf8', env });
  if (r.status !== 0 || r.error !== undefined) return { env, simpy: null, python: null };
  const [version = '', path = '', simpy] = r.stdout.split('\n').map((l) => l.trim());
  return { env, simpy: simpy === undefined || simpy === '' ? null : simpy, python: { path, version } };
}

const med = (row: Row, key: 'wall_s' | 'cpu_s' | 'peak_rss_mb' | 'minor_faults') => median(row.runs.map((u) => u[key]));
const events = (row: Row) => (JSON.parse(row.runs[0].stdout.trim().split('\n').pop()!) as { events: number }).events;
const s3 = (x: number) => `${x.toFixed(3)} s`;
const ns = (x: number) => `${x.toFixed(0)} ns`;
const mb = (x: number) => `${x.toFixed(0)} MB`;
const pages = (x: number) => wholeNumber(Math.round(x));

function table(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log('');
}

const out = join(scratch, 'out');
const FIBER = at('scenarios/fiber-order-to-activation.yaml');
const MM5 = at('bench/scenarios/mm5.yaml');

console.log(
  `etomsim benchmark: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
);
console.log(
  `Each figure is the median of ${ROUNDS} fresh processes (BENCH_ROUNDS to change); CPU time counts every thread of the process.\n`,
);

// ---- whole process and start-up --------------------------------------------------------
// NODE_EXTRA_CA_CERTS makes Node 20 read and parse every certificate of that file as each
// process starts, before any of its JavaScript (about 420 M of a bare Node's 507 M instructions
// with a system bundle of 144 certificates; callgrind, Node 20.20): every row here pays it, the
// hand loop too. When it is set, bare Node, `validate`, the run and the hand loop are also timed
// without it, as extra rows, and the goals are given both ways: a host without the variable (the
// issue's, whose bare Node took 0.05 s) pays neither side of the ratios its 40 ms.
const { NODE_EXTRA_CA_CERTS: extraCaCerts, ...withoutExtraCaCerts } = process.env;
const bare: RowSpec = { name: '`node -e 0` (bare Node)', args: ['-e', '0'] };
const validateRow: RowSpec = { name: '`etomsim validate` (bundled fiber scenario)', args: [ETOMSIM, 'validate', FIBER] };
const runRow: RowSpec = {
  name: '`etomsim run` M/M/5, 1M customers, `-r 1 -w 1 --no-report -q`',
  args: [ETOMSIM, 'run', MM5, '-r', '1', '-w', '1', '--no-report', '-q', '--out', out],
};
/**
 * The run's replication in one worker thread rather than the command line's own (issue 18: `-w 1`
 * in the main thread was measured a third slower): a pool starts as many threads as its batch has
 * replications, so `-w 2` starts one for `-r 1`; with two workers for two cores or fewer, that
 * thread compiles on itself, not on V8's background threads (bin/v8-flags.ts, prepareV8ForWorkers).
 */
const workerRow: RowSpec = {
  name: 'the same run in one worker thread, `-r 1 -w 2 --no-report -q` (one replication: the pool starts one thread)',
  args: [ETOMSIM, 'run', MM5, '-r', '1', '-w', '2', '--no-report', '-q', '--out', out],
};
const handRow: RowSpec = {
  name: 'hand-written JS loop, same model (bench/reference/hand-loop.mjs)',
  args: [at('bench/reference/hand-loop.mjs')],
};
/** The same rows without NODE_EXTRA_CA_CERTS, when it is set: bare Node, validate, the run, the hand loop. */
const withoutCerts: RowSpec[] =
  extraCaCerts === undefined
    ? []
    : [bare, validateRow, runRow, handRow].map((r) => ({
        ...r,
        name: `${r.name} without NODE_EXTRA_CA_CERTS (extra row)`,
        env: withoutExtraCaCerts,
      }));
const found = findSimPy();
const simpy = found.simpy === null || found.python === null ? null : { env: found.env, simpy: found.simpy, python: found.python };
/** Which Python `PYTHON` is, for the lines that name it: 'Python 3.11.7 (/usr/bin/python3.11)'. */
const pythonText = (python: { path: string; version: string }) => `Python ${python.version} (${python.path})`;
const whole = measure([
  bare,
  { name: '`etomsim --help`', args: [ETOMSIM, '--help'] },
  validateRow,
  runRow,
  handRow,
  {
    name: 'the same hand loop keeping the statistics etomsim keeps for this model (bench/reference/hand-loop-statistics.mjs)',
    args: [at('bench/reference/hand-loop-statistics.mjs')],
  },
  workerRow,
  ...withoutCerts,
  ...(simpy === null
    ? []
    : [
        {
          name: `SimPy ${simpy.simpy} on ${pythonText(simpy.python)}, same model (bench/reference/simpy-mm5.py)`,
          args: [at('bench/reference/simpy-mm5.py')],
          env: simpy.env,
          program: PYTHON,
        },
      ]),
]);
console.log('## Whole process: start-up, and M/M/5 at 90% load with 1,000,000 customers (one replication, one worker)\n');
if (extraCaCerts !== undefined)
  console.log(
    `NODE_EXTRA_CA_CERTS is set (${extraCaCerts}): Node parses every certificate in it as each process starts, so every row below pays it but the extra rows, timed without it.\n`,
  );
table(
  ['run', 'wall', 'CPU', 'peak RSS', 'minor page faults'],
  whole.map((r) => [r.name, s3(med(r, 'wall_s')), s3(med(r, 'cpu_s')), mb(med(r, 'peak_rss_mb')), pages(med(r, 'minor_faults'))]),
);
const run = whole[3];
const hand = whole[4];
const handWithStatistics = whole[5];
const inWorker = whole[6];
const simpyRow = whole.find((r) => r.program === PYTHON);
/** SimPy's wall time over the run's, per round; against the issue's one-off figure when SimPy cannot run here. */
const simpyRatio = (runs: Row) => (simpyRow === undefined ? SIMPY_ONE_OFF_S / med(runs, 'wall_s') : pairedRatio(simpyRow, runs, 'wall_s'));
const wallRatio = pairedRatio(hand, run, 'wall_s');
const cpuRatio = pairedRatio(hand, run, 'cpu_s');
/** A goal's figures without NODE_EXTRA_CA_CERTS, when the rows were timed without it too: ' (without it: ...)'. */
const rowWithout = (row: RowSpec) => whole.find((r) => r.env === withoutExtraCaCerts && r.args === row.args);
const without = (row: RowSpec, figure: (r: Row) => string) => {
  const r = rowWithout(row);
  return r === undefined ? '' : `; without NODE_EXTRA_CA_CERTS ${figure(r)}`;
};
const runWithout = rowWithout(runRow);
const handWithout = rowWithout(handRow);
console.log(
  simpy !== null
    ? `SimPy ran on ${pythonText(simpy.python)}: BENCH_PYTHON=${PYTHON}${SIMPY_PATH === undefined ? '' : `, BENCH_SIMPY_PATH=${SIMPY_PATH}`}. SimPy is as fast as its Python; the last goal's row reads the run against the issue's own SimPy figure too.\n`
    : `SimPy not timed: ${found.python === null ? `BENCH_PYTHON=${PYTHON} does not run` : `${pythonText(found.python)} (BENCH_PYTHON=${PYTHON}) cannot import simpy`}; set BENCH_PYTHON to a Python that can, or BENCH_SIMPY_PATH to a folder holding the simpy package.\n`,
);
console.log(
  "Each ratio below is the median over rounds of the two runs' ratio within a round (seconds apart), not a ratio of the medians above.\n",
);
table(
  ['goal (issue 18)', 'now', 'met?'],
  [
    [
      '`--help` well under 0.15 s',
      `${s3(med(whole[1], 'wall_s'))} wall, ${s3(med(whole[1], 'cpu_s'))} CPU`,
      med(whole[1], 'wall_s') < 0.15 ? 'yes' : 'no',
    ],
    [
      '`validate` well under 0.15 s',
      `${s3(med(whole[2], 'wall_s'))} wall, ${s3(med(whole[2], 'cpu_s'))} CPU${without(validateRow, (r) => `${s3(med(r, 'wall_s'))} wall`)}`,
      med(whole[2], 'wall_s') < 0.15 ? 'yes' : 'no',
    ],
    [
      'whole run at least 50% of the hand loop',
      `${(100 * wallRatio).toFixed(0)}% (wall), ${(100 * cpuRatio).toFixed(0)}% (CPU)${
        runWithout === undefined || handWithout === undefined
          ? ''
          : `; without NODE_EXTRA_CA_CERTS ${(100 * pairedRatio(handWithout, runWithout, 'wall_s')).toFixed(0)}% (wall)`
      }`,
      wallRatio >= 0.5 ? 'yes' : 'no',
    ],
    [
      "(not a goal) whole run against the hand loop that keeps etomsim's statistics: the share of the gap that is the engine's generality, not its statistics",
      `${(100 * pairedRatio(handWithStatistics, run, 'wall_s')).toFixed(0)}% (wall), ${(100 * pairedRatio(handWithStatistics, run, 'cpu_s')).toFixed(0)}% (CPU)`,
      '',
    ],
    [
      '(not a goal) `-w 1` in the main thread against the same replication in one worker thread: above 100%, the main thread is the faster',
      `${(100 * pairedRatio(inWorker, run, 'wall_s')).toFixed(0)}% (wall), ${(100 * pairedRatio(inWorker, run, 'cpu_s')).toFixed(0)}% (CPU)`,
      '',
    ],
    [
      simpy === null
        ? `whole run at least 20x SimPy (${SIMPY_ONE_OFF_S} s: the issue's one-off measurement; SimPy cannot be imported by ${PYTHON} here)`
        : `whole run at least 20x SimPy (SimPy ${simpy.simpy} on ${pythonText(simpy.python)}, measured above)`,
      `${simpyRatio(run).toFixed(1)}x (wall)${without(runRow, (r) => `${simpyRatio(r).toFixed(1)}x (wall)`)}`,
      simpyRatio(run) >= 20 ? 'yes' : 'no',
    ],
    ...(simpy === null
      ? [] // the row above is read against the issue's figure already
      : [
          [
            `(the same goal against a fixed figure, whatever this host's Python) whole run against the issue's own SimPy figure: ${SIMPY_ONE_OFF_S} s, issue 18's table (SimPy 3.0.11 on the issue's machine, one-off), not measured here`,
            `${(SIMPY_ONE_OFF_S / med(run, 'wall_s')).toFixed(1)}x (wall)${without(runRow, (r) => `${(SIMPY_ONE_OFF_S / med(r, 'wall_s')).toFixed(1)}x (wall)`)}`,
            SIMPY_ONE_OFF_S / med(run, 'wall_s') >= 20 ? 'yes' : 'no',
          ],
        ]),
  ],
);

// The run goal's ratio round by round: the raw figures its median is taken of. A median of a few
// rounds' ratios and the ratio of the two rows' medians above may differ by several points on a
// shared host (session 58: 46% and 56% without NODE_EXTRA_CA_CERTS); these say which rounds did it.
const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
const roundTable = (label: string, handRow: Row, runRow: Row) => {
  const wall = roundRatios(handRow, runRow, 'wall_s');
  const cpu = roundRatios(handRow, runRow, 'cpu_s');
  return handRow.runs.map((h, i) => [
    `${i + 1}${label}`,
    // which of the two ran first that round: the earlier in `whole` when the round ran forwards
    whole.indexOf(runRow) < whole.indexOf(handRow) === (roundOrder(i) === 'forwards') ? 'run, then hand loop' : 'hand loop, then run',
    s3(h.wall_s),
    s3(runRow.runs[i].wall_s),
    pct(wall[i]),
    s3(h.cpu_s),
    s3(runRow.runs[i].cpu_s),
    pct(cpu[i]),
  ]);
};
console.log("## The run against the hand loop, round by round (the goal's ratio is the median of these)\n");
table(
  ['round', 'order', 'hand loop wall', 'run wall', 'ratio (wall)', 'hand loop CPU', 'run CPU', 'ratio (CPU)'],
  [
    ...roundTable('', hand, run),
    ...(runWithout === undefined || handWithout === undefined ? [] : roundTable(' without NODE_EXTRA_CA_CERTS', handWithout, runWithout)),
  ],
);

// ---- the bundled scenario --------------------------------------------------------------------
// What the README's first command simulates, one replication of each of its four scenarios
// (calendars and shifts, decisions, forks and joins, milestones, weekly arrival profiles) in one
// thread: per event a different mix from M/M/5's, and a replication short enough (about 74,000
// events) that its warm-up is much of its cost. The events are the run's own count (results.json).
const fiberOut = join(scratch, 'fiber-run');
const fiberRows = measure([
  {
    name: '`etomsim run` bundled fiber scenario, `-r 1 -w 1 --no-report -q` (4 scenarios x 1 replication)',
    args: [ETOMSIM, 'run', FIBER, '-r', '1', '-w', '1', '--no-report', '-q', '--out', fiberOut],
  },
]);
const fiberEvents = (JSON.parse(readFileSync(join(fiberOut, 'results.json'), 'utf8')) as { engine: { timing: { events: number } } }).engine
  .timing.events;
console.log('## The bundled fiber scenario: one replication of each scenario, one worker, whole process\n');
table(
  ['run', 'events', 'wall', 'CPU', 'CPU per event', 'peak RSS', 'minor page faults'],
  fiberRows.map((r) => [
    r.name,
    wholeNumber(fiberEvents),
    s3(med(r, 'wall_s')),
    s3(med(r, 'cpu_s')),
    ns((1e9 * med(r, 'cpu_s')) / fiberEvents),
    mb(med(r, 'peak_rss_mb')),
    pages(med(r, 'minor_faults')),
  ]),
);

// ---- the report's fixed cost --------------------------------------------------------------
// `etomsim report` rebuilds the default report (html, svg, csv, md) from a results.json: the
// bundled fiber scenario's, and that of the same scenario with 50 variants (issue 18's "2.1 s
// with 50 variants"; bench/many-variants.ts), each simulated once here, untimed.
const fiberResults = join(scratch, 'fiber');
const simulated = spawnSync(process.execPath, [ETOMSIM, 'run', FIBER, '--no-report', '-q', '--out', fiberResults], { encoding: 'utf8' });
if (simulated.status !== 0) throw new Error(`benchmark run failed: etomsim run ${FIBER}\n${simulated.stderr}`);
const manyResults = manyVariantResults(scratch);
const report = measure([
  {
    name: '`etomsim report` of the bundled fiber scenario (default formats)',
    args: [ETOMSIM, 'report', join(fiberResults, 'results.json'), '-q', '--out', join(scratch, 'report')],
  },
  {
    name: `\`etomsim report\` of the same scenario with ${VARIANTS} variants (default formats; bench/many-variants.ts)`,
    args: [ETOMSIM, 'report', manyResults, '-q', '--out', join(scratch, 'report-variants')],
  },
]);
console.log("## The report's fixed cost: rebuilt from results.json, whole process\n");
table(
  ['run', 'wall', 'CPU', 'peak RSS'],
  report.map((r) => [r.name, s3(med(r, 'wall_s')), s3(med(r, 'cpu_s')), mb(med(r, 'peak_rss_mb'))]),
);

// ---- output before the report ---------------------------------------------------------------
// Issue 18: nothing was printed until the report had been rendered. `etomsim run` of the bundled
// fiber scenario with its default report, as the README's first command: when the results' first
// line reaches stdout, against when the process ends.

/** When `etomsim ARGS` (a fresh process) first wrote to stdout, and when it ended, in seconds from its start. */
function firstOutput(args: string[]): Promise<{ first_s: number; wall_s: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const since = () => Number(process.hrtime.bigint() - t0) / 1e9;
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let first_s = Number.NaN;
    let said = '';
    child.stdout.on('data', () => {
      if (Number.isNaN(first_s)) first_s = since();
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (said += text));
    child.once('error', reject);
    child.once('close', (code) => {
      const wall_s = since();
      if (code !== 0 || Number.isNaN(first_s)) reject(new Error(`benchmark run failed: node ${args.join(' ')}\n${said}`));
      else resolve({ first_s, wall_s });
    });
  });
}
{
  const outputs: { first_s: number; wall_s: number }[] = [];
  for (let round = 0; round < ROUNDS; round++)
    outputs.push(await firstOutput([ETOMSIM, 'run', FIBER, '-r', '1', '-w', '1', '--out', join(scratch, 'first-output')]));
  console.log('## Output before the report: `etomsim run` bundled fiber scenario, `-r 1 -w 1`, default report formats\n');
  table(
    ['first line of the results on stdout', 'whole process (the report written)'],
    [[s3(median(outputs.map((o) => o.first_s))), s3(median(outputs.map((o) => o.wall_s)))]],
  );
}

// ---- scaling ----------------------------------------------------------------------------
const perEvent = (r: Row) => (1e9 * med(r, 'cpu_s')) / events(r);
const scaling = (title: string, header: string, rows: { label: string; args: string[] }[]) => {
  const measured = measure(rows.map((r) => ({ name: r.label, args: r.args })));
  console.log(`## ${title}\n`);
  table(
    [header, 'events', 'CPU, whole process', 'CPU per event', 'peak RSS', 'minor page faults'],
    measured.map((r) => [
      r.name,
      wholeNumber(events(r)),
      s3(med(r, 'cpu_s')),
      ns(perEvent(r)),
      mb(med(r, 'peak_rss_mb')),
      pages(med(r, 'minor_faults')),
    ]),
  );
};
scaling(
  'CPU time with the number of teams (one decision over K one-agent teams at 90% load, ~1M events, one cold replication)',
  'teams',
  [10, 100, 1000].map((k) => ({ label: String(k), args: [PROBE, 'teams', String(k), '1000000'] })),
);
scaling('CPU time and memory with work in progress (~1.5M events, one cold replication)', 'cases in progress', [
  { label: 'about 900 (M/M/1000 at 90% load)', args: [PROBE, 'wip-small', '1500000'] },
  { label: 'growing to 500,000 (M/M/1 offered twice its capacity)', args: [PROBE, 'wip-large', '1500000'] },
]);
scaling(
  'CPU time and memory with the horizon (M/M/5 at 90% load, one cold replication)',
  'customers',
  [250_000, 1_000_000, 4_000_000].map((c) => ({ label: wholeNumber(c), args: [PROBE, 'mm5', String(c)] })),
);

// ---- deoptimisations (CONTRIBUTING.md, hot path, rule 9) ------------------------------------
console.log('## Deoptimisations of one cold replication (bench/deopts.ts: V8 throwing optimised code away)\n');
table(
  ['model', 'first slice (warming up)', 'while the loop ran', 'last slice and the statistics'],
  (
    [
      ['M/M/5, 1M customers', ['mm5', '1000000']],
      ['100 teams, ~1M events', ['teams', '100', '1000000']],
      ['M/M/1 growing to 500,000 cases', ['wip-large', '1500000']],
    ] as [string, string[]][]
  ).map(([label, probe]) => {
    const d = deoptimisations(probe);
    return [label, String(d.warmingUp.length), String(d.loop.length), String(d.horizon.length)];
  }),
);

// ---- warm-up (CONTRIBUTING.md, hot path, rule 10) ------------------------------------------
{
  const runs = measureWarmUp(['mm5', '1000000'], ROUNDS);
  const m = (pick: (w: WarmUp) => number) => `${median(runs.map(pick)).toFixed(0)} ms`;
  console.log(
    `## Warm-up of one cold replication (bench/warmup.ts): M/M/5, 1M customers, the first ${wholeNumber(WARM_UP_EVENTS)} events beyond the steady state\n`,
  );
  table(
    ['warm-up excess (wall)', 'CPU time, simulating thread', 'CPU time, every thread', 'steady state per 1,000 events (wall)'],
    [[m((w) => w.excessMs), m((w) => w.excessThreadMs), m((w) => w.excessCpuMs), `${median(runs.map((w) => w.steadyMs)).toFixed(2)} ms`]],
  );
}

// ---- parallel speed-up ------------------------------------------------------------------
// What a user runs, whole process: `etomsim run` of bench/scenarios/mm5-variant.yaml with one worker
// (the replications in the main thread) against one per core (the pool of bin/runner.ts: the bundle's
// worker, V8's flags as the command line sets them). So the speed-up counts what the pool adds (its
// threads' start, their modules, their cold first replications, the merge), not the loop's alone.
const all = availableParallelism();
const SPEED_UP = at('bench/scenarios/mm5-variant.yaml');
const speedUpRow = (workers: number): RowSpec => ({
  name: `\`-w ${workers}\``,
  args: [ETOMSIM, 'run', SPEED_UP, '-w', String(workers), '--no-report', '-q', '--out', join(scratch, `speed-up-${workers}`)],
});
const parallel = measure([speedUpRow(1), speedUpRow(all)]);
console.log(
  '## Parallel speed-up: `etomsim run bench/scenarios/mm5-variant.yaml --no-report -q`, 2 variants x 16 replications of M/M/5 (100,000 h, about 450,000 customers each)\n',
);
table(
  ['workers', 'wall, whole process', 'CPU, whole process'],
  parallel.map((r) => [r.name, s3(med(r, 'wall_s')), s3(med(r, 'cpu_s'))]),
);
console.log(`speed-up (wall): ${(med(parallel[0], 'wall_s') / med(parallel[1], 'wall_s')).toFixed(2)}x\n`);

// ---- quantile sketch ----------------------------------------------------------------------
const sketch = measureSketch();
console.log(
  `## Percentiles: exact (what etomsim keeps) against a streaming sketch, ${wholeNumber(sketch.customers)} M/M/5 sojourn times\n`,
);
table(
  ['method', 'memory', 'bytes per customer', 'largest relative error, p1..p99'],
  [
    [
      'exact: one 32-bit float per customer, order statistics selected',
      `${(sketch.exactBytes / 1e6).toFixed(1)} MB`,
      (sketch.exactBytes / sketch.customers).toFixed(1),
      '0 (6e-8 from float32)',
    ],
    ...sketch.sketches.map((s) => [
      `log-bucket sketch, alpha = ${s.alpha}`,
      `${(s.bytes / 1e3).toFixed(1)} kB (fixed)`,
      (s.bytes / sketch.customers).toFixed(3),
      `${(100 * s.maxRelativeError).toFixed(2)}% (bound ${100 * s.alpha}%)`,
    ]),
  ],
);

rmSync(scratch, { recursive: true, force: true });
