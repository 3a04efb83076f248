// A report of more variants than colours (bench/many-variants.ts' 50): nine variants keep a
// colour, picked by the change of the first headline outcome, each flow's in turn, and every
// chart either names each variant on an axis (the others light grey) or draws only the coloured
// ones and says so; a panel of changes keeps the ten best and worst (an outcome's) or largest
// (a team's).
// Long names are shortened in the middle on an axis and in a legend, never in the data.
import { describe, expect, test } from 'vitest';
import type { Results } from '../../engine/results/types.js';
import { bottleneckSharesChart } from '../../reports/charts/bottlenecks.js';
import { cycleTimeChart } from '../../reports/charts/cycle-time.js';
import { diagnosticChangesChart, extremeRows, type GainRow, kpiGainsChart } from '../../reports/charts/kpi-gains.js';
import { queueLengthChart } from '../../reports/charts/queue-length.js';
import { slaChart } from '../../reports/charts/sla.js';
import { timeSplitChart } from '../../reports/charts/time-split.js';
import {
  BASELINE_COLOR,
  highlightedVariants,
  manyVariants,
  OTHER_COLOR,
  pickedNote,
  variantColor,
  variantColorEncoding,
} from '../../reports/colors.js';
import { chartLabelExpr, LABEL_CHARS, shortLabel } from '../../reports/format.js';
import { renderSvg } from '../../reports/svg.js';
import { smallResults } from './fixture.js';
import { specJson } from './spec-json.js';

/**
 * The small results with `count` variants, copies of `redesign` named `name(i)`, whose mean
 * cycle time changes by `change(i)` % (lower is better): option i's change is -i by default.
 */
function withVariants(count: number, name = (i: number) => `option_${i}`, change = (i: number) => -i): Results {
  const results = smallResults();
  const redesign = results.variants.redesign;
  const copies = results.comparisons.filter((c) => c.variant === 'redesign');
  results.variants = { baseline: results.variants.baseline };
  results.comparisons = [];
  for (let i = 0; i < count; i++) {
    results.variants[name(i)] = structuredClone(redesign);
    for (const c of copies) {
      const mean = c.metric === 'flows.order.cycle_time.mean';
      results.comparisons.push({
        ...c,
        variant: name(i),
        ...(mean ? { delta_pct: change(i), delta: (change(i) * c.baseline) / 100 } : {}),
      });
    }
  }
  return results;
}

describe('which variants keep a colour', () => {
  test('nine or fewer: every variant, in results order, the colours of before', () => {
    const results = withVariants(9);
    expect(manyVariants(results)).toBe(false);
    expect(highlightedVariants(results)).toEqual({ variants: results.variants && Object.keys(results.variants).slice(1), rankedBy: null });
    expect(new Set(Object.keys(results.variants).map((v) => variantColor(results, v))).size).toBe(10);
  });

  test('ten and more: the nine with the best change of the mean cycle time, best first; the others light grey', () => {
    const results = withVariants(12); // option_11 changes most (-11%), option_0 least
    expect(manyVariants(results)).toBe(true);
    const picked = highlightedVariants(results);
    expect(picked.variants).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3].map((i) => `option_${i}`));
    expect(picked.rankedBy).toBe('order · mean cycle time');
    expect(variantColor(results, 'baseline')).toBe(BASELINE_COLOR);
    const colours = picked.variants.map((v) => variantColor(results, v));
    expect(new Set(colours).size).toBe(9);
    expect(colours).not.toContain(OTHER_COLOR);
    expect(colours).not.toContain(BASELINE_COLOR);
    for (const v of ['option_0', 'option_1', 'option_2']) expect(variantColor(results, v)).toBe(OTHER_COLOR);
  });

  test("two flows: each flow's best in turn, so that a variant that only helps the second keeps a colour (s62E)", () => {
    const results = withVariants(12); // order: option_i's mean cycle time changes by -i%
    // a second flow, repair, whose mean cycle time option_i changes by -(11 - i)%: option_0 best
    for (const c of results.comparisons.filter((x) => x.metric === 'flows.order.cycle_time.mean')) {
      const i = Number(c.variant.slice('option_'.length));
      results.comparisons.push({
        ...c,
        metric: 'flows.repair.cycle_time.mean',
        delta_pct: -(11 - i),
        delta: (-(11 - i) * c.baseline) / 100,
      });
    }
    const picked = highlightedVariants(results);
    // ranked on order's alone the nine were option_11 to option_3, and repair's best two (option_0, option_1) grey
    expect(picked.variants).toEqual([11, 0, 10, 1, 9, 2, 8, 3, 7].map((i) => `option_${i}`));
    expect(picked.rankedBy).toBe("each flow's mean cycle time, in turn");
    expect(pickedNote(results)).toBe(
      "in colour: the baseline and the 9 variants with the best change of each flow's mean cycle time, in turn",
    );
    expect(variantColor(results, 'option_0')).not.toBe(OTHER_COLOR);
    expect(variantColor(results, 'option_5')).toBe(OTHER_COLOR);
  });

  test('higher is better for throughput; ties keep the results order', () => {
    // every variant the same mean cycle time change: the first nine in results order
    const tied = highlightedVariants(withVariants(12, undefined, () => -5));
    expect(tied.variants).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `option_${i}`));
    // a worse change (+i%) ranks the smallest first
    const worse = highlightedVariants(withVariants(12, undefined, (i) => i));
    expect(worse.variants[0]).toBe('option_0');
  });

  test('the legend lists the baseline and the coloured variants only, every variant keeping its colour', () => {
    const results = withVariants(12);
    const shown = Object.keys(results.variants);
    const color = variantColorEncoding(results, shown);
    expect(color.scale.domain).toEqual(shown);
    expect(color.scale.range).toEqual(shown.map((v) => variantColor(results, v)));
    expect(color.legend?.values).toEqual(['baseline', ...shown.slice(4)]);
    expect(variantColorEncoding(results, shown, false).legend).toBeNull();
  });
});

