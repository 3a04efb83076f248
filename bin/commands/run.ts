// `etomsim run`: simulate the baseline and its variants, print the KPIs and the gains, and
// write results.json (and the report) atomically.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { sensitivity } from '../../engine/analysis/sensitivity.js';
import { firstBatchTasks, runExperiment, type ExperimentOutput, type PrecisionTarget } from '../../engine/experiment/experiment.js';
import { releaseShelf } from '../../engine/experiment/runner.js';
import type { ShardSpec } from '../../engine/cluster/shard.js';
import type { IntervalMethod } from '../../engine/stats/summary.js';
import type { LogFormat } from '../../engine/interchange/write-event-logs.js';
import { LIMITS_VARIABLE, type LogLimits, LogLimitsError, parseLogLimits } from '../../engine/interchange/log-limits.js';
import { checkOutputDir, stageOutput, writeFileAtomically, type OutputFiles, type StagedOutput } from '../../engine/io/atomic.js';
import { buildResults } from '../../engine/results/build.js';
import { offeredLoadCache } from '../../engine/model/offered-load.js';
import { readScenarioSource } from '../../engine/scenario/load.js';
import type { PendingRound, Results } from '../../engine/results/types.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { building, EXIT, UsageError } from '../errors.js';
import { Progress } from '../progress.js';
import { quietWarningText, summaryText } from '../run-summary.js';
import { runnerFor, type RunnerChoice } from '../runner.js';
import { stoppedStatus, whileStoppable } from '../stop-signals.js';
import { optimiseReportLater, restoreV8ForCodeCaches } from '../v8-flags.js';
import { loadForCommand } from '../scenario-input.js';
import { checkSizeOption, reportWeight, sizeDiagnostics, type SizeAsked, type Weighed, weighOnce } from '../results-size.js';
import { selectedVariants, unknownVariants } from './chosen-variant.js';
export { DEFAULT_SCENARIO } from '../scenario-input.js';
import { VERSION } from '../version.js';
import { DEFAULT_FORMATS, drawsCharts, type ReportFormat } from '../../reports/formats.js';
import { reportTooLarge, runReportTooLarge, showsCharts } from '../../reports/report-size.js';
import { counted } from '../../engine/plural.js';
import { terminalText } from '../../engine/io/terminal-text.js';
import { assertThreadCodeIntact } from '../../engine/thread-options.js';
import { fixedNumber } from '../../engine/number-format.js';

export interface RunOptions extends RunnerChoice {
  scenario: string;
  replications?: number;
  seed?: number;
  out: string;
  report: boolean;
  /** the report's formats; default: reports/formats.ts DEFAULT_FORMATS */
  formats?: ReportFormat[];
  quiet: boolean;
  variant?: string[];
  precision?: number;
  /** what --precision targets; the flows' mean cycle times by default */
  precisionOn?: PrecisionTarget;
  maxReplications: number;
  /** how 95% intervals are formed; Student's t by default */
  interval?: IntervalMethod;
  /** also run one more unit of each team in the baseline, and rank what each buys */
  sensitivity: boolean;
  /** simulated event logs to write under OUT/events/ (none when empty) */
  eventLog?: LogFormat[];
  /** how many replications (from the first) the event logs hold */
  eventLogReplications?: number;
  /** run only this share of the tasks and write a shard file for `etomsim merge` */
  shard?: ShardSpec;
  /** with shard: the first replication of this round (a later round of --precision) */
  firstReplication?: number;
  /** cases in progress at once past which a replication stops the run; default engine/failure.ts DEFAULT_MAX_WIP */
  maxWip?: number;
}

