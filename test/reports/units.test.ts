import { describe, expect, test } from 'vitest';
import { DAYS, duration, HOURS, inUnit, span, unitFor } from '../../reports/units.js';

describe('hours or days', () => {
  test('days from three days up', () => {
    expect(unitFor(71.9)).toBe(HOURS);
    expect(unitFor(72)).toBe(DAYS);
    expect(unitFor(-100)).toBe(DAYS);
  });

  test('conversion and text', () => {
    expect(inUnit(120, DAYS)).toBe(5);
    expect(inUnit(7.5, HOURS)).toBe(7.5);
    expect(duration(120)).toBe('5.00 d');
    expect(duration(33.04)).toBe('33.0 h');
    expect(duration(2400)).toBe('100 d');
  });

  test('a span in words for sentences', () => {
    expect(span(24)).toBe('1 day');
    expect(span(336)).toBe('14 days');
    expect(span(1)).toBe('1 hour');
    expect(span(4)).toBe('4 hours');
    expect(span(1.5)).toBe('1.50 h');
  });
});
