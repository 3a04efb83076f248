// `etomsim run FILE` with only the options scripts and benchmarks give most, read without yargs
// (plainRun), and run's options as yargs' handler and plainRun pass them to the command
// (runOptions): bin/main.ts and the run's own script (bin/run-script.ts) share them, so the two
// routes give the command the same options (test/bin/plain-run.test.ts).
import type { LogFormat } from '../engine/interchange/log-formats.js';
import type { PrecisionTarget } from '../engine/results/types.js';
import type { IntervalMethod } from '../engine/stats/summary.js';
import type { ReportFormat } from '../reports/formats.js';
import type { RunOptions } from './commands/run.js';
import { checkOut, maxReplicationsOption, replicationsOption, seedOption, workersOption } from './option-values.js';

/** The options every simulating command shares, as yargs gives them to a handler. */
export interface SimulationArgs {
  replications?: unknown;
  seed?: unknown;
  workers?: unknown;
  quiet: boolean;
  queue?: string;
  'max-wip'?: unknown;
  'max-job-mib'?: unknown;
}

/** The shared options, as the commands take them. */
export function simulationArgs(a: SimulationArgs) {
  return {
    replications: a.replications as number | undefined,
    seed: a.seed as number | undefined,
    workers: a.workers as number | undefined,
    quiet: a.quiet,
    queue: a.queue,
    maxWip: a['max-wip'] as number | undefined,
    maxJobMib: a['max-job-mib'] as number | undefined,
  };
}

/** run's options that take a value or are a flag, as yargs gives them to the handler: the defaults of those it has not been given. */
export interface RunArgs extends SimulationArgs {
  scenario?: string;
  out: string;
  report: boolean;
  formats?: unknown;
  variant?: string[];
  precision?: unknown;
  'precision-on': PrecisionTarget;
  'max-replications': unknown;
  interval: IntervalMethod;
  sensitivity: boolean;
  'event-log'?: unknown;
  'event-log-replications'?: unknown;
  shard?: unknown;
  'first-replication'?: unknown;
}

/** The defaults yargs gives `run` (its options below take them from here, and so does plainRun). */
export const RUN_DEFAULTS = {
  out: 'out',
  report: true,
  precisionOn: 'means',
  maxReplications: '200',
  interval: 't',
  sensitivity: false,
} as const;

/** run's options as its handler passes them to the command. */
export function runOptions(a: RunArgs, defaultScenario: string): RunOptions {
  return {
    ...simulationArgs(a),
    scenario: a.scenario ?? defaultScenario,
    out: a.out,
    report: a.report,
    formats: a.formats as ReportFormat[] | undefined,
    variant: a.variant,
    precision: a.precision as number | undefined,
    precisionOn: a['precision-on'],
    maxReplications: a['max-replications'] as number,
    interval: a.interval,
    sensitivity: a.sensitivity,
    eventLog: a['event-log'] as LogFormat[] | undefined,
    eventLogReplications: a['event-log-replications'] as number | undefined,
    shard: a.shard as { index: number; count: number } | undefined,
    firstReplication: a['first-replication'] as number | undefined,
  };
}

/** The options plainRun reads, as typed, to the name yargs gives them (bin/load-cli.cjs holds the same table: the test holds them equal). */
export const PLAIN_RUN_OPTIONS: Record<string, 'replications' | 'workers' | 'seed' | 'out' | 'quiet' | 'no-report'> = {
  '-r': 'replications',
  '--replications': 'replications',
  '-w': 'workers',
  '--workers': 'workers',
  '--seed': 'seed',
  '-o': 'out',
  '--out': 'out',
  '-q': 'quiet',
  '--quiet': 'quiet',
  '--no-report': 'no-report',
};

/** Words yargs may take as a flag's value where plainRun would take a file (bin/load-cli.cjs' BOOLEAN_WORDS, held equal by the test). */
export const BOOLEAN_WORDS: readonly string[] = ['true', 'false'];

/**
 * What yargs would give run's handler for `etomsim run FILE` followed only by the options
 * scripts and benchmarks give most (`-r N`, `-w N`, `--seed N`, `-o DIR` and their long names,
 * `-q`, `--quiet`, `--no-report`), each at most once, each value a word of its own not starting
 * with '-', no flag followed by `true` or `false`, FILE not an option and not `help`: the same coerced values and the same defaults
 * for the rest, so `main` runs the command without yargs, whose loading, set-up of thirteen
 * commands and parse cost the benchmark's run 22 ms wall and 35 ms CPU (medians of 30 paired
 * runs against `... --`, load 2 on 2 cores; one-off --cpu-prof: 11.5 ms in yargs and its
 * modules). null for any other command line, `run FILE ... --` included,
 * and for a value a coerce refuses: yargs then parses it and says what is wrong as it always
 * has. test/bin/plain-run.test.ts checks that both routes give the command the same options.
 * Such a command line runs a script of its own (dist/cli/run.cjs, bin/run-script.ts), which
 * bin/load-cli.cjs' scriptFor tells by this test without the coerces, written again there (it
 * runs before any script is loaded): test/bin/command-scripts.test.ts compares the two.
 */
export function plainRun(argv: string[]): RunArgs | null {
  if (argv[0] !== 'run') return null;
  const a: RunArgs = {
    quiet: false, // every command's --quiet
    out: RUN_DEFAULTS.out,
    report: RUN_DEFAULTS.report,
    'precision-on': RUN_DEFAULTS.precisionOn,
    'max-replications': RUN_DEFAULTS.maxReplications,
    interval: RUN_DEFAULTS.interval,
    sensitivity: RUN_DEFAULTS.sensitivity,
  };
  const given = new Set<string>();
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i];
    if (!word.startsWith('-')) {
      if (a.scenario !== undefined || word === '' || word === 'help') return null;
      a.scenario = word;
      continue;
    }
    const name = Object.hasOwn(PLAIN_RUN_OPTIONS, word) ? PLAIN_RUN_OPTIONS[word] : undefined;
    if (name === undefined || given.has(name)) return null;
    given.add(name);
    if (name === 'quiet' || name === 'no-report') {
      if (BOOLEAN_WORDS.includes(argv[i + 1])) return null; // yargs may take it as the flag's value (`-q false`)
      if (name === 'quiet') a.quiet = true;
      else a.report = false;
    } else {
      const value = argv[++i];
      if (value === undefined || value.startsWith('-')) return null;
      a[name] = value;
    }
  }
  if (a.scenario === undefined) return null;
  try {
    a.replications = replicationsOption(a.replications);
    a.workers = workersOption(a.workers);
    a.seed = seedOption(a.seed);
    a['max-replications'] = maxReplicationsOption(a['max-replications']);
    checkOut(a.out);
  } catch {
    return null;
  }
  return a;
}
