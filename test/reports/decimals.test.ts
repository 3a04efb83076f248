// engine/number-format.ts writes a finite number's decimals without Intl (fixedDecimals): the
// first Intl.NumberFormat of a process builds ICU's table of locales, some 112 M instructions. Its
// digits must be Intl's own, to the byte: ICU rounds the shortest digits that read back as the
// double, halves away from zero, and writes no sign on a number that rounds to zero.
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  decimalNumber,
  fixedDecimals,
  fixedNonZero,
  hoursOrDays,
  percentText,
  pValueText,
  significant,
  significantText,
} from '../../engine/number-format.js';
import { ksPValue } from '../../engine/discovery/fit.js';

const IntlNumberFormat = Intl.NumberFormat;
const formats = [0, 1, 2].map(
  (digits) =>
    new IntlNumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: 'negative',
      useGrouping: false,
    }),
);
const reference = (x: number, digits: number) => formats[digits].format(x);

describe('decimals without Intl', () => {
  afterEach(() => {
    Intl.NumberFormat = IntlNumberFormat;
  });

  test('no Intl number format is made for a finite number', () => {
    let made = 0;
    Intl.NumberFormat = function (this: unknown, ...args: ConstructorParameters<typeof IntlNumberFormat>) {
      made++;
      return new IntlNumberFormat(...args);
    } as unknown as typeof IntlNumberFormat;
    const written = [decimalNumber(1234.5), decimalNumber(33.01), decimalNumber(-0.4152), hoursOrDays(100), fixedDecimals(2.5, 0)];
    expect(written).toEqual(['1,235', '33.0', '-0.42', '4.17 d', '3']);
    expect(made).toBe(0);
  });

  test("the digits are Intl.NumberFormat's for 0, 1 and 2 decimals, doubles of every scale", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }),
        fc.integer({ min: 0, max: 2 }),
        (x, digits) => fixedDecimals(x, digits) === reference(x, digits),
      ),
      { numRuns: 20_000 },
    );
  });

  test("halves, and the doubles either side of them, round as Intl rounds them (1.005 -> 1.01, not toFixed's 1.00)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: -2, max: 2 }),
        fc.integer({ min: 0, max: 99 }),
        (whole, digits, ulps, decimals) => {
          // a written half at the rounding place: whole.DD5 with `digits` decimals before the 5
          const written = Number(`${whole}.${String(decimals).padStart(2, '0').slice(0, digits)}5`);
          let x = written;
          for (let i = 0; i < Math.abs(ulps); i++) x = nextDouble(x, Math.sign(ulps));
          return fixedDecimals(x, digits) === reference(x, digits);
        },
      ),
      { numRuns: 20_000 },
    );
    expect([1.005, 2.675, 0.125, -2.5, 0.5, 9.995, 99.95].map((x) => fixedDecimals(x, x > 10 ? 1 : 2))).toEqual(
      [1.005, 2.675, 0.125, -2.5, 0.5, 9.995, 99.95].map((x) => reference(x, x > 10 ? 1 : 2)),
    );
  });

  test('zeros, signs, carries and exponents', () => {
    const cases = [
      0, -0, -0.001, -0.004999, -0.005, 0.0049, 0.005, 9.999, 99.99, 999.5, 1e-7, 1.5e-7, -1e-300, 5e-324, 1e21, 1.5e21, -1e21,
      123456789012345680000, 1.7976931348623157e308,
    ];
    for (const x of cases) for (const digits of [0, 1, 2]) expect(fixedDecimals(x, digits), `${x} ${digits}`).toBe(reference(x, digits));
    // not finite: Intl's own words
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) expect(fixedDecimals(x, 2)).toBe(reference(x, 2));
  });
});