export async function runCommand(opts: RunOptions): Promise<number> {
  // a shard keeps the very text it ran, read once: merge rebuilds the run from it
  const text = opts.shard ? readScenarioText(opts.scenario) : undefined;
  // results.json's size, estimated once for the file's check, an option's and the report's (it compiles every variant)
  let weighed: { set: ScenarioSet; weigh: Weighed } | null = null;
  const weigh = (s: ScenarioSet): Weighed =>
    (weighed?.set === s ? weighed : (weighed = { set: s, weigh: weighOnce(s, sizeAsked(opts, s)) })).weigh;
  // the offered load, computed once for the warnings and the experiment
  const offeredLoads = offeredLoadCache();
  const set = loadForCommand(opts.scenario, opts.quiet, {
    text,
    check: (loaded) => sizeDiagnostics(loaded, sizeAsked(opts, loaded.set!), weigh(loaded.set!)),
    loads: offeredLoads,
  });
  checkOutputDir(opts.out); // a bad --out fails now, not after the run
  const chosen = selectedVariants(opts.variant);
  const unknown = (chosen ?? []).filter((v) => !set.variants.some((x) => x.name === v));
  if (unknown.length > 0) {
    const names = set.variants.map((v) => v.name);
    throw new UsageError(unknownVariants(unknown, names));
  }
  const compared = chosen === null ? set.variants.length : chosen.length;
  if (opts.precision !== undefined && opts.precisionOn === 'differences' && compared === 0)
    // nothing to measure: the first round would stop at once saying the target was met
    throw new UsageError(
      `--precision-on differences targets the variants' differences from the baseline, and ${chosen === null ? 'the scenario has no variant' : '--variant baseline runs the baseline alone'}: ${chosen === null ? 'add one' : 'name a variant too'}, or use --precision-on means`,
    );
  if (opts.shard && opts.sensitivity)
    throw new UsageError('--sensitivity runs one more experiment per team and cannot be sharded; run it without --shard');
  if (opts.shard && opts.eventLog)
    throw new UsageError(
      '--event-log writes the logs of a whole run; run it without --shard (the logs replay replications 1..N in this process)',
    );
  if (opts.shard && opts.formats)
    throw new UsageError(
      "--shard writes a shard file, not the report that --formats chooses: give --formats to 'etomsim merge DIR... --formats ...', which writes the report of all the shards",
    );
  if (opts.firstReplication !== undefined && !opts.shard)
    throw new UsageError('--first-replication goes with --shard (a later round of a sharded --precision run)');
  const replications = opts.replications ?? set.baseline.run.replications;
  const seed = opts.seed ?? set.baseline.run.seed;
  const firstReplication = opts.firstReplication ?? 0;
  if (firstReplication >= replications)
    throw new UsageError(`--first-replication (${firstReplication}) must be below --replications (${replications})`);
  const logReplications = opts.eventLogReplications ?? 1;
  // the logs replay the run's own replications 1..N: past the run's count they would be a
  // population no result summarises (and cost minutes and gigabytes); --precision decides its
  // count as it runs, so there the logs are cut to it after the run (eventLogs)
  if (opts.eventLog && opts.precision === undefined && logReplications > replications)
    throw new UsageError(
      `--event-log-replications ${logReplications} is more than the run's ${counted(replications, 'replication')} (${opts.replications === undefined ? `run.replications in ${opts.scenario}` : `--replications ${replications}`}): the logs hold replications the results summarise; ask for at most ${replications}`,
    );
  checkSizeOption(set, sizeAsked(opts, set), weigh(set)); // results.json must be writable: refused now, not after the run
  // a report too large to draw is said now, and the run writes results.json alone, as it would after the run (reports/report-size.ts)
  const formats = opts.formats ?? DEFAULT_FORMATS;
  if (opts.report && !opts.shard && showsCharts(formats)) {
    const { variants, chartValues } = reportWeight(set, sizeAsked(opts, set), weigh(set));
    const tooLarge = runReportTooLarge(variants, chartValues, replications, formats);
    if (tooLarge !== null) {
      // said under -q too: the report asked for is not written (README, Command line)
      process.stderr.write(
        `warning: no report will be written: ${tooLarge}; the run writes results.json alone (then etomsim report ${join(opts.out, 'results.json')} --formats csv)\n`,
      );
      opts = { ...opts, report: false };
    }
  }
  const logLimits = logLimitsForCommand(); // a bad ETOMSIM_LOG_LIMITS is refused now, not after the run
  const shardRun = opts.shard
    ? {
        set,
        text: text!,
        file: opts.scenario,
        version: VERSION,
        seed,
        firstReplication,
        replications,
        chosen,
        precision: opts.precision ?? null,
        precisionOn: opts.precisionOn ?? 'means',
        interval: opts.interval ?? 't',
        maxReplications: Math.max(opts.maxReplications, replications),
        shard: opts.shard,
      }
    : null;
  if (shardRun) {
    // and so must the shard file be, by merge: refused now too (engine/cluster/shard-size.ts)
    const { shardSizeEstimate, shardTooLarge } = await import('../../engine/cluster/shard-size.js');
    const problem = shardTooLarge(shardSizeEstimate(shardRun), shardRun);
    if (problem !== null) throw new UsageError(`--shard ${shardRun.shard.index}/${shardRun.shard.count}: ${problem}`);
  }
  // A run whose report draws charts has the bundle's thread code checked before it simulates, not
  // only as the chart threads start: a damaged install costs it no simulation (in this thread, -w 1,
  // no pool's start checks first)
  if (opts.report && shardRun === null && drawsCharts(opts.formats)) await assertThreadCodeIntact();
  // The input checked, a pool starts the threads the first batch will want (a shard's, its share,
  // as its batch comes) while this thread makes the standard error stream and the variants' models:
  // some tens of milliseconds of the threads' start, each a Node of its own, overlap them.
  // V8's flags set back here: writeRunOutput, the shard's write, or failing.
  const firstBatch = shardRun ? undefined : firstBatchTasks(set, chosen, replications);
  const runner = await runnerFor(opts, { setsFlagsBack: true, firstBatch });
  const showProgress = !opts.quiet && process.stderr.isTTY === true;
  let progress = new Progress(showProgress);
  // a stop signal stops the workers (bin/runner.ts) and exits (bin/stop-signals.ts); once the
  // simulations are done the signals are let go (`simulated`), so that the busy stretch after them
  // (results, the report, a shard's file) is stopped at once, by the kernel
  const stoppable = whileStoppable((signal) => {
    progress.clear();
    // SIGHUP: the terminal is gone, with nothing to read the line; -q: nothing but errors (README, Command line)
    if (signal !== 'SIGHUP' && !opts.quiet) process.stderr.write('interrupted: stopping the workers; no output written\n');
  });
  const simulated = () => Promise.all([stoppable(), runner.close()]);
  try {
    if (shardRun) {
      const { encodeShard, runShard, shardFileName } = await import('../../engine/cluster/shard.js');
      const shard = await runShard({
        ...shardRun,
        runner,
        onProgress: (done, total) => progress.update(done, total),
        maxWip: opts.maxWip,
        offeredLoads,
      });
      progress.clear();
      await simulated();
      restoreV8ForCodeCaches();
      const name = shardFileName(shardRun.shard, firstReplication);
      // one file added to a folder that collects every shard: not a result set that replaces the others
      writeFileAtomically(join(opts.out, name), await building(`the shard file ${name}`, () => encodeShard(shard)), 'folder');
      if (!opts.quiet) {
        process.stdout.write(
          `shard ${shardRun.shard.index}/${shardRun.shard.count}: ${shard.tasks.length} of ${counted(shard.variants.length * (replications - firstReplication), 'replication')} ` +
            `(${counted(shard.variants.length, 'variant')} x replications ${firstReplication + 1}-${replications}) in ${fixedNumber(shard.wall_s, 1)} s\n` +
            `wrote ${join(opts.out, name)}; when every shard is done: etomsim merge DIR... --out OUT\n`,
        );
      }
      return EXIT.ok;
    }
    const experiment = await runExperiment(set, {
      offeredLoads,
      replications,
      seed,
      workers: runner.workers,
      variants: chosen,
      precision: opts.precision ?? null,
      precisionOn: opts.precisionOn,
      interval: opts.interval,
      maxReplications: Math.max(opts.maxReplications, replications),
      onProgress: (done, total) => progress.update(done, total),
      runner,
      maxWip: opts.maxWip,
    });
    progress.clear();
    if (!opts.sensitivity) await simulated();
    const results = runResults(set, seed, experiment, opts.interval);
    if (opts.sensitivity) {
      progress = new Progress(showProgress); // its own count, and an estimate of its own time left
      const analysis = await sensitivity(
        { name: 'baseline', scenario: set.baseline },
        // as many replications as the main run ended with (--precision may have added some)
        {
          replications: results.engine.replications,
          seed,
          workers: runner.workers,
          runner,
          onProgress: (done, total) => progress.update(done, total),
          maxWip: opts.maxWip,
          offeredLoads,
        },
        opts.interval,
      );
      progress.clear();
      results.sensitivity = analysis.ranking;
      await simulated();
    }
    // before the summary makes the standard streams (Node's modules)
    restoreV8ForCodeCaches();
    releaseShelf(); // the report's memory, not the replications' stores (held until now for the batches of --precision and --sensitivity)
    const ran = results.engine.replications;
    if (opts.eventLog && logReplications > ran && !opts.quiet)
      process.stderr.write(
        `warning: --event-log-replications ${logReplications} is more than the ${counted(ran, 'replication')} --precision ran: the logs hold those ${ran}\n`,
      );
    const logs =
      opts.eventLog && opts.eventLog.length > 0
        ? (staging: StagedOutput) => eventLogs(set, opts, Math.min(logReplications, ran), seed, staging, logLimits)
        : undefined;
    await writeRunOutput(results, opts, new Map(), logs);
    return EXIT.ok;
  } catch (err) {
    const stopped = stoppedStatus();
    if (stopped !== null) return stopped; // stopping the workers failed their tasks: that is no error to report
    throw err;
  } finally {
    progress.clear(); // before any error message, which would otherwise land on the progress line
    stoppable();
    await runner.close();
    restoreV8ForCodeCaches(); // once failed (writeRunOutput sets them back once it ran)
  }
}

