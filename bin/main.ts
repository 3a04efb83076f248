// The command line: parse options with yargs, call the engine through its public entry
// points, and turn failures into the exit codes of results-format.md.
//
// Invariant: this module imports only what parsing and failure reporting need. Each command's
// module is imported when that command runs (`load` below), so `--help`, `validate` and
// `catalog` never load the simulation, the worker pool, or the report's vega, vega-lite and
// arquero (together about 0.6 CPU s and 100 MB). test/bin/lazy-loading.test.ts checks it.
// A new command is one `.command(usage, description, options, (a) => load(() =>
// import('./commands/NAME.js'), (m) => m.nameCommand(...)))` entry in `main`.
// yargs itself is imported when `main` first needs it: the command lines that scripts, editors
// and benchmarks run over and over go to their command without it, `validate FILE`
// (`plainValidate`) and `run FILE` with only -r, -w, --seed, -o, -q, --no-report (`plainRun`),
// through the modules of the scripts that run them alone (validate-script.ts, run-script.ts).
import type { Argv } from 'yargs';
import { DEFAULT_MAX_WIP } from '../engine/failure.js';
import { MAX_JOB_MIB } from '../engine/cluster/job-bound.js';
import { parseShard } from '../engine/cluster/shard-spec.js';
import { DEFAULT_MIN_SHARE } from '../engine/discovery/min-share.js';
import { LOG_FORMATS } from '../engine/interchange/log-formats.js';
import { timeZoneOption } from '../engine/interchange/time-zone-option.js';
import { wholeNumber } from '../engine/number-format.js';
import { PRECISION_TARGETS } from '../engine/results/types.js';
import { DEFAULT_TIME_UNIT, MAX_HOURS, parseDuration } from '../engine/scenario/duration.js';
import { MAX_REPLICATIONS, MAX_UNITS } from '../engine/scenario/limits.js';
import { didYouMean } from '../engine/scenario/suggest.js';
import { INTERVAL_METHODS } from '../engine/stats/summary.js';
import { checkInstallBeforeThreads } from '../engine/thread-options.js';
import { EXIT, UsageError } from './errors.js';
import { commandWordFirst, misspeltCommand } from './misspelt-command.js';
import { type KnownOptions, missingArgument } from './missing-argument.js';
import {
  checkOut,
  maxReplicationsOption,
  nonNegativeInt,
  positiveInt,
  integer,
  replicationsOption,
  seedOption,
  workersOption,
} from './option-values.js';
import { RUN_DEFAULTS, runOptions, simulationArgs } from './plain-run.js';
import { type InstallDamage, reportFailure } from './report-failure.js';
import { flagForms, missingValue, type OptionTable, valueOptions } from './value-words.js';
import { main as plainRunMain } from './run-script.js';
import { main as plainValidateMain } from './validate-script.js';
import { lowerInliningLimit as lowerLimit } from './v8-flags.js';
import { VERSION } from './version.js';
import { DEFAULT_FORMATS, FORMATS, parseFormats, type ReportFormat } from '../reports/formats.js';
import { pngUnavailable } from '../reports/png.js';

/** For bin/etomsim.cjs, which raises V8's interrupt budget for the commands that read one small input once this script is loaded (bin/v8-flags.ts). */
export { optimiseLater, restoreV8ForCodeCaches } from './v8-flags.js';

/**
 * For bin/etomsim.cjs, which lowers V8's inlining limit for a command line that simulates once this
 * script is loaded (bin/v8-flags.ts), with Node's own modules that yargs loads as main() first
 * parses loaded before: its platform shim imports node:assert and node:module, and resolves its
 * package.json, which loads Node's resolver of package exports. Loaded under the lowered limit,
 * these 13 of Node's modules were compiled from their source in `etomsim run` of the bundled
 * scenario (session 54; test/bin/v8-flags.test.ts).
 */
export function lowerInliningLimit(): void {
  lowerLimit(() => {
    process.getBuiltinModule('node:assert');
    try {
      process
        .getBuiltinModule('node:module')
        .createRequire(import.meta.url)
        .resolve('yargs/package.json');
    } catch {
      // not there: main() says the install is damaged when it imports yargs
    }
  });
}

/** "5%" or 0.05 */
const share = (v: unknown) => {
  if (v === undefined) return undefined;
  const text = String(v).trim();
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new UsageError(`--precision takes a share such as 5% or 0.05 (got '${v}')`);
  return n;
};

/**
 * One word of `choices` (yargs' `choices` still lists them in --help): a near miss or an
 * abbreviation is named with the word meant, on one line as every other bad value is, where
 * yargs' own check printed an "Invalid values:" block without it.
 */
const oneOf =
  <T extends string>(name: string, choices: readonly T[]) =>
  (v: unknown): T => {
    const word = String(v);
    if ((choices as readonly string[]).includes(word)) return word as T;
    const listed = `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`;
    throw new UsageError(`--${name} takes ${listed} (got '${word}')${didYouMean(word, choices)}`);
  };

