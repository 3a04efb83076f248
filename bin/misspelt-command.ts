// A command name mistyped as the first word: yargs would take it as `run`'s scenario file (the
// default command), so `etomsim valdate FILE` said "Unknown argument: FILE" and `etomsim valdate`
// "no scenario file at 'valdate'", neither of which points at the typo. A quiet flag typed before
// the command word (`etomsim -q validate FILE`) made yargs, which knows -q only inside each
// command, read the command word as the scenario too: the flag is moved to the end first.
import { existsSync } from 'node:fs';
import { closest } from '../engine/scenario/suggest.js';

/** The commands of bin/main.ts, in the order --help lists them (test/bin/misspelt-command.test.ts holds them equal). */
export const COMMANDS = [
  'run',
  'merge',
  'worker',
  'validate',
  'report',
  'bottlenecks',
  'size',
  'export-bpmn',
  'import-bpmn',
  'discover',
  'fidelity',
  'catalog',
] as const;

/** The flags that take no value and may come before the command word: moved after it (commandWordFirst). */
const QUIET = ['-q', '--quiet'];

/**
 * The command line with leading quiet flags moved to its end (before a `--`, after which words
 * are files), when the word that follows them names a command or is within reach of one (so that
 * misspeltCommand sees it first); any other command line as it is. At the end, a flag no value
 * can follow: a command without -q says so ("Unknown argument: q") rather than take the next
 * word as the flag's value.
 */
export function commandWordFirst(argv: readonly string[]): readonly string[] {
  let flags = 0;
  while (flags < argv.length && QUIET.includes(argv[flags])) flags++;
  const word = argv[flags];
  if (flags === 0 || word === undefined || word.startsWith('-')) return argv;
  if (!(COMMANDS as readonly string[]).includes(word) && closest(word, COMMANDS) === null) return argv;
  const rest = argv.slice(flags);
  const dashes = rest.indexOf('--');
  const at = dashes < 0 ? rest.length : dashes;
  return [...rest.slice(0, at), ...argv.slice(0, flags), ...rest.slice(at)];
}

/**
 * What to say when the command line's first word is no command but within two edits of one (or
 * an abbreviation of one), and no file of that name exists: then it cannot be the scenario the
 * default command would run. null otherwise: an option, a command, a path, an existing file.
 */
export function misspeltCommand(argv: readonly string[]): string | null {
  const word = argv[0];
  if (word === undefined || word.startsWith('-') || /[./\\]/.test(word)) return null;
  if ((COMMANDS as readonly string[]).includes(word) || existsSync(word)) return null;
  const meant = closest(word, COMMANDS);
  if (meant === null) return null;
  return `unknown command '${word}'; did you mean '${meant}'? (the commands: ${COMMANDS.join(', ')}; a scenario file alone runs it)`;
}
