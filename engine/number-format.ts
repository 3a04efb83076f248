// Thousands grouping, the one way etomsim groups digits ("1,000,000"), and the one way it writes
// a number and a length of time for people ("0.42", "33.0 h", "5.00 d"): reports/format.ts
// formats every number for people through them (num, duration), and the command line's help and
// the simulator's own messages (results.json's warnings, size's diagnosis), which cannot import
// the reports, use them directly, so that a zero is "0.00 h" in a warning as in the run's first
// line. Dependency-free; Intl only at the first number written, so that a module every command
// loads (bin/main.ts) can group a number at load: the first Intl number format of a process
// costs 10-15 ms (CONTRIBUTING.md, The bundle).

/** Commas between the groups of three digits of a number's integer part: "-1234567.5" -> "-1,234,567.5" (en-US, as toLocaleString). */
export function groupThousands(text: string): string {
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  return whole.replace(/\B(?=(\d{3})+$)/g, ',') + (point < 0 ? '' : text.slice(point));
}

/**
 * A whole number grouped in thousands, as toLocaleString('en-US') writes it: 1000000 ->
 * "1,000,000", 1e23 -> "100,000,000,000,000,000,000,000" (the shortest digits that read back as
 * the number, then zeros: String's exponent written out).
 */
export function wholeNumber(n: number): string {
  const text = String(n);
  const e = /^(-?)(\d)(?:\.(\d+))?e\+(\d+)$/.exec(text);
  if (!e) return groupThousands(text);
  const [, sign, first, rest = '', exponent] = e;
  return groupThousands(sign + first + rest.padEnd(Number(exponent), '0'));
}

/** A finite number with about three significant digits: 1234.5 -> "1,235", 33.01 -> "33.0", 0.4152 -> "0.42"; never "-0.00" */
export function decimalNumber(x: number): string {
  return groupThousands(withDigits(numDecimals(x)).format(x));
}

/** A finite number with `decimals` decimals, grouped as decimalNumber groups it: where two numbers must read apart (reports/format.ts' valuesApart). */
export function fixedNumber(x: number, decimals: number): string {
  return groupThousands(withDigits(decimals).format(x));
}

/** The decimals `decimalNumber` shows a number with: about three significant digits, none from 100 up. */
export function numDecimals(x: number): number {
  const size = Math.abs(x);
  return size >= 100 ? 0 : size >= 10 ? 1 : 2;
}

/**
 * What `x.toLocaleString('en-US', options)` gives, from a formatter made once per number of
 * decimals: toLocaleString builds a new Intl.NumberFormat at every call, which cost a report
 * about 0.14 CPU s (one-off profile). Made at first use: creating one at load costs every command.
 */
const formats: Intl.NumberFormat[] = [];
function withDigits(digits: number): Intl.NumberFormat {
  formats[digits] ??= new Intl.NumberFormat('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: 'negative',
    useGrouping: false, // grouped by groupThousands, the one grouping of the codebase
  });
  return formats[digits];
}

export interface TimeUnit {
  name: 'minutes' | 'hours' | 'days';
  short: 'min' | 'h' | 'd';
  hours: number;
}

export const MINUTES: TimeUnit = { name: 'minutes', short: 'min', hours: 1 / 60 };
export const HOURS: TimeUnit = { name: 'hours', short: 'h', hours: 1 };
export const DAYS: TimeUnit = { name: 'days', short: 'd', hours: 24 };

/** Days from three days up, the threshold of the CLI's tables. */
export function unitFor(largestHours: number): TimeUnit {
  return Math.abs(largestHours) >= 72 ? DAYS : HOURS;
}

/**
 * The unit of a table column of times, from its largest value as a chart axis is chosen: days
 * from three days, hours from an hour, minutes below, so that a column of sub-hour waits reads
 * "1.35 ± 0.28 min", not "0.02 ± 0.00 h". One unit for the whole column: "40.8 d" above "47.9 h"
 * read as a rise.
 */
export function columnUnit(largestHours: number): TimeUnit {
  const size = Math.abs(largestHours);
  return size > 0 && size < 1 ? MINUTES : unitFor(size); // a column of zeros reads "0.00 h", as a zero does everywhere
}

export function inUnit(hours: number, unit: TimeUnit): number {
  return hours / unit.hours;
}

/**
 * An amount of money in the scenario's currency, the one way etomsim writes one: "GBP 136,800",
 * "EUR 40.1"; without a currency, "136,800 cost units". The caller says the period.
 */
export function amountText(x: number, currency: string | null): string {
  return currency ? `${currency} ${decimalNumber(x)}` : `${decimalNumber(x)} cost units`;
}

/** A finite length of time: hours below three days, days from there: "0.00 h", "33.0 h", "5.00 d". */
export function hoursOrDays(hours: number): string {
  const unit = unitFor(hours);
  return `${decimalNumber(inUnit(hours, unit))} ${unit.short}`;
}
