import { describe, expect, test } from 'vitest';
import { gainRows, kpiGainsChart } from '../../../reports/charts/kpi-gains.js';
import { variantColor } from '../../../reports/colors.js';
import { executiveSummary } from '../../../reports/executive.js';
import { smallResults } from '../fixture.js';
import { specJson } from '../spec-json.js';

describe('KPI gains chart', () => {
  test("one row per shown KPI and variant: change and paired interval in % of the baseline, a share's in points", () => {
    const rows = gainRows(smallResults());
    expect(rows.map((r) => r.kpi)).toEqual([
      'order · mean cycle time',
      'order · p90 cycle time',
      'order · SLA attainment (pp)',
      'order · throughput per day',
    ]);
    // a team's utilisation is a diagnostic: its own chart, never on the outcomes' axis
    expect(gainRows(smallResults(), 'diagnostic').map((r) => r.kpi)).toEqual(['desk · utilisation (pp)']);
    const mean = rows[0];
    expect(mean.variant).toBe('redesign');
    expect(mean.change).toBeCloseTo((-13.1 / 52.1) * 100, 10);
    expect(mean.low).toBeCloseTo((-14 / 52.1) * 100, 10);
    expect(mean.high).toBeCloseTo((-12.2 / 52.1) * 100, 10);
    expect(mean.difference).toBe('significant');
    const throughput = rows[3];
    expect(throughput.change).toBeCloseTo((0.5 / 12) * 100, 10);
    expect([throughput.low, throughput.high]).toEqual([expect.closeTo((-0.1 / 12) * 100, 10), expect.closeTo((1.1 / 12) * 100, 10)]);
    expect(throughput.difference).toBe('not significant');
    // a share changes in percentage points: 80% -> 90% is +10 pp (not +12.5%), 50% -> 0% is -50 pp (not -100%)
    expect(rows[2]).toMatchObject({ unit: 'pp', change: expect.closeTo(10, 10), low: expect.closeTo(4, 10), high: expect.closeTo(16, 10) });
    expect(gainRows(smallResults(), 'diagnostic')[0]).toMatchObject({ unit: 'pp', change: -50 });
    expect(mean.unit).toBe('%');
  });

  test("bars in the variants' colours, the KPIs in reading order, a rule at zero", () => {
    const results = smallResults();
    const spec = specJson(kpiGainsChart(results));
    const [bars, errorBars, zero] = spec.layer;
    expect(bars.encoding.color.scale).toEqual({ domain: ['redesign'], range: [variantColor(results, 'redesign')] });
    expect(bars.encoding.y.sort).toEqual(gainRows(results).map((r) => r.kpi));
    expect(bars.encoding.x.title).toBe('change against the baseline (%, or pp for shares)');
    expect(errorBars.data.values).toHaveLength(4);
    expect(zero.data.values).toEqual([{ zero: 0 }]);
  });

  test('a milestone KPI is not on the outcome chart: a step made automatic (-99%) would dwarf the cycle time', () => {
    const results = smallResults();
    const milestone = {
      ...results.comparisons[0],
      metric: 'flows.order.kpis.capture.mean',
      baseline: 0.5,
      value: 0.005,
      delta: -0.495,
      delta_pct: -99,
      ci95: [-0.5, -0.49] as [number, number],
    };
    results.comparisons.push(milestone);
    expect(gainRows(results).map((r) => r.kpi)).toEqual(gainRows(smallResults()).map((r) => r.kpi));
    expect(gainRows(results, 'diagnostic').map((r) => r.kpi)).toEqual(['desk · utilisation (pp)']);
  });

  // s34y F5: the chart most often copied alone into a deck drew a warned row as a plain gain
  test('a bar a warning concerns is marked as the executive page marks its row: outlined, dashed, with a legend entry', () => {
    const results = smallResults();
    results.warnings.push({ code: 'skewed', variant: 'redesign', subject: 'flows.order.cycle_time.p90', message: 'skewed' });
    const rows = gainRows(results);
    expect(rows.map((r) => [r.kpi, r.caution])).toEqual([
      ['order · mean cycle time', null],
      ['order · p90 cycle time', '(see warnings)'],
      ['order · SLA attainment (pp)', null],
      ['order · throughput per day', null],
    ]);
    // the same rule as the executive page's rows
    const warned = executiveSummary(results)[0]
      .outcomes.filter((o) => o.warned.length > 0)
      .map((o) => o.metric);
    expect(warned).toEqual(['flows.order.cycle_time.p90']);
    const spec = specJson(kpiGainsChart(results));
    const outline = spec.layer.find((l: { encoding?: { strokeDash?: unknown } }) => l.encoding?.strokeDash !== undefined);
    expect(outline.data.values.map((r: { kpi: string }) => r.kpi)).toEqual(['order · p90 cycle time']);
    expect(outline.encoding.strokeDash.scale.domain).toEqual(['(see warnings)']);
    expect(outline.encoding.strokeDash.legend.title).toBe('a warning concerns it');
    // without a warning, no outline layer
    expect(specJson(kpiGainsChart(smallResults())).layer.some((l: { encoding?: { strokeDash?: unknown } }) => l.encoding?.strokeDash)).toBe(
      false,
    );
  });

  test('no chart without comparisons (a scenario without variants)', () => {
    const results = smallResults();
    results.comparisons = [];
    expect(kpiGainsChart(results)).toBeNull();
  });
});
