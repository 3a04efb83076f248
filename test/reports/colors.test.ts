import { describe, expect, test } from 'vitest';
import { BASELINE_COLOR, variantColor, variantColorEncoding } from '../../reports/colors.js';
import { smallResults } from './fixture.js';

const withVariants = (...names: string[]) => {
  const r = smallResults();
  r.variants = Object.fromEntries(['baseline', ...names].map((n) => [n, r.variants.baseline]));
  return r;
};

describe('variant colours', () => {
  test('the baseline is always the same neutral grey', () => {
    expect(variantColor(withVariants('a'), 'baseline')).toBe(BASELINE_COLOR);
    expect(variantColor(withVariants('x', 'y', 'z'), 'baseline')).toBe(BASELINE_COLOR);
  });

  test("each variant gets its own colour, none of them the baseline's", () => {
    const r = withVariants('a', 'b', 'c', 'd');
    const colors = ['a', 'b', 'c', 'd'].map((v) => variantColor(r, v));
    expect(new Set(colors).size).toBe(4);
    expect(colors).not.toContain(BASELINE_COLOR);
  });

  test('a variant keeps its colour in a chart that shows only some variants', () => {
    const r = withVariants('a', 'b', 'c');
    const full = variantColorEncoding(r);
    const subset = variantColorEncoding(r, ['c', 'a']);
    expect(full.scale.domain).toEqual(['baseline', 'a', 'b', 'c']);
    expect(subset.scale.domain).toEqual(['c', 'a']);
    expect(subset.scale.range).toEqual([full.scale.range[3], full.scale.range[1]]);
    expect(subset.legend?.title).toBe('variant');
  });

  test('an unknown variant is a bug, not a silent colour', () => {
    expect(() => variantColor(withVariants('a'), 'nope')).toThrow(/nope/);
  });
});
