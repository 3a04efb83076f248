// `etomsim validate`: every problem in a scenario (or in each of several), one line each, and the exit code. A scenario
// whose results.json `run` could not write (bin/results-size.ts) is refused here too, at its
// run.replications, so that validate accepts only what run with the file's own settings (and its report's CSV
// tables, written by default) runs.
import { loadForCommand } from '../scenario-input.js';
import { sizeDiagnostics } from '../results-size.js';
import { counted } from '../../engine/plural.js';
import { EXIT } from '../errors.js';
import { type InstallDamage, reportFailure } from '../report-failure.js';
import { writeOut } from '../standard-output.js';

/**
 * Each file checked in turn, as a linter checks `scenarios/*.yaml`: every file's problems and
 * "valid" lines printed, exit 2 when any file fails. One file fails as any command's input does.
 * A file's failure is told by reportFailure, as one file's is by the command line: bad input
 * (exit 2) counts the file as failed and the next is checked; anything else (a bug, a damaged
 * install, a stop signal) ends the command with its own status. `installDamage`: main()'s.
 */
export async function validateCommand(file: string, more: readonly string[] = [], installDamage?: InstallDamage): Promise<number> {
  if (more.length === 0) return validateOne(file);
  let failed = 0;
  for (const each of [file, ...more]) {
    try {
      validateOne(each);
    } catch (err) {
      const status = await reportFailure(err, installDamage);
      if (status !== EXIT.invalid) return status;
      failed++;
    }
  }
  if (failed > 0)
    process.stderr.write(`etomsim: ${failed} of ${more.length + 1} scenario files ${failed === 1 ? 'is' : 'are'} not valid\n`);
  return failed > 0 ? EXIT.invalid : EXIT.ok;
}

function validateOne(file: string): number {
  const set = loadForCommand(file, false, {
    check: (loaded) =>
      sizeDiagnostics(loaded, { chosen: null, replications: loaded.set!.baseline.run.replications, from: 'file', csv: true }),
  });
  const variants = set.variants.length;
  writeOut(`${file}: valid (${counted(set.baseline.flows.length, 'flow')}, ${counted(variants, 'variant')})\n`);
  return EXIT.ok;
}
