import { describe, expect, test } from 'vitest';
import { holmRejects } from '../../engine/stats/holm.js';
import { tTwoSidedP, tQuantile } from '../../engine/stats/t-quantile.js';

describe('Holm', () => {
  test('steps down and stops at the first failure', () => {
    // m = 4: thresholds 0.0125, 0.01667, 0.025, 0.05
    expect(holmRejects([0.01, 0.04, 0.03, 0.005])).toEqual([true, false, false, true]);
    expect(holmRejects([0.01, 0.015, 0.03, 0.04])).toEqual([true, true, false, false]); // 0.03 > 0.025 stops it
    expect(holmRejects([0.001, 0.002, 0.003, 0.04])).toEqual([true, true, true, true]);
    expect(holmRejects([0.001, NaN])).toEqual([true, false]);
    expect(holmRejects([])).toEqual([]);
  });

  test('rejects at least what Bonferroni rejects', () => {
    const p = [0.001, 0.012, 0.013, 0.2, 0.0049];
    holmRejects(p).forEach((r, i) => expect(r || !(p[i] <= 0.05 / p.length)).toBe(true));
  });
});

describe('two-sided p of t', () => {
  test('inverts the quantile', () => {
    for (const df of [1, 4, 19, 200]) {
      expect(tTwoSidedP(tQuantile(0.975, df), df)).toBeCloseTo(0.05, 10);
      expect(tTwoSidedP(-tQuantile(0.9995, df), df)).toBeCloseTo(0.001, 10);
    }
    expect(tTwoSidedP(0, 5)).toBe(1);
    expect(tTwoSidedP(Infinity, 5)).toBe(0);
  });
});
