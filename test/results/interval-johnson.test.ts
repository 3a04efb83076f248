// `--interval johnson` adds Johnson's (1978) modified-t interval (in Hall's monotone form) beside the core's ci95, never
// instead of it: a stat's ci95 stays the Student-t interval of the mean, a comparison's the paired
// t of the differences, and `significant` rests on it (results-format.md, core). Johnson's goes in
// ci95_johnson (significant_johnson, significant_adjusted_johnson, and a relative change's
// delta_pct_ci95_johnson), and the reports show it.
// Both intervals are computed here from their formulas, not by the code under test.
import { describe, expect, test } from 'vitest';
import { runExperiment } from '../../engine/experiment/experiment.js';
import { buildResults } from '../../engine/results/build.js';
import type { Comparison, Results, Stat } from '../../engine/results/types.js';
import { loadScenarioFile } from '../../engine/scenario/load.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { pairedComparison } from '../../engine/stats/paired.js';
import { JOHNSON_MIN_VALUES } from '../../engine/stats/skewness.js';
import { summarize } from '../../engine/stats/summary.js';
import { summaryText } from '../../bin/run-summary.js';
import { assumptions } from '../../reports/assumptions.js';
import { asShown } from '../../reports/shown-intervals.js';

/** t(0.975, df) for df = 1..9, from the tables (R: qt(0.975, df)). */
const T975 = [
  Number.NaN,
  12.706204736174707,
  4.302652729749464,
  3.182446305284263,
  2.7764451051977987,
  2.5705818356363146,
  2.4469118511449692,
  2.3646242515927844,
  2.3060041352041662,
  2.2621571627982053,
];

function meanOf(x: readonly number[]): number {
  return x.reduce((s, v) => s + v, 0) / x.length;
}

/** mean ± t(0.975, n-1)·sd/√n, sd with divisor n - 1. */
function tInterval(x: readonly number[]): [number, number] {
  const n = x.length;
  const m = meanOf(x);
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
  if (sd === 0) return [m, m];
  const h = (T975[n - 1] * sd) / Math.sqrt(n);
  return [m - h, m + h];
}

/**
 * Johnson (1978) in Hall's (1992) monotone form: the mu for which g(T) = ±t(0.975, n-1), T = (x̄ - mu)/(s/√n),
 * g(T) = T + a/6 + a T²/3 + a² T³/27 with a = (m3/s³)/√n, m3 = n/((n-1)(n-2)) Σ(x - x̄)³. g is the cube
 * ((1 + aT/3)³ - 1)/a + a/6, so T = 3((1 + a(y - a/6))^(1/3) - 1)/a for g(T) = y (y - a/6 when a = 0).
 */
function johnsonFormula(x: readonly number[]): [number, number] {
  const n = x.length;
  const m = meanOf(x);
  const s2 = x.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1);
  const m3 = (n / ((n - 1) * (n - 2))) * x.reduce((s, v) => s + (v - m) ** 3, 0);
  const a = m3 / s2 ** 1.5 / Math.sqrt(n);
  const se = Math.sqrt(s2 / n);
  const t = T975[n - 1];
  const root = (y: number) => (a === 0 ? y : (3 * (Math.cbrt(1 + a * (y - a / 6)) - 1)) / a);
  return [m - root(t) * se, m - root(-t) * se];
}

/** The relative change's interval with Johnson's t: the log ratio R ± Johnson's interval of the mean of e = y/ȳ - x/x̄, in % of 1. */
function ratioJohnsonFormula(x: readonly number[], y: readonly number[]): [number, number] {
  const [xbar, ybar] = [meanOf(x), meanOf(y)];
  const r = ybar / xbar;
  const [lo, hi] = johnsonFormula(y.map((v, i) => v / ybar - x[i] / xbar));
  return [100 * (r * Math.exp(lo) - 1), 100 * (r * Math.exp(hi) - 1)];
}

function expectInterval(actual: [number, number] | null | undefined, expected: [number, number]): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  for (const i of [0, 1]) expect(Math.abs(actual![i] - expected[i])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(expected[i])));
}

