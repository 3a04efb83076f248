import { describe, expect, it } from 'vitest';
import {
  allProcesses,
  compareEtomIds,
  findProcess,
  level2Of,
  searchProcesses,
  suggestIds,
  verticalsOf,
} from '../../engine/etom/catalog.js';

const VERTICALS = ['Operations Support & Readiness', 'Fulfillment', 'Assurance', 'Billing & Revenue Management'];

describe('findProcess', () => {
  it.each([
    ['1.1.1.5', '1.3.3', 'Order Handling'],
    ['1.1.1.6', '1.3.7', 'Problem Handling'],
    ['1.1.2.2', '1.4.5', 'Service Configuration & Activation'],
    ['1.1.3.3', '1.5.8', 'Resource Trouble Management'],
  ])('finds %s and %s as %s', (classic, domain, name) => {
    const byClassic = findProcess(classic);
    expect(byClassic).toMatchObject({ id: classic, classic, domain, name, level: 2 });
    expect(findProcess(domain)).toBe(byClassic);
  });

  it('stores a process with no classic id under its domain id', () => {
    expect(findProcess('1.4.4')).toMatchObject({ id: '1.4.4', classic: null, name: 'SM&O Support & Readiness' });
  });

  it('pairs level-3 ids across the numberings only where a source does', () => {
    expect(findProcess('1.3.3.3')).toMatchObject({ id: '1.1.1.5.4', name: 'Track & Manage Customer Order Handling' });
    expect(findProcess('1.1.1.5.1')).toBeNull();
    expect(findProcess('1.3.3.1')).toMatchObject({ classic: null, name: 'Determine Customer Order Feasibility' });
  });

  it('returns null for an unknown id', () => {
    expect(findProcess('1.1.1.55')).toBeNull();
    expect(findProcess('')).toBeNull();
  });
});

describe('level2Of', () => {
  it('maps a level-3 id, in either numbering, to its level-2 parent', () => {
    expect(level2Of('1.1.1.5.4')?.name).toBe('Order Handling');
    expect(level2Of('1.5.8.2')?.name).toBe('Resource Trouble Management');
  });

  it('returns a level-2 process itself and null for level 1 or unknown ids', () => {
    expect(level2Of('1.3.7')?.id).toBe('1.1.1.6');
    expect(level2Of('1.1.1')).toBeNull();
    expect(level2Of('1.1')).toBeNull();
    expect(level2Of('9.9.9')).toBeNull();
  });
});

describe('suggestIds', () => {
  it('suggests the id a typo was close to, best first', () => {
    expect(suggestIds('1.1.1.55')).toEqual(['1.1.1.5', '1.1.1.5.4', '1.1.1.5.7']);
    expect(suggestIds('1.5.88')[0]).toBe('1.5.8');
  });

  it('offers nothing for input far from every id', () => {
    expect(suggestIds('banana')).toEqual([]);
  });
});

describe('searchProcesses', () => {
  it('finds names case-insensitively, ordered by level then id', () => {
    const ids = searchProcesses('TROUBLE').map((p) => p.id);
    expect(ids).toEqual([
      '1.1.3.3',
      '1.1.3.3.1',
      '1.1.3.3.2',
      '1.1.3.3.3',
      '1.1.3.3.4',
      '1.1.3.3.5',
      '1.1.3.3.6',
      '1.1.3.3.7',
      '1.4.6.1',
      '1.4.6.6',
    ]);
    expect(findProcess(ids[0]!)?.name).toBe('Resource Trouble Management');
  });

  it('matches an id as whole segments: the process and its descendants', () => {
    expect(searchProcesses('1.3.3').map((p) => p.id)).toEqual([
      '1.1.1.5',
      '1.1.1.5.4',
      '1.1.1.5.7',
      '1.3.3.1',
      '1.3.3.2',
      '1.3.3.4',
      '1.3.3.5',
      '1.3.3.7',
    ]);
  });

  it('orders ids numerically within a level', () => {
    const billing = searchProcesses('bill')
      .filter((p) => p.level === 2)
      .map((p) => p.id);
    expect(billing).toEqual(['1.1.1.10', '1.1.1.11', '1.1.1.12']);
  });
});

