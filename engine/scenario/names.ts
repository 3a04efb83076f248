// Names of resources, calendars, flows, nodes, KPIs and variants: plain identifiers, because
// they appear as column names in CSV exports, as keys in results.json and on the CLI.

import type { KeyPath, Problems } from './problems.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Whether `text` is a name a scenario may use (import-bpmn keeps such a name as it is). */
export function isName(text: string): boolean {
  return NAME.test(text);
}

/**
 * A character a scenario's own name may not hold: C0 controls (a NUL, a tab, a line break,
 * ESC), DEL and the C1 controls. The name titles the report, the deck and the console's lines,
 * which such a character would cut or rewrite.
 */
export const CONTROL_CHARACTER = /\p{Cc}/u; // Unicode's general category Cc: U+0000-U+001F, U+007F-U+009F

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
