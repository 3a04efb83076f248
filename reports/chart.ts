// A chart of the report: a Vega-Lite spec with its data inlined, named for its files
// (charts/NAME.vl.json, charts/NAME.svg) and its element in report.html.
import type { Config, TopLevelSpec } from 'vega-lite';
import type { Results } from '../engine/results/types.js';
import { chartLabelExpr, LABEL_CHARS, LEGEND_CHARS, shortLabel, TITLE_CHARS, words } from './format.js';
import { textWidth, wrap } from './text-width.js';

export interface Chart {
  /** file stem and element id, e.g. kpi-gains */
  name: string;
  /** for captions and alt text */
  title: string;
  spec: TopLevelSpec;
}

/** A chart module: null when the results hold nothing it can show. */
export type ChartBuilder = (results: Results) => Chart | null;

/** One view of a vertical stack (a panel per flow or per team). */
export type Panel = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

/** A single view: one mark, its data and encoding. */
export type UnitPanel = Extract<Panel, { mark: unknown }>;

export const PANEL_WIDTH = 560;

/**
 * A name longer than LABEL_CHARS (a flow, team or variant of 60 characters and more) is shortened
 * in the middle on an axis or a legend (chartLabelExpr), and a panel's title likewise: drawn
 * whole it squashed the plot beside it to a third of its width. vega's own labelLimit is not
 * used: it cuts by its 0.8 em guess of every character, not by Helvetica's widths (the copy of
 * vega-scenegraph that vega-view draws with is not the one whose textMetrics svg.ts sets), so
 * that labels ended at 60% of the limit. labelSeparation keeps neighbouring tick labels apart.
 */

const LABEL_EXPR = chartLabelExpr();

const SUBTITLE_SIZE = 12;

/** Axis and legend labels' font size, px. */
export const LABEL_SIZE = 11;

/**
 * A legend of names (variants, flows): each shortened in the middle beyond LEGEND_CHARS, shorter
 * than on an axis, as the legend and the axis labels share the column beside the plot
 * (vega-lite's legend config takes no labelExpr). The full name is in the tooltips and the tables.
 */
export const NAME_LEGEND = { labelExpr: chartLabelExpr(LEGEND_CHARS) };

/**
 * The widest a chart is drawn, px: report.html's body is 1,120 px at most (html.ts), and 64 less
 * leaves room for a browser's fonts, a few px wider than Helvetica's widths in a label, and a
 * window a little narrower (s62E's bound).
 */
export const PAGE_COLUMN = 1120 - 2 * 32;

/** The least a plot is drawn at beside long names (plotWidth), px. */
const MIN_PLOT_WIDTH = 360;

/**
 * What a chart with a y axis of names and a legend takes besides the plot, its labels and its
 * legend's labels, px: the padding (2 x 12), the axis's ticks and gap, the legend's offset and
 * symbols, and some 30 px for a browser's font, wider than Helvetica's widths by a few px in a
 * label (measured: 1,207 px = 560 + a 271-px axis label + a 310-px legend label + 66).
 */
const PLOT_FRAME = 24 + 10 + 18 + 16 + 30;

/** A legend's width past its symbols whatever its labels: its widest title ("a warning concerns it", at 12 px). */
const LEGEND_FLOOR = 100;

/** The fewest characters axisChars shortens an axis's names to: a name's two ends still tell it from another's. */
const MIN_AXIS_CHARS = 24;

/** The widest of `labels` as drawn, shortened beyond `chars`, px. */
function widestLabel(labels: readonly string[], chars: number): number {
  let most = 0;
  for (const label of labels) most = Math.max(most, textWidth(shortLabel(label, chars), LABEL_SIZE, false));
  return most;
}

/** What a legend of `labels` takes beside its symbols, px: LEGEND_FLOOR at least, also for a chart naming its variants on the axis (its intervals' legend). */
function legendWidth(labels: readonly string[]): number {
  return Math.max(LEGEND_FLOOR, widestLabel(labels, LEGEND_CHARS));
}

