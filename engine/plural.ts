// A count and its noun for people ("1 flow", "2 flows", "1 pause", "3 pauses"): the one place
// where a noun is made to agree with its number, for messages, notes and headers alike.
// Invariant: exactly 1 takes the singular, any other number the plural ("0 flows", "1.5 hours");
// `counted` writes the number as String(n), and a caller that groups thousands writes its own
// text of the number beside `agree`.

/** The form of a noun phrase that agrees with n: `one` for exactly 1, else `many` (by default `one` + "s"). */
export function agree(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** n and the noun phrase agreeing with it: counted(1, 'team') = "1 team", counted(3, 'process', 'processes') = "3 processes". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${agree(n, one, many)}`;
}
