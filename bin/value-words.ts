// The command line's one rule for option values: every option that takes a value requires one,
// and a word after it that reads as an option is refused, naming the option (exit 2), rather
// than taken for its value or for a flag. Before, only the options declared `requiresArg`
// (--sla, --precision and a few with defaults) took a word starting with '-' as their value;
// the others took '' and left the word as flags (`run x.yaml --out -x` said "Unknown argument:
// x"; `--shard -1/2` "got ''"), or their default when none followed.
//
// Invariant: what this reads as an option's value is the word yargs gives that option, so the
// two never disagree: bin/main.ts applies it (before yargs' coerces and checks) to the options
// of the command being parsed, each of which it declares to take one word (`requiresArg`,
// yargs' nargs), and this mirrors yargs-parser's reading of `--name`, `--name=VALUE`, `-abc`
// groups and `--no-name` for such options. A word starting with '-' and a digit (`-5`, `-2h`,
// `-5%`) is never an option (no option is a digit): it is the value, which the option's own
// check takes (--seed -5) or refuses saying why (--replications -1), as for any other value.

/** The command's options as yargs holds them (its getOptions()): names, flags, lists and aliases. */
export interface OptionTable {
  key: Record<string, unknown>;
  boolean: string[];
  count: string[];
  array: string[];
  alias: Record<string, string[]>;
}

/** yargs-parser's negative number: a word it takes as a value wherever one may stand. */
const NEGATIVE = /^-([0-9]+(\.[0-9]+)?|\.[0-9]+)$/;

/** The options of `table` that take a value (not flags), by every name they can be typed with, to their name. */
export function valueOptions(table: OptionTable, positionals: readonly string[] = []): Map<string, string> {
  const flags = new Set([...table.boolean, ...table.count]);
  const names = new Map<string, string>();
  for (const name of Object.keys(table.key))
    if (!flags.has(name) && !positionals.includes(name) && !Object.values(table.alias).some((a) => a.includes(name))) {
      names.set(name, name);
      for (const alias of table.alias[name] ?? []) names.set(alias, name);
    }
  return names;
}

/**
 * Whether yargs gives `word` to an option taking one word as its value: a list option (`array`)
 * stops at any word starting with '-' but a negative number, the others only at '-' and a
 * letter (yargs-parser's eatArray and eatNargs).
 */
function isValue(word: string, list: boolean): boolean {
  if (NEGATIVE.test(word)) return true;
  return list ? !word.startsWith('-') : !/^-[^0-9]/.test(word);
}

/** `--max-wip` for `--maxWip`, as yargs' camel-case expansion reads it. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The refusal of the first option in `words` (a command line as yargs parses it) that takes a
 * value and is given none or a word that reads as an option; null when every one has its value.
 * `options`: valueOptions' map; `lists`: those of them that are lists (repeatable).
 */
export function missingValue(words: readonly string[], options: ReadonlyMap<string, string>, lists: readonly string[]): string | null {
  const shown = (typed: string, name: string) => (typed === `--${name}` ? typed : `${typed} (--${name})`);
  /** The value option typed as `typed` takes words[i + 1]: null if it may, else why not. */
  const follows = (typed: string, name: string, i: number, within?: string): string | null => {
    const next = words[i + 1];
    if (within !== undefined) return `${shown(typed, name)} takes a value; none follows it in '${within}'`;
    if (next === undefined) return `${shown(typed, name)} takes a value; none follows it`;
    if (isValue(next, lists.includes(name))) return null;
    return `${shown(typed, name)} takes a value, but the word after it, '${next}', reads as an option: to give a value that starts with '-', write --${name}=${next}`;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!word.startsWith('-') || word === '-' || NEGATIVE.test(word) || /^---/.test(word)) continue;
    if (word.startsWith('--')) {
      if (word.includes('=')) continue; // --name=VALUE: the value is there, whatever it is
      const typed = word.slice(2);
      const name = options.get(typed) ?? options.get(kebab(typed));
      if (name !== undefined) {
        const refused = follows(word, name, i);
        if (refused !== null) return refused;
        i++;
        continue;
      }
      const negated = /^no-(.+)$/.exec(typed);
      const denied = negated === null ? undefined : (options.get(negated[1]) ?? options.get(kebab(negated[1])));
      if (denied !== undefined) return `--${denied} takes a value; '${word}' gives it none`;
      continue;
    }
    // a group of short options, `-qo DIR`, read as yargs-parser reads it: a letter takes the rest
    // of the word after '=', or a number, or a rest starting with a sign ('-o/tmp'); else it is a flag
    const letters = word.slice(1, -1);
    let valued = false;
    for (let j = 0; j < letters.length; j++) {
      const rest = word.slice(j + 2);
      if (letters[j + 1] === '=' || rest === '-' || (/[A-Za-z]/.test(letters[j]) && /^-?\d+(\.\d*)?(e-?\d+)?$/.test(rest))) {
        valued = true;
        break;
      }
      if (letters[j + 1] !== undefined && /\W/.test(letters[j + 1])) {
        valued = true;
        break;
      }
      const name = options.get(letters[j]);
      if (name !== undefined) return follows(`-${letters[j]}`, name, i, word);
    }
    const last = word.slice(-1);
    const name = valued ? undefined : options.get(last);
    if (name !== undefined) {
      const refused = follows(`-${last}`, name, i);
      if (refused !== null) return refused;
      i++;
    }
  }
  return null;
}