/** "5%" or 0.05, from 0 (inclusive) to 1. */
const shareOf = (name: string) => (v: unknown) => {
  const text = String(v).trim();
  const n = text.endsWith('%') ? Number(text.slice(0, -1)) / 100 : Number(text);
  if (text === '' || !Number.isFinite(n) || n < 0 || n >= 1)
    throw new UsageError(`--${name} takes a share such as 5% or 0.05 (got '${v}')`);
  return n;
};

/** --min-share: one setting of discover and fidelity, its default one constant (engine/discovery/min-share.ts). */
const minShareOption = (describe: string) => ({
  type: 'string' as const,
  default: `${DEFAULT_MIN_SHARE * 100}%`,
  describe,
  coerce: shareOf('min-share'),
});

/**
 * --sla: a duration as a scenario writes one (engine/scenario/duration.ts' parser: 45s, 90m,
 * 36h, 2d, 1w, or bare hours, the default time unit), longer than 0 as a flow's sla must be.
 */
function slaHours(text: string): number {
  const parsed = parseDuration(text, DEFAULT_TIME_UNIT);
  if (parsed.ok && parsed.hours > 0) return parsed.hours;
  throw new UsageError(
    `--sla takes a duration longer than 0 and at most ${wholeNumber(MAX_HOURS)} hours, as a scenario's sla: a number with a unit s, m, h, d or w, like 45s, 90m, 36h or 2d, or a number of hours (got '${text}')`,
  );
}

/** --formats html,png (repeatable): the report's formats, checked before anything runs; PNG and PowerPoint need a font. */
const formatsOption = (v: unknown): ReportFormat[] | undefined => {
  if (v === undefined) return undefined;
  const parsed = parseFormats((Array.isArray(v) ? v : [v]).map(String));
  if ('error' in parsed) throw new UsageError(parsed.error);
  const drawn = parsed.formats.includes('png') || parsed.formats.includes('pptx');
  const missingFont = drawn ? pngUnavailable() : null;
  if (missingFont) throw new UsageError(missingFont);
  return parsed.formats;
};

const FORMATS_HELP = `report files to write, comma-separated or repeated: ${[...FORMATS, 'all'].join(', ')} (default: ${DEFAULT_FORMATS.join(',')})`;

/** --formats as run, merge and report all take it: one definition, so a merged run writes what a local one would. */
const FORMATS_OPTION = { type: 'string', array: true, describe: FORMATS_HELP, coerce: formatsOption } as const;

/** How to read an event log: its columns, delimiter and time zone. */
function logReadingOptions<T>(y: Argv<T>) {
  return y
    .option('case', {
      type: 'string',
      describe: 'case id column (default: recognised, e.g. case:concept:name, case_id); in OCEL 2.0, the object type of the cases',
    })
    .option('activity', { type: 'string', describe: 'activity column (default: recognised, e.g. concept:name, activity)' })
    .option('start', { type: 'string', describe: 'start time column (default: recognised, e.g. start_timestamp, start_time)' })
    .option('end', { type: 'string', describe: 'end (completion) time column (default: recognised, e.g. time:timestamp, end_time)' })
    .option('resource', { type: 'string', describe: 'resource column (default: recognised, e.g. org:resource, resource)' })
    .option('role', { type: 'string', describe: 'role (team) column (default: recognised, e.g. org:role, role, org:group)' })
    .option('flow', { type: 'string', describe: 'a column whose values split the log into flows (default: one flow per distinct process)' })
    .option('suspensions', {
      type: 'string',
      describe:
        "CSV: a column of each instance's pauses, ISO 8601 intervals FROM/TO separated by ';' (default: read in etomsim's own CSV log only)",
    })
    .option('delimiter', { type: 'string', describe: 'CSV delimiter (default: sniffed among , ; tab |)' })
    .option('timezone', {
      type: 'string',
      default: 'UTC',
      describe:
        'IANA time zone of timestamps written without an offset, and the wall clock of those with one (other than UTC), e.g. Europe/Paris, or a fixed offset of whole hours, e.g. +01:00',
    });
}

function logReadArgs(a: {
  case?: string;
  activity?: string;
  start?: string;
  end?: string;
  resource?: string;
  role?: string;
  flow?: string;
  suspensions?: string;
  delimiter?: string;
  timezone: string;
}) {
  const delimiter = a.delimiter === '\\t' || a.delimiter === 'tab' ? '\t' : a.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1) throw new UsageError(`--delimiter takes one character (got '${a.delimiter}')`);
  // session 59: '"' read a header as one column, refused as 'no case column'; a line end as a quote's misplaced text
  if (delimiter === '"' || delimiter === '\n' || delimiter === '\r')
    throw new UsageError(`--delimiter takes a character other than CSV's quote (") and its line ends (got ${JSON.stringify(delimiter)})`);
  // an option's problem told as an option's, before the log is opened (it was placed at the log's 1:1)
  const zone = timeZoneOption(a.timezone);
  if ('error' in zone) throw new UsageError(`--timezone ${zone.error}`);
  return {
    columns: {
      case: a.case,
      activity: a.activity,
      start: a.start,
      end: a.end,
      resource: a.resource,
      role: a.role,
      flow: a.flow,
      suspensions: a.suspensions,
    },
    delimiter,
    timezone: zone.zone,
  };
}

