// A milestone KPI that measured no case in any replication: results.json says so (code
// `milestone`), as its figures are null and the summary leaves it out (s31x F8); one that
// measured some cases is not warned of.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { resultsOfSet } from '../support/results.js';

// b starts an hour after each arrival and takes 20 days: in a 10-day run no case leaves it.
const LATE = `name: Late milestone
run: { horizon: 10d, replications: 2, seed: 1 }
resources: {}
arrivals: [ { flow: f, interarrival: 1d } ]
flows:
  f:
    start: a
    kpis: { to_b: { from: start, to: b }, to_a: { from: start, to: a } }
    nodes:
      a: { duration: 1h, next: b }
      b: { duration: 20d }
`;

test('a milestone no case completed in any replication is a results.json warning; one with cases is not', async () => {
  const { set, diagnostics } = loadScenarioText(LATE, 'late.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  expect(results.variants.baseline.replications['flows.f.kpis.to_b.count']).toEqual([0, 0]);
  expect(results.variants.baseline.replications['flows.f.kpis.to_a.count'].every((n) => n !== null && n > 0)).toBe(true);
  const found = results.warnings.filter((w) => w.code === 'milestone');
  expect(found.map((w) => [w.variant, w.subject])).toEqual([['baseline', 'flows.f.kpis.to_b']]);
  expect(found[0].message).toMatch(/^milestone to_b of flows\.f measured no case in any of the 2 replications: its figures are empty/);
});
