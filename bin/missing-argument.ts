// What a command lacks when it is given too few files. yargs says "Not enough non-option
// arguments: got 0, need at least 1", which names neither the file nor the command (s34y F8): a
// first-hour user who typed `etomsim bottlenecks`, expecting the bundled scenario as `run` takes
// it, could not tell what to add. Each command's files in words and its usage line (the
// positionals as yargs' `COMMAND --help` first line names them, in capitals: a test holds the
// two together); the exit status stays a usage error's (2).
import { COMMANDS } from './misspelt-command.js';

interface Needs {
  /** each positional in words, in order: "a scenario file" */
  files: string[];
  /** the usage line, its positionals in capitals, its main options (in brackets those a user may leave out) */
  usage: string;
  /** after the usage: what else to know */
  note?: string;
}

const SCENARIO = 'a scenario file (YAML)';
const BUNDLED = '`run` takes the bundled scenario when none is given; this command does not';

/** Per command with a required positional. */
export const NEEDS: Readonly<Record<string, Needs>> = {
  validate: { files: [SCENARIO], usage: 'etomsim validate SCENARIO [MORE...]' },
  merge: { files: ["the shard files (or folders) of 'run --shard'"], usage: 'etomsim merge SHARDS... [--out DIR]' },
  report: { files: ['a results.json (or sizing.json)'], usage: 'etomsim report RESULTS [--out DIR] [--formats LIST]' },
  bottlenecks: { files: [SCENARIO], usage: 'etomsim bottlenecks SCENARIO [--out DIR]', note: BUNDLED },
  size: { files: [SCENARIO], usage: 'etomsim size SCENARIO --target EXPR [--target EXPR ...] [--out DIR]', note: BUNDLED },
  'export-bpmn': { files: [SCENARIO], usage: 'etomsim export-bpmn SCENARIO --out FILE' },
  'import-bpmn': { files: ['a BPMN 2.0 file'], usage: 'etomsim import-bpmn FILE --out FILE' },
  discover: { files: ['an event log file'], usage: 'etomsim discover LOG --out FILE' },
  fidelity: { files: [SCENARIO, 'an event log file'], usage: 'etomsim fidelity SCENARIO LOG --out DIR' },
};

const YARGS = /^Not enough non-option arguments: got (\d+), need at least (\d+)/;

/**
 * yargs' message with its first sentence said for the command on the command line: "discover
 * needs an event log file: etomsim discover LOG --out FILE"; with some files given, the ones
 * missing ("fidelity needs an event log file too, after a scenario file: ..."). Anything after
 * yargs' sentence (a note on `--`) is kept. Any other message, or a command not listed, as it is.
 */
export function missingArgument(argv: readonly string[], message: string): string {
  const said = YARGS.exec(message);
  const command = argv.find((word) => (COMMANDS as readonly string[]).includes(word));
  if (said === null || command === undefined || !Object.hasOwn(NEEDS, command)) return message;
  const needs = NEEDS[command];
  const got = Number(said[1]);
  const missing = needs.files.slice(got);
  const what =
    got === 0 || missing.length === 0
      ? `needs ${needs.files.join(' and ')}`
      : `needs ${missing.join(' and ')} too, after ${needs.files.slice(0, got).join(' and ')}`;
  const note = needs.note === undefined || got > 0 ? '' : ` (${needs.note})`;
  return `${command} ${what}: ${needs.usage}${note}${message.slice(said[0].length)}`;
}