/** "csv,xes,ocel,ocel-sqlite" (repeatable, as --formats): the event-log formats (LOG_FORMATS), each once, in the order given */
const logFormats = (given: unknown) => {
  if (given === undefined) return undefined;
  const v = (Array.isArray(given) ? given : [given]).map(String).join(',');
  const formats = v
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f !== '');
  const bad = formats.filter((f) => !(LOG_FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || bad.length > 0)
    throw new UsageError(`--event-log takes csv, xes, ocel (OCEL 2.0 JSON) or ocel-sqlite, comma-separated (got '${v}')`);
  return [...new Set(formats)];
};

/** -q on a command whose results may warn of an unstable team: the one warning it keeps (bin/run-summary.ts' SHOWN_UNDER_QUIET) */
const QUIET_SIMULATING = "print nothing but errors and an unstable team's warning";

/** -q on `run` and `merge`, which also keep the warning that the report asked for is too large to write (bin/commands/run.ts) */
const QUIET_REPORTING = "print nothing but errors, an unstable team's warning and that the report is too large to write";

/** -q on `fidelity`, which measures no instability of its own: it keeps the scenario's overload warning (bin/commands/fidelity.ts) */
const QUIET_FIDELITY = "print nothing but errors and the scenario's warning that a team is overloaded";

/** Options every simulating command shares. */
function simulationOptions<T>(y: Argv<T>) {
  return y
    .option('replications', {
      alias: 'r',
      type: 'string',
      describe: "replications per variant (default: the scenario's run.replications)",
      coerce: replicationsOption,
    })
    .option('seed', { type: 'string', describe: "random seed (default: the scenario's run.seed)", coerce: seedOption })
    .option('workers', {
      alias: 'w',
      type: 'string',
      describe: "worker threads (default: the machine's cores; 1 runs in this process)",
      coerce: workersOption,
    })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: QUIET_SIMULATING })
    .option('queue', {
      type: 'string',
      describe: "send the replications to the queue at this redis:// or rediss:// URL, served by 'etomsim worker' processes",
    })
    .option('max-wip', maxWipOption)
    .option('max-job-mib', maxJobOption('with --queue: the most a job (a replication and its model) or its result may carry'));
}

/** --max-job-mib M: a queue job's bound (engine/cluster/job-size.ts), lowered; MiB, fractions allowed. */
function maxJobOption(what: string) {
  return {
    type: 'string',
    describe: `${what}, in MiB (default and most: ${MAX_JOB_MIB})`,
    coerce: (v: unknown) => {
      if (v === undefined) return undefined;
      const n = Number(v);
      if (String(v).trim() === '' || !(n > 0 && n <= MAX_JOB_MIB))
        throw new UsageError(`--max-job-mib takes a number of MiB above 0 and at most ${MAX_JOB_MIB} (got '${v}')`);
      return n;
    },
  } as const;
}

/** --interval t|johnson, as `run`, `size` and `bottlenecks` take it; `describe` says what johnson does there. */
function intervalOption(describe: string) {
  return {
    choices: INTERVAL_METHODS,
    coerce: oneOf('interval', INTERVAL_METHODS),
    default: RUN_DEFAULTS.interval,
    describe,
  } as const;
}

/** --max-wip N: the cases in progress at once at which a replication stops the run (exit 1), before memory runs out. */
const maxWipOption = {
  type: 'string',
  describe: `stop a run whose replication has more than this many cases in progress at once, naming the overloaded team (default: ${wholeNumber(DEFAULT_MAX_WIP)})`,
  coerce: positiveInt('max-wip'),
} as const;

const scenarioArgument = <T>(y: Argv<T>, describe: string) => y.positional('scenario', { type: 'string', demandOption: true, describe });

/** "2/8": the second of eight shards */
const shardSpec = (v: unknown) => {
  if (v === undefined) return undefined;
  const spec = parseShard(String(v));
  if (!spec) throw new UsageError(`--shard takes I/N, the I-th of N shards with 1 <= I <= N, e.g. 2/8 (got '${v}')`);
  return spec;
};

/** What yargs is given for a bare '-' (standard input's usual name), given back as '-' */
const STDIN_STAND_IN = '\0-\0';

/**
 * The words after `--` are arguments whatever they look like (`etomsim validate -- -plan.yaml`,
 * the POSIX way to name a file that starts with '-'), but yargs reads none of them into a
 * command's positionals: a required one was missing ("Not enough non-option arguments") and
 * `run`'s optional scenario silently became the bundled one. So each goes to yargs in the
 * place of `--` as a stand-in it cannot take for an option or a command name (it holds a NUL,
 * which no command-line argument can), and `word` gives the typed word back wherever yargs
 * passes one on: a parsed argument or a usage message.
 */
class WordsAfterDashes {
  /** what yargs parses: the words before `--` (a bare '-' as STDIN_STAND_IN), then a stand-in for each after it */
  readonly argv: string[];
  private readonly words: string[];
  /**
   * The option right before `--` as typed (`--name`, `-n`, the last of `-abn`), when words follow:
   * yargs gives it the first stand-in when it takes a value. null when there is none.
   */
  private readonly optionBefore: string | null;

