// A share (0..100%) per flow or team, one bar per variant side by side, with the 95% interval
// of the mean over the replications as an error bar; a bar a warning concerns is outlined,
// dashed, as the gains chart outlines its own (change-bars.ts).
import type { Results, Stat } from '../../engine/results/types.js';
import { barOffset, header, namesAxis, panelTitle, plotWidth, VARIANT_PANELS, variantAxis, type Chart } from '../chart.js';
import { colourNote, greyVariants, variantColorEncoding } from '../colors.js';
import { variantNames } from '../names.js';
import { smallest } from '../../engine/lists.js';
import { percentText } from '../../engine/number-format.js';
import { SEE_WARNINGS, warnedOutlineLayers } from './change-bars.js';

export interface ShareRow {
  group: string;
  variant: string;
  share: number;
  low: number | null;
  high: number | null;
  /** SEE_WARNINGS when a warning of the run concerns the bar (the executive page's "(see warnings)"): outlined, dashed */
  caution?: typeof SEE_WARNINGS | null;
}

/** A t interval around a share close to 0 or 1 can cross the bound; the share itself cannot. */
export function shareRow(group: string, variant: string, stat: Stat): ShareRow | null {
  if (stat.mean === null) return null;
  const clamp = (x: number) => Math.min(1, Math.max(0, x));
  return { group, variant, share: stat.mean, low: stat.ci95 ? clamp(stat.ci95[0]) : null, high: stat.ci95 ? clamp(stat.ci95[1]) : null };
}

export interface ShareBarsOptions {
  name: string;
  title: string;
  subtitle: string[];
  /** x-axis title */
  measure: string;
}

/**
 * The axis range: from 0 when the bars start low, else zoomed to the data in steps of 5 points
 * so that a change of 2 pp can be seen; `from` above 0 is an axis break the subtitle states.
 */
export function shareDomain(rows: ShareRow[]): [number, number] {
  const lows = rows.map((r) => Math.min(r.share, r.low ?? r.share));
  const from = Math.floor((smallest(lows) - 0.02) * 20) / 20;
  return [from < 0.3 ? 0 : from, 1];
}

export function shareBarsChart(results: Results, rows: ShareRow[], options: ShareBarsOptions): Chart | null {
  if (rows.length === 0) return null;
  const domain = shareDomain(rows);
  const subtitle = [
    ...options.subtitle,
    ...(domain[0] > 0
      ? [`the axis starts at ${percentText(domain[0])}, not 0 (an axis break): bar lengths exaggerate the differences, read the values`]
      : []),
    ...(rows.some((r) => r.caution === SEE_WARNINGS) ? [`dashed outline: a warning concerns the bar ${SEE_WARNINGS}`] : []),
  ];
  const groups = [...new Set(rows.map((r) => r.group))];
  const variants = variantNames(results).filter((v) => rows.some((r) => r.variant === v));
  const x = { type: 'quantitative' as const, title: options.measure, scale: { domain, zero: false, clamp: true }, axis: { format: '.0%' } };
  const head = { name: options.name, title: options.title };
  if (greyVariants(results, variants).length > 0) {
    // a panel per flow or team, a variant's name on its bar: the grey bars' colour cannot tell them apart
    // the variants named on each panel's axis, no legend of them
    const names = namesAxis(variants, []);
    const width = plotWidth(variants, []);
    const panels = groups.map((group) => {
      const mine = rows.filter((r) => r.group === group);
      const y = { ...variantAxis(variants.filter((v) => mine.some((r) => r.variant === v))), ...names };
      return { title: panelTitle(group, width), width, height: { step: 16 }, layer: shareLayers(results, mine, x, y, null, false) };
    });
    return {
      ...head,
      spec: { ...header(options.title, [...subtitle, ...colourNote(results, variants)]), vconcat: panels, resolve: VARIANT_PANELS },
    };
  }
  const y = { field: 'group', type: 'nominal' as const, sort: groups, title: null, ...namesAxis(groups, variants) };
  return {
    ...head,
    spec: {
      ...header(options.title, subtitle),
      width: plotWidth(groups, variants),
      height: { step: 16, for: 'offset' },
      layer: shareLayers(results, rows, x, y, barOffset('variant', variants), true),
    },
  };
}

/** The bars, their outlines and their interval lines; `yOffset` null where the variant is the y axis itself. */
function shareLayers<X extends object, Y extends object>(
  results: Results,
  rows: ShareRow[],
  x: X,
  y: Y,
  yOffset: object | null,
  legend: boolean,
) {
  const variants = variantNames(results).filter((v) => rows.some((r) => r.variant === v));
  const offset = yOffset === null ? {} : { yOffset };
  return [
    {
      data: { values: rows },
      mark: { type: 'bar' as const },
      encoding: {
        y,
        ...offset,
        x: { ...x, field: 'share' },
        color: variantColorEncoding(results, variants, legend),
        tooltip: [
          { field: 'variant', type: 'nominal' as const },
          { field: 'group', type: 'nominal' as const, title: 'for' },
          { field: 'share', type: 'quantitative' as const, title: 'mean', format: '.1%' },
          { field: 'low', type: 'quantitative' as const, title: '95% interval from', format: '.1%' },
          { field: 'high', type: 'quantitative' as const, title: '95% interval to', format: '.1%' },
        ],
      },
    },
    ...warnedOutlineLayers(rows, y, yOffset, { ...x, field: 'share' }),
    {
      data: { values: rows.filter((r) => r.low !== null) },
      mark: { type: 'rule' as const, color: '#111827', strokeWidth: 1.5 },
      encoding: { y, ...offset, x: { ...x, field: 'low' }, x2: { field: 'high' } },
    },
  ];
}
