// An instant as `new Date(ms).toISOString()` writes it, made faster for the generated logs, whose
// millions of timestamps were some 4% of test/discovery's heaviest files (session 59): the day's
// part written once per day, the time of day from integer arithmetic and a table of digits.
// Invariant: the same string as toISOString for every ms (those outside 1970-9999 are its own).

const DAY = 86_400_000;
const LAST = Date.UTC(10000, 0, 1); // toISOString writes a six-digit year with a sign from here on

const DIGITS = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

let dayOf = Number.NaN;
let dayText = '';

/** `new Date(ms).toISOString()`. */
export function isoInstant(ms: number): string {
  if (!(ms >= 0 && ms < LAST)) return new Date(ms).toISOString(); // a Date's time value truncates toward 0: floor here only
  const t = Math.floor(ms);
  const day = Math.floor(t / DAY);
  if (day !== dayOf) {
    dayOf = day;
    dayText = new Date(day * DAY).toISOString().slice(0, 11);
  }
  let rest = t - day * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${dayText}${DIGITS[hours].slice(1)}:${DIGITS[minutes].slice(1)}:${DIGITS[seconds].slice(1)}.${DIGITS[rest - seconds * 1000]}Z`;
}
