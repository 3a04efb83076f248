// KPI gains: each variant's change against the baseline in % of the baseline (a share's in
// percentage points, as every output reads it), with its 95%
// paired interval as an error bar; a faded bar is a change the interval cannot tell from zero,
// or an outcome's that does not survive Holm's adjustment within its variant's outcome family;
// an outcome a warning concerns (the executive page's "(see warnings)") is outlined, dashed.
// With many variants a panel per KPI names each on its bar, and an outcome's panel keeps its
// five best and five worst changes, a team's its ten largest (extremeRows): the tables hold the rest.
import { isShown, metricKindOf, type MetricRole } from '../../engine/model/metric-catalogue.js';
import type { Results } from '../../engine/results/types.js';
import { header, namesAxis, panelTitle, plotWidth, VARIANT_PANELS, type Chart } from '../chart.js';
import { colourNote, greyVariants, variantColorEncoding } from '../colors.js';
import { changeOf, costsOf, immaterial, keptSignificant, metricLabel, redefinedFigure, windowEndsFigure } from '../format.js';
import { inReadingOrder } from '../gains.js';
import { variantNames } from '../names.js';
import { changeBarsLayers, type ChangeRow, SEE_WARNINGS } from './change-bars.js';
import { warningsOn } from '../executive.js';

export interface GainRow extends ChangeRow {
  kpi: string;
  variant: string;
  /** '%' of the baseline, or 'pp' (percentage points) for a share */
  unit: '%' | 'pp';
}

/** The KPIs a reader compares variants on (the catalogue's gains_chart metrics of one role), each change in the unit it reads in. */
export function gainRows(results: Results, role: MetricRole = 'outcome'): GainRow[] {
  return gainEntries(results, role).map((e) => e.row);
}

/** gainRows, each with the catalogue's better direction of its metric (which the chart's data does not carry). */
function gainEntries(results: Results, role: MetricRole): { row: GainRow; better: 'lower' | 'higher' | 'neither' }[] {
  const costs = costsOf(results);
  return inReadingOrder(results.comparisons).flatMap((c) => {
    const kind = metricKindOf(c.metric);
    const change = kind !== null && kind.role === role && isShown(kind, 'gains_chart') ? changeOf(c) : null;
    if (kind === null || change === null) return [];
    const row: GainRow = {
      kpi: change.unit === 'pp' ? `${metricLabel(c.metric)} (pp)` : metricLabel(c.metric),
      variant: c.variant,
      unit: change.unit,
      change: change.value,
      low: change.low,
      high: change.high,
      // an outcome the executive page does not call better or worse is faded as it greys it: not kept by Holm's
      // adjustment, no comparison (another target, the window's ends) or no material change
      difference:
        keptSignificant(c) && !(role === 'outcome' && (redefinedFigure(c, costs) || windowEndsFigure(c, costs) || immaterial(c)))
          ? ('significant' as const)
          : ('not significant' as const),
      // the executive page's "(see warnings)" on the same outcome row: outlined in the chart
      caution: role === 'outcome' && warningsOn(results, c).length > 0 ? SEE_WARNINGS : null,
    };
    return [{ row, better: kind.better }];
  });
}

/** The bars a KPI's panel keeps when a report has many variants: the best and the worst changes, half each. */
export const EXTREME_BARS = 10;

/**
 * A KPI's rows in a report of many variants: all of them up to EXTREME_BARS, in order; beyond, the
 * EXTREME_BARS / 2 best changes and as many worst (by the point estimate in the catalogue's
 * better direction), best first. 50 bars a KPI made the chart 9,000 px tall; the tables hold
 * every variant's change. Where neither direction is better (a team's utilisation), the
 * EXTREME_BARS largest in size, highest first: the five highest of 50 were mostly variants that
 * leave the team alone, at 0 (s62E).
 */
export function extremeRows(rows: readonly GainRow[], better: 'lower' | 'higher' | 'neither'): GainRow[] {
  if (rows.length <= EXTREME_BARS) return [...rows];
  const sign = better === 'lower' ? -1 : 1;
  const score = (r: GainRow) => (Number.isFinite(r.change) ? sign * r.change : Number.NEGATIVE_INFINITY);
  // a stable sort: equal changes keep the results' order
  const ranked = [...rows].sort((a, b) => score(b) - score(a) || 0);
  if (better === 'neither') {
    const size = (r: GainRow) => (Number.isFinite(r.change) ? Math.abs(r.change) : Number.NEGATIVE_INFINITY);
    const largest = new Set([...rows].sort((a, b) => size(b) - size(a) || 0).slice(0, EXTREME_BARS));
    return ranked.filter((r) => largest.has(r));
  }
  return [...ranked.slice(0, EXTREME_BARS / 2), ...ranked.slice(ranked.length - EXTREME_BARS / 2)];
}

