// `etomsim validate`: every problem in a scenario (or in each of several), one line each, and the exit code. A scenario
// whose results.json `run` could not write (bin/results-size.ts) is refused here too, at its
// run.replications, so that validate accepts only what run with the file's own settings (and its report's CSV
// tables, written by default) runs.
import { loadForCommand } from '../scenario-input.js';
import { sizeDiagnostics } from '../results-size.js';
import { counted } from '../../engine/plural.js';
import { terminalText } from '../../engine/io/terminal-text.js';
import { EXIT, InvalidScenario, LocatedInputError, UsageError } from '../errors.js';

/**
 * Each file checked in turn, as a linter checks `scenarios/*.yaml`: every file's problems and
 * "valid" lines printed, exit 2 when any file fails. One file fails as any command's input does.
 */
export function validateCommand(file: string, more: readonly string[] = []): number {
  if (more.length === 0) return validateOne(file);
  let failed = 0;
  for (const each of [file, ...more]) {
    try {
      validateOne(each);
    } catch (err) {
      // told as bin/report-failure.ts tells them, and the next file checked; anything else is a bug
      if (err instanceof UsageError) process.stderr.write(`etomsim: ${terminalText(err.message)}\n`);
      else if (err instanceof LocatedInputError) process.stderr.write(`${terminalText(err.message)}\n`);
      else if (!(err instanceof InvalidScenario)) throw err; // its problems are printed already
      failed++;
    }
  }
  if (failed > 0)
    process.stderr.write(`etomsim: ${failed} of ${more.length + 1} scenario files ${failed === 1 ? 'is' : 'are'} not valid\n`);
  return failed > 0 ? EXIT.invalid : EXIT.ok;
}

function validateOne(file: string): number {
  const set = loadForCommand(file, false, undefined, (loaded) =>
    sizeDiagnostics(loaded, { chosen: null, replications: loaded.set!.baseline.run.replications, from: 'file', csv: true }),
  );
  const variants = set.variants.length;
  process.stdout.write(`${file}: valid (${counted(set.baseline.flows.length, 'flow')}, ${counted(variants, 'variant')})\n`);
  return EXIT.ok;
}