/**
 * The most characters the y axis of names of a plotWidth chart keeps, LABEL_CHARS at most: fewer
 * where at LABEL_CHARS the plot would be narrower than MIN_PLOT_WIDTH, so that the chart still
 * fits PAGE_COLUMN. Names in capitals are some 40% wider than in small letters: a team of 64
 * capitals beside a variant of 60 made utilisation 1,086 px wide, bottlenecks 1,073 (s63E).
 */
export function axisChars(axisLabels: Iterable<string>, legendLabels: Iterable<string>): number {
  const names = [...axisLabels];
  const room = PAGE_COLUMN - PLOT_FRAME - legendWidth([...legendLabels]) - MIN_PLOT_WIDTH;
  for (let chars = LABEL_CHARS; chars > MIN_AXIS_CHARS; chars--) if (widestLabel(names, chars) <= room) return chars;
  return MIN_AXIS_CHARS;
}

/**
 * The plot's width in a chart with names on its y axis (flows, teams, outcomes) and a legend of
 * names beside it (variants): PANEL_WIDTH, less what the widest of each, shortened as drawn
 * (axisChars, LEGEND_CHARS), takes past PAGE_COLUMN, to MIN_PLOT_WIDTH at least. At full width
 * a team of 60 characters on the axis and a variant of 60 in the legend made such a chart some
 * 1,210 px wide: report.html scrolled it in its box, and a slide shrank it (s62N).
 */
export function plotWidth(axisLabels: Iterable<string>, legendLabels: Iterable<string>): number {
  const names = [...axisLabels];
  const legend = [...legendLabels];
  const room = PAGE_COLUMN - PLOT_FRAME - widestLabel(names, axisChars(names, legend)) - legendWidth(legend);
  return Math.max(MIN_PLOT_WIDTH, Math.min(PANEL_WIDTH, Math.floor(room)));
}

/**
 * The y axis's own labelExpr in a plotWidth chart whose names axisChars shortens further than
 * every chart's axis (CONFIG); nothing otherwise, so that such a chart's spec is as before.
 */
export function namesAxis(axisLabels: Iterable<string>, legendLabels: Iterable<string>): { axis?: { labelExpr: string } } {
  const chars = axisChars(axisLabels, legendLabels);
  return chars === LABEL_CHARS ? {} : { axis: { labelExpr: chartLabelExpr(chars) } };
}

const CONFIG: Config = {
  font: 'Helvetica, Arial, sans-serif',
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: SUBTITLE_SIZE, subtitleColor: '#4b5563', offset: 14 },
  axis: {
    labelFontSize: LABEL_SIZE,
    labelLimit: 0,
    labelExpr: LABEL_EXPR,
    labelSeparation: 6,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#374151',
    gridColor: '#e5e7eb',
  },
  // about one tick per 70 px of a 560 px axis: 40 (vega-lite's default) crowds decimal labels
  axisQuantitative: { tickCount: 8 },
  legend: { labelFontSize: LABEL_SIZE, labelLimit: 0, titleLimit: 0, titleFontSize: 12, titleFontWeight: 'normal' },
  view: { stroke: null },
  concat: { spacing: 32 },
};

/**
 * The widest a subtitle line is drawn, px: a longer one goes over more lines. vega draws each line
 * as it is given, and the outcome gains' first line (some 1,540 px) made that chart 1,469 px
 * wide beside a plot of 560: in report.html's 1,056-px column its legend and subtitle were cut
 * (s62E).
 */
export const SUBTITLE_WIDTH = PANEL_WIDTH + 340;

/** Title, subtitle lines (each wrapped within SUBTITLE_WIDTH) and the look shared by every chart. */
export function header(title: string, subtitle: string[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: subtitle.flatMap((line) => wrap(line, SUBTITLE_WIDTH, SUBTITLE_SIZE)) },
    background: 'white',
    padding: 12,
    config: CONFIG,
  };
}

/**
 * The scale of a quantity every value of which is 0 (a team that never queued, a flow none of
 * whose cases completed): vega made its domain [0, 0] and labelled the axis's one tick, or the
 * legend, "0.000000"; from 0 to 1 the axis reads 0.0 to 1.0 with the line on its floor. Spread
 * into the encoding; empty when any value is not 0, so that such a chart's spec is unchanged.
 */
export function zerosScale(values: Iterable<number>): { scale?: { domainMax: number } } {
  for (const v of values) if (v !== 0) return {};
  return { scale: { domainMax: 1 } };
}