/**
 * The most replications results.json may end with, and what gave the number: --precision adds
 * replications up to --max-replications; a shard's merge holds this round's --replications.
 */
function sizeAsked(opts: RunOptions, set: ScenarioSet): SizeAsked {
  const chosen = selectedVariants(opts.variant);
  const replications = opts.replications ?? set.baseline.run.replications;
  const from = opts.replications === undefined ? 'file' : '--replications';
  const sensitivity = opts.sensitivity;
  // a shard writes no report, but its merge does by default
  const csv = opts.shard !== undefined || (opts.report && (opts.formats ?? DEFAULT_FORMATS).includes('csv'));
  const johnson = opts.interval === 'johnson';
  if (opts.precision !== undefined && !opts.shard && opts.maxReplications > replications)
    return { chosen, replications: opts.maxReplications, from: '--max-replications', sensitivity, csv, johnson };
  return { chosen, replications, from, sensitivity, csv, johnson };
}

/**
 * Each variant's first replications again, in this thread, observed (the same events the
 * experiment simulated), streamed into the output's staging folder.
 */
async function eventLogs(
  set: ScenarioSet,
  opts: RunOptions,
  /** the first replications logged: at most the run's */
  replications: number,
  seed: number,
  staging: StagedOutput,
  limits: LogLimits,
): Promise<void> {
  const { writeEventLogs } = await import('../../engine/interchange/write-event-logs.js');
  const selected = selectedVariants(opts.variant);
  const chosen = selected === null ? set.variants : set.variants.filter((v) => selected.includes(v.name));
  const { EventLogTooLarge } = await import('../../engine/interchange/ocel-sqlite.js');
  // the replay simulates in this thread, cold where the run's replications ran on worker threads,
  // under the inlining limit as the process started or as it is set back to (bin/v8-flags.ts:
  // lowered again now, while V8 may be compiling on a background thread, it can crash the process)
  try {
    await writeEventLogs({
      variants: [{ name: 'baseline', scenario: set.baseline }, ...chosen.map((v) => ({ name: v.name, scenario: v.scenario }))],
      formats: opts.eventLog!,
      replications,
      seed,
      maxWip: opts.maxWip,
      target: (name) => {
        const path = join(staging.path, name);
        mkdirSync(dirname(path), { recursive: true }); // inside the fresh staging folder
        if (!name.endsWith('-part')) staging.add(name); // scratch files are gone before the commit
        return path;
      },
      maxSqliteBytes: limits.sqliteBytes,
    });
  } catch (err) {
    // says what to ask for instead; the staging folder, and so every file, is discarded: exit 2
    if (err instanceof EventLogTooLarge) throw new UsageError(err.message);
    throw err;
  } finally {
    restoreV8ForCodeCaches();
  }
}

