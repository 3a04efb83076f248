import { describe, expect, test } from 'vitest';
import { num, pct, round, signedPct } from '../../reports/format.js';

describe('numbers for people', () => {
  test('about three significant digits, thousands grouped', () => {
    expect(num(0.4152)).toBe('0.42');
    expect(num(33.01)).toBe('33.0');
    expect(num(1234.5)).toBe('1,235');
    expect(num(-12.34)).toBe('-12.3');
  });

  test('zero has no sign, whether it is -0 or a small negative that rounds to it', () => {
    expect(num(-0)).toBe('0.00');
    expect(num(-0.001)).toBe('0.00');
    expect(num(-0.005)).toBe('-0.01');
  });

  test('shares and signed changes', () => {
    expect(pct(0.953)).toBe('95.3%');
    expect(signedPct(-25.14)).toBe('-25.1%');
    expect(signedPct(3)).toBe('+3.0%');
    expect(signedPct(0.04)).toBe('0.0%');
    expect(signedPct(-0.04)).toBe('0.0%');
  });

  test('chart data rounded to four significant digits', () => {
    expect(round(3.14159265)).toBe(3.142);
    expect(round(123456)).toBe(123500);
    expect(round(0.000123456)).toBe(0.0001235);
  });
});