  constructor(argv: string[]) {
    const dashes = argv.indexOf('--');
    this.words = dashes < 0 ? [] : argv.slice(dashes + 1);
    // a bare '-' gets a stand-in too: yargs reads it as '' in a string positional and drops it from
    // an array one (`validate a.yaml -` checked a.yaml alone, silently)
    const options = (dashes < 0 ? argv : argv.slice(0, dashes)).map((w) => (w === '-' ? STDIN_STAND_IN : w));
    this.argv = [...options, ...this.words.map((_, i) => `\0${i}\0`)];
    const before = dashes > 0 ? argv[dashes - 1] : '';
    this.optionBefore = this.words.length > 0 && /^-[^-]|^--[^=]+$/.test(before) ? before : null;
  }

  /** The typed word for a stand-in; any other value as it is (arrays element by element). */
  word = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(this.word);
    return typeof value === 'string' ? this.typed(value) : value;
  };

  private typed(text: string): string {
    return text
      .replace(/\0(\d+|-)\0/g, (_, i: string) => (i === '-' ? '-' : this.words[Number(i)]))
      .replace(/\\u0000(\d+|-)\\u0000/g, (_, i: string) => (i === '-' ? '-' : JSON.stringify(this.words[Number(i)]).slice(1, -1)));
  }

  /**
   * A usage message with each stand-in given back as typed, also where yargs quoted it as JSON.
   * A stand-in in it (its coerce or choices refused the word), when an option stands right
   * before `--`, means that option took the first word after it: said so instead. Too few
   * positionals may mean the same, or a file left out: which, only the option's type says, so
   * the message keeps yargs' words and adds the possibility. 'Unknown argument' (one file too
   * many) is yargs' own words.
   */
  text(message: string): string {
    const before = this.optionBefore;
    if (before === null || message.startsWith('Unknown argument')) return this.typed(message);
    if (/\0\d+\0|\\u0000\d+\\u0000/.test(message)) return this.noValue();
    // '-' typed before '--' has a stand-in too (a coerce may quote it: `--seed - -q -- plan.yaml`)
    if (message.startsWith('Not enough non-option arguments'))
      return `${this.typed(message)} (if ${before} takes a value, it took '${this.words[0]}', the first word after '--': give its value before '--')`;
    return this.typed(message);
  }

  /** Arguments as parsed, the stand-ins given back; refused when the option before `--` took one for its value. */
  restore(parsed: Record<string, unknown>): void {
    const before = this.optionBefore;
    if (before !== null && this.holdsStandIn(parsed[before.startsWith('--') ? before.slice(2) : before.slice(-1)]))
      throw new UsageError(this.noValue());
    for (const [key, value] of Object.entries(parsed)) if (this.holdsStandIn(value)) parsed[key] = this.word(value);
  }

  private noValue(): string {
    return `${this.optionBefore} has no value before '--'; the words after '--' are files (or catalog's text), never an option's value`;
  }

  private holdsStandIn(value: unknown): boolean {
    return Array.isArray(value) ? value.some((v) => this.holdsStandIn(v)) : typeof value === 'string' && /\0(\d+|-)\0/.test(value);
  }
}