// Ten paired differences, right-skewed (two large ones): t's interval includes 0, Johnson's does not
// (skewness 1.7, strong for ten, moves both its ends up: [0.04, 6.16] against t's [-0.33, 2.29]).
const DIFFERENCES = [-0.4, -0.2, 0, 0.1, 0.2, 0.3, 0.4, 0.7, 3.6, 5.1];

describe('a skewed replication sample', () => {
  test("a stat's ci95 is the t interval and ci95_johnson Johnson's; without johnson there is no ci95_johnson", () => {
    const values = [2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.8, 3.0, 3.3]; // skewness 0.8
    const t = tInterval(values);
    const j = johnsonFormula(values);
    expect(j[1] - t[1]).toBeGreaterThan(0.06); // the two differ: Johnson's moves up, toward the long tail
    expect(j[0] - t[0]).toBeGreaterThan(0.04);
    const stat = summarize(values, 'johnson');
    expectInterval(stat.ci95, t);
    expectInterval(stat.ci95_johnson, j);
    const plain = summarize(values);
    expect(plain.ci95).toEqual(stat.ci95);
    expect(Object.hasOwn(plain, 'ci95_johnson')).toBe(false);
    expect(JSON.stringify(plain)).toBe(JSON.stringify({ mean: stat.mean, sd: stat.sd, n: 10, ci95: stat.ci95 }));
  });

  test('two values have no third moment: ci95_johnson is the t interval; one value, neither; a constant sample, [v, v]', () => {
    expectInterval(summarize([1, 3], 'johnson').ci95_johnson, tInterval([1, 3]));
    expect(summarize([4], 'johnson')).toEqual({ mean: 4, sd: null, n: 1, ci95: null, ci95_johnson: null });
    expect(summarize([], 'johnson').ci95_johnson).toBeNull();
    expect(summarize([5, 5, 5], 'johnson')).toEqual({ mean: 5, sd: 0, n: 3, ci95: [5, 5], ci95_johnson: [5, 5] });
  });

  test("three values cannot show a skew: ci95_johnson is the t interval below JOHNSON_MIN_VALUES (4), Johnson's from it", () => {
    expect(JOHNSON_MIN_VALUES).toBe(4);
    const three = [1, 2, 10]; // skewness sqrt(3)·0.94: as skewed as 3 values can look
    expect(johnsonFormula(three)[1]).toBeGreaterThan(tInterval(three)[1] + 1); // what Johnson's would have said
    expect(summarize(three, 'johnson').ci95_johnson).toEqual(summarize(three, 'johnson').ci95);
    const four = [1, 2, 3, 10];
    expectInterval(summarize(four, 'johnson').ci95_johnson, johnsonFormula(four));
    expect(summarize(four, 'johnson').ci95_johnson![1]).toBeGreaterThan(tInterval(four)[1] + 1);
  });

  test("a comparison's ci95 and significant are the paired t's; Johnson's, which here excludes 0, goes beside them", () => {
    const baseline = DIFFERENCES.map((_, i) => 20 + 3 * i);
    const value = baseline.map((b, i) => b + DIFFERENCES[i]);
    const differences = value.map((v, i) => v - baseline[i]); // as the code forms them, to the last bit
    const t = tInterval(differences);
    const j = johnsonFormula(differences);
    expect(t[0]).toBeLessThan(0);
    expect(j[0]).toBeGreaterThan(0);
    const c = pairedComparison(baseline, value, 'johnson')!;
    expectInterval(c.ci95, t);
    expect(c.significant).toBe(false);
    expectInterval(c.johnson!.ci95, j);
    // the relative change's Johnson interval: the ratio's log-scale delta method with Johnson's t
    const relative = ratioJohnsonFormula(baseline, value);
    expectInterval(c.johnson!.delta_pct_ci95, relative);
    expect(relative[1] - c.delta_pct_ci95![1]).toBeGreaterThan(0.2); // moved toward the long tail, away from the t form (points of %)
    // below 10 pairs the t form (nine, and two, which have no third moment)
    for (const pairs of [9, 2])
      expectInterval(
        pairedComparison(baseline.slice(0, pairs), value.slice(0, pairs), 'johnson')!.johnson!.delta_pct_ci95,
        pairedComparison(baseline.slice(0, pairs), value.slice(0, pairs))!.delta_pct_ci95!,
      );
    expect(c.johnson!.significant).toBe(true);
    expect(c.johnson!.p).toBeLessThan(0.05);
    expect(c.p).toBeGreaterThan(0.05);
    expect(pairedComparison(baseline, value)!.johnson).toBeUndefined();
  });
});

