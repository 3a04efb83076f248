// A variant that redefines an SLA or a milestone compares two definitions, not a before and after
// of one (s33x F31: relaxing 8 h to 24 h read "+37.2 pp, better" at identical cycle times):
// results.json warns (code `definition`) on the compared line, and the executive page marks that
// row, not the flow's others. A variant that keeps the definitions gets no such warning.
import { expect, test } from 'vitest';
import { loadScenarioText } from '../../engine/scenario/load.js';
import { executiveSummary, verdict } from '../../reports/executive.js';
import { ANOTHER_TARGET, comparisonText, costsOf, significance } from '../../reports/format.js';
import { resultsOfSet } from '../support/results.js';

const SCENARIO = `name: Redefined
run: { horizon: 60d, warmup: 5d, replications: 4, seed: 3 }
resources:
  desk: { capacity: 1 }
arrivals: [ { flow: f, rate: 0.8/h } ]
flows:
  f:
    sla: 4h
    start: a
    kpis: { to_b: { from: start, to: a, sla: 2h } }
    nodes:
      a: { resource: desk, duration: { exponential: { mean: 1h } }, next: b }
      b: { duration: 10m }
variants:
  relax: { patch: { flows: { f: { sla: 12h } } } }
  same: { patch: { resources: { desk: { capacity: 2 } } } }
  moved: { patch: { flows: { f: { kpis: { to_b: { to: b, sla: 3h } } } } } }
`;