/** The command line's exit status. `installDamage`: bin/etomsim.cjs' when it runs the bundle (reportFailure). */
export async function main(typedArgv: string[], installDamage?: InstallDamage): Promise<number> {
  const argv = [...commandWordFirst(typedArgv)];
  // the command lines the scripts of one command line run, run here as there (null: not theirs)
  const plain = (await plainValidateMain(argv, installDamage)) ?? (await plainRunMain(argv, installDamage));
  if (plain !== null) return plain;
  const misspelt = misspeltCommand(argv);
  if (misspelt !== null) return reportFailure(new UsageError(misspelt), installDamage);
  checkInstallBeforeThreads(installDamage);
  const { default: yargs } = await import('yargs');
  let code: number = EXIT.ok;
  /**
   * Imports a command's module, then runs the command with it: the one way a command runs. A stop
   * signal ends it at once, but while it holds threads, a queue or a staging folder being
   * streamed into, which are closed or removed first (bin/stop-signals.ts); `etomsim worker`
   * finishes its replications under way first, in its own way.
   */
  const load = async <M>(module: () => Promise<M>, command: (m: M) => Promise<number> | number) => {
    code = await command(await module());
  };
  const typed = new WordsAfterDashes(argv);
  const parser = yargs(typed.argv);
  const cli = parser
    .scriptName('etomsim')
    .version(VERSION)
    .strict()
    // One value per flag: `-v zero_touch scenario.yaml` names one variant and a scenario file.
    .parserConfiguration({ 'greedy-arrays': false })
    .exitProcess(false)
    .fail((msg, err) => {
      if (err === undefined || err === null) throw new UsageError(missingArgument(typed.argv, typed.text(msg), knownOptions(parser)));
      err.message = typed.text(err.message); // an option's coerce quoting the value it was given
      throw err;
    })
    .middleware((a) => refuseRepeats(a, parser, typed.argv), true) // before validation, so before every coerce
    .middleware((a) => typed.restore(a))
    .middleware((a) => checkOut(a.out))
    .command(
      ['run [scenario]', '$0 [scenario]'],
      'simulate a scenario and its variants; print KPIs and gains; write results.json and the report',
      (y) =>
        simulationOptions(y)
          // beside the unstable warning, it keeps the one that the report is too large to write
          .option('quiet', { type: 'boolean', default: false, describe: QUIET_REPORTING })
          .positional('scenario', {
            type: 'string',
            describe: 'scenario file (YAML or JSON); default: the bundled fiber order-to-activation scenario',
          })
          .option('out', {
            alias: 'o',
            type: 'string',
            default: RUN_DEFAULTS.out,
            describe: 'folder for results.json and the report',
          })
          .option('report', {
            type: 'boolean',
            default: RUN_DEFAULTS.report,
            describe: 'write the report next to results.json (--no-report to skip)',
          })
          .option('formats', FORMATS_OPTION)
          .option('variant', {
            alias: 'v',
            type: 'string',
            array: true,
            describe: 'run only these variants besides the baseline (repeatable; baseline alone: the baseline only)',
          })
          .option('precision', {
            type: 'string',
            describe: "add replications until every flow's mean cycle time is known within this share, e.g. 5%",
            coerce: share,
          })
          .option('precision-on', {
            choices: PRECISION_TARGETS,
            coerce: oneOf('precision-on', PRECISION_TARGETS),
            default: RUN_DEFAULTS.precisionOn,
            describe:
              "what --precision targets: the flows' mean cycle times, the variants' differences from the baseline on outcome KPIs, or both",
          })
          .option('max-replications', {
            type: 'string',
            default: RUN_DEFAULTS.maxReplications,
            describe: 'cap for --precision',
            coerce: maxReplicationsOption,
          })
          .option(
            'interval',
            intervalOption(
              "johnson: add Johnson's modified t, which corrects for skewed replications, beside every Student-t interval (results.json's ci95_johnson), and show it in the output and reports",
            ),
          )
          .option('sensitivity', {
            type: 'boolean',
            default: RUN_DEFAULTS.sensitivity,
            describe: 'also run one more unit of each team in the baseline and rank what each buys (one more experiment per team)',
          })
          .option('event-log', {
            type: 'string',
            describe:
              'also write the simulated event log of each variant under OUT/events/: any of csv, xes, ocel (OCEL 2.0 JSON), ocel-sqlite (OCEL 2.0 SQLite), comma-separated or repeated',
            array: true,
            coerce: logFormats,
          })
          .option('event-log-replications', {
            type: 'string',
            describe: 'replications in each event log, from the first (default 1)',
            coerce: positiveInt('event-log-replications'),
          })
          .option('shard', {
            type: 'string',
            describe: "run only the I-th of N shares of the replications (I/N) and write a shard file to --out, for 'etomsim merge'",
            coerce: shardSpec,
          })
          .option('first-replication', {
            type: 'string',
            describe: 'with --shard: start at this replication (0-based), for a later round that --precision needs',
            coerce: nonNegativeInt('first-replication'),
          }),
      (a) =>
        load(
          () => import('./commands/run.js'),
          (m) => m.runCommand(runOptions(a, m.DEFAULT_SCENARIO)),
        ),
    )
    .command(
      'merge <shards..>',
      "merge the shard files of 'run --shard' (folders or files) into results.json and the report, as one run would write them",
      (y) =>
        y
          .positional('shards', {
            type: 'string',
            array: true,
            demandOption: true,
            default: undefined, // yargs gives a variadic positional the default [], which its help printed beside [required]
            describe: 'folders holding shard files, or shard files',
          })
          .option('out', {
            alias: 'o',
            type: 'string',
            default: 'out',
            describe: 'folder for results.json and the report',
          })
          .option('report', { type: 'boolean', default: true, describe: 'write the report next to results.json (--no-report to skip)' })
          .option('formats', FORMATS_OPTION)
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: QUIET_REPORTING }),
      (a) =>
        load(
          () => import('./commands/merge.js'),
          (m) =>
            m.mergeCommand({
              inputs: a.shards as string[],
              out: a.out,
              report: a.report,
              formats: a.formats as ReportFormat[] | undefined,
              quiet: a.quiet,
            }),
        ),
    )
    .command(
      'worker',
      "serve a replication queue on Redis until stopped: 'run', 'size' and 'bottlenecks' with --queue send their replications to it",
      (y) =>
        y
          .option('queue', {
            type: 'string',
            demandOption: true,
            describe: 'redis:// or rediss:// URL of the queue (a password goes in the URL and is never printed)',
          })
          .option('workers', {
            alias: 'w',
            type: 'string',
            describe: 'simulation threads on this machine (default: its cores)',
            coerce: positiveInt('workers'),
          })
          .option('lock-seconds', {
            type: 'string',
            default: '30',
            describe: 'how long a replication may go without a sign of life from this worker before another worker takes it over',
            coerce: positiveInt('lock-seconds'),
          })
          .option(
            'max-job-mib',
            maxJobOption('the most a job this worker takes (a replication and its model), or a result it sends back, may carry'),
          )
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' }),
      (a) =>
        load(
          () => import('./commands/worker.js'),
          (m) =>
            m.workerCommand({
              queue: a.queue,
              workers: a.workers as number | undefined,
              lockSeconds: a['lock-seconds'] as number,
              maxJobMib: a['max-job-mib'] as number | undefined,
              quiet: a.quiet,
            }),
        ),
    )
    .command(
      'validate <scenario> [more..]',
      'check a scenario file (or several, each in turn) and report every problem with its line and column',
      // two positionals, not one `<scenario..>`, so the help names the first as required; `default:
      // undefined` hides yargs' `[default: []]` of an array, and makes it give [undefined] for none
      // (a '-' anywhere reaches here through WordsAfterDashes' stand-in)
      (y) =>
        scenarioArgument(y, 'scenario file').positional('more', {
          type: 'string',
          array: true,
          default: undefined,
          describe: 'more scenario files, each checked in turn',
        }),
      (a) =>
        load(
          () => import('./commands/validate.js'),
          (m) =>
            m.validateCommand(
              a.scenario,
              (a.more ?? []).filter((file) => file !== undefined),
              installDamage,
            ),
        ),
    )
    .command(
      'report <results>',
      'rebuild the report (HTML, SVG or PNG charts, CSV, Markdown, PowerPoint, Excel) from a results.json without simulating again; from a sizing.json, the sizing report',
      (y) =>
        y
          .positional('results', {
            type: 'string',
            demandOption: true,
            describe: "a results.json (from 'run' or 'merge') or a sizing.json ('size')",
          })
          .option('out', { alias: 'o', type: 'string', describe: "folder for the report (default: the results file's folder)" })
          .option('formats', FORMATS_OPTION)
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' }),
      (a) =>
        load(
          () => import('./commands/report.js'),
          (m) => m.reportCommand(a.results, a.out, a.quiet, a.formats as ReportFormat[] | undefined),
        ),
    )
    .command(
      'bottlenecks <scenario>',
      'where the work waits: per team utilisation, queue, wait, bottleneck shares, and the gain of one more unit per team',
      (y) =>
        simulationOptions(scenarioArgument(y, 'scenario file'))
          .option('variant', { alias: 'v', type: 'string', describe: 'analyse this variant instead of the baseline' })
          .option(
            'interval',
            intervalOption(
              "johnson: add Johnson's modified t, which corrects for skewed replications, beside every Student-t interval (bottlenecks.json's ci95_johnson), and show it",
            ),
          )
          .option('out', { alias: 'o', type: 'string', describe: 'write bottlenecks.json to this folder' }),
      (a) =>
        load(
          () => import('./commands/bottlenecks.js'),
          (m) => m.bottlenecksCommand({ ...simulationArgs(a), scenario: a.scenario, variant: a.variant, interval: a.interval, out: a.out }),
        ),
    )
    .command(
      'size <scenario>',
      'the cheapest team sizes that meet every target with 95% confidence, checked on fresh replications (refuted: a unit more, up to 3 steps); exit 3 when none does or none is confirmed',
      (y) =>
        simulationOptions(scenarioArgument(y, 'scenario file'))
          // its search runs staffings that are unstable by design: -q keeps no warning (sizing.json's verification says one)
          .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
          .option('target', {
            alias: 't',
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'e.g. "flows.order_to_activation.cycle_time.p90 <= 5d" (repeatable)',
          })
          .option('resources', { type: 'string', describe: 'comma-separated teams to size (default: all)' })
          .option('variant', { alias: 'v', type: 'string', describe: 'size this variant instead of the baseline' })
          .option('max-capacity', {
            type: 'string',
            describe:
              "largest team size to consider (default: a team's max_capacity, else 3 x its offered-load lower bound + 5, or its current capacity where that is more)",
            coerce: positiveInt('max-capacity', MAX_UNITS),
          })
          .option('per-shift', {
            type: 'boolean',
            default: false,
            describe: 'size each shift of a rostered team on its own, from its Erlang C staffing per interval',
          })
          .option(
            'interval',
            intervalOption(
              "johnson: check each target at the end of Johnson's modified-t interval, which corrects for skewed replications, instead of Student's t, and show it",
            ),
          )
          .option('out', {
            alias: 'o',
            type: 'string',
            describe: 'write sizing.json, sizing.html, sizing.svg and sizing.vl.json to this folder',
          }),
      (a) =>
        load(
          () => import('./commands/size.js'),
          (m) =>
            m.sizeCommand({
              ...simulationArgs(a),
              scenario: a.scenario,
              targets: a.target,
              resources: a.resources
                ?.split(',')
                .map((r) => r.trim())
                .filter((r) => r.length > 0),
              variant: a.variant,
              maxCapacity: a['max-capacity'] as number | undefined,
              perShift: a['per-shift'],
              interval: a.interval,
              out: a.out,
            }),
        ),
    )
    .command(
      'export-bpmn <scenario>',
      'write a scenario (or one variant) as BPMN 2.0 with diagram layout and BPSim parameters, for Camunda Modeler, bpmn.io, Signavio...',
      (y) =>
        scenarioArgument(y, 'scenario file')
          .option('variant', { alias: 'v', type: 'string', describe: 'export this variant instead of the baseline' })
          .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the BPMN file to write' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' }),
      (a) =>
        load(
          () => import('./commands/export-bpmn.js'),
          (m) => m.exportBpmnCommand({ scenario: a.scenario, variant: a.variant, out: a.out, quiet: a.quiet }),
        ),
    )
    .command(
      'import-bpmn <file>',
      'read a BPMN 2.0 file (lanes as teams, BPSim parameters) into a scenario YAML, with placeholders for what it does not say',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'a BPMN 2.0 file' })
          .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the scenario file to write' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' }),
      (a) =>
        load(
          () => import('./commands/import-bpmn.js'),
          (m) => m.importBpmnCommand({ file: a.file, out: a.out, quiet: a.quiet }),
        ),
    )
    .command(
      'discover <log>',
      'discover a scenario from an event log (CSV, XES, OCEL 2.0 JSON, XML or SQLite, or OCEL 1.0 JSON or XML; gzip or not): flow, arrivals, durations, teams and shifts',
      (y) =>
        logReadingOptions(
          y.positional('log', {
            type: 'string',
            demandOption: true,
            describe:
              'event log: CSV (any delimiter), XES, OCEL 2.0 (JSON, XML or SQLite) or OCEL 1.0 (JSON or XML), optionally gzip-compressed',
          }),
        )
          .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'the scenario file to write' })
          .option(
            'min-share',
            minShareOption(
              'fold paths taken less often than this share of the times their step is left, but keep those whose fold would lengthen a loop by more than this share; write a delay step before a step whose instances wait, with their team free, at least this share of the times',
            ),
          )
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print nothing but errors' }),
      (a) =>
        load(
          () => import('./commands/discover.js'),
          (m) => m.discoverCommand({ log: a.log, out: a.out, minShare: a['min-share'] as number, read: logReadArgs(a), quiet: a.quiet }),
        ),
    )
    .command(
      'fidelity <scenario> <log>',
      "simulate a scenario over an event log's period and compare: cycle times, steps, arrivals, throughput, paths, WIP, SLA",
      (y) =>
        logReadingOptions(
          y.positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file' }).positional('log', {
            type: 'string',
            demandOption: true,
            describe: 'event log: CSV, XES, OCEL 2.0 (JSON, XML or SQLite) or OCEL 1.0 (JSON or XML), optionally gzip-compressed',
          }),
        )
          .option('out', { alias: 'o', type: 'string', demandOption: true, describe: 'folder for fidelity.json and fidelity.html' })
          .option('replications', {
            alias: 'r',
            type: 'string',
            describe: "replications (default: the scenario's run.replications)",
            coerce: positiveInt('replications', MAX_REPLICATIONS),
          })
          .option('seed', { type: 'string', describe: "random seed (default: the scenario's run.seed)", coerce: integer('seed') })
          .option('sla', {
            type: 'string',
            describe: "cycle-time target for SLA attainment, e.g. 2d (default: the scenario's flow sla, else the log's p90)",
          })
          .option(
            'min-share',
            minShareOption(
              "discover's --min-share, where the scenario was discovered with another: a case whose first step opens fewer than this share of the log's cases, near the log's start, is taken as under way then and left out, as discover leaves out its arrival",
            ),
          )
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: QUIET_FIDELITY })
          .option('max-wip', maxWipOption),
      (a) =>
        load(
          () => import('./commands/fidelity.js'),
          (m) =>
            m.fidelityCommand({
              scenario: a.scenario,
              log: a.log,
              out: a.out,
              replications: a.replications as number | undefined,
              seed: a.seed as number | undefined,
              slaHours: a.sla === undefined ? null : slaHours(a.sla),
              read: logReadArgs(a),
              quiet: a.quiet,
              maxWip: a['max-wip'] as number | undefined,
              minShare: a['min-share'] as number,
            }),
        ),
    )
    .command(
      'catalog [text]',
      'list the eTOM Operations processes, or search them by name or id',
      (y) => y.positional('text', { type: 'string', describe: 'words or an id to search for' }),
      (a) =>
        load(
          () => import('./commands/catalog.js'),
          (m) => {
            process.stdout.write(`${m.renderCatalog(a.text)}\n`);
            return EXIT.ok;
          },
        ),
    )
    .demandCommand(1)
    .help()
    .wrap(Math.min(110, process.stdout.columns ?? 100));
  requireValues(cli, typed.argv);
  skipHelpCache(cli);
  try {
    await cli.parseAsync();
    return code;
  } catch (err) {
    return reportFailure(err, installDamage);
  }
}

