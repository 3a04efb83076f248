import { describe, expect, it } from 'vitest';
import { closest, editDistance } from '../../engine/scenario/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('capacity', 'capacity')).toBe(0);
    expect(editDistance('capcity', 'capacity')).toBe(1);
    expect(editDistance('capacityy', 'capacity')).toBe(1);
    expect(editDistance('capasity', 'capacity')).toBe(1);
    expect(editDistance('capactiy', 'capacity')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('closest', () => {
  const keys = ['capacity', 'cost_per_hour', 'calendar', 'description'];
  it('suggests a key within two edits, the nearest first', () => {
    expect(closest('capcity', keys)).toBe('capacity');
    expect(closest('calender', keys)).toBe('calendar');
    expect(closest('Capacity', keys)).toBe('capacity');
    expect(closest('size', keys)).toBeNull();
  });

  it('allows fewer edits for short words, and names the one candidate an abbreviation begins', () => {
    expect(closest('k', ['sd', 'mean'])).toBeNull();
    expect(closest('b', ['a', 'to'])).toBeNull();
    expect(closest('K', ['k'])).toBe('k');
    expect(closest('mn', ['mon', 'tue'])).toBe('mon');
    expect(closest('desc', keys)).toBe('description');
    expect(closest('ca', keys)).toBeNull();
  });
});