test('a changed sla or milestone is a definition warning on its line, marked on the executive page', async () => {
  const { set, diagnostics } = loadScenarioText(SCENARIO, 'redefined.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  const found = results.warnings.filter((w) => w.code === 'definition');
  expect(found.map((w) => [w.variant, w.subject])).toEqual([
    ['relax', 'flows.f.sla_attainment'],
    ['moved', 'flows.f.kpis.to_b'],
  ]);
  expect(found[0].message).toMatch(
    /^flows\.f's sla is 12\.0 h here and 4\.00 h in the baseline: the two SLA attainments are shares of two different targets/,
  );
  expect(found[1].message).toMatch(/^milestone to_b of flows\.f is measured from start to b here and from start to a in the baseline/);
  // the comparison is still made (both shares are real), its row marked; the cycle time's row is not
  const relax = executiveSummary(results).find((v) => v.variant === 'relax')!;
  const warnedOf = (metric: string) => relax.outcomes.find((o) => o.metric === metric)?.warned;
  expect(warnedOf('flows.f.sla_attainment')).toEqual(['definition']);
  expect(warnedOf('flows.f.cycle_time.mean')).toEqual([]);
  const same = executiveSummary(results).find((v) => v.variant === 'same')!;
  expect(same.outcomes.every((o) => o.warned.length === 0)).toBe(true);
});

test('a redefined figure reads as no comparison, never as a gain: console, tables and executive page (s36f)', async () => {
  // relaxing 2 working days to 3 read "96.6% → 100.0%, +3.4 pp [+2.5, +4.3]" in the console and
  // "better (see warnings)", in bold, on the executive page, at identical cycle times
  const { set } = loadScenarioText(SCENARIO, 'redefined.yaml');
  const results = await resultsOfSet(set!);
  const costs = costsOf(results);
  const of = (variant: string, metric: string) => results.comparisons.find((c) => c.variant === variant && c.metric === metric)!;
  const sla = of('relax', 'flows.f.sla_attainment');
  expect(sla.significant).toBe(true); // 4 h to 12 h: a share that moves though no case did
  expect(comparisonText(sla, costs)).toMatch(/, \+\d+\.\d pp \[\+\d+\.\d, \+\d+\.\d\] \(no comparison: another target \(see warnings\)\)$/);
  expect(significance(sla, costs)).toBe(ANOTHER_TARGET);
  // the milestone whose stretch moved: every figure of it; the flow's own cycle time is a comparison as before
  const moved = results.comparisons.filter((c) => c.variant === 'moved' && c.metric.startsWith('flows.f.kpis.to_b.'));
  expect(moved.length).toBeGreaterThan(0);
  for (const c of moved) expect(significance(c, costs)).toBe(ANOTHER_TARGET);
  expect(significance(of('relax', 'flows.f.cycle_time.mean'), costs)).toBe('no');
  expect(significance(of('same', 'flows.f.sla_attainment'), costs)).not.toBe(ANOTHER_TARGET);
  const line = executiveSummary(results)
    .find((v) => v.variant === 'relax')!
    .outcomes.find((o) => o.metric === 'flows.f.sla_attainment')!;
  expect([line.kept, line.better, verdict(line)]).toEqual([false, null, 'no comparison: another target (see warnings)']);
});

test("a milestone's sla alone changed names the milestone's SLA line", async () => {
  const text = SCENARIO.replace(/variants:[\s\S]*$/, 'variants:\n  tight: { patch: { flows: { f: { kpis: { to_b: { sla: 1h } } } } } }\n');
  const { set } = loadScenarioText(text, 'kpi-sla.yaml');
  const results = await resultsOfSet(set!);
  const found = results.warnings.filter((w) => w.code === 'definition');
  expect(found.map((w) => [w.variant, w.subject])).toEqual([['tight', 'flows.f.kpis.to_b.sla_attainment']]);
  expect(found[0].message).toMatch(/^milestone to_b of flows\.f has an sla of 1\.00 h here and 2\.00 h in the baseline/);
});

test('an sla restated in another unit is the same target: no definition warning (s33r F5: 0.1d is not 2.4h as doubles)', async () => {
  const restated = SCENARIO.replace('sla: 4h\n', 'sla: 2.4h\n').replace(
    /variants:[\s\S]*$/,
    'variants:\n  restated: { patch: { flows: { f: { sla: 0.1d } } } }\n',
  );
  const { set } = loadScenarioText(restated, 'restated.yaml');
  expect(0.1 * 24).not.toBe(2.4); // what the test is about
  const results = await resultsOfSet(set!);
  expect(results.warnings.filter((w) => w.code === 'definition')).toEqual([]);
});

// A milestone is its from and to in their places in the flow (s34e item 4): a patch that keeps
// both names but routes a kept step into or out of the stretch between them times another stretch
// under the same name. A step the variant removes, or one it adds, changes the process timed, not
// the milestone: no warning.
const ROUTED = `name: Routed
run: { horizon: 30d, warmup: 2d, replications: 2, seed: 5 }
resources:
  desk: { capacity: 2 }
  back: { capacity: 2 }
arrivals: [ { flow: f, rate: 0.5/h } ]
flows:
  f:
    start: check
    kpis: { to_book: { from: start, to: book } }
    nodes:
      check: { resource: desk, duration: { exponential: { mean: 1h } }, next: book }
      book: { resource: desk, duration: { exponential: { mean: 30m } }, next: ship }
      ship: { resource: back, duration: { exponential: { mean: 2h } } }
variants:
  check_later: { patch: { flows: { f: { start: book, nodes: { book: { next: check }, check: { next: ship } } } } } }
  ship_first: { patch: { flows: { f: { start: ship, nodes: { ship: { next: check }, book: { next: null } } } } } }
  no_check: { patch: { flows: { f: { start: book, nodes: { check: null } } } } }
  faster: { patch: { resources: { desk: { capacity: 3 } } } }
`;

test("a kept step routed into or out of a milestone's stretch, its from and to unchanged, is a definition warning on the milestone", async () => {
  const { set, diagnostics } = loadScenarioText(ROUTED, 'routed.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const results = await resultsOfSet(set!);
  const found = results.warnings.filter((w) => w.code === 'definition');
  expect(found.map((w) => [w.variant, w.subject])).toEqual([
    ['check_later', 'flows.f.kpis.to_book'],
    ['ship_first', 'flows.f.kpis.to_book'],
  ]);
  expect(found[0].message).toBe(
    "milestone to_book of flows.f is measured from start to book here as in the baseline, but the flow is routed otherwise between them: check lies on it in the baseline, not here. Its figures and the baseline's time two different stretches of a case under one name, and their comparison is not a change of one.",
  );
  expect(found[1].message).toContain('ship lies on its stretch here, not in the baseline');
  // what it warns of is real: the milestone moved with the route (check's hour in the baseline's, ship's 2 h in ship_first's)
  const mean = (v: string) => results.variants[v].flows.f.kpis!.to_book.mean.mean!;
  expect(mean('check_later')).toBeLessThan(mean('baseline'));
  expect(mean('ship_first')).toBeGreaterThan(mean('baseline'));
});
