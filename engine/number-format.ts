// Thousands grouping, the one way etomsim groups digits ("1,000,000"), and the one way it writes
// a number, a share in percent and a length of time for people ("0.42", "9.4%", "33.0 h",
// "5.00 d"; no module keeps a toFixed percent of its own): reports/format.ts
// formats every number for people through them (num, duration), and the command line's help and
// the simulator's own messages (results.json's warnings, size's diagnosis), which cannot import
// the reports, use them directly, so that a zero is "0.00 h" in a warning as in the run's first
// line. Dependency-free, and no Intl for a finite number: the first Intl number format of a
// process builds ICU's table of locales, about 112 M instructions (callgrind, whole process: a
// run printing its summary or a warning with a number paid it; docs/performance-notes.md, session
// 35), so the digits are rounded here, as ICU rounds them (fixedDecimals).

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
  return groupThousands(fixedDecimals(x, numDecimals(x)));
}

/** A finite number with `decimals` decimals, grouped as decimalNumber groups it: where two numbers must read apart (reports/format.ts' valuesApart). */
export function fixedNumber(x: number, decimals: number): string {
  return groupThousands(fixedDecimals(x, decimals));
}

/**
 * `x` with `decimals` decimals, as fixedNumber, unless they would write a number other than 0 as 0:
 * then three significant digits (an SLA of a second, 1/3600 h, reads "0.000278", not "0.0").
 */
export function fixedNonZero(x: number, decimals: number): string {
  return x !== 0 && roundedTo(x, decimals) === 0 ? significantText(x, 3) : fixedNumber(x, decimals);
}

/** `x` rounded to `decimals` decimals as fixedDecimals rounds it (halves of its shortest digits away from zero): a number a written file keeps short. */
export function roundedTo(x: number, decimals: number): number {
  return Number.isFinite(x) ? Number(fixedDecimals(x, decimals)) : x;
}

/**
 * `x` rounded to `digits` significant digits, as a number (toPrecision's digits read back, so no trailing zeros and no
 * exponent below 1e21): 1234.5, 3 -> 1230; 0.051234, 3 -> 0.0512; 12.00001, 6 -> 12. For a value a file keeps short or a
 * scenario writes (String of it: never grouped, which YAML would not read as a number).
 */
export function significant(x: number, digits: number): number {
  return Number(x.toPrecision(digits));
}

/** `x` to `digits` significant digits for people, grouped in thousands and with no trailing zeros: 1234.5, 3 -> "1,230"; 12, 6 -> "12" (toPrecision wrote "12.0000"). */
export function significantText(x: number, digits: number): string {
  return groupThousands(String(significant(x, digits)));
}

/** Below this a p-value reads in an exponent (three decimals would show 0.000). */
const P_EXPONENT_BELOW = 0.001;

/** Below this a p-value reads as a bound: a double under it has underflowed, or nearly (an underflow to 0 read "0.0e+0"). */
const P_FLOOR = 1e-300;

/** A p-value, the one way etomsim writes one: three decimals ("0.042"), below 0.001 one digit and an exponent ("6.5e-47"), and below 1e-300 the bound ("< 1e-300"). */
export function pValueText(p: number): string {
  if (p < P_FLOOR) return '< 1e-300';
  return p < P_EXPONENT_BELOW ? p.toExponential(1) : fixedNumber(p, 3);
}

/** The decimals `decimalNumber` shows a number with: about three significant digits, none from 100 up. */
export function numDecimals(x: number): number {
  const size = Math.abs(x);
  return size >= 100 ? 0 : size >= 10 ? 1 : 2;
}

/** Below this, toFixed gives fixedDecimals' digits but where String's digits end in a half (fixedDecimals). */
const TO_FIXED_BELOW = 1e12;

/** The shortest decimal digits that read back as a number (String's), its exponent apart: "1.5e-7" -> 1, 5, e-7. */
const SHORTEST = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

/**
 * `x` with `digits` decimals and no grouping, as Intl.NumberFormat('en-US', { minimumFractionDigits:
 * digits, maximumFractionDigits: digits, signDisplay: 'negative', useGrouping: false }) writes it,
 * without Intl: ICU rounds the shortest decimal digits that read back as the double (String's,
 * not the binary value toFixed rounds: 1.005 -> "1.01", where toFixed gives "1.00"), halves away
 * from zero (ECMA-402's halfExpand), and writes no sign on a number that rounds to zero. A
 * non-finite number ("NaN", "∞") is left to Intl.
 */