describe('charts of many variants', () => {
  test('KPI gains: a panel per KPI, each variant named on the y axis, no variant legend', () => {
    const results = withVariants(12);
    const spec = specJson(kpiGainsChart(results));
    expect(spec.layer).toBeUndefined();
    expect(spec.vconcat.map((p: { title: { text: string } }) => p.title.text)).toEqual([
      'order · mean cycle time',
      'order · p90 cycle time',
      'order · SLA attainment (pp)',
      'order · throughput per day',
    ]);
    const [bars] = spec.vconcat[0].layer;
    expect(bars.encoding.y.field).toBe('variant');
    expect(bars.encoding.yOffset).toBeUndefined();
    expect(bars.encoding.color.legend).toBeNull();
    expect(spec.resolve).toEqual({ scale: { y: 'independent', x: 'shared' } });
    expect(spec.title.subtitle.at(-1)).toBe(
      'in colour: the baseline and the 9 variants with the best change of order · mean cycle time; light grey: the other 3',
    );
  });

  test('KPI gains: beyond ten variants each panel the five best changes and the five worst, best first, said in the subtitle', () => {
    const results = withVariants(12); // option_i's mean cycle time changes by -i%, the other KPIs alike in every variant
    const spec = specJson(kpiGainsChart(results));
    const shown = (panel: number) => spec.vconcat[panel].layer[0].data.values.map((r: { variant: string }) => r.variant);
    const option = (...i: number[]) => i.map((n) => `option_${n}`);
    // lower is better: -11% first, -0% last; option_5 and option_6, in the middle, left out
    expect(shown(0)).toEqual(option(11, 10, 9, 8, 7, 4, 3, 2, 1, 0));
    expect(spec.vconcat[0].layer[0].encoding.y.sort).toEqual(option(11, 10, 9, 8, 7, 4, 3, 2, 1, 0));
    // every change the same: the first five and the last five in the results' order
    expect(shown(1)).toEqual(option(0, 1, 2, 3, 4, 7, 8, 9, 10, 11));
    // the interval lines are those of the bars kept
    expect(spec.vconcat[0].layer.at(-2).data.values.map((r: { variant: string }) => r.variant)).toEqual(shown(0));
    expect(spec.title.subtitle.at(-2)).toBe(
      'each outcome: the 5 best and the 5 worst changes of the 12 variants, best first; the others are in the tables',
    );
    // ten variants: every bar, in the results' order, and no such line
    const ten = specJson(kpiGainsChart(withVariants(10)));
    expect(ten.vconcat[0].layer[0].encoding.y.sort).toEqual(option(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    expect(ten.title.subtitle.join('\n')).not.toContain('best and the');
  });

  test('team diagnostics: beyond ten variants each team the ten largest changes in size, highest first, said in the subtitle (s62E)', () => {
    const results = withVariants(12);
    // option_i moves the desk's utilisation by i - 6 points: -6 (option_0) to +5 (option_11)
    for (const c of results.comparisons)
      if (c.metric === 'resources.desk.utilization') c.delta = (Number(c.variant.slice('option_'.length)) - 6) / 100;
    const spec = specJson(diagnosticChangesChart(results));
    const option = (...i: number[]) => i.map((n) => `option_${n}`);
    const kept = option(11, 10, 9, 8, 5, 4, 3, 2, 1, 0); // option_6 (0) and option_7 (+1, after option_5's -1 in size) left out
    expect(spec.vconcat[0].layer[0].data.values.map((r: { variant: string }) => r.variant)).toEqual(kept);
    expect(spec.vconcat[0].layer[0].encoding.y.sort).toEqual(kept);
    expect(spec.title.subtitle).toContain(
      'each team: the 10 largest changes of the 12 variants, highest first; the others are in the tables',
    );
    expect(spec.title.subtitle.join('\n')).not.toContain('best and the');
    // ten variants: every bar
    const ten = specJson(diagnosticChangesChart(withVariants(10)));
    expect(new Set(ten.vconcat[0].layer[0].data.values.map((r: { variant: string }) => r.variant)).size).toBe(10);
    expect(ten.title.subtitle.join('\n')).not.toContain('largest changes');
  });

  test("extremeRows: best first in the better direction, ties in the rows' order, a change that is no number worst", () => {
    const row = (variant: string, change: number) => ({ variant, change }) as GainRow;
    const rows = [row('a', 3), row('b', Number.NaN), ...Array.from({ length: 10 }, (_, i) => row(`v${i}`, i))];
    // a ties v3 and stays before it, as in the rows
    expect(extremeRows(rows, 'higher').map((r) => r.variant)).toEqual(['v9', 'v8', 'v7', 'v6', 'v5', 'v3', 'v2', 'v1', 'v0', 'b']);
    expect(extremeRows(rows, 'lower').map((r) => r.variant)).toEqual(['v0', 'v1', 'v2', 'a', 'v3', 'v6', 'v7', 'v8', 'v9', 'b']);
    // ten rows or fewer: all, as they were
    expect(extremeRows(rows.slice(0, 10), 'lower')).toEqual(rows.slice(0, 10));
    // neither direction better (a team's utilisation): the ten largest in size, highest first (s62E)
    expect(extremeRows(rows, 'neither').map((r) => r.variant)).toEqual(['v9', 'v8', 'v7', 'v6', 'v5', 'v4', 'a', 'v3', 'v2', 'v1']);
    expect(extremeRows([...rows, row('c', -8)], 'neither').map((r) => r.variant)).toEqual([
      'v9',
      'v8',
      'v7',
      'v6',
      'v5',
      'v4',
      'a',
      'v3',
      'v2',
      'c',
    ]);
  });

  test('SLA attainment: a panel per flow, each variant named; a few variants keep one chart', () => {
    expect(specJson(slaChart(withVariants(12))).vconcat[0].layer[0].encoding.y.field).toBe('variant');
    const few = specJson(slaChart(withVariants(3)));
    expect(few.vconcat).toBeUndefined();
    expect(few.layer[0].encoding.yOffset.field).toBe('variant');
  });

  test('cycle time and queue length over time: the baseline and the coloured variants only, said in the subtitle', () => {
    const results = withVariants(12);
    const drawn = ['baseline', ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `option_${i}`)];
    const note = 'drawn: the baseline and the 9 variants with the best change of order · mean cycle time; the other 3 are in the tables';
    const cycle = specJson(cycleTimeChart(results));
    const lines = cycle.vconcat[0].layer[0];
    expect([...new Set(lines.data.values.map((p: { variant: string }) => p.variant))]).toEqual(drawn);
    expect(lines.encoding.color.legend.values).toBeUndefined();
    expect(cycle.title.subtitle).toContain(note);
    const queue = specJson(queueLengthChart(results));
    const points = queue.vconcat[0].layer.at(-1).data.values;
    expect([...new Set(points.map((p: { variant: string }) => p.variant))]).toEqual(drawn);
    expect(queue.title.subtitle.at(-1)).toBe(note);
  });

  test('where the time goes and bottlenecks: only the baseline and the coloured variants, said in the subtitle', () => {
    const results = withVariants(12);
    const drawn = ['baseline', ...[3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => `option_${i}`)];
    const split = specJson(timeSplitChart(results));
    expect([...new Set(split.vconcat[0].data.values.map((r: { variant: string }) => r.variant))]).toEqual(drawn);
    expect(split.title.subtitle.at(-1)).toBe(
      'drawn: the baseline and the 9 variants with the best change of order · mean cycle time; the other 3 are in the tables',
    );
    // every bar drawn in a colour of its own: one chart with a legend, as with few variants
    const bottlenecks = specJson(bottleneckSharesChart(results));
    expect(bottlenecks.vconcat).toBeUndefined();
    expect([...new Set(bottlenecks.layer[0].data.values.map((r: { variant: string }) => r.variant))]).toEqual(drawn);
    expect(bottlenecks.layer[0].encoding.color.legend.values).toBeUndefined();
  });
});

describe('long names on a chart', () => {
  const long = (i: number) => `staffing_option_${i}_adds_units_to_the_fttp_field_installation_engineers_team`;

  test('shortened in the middle, both ends kept; short ones as they are', () => {
    expect(shortLabel('order_desk')).toBe('order_desk');
    const short = shortLabel(long(7));
    expect([...short]).toHaveLength(LABEL_CHARS);
    expect(short).toBe('staffing_option_7_adds_units_to_the_…allation_engineers_team');
    expect(shortLabel(long(7), 80)).toBe(long(7));
  });

  test("drawn on the axis as shortLabel says, whole in the spec's data (the tooltips)", async () => {
    const results = withVariants(12, long);
    const spec = specJson(slaChart(results));
    expect(spec.config.axis.labelExpr).toBe(chartLabelExpr());
    expect(spec.vconcat[0].layer[0].data.values[1].variant).toBe(long(0));
    const svg = await renderSvg(spec);
    for (let i = 0; i < 12; i++) {
      expect(svg).toContain(`>${shortLabel(long(i))}<`);
      expect(svg).not.toContain(`>${long(i)}<`);
    }
  });
});
