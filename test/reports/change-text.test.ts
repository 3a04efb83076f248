// "What each variant changes" in words: a change of the arrival streams and a flow added or
// removed read as the Assumptions write them, never as the inputs' JSON (s33x F23).
import { expect, test } from 'vitest';
import { variantInputs } from '../../engine/results/inputs.js';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { changeText } from '../../reports/assumptions.js';

const TEXT = `name: growth
run: { horizon: 100h, replications: 2 }
resources: { desk: { capacity: 2 } }
arrivals: [{ flow: f, rate: 1/h }]
flows:
  f: { start: a, nodes: { a: { resource: desk, duration: 30m } } }
  old: { start: x, nodes: { x: { duration: 1h } } }
variants:
  growth:
    patch:
      arrivals: [{ flow: f, rate: 1.2/h }, { flow: g, rate: 0.5/h }]
      flows:
        old: null
        g: { sla: 1d, start: y, nodes: { y: { resource: desk, duration: 10m } } }
`;

test('arrivals, a flow added and one removed: in words, no JSON', () => {
  const { set, diagnostics } = loadScenarioText(TEXT, 'growth.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const texts = variantInputs(set!.baseline, set!.variants[0].scenario).changes.map(changeText);
  expect(texts).toContain('arrivals: arrivals f: Poisson, 1.00 an hour -> f: Poisson, 1.20 an hour; g: Poisson, 0.50 an hour');
  expect(texts).toContain('flow old removed');
  expect(texts).toContain('flow g added: g: 1 step; SLA 1 day');
  for (const t of texts) expect(t).not.toContain('{"');
});
