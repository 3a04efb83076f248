// A chart of the report: a Vega-Lite spec with its data inlined, named for its files
// (charts/NAME.vl.json, charts/NAME.svg) and its element in report.html.
import type { Config, TopLevelSpec } from 'vega-lite';
import type { Results } from '../engine/results/types.js';

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
 * Labels are never cut short (limit 0): a truncated name cannot be read, so the layout makes room
 * instead; labelSeparation keeps neighbouring tick labels apart rather than touching.
 */
const CONFIG: Config = {
  font: 'Helvetica, Arial, sans-serif',
  title: { anchor: 'start', fontSize: 15, subtitleFontSize: 12, subtitleColor: '#4b5563', offset: 14 },
  axis: {
    labelFontSize: 11,
    labelLimit: 0,
    labelSeparation: 6,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    titleColor: '#374151',
    gridColor: '#e5e7eb',
  },
  // about one tick per 70 px of a 560 px axis: 40 (vega-lite's default) crowds decimal labels
  axisQuantitative: { tickCount: 8 },
  legend: { labelFontSize: 11, labelLimit: 0, titleLimit: 0, titleFontSize: 12, titleFontWeight: 'normal' },
  view: { stroke: null },
  concat: { spacing: 32 },
};

/** Title, subtitle lines and the look shared by every chart. */
export function header(title: string, subtitle: string[]) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    background: 'white',
    padding: 12,
    config: CONFIG,
  };
}

/** A panel's own title: the flow or team it shows. */
export function panelTitle(text: string) {
  return { text, fontSize: 13, anchor: 'start' as const, offset: 8 };
}

/**
 * vega groups rows in plain objects keyed by a field's value (its stack, facet and scale
 * code), so a value spelt like an Object.prototype member (a team named `constructor`, a
 * variant named `__proto__`) breaks the chart. Such strings get an invisible zero-width space
 * appended: the chart reads the same, and vega sees a key no object inherits.
 */
export function safeForVega<T>(spec: T): T {
  return guard(spec) as T;
}

const ZERO_WIDTH_SPACE = '\u200b';

function guard(value: unknown): unknown {
  if (typeof value === 'string') return value in Object.prototype ? value + ZERO_WIDTH_SPACE : value;
  if (Array.isArray(value)) return value.map(guard);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // a plain assignment makes the same own property, but for `__proto__`, which it would take as the prototype
    if (key === '__proto__') Object.defineProperty(out, key, { value: guard(item), enumerable: true, writable: true, configurable: true });
    else out[key] = guard(item);
  }
  return out;
}
