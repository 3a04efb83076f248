// What a command lacks when it is given too few files. yargs says "Not enough non-option
// arguments: got 0, need at least 1", which names neither the file nor the command (s34y F8): a
// first-hour user who typed `etomsim bottlenecks`, expecting the bundled scenario as `run` takes
// it, could not tell what to add. Each command's files in words and its usage line (the
// positionals as yargs' `COMMAND --help` first line names them, in capitals: a test holds the
// two together); the exit status stays a usage error's (2). Likewise a required option left out:
// yargs' "Missing required argument: out" said neither what to give nor how (s59J).
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

/** A required option: its name, the word for its value in the usage line, and what the value is. */
interface RequiredOption {
  name: string;
  value: string;
  what: string;
}

/**
 * Per command with a required option (its --help says `[required]`: a test holds the two together), and its usage
 * line where NEEDS has none (a command without a required file).
 */
export const REQUIRED_OPTIONS: Readonly<Record<string, { options: readonly RequiredOption[]; usage?: string }>> = {
  size: { options: [{ name: 'target', value: 'EXPR', what: 'a target the sizes must meet, e.g. "flows.F.cycle_time.p90 <= 5d"' }] },
  worker: {
    options: [{ name: 'queue', value: 'URL', what: 'the redis:// or rediss:// URL of the queue to serve' }],
    usage: 'etomsim worker --queue URL [--workers N]',
  },
  'export-bpmn': { options: [{ name: 'out', value: 'FILE', what: 'the BPMN file to write' }] },
  'import-bpmn': { options: [{ name: 'out', value: 'FILE', what: 'the scenario file to write' }] },
  discover: { options: [{ name: 'out', value: 'FILE', what: 'the scenario file to write' }] },
  fidelity: { options: [{ name: 'out', value: 'DIR', what: 'the folder to write fidelity.json and fidelity.html in' }] },
};

const YARGS = /^Not enough non-option arguments: got (\d+), need at least (\d+)/;

/** A command's options as yargs declares them: each name and alias, and which are flags. */
export interface KnownOptions {
  names: ReadonlySet<string>;
  flags: ReadonlySet<string>;
}

/**
 * The options typed that the command does not have, each right before a word that does not read
 * as an option, which yargs then took as its value: `etomsim validate -q plan.yaml` (validate has
 * no -q) left validate no file, and yargs counts the files before it looks for unknown options,
 * so the command said it "needs a scenario file" beside the file given. Their names as yargs'
 * strict mode says them (`Unknown argument: q`, as `etomsim validate plan.yaml -q` is told);
 * empty when every option typed is the command's.
 */
export function unknownOptionsBeforeFiles(argv: readonly string[], known: KnownOptions): string[] {
  const isKnown = (name: string) => {
    const kebab = name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const negated = /^no-(.+)$/.exec(kebab);
    return known.names.has(name) || known.names.has(kebab) || (negated !== null && known.flags.has(negated[1]));
  };
  const unknown: string[] = [];
  argv.forEach((word, i) => {
    const option = /^--?([A-Za-z][\w-]*)$/.exec(word);
    if (option === null || (word.startsWith('-') && !word.startsWith('--') && option[1].length > 1)) return;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('-') && !isKnown(option[1])) unknown.push(option[1]);
  });
  return unknown;
}
const YARGS_OPTIONS = /^Missing required arguments?: ([^\n]+)/;

/**
 * yargs' message with its first sentence said for the command on the command line: "discover
 * needs an event log file: etomsim discover LOG --out FILE"; with some files given, the ones
 * missing ("fidelity needs an event log file too, after a scenario file: ..."). Anything after
 * yargs' sentence (a note on `--`) is kept. Where an option the command does not have (`known`)
 * took the file for its value, yargs' strict words for it instead. Any other message, or a
 * command not listed, as it is.
 */
export function missingArgument(argv: readonly string[], message: string, known?: KnownOptions): string {
  const command = argv.find((word) => (COMMANDS as readonly string[]).includes(word));
  if (command === undefined) return message;
  const options = YARGS_OPTIONS.exec(message);
  if (options !== null) return missingOptions(command, options[1].split(', '), message);
  const said = YARGS.exec(message);
  if (said === null || !Object.hasOwn(NEEDS, command)) return message;
  const unknown = known === undefined ? [] : unknownOptionsBeforeFiles(argv.slice(argv.indexOf(command) + 1), known);
  if (unknown.length > 0) return `Unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`;
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

/**
 * yargs' "Missing required argument: out" said for the command: "discover needs --out FILE (the scenario file to
 * write): etomsim discover LOG --out FILE". A command or option not listed: the message as it is.
 */
function missingOptions(command: string, names: readonly string[], message: string): string {
  if (!Object.hasOwn(REQUIRED_OPTIONS, command)) return message;
  const { options, usage = NEEDS[command]?.usage } = REQUIRED_OPTIONS[command];
  const missing = names.map((name) => options.find((o) => o.name === name));
  if (usage === undefined || missing.some((o) => o === undefined)) return message;
  return `${command} needs ${missing.map((o) => `--${o!.name} ${o!.value} (${o!.what})`).join(' and ')}: ${usage}`;
}
