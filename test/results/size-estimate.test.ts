// results.json's size bound (engine/results/size-estimate.ts) against real runs: small runs of
// the bundled scenarios and of a one-flow scenario with variants, built as `run` builds them.
// The bound must never be below the file, in total or in what one replication adds to each
// variant, and must not be absurdly loose: within 3 times what a replication adds. Measured
// (bound / file, per replication of each variant): fiber 1.55-1.64, fault-to-repair 1.53-1.56,
// shared-field-force 1.57-1.58, one flow 2 h 1.14-1.15, one flow 20 d 1.72-1.99; whole files
// of 2-12 replications, where the summaries weigh most, 1.66-2.54. replications.csv's bound
// (the report's line per value) is held to the same: never below, within 3 times. Every key of
// these files, and of runs of generated scenarios, is one the estimate's parts name
// (resultsKeys): a field results.json gains without its part in the table fails here.
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { sensitivity } from '../../engine/analysis/sensitivity.js';
import { runExperiment } from '../../engine/experiment/experiment.js';
import { QUANTILE_POINTS, resultsKeys, resultsSizeEstimate } from '../../engine/results/size-estimate.js';
import { QUANTILE_POINTS as SIM_QUANTILES } from '../../engine/sim/replication-summary.js';
import type { Results, VariantBlock } from '../../engine/results/types.js';
import { loadScenarioFile, loadScenarioText } from '../../engine/scenario/load.js';
import type { ScenarioSet } from '../../engine/scenario/types.js';
import { runResults } from '../../bin/commands/run.js';
import { replicationsCsv } from '../../reports/csv.js';
import { generated } from '../support/generated-scenario.js';
import { manyVariants } from '../support/many-variants.js';

const bundled = (name: string) => fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url));

/** big.yaml of the defect, small: one flow, one team, 2 h, variants patching the capacity. */
function oneFlow(variants: number, horizon = '2h'): string {
  return manyVariants(variants, 10_000, horizon);
}

async function resultsOf(set: ScenarioSet, replications: number, withSensitivity: boolean, johnson: boolean): Promise<Results> {
  const seed = set.baseline.run.seed;
  const options = { replications, seed, workers: 1, variants: null, precision: null, maxReplications: replications };
  const interval = johnson ? 'johnson' : 't';
  const results = runResults(set, seed, await runExperiment(set, options), interval);
  if (withSensitivity)
    results.sensitivity = (
      await sensitivity({ name: 'baseline', scenario: set.baseline }, { replications, seed, workers: 1 }, interval)
    ).ranking;
  return results;
}

/** Every key path of a JSON value (an array's items as `[]`), each a list of keys. */
function keyPaths(value: unknown, at: string[] = [], out: string[][] = []): string[][] {
  if (Array.isArray(value)) for (const item of value) keyPaths(item, [...at, '[]'], out);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      out.push([...at, key]);
      keyPaths(item, [...at, key], out);
    }
  return out;
}

/** The key paths of `results` that none of `keys` holds (a key, `*` any one key, `[]` an array's items; its parents held with it; `**` all below). */
function unheld(results: Results, keys: readonly string[]): string[] {
  const patterns = keys.map((key) => key.split('.'));
  const matches = (path: string[], pattern: string[]) => path.every((key, i) => pattern[i] === '*' || pattern[i] === key);
  const held = (path: string[]) =>
    patterns.some((pattern) =>
      pattern[pattern.length - 1] === '**'
        ? path.length >= pattern.length - 1 && matches(path.slice(0, pattern.length - 1), pattern)
        : path.length <= pattern.length && matches(path, pattern),
    );
  return [
    ...new Set(
      keyPaths(results)
        .filter((path) => !held(path))
        .map((path) => path.join(' > ')),
    ),
  ];
}

/** The bytes of a variant's block in results.json: its own JSON text, every line but the first indented by two levels more. */
function blockBytes(block: VariantBlock): number {
  const text = JSON.stringify(block, null, 2);
  return Buffer.byteLength(text) + 4 * (text.split('\n').length - 1);
}

const cases: { name: string; set: () => ScenarioSet; runs: [number, number]; sensitivity?: boolean; johnson?: boolean }[] = [
  { name: 'fiber (the default scenario)', set: () => loadScenarioFile(bundled('fiber-order-to-activation')).set!, runs: [2, 4] },
  {
    name: 'fault-to-repair, with --sensitivity',
    set: () => loadScenarioFile(bundled('fault-to-repair')).set!,
    runs: [2, 4],
    sensitivity: true,
  },
  {
    name: 'fault-to-repair, with --sensitivity --interval johnson (Johnson intervals beside every ci95)',
    set: () => loadScenarioFile(bundled('fault-to-repair')).set!,
    runs: [2, 4],
    sensitivity: true,
    johnson: true,
  },
  { name: 'shared-field-force', set: () => loadScenarioFile(bundled('shared-field-force')).set!, runs: [2, 4] },
  { name: 'one flow, one team, 2 h, 5 variants (the defect)', set: () => loadScenarioText(oneFlow(5), 'big.yaml').set!, runs: [3, 12] },
  { name: 'one flow, one team, 20 d, 2 variants', set: () => loadScenarioText(oneFlow(2, '20d'), 'long.yaml').set!, runs: [2, 6] },
];

