import type { TopLevelSpec, Config } from 'vega-lite';
export type Panel = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];
export type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
const CONFIG: Config = { font: 'sans-serif', axis: { labelFontSize: 11 } };
export function header(title: string, subtitle: string) {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title: { text: title, subtitle, anchor: 'start' as const }, config: CONFIG, background: 'white' };
}
const l: Layer = { mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' } } };
const p: Panel = { layer: [l], width: 100 };
export const s1: TopLevelSpec = { ...header('a', 'b'), vconcat: [p], resolve: { scale: { color: 'shared' } } };
export const s2: TopLevelSpec = { ...header('a', 'b'), layer: [l], width: 100, height: { step: 12, for: 'offset' } };