/**
 * An option given more than once is refused, naming it and what it was given, unless it is
 * declared repeatable (`array: true`: run's --variant and --formats, size's --target, merge's
 * shards). yargs makes a repeated option an array (its `duplicate-arguments-array`), which
 * reached code taking one string (an internal error, exit 1) or a coerce quoting it joined
 * ("got '2,3'"). Run before validation and added before any command's options, this middleware
 * runs before every coerce (yargs applies each as a middleware too), so each sees one value. A
 * flag given twice is no array to yargs (the last form counts, so `--report --no-report` wrote
 * no report, silently): its forms are counted in the words typed, and a second is refused as
 * any repeat is. The words of plainRun's command line (bin/plain-run.ts, bin/load-cli.cjs) come
 * here too: it leaves a repeated option to yargs.
 */
/** The options of the command being parsed (yargs' getOptions, as refuseRepeats reads them), for missingArgument. */
function knownOptions(parser: Argv): KnownOptions {
  const options = (
    parser as unknown as { getOptions(): { key: Record<string, unknown>; boolean: string[]; alias: Record<string, string[]> } }
  ).getOptions();
  const names = new Set([...Object.keys(options.key), ...Object.values(options.alias).flat(), 'help', 'version']);
  const flags = new Set(options.boolean.flatMap((name) => [name, ...(options.alias[name] ?? [])]));
  return { names, flags };
}