describe('the bound of results.json holds for real runs', () => {
  for (const c of cases) {
    test(c.name, { timeout: 120_000 }, async () => {
      const set = c.set();
      const [r1, r2] = c.runs;
      const johnson = c.johnson ?? false;
      const [small, large] = [
        await resultsOf(set, r1, c.sensitivity ?? false, johnson),
        await resultsOf(set, r2, c.sensitivity ?? false, johnson),
      ];
      for (const [results, r] of [
        [small, r1],
        [large, r2],
      ] as const) {
        expect(unheld(results, resultsKeys())).toEqual([]);
        const bytes = Buffer.byteLength(JSON.stringify(results, null, 2) + '\n');
        const estimate = resultsSizeEstimate({ set, chosen: null, replications: r, sensitivity: c.sensitivity, johnson });
        expect(bytes).toBeLessThanOrEqual(estimate.bytes);
        const csv = resultsSizeEstimate({ set, chosen: null, replications: r, csv: true }).csvBytes;
        const csvBytes = Buffer.byteLength(replicationsCsv(results));
        expect(csvBytes).toBeLessThanOrEqual(csv);
        expect(csv).toBeLessThanOrEqual(3 * csvBytes);
      }
      const estimate = resultsSizeEstimate({ set, chosen: null, replications: r2, sensitivity: c.sensitivity, johnson });
      const names = Object.keys(large.variants);
      expect(names.length).toBe(estimate.perReplication.length);
      names.forEach((name, i) => {
        const perReplication = (blockBytes(large.variants[name]) - blockBytes(small.variants[name])) / (r2 - r1);
        expect(perReplication).toBeGreaterThan(0);
        expect(estimate.perReplication[i]).toBeGreaterThanOrEqual(perReplication);
        expect(estimate.perReplication[i]).toBeLessThanOrEqual(3 * perReplication);
      });
    });
  }
});

/** A team on a calendar, flows whose sla is in working days of it (a flow's and a kpi's), a variant that changes one. */
const WORKING_DAYS = `name: working days
run: { horizon: 14d, warmup: 0h, replications: 2, seed: 3 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-17:00" }
resources:
  desk: { capacity: 2, calendar: office }
arrivals:
  - { flow: ticket, rate: 1/h }
flows:
  ticket:
    sla: { working_days: 2, calendar: office }
    start: a
    kpis:
      first: { from: a, to: b, sla: { working_days: 1, calendar: office } }
    nodes:
      a: { resource: desk, duration: 20m, next: b }
      b: { resource: desk, duration: 10m }
variants:
  later:
    patch: { flows: { ticket: { sla: { working_days: 3, calendar: office } } } }
`;

describe("every key of results.json is one the estimate's parts name, and the file is within the estimate", () => {
  // generated scenarios of horizons up to a week (longer ones take seconds a run), and the working-days one
  const seeds = Array.from({ length: 100 }, (_, i) => i + 1).filter((seed) => /horizon: (2h|30h|7d),/.test(generated(seed)));
  const sets: [string, () => ScenarioSet][] = [
    ...seeds
      .slice(0, 12)
      .map((seed): [string, () => ScenarioSet] => [`generated ${seed}`, () => loadScenarioText(generated(seed), `g${seed}.yaml`).set!]),
    ['working days', () => loadScenarioText(WORKING_DAYS, 'working-days.yaml').set!],
  ];
  for (const [name, set] of sets)
    test(name, { timeout: 120_000 }, async () => {
      const loaded = set();
      const results = await resultsOf(loaded, 2, false, false);
      expect(unheld(results, resultsKeys())).toEqual([]);
      const estimate = resultsSizeEstimate({ set: loaded, chosen: null, replications: 2 });
      expect(Buffer.byteLength(JSON.stringify(results, null, 2) + '\n')).toBeLessThanOrEqual(estimate.bytes);
    });

  test('a key no part names is found: the check can fail', async () => {
    const set = loadScenarioText(WORKING_DAYS, 'working-days.yaml').set!;
    const results = await resultsOf(set, 2, false, false);
    const keys = resultsKeys().filter((key) => key !== 'sla_working_days.*.calendar' && key !== 'variants.*.charts.bin_hours');
    expect(unheld(results, keys)).toEqual([
      'sla_working_days > ticket > calendar',
      'variants > baseline > charts > bin_hours',
      'variants > later > charts > bin_hours',
    ]);
  });
});

test("the bound's copy of the simulator's constant is the simulator's", () => {
  expect(QUANTILE_POINTS).toBe(SIM_QUANTILES);
});
