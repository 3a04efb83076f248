// A stat's 95% interval as the reports and the console show it: within its metric's range (the
// catalogue's UNIT_RANGE by its unit: a share from 0 to 1, a time from 0), Student's t and
// Johnson's alike, while results.json keeps each as computed. The intervals are computed here
// from their formulas: t by t(0.975, 2) = 4.302652729749464 (R: qt(0.975, 2)).
import { describe, expect, test } from 'vitest';
import type { Results, Stat } from '../../engine/results/types.js';
import { summarize } from '../../engine/stats/summary.js';
import { asShown, fidelityAsShown } from '../../reports/shown-intervals.js';
import type { Fidelity } from '../../engine/fidelity/fidelity.js';
import { FIDELITY_MEASURE_RANGE, type StatPaths } from '../../engine/fidelity/measure-ranges.js';
import { kpiRows } from '../../reports/csv.js';

const T975_2 = 4.302652729749464;

/** mean ± t(0.975, n-1)·sd/√n of three values. */
function tInterval(x: readonly number[]): [number, number] {
  const m = (x[0] + x[1] + x[2]) / 3;
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / 2);
  return [m - (T975_2 * sd) / Math.sqrt(3), m + (T975_2 * sd) / Math.sqrt(3)];
}

// three replications' SLA attainment, near 1; a task's mean wait, near 0
const SLA = [0.96, 0.995, 1];
const WAIT = [0.02, 0, 0.005];

/** The results of a run of three replications, as results.json holds them, under `interval`. */
function resultsOf(interval: 't' | 'johnson'): Results {
  const stat = (values: number[]) => summarize(values, interval);
  return {
    interval,
    comparisons: [],
    variants: {
      baseline: {
        flows: {
          orders: {
            arrived: stat([100, 104, 98]),
            sla_attainment: stat(SLA),
            nodes: { check: { wait: stat(WAIT) } },
          },
        },
        resources: {},
        etom: { '1.1.1': { wait_hours: stat(WAIT) } }, // no metric of the catalogue: shown as computed
      },
    },
  } as unknown as Results;
}

describe("a share's or a time's interval, with few replications", () => {
  test('results.json keeps t and Johnson as computed, past 100% and below 0: both can cross', () => {
    const t = resultsOf('johnson').variants.baseline.flows.orders;
    const sla = t.sla_attainment as Stat;
    const [low, high] = tInterval(SLA);
    expect(sla.ci95![0]).toBeCloseTo(low, 12);
    expect(sla.ci95![1]).toBeCloseTo(high, 12);
    expect(high).toBeGreaterThan(1); // 1.039
    expect(sla.ci95_johnson![1]).toBeGreaterThan(1); // 1.013: moved toward the long (lower) tail, still past 1
    expect((t.nodes.check.wait as Stat).ci95![0]).toBeLessThan(0);
  });

  test("shown within the metric's range, t's and Johnson's alike; the file's object left as it was", () => {
    for (const interval of ['t', 'johnson'] as const) {
      const file = resultsOf(interval);
      const before = JSON.stringify(file);
      const shown = asShown(file);
      expect(JSON.stringify(file)).toBe(before);
      const raw = file.variants.baseline.flows.orders;
      const flow = shown.variants.baseline.flows.orders;
      const computed = (s: Stat | undefined) => (interval === 'johnson' ? s!.ci95_johnson! : s!.ci95!);
      // a share: its upper end at 1, its lower end as computed
      expect(flow.sla_attainment!.ci95).toEqual([computed(raw.sla_attainment)[0], 1]);
      // a time: its lower end at 0, its upper end as computed
      expect(flow.nodes.check.wait!.ci95).toEqual([0, computed(raw.nodes.check.wait)[1]]);
      // within its range: as computed (the same array under t)
      expect(flow.arrived.ci95).toEqual(computed(raw.arrived));
      if (interval === 't') expect(flow.arrived).toBe(raw.arrived);
      // no metric of the catalogue: as computed, below 0
      expect(shown.variants.baseline.etom['1.1.1'].wait_hours.ci95).toEqual(computed(file.variants.baseline.etom['1.1.1'].wait_hours));
      // kpis.csv, written from the shown results
      const row = kpiRows(shown).find((r) => r.metric === 'sla_attainment')!;
      expect([row.ci_low, row.ci_high]).toEqual([computed(raw.sla_attainment)[0], 1]);
    }
  });

  test('under t, results whose intervals all lie within their ranges are shown as they are, the same object', () => {
    const file = resultsOf('t');
    const inRange = { ...file.variants.baseline.flows.orders, sla_attainment: summarize([0.9, 0.92, 0.91]), nodes: {} };
    const results = { ...file, variants: { baseline: { ...file.variants.baseline, flows: { orders: inRange }, etom: {} } } } as Results;
    expect(asShown(results)).toBe(results);
  });
});

