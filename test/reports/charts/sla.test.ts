// The SLA chart says what each bar measures (s34y F5 addendum): a variant whose patch moves a
// flow's SLA has its bar under its own SLA ("relax: SLA 1 day"), never under the baseline's,
// and a bar a warning concerns (the redefined SLA, cancellations that leave cases out of the
// share) is outlined, dashed, with a legend entry, by the executive page's rule. Run in
// process on a scenario whose `relax` variant moves the SLA from 8 h to 1 day and whose `cut`
// cancels the cases open after 9 h.
import { describe, expect, test } from 'vitest';
import { loadScenarioText } from '../../../engine/scenario/load.js';
import { slaChart, slaRows } from '../../../reports/charts/sla.js';
import { executiveSummary } from '../../../reports/executive.js';
import { smallResults, withoutOptionalSections } from '../fixture.js';
import { resultsOfSet } from '../../support/results.js';
import { specJson } from '../spec-json.js';

const SCENARIO = `name: Two SLAs
run: { horizon: 60d, warmup: 10d, replications: 3, seed: 5 }
resources:
  desk: { capacity: 1 }
arrivals: [ { flow: f, rate: 0.8/h } ]
flows:
  f:
    sla: 8h
    start: s
    nodes:
      s: { resource: desk, duration: { exponential: { mean: 1h } } }
variants:
  cut: { patch: { flows: { f: { cancel_after: 9h } } } }
  relax: { patch: { flows: { f: { sla: 1d } } } }
`;

async function twoSlas() {
  const { set, diagnostics } = loadScenarioText(SCENARIO, 'two-slas.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return resultsOfSet(set!);
}

describe('SLA chart', () => {
  test("each bar under its own variant's SLA; warned bars outlined as the executive page marks their rows", async () => {
    const results = await twoSlas();
    const rows = slaRows(results);
    expect(rows.map((r) => [r.group, r.variant, r.sla, r.caution])).toEqual([
      ['f (SLA 8 hours)', 'baseline', 8, null],
      ['f (SLA 8 hours)', 'cut', 8, '(see warnings)'],
      ['f (relax: SLA 1 day)', 'relax', 24, '(see warnings)'],
    ]);
    // the share drawn is the variant's own figure, within its own SLA
    for (const r of rows) expect(r.share).toBe(results.variants[r.variant].flows.f.sla_attainment!.mean);
    // the same warnings as the executive page's SLA rows
    const warned = executiveSummary(results).flatMap((v) =>
      v.outcomes.filter((o) => o.metric === 'flows.f.sla_attainment').map((o) => [v.variant, o.warned]),
    );
    expect(warned).toEqual([
      ['cut', ['cancelled']],
      ['relax', ['definition']],
    ]);
    const spec = specJson(slaChart(results));
    expect(spec.layer[0].encoding.y.sort).toEqual(['f (SLA 8 hours)', 'f (relax: SLA 1 day)']);
    const outline = spec.layer.find((l: { encoding?: { strokeDash?: unknown } }) => l.encoding?.strokeDash !== undefined);
    expect(outline.data.values.map((r: { variant: string }) => r.variant)).toEqual(['cut', 'relax']);
    expect(outline.encoding.strokeDash.legend.title).toBe('a warning concerns it');
    expect(spec.title.subtitle).toContain('dashed outline: a warning concerns the bar (see warnings)');
  }, 60_000);

  test("a file written before the inputs: every bar under the baseline's SLA, as results.json says no more", async () => {
    const results = withoutOptionalSections(await twoSlas());
    expect(slaRows(results).map((r) => [r.group, r.variant, r.sla])).toEqual([
      ['f (SLA 8 hours)', 'baseline', 8],
      ['f (SLA 8 hours)', 'cut', 8],
      ['f (SLA 8 hours)', 'relax', 8],
    ]);
  }, 60_000);

  test('a flow with an SLA none of whose cases completed is named as not drawn', () => {
    const results = smallResults();
    results.slas.never_done = 1;
    for (const v of Object.values(results.variants)) {
      v.flows.never_done = structuredClone(v.flows.order);
      v.flows.never_done.sla_attainment = { ...v.flows.never_done.sla_attainment!, mean: null };
    }
    const subtitle = specJson(slaChart(results)).title.subtitle;
    expect(subtitle).toContain('not drawn: never done (no case completed in the measured window)');
    expect(JSON.stringify(specJson(slaChart(smallResults())).title.subtitle)).not.toContain('not drawn');
  });
});