function refuseRepeats(a: Record<string, unknown>, parser: Argv, words: readonly string[]): void {
  // yargs' own method (not in its type declarations, and no public API lists a command's
  // options): the options of the command being parsed
  const options = (
    parser as unknown as {
      getOptions(): { key: Record<string, unknown>; array: string[]; boolean: string[]; alias: Record<string, string[]> };
    }
  ).getOptions();
  const aliases = new Set(Object.values(options.alias).flat());
  for (const name of options.boolean) {
    if (aliases.has(name) || !Object.hasOwn(options.key, name)) continue;
    const forms = flagForms(name, options.alias[name] ?? [], words);
    if (forms.length < 2) continue;
    const times = forms.length === 2 ? 'twice' : `${forms.length} times`;
    throw new UsageError(`--${name} is given ${times} (${forms.map((f) => `'${f}'`).join(', ')}): give it once`);
  }
  for (const name of Object.keys(options.key)) {
    const values = a[name];
    if (!Array.isArray(values) || options.array.includes(name) || aliases.has(name)) continue;
    const times = values.length === 2 ? 'twice' : `${values.length} times`;
    const given = name === 'queue' ? '' : ` (${values.map((v) => `'${String(v)}'`).join(', ')})`; // a queue's URL may hold its password
    throw new UsageError(`--${name} is given ${times}${given}: give it once`);
  }
}

