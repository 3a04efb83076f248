// A log's own names (its columns, its object types) quoted in a message: enough of them to
// recognise the file by, never the whole list. A CSV header of a million columns had
// `discover` print all of them, a message of 10.9 MB on one line (its row is at most 16 M
// characters: log-limits.ts).
// Invariant: at most LISTED_NAMES names, each at most LISTED_NAME_CHARS characters (cut ones end
// in '...'), the rest counted; a list within both bounds is quoted whole, as before.
import { wholeNumber } from '../number-format.js';

/** The most names a message quotes. */
export const LISTED_NAMES = 30;

/** The most characters of one name a message quotes. */
export const LISTED_NAME_CHARS = 80;

/** 'a', 'b', 'c' ... and N more: the first LISTED_NAMES names, each cut to LISTED_NAME_CHARS characters. */
export function listedNames(names: readonly string[]): string {
  const listed = names
    .slice(0, LISTED_NAMES)
    .map((n) => `'${[...n].length > LISTED_NAME_CHARS ? `${[...n].slice(0, LISTED_NAME_CHARS - 3).join('')}...` : n}'`)
    .join(', ');
  return names.length > LISTED_NAMES ? `${listed} and ${wholeNumber(names.length - LISTED_NAMES)} more` : listed;
}