/**
 * A chart of completed cases' subtitle line naming the flows it leaves out, none of whose cases
 * completed in the measured window, where they were left out unsaid (the warnings say why);
 * nothing when it draws every flow.
 */
export function undrawnFlows(flows: readonly string[]): string[] {
  return flows.length === 0 ? [] : [`not drawn: ${flows.map(words).join(', ')} (no case completed in the measured window)`];
}

/**
 * The y offset of side-by-side bars within a group (a variant's bar within its flow's): the gap
 * between them is the offset scale's padding. A bar's `height: { band }` cannot make it: vega-lite
 * centres such a bar on the group's band, not on its own, so the bars slid off their interval
 * lines and labels, by 0.075 of the whole group (60 px, four bars, at 50 variants).
 */
export function barOffset(field: string, order: readonly string[]) {
  return { field, type: 'nominal' as const, sort: [...order], scale: { paddingInner: 0.15 } };
}

/**
 * The y axis of a panel with a bar per variant (a report of many variants): each variant's name
 * beside its bar, in `order`, the gap between bars the scale's padding as in barOffset.
 */
export function variantAxis(order: readonly string[]) {
  return { field: 'variant', type: 'nominal' as const, sort: [...order], title: null, scale: { paddingInner: 0.15 } };
}

/** The panels of variantAxis charts: each its own variants on y, one quantity's x across all. */
export const VARIANT_PANELS = { scale: { y: 'independent' as const, x: 'shared' as const } };

/** A panel's title's font size, px (bold). */
const TITLE_SIZE = 13;

/**
 * A panel's own title: the flow or team it shows, shortened in the middle beyond TITLE_CHARS, and
 * further where it is wider than its plot (`width`, px), from whose left edge it is drawn: a flow
 * of 59 capitals with " · mean cycle time" ran 270 px past a plot of 438, and the chart past
 * report.html's column (s63E).
 */
export function panelTitle(text: string, width = PANEL_WIDTH) {
  let chars = TITLE_CHARS;
  while (chars > MIN_AXIS_CHARS && textWidth(shortLabel(text, chars), TITLE_SIZE, true) > width) chars--;
  return { text: shortLabel(text, chars), fontSize: TITLE_SIZE, anchor: 'start' as const, offset: 8 };
}

/**
 * vega groups rows in plain objects keyed by a field's value (its stack, facet and scale
 * code), so a value spelt like an Object.prototype member (a team named `constructor`, a
 * variant named `__proto__`) breaks the chart. Such strings get an invisible zero-width space
 * appended: the chart reads the same, and vega sees a key no object inherits. Parts with
 * nothing to mark are the spec's own, not copies (a spec is not changed after it is built).
 */
export function safeForVega<T>(spec: T): T {
  return guard(spec) as T;
}

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * The value with its strings marked, copied only where something in it changes or an object
 * lacks Object.prototype (vega reads plain objects): a spec's data rows, most of its bytes, are
 * the builders' own plain objects of numbers and ordinary names (copying them all: the
 * 50-variant report's specs 99 -> 85 ms to build, session 43).
 */
function guard(value: unknown): unknown {
  if (typeof value === 'string') return value in Object.prototype ? value + ZERO_WIDTH_SPACE : value;
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const safe = guard(item);
      if (out === null && safe !== item) out = value.slice(0, i);
      out?.push(safe);
    }
    return out ?? value;
  }
  const keys = Object.keys(value);
  let out: Record<string, unknown> | null = Object.getPrototypeOf(value) === Object.prototype ? null : {};
  for (let i = 0; i < keys.length; i++) {
    const item = (value as Record<string, unknown>)[keys[i]];
    const safe = guard(item);
    if (out === null && safe !== item) {
      out = {};
      for (let j = 0; j < i; j++) setOwn(out, keys[j], (value as Record<string, unknown>)[keys[j]]);
    }
    if (out !== null) setOwn(out, keys[i], safe);
  }
  return out ?? value;
}

/** out[key] = item as an own property: a plain assignment makes the same, but for `__proto__`, which it would take as the prototype. */
function setOwn(out: Record<string, unknown>, key: string, item: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  else out[key] = item;
}
