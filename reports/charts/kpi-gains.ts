// KPI gains: each variant's change against the baseline in % of the baseline (a share's in
// percentage points, as every output reads it), with its 95%
// paired interval as an error bar; a faded bar is a change the interval cannot tell from zero,
// or an outcome's that does not survive Holm's adjustment within its variant's outcome family;
// an outcome a warning concerns (the executive page's "(see warnings)") is outlined, dashed.
import { isShown, metricKindOf, type MetricRole } from '../../engine/model/metric-catalogue.js';
import type { Results } from '../../engine/results/types.js';
import { header, panelTitle, PANEL_WIDTH, VARIANT_PANELS, type Chart } from '../chart.js';
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
  const costs = costsOf(results);
  return inReadingOrder(results.comparisons).flatMap((c) => {
    const kind = metricKindOf(c.metric);
    const change = kind !== null && kind.role === role && isShown(kind, 'gains_chart') ? changeOf(c) : null;
    if (change === null) return [];
    return [
      {
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
      },
    ];
  });
}

export function kpiGainsChart(results: Results): Chart | null {
  return changesChart(results, gainRows(results, 'outcome'), 'kpi-gains', 'Outcome gains against the baseline', [
    "change of each outcome in % of the baseline, of a share (pp) in percentage points; line: 95% paired interval; faded: not significant, not after Holm's adjustment, no comparison or no material change (below 0.5%, 0.5 pp); dashed outline: a warning concerns it (see warnings)",
    'lower is better for cycle times and cost, higher for throughput and SLA attainment; team diagnostics are in their own chart',
  ]);
}

/** The diagnostics' changes (team utilisation and the like), never on the outcomes' axis: an idle team is no gain. */
export function diagnosticChangesChart(results: Results): Chart | null {
  return changesChart(results, gainRows(results, 'diagnostic'), 'diagnostic-changes', 'Team diagnostics against the baseline', [
    "change of each team's utilisation in percentage points; line: 95% paired interval; faded: not significant",
    'why the outcomes move: a team that is less busy is not a gain by itself',
  ]);
}

function changesChart(results: Results, rows: GainRow[], name: string, title: string, subtitle: string[]): Chart | null {
  if (rows.length === 0) return null;
  const kpis = [...new Set(rows.map((r) => r.kpi))];
  const variants = variantNames(results).filter((v) => rows.some((r) => r.variant === v));
  const bars = (mine: GainRow[], group: { field: 'kpi'; order: string[] } | null, legend: boolean) =>
    changeBarsLayers({
      rows: mine,
      group,
      split: { field: 'variant', order: variants.filter((v) => mine.some((r) => r.variant === v)) },
      color: variantColorEncoding(results, variants, legend),
      xTitle: 'change against the baseline (%, or pp for shares)',
      tooltip: [{ field: 'variant' }, { field: 'kpi', title: 'KPI' }, { field: 'unit', title: 'unit' }],
    });
  if (greyVariants(results, variants).length > 0) {
    // a panel per KPI, a variant's name on its bar: the grey bars' colour cannot tell them apart
    const panels = kpis.map((kpi) => {
      const mine = rows.filter((r) => r.kpi === kpi);
      return { title: panelTitle(kpi), width: PANEL_WIDTH, height: { step: 16 }, layer: bars(mine, null, false) };
    });
    return {
      name,
      title,
      spec: { ...header(title, [...subtitle, ...colourNote(results, variants)]), vconcat: panels, resolve: VARIANT_PANELS },
    };
  }
  return {
    name,
    title,
    spec: {
      ...header(title, subtitle),
      width: PANEL_WIDTH,
      height: { step: 16, for: 'offset' },
      layer: bars(rows, { field: 'kpi', order: kpis }, true),
    },
  };
}
