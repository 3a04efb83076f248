import { describe, expect, it } from 'vitest';
import { tQuantile } from '../../engine/stats/t-quantile.js';

/** Relative error, falling back to absolute near zero. */
function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
}

describe('tQuantile', () => {
  it('matches the Cauchy closed form for df = 1', () => {
    // tan(pi(p - 1/2)) = -cot(pi p); the cotangent keeps full precision in the far tails.
    for (const p of [1e-12, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.4, 0.49, 0.51, 0.75, 0.9, 0.975, 0.99]) {
      const expected = p < 0.5 ? -1 / Math.tan(Math.PI * p) : Math.tan(Math.PI * (p - 0.5));
      expect(relativeError(tQuantile(p, 1), expected)).toBeLessThan(1e-12);
    }
  });

  it('matches the closed form (2p-1)/sqrt(2p(1-p)) for df = 2', () => {
    for (const p of [1e-10, 1e-4, 0.01, 0.1, 0.3, 0.45, 0.55, 0.7, 0.9, 0.975, 0.999, 1 - 1e-9]) {
      const expected = (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
      expect(relativeError(tQuantile(p, 2), expected)).toBeLessThan(1e-12);
    }
  });

  it('reproduces published table values', () => {
    expect(tQuantile(0.975, 5)).toBeCloseTo(2.570581836, 9);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262157163, 9);
    expect(tQuantile(0.975, 19)).toBeCloseTo(2.093024054, 9);
    expect(tQuantile(0.975, 29)).toBeCloseTo(2.045229642, 9);
    expect(tQuantile(0.95, 10)).toBeCloseTo(1.812461123, 9);
  });

  it('handles real degrees of freedom and far tails', () => {
    // Reference values from mpmath (30 digits): root of betainc(df/2, 1/2, 0, df/(df+t^2))/2 = 1 - p.
    const cases: Array<[number, number, number]> = [
      [0.975, 4.5, 2.6589123472044029843],
      [0.9, 1.5, 2.1963984175655377638],
      [0.999, 3, 10.214531852407383456],
      [0.99999, 2.5, 87.643286856821461417],
      [0.975, 1000, 1.9623390808264081039],
    ];
    for (const [p, df, expected] of cases) expect(relativeError(tQuantile(p, df), expected)).toBeLessThan(1e-12);
  });

  it('tends to the normal quantile as df grows', () => {
    expect(tQuantile(0.975, 1e12)).toBeCloseTo(1.959963985, 9);
    // Cornish-Fisher: t = z + (z^3 + z)/(4 df) + (5z^5 + 16z^3 + 3z)/(96 df^2) + O(df^-3).
    const z = 1.959963984540054;
    for (const df of [1e4, 1e6, 1e8]) {
      const expansion = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2);
      expect(Math.abs(tQuantile(0.975, df) - expansion)).toBeLessThan(1e-11);
    }
  });

  it('is antisymmetric about p = 1/2 to the bit', () => {
    for (const df of [1, 2.5, 7, 40, 1e5]) {
      for (const p of [0.6, 0.75, 0.9, 0.975, 0.999]) expect(tQuantile(1 - p, df)).toBe(-tQuantile(p, df));
      expect(tQuantile(0.5, df)).toBe(0);
    }
  });

  it('answers each p and df for itself, whatever was asked before (its answers are remembered)', () => {
    // closed forms: Cauchy for df = 1, (2p - 1)/sqrt(2p(1 - p)) for df = 2
    const exact = (p: number, df: number) => (df === 1 ? Math.tan(Math.PI * (p - 0.5)) : (2 * p - 1) / Math.sqrt(2 * p * (1 - p)));
    const asked: [number, number][] = [
      [0.975, 1],
      [0.975, 2],
      [0.9, 2],
      [0.1, 2],
      [0.9, 1],
      [0.025, 1],
    ];
    const check = (order: [number, number][]) => {
      for (const [p, df] of order) expect(relativeError(tQuantile(p, df), exact(p, df))).toBeLessThan(1e-12);
    };
    check(asked);
    check([...asked].reverse()); // now from what it remembers
    for (let i = 0; i < 1100; i++) tQuantile(0.975, 3 + i / 8); // more than it keeps: emptied on the way
    const fresh = asked.map(([p, df]) => tQuantile(p, df)); // worked out again, the earlier answers emptied
    check(asked);
    expect(asked.map(([p, df]) => tQuantile(p, df))).toEqual(fresh); // remembered: the same doubles as worked out
  });

  it('rejects p outside (0, 1) and df below 1', () => {
    for (const p of [0, 1, -0.1, 1.5, NaN]) expect(() => tQuantile(p, 5)).toThrow(RangeError);
    for (const df of [0.5, 0, -3, NaN, Infinity]) expect(() => tQuantile(0.975, df)).toThrow(RangeError);
  });
});