/** The event logs' limits, as ETOMSIM_LOG_LIMITS lowers them (a bad value: a usage error). */
function logLimitsForCommand(): LogLimits {
  try {
    return parseLogLimits(process.env[LIMITS_VARIABLE]);
  } catch (err) {
    if (err instanceof LogLimitsError) throw new UsageError(err.message);
    throw err;
  }
}

/** The scenario's text as its loader decodes it; undefined when it cannot be read as one, which loadForCommand then tells as for any run. */
function readScenarioText(file: string): string | undefined {
  const source = readScenarioSource(file);
  return 'text' in source ? source.text : undefined;
}

/**
 * results.json of an experiment of this scenario set: one construction for a run and a merge of shards, so that they
 * agree. `pendingRound`: a merge's round the precision still needs more after (next-round.json), which its warning
 * advises instead of a higher --max-replications; a run, whose rounds all run, has none.
 */
export function runResults(
  set: ScenarioSet,
  seed: number,
  experiment: Pick<ExperimentOutput, 'runs' | 'workers' | 'wallSeconds' | 'precision'>,
  interval?: IntervalMethod,
  pendingRound: PendingRound | null = null,
): Results {
  return buildResults({
    scenario: set.baseline.name,
    description: set.baseline.description,
    version: VERSION,
    seed,
    workers: experiment.workers,
    wallSeconds: experiment.wallSeconds,
    runs: experiment.runs,
    precision: experiment.precision,
    pendingRound,
    set,
    interval,
  });
}