/** What a chart's subtitle says of the rows extremeRows kept, by the better direction of its KPIs. */
function keptNote(better: 'lower' | 'higher' | 'neither', variants: number): string {
  return better === 'neither'
    ? `each team: the ${EXTREME_BARS} largest changes of the ${variants} variants, highest first; the others are in the tables`
    : `each outcome: the ${EXTREME_BARS / 2} best and the ${EXTREME_BARS / 2} worst changes of the ${variants} variants, best first; the others are in the tables`;
}

export function kpiGainsChart(results: Results): Chart | null {
  return changesChart(
    results,
    gainEntries(results, 'outcome'),
    'kpi-gains',
    'Outcome gains against the baseline',
    [
      "change of each outcome in % of the baseline, of a share (pp) in percentage points; line: 95% paired interval; faded: not significant, not after Holm's adjustment, no comparison or no material change (below 0.5%, 0.5 pp); dashed outline: a warning concerns it (see warnings)",
      'lower is better for cycle times and cost, higher for throughput and SLA attainment; team diagnostics are in their own chart',
    ],
    true,
  );
}

/** The diagnostics' changes (team utilisation and the like), never on the outcomes' axis: an idle team is no gain. */
export function diagnosticChangesChart(results: Results): Chart | null {
  return changesChart(
    results,
    gainEntries(results, 'diagnostic'),
    'diagnostic-changes',
    'Team diagnostics against the baseline',
    [
      "change of each team's utilisation in percentage points; line: 95% paired interval; faded: not significant",
      'why the outcomes move: a team that is less busy is not a gain by itself',
    ],
    true,
  );
}

/** `extremes`: with many variants, each KPI's panel keeps its best and worst (or largest) changes only (extremeRows). */
function changesChart(
  results: Results,
  entries: ReturnType<typeof gainEntries>,
  name: string,
  title: string,
  subtitle: string[],
  extremes = false,
): Chart | null {
  if (entries.length === 0) return null;
  const rows = entries.map((e) => e.row);
  const kpis = [...new Set(rows.map((r) => r.kpi))];
  const variants = variantNames(results).filter((v) => rows.some((r) => r.variant === v));
  const bars = (
    mine: GainRow[],
    group: { field: 'kpi'; order: string[] } | null,
    legend: boolean,
    names: ReturnType<typeof namesAxis>,
    order = variants.filter((v) => mine.some((r) => r.variant === v)),
  ) =>
    changeBarsLayers({
      rows: mine,
      group,
      names,
      split: { field: 'variant', order },
      color: variantColorEncoding(results, variants, legend),
      xTitle: 'change against the baseline (%, or pp for shares)',
      tooltip: [{ field: 'variant' }, { field: 'kpi', title: 'KPI' }, { field: 'unit', title: 'unit' }],
    });
  if (greyVariants(results, variants).length > 0) {
    // a panel per KPI, a variant's name on its bar: the grey bars' colour cannot tell them apart
    const notes = new Set<string>();
    // the variants named on each panel's axis, no legend of them
    const names = namesAxis(variants, []);
    const width = plotWidth(variants, []);
    const panels = kpis.map((kpi) => {
      const mine = entries.filter((e) => e.row.kpi === kpi);
      const all = mine.map((e) => e.row);
      const kept = extremes ? extremeRows(all, mine[0].better) : all;
      // the bars kept, best first; every variant, in the results' order
      const order = kept.length < all.length ? kept.map((r) => r.variant) : undefined;
      if (order) notes.add(keptNote(mine[0].better, variants.length));
      return { title: panelTitle(kpi, width), width, height: { step: 16 }, layer: bars(kept, null, false, names, order) };
    });
    const note = [...notes];
    return {
      name,
      title,
      spec: { ...header(title, [...subtitle, ...note, ...colourNote(results, variants)]), vconcat: panels, resolve: VARIANT_PANELS },
    };
  }
  return {
    name,
    title,
    spec: {
      ...header(title, subtitle),
      width: plotWidth(kpis, variants),
      height: { step: 16, for: 'offset' },
      layer: bars(rows, { field: 'kpi', order: kpis }, true, namesAxis(kpis, variants)),
    },
  };
}
