// A variant whose patch changes the measured window (horizon or warm-up) compares its counts and
// sums over the window with the baseline's over another length (s34y F10: a team's cost
// "5,400 -> 22,800, +322%, significant" at twice the window): validate said so, and results.json
// now does too (code `window`), so that every report's warnings carry it. A variant that keeps
// the window gets none.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { comparisonRows } from '../../reports/csv.js';
import { executiveSummary } from '../../reports/executive.js';
import { renderMarkdown } from '../../reports/markdown.js';
import { kpiTables } from '../../reports/tables.js';
import { resultsOfSet } from '../support/results.js';

const SCENARIO = `name: Window
run: { horizon: 20d, warmup: 2d, replications: 2, seed: 3 }
resources:
  desk: { capacity: 1, cost_per_hour: 30 }
arrivals: [ { flow: f, rate: 0.5/h } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } } }
variants:
  longer: { patch: { run: { horizon: 38d }, resources: { desk: { capacity: 2 } } } }
  later: { patch: { run: { warmup: 4d } } }
  same: { patch: { resources: { desk: { capacity: 2 } } } }
`;

test("a patched window is a warning in results.json, on the variant's run.horizon or run.warmup", async () => {
  const { set, diagnostics } = loadScenarioText(SCENARIO, 'window.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  const found = results.warnings.filter((w) => w.code === 'window');
  expect(found.map((w) => [w.variant, w.subject])).toEqual([
    ['longer', 'run.horizon'],
    ['later', 'run.warmup'],
  ]);
  expect(found[0].message).toMatch(
    /^its measured window is 36\.0 d \(horizon 38\.0 d after a warm-up of 48\.0 h\) and the baseline's 18\.0 d: /,
  );
  expect(found[1].message).toMatch(/^its measured window is 16\.0 d /);
  // the executive page's rows are rates and means: only throughput, completions over another window's ends, is marked for it
  for (const v of executiveSummary(results))
    for (const o of v.outcomes) expect(o.warned.includes('window')).toBe(v.variant !== 'same' && o.metric === 'flows.f.throughput_per_day');
});

// s35y F10: a variant with another window compares its team cost over 36 d with the baseline's over
// 18 d, "significant", labelled with the baseline's window. The tables now name the variant's window
// as another and say "no comparison" where they said significant; a rate or mean keeps its verdict.
test('a total of a variant with another window is no comparison in every table, and its label says the window is another', async () => {
  const { set } = loadScenarioText(SCENARIO, 'window.yaml');
  const results = await resultsOfSet(set!);
  const cost = 'resources.desk.cost';
  const change = results.comparisons.find((c) => c.variant === 'later' && c.metric === cost)!;
  expect(change.significant).toBe(true); // 16 d against 18 d: what the tables used to call a change
  const md = renderMarkdown({ results, charts: [], tables: kpiTables(results) });
  const row = (variant: string) => md.split('\n').find((l) => l.startsWith(`| ${variant} | desk · cost`))!;
  expect(row('later')).toContain('desk · cost (cost units, over the 18.0 d measured window in the baseline and another in later) |');
  expect(row('later').endsWith('| no comparison: another measured window (see warnings) |')).toBe(true);
  // the variant that keeps the window keeps its verdict and label
  expect(row('same')).toContain('desk · cost (cost units, over the 18.0 d measured window) |');
  expect(row('same')).not.toContain('no comparison');
  const csv = comparisonRows(results).find((r) => r.variant === 'later' && r.metric === cost)!;
  expect(csv.text).toMatch(/ \(no comparison: another measured window \(see warnings\)\)$/);
  const rate = comparisonRows(results).find((r) => r.variant === 'later' && r.metric === 'flows.f.cycle_time.mean')!;
  expect(rate.text).not.toContain('no comparison');
});
