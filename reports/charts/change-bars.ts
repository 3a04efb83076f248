// Horizontal bars of a change in % of the baseline, grouped on the y axis and split by a second
// field within each group, with the 95% paired interval as a line through each bar and a rule
// at zero; a faded bar is a change its interval cannot tell from zero. Shared by the KPI gains
// and the sensitivity charts.
import { barOffset } from '../chart.js';

/** A row: `change`, `low` and `high` in % of the baseline, and whether the interval excludes 0. */
export interface ChangeRow {
  change: number;
  low: number | null;
  high: number | null;
  difference: 'significant' | 'not significant';
  /** SEE_WARNINGS when a warning of the run concerns the row (the executive page's "(see warnings)"): its bar is outlined, dashed */
  caution?: typeof SEE_WARNINGS | null;
}

/** The mark's legend entry and tooltip for a bar a warning concerns, in the executive page's words. */
export const SEE_WARNINGS = '(see warnings)';

/**
 * A bar a warning concerns: outlined, dashed, with a legend entry, so that the chart copied alone
 * into a deck keeps the caveat. No layer when no row is warned (no empty legend). `y`, `yOffset`
 * (null where the bars have none), `x`: the bars' own encodings, so the outline lies on its bar.
 */
export function warnedOutlineLayers<Y, O, X>(rows: readonly { caution?: string | null }[], y: Y, yOffset: O | null, x: X) {
  const warned = rows.filter((r) => r.caution === SEE_WARNINGS);
  if (warned.length === 0) return [];
  return [
    {
      data: { values: warned },
      mark: { type: 'bar' as const, fillOpacity: 0, stroke: '#b45309', strokeWidth: 2 },
      encoding: {
        y,
        ...(yOffset === null ? {} : { yOffset }),
        x,
        strokeDash: {
          field: 'caution',
          type: 'nominal' as const,
          scale: { domain: [SEE_WARNINGS], range: [[4, 2]] },
          legend: { title: 'a warning concerns it' },
        },
        tooltip: [{ field: 'caution', type: 'nominal' as const, title: 'warnings' }],
      },
    },
  ];
}

export interface ChangeBarsOptions<R extends ChangeRow> {
  rows: R[];
  /** the field grouping the bars on the y axis, in this order; null: one group, `split` on the y axis itself */
  group: { field: keyof R & string; order: string[] } | null;
  /** the y axis's own labelExpr where its names are shortened further than every chart's (chart.ts namesAxis) */
  names?: { axis?: { labelExpr: string } };
  /** the field splitting a group into side-by-side bars, in this order */
  split: { field: keyof R & string; order: string[] };
  /** the colour encoding (usually of `split`) */
  color: object;
  xTitle: string;
  /** tooltip lines before the change and its interval */
  tooltip: { field: keyof R & string; title?: string }[];
}

export function changeBarsLayers<R extends ChangeRow>(o: ChangeBarsOptions<R>) {
  const y =
    o.group === null
      ? { ...barOffset(o.split.field, o.split.order), title: null, ...o.names }
      : { field: o.group.field, type: 'nominal' as const, sort: o.group.order, title: null, ...o.names };
  const yOffset = o.group === null ? null : barOffset(o.split.field, o.split.order);
  const offset = yOffset === null ? {} : { yOffset };
  return [
    {
      data: { values: o.rows },
      mark: { type: 'bar' as const },
      encoding: {
        y,
        ...offset,
        x: { field: 'change', type: 'quantitative' as const, title: o.xTitle, axis: { format: '+~f' } },
        color: o.color,
        opacity: {
          field: 'difference',
          type: 'ordinal' as const,
          scale: { domain: ['significant', 'not significant'], range: [1, 0.35] },
          legend: { title: '95% interval' },
        },
        tooltip: [
          ...o.tooltip.map((t) => ({ field: t.field, type: 'nominal' as const, ...(t.title ? { title: t.title } : {}) })),
          { field: 'change', type: 'quantitative' as const, title: 'change (%)', format: '+.1f' },
          { field: 'low', type: 'quantitative' as const, title: 'interval from (%)', format: '+.1f' },
          { field: 'high', type: 'quantitative' as const, title: 'interval to (%)', format: '+.1f' },
        ],
      },
    },
    ...warnedOutlineLayers(o.rows, y, yOffset, { field: 'change', type: 'quantitative' as const }),
    {
      data: { values: o.rows.filter((r) => r.low !== null) },
      mark: { type: 'rule' as const, color: '#111827', strokeWidth: 1.5 },
      encoding: { y, ...offset, x: { field: 'low', type: 'quantitative' as const }, x2: { field: 'high' } },
    },
    {
      data: { values: [{ zero: 0 }] },
      mark: { type: 'rule' as const, color: '#374151' },
      encoding: { x: { field: 'zero', type: 'quantitative' as const } },
    },
  ];
}
