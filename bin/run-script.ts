// The entry of dist/cli/run.cjs (tools/bundle.mjs): `etomsim run FILE` with only the options
// plainRun reads (bin/plain-run.ts), which bin/load-cli.cjs runs from this script instead of
// main.cjs. It holds the run command and what it imports, 0.52 MB against main.cjs' 1.7 MB
// (not yargs nor the other commands, nor the report's formats: tools/bundle.mjs RUN_LATER, nor the shards, the queue or the event logs, which no command line it runs reaches: RUN_NEVER, nor yaml: dist/cli/yaml.cjs, bin/load-cli.cjs yamlScript), and every process reads, checks and holds its script
// whole (CONTRIBUTING.md, hot path, rule 11). main.cjs' main() (bin/main.ts) runs the same
// command line through this module too, neither loading yargs.
import { plainRun, runOptions } from './plain-run.js';
import { checkInstallBeforeThreads } from '../engine/thread-options.js';
import { type InstallDamage, reportFailure } from './report-failure.js';

/** For bin/etomsim.cjs, which raises V8's interrupt budget for the commands that read one small input once this script is loaded (bin/v8-flags.ts). */
export { lowerInliningLimit, optimiseLater, restoreV8ForCodeCaches } from './v8-flags.js';

/**
 * The run's exit status; null for a command line plainRun does not take (a value a coerce
 * refuses), which main.cjs then runs through yargs. `installDamage`: bin/etomsim.cjs' (reportFailure).
 */
export async function main(argv: string[], installDamage?: InstallDamage): Promise<number | null> {
  const run = plainRun(argv);
  if (run === null) return null;
  checkInstallBeforeThreads(installDamage);
  try {
    const m = await import('./commands/run.js');
    return await m.runCommand(runOptions(run, m.DEFAULT_SCENARIO));
  } catch (err) {
    return reportFailure(err, installDamage);
  }
}
