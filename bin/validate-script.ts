// The entry of dist/cli/validate.cjs (tools/bundle.mjs): `etomsim validate FILE` typed as just
// that, which bin/load-cli.cjs runs from this script instead of main.cjs. It holds the validate
// command and what it imports (the scenario's loader, yaml), 0.3 MB against main.cjs' 1.1 MB,
// and every process reads, checks and holds its script whole (CONTRIBUTING.md, hot path, rule
// 11). main.cjs' main() (bin/main.ts) runs the same command line through this module too, so
// the two print and exit alike (test/bin/command-scripts.test.ts), neither loading yargs.
import { plainValidate } from './plain-validate.js';
import { type InstallDamage, reportFailure } from './report-failure.js';

/** For bin/etomsim.cjs, which raises V8's interrupt budget for the commands that read one small input once this script is loaded (bin/v8-flags.ts). */
export { optimiseLater, restoreV8ForCodeCaches } from './v8-flags.js';

/**
 * The command's exit status; null for any other command line (bin/load-cli.cjs' scriptFor gives
 * it none), which main.cjs then runs. `installDamage`: bin/etomsim.cjs' (reportFailure).
 */
export async function main(argv: string[], installDamage?: InstallDamage): Promise<number | null> {
  const file = plainValidate(argv);
  if (file === null) return null;
  try {
    // awaited, so that its failure is caught here; main.cjs imports this module too: the command only when run
    return await (await import('./commands/validate.js')).validateCommand(file);
  } catch (err) {
    return reportFailure(err, installDamage);
  }
}