/**
 * What a run and a merge of shards both end with: the results printed before the report is
 * rendered (which takes longer than many runs), then every file written together, once all
 * of them exist.
 */
export async function writeRunOutput(
  results: Results,
  opts: { out: string; report: boolean; quiet: boolean; formats?: ReportFormat[] },
  extra: OutputFiles = new Map(),
  /** files written straight into the staging folder (event logs), before the others */
  streamed?: (staging: StagedOutput) => Promise<void>,
  /** how the replications ran, when engine.workers cannot say it (summaryText's `ran`) */
  ran?: string,
): Promise<void> {
  if (!opts.quiet) process.stdout.write(terminalText(summaryText(results, ran)) + '\n');
  else {
    const kept = quietWarningText(results.warnings ?? []);
    if (kept !== '') process.stderr.write(terminalText(kept)); // asked for only when there is one: Node makes the stream then
  }
  // a report too large to build is not begun: results.json, simulated already, is written alone (reports/report-size.ts)
  const tooLarge = opts.report ? reportTooLarge(results, opts.formats ?? DEFAULT_FORMATS) : null;
  if (tooLarge !== null)
    // said under -q too: the report asked for is not written (README, Command line)
    process.stderr.write(
      `warning: no report written: ${tooLarge}; results.json is written (etomsim report ${join(opts.out, 'results.json')} --formats csv)\n`,
    );
  const withReport = opts.report && tooLarge === null;
  const charts = withReport && drawsCharts(opts.formats);
  // V8's flags as the build made the scripts' caches, before the report's scripts load. The report's budget
  // is raised before its scripts load (they take their code caches under it), but after the chart threads
  // have loaded Node's own modules, which it would have them compile again.
  restoreV8ForCodeCaches();
  if (charts) await assertThreadCodeIntact(); // before the chart threads import the bundle's modules
  // the chart threads start, and load the renderer while the report's modules load and results.json's text is
  // built (reports/svg-thread.ts)
  const drawing = charts ? (await import('../../reports/svg-thread.js')).startChartDrawing(undefined, optimiseReportLater) : null;
  const files: OutputFiles = new Map();
  try {
    // imported here: vega, vega-lite and arquero cost about 0.6 CPU s to load, which --no-report does not pay
    const report = withReport ? await import('../../reports/index.js') : null;
    if (report !== null && drawing === null) optimiseReportLater();
    // each file is built whole before the folder is staged: one too long to build leaves the folder as it was
    files.set('results.json', await building('results.json', () => JSON.stringify(results, null, 2) + '\n'));
    for (const [name, content] of extra) files.set(name, content);
    await drawing?.started(); // the report built under its budget
    if (report !== null)
      for (const [name, content] of await building('the report', () => report.buildReport(results, opts.formats, drawing)))
        files.set(name, content);
  } finally {
    drawing?.stop();
    restoreV8ForCodeCaches();
  }
  const staging = stageOutput(opts.out, 'run');
  try {
    if (streamed) await streamedStoppably(() => staging.streaming(() => streamed(staging)), opts.quiet);
    for (const [name, content] of files) staging.write(name, content);
    staging.commit();
  } finally {
    staging.discard();
  }
  if (!opts.quiet) process.stdout.write(`\n${wroteLine(opts.out, withReport, files)}\n`);
}

/**
 * The event logs stream into the staging folder for as long as their replay takes: a stop
 * meanwhile removes it and exits (bin/stop-signals.ts). The rest of the folder is written in one
 * stretch, after the signals are let go.
 */
async function streamedStoppably(stream: () => Promise<void>, quiet: boolean): Promise<void> {
  const released = whileStoppable((signal) => {
    if (signal !== 'SIGHUP' && !quiet) process.stderr.write('interrupted: no output written\n');
  });
  try {
    await stream();
  } finally {
    await released();
  }
}

function wroteLine(outDir: string, withReport: boolean, files: OutputFiles): string {
  if (!withReport) return `wrote ${join(outDir, 'results.json')}`;
  if (files.has('report.html'))
    return `wrote ${join(outDir, 'results.json')} and the report: open ${join(outDir, 'report.html')} in a browser`;
  return `wrote ${join(outDir, 'results.json')} and the report (${counted(files.size - 1, 'file')})`;
}
