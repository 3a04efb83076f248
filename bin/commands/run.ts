// `etomsim run`: simulate the baseline and its variants, print the KPIs and the gains, and
// write results.json (and the report) atomically.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { sensitivity } from '../../engine/analysis/sensitivity.js';
import { runExperiment, type PrecisionTarget } from '../../engine/experiment/experiment.js';
import type { IntervalMethod } from '../../engine/stats/summary.js';
import { createRunner } from '../../engine/experiment/runner.js';
import { removePending, writeAtomically, type OutputFiles } from '../../engine/io/atomic.js';
import { buildResults } from '../../engine/results/build.js';
import { EXIT, UsageError } from '../errors.js';
import { Progress } from '../progress.js';
import { summaryText } from '../run-summary.js';
import { loadForCommand } from '../scenario-input.js';
export { DEFAULT_SCENARIO } from '../scenario-input.js';
import { VERSION } from '../version.js';

export interface RunOptions {
  scenario: string;
  replications?: number;
  seed?: number;
  out: string;
  report: boolean;
  quiet: boolean;
  workers?: number;
  variant?: string[];
  precision?: number;
  /** what --precision targets; the flows' mean cycle times by default */
  precisionOn?: PrecisionTarget;
  maxReplications: number;
  /** how 95% intervals are formed; Student's t by default */
  interval?: IntervalMethod;
  /** also run one more unit of each team in the baseline, and rank what each buys */
  sensitivity: boolean;
}

export async function runCommand(opts: RunOptions): Promise<number> {
  const set = loadForCommand(opts.scenario, opts.quiet);
  const unknown = (opts.variant ?? []).filter((v) => !set.variants.some((x) => x.name === v));
  if (unknown.length > 0) {
    const known = set.variants.map((v) => v.name).join(', ') || 'none';
    throw new UsageError(`unknown variant ${unknown.map((v) => `'${v}'`).join(', ')}; the scenario's variants are: ${known}`);
  }
  const replications = opts.replications ?? set.baseline.run.replications;
  const seed = opts.seed ?? set.baseline.run.seed;
  const showProgress = !opts.quiet && process.stderr.isTTY === true;
  let progress = new Progress(showProgress);
  const runner = createRunner(opts.workers ?? availableParallelism());
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    progress.clear();
    process.stderr.write('interrupted: stopping the workers; no output written\n');
    removePending();
    void runner.close().finally(() => process.exit(130));
    setTimeout(() => process.exit(130), 2000).unref();
  };
  process.once('SIGINT', onSigint);
  try {
    const experiment = await runExperiment(set, {
      replications,
      seed,
      workers: runner.workers,
      variants: opts.variant && opts.variant.length > 0 ? opts.variant : null,
      precision: opts.precision ?? null,
      precisionOn: opts.precisionOn,
      maxReplications: Math.max(opts.maxReplications, replications),
      onProgress: (done, total) => progress.update(done, total),
      runner,
    });
    progress.clear();
    const results = buildResults({
      scenario: set.baseline.name,
      description: set.baseline.description,
      version: VERSION,
      seed,
      workers: experiment.workers,
      wallSeconds: experiment.wallSeconds,
      runs: experiment.runs,
      precision: experiment.precision,
      interval: opts.interval,
      set,
    });
    if (opts.sensitivity) {
      progress = new Progress(showProgress); // its own count, and an estimate of its own time left
      const analysis = await sensitivity(
        { name: 'baseline', scenario: set.baseline },
        // as many replications as the main run ended with (--precision may have added some)
        { replications: results.engine.replications, seed, workers: runner.workers, version: VERSION, runner, onProgress: (done, total) => progress.update(done, total) },
      );
      progress.clear();
      results.sensitivity = analysis.ranking;
    }
    // The results are printed before the report is rendered (which takes longer than many
    // runs); the files are still written together, once all of them exist.
    if (!opts.quiet) process.stdout.write(summaryText(results) + '\n');
    const files: OutputFiles = new Map([['results.json', JSON.stringify(results, null, 2) + '\n']]);
    if (opts.report) {
      // imported here: vega, vega-lite and arquero cost about 0.6 CPU s to load, which --no-report does not pay
      const { buildReport } = await import('../../reports/index.js');
      for (const [name, content] of await buildReport(results)) files.set(name, content);
    }
    writeAtomically(opts.out, files);
    if (!opts.quiet) process.stdout.write(`\n${wroteLine(opts.out, opts.report)}\n`);
    return EXIT.ok;
  } catch (err) {
    if (interrupted) return EXIT.interrupted; // stopping the workers failed their tasks: that is no error to report
    throw err;
  } finally {
    progress.clear(); // before any error message, which would otherwise land on the progress line
    process.removeListener('SIGINT', onSigint);
    await runner.close();
  }
}

function wroteLine(outDir: string, withReport: boolean): string {
  return withReport
    ? `wrote ${join(outDir, 'results.json')} and the report: open ${join(outDir, 'report.html')} in a browser`
    : `wrote ${join(outDir, 'results.json')}`;
}
