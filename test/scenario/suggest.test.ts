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

describe('closest among many candidates (searched as a sorted trie)', () => {
  const names = Array.from({ length: 3_000 }, (_, i) => `node${i}`);

  it('finds what a scan of every candidate finds: the first at the least distance, else the one an abbreviation begins', () => {
    const byScan = (word: string, all: string[]) => closest(word, new Set(all)); // a Set is scanned, an array searched
    const words = ['nod12', 'node12x', 'ndoe7', 'NODE2999', 'node30000', 'no', 'xyz', 'node299', 'ode1234', 'nod'];
    for (const word of words) expect(closest(word, names)).toBe(byScan(word, names));
    expect(closest('nod12', names)).toBe('node2'); // one edit from node12 too, but node2 comes first
    expect(closest('ndoe7', names)).toBe('node7');
    const abbreviations = [...names, 'capacity_planning'];
    expect(closest('capa', abbreviations)).toBe('capacity_planning');
    expect(closest('capa', [...abbreviations, 'capacious'])).toBeNull();
  });

  it('3,000 misspelt names among 3,000: each gets its suggestion', () => {
    const wrong = names.filter((name) => closest(name.replace('node', 'ndoe'), names) !== name);
    expect(wrong).toEqual([]);
  });
});
