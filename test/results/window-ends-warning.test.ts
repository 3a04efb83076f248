// A flow's completions in the window are its arrivals plus the cases in progress at the warm-up's
// end less those at the horizon. A variant taking the very arrivals of the baseline, cancelling
// none, over a stable system, completes what arrives as the baseline does: a throughput change it
// shows is those two counts, which common random numbers make nearly the same in every
// replication, so "significant" (s34y F18: the README's worked example read -0.2%, worse, for a
// variant that cannot lose a case). results.json warns (`window_ends`) on the throughput row
// alone; a variant bringing more work changes throughput for real and is not warned of.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { executiveSummary, verdict } from '../../reports/executive.js';
import { gainRows } from '../../reports/charts/kpi-gains.js';
import { comparisonText, costsOf, significance, WINDOW_ENDS } from '../../reports/format.js';
import { resultsOfSet } from '../support/results.js';

// An office-hours desk over round-the-clock arrivals; the window opens on a Monday 00:00, the
// weekend's backlog waiting, and closes on a Friday 18:00, the week's work done. The variant that
// automates the step has next to nothing in progress at either end, so it completes some 26 cases
// fewer in the window: -2% throughput, "significant", for a variant that serves every case sooner.
const SCENARIO = `name: Window ends
run: { horizon: 3642h, warmup: 49d, replications: 6, seed: 2026 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" }
resources:
  desk: { capacity: 4, calendar: office }
arrivals: [ { flow: f, rate: 0.5/h } ]
flows:
  f:
    start: s
    nodes:
      s: { resource: desk, duration: { lognormal: { mean: 1.5h, sd: 45m } } }
variants:
  faster: { patch: { flows: { f: { nodes: { s: { resource: null, duration: 5m } } } } } }
  busier: { patch: { arrivals: [ { flow: f, rate: 0.6/h } ] } }
`;

test('a throughput change with the same arrivals is the work in progress at the window ends: warned on that row alone', async () => {
  const { set, diagnostics } = loadScenarioText(SCENARIO, 'window-ends.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  const row = 'flows.f.throughput_per_day';
  const faster = results.comparisons.find((c) => c.variant === 'faster' && c.metric === row)!;
  expect(faster.significant).toBe(true); // the artefact the warning is for
  expect(results.variants.faster.replications['flows.f.arrived']).toEqual(results.variants.baseline.replications['flows.f.arrived']);
  const found = results.warnings.filter((w) => w.code === 'window_ends');
  expect(found.map((w) => [w.variant, w.subject])).toEqual([['faster', row]]);
  // the counts it gives: in progress at the horizon as results.json has it
  const atEnd = results.variants.faster.flows.f.open_at_horizon!.mean!;
  expect(found[0].message).toContain(
    `${atEnd.toFixed(1)} against ${results.variants.baseline.flows.f.open_at_horizon!.mean!.toFixed(1)} at the horizon`,
  );
  const outcomes = executiveSummary(results).find((v) => v.variant === 'faster')!.outcomes;
  for (const o of outcomes) expect(o.warned.includes('window_ends')).toBe(o.metric === row);
  // the row reads as no comparison, never as a gain or a loss, in bold or in the tables (s36f F5: "better (see warnings)")
  const line = outcomes.find((o) => o.metric === row)!;
  expect([line.kept, line.better, verdict(line)]).toEqual([
    false,
    null,
    "no comparison: the cases in progress at the window's ends (see warnings)",
  ]);
  const costs = costsOf(results);
  expect(significance(faster, costs)).toBe(WINDOW_ENDS);
  // and the outcome gains chart fades its bar as the page greys the row
  expect(gainRows(results).find((g) => g.variant === 'faster' && g.kpi === 'f · throughput per day')?.difference).toBe('not significant');
  expect(comparisonText(faster, costs)).toMatch(/\(no comparison: the cases in progress at the window's ends \(see warnings\)\)$/);
  // more work brought: its throughput change is real
  const busier = results.comparisons.find((c) => c.variant === 'busier' && c.metric === row)!;
  expect(busier.significant).toBe(true);
  expect(found.some((w) => w.variant === 'busier')).toBe(false);
  expect(significance(busier, costs)).toBe('yes');
});
