// Real results: the bundled scenario simulated in this process (one worker), with a few
// replications to keep the tests quick, built by the run command's own construction.
import { fileURLToPath } from 'node:url';
import { runExperiment } from '../../engine/experiment/experiment.js';
import { runResults } from '../../bin/commands/run.js';
import type { Results } from '../../engine/results/types.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';

const SCENARIO = fileURLToPath(new URL('../../scenarios/fiber-order-to-activation.yaml', import.meta.url));

export async function bundledResults(replications = 3, file = SCENARIO): Promise<Results> {
  const set = loadScenarioFile(file).set;
  if (!set) throw new Error(`the bundled scenario ${file} does not load`);
  const seed = set.baseline.run.seed;
  const experiment = await runExperiment(set, {
    replications,
    seed,
    workers: 1,
    variants: null,
    precision: null,
    maxReplications: replications,
  });
  return runResults(set, seed, experiment);
}
