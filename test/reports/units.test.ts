import { describe, expect, test } from 'vitest';
import { DAYS, HOURS, inUnit, unitFor } from '../../reports/units.js';

describe('hours or days', () => {
  test('days from three days up', () => {
    expect(unitFor(71.9)).toBe(HOURS);
    expect(unitFor(72)).toBe(DAYS);
    expect(unitFor(-100)).toBe(DAYS);
  });

  test('conversion', () => {
    expect(inUnit(120, DAYS)).toBe(5);
    expect(inUnit(7.5, HOURS)).toBe(7.5);
  });
});