describe('a share as a percent, one way everywhere (percentText)', () => {
  test('whole percent from 10%, one decimal below, "<0.1%" ("-<0.1%") for a share other than 0 that would read 0', () => {
    const cases: [number, string][] = [
      [0.953, '95%'],
      [0.1, '10%'],
      [0.0996, '10%'], // rounds to 10.0 at one decimal: read as the whole percent it is
      [0.094, '9.4%'], // "9%" before session 37 in staffing-stability's and sizing's words
      [0.0005, '0.1%'],
      [0.00049, '<0.1%'],
      [0, '0.0%'],
      [-0.00001, '-<0.1%'], // never "-0.0%", nor "0.0%" for a share below 0 (s37e)
      [-0.0006, '-0.1%'],
      [-0.25, '-25%'],
      [12.5, '1,250%'],
    ];
    for (const [share, text] of cases) expect(percentText(share), String(share)).toBe(text);
    for (const share of [Number.POSITIVE_INFINITY, Number.NaN]) expect(percentText(share)).toBe('an unbounded share');
  });

  test('fixed decimals for a column, up to two for a level or a probability', () => {
    expect(percentText(0.953, { decimals: 1 })).toBe('95.3%');
    expect(percentText(0.5, { decimals: 1 })).toBe('50.0%');
    expect(percentText(-0.0001, { decimals: 1 })).toBe('0.0%');
    expect(percentText(0.00001, { decimals: 1 })).toBe('0.0%'); // a column's zero stays a number
    expect(percentText(0.95, { maxDecimals: 2 })).toBe('95%');
    expect(percentText(0.975, { maxDecimals: 2 })).toBe('97.5%');
    expect(percentText(0.9875, { maxDecimals: 2 })).toBe('98.75%');
    expect(percentText(0.0128, { maxDecimals: 2 })).toBe('1.28%');
    expect(percentText(0.12000000000000001, { maxDecimals: 2 })).toBe('12%');
  });

  test('significant digits: a number to read back, text for people without trailing zeros or an exponent, grouped', () => {
    expect([significant(1234.5, 3), significant(0.051234, 3), significant(12.00001, 6), significant(1 / 3, 12)]).toEqual([
      1230, 0.0512, 12, 0.333333333333,
    ]);
    // toPrecision itself wrote these "12.0000", "2.500" and "1.235e+6"
    expect([significantText(12, 6), significantText(2.5, 4), significantText(1_234_567, 4), significantText(-0.00123456, 2)]).toEqual([
      '12',
      '2.5',
      '1,235,000',
      '-0.0012',
    ]);
  });

  test('p-values: three decimals, an exponent below 0.001 where three decimals would read 0, and a bound where the double underflows', () => {
    const texts = [0.0421, 0.001, 0.000999, 6.5e-47, 1e-300, 9.9e-301, 5e-324, 0].map(pValueText);
    expect(texts).toEqual(['0.042', '0.001', '1.0e-3', '6.5e-47', '1.0e-300', '< 1e-300', '< 1e-300', '< 1e-300']);
  });

  test("a KS p-value that underflows reads as a bound in discover's reasons, not as p 0.0e+0", () => {
    // D = 0.9 over 1,000 values: 2·exp(-2·(0.9·31.7)^2) is far below the least double
    expect(ksPValue(0.9, 1000)).toBe(0);
    expect(`p ${pValueText(ksPValue(0.9, 1000))}`).toBe('p < 1e-300');
  });

  test('one formatter set: no toFixed, toPrecision or toExponential outside engine/number-format.ts', () => {
    const ROOT = join(import.meta.dirname, '../..');
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
      );
    const found = [...['engine', 'reports', 'bin'].flatMap((d) => sources(join(ROOT, d))), join(ROOT, 'bench/statistics.ts')]
      .filter((file) => !file.endsWith(join('engine', 'number-format.ts')))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/\.(toFixed|toPrecision|toExponential)\(/.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [])),
      );
    expect(found).toEqual([]);
  });
});

test('fixedNonZero: fixed decimals, but three significant digits where they would write a number other than 0 as 0', () => {
  expect([1 / 3600, 45 / 3600, 0.05, 60.37, 0, -0.0004].map((x) => fixedNonZero(x, 1))).toEqual([
    '0.000278',
    '0.0125',
    '0.1',
    '60.4',
    '0.0',
    '-0.0004',
  ]);
});

/** The double next to `x` towards +infinity (direction 1) or -infinity (-1). */
function nextDouble(x: number, direction: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  const up = direction > 0 === x >= 0;
  view.setBigInt64(0, x === 0 ? (direction > 0 ? 1n : -(2n ** 63n) + 1n) : bits + (up ? 1n : -1n));
  return view.getFloat64(0);
}
