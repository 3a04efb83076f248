// Adding a metric kind is one catalogue entry and one line that writes its slot. This test does
// exactly that, at run time: it appends an entry to the flows' table of the catalogue and wraps
// the replication's summary with the one line that writes the new slot, then finds the metric in
// results.json (stat, per-replication values and comparison), in the console's summary, in
// the report (HTML and Markdown tables) and in the CSV files, without touching anything else.
import { fromCSV } from 'arquero';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { summaryText } from '../../bin/run-summary.js';
import { compileModel } from '../../engine/model/compile.js';
import { FLOW, FLOW_METRICS, type MetricKind } from '../../engine/model/metric-catalogue.js';
import type { OutputFiles } from '../../engine/io/atomic.js';
import { metricLayout } from '../../engine/model/metrics.js';
import { buildResults } from '../../engine/results/build.js';
import type { Results } from '../../engine/results/types.js';
import { runReplication } from '../../engine/sim/replicate.js';
import { buildReport } from '../../reports/index.js';
import { exp, flow, scenario, task, team } from '../support/build.js';

/** The new kind: completions in the window per arrival in it. */
const ENTRY: MetricKind = {
  stat: 'completed_share',
  unit: 'share',
  better: 'higher',
  compared: true,
  role: 'outcome',
  label: 'share completed',
  shown: ['console', 'report', 'headline'],
};
const flows = FLOW_METRICS as Record<string, MetricKind>;

vi.mock('../../engine/sim/replication-summary.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../engine/sim/replication-summary.js')>();
  return {
    ...actual,
    summariseReplication: (...args: Parameters<typeof actual.summariseReplication>) => {
      const stats = actual.summariseReplication(...args);
      const slot = Object.keys(FLOW_METRICS).indexOf('completedShare');
      const m = stats.metrics;
      for (const b of args[0].layout.flowBase) m[b + slot] = m[b + FLOW.completed] / m[b + FLOW.arrived]; // the one line
      return stats;
    },
  };
});

const base = scenario({
  run: { horizon: 400, warmup: 40, replications: 4, seed: 11 },
  resources: [team('desk', 1)],
  arrivals: [{ flow: 'order', ordinal: 0, interarrival: exp(1.25), fromRate: true, profile: null, priority: 0 }],
  flows: [flow('order', [task('handle', exp(1), 'desk')])],
});
const faster = { ...base, resources: [team('desk', 2)] };

let results: Results;
let files: OutputFiles;
let shares: number[];

beforeAll(async () => {
  flows.completedShare = ENTRY; // the catalogue entry
  const run = (name: string, s: typeof base) => {
    const model = compileModel(s);
    return { name, description: null, model, reps: Array.from({ length: 4 }, (_, r) => runReplication(model, r, 11)) };
  };
  const runs = [run('baseline', base), run('faster', faster)];
  shares = runs[0].reps.map((r) => {
    const paths = metricLayout(runs[0].model).paths;
    return r.metrics[paths.indexOf('flows.order.completed')] / r.metrics[paths.indexOf('flows.order.arrived')];
  });
  results = buildResults({
    scenario: 'register',
    description: null,
    version: 'test',
    seed: 11,
    workers: 1,
    wallSeconds: 0,
    runs,
    precision: null,
  });
  files = await buildReport(results);
});

afterAll(() => {
  delete flows.completedShare;
});

describe('a metric registered in the catalogue', () => {
  test('is in results.json: its stat, its per-replication values and its comparison', () => {
    const block = results.variants.baseline.flows.order as unknown as Record<string, { mean: number; n: number }>;
    expect(shares.every((s) => Number.isFinite(s) && s > 0.5)).toBe(true); // completions in the window over arrivals in it (cases from the warm-up may finish in it)
    expect(results.variants.baseline.replications['flows.order.completed_share']).toEqual(shares);
    expect(block.completed_share.n).toBe(4);
    expect(block.completed_share.mean).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / 4, 12);
    expect(results.comparisons.some((c) => c.metric === 'flows.order.completed_share' && c.variant === 'faster')).toBe(true);
  });

  test('is in the console summary: a column of the flows table and a headline gain, in points', () => {
    const text = summaryText(results);
    expect(text).toContain('share completed');
    expect(text).toMatch(/faster\s+order · share completed\s+\d+\.\d% → \d+\.\d%, [+-]?\d+\.\d pp/);
  });

  test('is in the report: the flows table, the gains cards and the gains table', () => {
    expect(files.get('summary.md')).toContain('share completed');
    // summary.md's executive page: the same row, its change in points
    expect(files.get('summary.md')).toMatch(/\| order: share completed \| \d+\.\d% \| \d+\.\d% \| (\*\*)?[+-]?\d+\.\d pp /);
    // report.html's executive page: a row of the faster variant's outcomes, its change in points
    expect(files.get('report.html')).toMatch(
      /<th scope="row">order: share completed<\/th><td class="number">\d+\.\d%<\/td><td class="arrow">→<\/td><td class="number">\d+\.\d%<\/td><td class="number change">[+-]?\d+\.\d pp/,
    );
  });

  test('is in the CSV files', () => {
    const kpis = fromCSV(files.get('kpis.csv') as string).objects() as Record<string, unknown>[];
    const row = kpis.find((r) => r.variant === 'baseline' && r.scope === 'flow' && r.metric === 'completed_share');
    expect(row?.mean).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / 4, 10);
    const reps = fromCSV(files.get('replications.csv') as string).objects() as Record<string, unknown>[];
    expect(reps.filter((r) => r.variant === 'baseline' && r.metric === 'flows.order.completed_share').map((r) => r.value)).toEqual(shares);
    const comparisons = fromCSV(files.get('comparisons.csv') as string).objects() as Record<string, unknown>[];
    expect(comparisons.find((r) => r.metric === 'flows.order.completed_share')).toMatchObject({
      unit: 'share',
      change_unit: 'pp',
      label: 'order · share completed',
    });
  });
});