/**
 * The one rule for option values (bin/value-words.ts), given to every command: once a command's
 * builder has declared its options, each that takes a value (not a flag, not a list, not a
 * positional) is made to take one word (`requiresArg`, so that yargs gives it `-2h` or `-5%`
 * as its value, as the rule reads them), and the command line is refused, naming the option,
 * if one of them is given no value or a word that reads as an option. Run in the builder, before
 * yargs parses, so before every coerce and check, and before refuseRepeats (a word taken for
 * flags made a repeat: `discover --out -o`). The builders are reached through yargs' internal
 * API, as skipHelpCache reaches its usage: should it move, this throws (exit 1) and every CLI
 * test fails, rather than the rule going quietly.
 */
function requireValues(cli: Argv, words: readonly string[]): void {
  type Positional = { cmd: string[] };
  type Handler = { builder: unknown; demanded: Positional[]; optional: Positional[] };
  const internal = cli as unknown as {
    getInternalMethods?: () => { getCommandInstance?: () => { getCommandHandlers?: () => Record<string, Handler> } };
  };
  const handlers = internal.getInternalMethods?.().getCommandInstance?.().getCommandHandlers?.();
  if (handlers === undefined) throw new Error("yargs' command handlers are out of reach: bin/main.ts' requireValues needs them");
  for (const handler of new Set(Object.values(handlers))) {
    const build = handler.builder;
    if (typeof build !== 'function') continue;
    const positionals = [...handler.demanded, ...handler.optional].flatMap((p) => p.cmd);
    handler.builder = (y: Argv, helpOrVersion: boolean) => {
      const built: Argv = build(y, helpOrVersion) ?? y;
      const table = (built as unknown as { getOptions(): OptionTable }).getOptions();
      const options = valueOptions(table, positionals);
      const single = [...new Set(options.values())].filter((name) => !table.array.includes(name));
      if (single.length > 0) built.requiresArg(single);
      const refused = helpOrVersion ? null : missingValue(words, options, table.array);
      if (refused !== null) throw new UsageError(refused);
      return built;
    };
  }
}

/**
 * As a named command starts, yargs lays out the whole help text (every option of every
 * command, measured with string-width) and keeps it, in case the handler asks for help
 * later; no handler here does. That costs every command 20-40 ms (a profile of `run` on the
 * shared machine: 43-90 ms), a tenth of `validate`. The hook is yargs' internal API: should
 * it move, nothing breaks and help is laid out as before.
 */
function skipHelpCache(cli: Argv): void {
  const internal = cli as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = internal.getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}
