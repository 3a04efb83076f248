// The warm-up check's one test a series (warmup-check.ts cutEvidence): each replication's differences (mean before a
// cut less mean after it) at the cuts set beforehand, weighted by sqrt((1 - s)/s) for a cut at share s of the window
// and summed; damped Johnson's t on those sums, Johnson's undamped p to agree below 0.1% (from 4 replications, as
// JOHNSON_MIN_VALUES: with 3 the damped p is t's, and alone); the largest bias a cut's mean
// difference puts on the window's mean. Computed here by hand, not by the code under test.
import { describe, expect, test } from 'vitest';
import { cutEvidence } from '../../engine/results/warmup-check.js';
import { dampedJohnsonTwoSidedP, johnsonTwoSidedP } from '../../engine/stats/skewness.js';

/** The mean of the values that are not NaN (a bin without a value is left out, as the check does). */
const mean = (x: readonly number[]) => {
  const kept = x.filter((v) => !Number.isNaN(v));
  return kept.reduce((s, v) => s + v, 0) / kept.length;
};

/** Four replications of 8 daily bins, warm-up 0, batches of a day: the cuts at 1/32, 1/16 and 1/8 of 8 batches all
 *  fall at the first (24 h, share 1/8), 1/4 at 48 h (2/8), 1/2 at 96 h (4/8). */
const SERIES = [
  [1, 4, 5, 6, 5, 4, 5, 6],
  [2, 3, 6, 5, 5, 5, 4, 6],
  [0.5, 5, 4, 6, 6, 4, 5, 5],
  [1.5, 2, 5, 5, 4, 6, 6, 5],
];

/** By hand: per replication, sum over the cuts of sqrt((1 - s)/s) (mean of bins before - mean of bins after). */
function byHand(series: number[][], cutBins: number[]) {
  const bins = series[0].length;
  const combined = series.map((x) =>
    cutBins.reduce((sum, k) => {
      const s = k / bins;
      return sum + Math.sqrt((1 - s) / s) * (mean(x.slice(0, k)) - mean(x.slice(k)));
    }, 0),
  );
  const bias = Math.max(
    ...cutBins.map(
      (k) =>
        (Math.abs(mean(series.map((x) => mean(x.slice(0, k)) - mean(x.slice(k))))) * (k / bins)) /
        mean(series.map((x) => mean(x.slice(k)))),
    ),
  );
  const damped = dampedJohnsonTwoSidedP(combined, 1.5);
  return { p: damped < 0.001 && combined.length >= 4 ? Math.max(damped, johnsonTwoSidedP(combined)) : damped, bias, combined };
}

describe("the warm-up check's test of a series", () => {
  test('one test of the cuts together: the weighted sum of each replication’s differences, its p and largest bias', () => {
    const expected = byHand(SERIES, [1, 2, 4]);
    const { evidence, replications } = cutEvidence(
      SERIES.map((x) => Float64Array.from(x)),
      0,
      24,
      24,
    );
    expect(replications).toBe(4);
    expect(evidence!.p).toBeCloseTo(expected.p, 12);
    expect(evidence!.bias).toBeCloseTo(expected.bias, 12);
    expect(expected.p).toBeLessThan(0.05); // the first day low in every replication
  });

  test('deep in the tail Johnson’s undamped p must agree; a cut a replication lacks is dropped, shortest first', () => {
    // the first day 3-5 below in 9 of 10 replications, 2 below in the tenth: the damped p is far below 0.1%, and the
    // differences' skew towards 0 makes Johnson's undamped p the larger, the one the rule answers with
    const deep = Array.from({ length: 10 }, (_, r) => [
      r === 9 ? 3 : 1 + 0.5 * (((r * 7) % 5) - 2),
      5,
      5 + (r % 3) / 10,
      5,
      5,
      5 - (r % 2) / 10,
      5,
      5,
    ]);
    const expected = byHand(deep, [1, 2, 4]);
    expect(dampedJohnsonTwoSidedP(expected.combined, 1.5)).toBeLessThan(0.001);
    expect(johnsonTwoSidedP(expected.combined)).toBeGreaterThan(dampedJohnsonTwoSidedP(expected.combined, 1.5));
    expect(
      cutEvidence(
        deep.map((x) => Float64Array.from(x)),
        0,
        24,
        24,
      ).evidence!.p,
    ).toBeCloseTo(expected.p, 15);
    // replications 2 and 3 have no value on the first day: with them, only the cuts at 48 and 96 h are tested
    const gaps = SERIES.map((x, r) => (r >= 2 ? [Number.NaN, ...x.slice(1)] : x));
    const got = cutEvidence(
      gaps.map((x) => Float64Array.from(x)),
      0,
      24,
      24,
    );
    const withoutFirstDay = byHand(gaps, [2, 4]);
    expect(got.replications).toBe(4);
    expect(got.evidence!.p).toBeCloseTo(withoutFirstDay.p, 12);
    expect(got.evidence!.bias).toBeCloseTo(withoutFirstDay.bias, 12);
    // with a third lacking it too, the two left at the first day drop it as well: no replication lacks the others
    const three = SERIES.map((x, r) => (r >= 1 ? [Number.NaN, ...x.slice(1)] : x));
    expect(
      cutEvidence(
        three.map((x) => Float64Array.from(x)),
        0,
        24,
        24,
      ).evidence!.p,
    ).toBeCloseTo(byHand(three, [2, 4]).p, 12);
  });

  test('from 3 replications the deep tail reads the damped p alone (Johnson’s p not from fewer than 4 values)', () => {
    // the first day 1, 1.19 and 1.4 below a flat 5: the damped p (t's, from 3 values) just under 0.1%, and the sums'
    // slight skew puts Johnson's undamped p eight times higher, which the rule would answer with from 4 replications
    const three = [1, 1.19, 1.4].map((first) => [first, 5, 5, 5, 5, 5, 5, 5]);
    const expected = byHand(three, [1, 2, 4]);
    const damped = dampedJohnsonTwoSidedP(expected.combined, 1.5);
    expect(damped).toBeLessThan(0.001);
    expect(johnsonTwoSidedP(expected.combined)).toBeGreaterThan(5 * damped);
    const got = cutEvidence(
      three.map((x) => Float64Array.from(x)),
      0,
      24,
      24,
    );
    expect(got.replications).toBe(3);
    expect(got.evidence!.p).toBeCloseTo(damped, 15);
  });

  test('no evidence where the window is too short to cut, or no cut leaves 3 replications', () => {
    expect(cutEvidence([Float64Array.from([1]), Float64Array.from([2]), Float64Array.from([3])], 0, 24, 24)).toEqual({
      evidence: null,
      replications: 3,
    });
    const sparse = SERIES.map((x, r) => (r >= 2 ? [Number.NaN, Number.NaN, Number.NaN, Number.NaN, ...x.slice(4)] : x));
    expect(
      cutEvidence(
        sparse.map((x) => Float64Array.from(x)),
        0,
        24,
        24,
      ),
    ).toEqual({ evidence: null, replications: 2 });
  });
});
