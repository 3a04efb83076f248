// A count and its noun for people ("1 flow", "2 flows", "1 pause", "3 pauses"): the one place
// where a noun is made to agree with its number, for messages, notes and headers alike.
// Invariant: exactly 1 takes the singular, any other number the plural ("0 flows", "1.5 hours");
// `counted` writes the number with its thousands grouped ("21,348 activity instances"), as every
// figure for people is (number-format.ts).
import { groupThousands, wholeNumber } from './number-format.js';

/** The form of a noun phrase that agrees with n: `one` for exactly 1, else `many` (by default `one` + "s"). */
export function agree(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** n and the noun phrase agreeing with it: counted(1, 'team') = "1 team", counted(3, 'process', 'processes') = "3 processes", counted(4580, 'case') = "4,580 cases". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${Number.isInteger(n) ? wholeNumber(n) : groupThousands(String(n))} ${agree(n, one, many)}`;
}
