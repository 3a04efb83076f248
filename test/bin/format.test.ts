import { describe, expect, test } from 'vitest';
import { duration, num, pct } from '../../bin/format.js';

describe('numbers in the terminal', () => {
  test('hours below three days, days from there; shares in percent; missing values as a dash', () => {
    expect(duration(52.1)).toBe('52.10 h');
    expect(duration(72)).toBe('3.00 d');
    expect(pct(0.8766)).toBe('87.7%');
    expect(num(null)).toBe('–');
    expect(duration(NaN)).toBe('–');
  });

  test('a value that rounds to zero has no sign, whether it is -0 or a tiny negative', () => {
    expect(num(-0)).toBe('0.00');
    expect(num(-0.001)).toBe('0.00');
    expect(duration(-0.004)).toBe('0.00 h');
    expect(pct(-0.0001)).toBe('0.0%');
    expect(num(-0.006)).toBe('-0.01');
    expect(duration(-100)).toBe('-4.17 d');
  });
});
