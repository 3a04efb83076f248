// The warm-up check's one test a series (warmup-check.ts cutEvidence): the window's bins ranked over every replication;
// each replication's differences of ranks (mean before a cut less mean after it) at the cuts set beforehand, weighted by
// sqrt(1 - s)/s for a cut at share s of the window and summed; damped Johnson's t on those sums (familyP), Johnson's
// undamped p to agree below 0.1% (from 4 replications, as JOHNSON_MIN_VALUES: with 3 the damped p is t's, and alone);
// the largest bias a cut's mean difference of the values puts on the window's mean. Computed here by hand, not by the
// code under test.
import seedrandom from 'seedrandom';
import { describe, expect, test } from 'vitest';
import { cutEvidence, familyP, WindowScratch } from '../../engine/results/warmup-check.js';
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

/** Every value replaced by its rank among all of them, ties by their mean rank (1-based); NaN kept. */
function midRanks(series: number[][]): number[][] {
  const all = series.flat().filter((v) => !Number.isNaN(v));
  return series.map((x) =>
    x.map((v) => (Number.isNaN(v) ? v : all.filter((w) => w < v).length + (all.filter((w) => w === v).length + 1) / 2)),
  );
}

/** By hand: per replication, sum over the cuts of sqrt(1 - s)/s (mean of ranks before - mean of ranks after). */
function byHand(series: number[][], cutBins: number[]) {
  const bins = series[0].length;
  const ranks = midRanks(series);
  const combined = ranks.map((x) =>
    cutBins.reduce((sum, k) => {
      const s = k / bins;
      return sum + (Math.sqrt(1 - s) / s) * (mean(x.slice(0, k)) - mean(x.slice(k)));
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

const evidenceOf = (series: number[][]) =>
  cutEvidence(
    series.map((x) => Float64Array.from(x)),
    0,
    24,
    24,
  );

describe("the warm-up check's test of a series", () => {
  test('one test of the cuts together: the weighted sum of each replication’s differences of ranks, its p and largest bias', () => {
    const expected = byHand(SERIES, [1, 2, 4]);
    const { evidence, replications } = evidenceOf(SERIES);
    expect(replications).toBe(4);
    expect(evidence!.p).toBeCloseTo(expected.p, 12);
    expect(evidence!.bias).toBeCloseTo(expected.bias, 12);
    expect(expected.p).toBeLessThan(0.05); // the first day low in every replication
    // the test reads ranks: any increasing transform of the bins leaves its p as it was; the bias is the values'
    const transformed = evidenceOf(SERIES.map((x) => x.map((v) => Math.exp(3 * v))));
    expect(transformed.evidence!.p).toBe(evidence!.p);
    expect(transformed.evidence!.bias).not.toBeCloseTo(evidence!.bias, 2);
  });

  test('bins tied across replications take their mean rank, bins without a value none: exactly the sums by hand', () => {
    // whole numbers of a few values (a queue empty all day gives many zeros), NaN where no case completed
    const ties = [
      [0, 0, 2, 1, Number.NaN, 2, 1, 0],
      [0, 1, 1, Number.NaN, 2, 0, 2, 2],
      [1, 0, Number.NaN, 2, 2, 1, 0, 1],
      [0, 0, 1, 2, 2, 2, Number.NaN, 1],
    ];
    const expected = byHand(ties, [1, 2, 4]);
    const { evidence, replications } = evidenceOf(ties);
    expect(replications).toBe(4);
    // the ranks' sums are exact (multiples of 1/2) and taken in the order the hand's are weighted and summed
    expect(evidence!.p).toBe(expected.p);
    expect(evidence!.bias).toBeCloseTo(expected.bias, 12);
  });

  test('a cut a replication lacks is dropped, shortest first', () => {
    // replications 2 and 3 have no value on the first day: with them, only the cuts at 48 and 96 h are tested
    const gaps = SERIES.map((x, r) => (r >= 2 ? [Number.NaN, ...x.slice(1)] : x));
    const got = evidenceOf(gaps);
    const withoutFirstDay = byHand(gaps, [2, 4]);
    expect(got.replications).toBe(4);
    expect(got.evidence!.p).toBeCloseTo(withoutFirstDay.p, 12);
    expect(got.evidence!.bias).toBeCloseTo(withoutFirstDay.bias, 12);
    // with a third lacking it too, the two left at the first day drop it as well: no replication lacks the others
    const three = SERIES.map((x, r) => (r >= 1 ? [Number.NaN, ...x.slice(1)] : x));
    expect(evidenceOf(three).evidence!.p).toBeCloseTo(byHand(three, [2, 4]).p, 12);
  });

  test('a replication longer than the first, with values after a cut only past the first one’s end, is not counted', () => {
    // the ranks end with the first replication's window (8 days); a fifth replication of 16 days with no value on days
    // 2-8 has values after every cut but no rank there: it counts as the same replication cut at 8 days does (none)
    const long = [1, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, 5, 6, 5, 4, 5, 6, 5, 4];
    const got = evidenceOf([...SERIES, long]);
    expect(got).toEqual(evidenceOf([...SERIES, long.slice(0, 8)]));
    expect(got.replications).toBe(4);
    expect(got.evidence!.p).not.toBeCloseTo(byHand(SERIES, [1, 2, 4]).p, 6); // its first day is ranked with the others
  });

  test('deep in the tail Johnson’s undamped p must agree, from 4 replications; from 3 the damped p alone', () => {
    // sums far below 0 with a slight skew towards it: the damped p under 0.1%, Johnson's undamped p larger
    const four = [-17, -15.6, -14.6, -12.8];
    expect(dampedJohnsonTwoSidedP(four, 1.5)).toBeLessThan(0.001);
    expect(johnsonTwoSidedP(four)).toBeGreaterThan(dampedJohnsonTwoSidedP(four, 1.5));
    expect(familyP(four)).toBe(johnsonTwoSidedP(four));
    // shallower, the damped p alone
    const shallow = [-3, -1, -2.5, 0.5];
    expect(dampedJohnsonTwoSidedP(shallow, 1.5)).toBeGreaterThan(0.001);
    expect(familyP(shallow)).toBe(dampedJohnsonTwoSidedP(shallow, 1.5));
    // 3 sums: the damped p (t's, from 3 values) under 0.1%, Johnson's fifteen times higher and not read
    const three = [-15.7, -15.05, -14.3];
    const damped = dampedJohnsonTwoSidedP(three, 1.5);
    expect(damped).toBeLessThan(0.001);
    expect(johnsonTwoSidedP(three)).toBeGreaterThan(5 * damped);
    expect(familyP(three)).toBe(damped);
  });

  test('one scratch for many series, as an assessment has: a window after a larger one gets the evidence a fresh scratch gives', () => {
    const uniform = seedrandom('etomsim-warmup-scratch');
    const drawn = (reps: number, bins: number) =>
      Array.from({ length: reps }, () => Float64Array.from({ length: bins }, () => Math.floor(6 * uniform()) / 2));
    const scratch = new WindowScratch();
    for (const series of [drawn(30, 60), drawn(4, 8), drawn(12, 40), drawn(30, 61)]) {
      const fresh = cutEvidence(series, 0, 24, 24);
      expect(cutEvidence(series, 0, 24, 24, scratch)).toEqual(fresh);
      expect(fresh.evidence).not.toBeNull();
    }
    const small = cutEvidence(
      SERIES.map((x) => Float64Array.from(x)),
      0,
      24,
      24,
      scratch,
    );
    expect(small.evidence!.p).toBeCloseTo(byHand(SERIES, [1, 2, 4]).p, 12);
  });

  test('no evidence where the window is too short to cut, or no cut leaves 3 replications', () => {
    expect(cutEvidence([Float64Array.from([1]), Float64Array.from([2]), Float64Array.from([3])], 0, 24, 24)).toEqual({
      evidence: null,
      replications: 3,
    });
    const sparse = SERIES.map((x, r) => (r >= 2 ? [Number.NaN, Number.NaN, Number.NaN, Number.NaN, ...x.slice(4)] : x));
    expect(evidenceOf(sparse)).toEqual({ evidence: null, replications: 2 });
  });

  test('fewer than 3 replications: no evidence, and as many replications with both parts at a cut as among more', () => {
    // below 3 the window is counted, not ranked (cutEvidence): each replication's parts are had or lacked as they are
    // beside a third that has them at every cut
    const series = (x: readonly number[]) => Float64Array.from(x);
    const sparse = series([Number.NaN, Number.NaN, Number.NaN, Number.NaN, ...SERIES[0].slice(4)]);
    const full = SERIES.map(series);
    const third = full[2];
    expect(cutEvidence([full[0], full[1], third], 0, 24, 24).evidence).not.toBeNull();
    for (const few of [[sparse], [full[0]], [full[0], sparse], [sparse, full[1]], [full[0], full[1]]]) {
      const alone = cutEvidence(few, 0, 24, 24, new WindowScratch());
      const beside = cutEvidence([...few, third], 0, 24, 24);
      expect({ few: few.length, ...alone }).toEqual({ few: few.length, evidence: null, replications: beside.replications - 1 });
    }
    // after a scratch has ranked a window, as an assessment's next series finds it
    const used = new WindowScratch();
    cutEvidence(full, 0, 24, 24, used);
    expect(cutEvidence([full[0], sparse], 0, 24, 24, used)).toEqual(cutEvidence([full[0], sparse], 0, 24, 24));
  });

  test('on stationary series of strongly skewed bins the test holds its level, where the values’ differences did not', () => {
    // 2,000 series of 10 replications x 28 independent Exp(1) daily values (skewness 2), no transient: a series' test
    // rejects at 5% in 100 of them and at 1% in 20 (nominal; binomial sd 9.7 and 4.5). The same test on the values' own
    // differences (as before session 43), whose weighted sum is nearly the first day's skewed value, rejects far more.
    const uniform = seedrandom('etomsim-warmup-ranks');
    const cuts = [1, 2, 4, 7, 14]; // the shares 1/32 .. 1/2 of 28 days
    const rejected = { ranks: [0, 0], values: [0, 0] };
    const count = (tally: number[], p: number) => {
      if (p < 0.05) tally[0]++;
      if (p < 0.01) tally[1]++;
    };
    for (let k = 0; k < 2000; k++) {
      const reps = Array.from({ length: 10 }, () => Array.from({ length: 28 }, () => -Math.log(1 - uniform())));
      count(rejected.ranks, evidenceOf(reps).evidence!.p);
      const sums = reps.map((x) =>
        cuts.reduce((sum, c) => sum + (Math.sqrt(1 - c / 28) / (c / 28)) * (mean(x.slice(0, c)) - mean(x.slice(c))), 0),
      );
      count(rejected.values, familyP(sums));
    }
    expect(rejected.ranks[0]).toBeLessThan(100 + 3 * 9.7);
    expect(rejected.ranks[0]).toBeGreaterThan(100 - 3 * 9.7);
    expect(rejected.ranks[1]).toBeLessThan(20 + 3 * 4.5);
    expect(rejected.values[0]).toBeGreaterThan(100 + 3 * 9.7);
    expect(rejected.values[1]).toBeGreaterThan(20 + 3 * 4.5);
  });
});
