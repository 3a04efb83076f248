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
// readOptionWord is the one reading of a word's option forms: missingValue reads values with
// it, and flagForms the forms a flag is given in (refuseRepeats, bin/main.ts), so the two agree
// on every word.
//
// Mirrors yargs-parser 22.0.0 (under yargs 18.0.0, package-lock.json): its parse loop's long,
// `--name=`, `--no-` and `-abc` branches and its eatArray/eatNargs. On an upgrade of either,
// read that code again; test/bin/value-words.test.ts drives the real main() over every option
// in every command's --help, and test/bin/repeated-options.test.ts over the flags.

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
 * A word of a command line as yargs-parser reads options in it. `long`: `--name` or
 * `--name=VALUE`, the name as typed (before any '='; `no-x` for `--no-x`). `letters`: a group,
 * `-abc`, the letters it reads as options in order: all but the last are given no value in the
 * word; the last takes the rest of the word as its value when `inline` (`-o=x`, `-o/tmp`, `-n5`:
 * a letter before '=' or another non-word character, or before a number), else it may take the
 * next word. `inline` of a long option: the word holds its value after '='.
 */
export type OptionWord = { long: string; inline: boolean } | { letters: string[]; inline: boolean };

/**
 * The options `word` gives, as yargs-parser reads it; null when it gives none: a word not
 * starting with '-', '-' itself, a negative number, `---x` (no name), or `--`, which ends the
 * options (callers stop there).
 */
export function readOptionWord(word: string): OptionWord | null {
  if (!word.startsWith('-') || word === '-' || word === '--' || NEGATIVE.test(word) || /^---/.test(word)) return null;
  if (word.startsWith('--')) {
    const equals = word.indexOf('=');
    return equals < 0 ? { long: word.slice(2), inline: false } : { long: word.slice(2, equals), inline: true };
  }
  const inner = word.slice(1, -1);
  const letters: string[] = [];
  for (let j = 0; j < inner.length; j++) {
    letters.push(inner[j]);
    const rest = word.slice(j + 2);
    const valued =
      rest === '-' ||
      (/[A-Za-z]/.test(inner[j]) && /^-?\d+(\.\d*)?(e-?\d+)?$/.test(rest)) ||
      (inner[j + 1] !== undefined && /\W/.test(inner[j + 1])); // '=' among them
    if (valued) return { letters, inline: true };
  }
  letters.push(word.slice(-1));
  return { letters, inline: false };
}

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
    if (word === '--') break;
    const form = readOptionWord(word);
    if (form === null) continue;
    if ('long' in form) {
      if (form.inline) continue; // --name=VALUE: the value is there, whatever it is
      const name = options.get(form.long) ?? options.get(kebab(form.long));
      if (name !== undefined) {
        const refused = follows(word, name, i);
        if (refused !== null) return refused;
        i++;
        continue;
      }
      const negated = /^no-(.+)$/.exec(form.long);
      const denied = negated === null ? undefined : (options.get(negated[1]) ?? options.get(kebab(negated[1])));
      if (denied !== undefined) return `--${denied} takes a value; '${word}' gives it none`;
      continue;
    }
    // a group of short options, `-qo DIR`: a value letter before the last is given none
    const { letters, inline } = form;
    for (const letter of letters.slice(0, -1)) {
      const name = options.get(letter);
      if (name !== undefined) return follows(`-${letter}`, name, i, word);
    }
    const last = letters[letters.length - 1];
    const name = inline ? undefined : options.get(last);
    if (name !== undefined) {
      const refused = follows(`-${last}`, name, i);
      if (refused !== null) return refused;
      i++;
    }
  }
  return null;
}

/**
 * The words of `words` (before `--`) that give flag `name`: `--name`, `--no-name`,
 * `--name=...`, a long alias, a one-letter alias alone or in a group like `-qw` (once for each
 * time the group holds it).
 */
export function flagForms(name: string, aliases: readonly string[], words: readonly string[]): string[] {
  const long = [name, ...aliases.filter((x) => x.length > 1)];
  const letters = aliases.filter((x) => x.length === 1);
  const forms: string[] = [];
  for (const word of words) {
    if (word === '--') break;
    const form = readOptionWord(word);
    if (form === null) continue;
    if ('long' in form) {
      // as typed or camel-cased (`--perShift` is yargs' --per-shift), after any `no-`
      const typed = form.long.startsWith('no-') ? form.long.slice(3) : form.long;
      if (long.some((l) => form.long === l || typed === l || kebab(typed) === l)) forms.push(word);
    } else {
      for (const letter of form.letters) if (letters.includes(letter)) forms.push(word);
    }
  }
  return forms;
}
