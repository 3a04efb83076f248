// A command name mistyped as the first word: yargs would take it as `run`'s scenario file (the
// default command), so `etomsim valdate FILE` said "Unknown argument: FILE" and `etomsim valdate`
// "no scenario file at 'valdate'", neither of which points at the typo.
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
