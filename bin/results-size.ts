// The refusal of a run whose results.json could not be written (engine/results/size-estimate.ts),
// before any replication runs: at the `replications` line of the file when the file gave the
// number (`validate` says the same), else naming the option that gave it.
import {
  MAX_RESULTS_BYTES,
  replicationsThatFit,
  resultsSizeBound,
  resultsSizeEstimate,
  resultsTooLarge,
  type SizeEstimate,
  type SizeInput,
} from '../engine/results/size-estimate.js';
import { MAX_REPLICATIONS } from '../engine/scenario/limits.js';
import type { Diagnostic } from '../engine/scenario/diagnostics.js';
import type { LoadResult } from '../engine/scenario/load.js';
import type { ScenarioSet } from '../engine/scenario/types.js';
import { UsageError } from './errors.js';

export interface SizeAsked {
  /** the variants run besides the baseline (unknown names left out); null: every one */
  chosen: readonly string[] | null;
  /** the most replications the run may end with */
  replications: number;
  /** what gave that number: the file's run.replications, or an option (--replications, --max-replications) */
  from: 'file' | `--${string}`;
  sensitivity?: boolean;
  /** the report's CSV tables are written */
  csv: boolean;
  /** --interval johnson: every stat and comparison also holds Johnson's interval */
  johnson?: boolean;
}

/**
 * The run's estimate, made once when first asked (it compiles every variant run): `run` reads it
 * for the file's check, an option's and the report's weight, which compiled them each until session 39.
 */
export type Weighed = () => SizeEstimate;

/** `set` weighed for `asked` the first time the answer is read, the same answer after. */
export function weighOnce(set: ScenarioSet, asked: SizeAsked): Weighed {
  let estimate: SizeEstimate | null = null;
  return () => (estimate ??= sizeEstimate(set, asked));
}

/**
 * Why results.json of this run could not be written; null when it can. A run whose bound from
 * counts (resultsSizeBound) fits is told so without the estimate, which only a run near the
 * limits needs, and whose figures only a refusal quotes.
 */
export function sizeProblem(set: ScenarioSet, asked: SizeAsked, weighed = weighOnce(set, asked)): string | null {
  const bound = resultsSizeBound(sizeInput(set, asked));
  if (bound.bytes <= MAX_RESULTS_BYTES && bound.csvBytes <= MAX_RESULTS_BYTES) return null;
  return resultsTooLarge(weighed());
}

/**
 * The most replications of this run whose results.json (and replications.csv) fit: never more
 * than do for any count up to MAX_REPLICATIONS (a count's digits weigh in replications.csv).
 */
export function mostReplications(set: ScenarioSet, asked: Omit<SizeAsked, 'replications' | 'from'>): number {
  return replicationsThatFit(sizeEstimate(set, { ...asked, replications: MAX_REPLICATIONS.max, from: 'file' }));
}

/** What the run's report would draw, weighed from the scenario before it simulates (reports/report-size.ts' runReportTooLarge). */
export function reportWeight(
  set: ScenarioSet,
  asked: SizeAsked,
  weighed = weighOnce(set, asked),
): { variants: number; chartValues: { fixed: number; perReplication: number } } {
  const { variants, chartValues } = weighed();
  return { variants, chartValues };
}

function sizeEstimate(set: ScenarioSet, asked: SizeAsked) {
  return resultsSizeEstimate(sizeInput(set, asked));
}

function sizeInput(set: ScenarioSet, asked: SizeAsked): SizeInput {
  const known = asked.chosen === null ? null : asked.chosen.filter((name) => set.variants.some((v) => v.name === name));
  return {
    set,
    chosen: known,
    replications: asked.replications,
    sensitivity: asked.sensitivity ?? false,
    csv: asked.csv,
    johnson: asked.johnson ?? false,
  };
}

/** The file's own problem, at run.replications (at `run` when the file leaves it at its default), when the file gave the number. */
export function sizeDiagnostics(loaded: LoadResult, asked: SizeAsked, weighed?: Weighed): Diagnostic[] {
  if (asked.from !== 'file' || loaded.set === null) return [];
  const problem = sizeProblem(loaded.set, asked, weighed);
  if (problem === null) return [];
  return [{ severity: 'error', file: loaded.set.file, ...loaded.locate('run.replications'), message: problem, path: 'run.replications' }];
}

/** The option's problem, as a usage error (exit 2), when an option gave the number. */
export function checkSizeOption(set: ScenarioSet, asked: SizeAsked, weighed?: Weighed): void {
  if (asked.from === 'file') return;
  const problem = sizeProblem(set, asked, weighed);
  if (problem !== null) throw new UsageError(`${asked.from} ${asked.replications}: ${problem}`);
}