describe('results.json of a run under --interval johnson', () => {
  const file = new URL('../../scenarios/fault-to-repair.yaml', import.meta.url).pathname;
  const loaded = loadScenarioFile(file).set as ScenarioSet;
  const short = (s: ScenarioSet['baseline']) => ({ ...s, run: { ...s.run, horizon: 20 * 24, warmup: 2 * 24 } });
  const set: ScenarioSet = {
    ...loaded,
    baseline: short(loaded.baseline),
    variants: loaded.variants.map((v) => ({ ...v, scenario: short(v.scenario) })),
  };

  async function results(interval: 't' | 'johnson'): Promise<Results> {
    const experiment = await runExperiment(set, {
      replications: 10,
      seed: 11,
      workers: 1,
      variants: null,
      precision: null,
      maxReplications: 10,
    });
    const built = buildResults({
      scenario: set.baseline.name,
      description: null,
      version: 'test',
      seed: 11,
      workers: 1,
      wallSeconds: 0,
      runs: experiment.runs,
      precision: null,
      set,
      interval,
    });
    return JSON.parse(JSON.stringify(built)) as Results;
  }

  /** The stat at a dotted path of a variant block. */
  const statAt = (block: unknown, path: string): Stat =>
    path.split('.').reduce((node, key) => (node as Record<string, unknown>)[key], block) as Stat;
  const kept = (values: (number | null)[], other?: (number | null)[]) =>
    values.filter((v, i) => v !== null && (other === undefined || other[i] !== null)) as number[];

  test("every ci95 is the t interval of its replications, every ci95_johnson Johnson's; without johnson the file is the same but for those keys", async () => {
    const [j, t] = [await results('johnson'), await results('t')];
    expect(j.interval).toBe('johnson');
    let stats = 0;
    let differing = 0;
    for (const [name, block] of Object.entries(j.variants)) {
      for (const [path, values] of Object.entries(block.replications)) {
        const stat = statAt(block, path);
        const x = kept(values);
        if (x.length < 2) {
          expect(stat.ci95).toBeNull();
          continue;
        }
        stats++;
        expectInterval(stat.ci95, tInterval(x));
        if (x.length >= 3 && x.some((v) => v !== x[0])) {
          expectInterval(stat.ci95_johnson, johnsonFormula(x));
          if (Math.abs(stat.ci95_johnson![1] - stat.ci95![1]) > 1e-6 * (1 + Math.abs(stat.ci95![1]))) differing++;
        }
        expect(statAt(t.variants[name], path)).toEqual({ ...stat, ci95_johnson: undefined });
      }
    }
    expect(stats).toBeGreaterThan(100);
    // every stat of the file has Johnson's beside it, the eTOM roll-ups and the bottleneck ranking too
    const without: string[] = [];
    let etomStats = 0;
    const walk = (x: unknown, path: string): void => {
      if (typeof x !== 'object' || x === null) return;
      if (Object.hasOwn(x, 'ci95')) {
        if (!Object.hasOwn(x, 'ci95_johnson')) without.push(path);
        if (path.includes('.etom.') || path.includes('.verticals.')) etomStats++;
        return;
      }
      for (const [key, value] of Object.entries(x)) if (!['replications', 'charts', 'inputs'].includes(key)) walk(value, `${path}.${key}`);
    };
    walk(j.variants, 'variants');
    expect(without).toEqual([]);
    expect(etomStats).toBeGreaterThan(10);
    expect(differing).toBeGreaterThan(10); // skewed samples, where the two intervals part
    const base = j.variants.baseline.replications;
    let relativeDiffering = 0;
    for (const [i, c] of j.comparisons.entries()) {
      const before = base[c.metric];
      const after = j.variants[c.variant].replications[c.metric];
      const paired = kept(before, after);
      const differences = kept(after, before).map((v, k) => v - paired[k]);
      if (differences.length >= 2) expectInterval(c.ci95, tInterval(differences));
      if (c.ci95 !== null) expect(c.significant).toBe(c.ci95[0] > 0 || c.ci95[1] < 0);
      expect(c.significant_johnson).toBe(c.ci95_johnson !== null && (c.ci95_johnson![0] > 0 || c.ci95_johnson![1] < 0));
      if (differences.length >= 3 && c.delta_pct !== null && c.delta_pct_ci95 !== null && c.delta_pct_ci95[0] !== c.delta_pct_ci95[1]) {
        // from 10 pairs Johnson's form, below them the t form (ratio.ts, JOHNSON_RATIO_MIN_PAIRS)
        const expected = differences.length >= 10 ? ratioJohnsonFormula(paired, kept(after, before)) : c.delta_pct_ci95;
        expectInterval(c.delta_pct_ci95_johnson, expected);
        if (Math.abs(c.delta_pct_ci95_johnson![1] - c.delta_pct_ci95[1]) > 1e-6 * (1 + Math.abs(c.delta_pct_ci95[1]))) relativeDiffering++;
      } else if (c.delta_pct_ci95 === null || c.delta_pct === null) expect(c.delta_pct_ci95_johnson).toBeNull();
      // the t run's comparison is this one without the Johnson keys, Holm's adjustment included
      const { ci95_johnson, significant_johnson, significant_adjusted_johnson, delta_pct_ci95_johnson, ...core } = c;
      void delta_pct_ci95_johnson;
      expect(t.comparisons[i]).toEqual(core);
      if (significant_adjusted_johnson) expect(significant_johnson).toBe(true);
      expect(significant_adjusted_johnson === null).toBe(c.significant_adjusted === null);
      void ci95_johnson;
    }
    expect(relativeDiffering).toBeGreaterThan(5); // the relative changes' Johnson intervals are not the t ones
  });

  test("the reports and the console show Johnson's intervals, and say so; a file written before the Johnson keys reads as it did", async () => {
    const j = await results('johnson');
    const shown = asShown(j);
    expect(j.comparisons[0].ci95).not.toEqual(j.comparisons[0].ci95_johnson); // the file is left alone
    shown.comparisons.forEach((c: Comparison, i) => {
      expect(c.ci95).toEqual(j.comparisons[i].ci95_johnson);
      expect(c.significant).toBe(j.comparisons[i].significant_johnson);
      expect(c.significant_adjusted).toBe(j.comparisons[i].significant_adjusted_johnson);
      expect(c.delta_pct_ci95).toEqual(j.comparisons[i].delta_pct_ci95_johnson);
    });
    const flow = Object.keys(j.variants.baseline.flows)[0];
    expect(shown.variants.baseline.flows[flow].cycle_time.p95.ci95).toEqual(j.variants.baseline.flows[flow].cycle_time.p95.ci95_johnson);
    expect(shown.variants.baseline.replications).toBe(j.variants.baseline.replications);
    expect(assumptions(j).run.join('\n')).toContain("Johnson's (1978) modified t");
    expect(summaryText(j)).toContain("Gains against the baseline (Johnson's 95% paired intervals)");
    // under t: the same object, no word of Johnson
    const t = await results('t');
    expect(asShown(t)).toBe(t);
    expect(assumptions(t).run.join('\n')).not.toContain('Johnson');
    expect(summaryText(t)).toContain('Gains against the baseline (95% paired intervals)');
    // a file of the old layout: ci95 were Johnson's, and are shown as they are
    const old = JSON.parse(JSON.stringify(j), (key, value) => (key.endsWith('_johnson') ? undefined : value)) as Results;
    expect(asShown(old)).toBe(old);
    expect(assumptions(old).run.join('\n')).toContain('written before 2026-12-03, results.json holds them in its ci95');
  });
});
