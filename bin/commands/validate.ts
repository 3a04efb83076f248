// `etomsim validate`: every problem in a scenario, one line each, and the exit code. A scenario
// whose results.json `run` could not write (bin/results-size.ts) is refused here too, at its
// run.replications, so that validate accepts only what run with the file's own settings (and its report's CSV
// tables, written by default) runs.
import { loadForCommand } from '../scenario-input.js';
import { sizeDiagnostics } from '../results-size.js';
import { counted } from '../../engine/plural.js';

export function validateCommand(file: string): number {
  const set = loadForCommand(file, false, undefined, (loaded) =>
    sizeDiagnostics(loaded, { chosen: null, replications: loaded.set!.baseline.run.replications, from: 'file', csv: true }),
  );
  const variants = set.variants.length;
  process.stdout.write(`${file}: valid (${counted(set.baseline.flows.length, 'flow')}, ${counted(variants, 'variant')})\n`);
  return 0;
}
