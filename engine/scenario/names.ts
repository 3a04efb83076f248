// Names of resources, calendars, flows, nodes, KPIs and variants: plain identifiers, because
// they appear as column names in CSV exports, as keys in results.json and on the CLI.

import type { KeyPath, Problems } from './problems.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Whether `text` is a name a scenario may use (import-bpmn keeps such a name as it is). */
export function isName(text: string): boolean {
  return NAME.test(text);
}

/**
 * A character a scenario's own name may not hold: the C0 controls but the blanks (a NUL, ESC),
 * DEL and the C1 controls but NEL. The name titles the report, the deck and the console's lines,
 * which such a character would cut or rewrite. Unicode's category Cc (U+0000-U+001F,
 * U+007F-U+009F, fixed by Unicode's stability policy) less BLANK_CONTROL, written as ranges:
 * `[^\P{Cc}...]` cost `validate` about 2 M instructions to compile (docs/performance-notes.md,
 * session 44; test/scenario/names.test.ts holds the two equal).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what it finds
export const CONTROL_CHARACTER = /[\0-\x08\x0E-\x1F\x7F-\x84\x86-\x9F]/u;

/**
 * The control characters a name may hold as blanks: a tab, a line break (a YAML block scalar's
 * name ends in one; names were read so before session 40), NEL. Each run of them, with the
 * blanks about it, is one space in the name (foldedName).
 */
const BLANK_CONTROL_RUN = /\s*[\t\n\v\f\r\u0085][\s\u0085]*/gu;

/** A scenario file's name on one line: each run of blank controls (and the blanks about it) one space, trimmed. */
export function foldedName(text: string): string {
  return text.replace(BLANK_CONTROL_RUN, ' ').trim();
}

/**
 * A scenario's name from another file's text (a BPMN model's name, often on two lines; a log's
 * file name): each run of control characters, with the blanks about it, is one space.
 */
export function scenarioNameFrom(text: string): string {
  return text.replace(/\s*\p{Cc}[\s\p{Cc}]*/gu, ' ').trim();
}

/** The name of the scenario without any patch; no variant may take it. */
export const BASELINE = 'baseline';

/** Reports a bad name at its key; `what` is e.g. "resource". */
export function checkName(name: string, path: KeyPath, problems: Problems, what: string): void {
  if (NAME.test(name)) return;
  problems.atKey(
    path,
    `${what} name '${name}' is not allowed: use letters a-z and A-Z, digits, '_' and '-', starting with a letter or '_' (e.g. order_desk)${
      /[\u0080-\uffff]/.test(name)
        ? "; a name in another script goes in the element's description (names are CSV columns, results.json keys and CLI words)"
        : ''
    }`,
  );
}

/**
 * How reports write a name (reports/format.ts `words`): order_to_activation -> "order to
 * activation"; separators only between words, so `__proto__` stays itself, not " proto ".
 * Here because validation warns of two names with one label (name-clashes.ts).
 */
export function nameLabel(name: string): string {
  return name.replace(/(?<=[^_-])[_-]+(?=[^_-])/g, ' ');
}