describe('verticalsOf', () => {
  it('gives the vertical of a process and of its children', () => {
    expect(verticalsOf('1.1.1.6')).toEqual(['Assurance']);
    expect(verticalsOf('1.3.7.1')).toEqual(['Assurance']);
    expect(verticalsOf('1.1.3.6')).toEqual(['Billing & Revenue Management']);
  });

  it('is empty for level-1 groupings and unknown ids', () => {
    expect(verticalsOf('1.1.1')).toEqual([]);
    expect(verticalsOf('4.2')).toEqual([]);
  });

  it('returns a copy the caller cannot use to change the catalog', () => {
    verticalsOf('1.1.1.5').push('Assurance');
    expect(verticalsOf('1.1.1.5')).toEqual(['Fulfillment']);
  });
});

describe('the catalog data', () => {
  const all = allProcesses();

  it('has one entry per id, whichever numbering it is written in', () => {
    const keys = all.flatMap((p) => [p.classic, p.domain].filter((k): k is string => k !== null));
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of all) expect(p.id).toBe(p.classic ?? p.domain);
  });

  it('gives every entry an existing parent one level up (level-1 groupings hang under Operations)', () => {
    for (const p of all) {
      if (p.parent === null) {
        expect(p.id).toBe('1.1');
        continue;
      }
      const parent = findProcess(p.parent);
      expect(parent, `parent of ${p.id}`).not.toBeNull();
      expect(parent!.id).toBe(p.parent);
      expect(parent!.level).toBe(p.level === 1 ? 1 : p.level - 1);
    }
  });

  it("places classic ids under their parent and level-3 entries in their parent's vertical and horizontal", () => {
    for (const p of all) {
      const parent = p.parent === null ? null : findProcess(p.parent);
      if (parent?.classic && p.classic) expect(p.classic.startsWith(`${parent.classic}.`), p.id).toBe(true);
      if (p.level === 3) {
        expect(p.verticals, p.id).toEqual(parent!.verticals);
        expect(p.horizontal, p.id).toBe(parent!.horizontal);
      }
    }
  });

  it('uses only the four verticals, and horizontals that exist', () => {
    for (const p of all) {
      for (const v of p.verticals) expect(VERTICALS).toContain(v);
      if (p.level > 1) expect(['1.1.1', '1.1.2', '1.1.3', '1.1.4']).toContain(p.horizontal);
    }
  });

  it('flags what no source confirms and cites a source for every entry', () => {
    const inferred = all
      .filter((p) => p.inferred)
      .map((p) => p.id)
      .sort();
    expect(inferred).toEqual(['1.1.1.10', '1.1.2.3', '1.1.3.2.1', '1.1.3.3']);
    for (const p of all) expect(p.source.length, p.id).toBeGreaterThan(0);
  });
});

describe('compareEtomIds: the one order of eTOM ids (the catalog, the results rollup)', () => {
  it('segment by segment as numbers, an id before those it prefixes', () => {
    const ids = ['1.10', '1.1.1.10', '1.2', '1.1', '1.1.1.5', '1.9', '1.1.1'];
    expect([...ids].sort(compareEtomIds)).toEqual(['1.1', '1.1.1', '1.1.1.5', '1.1.1.10', '1.2', '1.9', '1.10']);
  });

  it("ids of a scenario's own: after the numbers, by code unit whatever the locale; equal as numbers, by code unit", () => {
    // localeCompare puts 'a' before 'B' (ICU's root collation); the code-unit order puts 'B' first in every locale
    expect(['1.b', '1.a', '1.2', '1.B', 'x'].sort(compareEtomIds)).toEqual(['1.2', '1.B', '1.a', '1.b', 'x']);
    expect(['1.1', '1.01'].sort(compareEtomIds)).toEqual(['1.01', '1.1']);
    expect(compareEtomIds('1.1.1', '1.1.1')).toBe(0);
  });
});
