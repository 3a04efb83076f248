// Several versions of one scenario run as the variants of a single experiment: one pool
// runs them in parallel, and the shared seeds give common random numbers, so differences
// between them are the changes' and not the noise's. Sizing and sensitivity both work so.
import { runExperiment, type VariantRun } from '../experiment/experiment.js';
import type { Runner } from '../experiment/runner.js';
import type { OfferedLoads } from '../model/offered-load.js';
import type { Scenario } from '../scenario/types.js';

export interface SideBySideOptions {
  replications: number;
  seed: number;
  workers: number;
  onProgress?: (done: number, total: number) => void;
  /** a pool to use and leave open, kept warm across calls (sizing evaluates batch after batch); else one per call */
  runner?: Runner;
  /** the replications' work-in-progress cap (engine/sim/run-limits.ts) */
  maxWip?: number;
  /** the command's OfferedLoads, when it computed some of the versions' already (its warnings: run, bottlenecks) */
  offeredLoads?: OfferedLoads;
}

export interface Version {
  name: string;
  scenario: Scenario;
}

/** One run per version, in order, each named as its version: the per-replication numbers the analyses work on. */
export async function runSideBySide(versions: Version[], options: SideBySideOptions): Promise<VariantRun[]> {
  const [first, ...rest] = versions;
  const experiment = await runExperiment(
    {
      file: first.scenario.name,
      baseline: first.scenario,
      variants: rest.map((v) => ({ name: v.name, description: null, scenario: v.scenario })),
    },
    {
      replications: options.replications,
      seed: options.seed,
      workers: options.workers,
      variants: null,
      precision: null,
      maxReplications: options.replications,
      onProgress: options.onProgress,
      runner: options.runner,
      maxWip: options.maxWip,
      offeredLoads: options.offeredLoads,
    },
  );
  return experiment.runs.map((run, i) => ({ ...run, name: versions[i].name }));
}
