// A scenario set run in this process and turned into results.json's object: for tests of
// what the results say about a run (warnings, checks), without a worker pool.
import { runExperiment } from '../../engine/experiment/experiment.js';
import { buildResults } from '../../engine/results/build.js';
import type { Results } from '../../engine/results/types.js';
import type { Scenario, ScenarioSet } from '../../engine/scenario/types.js';

export async function resultsOf(baseline: Scenario, variants: { name: string; scenario: Scenario }[] = []): Promise<Results> {
  return resultsOfSet({ file: baseline.name, baseline, variants: variants.map((v) => ({ ...v, description: null })) }, false);
}

/** The same for a loaded set; `withInputs`: each variant's inputs too (as `run` writes them), which some warnings read. */
export async function resultsOfSet(set: ScenarioSet, withInputs = true): Promise<Results> {
  const { baseline } = set;
  const { run } = baseline;
  const experiment = await runExperiment(set, {
    replications: run.replications,
    seed: run.seed,
    workers: 1,
    variants: null,
    precision: null,
    maxReplications: run.replications,
  });
  return buildResults({
    scenario: baseline.name,
    description: null,
    version: 'test',
    seed: run.seed,
    workers: 1,
    wallSeconds: 0,
    runs: experiment.runs,
    precision: null,
    ...(withInputs ? { set } : {}),
  });
}
