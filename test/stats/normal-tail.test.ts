// The normal's tails to near double precision however far out. References: log(erfc(z/sqrt 2)/2)
// in 50-digit arithmetic (mpmath 1.3.0), cross-checked from z = 3 on by Laplace's continued
// fraction for the Mills ratio carried to 5,000 terms in the same arithmetic (agreeing to 1e-35).
// simple-statistics' errorFunction, which discovery used for the truncated normal's kept mass
// and distribution function, is good to about 1e-7 absolute: at 1e-12 relative it fails all but
// the first few of these.
import { describe, expect, test } from 'vitest';
import { logNormalTail, normalCdf, truncatedNormalCdf } from '../../engine/stats/normal-tail.js';

function expectRelative(got: number, want: number, tolerance = 1e-12) {
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tolerance * Math.abs(want));
}

describe('logNormalTail: log P(Z > z)', () => {
  test.each([
    [0, -Math.LN2],
    [0.5, -1.1759117615936186],
    [1, -1.8410216450092635],
    [1.999, -3.780811560999765], // the two methods meet at 2
    [2, -3.783184333682032],
    [2.5, -5.08164827727869],
    [3, -6.60772622151035],
    [5, -15.064998393988726],
    [10, -53.23128515051247], // log Phi(-10)
    [20, -203.91715537109726],
    [38, -726.5572160188201], // log Phi(-38): Phi(-38) = 2.9e-316, past where doubles are normal
    [100, -5005.524208694205],
    [-1, -0.17275377902344989],
    [-3, -0.0013508099647481938],
    [-10, -7.619853024160526e-24], // log(1 - 7.6e-24): by log1p, where 1 - Phi rounds to 1
  ])('z = %d', (z, want) => expectRelative(logNormalTail(z), want));

  test('continuous where the methods meet, and decreasing', () => {
    expectRelative(logNormalTail(2 - 1e-12), logNormalTail(2), 1e-11);
    for (let z = -30; z < 40; z += 0.37) expect(logNormalTail(z + 0.01)).toBeLessThan(logNormalTail(z));
  });
});

describe('normalCdf and the normal truncated at 0', () => {
  test.each([
    [-10, 7.619853024160526e-24],
    [-3, 0.0013498980316300945],
    [0.5, 0.6914624612740131],
    [3, 0.9986501019683699],
    [8, 0.9999999999999993779],
  ])('Phi(%d) to 1e-12 relative in either tail', (z, want) => expectRelative(normalCdf(z), want));

  test("a normal of mean -395 h and sd 49 h truncated at 0 (kept mass 3e-16): its distribution function where Phi's difference would be rounding", () => {
    // 1 - P(Z > (x - m)/s)/P(Z > -m/s), in 50 digits; by the difference of two logs near -32,
    // each within 1e-14 relative: 1e-11 where the difference is small (x = 0.5: -0.08)
    expectRelative(truncatedNormalCdf(0.5, -395, 49), 0.080144128755580677385, 1e-11);
    expectRelative(truncatedNormalCdf(5, -395, 49), 0.56829066467446905696, 1e-11);
    expectRelative(truncatedNormalCdf(20, -395, 49), 0.96734102550806522457, 1e-11);
    expectRelative(truncatedNormalCdf(100, -395, 49), 0.9999999928370852875, 1e-11);
    expect(truncatedNormalCdf(0, -395, 49)).toBe(0);
    expect(truncatedNormalCdf(-1, 2, 1)).toBe(0);
  });
});