export function fixedDecimals(x: number, digits: number): string {
  const size = Math.abs(x);
  if (size < TO_FIXED_BELOW) {
    // toFixed rounds the binary value. Below 1e12 it and String's digits are less than 0.0001
    // apart, so a half of the last decimal kept (0.005 or more) lies between them only if it
    // is the nearer of the two to the double with as few digits, which String would then have
    // written: toFixed rounds as ICU does but where String's digits are the half ("2.675"),
    // which ICU rounds away from zero and toFixed by the binary value: those are rounded below
    const shortest = String(size);
    const point = shortest.indexOf('.');
    if (point < 0 || shortest.length - point - 2 !== digits || shortest.charCodeAt(shortest.length - 1) !== 53 /* '5' */) {
      const fixed = size.toFixed(digits);
      return x < 0 && Number(fixed) !== 0 ? `-${fixed}` : fixed;
    }
  }
  const parts = Number.isFinite(x) ? SHORTEST.exec(String(size)) : null;
  if (parts === null) return withDigits(digits).format(x);
  const [, whole, fraction = '', exponent = '0'] = parts;
  // the value is 0.DIGITS x 10^point, DIGITS without leading zeros
  let all = whole + fraction;
  let point = whole.length + Number(exponent);
  const lead = /^0*/.exec(all)![0].length;
  all = all.slice(lead);
  point -= lead;
  const keep = point + digits; // the digits left of the rounding place
  let kept = keep <= 0 ? '' : all.slice(0, keep);
  if (keep >= 0 && keep < all.length && all.charCodeAt(keep) >= 53 /* '5' */) {
    // halves and above round away from zero: add one at the last kept digit
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') i--;
    kept = i < 0 ? `1${'0'.repeat(kept.length)}` : kept.slice(0, i) + String(Number(kept[i]) + 1) + '0'.repeat(kept.length - 1 - i);
    if (i < 0) point++; // 99.9 -> 100
  }
  if (!/[1-9]/.test(kept)) return digits === 0 ? '0' : `0.${'0'.repeat(digits)}`;
  const padded = point <= 0 ? '0'.repeat(-point) + kept : kept;
  const at = Math.max(point, 0);
  const integer = at === 0 ? '0' : padded.slice(0, at).padEnd(at, '0');
  const decimals = padded.slice(at).padEnd(digits, '0');
  return (x < 0 ? '-' : '') + integer + (digits === 0 ? '' : `.${decimals}`);
}

/**
 * Intl's formatter for `digits` decimals, made once per number of decimals (toLocaleString builds
 * a new Intl.NumberFormat at every call, which cost a report about 0.14 CPU s, one-off profile),
 * and only for a number that is not finite (fixedDecimals).
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
 * ISO 4217's minor units of the currencies without two: a yen has no cents, so "JPY 4.50" names
 * an amount no one can pay (s36f). The standard's table, not ICU's (whose data rounds some
 * differently, and whose first number format costs a run ~112 M instructions); a code not here,
 * or no currency, has two.
 */
const MINOR_UNITS: ReadonlyMap<string, number> = new Map([
  ...['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'].map(
    (code) => [code, 0] as const,
  ),
  ...['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((code) => [code, 3] as const),
  ...['CLF', 'UYW'].map((code) => [code, 4] as const),
]);

/** The decimals an amount in `currency` can have (ISO 4217's minor units): JPY 0, EUR 2, KWD 3; 2 without a currency. */
export function currencyDecimals(currency: string | null): number {
  return (currency === null ? undefined : MINOR_UNITS.get(currency)) ?? 2;
}

/**
 * An amount of money in the scenario's currency, the one way etomsim writes one: "GBP 136,800",
 * "EUR 40.1", "JPY 5" (never more decimals than the currency has); without a currency, "136,800
 * cost units". The caller says the period.
 */
export function amountText(x: number, currency: string | null): string {
  const amount = groupThousands(fixedDecimals(x, Math.min(numDecimals(x), currencyDecimals(currency))));
  return currency ? `${currency} ${amount}` : `${amount} cost units`;
}

/** A finite length of time: hours below three days, days from there: "0.00 h", "33.0 h", "5.00 d". */
export function hoursOrDays(hours: number): string {
  const unit = unitFor(hours);
  return `${decimalNumber(inUnit(hours, unit))} ${unit.short}`;
}

/** How `percentText` writes a share: `decimals` exactly, or up to `maxDecimals` with the trailing zeros dropped. */
export interface PercentDigits {
  decimals?: number;
  maxDecimals?: number;
}

/**
 * A share as a percent, the one way etomsim writes one: 0.953 -> "95%", 0.094 -> "9.4%" (whole
 * percent from 10%, one decimal below, where "9%" hid a backlog's 9.4%), a share above 0 that
 * would read 0 "<0.1%" (below 0, "-<0.1%"), 12.5 -> "1,250%"; `{ decimals: 1 }` for a table's column (0.953 ->
 * "95.3%"), `{ maxDecimals: 2 }` for a level or a branch's probability (0.975 -> "97.5%", 0.85 ->
 * "85%"). Never "-0%"; a share not finite (work for no capacity) is "an unbounded share".
 */
export function percentText(share: number, digits: PercentDigits = {}): string {
  if (!Number.isFinite(share)) return 'an unbounded share';
  const percent = share * 100;
  const decimals = digits.decimals ?? digits.maxDecimals ?? (Math.abs(percent) >= 9.95 ? 0 : 1);
  let text = fixedDecimals(percent, decimals);
  if (digits.maxDecimals !== undefined && decimals > 0) text = text.replace(/\.?0+$/, '');
  // a share other than 0 that would read 0 is a bound on its size, signed when negative ("+<0.001%"'s form, changeAmount)
  if (digits.decimals === undefined && digits.maxDecimals === undefined && percent !== 0 && Number(text) === 0)
    return percent > 0 ? '<0.1%' : '-<0.1%';
  return `${groupThousands(text)}%`;
}
