// A variant measured over another window (`window`) and a throughput change that is only the work
// in progress at the window's ends (`window_ends`) are two causes, one warning each. A patched
// horizon over the weekend of an arrival calendar keeps every replication's arrivals: its
// throughput per day falls by the added days alone, "significant", which window_ends would have
// blamed on the cases in progress at the ends. The window is the cause: `window` alone is given,
// and it marks the executive page's throughput row, which window_ends marked before.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { executiveSummary } from '../../reports/executive.js';
import { resultsOfSet } from '../support/results.js';

// The window opens on a Monday 00:00 (warm-up 7 d) and closes on a Friday 18:00 (horizon 618 h);
// the variant's closes on the Monday 00:00 after (672 h): 21 d against 18.75 d, the same arrivals.
const SCENARIO = `name: One cause
run: { horizon: 618h, warmup: 7d, replications: 4, seed: 11 }
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: "08:00-18:00" }
resources:
  desk: { capacity: 2 }
arrivals: [ { flow: f, interarrival: { exponential: { mean: 2h } }, calendar: office } ]
flows:
  f:
    start: a
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } } }
variants:
  weekend: { patch: { run: { horizon: 672h } } }
`;

test('a patched window over a closed weekend is warned of as the window, not as the cases at its ends', async () => {
  const { set, diagnostics } = loadScenarioText(SCENARIO, 'one-cause.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  const row = 'flows.f.throughput_per_day';
  const change = results.comparisons.find((c) => c.variant === 'weekend' && c.metric === row)!;
  expect(change.significant).toBe(true); // the very case window_ends reads
  expect(results.variants.weekend.replications['flows.f.arrived']).toEqual(results.variants.baseline.replications['flows.f.arrived']);
  const codes = results.warnings.filter((w) => w.variant === 'weekend').map((w) => w.code);
  expect(codes).toContain('window');
  expect(codes).not.toContain('window_ends');
  const outcomes = executiveSummary(results).find((v) => v.variant === 'weekend')!.outcomes;
  expect(outcomes.find((o) => o.metric === row)!.warned).toEqual(['window']);
  for (const o of outcomes.filter((x) => x.metric !== row)) expect(o.warned).not.toContain('window');
});