describe("fidelity's measures as shown", () => {
  const stat = (mean: number, low: number, high: number): Stat => ({ mean, sd: 1, n: 3, ci95: [low, high] });
  const fidelity = (): Fidelity => ({
    log: {
      file: 'l.csv',
      cases: 6,
      instances: 12,
      from: '',
      to: '',
      activities_matched: 2,
      activities_unmatched: [],
      tasks_unmatched: [],
      cases_left_out: [],
      replications_left_out: [],
      cases_under_way_at_start: [],
      breaks: [],
      leader_drift: [],
    },
    warnings: [],
    scenario: 's',
    replications: 3,
    seed: 1,
    cases: { log: 6, simulation: stat(6, 5, 7) },
    cases_arrived: { log: 8, simulation: stat(8, 7, 9) },
    cases_cancelled: { log: 2, simulation: stat(2, 1, 3) },
    cycle_time: {
      log: { mean: 10, p50: 9, p90: 15 },
      simulation: { mean: stat(11, 9, 13), p50: stat(10, 8, 12), p90: stat(16, 12, 20) },
      emd_hours: stat(0.57, -0.13, 1.27),
      ks: stat(0.106, -0.135, 0.347),
      percentiles: { log: [], simulation: [] },
    },
    steps: [
      {
        activity: 'a',
        log: { processing: 1, waiting: 0, n: 6 },
        simulation: { processing: stat(1, 0.9, 1.1), waiting: stat(0.02, -0.01, 0.05), n: stat(6, 6, 6) },
      },
    ],
    arrivals_by_hour_of_week: { emd_hours: stat(0.2, 0.2, 0.2), log: [], simulation: [] },
    throughput_per_week: { log: [], simulation: [], mean_absolute_relative_error: stat(0.1, -0.02, 0.22) },
    paths: { total_variation: stat(0.98, 0.9, 1.06), top: [{ path: 'a,b', log: 1, simulation: stat(0.97, 0.93, 1.01) }] },
    wip: { log_mean: 2, simulation_mean: stat(2, 1.5, 2.5), log_per_day: [], simulation_per_day: [] },
    sla: { hours: 15, source: 'the log', log: 0.9, simulation: stat(0.98, 0.95, 1.01) },
    handovers: {
      basis: 'role',
      per_case: { log: 1.2, simulation: stat(1.1, 0.9, 1.3) },
      pairs: [{ from: 'a', to: 'b', log: 0.05, simulation: stat(0.04, -0.01, 0.09) }],
    },
  });

  test('every interval within what its measure can be: distances, errors and times from 0, KS D, total variation and shares to 1; the file as computed', () => {
    const f = fidelity();
    const before = JSON.stringify(f);
    const shown = fidelityAsShown(f);
    expect(shown.cycle_time.ks.ci95).toEqual([0, 0.347]);
    expect(shown.cycle_time.emd_hours.ci95).toEqual([0, 1.27]);
    expect(shown.steps[0].simulation.waiting.ci95).toEqual([0, 0.05]);
    expect(shown.throughput_per_week.mean_absolute_relative_error.ci95).toEqual([0, 0.22]);
    expect(shown.paths.total_variation.ci95).toEqual([0.9, 1]);
    expect(shown.paths.top[0].simulation.ci95).toEqual([0.93, 1]);
    expect(shown.sla.simulation.ci95).toEqual([0.95, 1]);
    expect(shown.handovers.pairs[0].simulation.ci95).toEqual([0, 0.09]); // a count per case, from 0
    expect(shown.cycle_time.simulation.mean).toBe(f.cycle_time.simulation.mean); // within its range: the same stat
    expect(JSON.stringify(f)).toBe(before);
  });

  test("each measure's range is in one table, by its path: the fixture's stats are exactly its entries, and a measure without one does not compile", () => {
    const paths: string[] = [];
    const walk = (x: unknown, path: string): void => {
      if (typeof x !== 'object' || x === null) return;
      if (Array.isArray(x)) for (const v of x) walk(v, `${path}.*`);
      else if (Object.hasOwn(x, 'ci95')) paths.push(path);
      else for (const [k, v] of Object.entries(x)) walk(v, path === '' ? k : `${path}.${k}`);
    };
    walk(fidelity(), '');
    expect([...new Set(paths)].sort()).toEqual(Object.keys(FIDELITY_MEASURE_RANGE).sort());
    // a Fidelity with one more measure: its table must name it (checked by tsc -p test/tsconfig.json)
    // @ts-expect-error 'extra' is missing
    const widened: Record<StatPaths<Fidelity & { extra: Stat }>, readonly [number, number]> = FIDELITY_MEASURE_RANGE;
    expect(widened).toBe(FIDELITY_MEASURE_RANGE);
  });
});
